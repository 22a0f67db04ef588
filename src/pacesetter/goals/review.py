"""What a manager weighs a proposal (or any goal) against: the lint's findings and, side by
side, the person's trailing results on the goal's metric and their peers' (same manager)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, Finding, ScopeKey
from pacesetter.domain.vocab import Role
from pacesetter.goals.history import trailing_history
from pacesetter.goals.linting import lint_drafts
from pacesetter.goals.queries import draft_of, key_of, period_named
from pacesetter.store.models import Goal, Person

TRAILING = 3


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
    """A review of each goal, by goal id: one lint over all, one history per period and metric."""
    findings: dict[int | None, list[Finding]] = defaultdict(list)
    for finding in lint_drafts(session, [draft_of(goal) for goal in goals], today=today):
        findings[finding.goal.goal_id].append(finding)
    groups: dict[tuple[str, str], list[Goal]] = defaultdict(list)
    for goal in goals:
        groups[(goal.period, goal.metric)].append(goal)
    found: dict[int, Review] = {}
    for (period, metric), group in groups.items():
        found |= _group_reviews(session, group, (period, metric, today), findings)
    return found


def _group_reviews(
    session: Session,
    goals: list[Goal],
    about: tuple[str, str, date],
    findings: dict[int | None, list[Finding]],
) -> dict[int, Review]:
    period, metric, today = about
    span = period_named(session, period)
    people = _people_and_peers(session, goals)
    peers = {goal.id: _peers_of(goal, people) for goal in goals}
    keys = {key_of(goal) for goal in goals}
    keys |= {ScopeKey(goal.scope_type, peer.id) for goal in goals for peer in peers[goal.id]}
    history = trailing_history(session, keys, [metric], span, TRAILING, today=today)
    names = [past.name for past in history.periods]

    def row(key: ScopeKey, name: str) -> HistoryRow:
        return HistoryRow(name, history.values.get((key, metric), [None] * len(names)))

    return {
        goal.id: Review(
            findings[goal.id],
            names,
            row(key_of(goal), people[goal.person_id].name),
            [row(ScopeKey(goal.scope_type, peer.id), peer.name) for peer in peers[goal.id]],
        )
        for goal in goals
    }


def _people_and_peers(session: Session, goals: Sequence[Goal]) -> dict[int, Person]:
    """The goals' people and everyone who shares a manager with one of them."""
    ids = {goal.person_id for goal in goals}
    own = list(session.scalars(select(Person).where(Person.id.in_(ids))))
    managers = {person.manager_id for person in own if person.manager_id is not None}
    peers = session.scalars(select(Person).where(Person.manager_id.in_(managers)))
    return {person.id: person for person in [*own, *peers]}


def _peers_of(goal: Goal, people: dict[int, Person]) -> list[Person]:
    """Same manager, same kind of scope (a team's peers are the teams of sibling leaders)."""
    person = people[goal.person_id]
    leaders = {Role.MANAGER.value, Role.DIRECTOR.value}
    return sorted(
        (
            peer
            for peer in people.values()
            if peer.manager_id is not None
            and peer.manager_id == person.manager_id
            and peer.id != person.id
            and (goal.scope_type == PERSON or peer.role in leaders)
        ),
        key=lambda peer: peer.name,
    )
