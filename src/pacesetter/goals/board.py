"""A manager's team goals board: attainment and pace per person and for the team, on one
metric, read from the scorecard (the very numbers `pacesetter report scorecard` prints).

People are grouped by team (their direct manager): a director's board shows each of their
managers' teams in turn, each with a subtotal and the share of its reps on pace. A manager or
director who leads a team heads its group; without a personal goal they are not listed as a
person missing one (a leader carries no personal target), while a rep without a goal is.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.goal_lint import PERSON, TEAM
from pacesetter.domain.pacing import MetricKind
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import Role
from pacesetter.goals.actor import Actor
from pacesetter.goals.share import PersonalShare, personal_share
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.contribution import Contribution, team_contributions
from pacesetter.metrics.scorecard import GoalLine, ScorecardRow, build_scorecard
from pacesetter.store.models import Person

SORTS = ("name", "target", "actual", "attainment", "pace", "projection")


@dataclass(frozen=True)
class BoardRow:
    person_id: int
    name: str
    role: str
    line: GoalLine | None  # None: no approved goal on the metric
    manager_id: int | None = None


@dataclass(frozen=True)
class Subtotal:
    """A group's sums (None for a metric that does not add up, e.g. a rate) and its reps on
    pace: reps with a goal whose pace is 100% or more, over reps with a goal."""

    target: float | None
    actual: float | None
    attainment: float | None
    reps_on_pace: int
    reps_with_goal: int

    @property
    def on_pace_share(self) -> float | None:
        return self.reps_on_pace / self.reps_with_goal if self.reps_with_goal else None


@dataclass(frozen=True)
class BoardGroup:
    """One team: its manager (`lead`) and the people whose direct manager they are."""

    lead_id: int
    lead_name: str
    rows: list[BoardRow]
    subtotal: Subtotal


@dataclass(frozen=True)
class Board:
    manager: Person
    period: Period
    as_of: date
    metric: str
    rows: list[BoardRow]
    team: GoalLine | None
    personal: PersonalShare
    groups: list[BoardGroup]
    subtotal: Subtotal  # the whole board
    # Each member's contribution to their lead's team revenue, by person (leads excluded).
    contributions: dict[int, Contribution]


def team_board(
    session: Session,
    actor: Actor,
    manager_id: int,
    period: Period,
    as_of: date,
    *,
    metric: str = "revenue_won",
    sort: str = "name",
) -> Board:
    """Everyone in the manager's team with their goal on `metric`, sorted by `sort`."""
    manager = actor.scope.person(session, manager_id)
    # Restricted by the viewer's scope too: a rep who (by the data) has people below them
    # still sees only themselves; for managers and directors it changes nothing.
    card = build_scorecard(session, actor.scope, period, as_of, manager_id=manager.id)
    emails = [row.email for row in card.rows]
    found = select(Person.email, Person.id, Person.manager_id).where(Person.email.in_(emails))
    ids = {email: (person_id, boss) for email, person_id, boss in session.execute(found)}
    rows = [_row(row, *ids[row.email], metric) for row in card.rows]
    team_row = next((row for row in card.rows if ids[row.email][0] == manager.id), None)
    team = _line(team_row.goals, metric, TEAM) if team_row else None
    share = personal_share(session, manager.id, period.name, metric)
    ordered = _sorted(rows, sort)
    groups = _groups(ordered, metric)
    total = _subtotal([row for group in groups for row in group.rows], metric)
    contributions = _contributions(session, groups, period, as_of)
    return Board(manager, period, as_of, metric, ordered, team, share, groups, total, contributions)


def _contributions(
    session: Session, groups: list[BoardGroup], period: Period, as_of: date
) -> dict[int, Contribution]:
    """Each member's share of their lead's team revenue, and the flag of metrics.md "Team
    targets" (both revenue and activities below half the team's medians), by person."""
    leads = select(Person.id).where(Person.id.in_([group.lead_id for group in groups]))
    teams = team_contributions(session, leads, period, as_of)
    return {member.person_id: member for team in teams.values() for member in team.members}


def _row(row: ScorecardRow, person_id: int, boss: int | None, metric: str) -> BoardRow:
    return BoardRow(person_id, row.name, row.role, _line(row.goals, metric, PERSON), boss)


def _groups(rows: list[BoardRow], metric: str) -> list[BoardGroup]:
    """Each lead's team in name order, the lead's own row (only if they have a goal) first."""
    leads = {row.manager_id for row in rows}
    by_id = {row.person_id: row for row in rows}
    members: dict[int, list[BoardRow]] = {}
    for row in rows:
        if row.person_id in leads:  # a lead sits in their own team, and only with a goal
            if row.line is not None:
                members.setdefault(row.person_id, []).insert(0, row)
        elif row.manager_id is not None:
            members.setdefault(row.manager_id, []).append(row)
    named = sorted(members.items(), key=lambda item: _name(by_id.get(item[0])))
    return [
        BoardGroup(lead, _name(by_id.get(lead)), team, _subtotal(team, metric))
        for lead, team in named
    ]


def _name(row: BoardRow | None) -> str:
    return row.name if row is not None else ""


def _subtotal(rows: Sequence[BoardRow], metric: str) -> Subtotal:
    lines = [row.line for row in rows if row.line is not None]
    reps = [row.line for row in rows if row.role == Role.REP and row.line is not None]
    on_pace = sum(1 for line in reps if line.pace is not None and line.pace >= 1)
    definition = REGISTRY.get(metric)
    if definition is None or definition.kind is not MetricKind.ADDITIVE or not lines:
        return Subtotal(None, None, None, on_pace, len(reps))
    target = sum(line.target for line in lines)
    actual = sum(float(line.actual or 0) for line in lines)
    attainment = actual / target if target else None
    return Subtotal(target, actual, attainment, on_pace, len(reps))


def _line(lines: list[GoalLine], metric: str, scope: str) -> GoalLine | None:
    return next((line for line in lines if line.metric == metric and line.scope == scope), None)


def _sorted(rows: list[BoardRow], sort: str) -> list[BoardRow]:
    """By name, or by a number with the largest first and people without a goal last."""
    if sort not in SORTS or sort == "name":
        return sorted(rows, key=lambda row: row.name.lower())

    def key(row: BoardRow) -> tuple[bool, float]:
        value = getattr(row.line, sort) if row.line else None
        return value is None, -(value or 0.0)

    return sorted(rows, key=key)
