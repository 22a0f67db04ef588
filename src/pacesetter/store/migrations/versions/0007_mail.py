"""mail: opt-outs, the digests sent (one per person and week) and the event-mail outbox

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 20:05:00

The outbox is written in the same transaction as the goal change it tells about and sent after
that commits, so a refused change sends nothing (docs/digest.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _person(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["person_id"], ["people.id"], name=op.f(f"fk_{table}_person_id_people")
    )


def upgrade() -> None:
    op.create_table(
        "mail_preferences",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.Column("events", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _person("mail_preferences"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_mail_preferences")),
    )
    op.create_table(
        "mail_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        _person("mail_sent"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_sent")),
    )
    op.create_index("uq_mail_sent_key", "mail_sent", ["person_id", "kind", "key"], unique=True)
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        _person("mail_outbox"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_outbox")),
    )
    op.create_index("ix_mail_outbox_pending", "mail_outbox", ["sent_at"])


def downgrade() -> None:
    op.drop_index("ix_mail_outbox_pending", table_name="mail_outbox")
    op.drop_table("mail_outbox")
    op.drop_index("uq_mail_sent_key", table_name="mail_sent")
    op.drop_table("mail_sent")
    op.drop_table("mail_preferences")
