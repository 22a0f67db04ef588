"""coaching records as forms: private notes, balanced feedback, a deal, type-specific details

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 18:50:00

Every new column is nullable: imported records (data-formats.md, `coaching`) have none of them.
`details` holds what only one type of form asks (a 1:1's commitments, a check-in's blockers, a
ride-along's ratings per skill, a checklist's answers), as JSON; docs/coaching.md lists them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEAL_KEY = "fk_coaching_records_deal_id_deals"


def upgrade() -> None:
    with op.batch_alter_table("coaching_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("private_notes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("went_well", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("to_improve", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("deal_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f(DEAL_KEY), "deals", ["deal_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("coaching_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(DEAL_KEY), type_="foreignkey")
        for name in ("deal_id", "details", "to_improve", "went_well", "private_notes"):
            batch_op.drop_column(name)
