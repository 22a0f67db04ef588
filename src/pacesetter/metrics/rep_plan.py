"""One rep's activity plan against what they did, and their QDQ and quadrant history.

The plan table is the month's (or period's) plan lines per activity type with the actual and
the expectation to date, the same numbers QDQ and activity pace are computed from; the history
is the rep's placement in each of the last months up to the report date, each taken at its end
(the month of the report date at that date). The history costs the placement's few statements
once per month shown, whatever the size of the organisation.
"""

from dataclasses import dataclass
from datetime import date
from math import fsum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, PeriodKind, period_of
from pacesetter.domain.qdq import PlanPair
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.org_settings import load_work_calendar, report_years
from pacesetter.metrics.plans import PlanFacts, plan_facts
from pacesetter.metrics.quadrant import Placement, placements
from pacesetter.metrics.values import person_metrics
from pacesetter.store.models import Person


@dataclass(frozen=True)
class TypeLine:
    """One activity type of the plan over the months of P: planned, expected by d, actual."""

    type: str
    planned: float
    expected: float
    actual: int

    @property
    def pace(self) -> float | None:
        return None if self.expected == 0 else self.actual / self.expected


@dataclass(frozen=True)
class HistoryPoint:
    period: Period
    as_of: date
    placement: Placement


@dataclass(frozen=True)
class RepPlan:
    period: Period
    as_of: date
    lines: list[TypeLine]
    direction_share: float | None
    planned_direction: float | None
    planned_quality: float | None
    mean_rating: float | None
    placement: Placement
    history: list[HistoryPoint]


def rep_plan(
    session: Session, person: Person, period: Period, as_of: date, months: int = 6
) -> RepPlan:
    """The rep's plan for P at `as_of`, and their placement in the `months` months up to the
    report date (min(as_of, end of P))."""
    calendar = load_work_calendar(session, report_years(period.start, period.end))
    ids = select(Person.id).where(Person.id == person.id)
    facts = plan_facts(session, ids, period, as_of, calendar).get(person.id, PlanFacts())
    placement = placements(session, ids, period, as_of, calendar=calendar)[person.id]
    share = person_metrics(session, ids, period, as_of, ["direction_share"], calendar=calendar)
    return RepPlan(
        period,
        as_of,
        type_lines(facts.pairs),
        _share(share[person.id]["direction_share"]),
        _mean(facts.direction_lines),
        _mean(facts.quality_lines),
        facts.mean_rating,
        placement,
        history(session, person, min(as_of, period.end), months),
    )


def type_lines(pairs: list[PlanPair]) -> list[TypeLine]:
    """The plan's pairs summed per activity type, in the order the plan first names them."""
    by_type: dict[str, list[PlanPair]] = {}
    for pair in pairs:
        by_type.setdefault(pair.type, []).append(pair)
    return [
        TypeLine(
            kind,
            fsum(p.planned for p in lines),
            fsum(p.expected for p in lines),
            sum(p.actual for p in lines),
        )
        for kind, lines in by_type.items()
    ]


def history(session: Session, person: Person, day: date, months: int) -> list[HistoryPoint]:
    """The rep's placement in each of the `months` months ending with the month of `day`,
    oldest first: each month at its end, the month of `day` at `day`."""
    chosen = [period_of(day, PeriodKind.MONTH)]
    while len(chosen) < months:
        chosen.insert(0, chosen[0].previous())
    calendar = load_work_calendar(session, report_years(chosen[0].start, chosen[-1].end))
    ids = select(Person.id).where(Person.id == person.id)
    points = []
    for period in chosen:
        as_of = min(day, period.end)
        found = placements(session, ids, period, as_of, calendar=calendar)[person.id]
        points.append(HistoryPoint(period, as_of, found))
    return points


def _mean(values: list[float]) -> float | None:
    return fsum(values) / len(values) if values else None


def _share(value: Value) -> float | None:
    return None if value is None else float(value)
