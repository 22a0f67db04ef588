"""Player-coach conflicts and overload warnings: metrics.md "Player-coach and overload signals".

Pure rules over one manager's facts for a period P at a date d (gathered set-based by
metrics/manager_signals.py). Each signal that fires carries its evidence as JSON-ready values:
people, accounts and deals arrive as references (`{"external_id", "email"/"name", ...}`), dates
as ISO text, numbers unrounded, and the threshold that was crossed. A null value never fires.
"""

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from heapq import nsmallest
from itertools import pairwise
from typing import Any

from pacesetter.domain.periods import Period

Ref = Mapping[str, Any]

# metrics.md's table order: reports list the fired signals in it.
SIGNALS: tuple[str, ...] = (
    "personal_target_share",
    "top_account_share",
    "territory_conflict",
    "selling_time_share",
    "lapsed_one_on_ones",
    "irregular_team_meetings",
    "unclear_expectations",
    "unreliable_forecast",
    "avoided_performance_talks",
    "new_hires_unsupported",
    "single_closer_dependency",
)
CONFLICTS = frozenset({"top_account_share", "territory_conflict"})
OVERLOAD_SIGNALS = tuple(name for name in SIGNALS if name not in CONFLICTS)


@dataclass(frozen=True)
class FiredSignal:
    name: str
    evidence: dict[str, Any]  # JSON-serialisable: ids as external_id/email, dates ISO, numbers


@dataclass(frozen=True)
class SignalThresholds:
    """The organisation's settings (docs/configuration.md); these defaults are metrics.md's."""

    personal_target_share: float = 0.5
    personal_target_min_reports: int = 4
    top_account_fraction: float = 0.1
    top_account_multiple: float = 2.0
    selling_time_share: float = 0.5
    one_on_one_cadence: float = 0.7
    team_meeting_cadence_days: int = 7
    team_meeting_gap_multiple: float = 2.0
    forecast_accuracy: float = 0.8
    improvement_plan_rate: float = 1.0
    new_hire_days: int = 90
    new_hire_one_on_one_days: int = 30
    single_closer_share: float = 0.4


@dataclass(frozen=True)
class TeamMeetings:
    """The to-date window, the manager's team meetings in it, and their last one on or before
    its start (None if they never held one)."""

    window: tuple[date, date]
    dates: Sequence[date]
    before: date | None = None


@dataclass(frozen=True)
class MemberRevenue:
    """One team member's won revenue in the window (the manager's own row says so)."""

    member: Ref
    revenue: float
    is_manager: bool = False


@dataclass(frozen=True)
class ManagerFacts:
    """Everything the signals of one manager read. Lists hold evidence references."""

    direct_reports: int
    personal_target: float | None = None
    team_target: float | None = None
    personal_target_share: float | None = None
    top_accounts: int = 0  # how many accounts make the team's top share
    top_accounts_owned: Sequence[Ref] = ()  # those of them the manager owns
    territory_deals: Sequence[Ref] = ()
    own_activities: int = 0
    coaching_records: int = 0
    meetings: TeamMeetings | None = None  # None before the period starts
    reps_without_goals: Sequence[Ref] = ()
    new_hires_without_one_on_one: Sequence[Ref] = ()
    member_revenue: Sequence[MemberRevenue] = ()
    kpis: Mapping[str, float | None] = field(default_factory=dict)
    missed_one_on_ones: Sequence[Ref] = ()  # direct reports with the months they had no 1:1
    previous_forecast_accuracy: float | None = None


# A signal's rule: its evidence when it fires, else None.
Rule = Callable[[ManagerFacts, SignalThresholds], dict[str, Any] | None]


def share(part: float | None, whole: float | None) -> float | None:
    """part / whole; null when either is unknown or the whole is 0."""
    if part is None or not whole:
        return None
    return part / whole


def fair_share(direct_reports: int) -> float:
    """The manager's fair share of the top accounts: one seat among their direct reports'."""
    return 1 / (direct_reports + 1)


def top_account_share(facts: ManagerFacts) -> float | None:
    return share(len(facts.top_accounts_owned), facts.top_accounts)


def selling_time_share(facts: ManagerFacts) -> float | None:
    """Own activities / (own activities + coaching records authored); null if both are 0."""
    return share(facts.own_activities, facts.own_activities + facts.coaching_records)


def personal_revenue_share(facts: ManagerFacts) -> float | None:
    """The manager's own won revenue over the team's; null when the team has none."""
    own = sum(row.revenue for row in facts.member_revenue if row.is_manager)
    return share(own, team_revenue(facts))


def team_revenue(facts: ManagerFacts) -> float:
    return sum(row.revenue for row in facts.member_revenue)


def top_accounts(revenue: Mapping[str, float], fraction: float) -> list[str]:
    """The team's top accounts: the first `fraction` (rounded up) of the accounts with won
    revenue, by that revenue; `revenue` is keyed by external id, and a tie at the cut goes to
    the lower one."""
    won = [key for key, value in revenue.items() if value > 0]
    return nsmallest(top_accounts_cut(len(won), fraction), won, key=lambda k: (-revenue[k], k))


def top_accounts_cut(accounts_with_revenue: int, fraction: float) -> int:
    """How many accounts the top `fraction` holds, rounded up; the tolerance keeps a binary
    fraction such as 0.1 x 30 = 3.0000000000000004 from rounding up to 4."""
    exact = accounts_with_revenue * fraction
    whole = int(exact)
    return whole if exact - whole < 1e-9 else whole + 1


def meeting_gaps(meetings: TeamMeetings, limit_days: float) -> list[dict[str, Any]]:
    """The gaps longer than `limit_days` between the last meeting on or before the window's
    start (or the start itself), the meetings in the window and the window's end."""
    start, end = meetings.window
    first = meetings.before if meetings.before is not None else start
    points = [first, *sorted(d for d in meetings.dates if start <= d <= end), end]
    return [
        {"from": earlier.isoformat(), "to": later.isoformat(), "days": (later - earlier).days}
        for earlier, later in pairwise(points)
        if (later - earlier).days > limit_days
    ]


def missed_months(
    employed: tuple[date | None, date | None],
    months: Sequence[Period],
    held: Collection[date],
    as_of: date,
) -> list[str]:
    """The months of P ended by d in which a report (employed from `employed[0]` to
    `employed[1]`) was employed but had no 1:1 with their manager (`held`: months' first
    days): the unmet pairs of `one_on_one_cadence`."""
    start, end = employed
    return [
        month.name
        for month in months
        if month.end <= as_of
        and (start is None or start <= month.end)
        and (end is None or end >= month.start)
        and month.start not in held
    ]


def _below(value: float | None, threshold: float) -> bool:
    return value is not None and value < threshold


def _above(value: float | None, threshold: float) -> bool:
    return value is not None and value > threshold


def _personal_target(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    value = facts.personal_target_share
    enough_reports = facts.direct_reports >= limits.personal_target_min_reports
    if not (enough_reports and _above(value, limits.personal_target_share)):
        return None
    return {
        "share": value,
        "personal_target": facts.personal_target,
        "team_target": facts.team_target,
        "direct_reports": facts.direct_reports,
        "threshold": limits.personal_target_share,
        "min_direct_reports": limits.personal_target_min_reports,
    }


def _top_accounts(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    value, fair = top_account_share(facts), fair_share(facts.direct_reports)
    if not _above(value, limits.top_account_multiple * fair):
        return None
    return {
        "share": value,
        "fair_share": fair,
        "threshold": limits.top_account_multiple * fair,
        "direct_reports": facts.direct_reports,
        "top_accounts": facts.top_accounts,
        "owned_accounts": list(facts.top_accounts_owned),
    }


def _territory(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    return {"deals": list(facts.territory_deals)} if facts.territory_deals else None


def _selling_time(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    value = selling_time_share(facts)
    if not _above(value, limits.selling_time_share):
        return None
    return {
        "share": value,
        "own_activities": facts.own_activities,
        "coaching_records": facts.coaching_records,
        "threshold": limits.selling_time_share,
    }


def _kpi_below(kpi: str, threshold_of: Callable[[SignalThresholds], float]) -> Rule:
    """A signal that fires when one of the manager's KPIs is below its threshold."""

    def rule(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
        value, threshold = facts.kpis.get(kpi), threshold_of(limits)
        return {kpi: value, "threshold": threshold} if _below(value, threshold) else None

    return rule


def _lapsed(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    evidence = _kpi_below("one_on_one_cadence", lambda t: t.one_on_one_cadence)(facts, limits)
    return None if evidence is None else {**evidence, "missed": list(facts.missed_one_on_ones)}


def _irregular_meetings(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    if facts.meetings is None:
        return None
    limit = limits.team_meeting_gap_multiple * limits.team_meeting_cadence_days
    gaps = meeting_gaps(facts.meetings, limit)
    if not gaps:
        return None
    before = facts.meetings.before
    return {
        "cadence_days": limits.team_meeting_cadence_days,
        "limit_days": limit,
        "gaps": gaps,
        "meetings": [d.isoformat() for d in sorted(facts.meetings.dates)],
        "last_before_window": before.isoformat() if before else None,
    }


def _unclear(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    return {"people": list(facts.reps_without_goals)} if facts.reps_without_goals else None


def _forecast(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    now, before = facts.kpis.get("forecast_accuracy"), facts.previous_forecast_accuracy
    threshold = limits.forecast_accuracy
    if not (_below(now, threshold) and _below(before, threshold)):
        return None
    return {
        "forecast_accuracy": now,
        "previous_forecast_accuracy": before,
        "threshold": threshold,
    }


def _new_hires(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    people = list(facts.new_hires_without_one_on_one)
    if not people:
        return None
    return {
        "people": people,
        "new_hire_days": limits.new_hire_days,
        "one_on_one_days": limits.new_hire_one_on_one_days,
    }


def _single_closer(facts: ManagerFacts, limits: SignalThresholds) -> dict[str, Any] | None:
    total = team_revenue(facts)
    closers = [
        {**row.member, "revenue_won": row.revenue, "share": row.revenue / total}
        for row in facts.member_revenue
        if total > 0 and row.revenue / total > limits.single_closer_share
    ]
    if not closers:
        return None
    return {"closers": closers, "team_revenue_won": total, "threshold": limits.single_closer_share}


RULES: dict[str, Rule] = {
    "personal_target_share": _personal_target,
    "top_account_share": _top_accounts,
    "territory_conflict": _territory,
    "selling_time_share": _selling_time,
    "lapsed_one_on_ones": _lapsed,
    "irregular_team_meetings": _irregular_meetings,
    "unclear_expectations": _unclear,
    "unreliable_forecast": _forecast,
    "avoided_performance_talks": _kpi_below(
        "improvement_plan_rate", lambda t: t.improvement_plan_rate
    ),
    "new_hires_unsupported": _new_hires,
    "single_closer_dependency": _single_closer,
}


def fired_signals(facts: ManagerFacts, limits: SignalThresholds) -> list[FiredSignal]:
    """The signals that fire for these facts, in metrics.md's order, each with its evidence."""
    found = ((name, RULES[name](facts, limits)) for name in SIGNALS)
    return [FiredSignal(name, evidence) for name, evidence in found if evidence is not None]


def signal_changes(now: Iterable[str], before: Iterable[str]) -> dict[str, str]:
    """Each signal that fired in P or in the previous period, in metrics.md's order: `new`
    (only now), `persisting` (both) or `cleared` (only before)."""
    current, previous = set(now), set(before)
    changes: dict[str, str] = {}
    for name in SIGNALS:
        if name in current:
            changes[name] = "persisting" if name in previous else "new"
        elif name in previous:
            changes[name] = "cleared"
    return changes
