"""tv_links: revocable read-only links to a leaderboard on a screen

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 20:10:00

Only the SHA-256 of a link's token is stored (docs/leaderboards.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tv_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("show_names", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["people.id"], name=op.f("fk_tv_links_team_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["people.id"], name=op.f("fk_tv_links_created_by_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tv_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_tv_links_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("tv_links")
