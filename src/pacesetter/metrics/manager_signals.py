"""Player-coach values, overload signals and the role-design recommendation, per manager.

metrics.md "Player-coach and overload signals": the facts of every manager asked about come
from a fixed number of set-based statements (metrics/player_coach.py, metrics/people_signals.py
and the team meetings below); the rules that turn them into fired signals with evidence and a
recommendation are pure (domain/overload.py, domain/role_design.py). The KPIs some signals read
(1:1 cadence, forecast accuracy, improvement-plan rate) are the manager KPIs, passed in by their
caller.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.overload import (
    FiredSignal,
    ManagerFacts,
    MemberRevenue,
    SignalThresholds,
    TeamMeetings,
    personal_revenue_share,
    selling_time_share,
    share,
    top_account_share,
)
from pacesetter.domain.periods import Period, to_date_window
from pacesetter.domain.role_design import (
    Advice,
    RoleDesignThresholds,
    WhatIf,
    advise,
    what_if,
)
from pacesetter.domain.vocab import CoachingType
from pacesetter.metrics.people_signals import Reports, direct_reports
from pacesetter.metrics.player_coach import (
    Ids,
    Ref,
    Window,
    member_revenue,
    revenue_targets,
    selling_time,
    territory_deals,
    top_accounts,
)
from pacesetter.store.models import CoachingRecord, OrgSettings
from pacesetter.store.org_settings import load_org_settings

__all__ = [
    "FiredSignal",
    "ManagerSignals",
    "WhatIf",
    "manager_facts",
    "manager_signals",
    "what_if_advice",
]

# The KPIs (metrics.md "Manager KPIs") the signals read.
SIGNAL_KPIS = ("one_on_one_cadence", "forecast_accuracy", "improvement_plan_rate")


@dataclass(frozen=True)
class ManagerSignals:
    personal_target_share: float | None
    personal_revenue_share: float | None
    top_account_share: float | None
    selling_time_share: float | None
    signals: list[FiredSignal]  # only those that fired, in metrics.md's table order
    recommendation: str  # leadership_only | limit_personal_target | player_coach_ok
    reasons: list[str]


def manager_signals(
    session: Session,
    managers: Select[tuple[int]],
    period: Period,
    as_of: date,
    kpis: Mapping[int, Mapping[str, float | None]],
    previous_forecast_accuracy: Mapping[int, float | None],
    *,
    calendar: WorkCalendar | None = None,
) -> dict[int, ManagerSignals]:
    """Every selected manager's player-coach values, fired signals and recommendation for P
    at d. `kpis` are the manager KPIs for P and `previous_forecast_accuracy` the forecast
    accuracy of the previous period of the same length; a missing or null one does not fire.
    No signal counts working days: `calendar` is accepted for symmetry with the KPIs."""
    settings = load_org_settings(session)
    facts = manager_facts(
        session, managers, period, as_of, kpis, previous_forecast_accuracy, settings
    )
    limits, design = signal_thresholds(settings), role_design_thresholds(settings)
    return {
        key: _signals(each, settings.business_stage, limits, design) for key, each in facts.items()
    }


def _signals(
    facts: ManagerFacts, stage: str, limits: SignalThresholds, design: RoleDesignThresholds
) -> ManagerSignals:
    fired, advice = advise(facts, stage, limits, design)
    return ManagerSignals(
        personal_target_share=facts.personal_target_share,
        personal_revenue_share=personal_revenue_share(facts),
        top_account_share=top_account_share(facts),
        selling_time_share=selling_time_share(facts),
        signals=fired,
        recommendation=advice.value.value,
        reasons=advice.reasons,
    )


def what_if_advice(session: Session, facts: ManagerFacts, change: WhatIf) -> Advice:
    """The recommendation for a manager's facts (`manager_facts`) if the team size, the stage
    or the personal target share changed, under the organisation's thresholds."""
    settings = load_org_settings(session)
    limits, design = signal_thresholds(settings), role_design_thresholds(settings)
    return what_if(facts, settings.business_stage, change, limits, design)


def manager_facts(
    session: Session,
    managers: Ids,
    period: Period,
    as_of: date,
    kpis: Mapping[int, Mapping[str, float | None]],
    previous_forecast_accuracy: Mapping[int, float | None],
    settings: OrgSettings,
) -> dict[int, ManagerFacts]:
    """What the signals read, for every selected manager (also what a what-if replays)."""
    window = to_date_window(period, as_of)
    gathered = _Gathered(
        window=window,
        reports=direct_reports(session, managers, period, as_of, settings),
        targets=revenue_targets(session, managers, period),
        revenue=member_revenue(session, managers, window),
        top=top_accounts(session, managers, as_of, settings.signal_top_account_fraction),
        conflicts=territory_deals(session, managers, period, window),
        time=selling_time(session, managers, window),
        meetings=team_meetings(session, managers, window),
    )
    return {
        key: gathered.facts_of(key, kpis.get(key, {}), previous_forecast_accuracy.get(key))
        for key in session.scalars(managers)
    }


@dataclass(frozen=True)
class _Gathered:
    """The set-based facts of all the managers, by manager id."""

    window: Window | None
    reports: Mapping[int, Reports]
    targets: Mapping[int, Mapping[str, float]]
    revenue: Mapping[int, list[MemberRevenue]]
    top: Mapping[int, tuple[int, list[Ref]]]
    conflicts: Mapping[int, list[Ref]]
    time: Mapping[int, tuple[int, int]]
    meetings: Mapping[int, TeamMeetings]

    def facts_of(
        self, key: int, kpis: Mapping[str, float | None], previous_accuracy: float | None
    ) -> ManagerFacts:
        reports = self.reports.get(key) or Reports()
        personal, team = (self.targets.get(key, {}).get(scope) for scope in ("person", "team"))
        count, owned = self.top.get(key, (0, []))
        activities, coaching = self.time.get(key, (0, 0))
        return ManagerFacts(
            direct_reports=reports.count,
            personal_target=personal,
            team_target=team,
            personal_target_share=share(personal, team),
            top_accounts=count,
            top_accounts_owned=owned,
            territory_deals=self.conflicts.get(key, []),
            own_activities=activities,
            coaching_records=coaching,
            meetings=self.meetings.get(key) or _no_meetings(self.window),
            reps_without_goals=reports.without_goals,
            new_hires_without_one_on_one=reports.new_hires,
            missed_one_on_ones=reports.missed_one_on_ones,
            member_revenue=self.revenue.get(key, []),
            kpis={name: kpis.get(name) for name in SIGNAL_KPIS},
            previous_forecast_accuracy=previous_accuracy,
        )


def _no_meetings(window: Window | None) -> TeamMeetings | None:
    """No meeting ever: the whole window is one gap (none before the period starts)."""
    return None if window is None else TeamMeetings(window, [])


def team_meetings(
    session: Session, managers: Ids, window: Window | None
) -> dict[int, TeamMeetings]:
    """Each manager's team meetings in the window and their last one on or before its start."""
    if window is None:
        return {}
    mine = (
        CoachingRecord.author_id.in_(managers),
        CoachingRecord.type == CoachingType.TEAM_MEETING,
    )
    held = select(CoachingRecord.author_id, CoachingRecord.occurred_on).where(
        *mine, CoachingRecord.occurred_on.between(*window)
    )
    last = (
        select(CoachingRecord.author_id, func.max(CoachingRecord.occurred_on))
        .where(*mine, CoachingRecord.occurred_on <= window[0])
        .group_by(CoachingRecord.author_id)
    )
    dates: dict[int, list[date]] = {}
    for author, day in session.execute(held):
        dates.setdefault(author, []).append(day)
    before = dict(session.execute(last).all())
    return {
        key: TeamMeetings(window, sorted(dates.get(key, [])), before.get(key))
        for key in dates.keys() | before.keys()
    }


def signal_thresholds(settings: OrgSettings) -> SignalThresholds:
    return SignalThresholds(
        personal_target_share=settings.signal_personal_target_share,
        personal_target_min_reports=settings.signal_personal_target_min_reports,
        top_account_fraction=settings.signal_top_account_fraction,
        top_account_multiple=settings.signal_top_account_multiple,
        selling_time_share=settings.signal_selling_time_share,
        one_on_one_cadence=settings.signal_one_on_one_cadence,
        team_meeting_cadence_days=settings.team_meeting_cadence_days,
        team_meeting_gap_multiple=settings.signal_team_meeting_gap_multiple,
        forecast_accuracy=settings.signal_forecast_accuracy,
        improvement_plan_rate=settings.signal_improvement_plan_rate,
        new_hire_days=settings.signal_new_hire_days,
        new_hire_one_on_one_days=settings.signal_new_hire_one_on_one_days,
        single_closer_share=settings.signal_single_closer_share,
    )


def role_design_thresholds(settings: OrgSettings) -> RoleDesignThresholds:
    return RoleDesignThresholds(
        leadership_only_reports=settings.role_leadership_only_reports,
        leadership_only_signals=settings.role_leadership_only_signals,
        limit_target_reports=settings.role_limit_target_reports,
        limit_target_share=settings.role_limit_target_share,
    )
