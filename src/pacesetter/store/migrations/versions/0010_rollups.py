"""activity_rollups, deal_rollups: per-person, per-month sums of activities and closed deals

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 22:00:00

The tables are filled from the rows already stored, with the same grouping store/rollups.py
refreshes them with. A migration is frozen in time, so it spells its SQL out per database
rather than importing the application's code, which will change after it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONTH = {
    "sqlite": "date({}, 'start of month')",
    "postgresql": "CAST(date_trunc('month', {}) AS DATE)",
}
CYCLE = {
    "sqlite": "CAST(julianday(close_date) - julianday(created_date) AS INTEGER)",
    "postgresql": "(close_date - created_date)",
}
ACTIVITIES = """
INSERT INTO activity_rollups (owner_id, month, type, activities, directed)
SELECT a.owner_id, {month}, a.type, count(*),
       count(CASE WHEN a.with_decision_maker OR accounts.is_target THEN 1 END)
FROM activities a LEFT JOIN accounts ON accounts.id = a.account_id GROUP BY 1, 2, 3
"""
DEALS = """
INSERT INTO deal_rollups (owner_id, month, status, deals, amount, margin, cycle_days)
SELECT owner_id, {month}, status, count(*), sum(amount), sum(margin), sum({cycle})
FROM deals WHERE status IN ('won', 'lost') GROUP BY 1, 2, 3
"""


def upgrade() -> None:
    op.create_table(
        "activity_rollups",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.Column("directed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("owner_id", "month", "type", name=op.f("pk_activity_rollups")),
    )
    op.create_table(
        "deal_rollups",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("margin", sa.Float(), nullable=True),
        sa.Column("cycle_days", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("owner_id", "month", "status", name=op.f("pk_deal_rollups")),
    )
    dialect = op.get_bind().dialect.name
    op.execute(ACTIVITIES.format(month=MONTH[dialect].format("a.occurred_on")))
    op.execute(DEALS.format(month=MONTH[dialect].format("close_date"), cycle=CYCLE[dialect]))


def downgrade() -> None:
    op.drop_table("deal_rollups")
    op.drop_table("activity_rollups")
