"""The manager report: one row per manager and director employed during P, with every manager
KPI, the player-coach values, the signals that fired (with their evidence) and the role-design
recommendation with its reasons (metrics.md "Manager KPIs" and "Player-coach and overload").

Built once as plain data (`build_manager_report`), then printed by the CLI, served as JSON by
the API and shown on the page. The KPIs, the previous period's forecast accuracy and the
signals are each computed for all the rows' managers at once.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import Period, PeriodKind, parse_period, period_of
from pacesetter.domain.vocab import Role
from pacesetter.metrics.catalogue import Value
from pacesetter.metrics.manager_changes import PreviousPeriod, earlier_kpis, previous_period
from pacesetter.metrics.manager_kpis import (
    KPI_KEYS,
    WAITING_KEY,
    manager_kpis,
    previous_forecast_accuracy,
)
from pacesetter.metrics.manager_signals import FiredSignal, ManagerSignals, manager_signals
from pacesetter.metrics.managers.population import employed_during
from pacesetter.metrics.managers.revenue import (
    ForecastRecord,
    ForecastRollup,
    forecast_history,
    forecast_rollups,
)
from pacesetter.metrics.org_settings import (
    fiscal_year_start_month,
    load_work_calendar,
    report_years,
)
from pacesetter.metrics.scorecard import default_as_of
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope, subtree_ids
from pacesetter.store.screen_cache import cached_screen

MANAGER_ROLES = (Role.MANAGER, Role.DIRECTOR)
# How many past periods of forecasts the page and the API show beside the report.
HISTORY_PERIODS = 4
# The JSON row's KPI keys, in order: `time_to_first_goal_waiting` sits beside its KPI.
ROW_KPIS = (*KPI_KEYS, WAITING_KEY)
PLAYER_COACH_FIELDS = ("personal_target_share", "top_account_share", "selling_time_share")
# The CSV's columns: the JSON row's, signals as their names and the recommendation's value.
CSV_FIELDS = ("external_id", "email", *ROW_KPIS, *PLAYER_COACH_FIELDS, "signals", "recommendation")
# The pages' and the API's default order: the managers with the most signals fired first.
ATTENTION = "attention"
# Every order a page or the API may ask for (`sorted_rows`).
SORTS = (ATTENTION, "name", *ROW_KPIS)


@dataclass(frozen=True)
class KpiColumn:
    """How a KPI is shown: `kind` is share, count, months or rating; `formula` says in a
    sentence how it is computed (docs/managers.md has the details)."""

    key: str
    label: str
    kind: str
    formula: str


# The scorecard's three groups (domain.md "Manager scorecard"), in the order they are shown.
KPI_GROUPS: dict[str, tuple[KpiColumn, ...]] = {
    "Team revenue": (
        KpiColumn(
            "team_attainment",
            "Team attainment",
            "share",
            "Team revenue won to date / the team's approved revenue target for the period.",
        ),
        KpiColumn(
            "pct_reps_at_goal",
            "Reps at goal",
            "share",
            "Of the reps with an approved revenue goal, the share at or above it to date.",
        ),
        KpiColumn(
            "forecast_accuracy",
            "Forecast accuracy",
            "share",
            "1 - |actual - forecast| / actual, with the last forecast made by mid-period; "
            "known once the period has ended.",
        ),
    ),
    "Sales rhythm": (
        KpiColumn(
            "one_on_one_cadence",
            "1:1 cadence",
            "share",
            "1:1s held / due, one per direct report per month (due once the month ends).",
        ),
        KpiColumn(
            "check_in_cadence",
            "Check-in cadence",
            "share",
            "Check-ins held / due, one per direct report per week (due once the week ends).",
        ),
        KpiColumn("ride_alongs", "Ride-alongs", "count", "Ride-alongs and shadowing held."),
        KpiColumn("pre_briefs", "Pre-briefs", "count", "Pre-briefs held."),
        KpiColumn("debriefs", "Debriefs", "count", "Debriefs held."),
        KpiColumn("team_meetings", "Team meetings", "count", "Team meetings held."),
        KpiColumn(
            "crm_compliance",
            "CRM compliance",
            "share",
            "Of the team's open deals, the share with an amount, a close date not in the past "
            "and a next step.",
        ),
        KpiColumn(
            "activity_standard",
            "Activity standard",
            "share",
            "Of the reps with an activity plan, the share on pace with it.",
        ),
    ),
    "Capability growth": (
        KpiColumn(
            "time_to_first_goal_month",
            "Months to first month at goal",
            "months",
            "For reps hired in the last 12 months, the mean months from their start month to "
            "their first month at goal.",
        ),
        KpiColumn(
            WAITING_KEY, "Still waiting", "count", "Recent hires without a month at goal yet."
        ),
        KpiColumn(
            "rep_retention",
            "Rep retention",
            "share",
            "Of the reps employed on the first day, the share still employed.",
        ),
        KpiColumn(
            "improvement_plan_rate",
            "Improvement plans",
            "share",
            "Of the reps off track at the end of last period, the share given an improvement "
            "plan within 14 days.",
        ),
        KpiColumn("interviews", "Interviews", "count", "Recruiting interviews held."),
        KpiColumn(
            "upward_feedback",
            "Upward feedback",
            "rating",
            "Mean rating the reps gave the manager (shown from 3 ratings).",
        ),
        KpiColumn(
            "customer_experience",
            "Customer experience",
            "rating",
            "Mean rating customers gave the team.",
        ),
    ),
}


@dataclass(frozen=True)
class ManagerRow:
    person_id: int
    external_id: str
    email: str
    name: str
    role: str
    kpis: dict[str, Value]
    coach: ManagerSignals
    # The forecasts of the periods before P, the latest first (pages and API; not the CLI's).
    forecast_history: list[ForecastRecord] = field(default_factory=list)
    forecast_rollup: ForecastRollup | None = None
    # Pages and API: each signal fired now or in the previous period, new/persisting/cleared.
    signal_changes: dict[str, str] = field(default_factory=dict)
    # Pages: the KPIs of the previous period of the same length at its end (None: not asked,
    # or not employed then).
    previous_kpis: dict[str, Value] | None = None

    @property
    def signals(self) -> list[FiredSignal]:
        return self.coach.signals

    def player_coach(self) -> dict[str, float | None]:
        return {name: getattr(self.coach, name) for name in PLAYER_COACH_FIELDS}

    def as_dict(self) -> dict[str, Any]:
        """The documented JSON row; values are not rounded."""
        signals = [{"name": s.name, "evidence": s.evidence} for s in self.coach.signals]
        advice = {"value": self.coach.recommendation, "reasons": list(self.coach.reasons)}
        identity = {"external_id": self.external_id, "email": self.email}
        kpis = {name: self.kpis[name] for name in ROW_KPIS}
        return {
            **identity,
            **kpis,
            **self.player_coach(),
            "signals": signals,
            "recommendation": advice,
        }

    def csv_cells(self) -> list[Any]:
        row = self.as_dict()
        row["signals"] = ";".join(signal.name for signal in self.coach.signals)
        row["recommendation"] = self.coach.recommendation
        return [row[field] for field in CSV_FIELDS]


@dataclass(frozen=True)
class ManagerReport:
    period: Period
    as_of: date
    rows: list[ManagerRow]
    previous: Period | None = None  # the period the changes are since (pages and API)

    def as_dict(self) -> dict[str, Any]:
        rows = [row.as_dict() for row in self.rows]
        return {"period": self.period.name, "as_of": self.as_of.isoformat(), "rows": rows}


def report_managers(
    scope: Scope, period: Period, manager_id: int | None, *, direct: bool = False
) -> Select[tuple[int]]:
    """The managers and directors employed during P that `scope` sees; with `manager_id`,
    that person and the managers and directors below them. With `direct`, only the head (the
    manager asked for, else the viewer) and those who report to them directly: a team at a
    time, to drill down level by level (an unrestricted scope's heads are the people
    without a manager)."""
    statement = select(Person.id).where(
        Person.role.in_(MANAGER_ROLES), employed_during(period.start, period.end)
    )
    if manager_id is not None:
        statement = statement.where(Person.id.in_(subtree_ids(manager_id)))
    if direct:
        statement = statement.where(_head_and_direct_reports(scope, manager_id))
    return scope.restrict(statement, Person.id)


def leading_row(scope: Scope, manager_id: int | None, direct: bool) -> int | None:
    """Whose row leads the screen: the manager asked for, else (a team at a time) the
    viewer's own; None: the order alone decides."""
    return manager_id if manager_id is not None or not direct else scope.viewer_id


def _head_and_direct_reports(scope: Scope, manager_id: int | None) -> ColumnElement[bool]:
    head = manager_id if manager_id is not None else scope.viewer_id
    if head is None or (manager_id is None and scope.is_unrestricted):
        return Person.manager_id.is_(None)
    return or_(Person.id == head, Person.manager_id == head)


def build_manager_report(
    session: Session,
    scope: Scope,
    period: Period,
    as_of: date,
    manager_id: int | None = None,
    *,
    history: int = 0,
    direct: bool = False,
) -> ManagerReport:
    """The report's rows, sorted by name, with (when `history` > 0, as pages and the API ask)
    the forecasts of the `history` periods before P, the forecast roll-up for P, and each
    signal's change since the previous period with that period's KPIs. `manager_id` is not
    checked against the scope here: rows outside it simply do not appear (resolve it with
    `scorecard.find_person` first). `direct`: only the head and their direct reports
    (`report_managers`)."""
    ids = report_managers(scope, period, manager_id, direct=direct)
    calendar = load_work_calendar(session, report_years(period.previous().start, period.end))
    kpis = manager_kpis(session, ids, period, as_of, calendar=calendar, with_parts=history > 0)
    previous = previous_forecast_accuracy(session, ids, period, calendar=calendar)
    coach = manager_signals(session, ids, period, as_of, kpis, previous, calendar=calendar)
    past = forecast_history(session, ids, period, history, calendar=calendar) if history else {}
    rollups = forecast_rollups(session, ids, period, as_of, calendar) if history else {}
    before = previous_period(session, ids, period, coach) if history else None
    people = session.scalars(
        select(Person).where(Person.id.in_(ids)).order_by(Person.name, Person.external_id)
    )
    rows = [
        ManagerRow(
            *(p.id, p.external_id, p.email, p.name, p.role, kpis[p.id], coach[p.id]),
            past.get(p.id, []),
            rollups.get(p.id),
            *_changes(before, p.id),
        )
        for p in people
    ]
    return ManagerReport(period, as_of, rows, before.period if before else None)


def sorted_rows(rows: list[ManagerRow], sort: str, head: int | None = None) -> list[ManagerRow]:
    """By `ATTENTION` (the most signals fired first, new ones breaking ties, then by name:
    the managers who need attention lead page 1), by name, or by a KPI from the highest down
    with the nulls last (an unknown sort: by name); with `head`, that manager's row first
    (a team drilled into starts with its manager, above the managers below them)."""
    ordered = _sorted(rows, sort)
    return sorted(ordered, key=lambda row: row.person_id != head) if head else ordered


def _sorted(rows: list[ManagerRow], sort: str) -> list[ManagerRow]:
    if sort == ATTENTION:
        return sorted(rows, key=_attention)  # stable: by name within a count
    if sort == "name" or not rows or sort not in rows[0].kpis:
        return list(rows)
    known = [row for row in rows if row.kpis[sort] is not None]
    unknown = [row for row in rows if row.kpis[sort] is None]
    return sorted(known, key=lambda row: -float(row.kpis[sort] or 0)) + unknown


def _attention(row: ManagerRow) -> tuple[int, int]:
    fresh = sum(1 for change in row.signal_changes.values() if change == "new")
    return -len(row.signals), -fresh


def _changes(
    before: PreviousPeriod | None, key: int
) -> tuple[dict[str, str], dict[str, Value] | None]:
    if before is None:
        return {}, None
    return before.changes.get(key, {}), before.kpis.get(key)


@cached_screen("managers report")
def requested_manager_report(
    session: Session,
    scope: Scope,
    today: date,
    period_name: str | None = None,
    as_of: date | None = None,
    manager_id: int | None = None,
    *,
    direct: bool = False,
) -> ManagerReport:
    """The report as a page or the API asks for it: the period by name in the fiscal year
    (default: the quarter of `today`), the as-of date (default: today, clipped to it), a
    manager who must be in `scope` (`NotFound` if not), and whether only the head and their
    direct reports (`direct`)."""
    period, day = requested_period(session, today, period_name, as_of)
    manager = scope.person(session, manager_id).id if manager_id is not None else None
    return build_manager_report(
        session, scope, period, day, manager, history=HISTORY_PERIODS, direct=direct
    )


def requested_period(
    session: Session, today: date, period_name: str | None, as_of: date | None
) -> tuple[Period, date]:
    """P by name in the fiscal year (default: the quarter of `today`) and d (default: today,
    clipped to P), as the managers page and API read them."""
    fiscal = fiscal_year_start_month(session)
    if period_name:
        period = parse_period(period_name, fiscal)
    else:
        period = period_of(today, PeriodKind.QUARTER, fiscal)
    return period, as_of or default_as_of(period, today)


def kpi_trends(session: Session, report: ManagerReport, earlier: int) -> dict[str, dict[str, Any]]:
    """Each KPI of the report's first manager over `earlier` + 2 periods, the earliest first:
    the `earlier` periods before the previous one and the previous one at their ends, then P
    at d (a manager's own card draws them as sparklines)."""
    row = report.rows[0]
    ids = select(Person.id).where(Person.id == row.person_id)
    past = earlier_kpis(session, ids, report.period, earlier)
    points = [(period.name, kpis.get(row.person_id)) for period, kpis in past]
    if report.previous:
        points.append((report.previous.name, row.previous_kpis))
    points.append((report.period.name, row.kpis))
    labels = [name for name, _ in points]
    return {
        key: {"labels": labels, "values": [(kpis or {}).get(key) for _, kpis in points]}
        for key in ROW_KPIS
    }
