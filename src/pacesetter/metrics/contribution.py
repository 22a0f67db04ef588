"""Team targets: each direct report's contribution to the team (metrics.md "Team targets").

Contribution share = the member's `revenue_won` / the team's (the manager and everyone below),
null when the team won nothing. A member is flagged ("not pulling their weight") when both their
`revenue_won` and their `activities` are below half the medians over the direct reports.

A direct report who manages others contributes their own team's numbers (themselves and everyone
below them): a director's managers are compared on what their teams bring. For a rep that is
simply their own. The manager's own deals count in the team's revenue but are no member's, so the
members' shares add up to 1 minus the manager's own share.

Two catalogue calls whatever the number of managers: the members' team values and the managers'.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from statistics import median

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.overload import share
from pacesetter.domain.periods import Period
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.player_coach import employed_during
from pacesetter.metrics.values import MetricValues, team_metrics
from pacesetter.store.models import Person

CONTRIBUTION_METRICS = ("revenue_won", "activities")
# Below this fraction of the direct reports' median on both, a member is flagged.
FLAG_FRACTION = 0.5


@dataclass(frozen=True)
class Contribution:
    person_id: int
    revenue_won: float
    activities: int
    share: float | None  # of the team's revenue_won; null when the team won nothing
    flagged: bool


@dataclass(frozen=True)
class TeamContribution:
    team_revenue_won: float
    revenue_median: float | None
    activities_median: float | None
    members: list[Contribution]  # the direct reports employed during P, by name


def team_contributions(
    session: Session,
    managers: Select[tuple[int]],
    period: Period,
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, TeamContribution]:
    """Every selected manager's direct reports (employed during P) and their contribution."""
    during = (Person.manager_id.in_(managers), employed_during(period))
    reports = select(Person.manager_id, Person.id).where(*during)
    members: dict[int, list[int]] = {key: [] for key in session.scalars(managers)}
    order = (Person.manager_id, Person.name, Person.external_id)
    for manager_id, person_id in session.execute(reports.order_by(*order)):
        members[manager_id].append(person_id)
    ids = select(Person.id).where(*during)
    values = team_metrics(session, ids, period, as_of, CONTRIBUTION_METRICS, calendar=calendar)
    teams = team_metrics(session, managers, period, as_of, ["revenue_won"], calendar=calendar)
    return {
        key: contributions(_revenue(teams[key]), [_member(person, values) for person in people])
        for key, people in members.items()
    }


def _revenue(values: Mapping[str, Value]) -> float:
    return float(values["revenue_won"] or 0)


def _member(person: int, values: MetricValues) -> tuple[int, float, int]:
    return person, _revenue(values[person]), int(values[person]["activities"] or 0)


def contributions(team_revenue: float, members: list[tuple[int, float, int]]) -> TeamContribution:
    """The shares and flags of (person, revenue_won, activities) members of a team."""
    revenue_median = median(m[1] for m in members) if members else None
    activities_median = median(m[2] for m in members) if members else None
    rows = [
        Contribution(
            person,
            revenue,
            activities,
            share(revenue, team_revenue),
            _below_half(revenue, revenue_median) and _below_half(activities, activities_median),
        )
        for person, revenue, activities in members
    ]
    return TeamContribution(team_revenue, revenue_median, activities_median, rows)


def _below_half(value: float, median_value: float | None) -> bool:
    return median_value is not None and value < FLAG_FRACTION * median_value
