"""Goals as careful managers set them: monthly and quarterly revenue targets for every seller
and every team, each person's from their own history and tenure (see `sizing`), and monthly
call and meeting goals from each rep's plan, sized by the volume they have shown, so every rep
has activities to steer by. Plus the variety a real org has: one team on hybrid credit, one
also on deal counts, a couple of goals reps proposed themselves.

And a handful of mistakes for the goal lint to find, all in the team of the swamped
player-coach (a manager whose coaching discipline is below `UNCLEAR_DISCIPLINE`; the deal-count
team when there is one): every rep gets the same number whatever their history
(`one_size_fits_all`, and `too_easy` / `unrealistic` for some), nobody gets an activity goal
(`outcome_only`), and a new hire's first month has no goal at all.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pacesetter.domain.vocab import GoalKind, GoalStatus, Role
from pacesetter.synth.calendar import month_key, quarter_key
from pacesetter.synth.people import Org, Person
from pacesetter.synth.profiles import ACTIVITY_TYPES
from pacesetter.synth.results import Results
from pacesetter.synth.sizing import Sizer
from pacesetter.synth.targets import (
    employed_share,
    quarter_months,
    quarter_shape,
    ramp,
)
from pacesetter.synth.writer import Row

REVENUE = "revenue_won"
TEAM_PREFIX = "team:"
DEALS_WON = "deals_won"
ACTIVITY_GOALS = (ACTIVITY_TYPES[0], ACTIVITY_TYPES[2])  # calls and meetings
HYBRID_WEIGHT = 0.6
UNCLEAR_DISCIPLINE = 0.6  # a manager below this sets goals carelessly (see the module)
PROPOSED_GOALS = 2
PROPOSED_STRETCH = 1.3


@dataclass(frozen=True, slots=True)
class TeamStyles:
    """Managers whose teams run a different kind of goal; any may be None in a tiny org."""

    hybrid: Person | None
    deals: Person | None
    careless: Person | None

    @classmethod
    def pick(cls, org: Org) -> "TeamStyles":
        managers = [p for p in org.people if p.role == Role.MANAGER]
        lax = (m for m in managers if m.traits.discipline < UNCLEAR_DISCIPLINE)
        careless = next(lax, None)
        others = [m for m in managers if m is not careless] + [None, None]
        # The careless team also runs the deal counts: their mistakes are all in one place.
        return cls(hybrid=others[0], deals=careless or others[1], careless=careless)


def goal_rows(org: Org, results: Results) -> list[Row]:
    """Every goal; a careful manager's peers never share a number (see `_set_apart`)."""
    styles = TeamStyles.pick(org)
    careless = {rep.index for rep in _reps_of(org, styles.careless)}
    return _set_apart(org, list(_goals(org, results, styles, careless)), careless)


def _goals(org: Org, results: Results, styles: TeamStyles, careless: set[int]) -> Iterator[Row]:
    sizer = Sizer(org, results, careless)
    for person in org.people:
        if person.sells:
            weight = HYBRID_WEIGHT if _in_team(org, person, styles.hybrid) else ""
            yield from _revenue_goals(org, sizer, person, weight)
        if person.reports:
            yield from _team_goals(org, sizer, person)
    sellers = (p for p in org.people if p.sells and p.index not in careless)
    yield from _activity_goals(org, sizer, list(sellers))
    yield from _deals_won_goals(org, _reps_of(org, styles.deals))
    yield from _proposed_goals(org, styles.deals)


def _set_apart(org: Org, rows: list[Row], careless: set[int]) -> list[Row]:
    """Targets sized from different histories can still round to the same number; a careful
    manager then moves the later one up a step (500 for money, 1 for a count), so no two peers
    hold the same approved target on the same metric and period."""
    by_email = {person.email: person for person in org.people}
    taken: dict[tuple[object, ...], set[float]] = {}
    apart = []
    for row in rows:
        team = row[0].startswith(TEAM_PREFIX)
        person = by_email.get(row[0].removeprefix(TEAM_PREFIX))
        sloppy = person is None or (person.index in careless and not team)
        if sloppy or row[6] != GoalStatus.APPROVED.value:
            apart.append(row)
            continue
        used = taken.setdefault((team, person.manager, row[1], row[2]), set())
        target, step = row[3], 500 if row[1] == REVENUE else 1
        while target in used:
            target += step
        used.add(target)
        apart.append((*row[:3], target, *row[4:]))
    return apart


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


def _revenue_goals(org: Org, sizer: Sizer, seller: Person, weight: float | str) -> Iterator[Row]:
    for month in org.window.months():
        target = sizer.personal(seller, [month])
        if target > 0 and not _forgotten(sizer, seller, month):
            yield _goal(seller.email, REVENUE, month_key(month), target, weight=weight)
    for quarter in org.window.quarters():
        target = sizer.personal(seller, quarter_months(quarter))
        if target > 0:
            yield _goal(seller.email, REVENUE, quarter_key(quarter), target, weight=weight)


def _forgotten(sizer: Sizer, seller: Person, month: date) -> bool:
    """A careless manager sets no goal for a new hire's first month."""
    started = (seller.start.year, seller.start.month) == (month.year, month.month)
    return started and seller.index in sizer.careless


def _team_goals(org: Org, sizer: Sizer, leader: Person) -> Iterator[Row]:
    # A team with nobody selling in a period (all left, or not yet hired) gets no target, as a
    # seller without one gets none: the goal lint refuses a zero target.
    scope = f"{TEAM_PREFIX}{leader.email}"
    periods = [(month_key(m), [m]) for m in org.window.months()]
    periods += [(quarter_key(q), quarter_months(q)) for q in org.window.quarters()]
    for name, months in periods:
        target = sizer.team(leader, months)
        if target > 0:
            yield _goal(scope, REVENUE, name, target)


def _activity_goals(org: Org, sizer: Sizer, sellers: list[Person]) -> Iterator[Row]:
    for seller in sellers:
        for month in org.window.months():
            goals = sizer.activities(seller, month) if employed_share(seller, month) > 0 else {}
            for kind in ACTIVITY_GOALS:
                if goals.get(kind):
                    metric = f"activities_{kind.value}"
                    yield _goal(
                        seller.email, metric, month_key(month), goals[kind], GoalKind.ACTIVITY
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
