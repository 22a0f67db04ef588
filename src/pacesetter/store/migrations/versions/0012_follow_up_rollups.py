"""follow_up_rollups: meetings per owner, day and days to the owner's next touch on the account

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 01:30:00

Filled from the activities already stored with the grouping store/rollups.py refreshes it
with: each meeting or demo on an account, the days to the same owner's next activity on the
same account (one probe of the (account_id, owner_id, occurred_on) index), capped at 15 (none
within the 14 days a report looks ahead). A migration is frozen in time, so it spells its SQL
out per database rather than importing the application's code, which will change after it.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAYS_BETWEEN = {
    "sqlite": "CAST(julianday({}) - julianday({}) AS INTEGER)",
    "postgresql": "({} - {})",
}
NEXT_TOUCH = """(SELECT min(t.occurred_on) FROM activities t
 WHERE t.account_id = m.account_id AND t.owner_id = m.owner_id AND t.occurred_on > m.occurred_on)"""
FOLLOW_UPS = """
INSERT INTO follow_up_rollups (owner_id, day, next_touch_days, meetings)
SELECT owner_id, day, CASE WHEN gap <= 14 THEN gap ELSE 15 END, count(*)
FROM (SELECT m.owner_id, m.occurred_on AS day, {gap} AS gap FROM activities m
      WHERE m.type IN ('meeting', 'demo') AND m.account_id IS NOT NULL) meetings
GROUP BY 1, 2, 3
"""


def upgrade() -> None:
    op.create_table(
        "follow_up_rollups",
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("next_touch_days", sa.SmallInteger(), nullable=False),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "owner_id", "day", "next_touch_days", name=op.f("pk_follow_up_rollups")
        ),
        sqlite_with_rowid=False,
    )
    gap = DAYS_BETWEEN[op.get_bind().dialect.name].format(NEXT_TOUCH, "m.occurred_on")
    op.execute(FOLLOW_UPS.format(gap=gap))


def downgrade() -> None:
    op.drop_table("follow_up_rollups")
