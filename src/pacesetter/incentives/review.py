"""The period review: once a period has closed, what a team hit and missed and what lay behind
it, built once (`build_review`) for the page, the API and `pacesetter report review`.

- Goals hit and missed, and by how much, per person and for the team: the scorecard's own goal
  lines at the period's last day (so the review's numbers are the scorecard's).
- The activity and coaching behind them: quadrant and QDQ at the period's end
  (metrics/quadrant.py), 1:1s held and ride-alongs (ride-along and shadowing) about each person
  in the period, and the 1:1 commitments for the period's months kept and made
  (incentives/commitments.py).
- What the lint said about the goals on the period's first day, and how each goal ended.
- The manager's forecast that counted (the latest by the midpoint) against the team's actual.

Set-based: the scorecard, the placements, one grouped count of coaching records, one lint run
and one forecast query, whatever the team's size.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid
from pacesetter.domain.periods import Period
from pacesetter.domain.suggest import seed_from_review
from pacesetter.goals.linting import lint_period
from pacesetter.incentives.commitments import Commitment, commitments_in
from pacesetter.metrics.quadrant import Placement, placements
from pacesetter.metrics.scorecard import GoalLine, build_scorecard
from pacesetter.metrics.values import team_metrics
from pacesetter.store.models import CoachingRecord, Forecast, Person
from pacesetter.store.scope import Scope, subtree_ids

RIDE_ALONGS = ("ride_along", "shadowing")


@dataclass(frozen=True)
class GoalOutcome:
    metric: str
    scope: str  # person | team
    target: float
    actual: float | None
    attainment: float | None
    hit: bool | None  # None without an attainment
    by: float | None  # actual - target (lower-is-better metrics: target - actual)
    lint: list[str]  # what the lint warned about on the period's first day


@dataclass(frozen=True)
class PersonReview:
    person_id: int
    name: str
    role: str
    goals: list[GoalOutcome]
    quadrant: str | None
    qdq_score: float | None
    qdq_binding: str | None
    one_on_ones: int
    ride_alongs: int
    commitments_made: int
    commitments_kept: int
    commitments: list[Commitment]  # month by month, line by line

    @property
    def commitments_kept_share(self) -> float | None:
        """The share of the commitments kept; None without any."""
        made = self.commitments_made
        return self.commitments_kept / made if made else None


@dataclass(frozen=True)
class ReviewView:
    period: Period
    as_of: date
    manager_id: int
    manager: str
    people: list[PersonReview]
    team_goals: list[GoalOutcome]
    forecast: float | None
    forecast_on: date | None
    team_revenue_won: float

    @property
    def hit(self) -> int:
        return sum(1 for p in self.people for g in p.goals if g.hit)

    @property
    def missed(self) -> int:
        return sum(1 for p in self.people for g in p.goals if g.hit is False)

    @property
    def forecast_error(self) -> float | None:
        return None if self.forecast is None else self.team_revenue_won - self.forecast

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.name,
            "as_of": self.as_of.isoformat(),
            "manager": {"id": self.manager_id, "name": self.manager},
            "goals_hit": self.hit,
            "goals_missed": self.missed,
            "team_goals": [asdict(goal) for goal in self.team_goals],
            "forecast": self.forecast,
            "forecast_on": self.forecast_on.isoformat() if self.forecast_on else None,
            "team_revenue_won": self.team_revenue_won,
            "forecast_error": self.forecast_error,
            "people": [
                asdict(person) | {"commitments_kept_share": person.commitments_kept_share}
                for person in self.people
            ],
        }


def build_review(
    session: Session, scope: Scope, manager: Person, period: Period, *, today: date
) -> ReviewView:
    """The review of `manager`'s team for `period`, which must have closed by `today`."""
    if today <= period.end:
        raise Invalid(
            f"{period.name} has not closed yet: its review opens on "
            f"{period.end + timedelta(days=1)}."
        )
    card = build_scorecard(session, scope, period, period.end, manager_id=manager.id)
    people = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.id.in_(subtree_ids(manager.id))))
    }
    by_email = {p.email: p for p in people.values()}
    ids = select(Person.id).where(Person.id.in_(subtree_ids(manager.id)), scope.covers(Person.id))
    placed = placements(session, ids, period, period.end)
    coached = _coaching_counts(session, ids, period)
    committed = commitments_in(session, ids, period)
    warned = _lint_warnings(session, scope, period)
    rows, team_goals = [], []
    for row in card.rows:
        person = by_email[row.email]
        goals = [
            _outcome(line, warned.get((person.id, line.scope, line.metric), []))
            for line in row.goals
        ]
        team_goals += [g for g in goals if g.scope == "team" and person.id == manager.id]
        mine = [g for g in goals if g.scope == "person"]
        behind = Behind(placed.get(person.id), coached, committed.get(person.id, []))
        rows.append(_person(person, mine, behind))
    forecast = _forecast(session, manager.id, period)
    revenue = _team_revenue(session, manager, period)
    return ReviewView(
        period,
        period.end,
        manager.id,
        manager.name,
        rows,
        team_goals,
        forecast[0],
        forecast[1],
        revenue,
    )


def _outcome(line: GoalLine, lint: list[str]) -> GoalOutcome:
    actual = None if line.actual is None else float(line.actual)
    hit = None if line.attainment is None else line.attainment >= 1
    lower = line.metric == "sales_cycle_days"
    by = None if actual is None else (line.target - actual if lower else actual - line.target)
    return GoalOutcome(line.metric, line.scope, line.target, actual, line.attainment, hit, by, lint)


@dataclass(frozen=True)
class Behind:
    """What lay behind one person's goals: their placement, coaching counts, commitments."""

    placed: Placement | None
    coached: dict[tuple[int, str], int]
    commitments: list[Commitment]


def _person(person: Person, goals: list[GoalOutcome], behind: Behind) -> PersonReview:
    placed, coached, commitments = behind.placed, behind.coached, behind.commitments
    return PersonReview(
        person.id,
        person.name,
        person.role,
        goals,
        placed.quadrant if placed else None,
        placed.qdq_score if placed else None,
        placed.qdq_binding if placed else None,
        coached.get((person.id, "one_on_one"), 0),
        sum(coached.get((person.id, kind), 0) for kind in RIDE_ALONGS),
        len(commitments),
        sum(1 for c in commitments if c.kept),
        commitments,
    )


def _coaching_counts(session: Session, ids: Any, period: Period) -> dict[tuple[int, str], int]:
    """1:1s and ride-alongs about each person dated in the period (one grouped count)."""
    record = CoachingRecord
    statement = (
        select(record.person_id, record.type, func.count())
        .where(
            record.person_id.in_(ids),
            record.type.in_(("one_on_one", *RIDE_ALONGS)),
            record.occurred_on.between(period.start, period.end),
        )
        .group_by(record.person_id, record.type)
    )
    return {(person, kind): int(count) for person, kind, count in session.execute(statement)}


def _lint_warnings(
    session: Session, scope: Scope, period: Period
) -> dict[tuple[int, str, str], list[str]]:
    """What the lint said about each goal of the period, read as on its first day."""
    found: dict[tuple[int, str, str], list[str]] = {}
    for finding in lint_period(session, scope, period, today=period.start):
        goal = finding.goal
        key = (goal.scope.person_id, goal.scope.scope_type, str(goal.metric))
        found.setdefault(key, []).append(finding.rule)
    return found


def _forecast(
    session: Session, manager_id: int, period: Period
) -> tuple[float | None, date | None]:
    """metrics.md: the latest forecast for P submitted on or before its midpoint."""
    midpoint = period.start + timedelta(days=((period.end - period.start).days + 1) // 2)
    statement = (
        select(Forecast.amount, Forecast.submitted_on)
        .where(
            Forecast.manager_id == manager_id,
            Forecast.period == period.name,
            Forecast.submitted_on <= midpoint,
        )
        .order_by(Forecast.submitted_at.desc(), Forecast.id.desc())
        .limit(1)
    )
    row = session.execute(statement).first()
    return (float(row.amount), row.submitted_on) if row else (None, None)


def _team_revenue(session: Session, manager: Person, period: Period) -> float:
    """The team's won revenue over the period (the manager and everyone below them)."""
    team = select(literal(manager.id))
    values = team_metrics(session, team, period, period.end, ["revenue_won"])
    return float(values[manager.id]["revenue_won"] or 0)


def next_team_target(view: ReviewView, metric: str = "revenue_won") -> float | None:
    """What the review proposes as the team's target on `metric` for the next period."""
    for goal in view.team_goals:
        if goal.metric == metric:
            return seed_from_review(goal.target, goal.actual)
    return seed_from_review(None, view.team_revenue_won if metric == "revenue_won" else None)
