"""signal and role-design thresholds as organisation settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 18:40:00

Each column carries a server default, so the settings row saved before this revision reads the
documented defaults (metrics.md, "Player-coach and overload signals").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (column, type, default) in the order of docs/configuration.md.
COLUMNS: tuple[tuple[str, type[sa.Float] | type[sa.Integer], str], ...] = (
    ("signal_personal_target_share", sa.Float, "0.5"),
    ("signal_personal_target_min_reports", sa.Integer, "4"),
    ("signal_top_account_fraction", sa.Float, "0.1"),
    ("signal_top_account_multiple", sa.Float, "2.0"),
    ("signal_selling_time_share", sa.Float, "0.5"),
    ("signal_one_on_one_cadence", sa.Float, "0.7"),
    ("signal_team_meeting_gap_multiple", sa.Float, "2.0"),
    ("signal_forecast_accuracy", sa.Float, "0.8"),
    ("signal_improvement_plan_rate", sa.Float, "1.0"),
    ("signal_new_hire_days", sa.Integer, "90"),
    ("signal_new_hire_one_on_one_days", sa.Integer, "30"),
    ("signal_single_closer_share", sa.Float, "0.4"),
    ("role_leadership_only_reports", sa.Integer, "8"),
    ("role_leadership_only_signals", sa.Integer, "3"),
    ("role_limit_target_reports", sa.Integer, "4"),
    ("role_limit_target_share", sa.Float, "0.25"),
)


def upgrade() -> None:
    with op.batch_alter_table("org_settings", schema=None) as batch_op:
        for name, kind, default in COLUMNS:
            batch_op.add_column(sa.Column(name, kind(), nullable=False, server_default=default))


def downgrade() -> None:
    with op.batch_alter_table("org_settings", schema=None) as batch_op:
        for name, _kind, _default in reversed(COLUMNS):
            batch_op.drop_column(name)
