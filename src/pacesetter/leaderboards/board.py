"""A leaderboard: the people of a team (or the whole organisation) ranked by one catalogue
metric for P at d, with each one's attainment of their approved goal on that metric, their rank
a week earlier (d - 7 days, in the same period) and the recognitions of the period.

`build_leaderboard` is the one builder: the page /leaderboard, GET /api/v1/leaderboard, its
CSV and XLSX, and the TV view all render what it returns. Who is ranked: the reps employed
during P for a selling metric; the managers and directors for a coaching count (a manager's
1:1s are theirs, not their reps'). Ties share a rank (1, 2, 2, 4); a null value (a ratio over
nothing) is ranked after every number and has no rank. Lower is better for the sales cycle.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pacesetter.domain.pacing import Direction
from pacesetter.domain.periods import Period
from pacesetter.domain.vocab import CoachingType, GoalStatus, Role
from pacesetter.metrics.catalogue import (
    COACHING_METRICS,
    REGISTRY,
    SCORECARD_METRICS,
    Aggregate,
    Metric,
    Value,
    metric,
)
from pacesetter.metrics.families import COACHING
from pacesetter.metrics.goals import goal_pace
from pacesetter.metrics.grouping import PERSON_SCOPE
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.quadrant import requested_period
from pacesetter.metrics.scorecard import default_as_of, row_people
from pacesetter.metrics.values import person_metrics
from pacesetter.store.models import CoachingRecord, Goal, Person
from pacesetter.store.scope import Scope
from pacesetter.store.screen_cache import cached_screen

# The metrics a board may rank by: the scorecard's, then the coaching counts.
BOARD_METRICS = (*SCORECARD_METRICS, *(entry.slug for entry in COACHING_METRICS))
MOVEMENT_DAYS = 7
DEFAULT_METRIC = "revenue_won"
LEADER_ROLES = (Role.MANAGER, Role.DIRECTOR)


@dataclass(frozen=True)
class LeaderRow:
    rank: int | None
    person_id: int
    name: str
    value: Value
    attainment: float | None  # of the approved goal on the metric for P; None without one
    previous_rank: int | None  # at d - 7 days; None before P or unranked then

    @property
    def movement(self) -> int | None:
        """Places gained since last week (negative: lost)."""
        if self.rank is None or self.previous_rank is None:
            return None
        return self.previous_rank - self.rank


@dataclass(frozen=True)
class Recognition:
    day: date
    person_id: int | None
    name: str
    award: str
    reason: str | None  # the citation ("deal of the month: ..."), never the private notes


@dataclass(frozen=True)
class LeaderboardView:
    metric: Metric
    period: Period
    as_of: date
    team_id: int | None
    team_name: str | None
    rows: list[LeaderRow]
    recognitions: list[Recognition]

    @property
    def compared(self) -> bool:
        """Whether there was a board a week earlier in the same period to move against."""
        return self.as_of - timedelta(days=MOVEMENT_DAYS) >= self.period.start

    @property
    def started(self) -> bool:
        """Whether P has begun by the as-of day: before it, nobody has a value to rank, as the
        scorecard and the quadrant show a period not started yet (no refusal)."""
        return self.as_of >= self.period.start

    @property
    def has_goals(self) -> bool:
        return any(row.attainment is not None for row in self.rows)

    def as_dict(self) -> dict[str, Any]:
        rows = [vars(row) | {"movement": row.movement} for row in self.rows]
        praised = [vars(r) | {"day": r.day.isoformat()} for r in self.recognitions]
        return {
            "metric": self.metric.slug,
            "label": self.metric.label,
            "unit": self.metric.unit.value,
            "period": self.period.name,
            "as_of": self.as_of.isoformat(),
            "team_id": self.team_id,
            "team_name": self.team_name,
            "rows": rows,
            "recognitions": praised,
        }


def build_leaderboard(
    session: Session,
    scope: Scope,
    metric_slug: str,
    period: Period,
    as_of: date,
    team_id: int | None = None,
) -> LeaderboardView:
    """The board of `team_id`'s subtree (a person `scope` sees; `NotFound` if not), or of
    everyone `scope` sees."""
    entry = metric(metric_slug)
    team = scope.person(session, team_id) if team_id is not None else None
    ids = _ranked_people(entry, scope, period, team_id)
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(ids))).all())
    now = _values(session, ids, period, as_of, entry)
    before = _values(session, ids, period, as_of - timedelta(days=MOVEMENT_DAYS), entry)
    ranks, previous = ranking(now, entry.direction), ranking(before, entry.direction)
    attained = _attainments(session, ids, entry, period, as_of, now)
    rows = [
        LeaderRow(ranks.get(pid), pid, names[pid], now[pid], attained.get(pid), previous.get(pid))
        for pid in ordered(now, names, entry.direction)
    ]
    praised = recognitions(session, row_people(scope, period, None, team_id), period, as_of)
    return LeaderboardView(
        entry, period, as_of, team_id, team.name if team else None, rows, praised
    )


def _ranked_people(
    entry: Metric, scope: Scope, period: Period, team_id: int | None
) -> Select[tuple[int]]:
    coaching = isinstance(entry.source, Aggregate) and entry.source.family is COACHING
    roles = LEADER_ROLES if coaching else (Role.REP,)
    return row_people(scope, period, None, team_id).where(Person.role.in_(roles))


def _values(
    session: Session, ids: Select[tuple[int]], period: Period, day: date, entry: Metric
) -> dict[int, Value]:
    """Each person's value at `day`; nobody has one before P starts."""
    if day < period.start:
        return {}
    found = person_metrics(session, ids, period, min(day, period.end), [entry.slug])
    return {person_id: values[entry.slug] for person_id, values in found.items()}


def ranking(values: dict[int, Value], direction: Direction) -> dict[int, int]:
    """Competition ranks (1, 2, 2, 4) of the people with a value; the best first."""
    known = sorted(
        (float(value) for value in values.values() if value is not None),
        reverse=direction is Direction.HIGHER,
    )
    first_place = {}
    for place, value in enumerate(known, start=1):
        first_place.setdefault(value, place)
    return {pid: first_place[float(v)] for pid, v in values.items() if v is not None}


def ordered(values: dict[int, Value], names: dict[int, str], direction: Direction) -> list[int]:
    """Best first, ties by name, people without a value last."""
    sign = -1 if direction is Direction.HIGHER else 1

    def key(person_id: int) -> tuple[bool, float, str]:
        value = values[person_id]
        return (value is None, sign * float(value or 0), names[person_id])

    return sorted(values, key=key)


def _attainments(
    session: Session,
    ids: Select[tuple[int]],
    entry: Metric,
    period: Period,
    as_of: date,
    values: dict[int, Value],
) -> dict[int, float | None]:
    """The attainment of each person's approved goal on the metric for exactly P; none
    without values (before P starts nobody has one, so a goal has nothing to attain yet)."""
    if not values:
        return {}
    goals = session.scalars(
        select(Goal).where(
            Goal.scope_type == PERSON_SCOPE,
            Goal.metric == entry.slug,
            Goal.status == GoalStatus.APPROVED,
            Goal.period_start == period.start,
            Goal.period_end == period.end,
            Goal.person_id.in_(ids),
        )
    ).all()
    if not goals:
        return {}
    calendar = load_work_calendar(session, report_years(period.start, period.end))
    day = min(as_of, period.end)
    return {
        goal.person_id: goal_pace(goal, values[goal.person_id], period, day, calendar).attainment
        for goal in goals
    }


AWARD = "Recognition"  # what an imported record without an award or a skill is called


def recognitions(
    session: Session, ids: Select[tuple[int]], period: Period, as_of: date
) -> list[Recognition]:
    """The recognitions (deal of the month...) of the people of the board's team in P up to d,
    the latest first: the award (the form's, else the imported skill), who, and the citation;
    never the private notes."""
    statement = (
        select(CoachingRecord, Person.name)
        .join(Person, Person.id == CoachingRecord.person_id)
        .where(CoachingRecord.type == CoachingType.RECOGNITION)
        .where(CoachingRecord.person_id.in_(ids))
        .where(CoachingRecord.occurred_on.between(period.start, min(as_of, period.end)))
        .order_by(CoachingRecord.occurred_on.desc(), CoachingRecord.id)
    )
    return [
        Recognition(r.occurred_on, r.person_id, name, r.award or AWARD, r.notes)
        for r, name in session.execute(statement)
    ]


@cached_screen("leaderboard")
def requested_leaderboard(
    session: Session,
    scope: Scope,
    today: date,
    metric_slug: str = DEFAULT_METRIC,
    period_name: str | None = None,
    as_of: date | None = None,
    team_id: int | None = None,
) -> LeaderboardView:
    """The board a page, the API or a TV link asks for: the period by name (default: the
    current month), the as-of date (default: today, clipped to the period)."""
    period = requested_period(session, today, period_name)
    day = as_of or default_as_of(period, today)
    return build_leaderboard(session, scope, metric_slug, period, day, team_id)


def metric_choices() -> list[tuple[str, str]]:
    """(slug, label) of every metric a board may rank by, in catalogue order."""
    return [(slug, REGISTRY[slug].label) for slug in BOARD_METRICS]
