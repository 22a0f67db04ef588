"""What a manager weighs a proposal (or any goal) against: the lint's findings and, side by
side, the person's trailing results on the goal's metric and their peers' (same manager).

The history and the peers are the very ones the lint weighed the goal against: both come from
the lint's facts, gathered once. Peers are named only to a viewer who may see every one of them
(their manager, a director, an admin). Anyone else (a rep on their own goal, a manager on a goal
of their own beside other managers) sees the team as an unnamed spread per period: the median
and the quartiles, and only over at least `MIN_SPREAD` peers, so no one's number can be read off.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import quantiles

from sqlalchemy import select
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
from pacesetter.store.models import Goal, Person
from pacesetter.store.scope import Scope

# Fewer peers than this and a median or quartile would all but name them.
MIN_SPREAD = 3


@dataclass(frozen=True)
class HistoryRow:
    name: str
    values: list[float | None]  # by trailing period, latest first


@dataclass(frozen=True)
class Spread:
    """The peers' values in one trailing period, unnamed; the quartiles are None when fewer
    than `MIN_SPREAD` peers have a value."""

    count: int
    lower: float | None = None
    median: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Review:
    findings: list[Finding]
    periods: list[str]  # the trailing periods, latest first
    own: HistoryRow
    peers: list[HistoryRow] = field(default_factory=list)
    team: list[Spread] | None = None  # instead of `peers`, for a viewer who may not name them


def reviews(
    session: Session, goals: Sequence[Goal], *, today: date, scope: Scope
) -> dict[int, Review]:
    """A review of each goal, by goal id: the lint's facts gathered once per period; peers
    named only when `scope` sees them all."""
    config = LintConfig()
    drafts = [draft_of(goal) for goal in goals]
    found: dict[int, Review] = {}
    for group, context in lint_contexts(session, drafts, today=today, config=config):
        findings = lint(group, context, config)
        peer_ids = {peer.key.person_id for draft in group for peer in context.peers(draft.scope)}
        hidden = _hidden(session, scope, peer_ids)
        found |= {
            goal_id: _review(draft, context, [f for f in findings if f.goal is draft], hidden)
            for draft in group
            if (goal_id := draft.goal_id) is not None
        }
    return found


def spread(values: Sequence[float | None]) -> Spread:
    """Median and quartiles (inclusive method: the quartiles lie within the values)."""
    known = sorted(value for value in values if value is not None)
    if len(known) < MIN_SPREAD:
        return Spread(len(known))
    lower, median, upper = quantiles(known, n=4, method="inclusive")
    return Spread(len(known), lower, median, upper)


def _hidden(session: Session, scope: Scope, ids: set[int]) -> set[int]:
    """The people among `ids` the viewer may not see."""
    if scope.is_unrestricted or not ids:
        return set()
    seen = session.scalars(scope.restrict(select(Person.id).where(Person.id.in_(ids)), Person.id))
    return ids - set(seen)


def _review(
    draft: GoalDraft, context: LintContext, findings: list[Finding], hidden: set[int]
) -> Review:
    metric = str(draft.metric)
    periods = list(context.history_periods)

    def values(key: ScopeKey) -> list[float | None]:
        return list(context.history.get((key, metric), [None] * len(periods)))

    # Named as a person: the page adds "'s team" to a team goal's own row.
    person = context.scopes[ScopeKey(PERSON, draft.scope.person_id)]
    own = HistoryRow(person.name, values(draft.scope))
    peers = sorted(context.peers(draft.scope), key=lambda peer: peer.name)
    if any(peer.key.person_id in hidden for peer in peers):
        columns = zip(*(values(peer.key) for peer in peers), strict=True)
        return Review(findings, periods, own, team=[spread(column) for column in columns])
    return Review(findings, periods, own, [HistoryRow(p.name, values(p.key)) for p in peers])
