"""the lists the coaching forms offer, as an admin sets them

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:15:00

One row per list (skills, pre_brief, debrief, awards); a list with no row is the product's
default (coaching/forms.py), so an organisation that never edits one needs no data.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coaching_lists",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_coaching_lists")),
    )


def downgrade() -> None:
    op.drop_table("coaching_lists")
