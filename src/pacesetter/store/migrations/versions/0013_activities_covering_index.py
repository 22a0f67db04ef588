"""ix_activities_owner_day carries account_id and with_decision_maker on PostgreSQL (INCLUDE)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 01:40:00

Reports read the month to date of activities from the raw rows, per owner through this index:
the counts by type found everything in it, the direction share (decision-maker flag, account
for is_target) made PostgreSQL read the table, which it did by scanning every activity. With
the two columns included, both are index-only scans. SQLite has no INCLUDE: unchanged there.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX, TABLE, KEYS = "ix_activities_owner_day", "activities", ["owner_id", "occurred_on", "type"]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, KEYS, postgresql_include=["account_id", "with_decision_maker"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, KEYS)
