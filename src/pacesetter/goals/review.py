"""What a manager weighs a proposal (or any goal) against: the lint's findings and, side by
side, the person's trailing results on the goal's metric and their peers' (same manager).

The history and the peers are the very ones the lint weighed the goal against: both come from
the lint's facts, gathered once.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import (
    PERSON,
    Finding,
    GoalDraft,
    LintConfig,
    LintContext,
    ScopeKey,
    lint,
)
from pacesetter.goals.linting import lint_contexts
from pacesetter.goals.values import draft_of
from pacesetter.store.models import Goal


@dataclass(frozen=True)
class HistoryRow:
    name: str
    values: list[float | None]  # by trailing period, latest first


@dataclass(frozen=True)
class Review:
    findings: list[Finding]
    periods: list[str]  # the trailing periods, latest first
    own: HistoryRow
    peers: list[HistoryRow] = field(default_factory=list)


def reviews(session: Session, goals: Sequence[Goal], *, today: date) -> dict[int, Review]:
    """A review of each goal, by goal id: the lint's facts gathered once per period."""
    config = LintConfig()
    drafts = [draft_of(goal) for goal in goals]
    found: dict[int, Review] = {}
    for group, context in lint_contexts(session, drafts, today=today, config=config):
        findings = lint(group, context, config)
        found |= {
            goal_id: _review(draft, context, [f for f in findings if f.goal is draft])
            for draft in group
            if (goal_id := draft.goal_id) is not None
        }
    return found


def _review(draft: GoalDraft, context: LintContext, findings: list[Finding]) -> Review:
    metric = str(draft.metric)
    periods = list(context.history_periods)

    def row(key: ScopeKey, name: str) -> HistoryRow:
        return HistoryRow(name, list(context.history.get((key, metric), [None] * len(periods))))

    # Named as a person: the page adds "'s team" to a team goal's own row.
    person = context.scopes[ScopeKey(PERSON, draft.scope.person_id)]
    peers = sorted(context.peers(draft.scope), key=lambda peer: peer.name)
    return Review(
        findings,
        periods,
        row(draft.scope, person.name),
        [row(peer.key, peer.name) for peer in peers],
    )
