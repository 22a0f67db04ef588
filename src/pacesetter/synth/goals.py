"""Goals: approved monthly and quarterly revenue targets for every seller and every team,
plus the variety a real org has: one team on activity goals, one on hybrid credit, one on
deal counts, a couple of goals reps proposed themselves, and a new hire left without a goal.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pacesetter.domain.vocab import GoalKind, GoalStatus, Role
from pacesetter.synth.calendar import month_key, quarter_key
from pacesetter.synth.people import Org, Person
from pacesetter.synth.plans import planned_counts
from pacesetter.synth.profiles import ACTIVITY_TYPES
from pacesetter.synth.targets import (
    employed_share,
    personal_month_target,
    quarter_months,
    quarter_shape,
    ramp,
    team_month_target,
)
from pacesetter.synth.writer import Row

REVENUE = "revenue_won"
DEALS_WON = "deals_won"
ACTIVITY_GOALS = (ACTIVITY_TYPES[0], ACTIVITY_TYPES[2])  # calls and meetings
HYBRID_WEIGHT = 0.6
UNCLEAR_DISCIPLINE = 0.6  # a manager below this forgets a new hire's first-month goal
PROPOSED_GOALS = 2
PROPOSED_STRETCH = 1.3


@dataclass(frozen=True, slots=True)
class TeamStyles:
    """Managers whose teams run a different kind of goal; any may be None in a tiny org."""

    activity: Person | None
    hybrid: Person | None
    deals: Person | None

    @classmethod
    def pick(cls, org: Org) -> "TeamStyles":
        managers = [p for p in org.people if p.role == Role.MANAGER]
        return cls(*(managers[i] if i < len(managers) else None for i in range(3)))


def goal_rows(org: Org) -> Iterator[Row]:
    styles = TeamStyles.pick(org)
    for person in org.people:
        if person.sells:
            weight = HYBRID_WEIGHT if _in_team(org, person, styles.hybrid) else ""
            yield from _revenue_goals(org, person, weight)
        if person.reports:
            yield from _team_goals(org, person)
    yield from _activity_goals(org, _reps_of(org, styles.activity))
    yield from _deals_won_goals(org, _reps_of(org, styles.deals))
    yield from _proposed_goals(org, styles.deals)


def _goal(
    scope: str,
    metric: str,
    period: str,
    target: float,
    kind: GoalKind = GoalKind.OUTCOME,
    weight: float | str = "",
    status: GoalStatus = GoalStatus.APPROVED,
    rationale: str = "",
) -> Row:
    return (scope, metric, period, round(target), kind.value, weight, status.value, rationale)


def _in_team(org: Org, person: Person, manager: Person | None) -> bool:
    return manager is not None and person.role == Role.REP and person.manager == manager.index


def _reps_of(org: Org, manager: Person | None) -> list[Person]:
    return [] if manager is None else [org.people[i] for i in manager.reports]


def _revenue_goals(org: Org, seller: Person, weight: float | str) -> Iterator[Row]:
    for month in org.window.months():
        target = personal_month_target(seller, month)
        if target > 0 and not _forgotten(org, seller, month):
            yield _goal(seller.email, REVENUE, month_key(month), target, weight=weight)
    for quarter in org.window.quarters():
        target = sum(personal_month_target(seller, m) for m in quarter_months(quarter))
        if target > 0:
            yield _goal(seller.email, REVENUE, quarter_key(quarter), target, weight=weight)


def _forgotten(org: Org, seller: Person, month: date) -> bool:
    """A lax manager sets no goal for a new hire's first month ("unclear expectations")."""
    manager = org.manager_of(seller)
    lax = manager is not None and manager.traits.discipline < UNCLEAR_DISCIPLINE
    return lax and (seller.start.year, seller.start.month) == (month.year, month.month)


def _team_goals(org: Org, leader: Person) -> Iterator[Row]:
    scope = f"team:{leader.email}"
    for month in org.window.months():
        yield _goal(scope, REVENUE, month_key(month), team_month_target(org, leader, month))
    for quarter in org.window.quarters():
        target = sum(team_month_target(org, leader, m) for m in quarter_months(quarter))
        yield _goal(scope, REVENUE, quarter_key(quarter), target)


def _activity_goals(org: Org, reps: list[Person]) -> Iterator[Row]:
    for rep in reps:
        for month in org.window.months():
            planned = planned_counts(rep, month) if employed_share(rep, month) > 0 else {}
            for kind in ACTIVITY_GOALS:
                if planned.get(kind):
                    metric = f"activities_{kind.value}"
                    yield _goal(
                        rep.email, metric, month_key(month), planned[kind], GoalKind.ACTIVITY
                    )


def _expected_wins(rep: Person, quarter: date) -> float:
    assert rep.focus is not None
    monthly = rep.focus.expected_monthly_wins()
    return sum(
        monthly * quarter_shape(m) * ramp(rep, m) * employed_share(rep, m)
        for m in quarter_months(quarter)
    )


def _deals_won_goals(org: Org, reps: list[Person]) -> Iterator[Row]:
    for rep in reps:
        for quarter in org.window.quarters():
            expected = _expected_wins(rep, quarter)
            if expected > 0:
                yield _goal(rep.email, DEALS_WON, quarter_key(quarter), max(1, round(expected)))


def _proposed_goals(org: Org, deals_team: Person | None) -> Iterator[Row]:
    """Reps outside the deals-won team propose a stretch deal count for the current quarter."""
    quarters = org.window.quarters()
    exclude = None if deals_team is None else deals_team.index
    proposers = [
        p for p in org.people if p.role == Role.REP and p.manager != exclude and p.end is None
    ][:PROPOSED_GOALS]
    for rep in proposers if quarters else []:
        target = round(_expected_wins(rep, quarters[-1]) * PROPOSED_STRETCH) + 1
        first_name = rep.name.split()[0]
        rationale = f"{first_name}: late-stage deals in the pipeline support a stretch target."
        yield _goal(
            rep.email,
            DEALS_WON,
            quarter_key(quarters[-1]),
            target,
            status=GoalStatus.PROPOSED,
            rationale=rationale,
        )
