"""reward rules on goals: rules, their versions with effective dates, and their audit trail

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 19:55:00

A change to a rule closes the version in effect and adds a new one, so a past period is
always paid under the terms it started under (incentives/service.py, docs/incentives.md).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _people(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["people.id"], name=op.f(f"fk_{table}_{column}_people")
    )


def upgrade() -> None:
    op.create_table(
        "reward_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("metric", sa.String(length=64), nullable=False),
        sa.Column("period_kind", sa.String(length=8), nullable=False),
        sa.Column("team_manager_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _people("reward_rules", "team_manager_id"),
        _people("reward_rules", "created_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_rules")),
    )
    op.create_index(op.f("ix_reward_rules_team_manager_id"), "reward_rules", ["team_manager_id"])
    op.create_table(
        "reward_rule_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("effective_to", sa.Date(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["reward_rules.id"],
            name=op.f("fk_reward_rule_versions_rule_id_reward_rules"),
        ),
        _people("reward_rule_versions", "created_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_rule_versions")),
    )
    op.create_index(
        "ix_reward_rule_versions_rule", "reward_rule_versions", ["rule_id", "effective_from"]
    )
    op.create_table(
        "reward_rule_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["reward_rules.id"],
            name=op.f("fk_reward_rule_changes_rule_id_reward_rules"),
        ),
        _people("reward_rule_changes", "changed_by_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reward_rule_changes")),
    )
    op.create_index(op.f("ix_reward_rule_changes_rule_id"), "reward_rule_changes", ["rule_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_reward_rule_changes_rule_id"), table_name="reward_rule_changes")
    op.drop_table("reward_rule_changes")
    op.drop_index("ix_reward_rule_versions_rule", table_name="reward_rule_versions")
    op.drop_table("reward_rule_versions")
    op.drop_index(op.f("ix_reward_rules_team_manager_id"), table_name="reward_rules")
    op.drop_table("reward_rules")
