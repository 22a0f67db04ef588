"""The manager KPIs of metrics.md, for every manager asked about at once.

`manager_kpis` runs a fixed number of statements whatever the number of managers or reps: the
team closure (metrics.grouping) is joined in SQL, the catalogue gives the team revenue and the
coaching counts, the quadrant gives the activity paces; each KPI group is in
`metrics/managers/`. The choices metrics.md leaves open are in docs/managers.md.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import Period, to_date_window
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.grouping import ByTeam
from pacesetter.metrics.managers import capability, revenue, rhythm
from pacesetter.metrics.managers.population import Members, direct_reports, team_reps
from pacesetter.metrics.managers.revenue import previous_forecast_accuracy
from pacesetter.metrics.org_settings import load_work_calendar, report_years

__all__ = ["KPI_KEYS", "manager_kpis", "previous_forecast_accuracy"]

KPI_KEYS = (
    "team_attainment",
    "pct_reps_at_goal",
    "forecast_accuracy",
    "one_on_one_cadence",
    "check_in_cadence",
    "ride_alongs",
    "pre_briefs",
    "debriefs",
    "team_meetings",
    "interviews",
    "crm_compliance",
    "activity_standard",
    "time_to_first_goal_month",
    "rep_retention",
    "improvement_plan_rate",
    "upward_feedback",
    "customer_experience",
)
# Shown beside `time_to_first_goal_month`: the recent hires who have not reached it yet.
WAITING_KEY = "time_to_first_goal_waiting"
KPIs = dict[int, dict[str, Value]]


@dataclass(frozen=True)
class _Request:
    """What every KPI group reads: the managers, P at d, the teams and their reps."""

    session: Session
    managers: Select[tuple[int]]
    period: Period
    as_of: date
    calendar: WorkCalendar
    grouping: ByTeam
    reps: Members


def manager_kpis(
    session: Session,
    managers: Select[tuple[int]],
    period: Period,
    as_of: date,
    *,
    calendar: WorkCalendar | None = None,
    with_parts: bool = False,
) -> KPIs:
    """Every KPI of `KPI_KEYS` (and `WAITING_KEY`) for each selected manager, for P at d;
    `with_parts` adds the parts some KPIs are computed from (`kpi:part`, e.g.
    `one_on_one_cadence:held`), which pages show as the formula with the values put in."""
    if calendar is None:
        calendar = load_work_calendar(session, report_years(period.previous().start, period.end))
    grouping = ByTeam(managers)
    reps = team_reps(session, grouping.closure, period)
    request = _Request(session, managers, period, as_of, calendar, grouping, reps)
    found: KPIs = {key: {} for key in session.scalars(managers)}
    for part in (_team_revenue, _sales_rhythm, _capability_growth):
        for key, values in part(request).items():
            if key in found:
                found[key].update(values)
    return {key: _in_order(values, with_parts) for key, values in found.items()}


def _in_order(values: dict[str, Value], with_parts: bool) -> dict[str, Value]:
    """The KPIs in the documented order; a KPI over nothing is null (counts: 0); then, when
    asked, their parts."""
    ordered = {name: values.get(name) for name in (*KPI_KEYS, WAITING_KEY)}
    if with_parts:
        ordered.update((name, value) for name, value in values.items() if ":" in name)
    for name in (*rhythm.COACHING_KPIS, WAITING_KEY):
        ordered[name] = ordered[name] or 0
    return ordered


def _team_revenue(ask: _Request) -> KPIs:
    session, managers, period, as_of = ask.session, ask.managers, ask.period, ask.as_of
    team = revenue.team_revenue(session, managers, period, as_of, ask.calendar)
    at_goal = revenue.reps_at_goal(session, ask.grouping, ask.reps, period, as_of, ask.calendar)
    accuracy = revenue.forecast_accuracies(session, managers, period, as_of, team)
    compliance = revenue.crm_compliance(session, ask.grouping, as_of)
    return {
        key: {
            "team_attainment": revenue.attainment(values),
            "team_attainment:part": values["revenue_won"],
            "team_attainment:whole": values["revenue_target"],
            **rhythm.share_kpi("pct_reps_at_goal", at_goal.get(key)),
            "forecast_accuracy": accuracy.get(key),
            **rhythm.share_kpi("crm_compliance", compliance.get(key)),
        }
        for key, values in team.items()
    }


def _sales_rhythm(ask: _Request) -> KPIs:
    session, managers, period, as_of = ask.session, ask.managers, ask.period, ask.as_of
    found: KPIs = {}
    counts = rhythm.coaching_counts(session, managers, period, as_of, ask.calendar)
    reports = direct_reports(session, managers, period)
    cadences = rhythm.cadences(session, managers, reports, period, as_of)
    standards = rhythm.activity_standards(
        session, ask.grouping, ask.reps, period, as_of, ask.calendar
    )
    for key in set(counts) | set(cadences) | set(standards):
        found[key] = {**counts.get(key, {}), **cadences.get(key, {})}
        found[key].update(rhythm.share_kpi("activity_standard", standards.get(key)))
    return found


def _capability_growth(ask: _Request) -> KPIs:
    session, period, as_of = ask.session, ask.period, ask.as_of
    window = to_date_window(period, as_of)
    reached = capability.first_goal_months(session, ask.grouping, period, as_of)
    plans = capability.improvement_plan_rates(
        session, ask.grouping, ask.reps, period, as_of, ask.calendar
    )
    upward = capability.upward_feedback(session, ask.managers, window)
    customers = capability.customer_experience(session, ask.grouping, window)
    found: KPIs = {}
    for key in set(ask.reps) | set(plans) | set(upward) | set(customers):
        members = ask.reps.get(key, [])
        onboarded = capability.onboarding(members, reached, as_of)
        found[key] = {
            "time_to_first_goal_month": onboarded.mean_months,
            WAITING_KEY: onboarded.waiting,
            **rhythm.share_kpi("rep_retention", capability.retention(members, period, as_of)),
            **rhythm.share_kpi("improvement_plan_rate", plans.get(key)),
            "upward_feedback": upward.get(key),
            "customer_experience": customers.get(key),
        }
    return found
