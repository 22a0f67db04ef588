"""Manager KPIs (metrics.md "Manager KPIs"), hand-worked for Q1 2026 (1 Jan to 31 Mar, 90 days,
forecast midpoint 15 Feb), one scenario table per KPI. The organisation:

    Dana (director)
    ├── Milo (manager)    reps: Rosa, Raj, Lea (left 10 Feb), Nell (starts 16 Feb)
    └── Mina (manager)    rep: Remy
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from test_query_count import counting

from factories import (
    make_activity,
    make_coaching,
    make_deal,
    make_forecast,
    make_goal,
    make_person,
    make_plan_line,
)
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.manager_kpis import (
    KPI_KEYS,
    WAITING_KEY,
    manager_kpis,
    previous_forecast_accuracy,
)
from pacesetter.metrics.manager_signals import manager_signals
from pacesetter.metrics.managers.revenue import (
    ForecastRollup,
    forecast_accuracy,
    forecast_history,
    forecast_rollups,
)
from pacesetter.metrics.org_settings import load_work_calendar
from pacesetter.store.models import Person

Q1 = parse_period("2026-Q1")
FEB_13 = date(2026, 2, 13)


@dataclass
class Org:
    dana: Person
    milo: Person
    mina: Person
    rosa: Person
    raj: Person
    lea: Person
    nell: Person
    remy: Person


@pytest.fixture
def org(db: Session) -> Org:
    dana = make_person(db, "Dana", role="director")
    milo = make_person(db, "Milo", role="manager", manager=dana)
    mina = make_person(db, "Mina", role="manager", manager=dana)
    return Org(
        dana=dana,
        milo=milo,
        mina=mina,
        rosa=make_person(db, "Rosa", manager=milo),
        raj=make_person(db, "Raj", manager=milo),
        lea=make_person(db, "Lea", manager=milo, end_date=date(2026, 2, 10)),
        nell=make_person(db, "Nell", manager=milo, start_date=date(2026, 2, 16)),
        remy=make_person(db, "Remy", manager=mina),
    )


Kpis = Callable[..., dict[int, dict[str, object]]]


@pytest.fixture
def kpis(db: Session, org: Org) -> Kpis:
    """`kpis(as_of)`: the KPIs of Dana, Milo and Mina for Q1 (or `period`) at `as_of`."""

    def compute(as_of: date, period: str = "2026-Q1") -> dict[int, dict[str, object]]:
        managers = select(Person.id).where(Person.role.in_(("manager", "director")))
        return manager_kpis(db, managers, parse_period(period), as_of)

    return compute


def won(db: Session, person: Person, amount: float, closed: date) -> None:
    make_deal(db, person, amount=amount, status="won", created=date(2025, 6, 1), closed=closed)


def test_every_manager_gets_exactly_the_documented_keys(kpis: Kpis, org: Org) -> None:
    found = kpis(FEB_13)
    assert set(found) == {org.dana.id, org.milo.id, org.mina.id}
    assert all(list(values) == [*KPI_KEYS, WAITING_KEY] for values in found.values())


def test_team_attainment(db: Session, kpis: Kpis, org: Org) -> None:
    # Milo's team to 13 Feb: Milo 1000 + Rosa 3000 + Lea 500 (before she left) = 4500 of 10000;
    # Raj's 2000 closes after d. Dana has no team goal; Mina's is 0.
    for person, amount, closed in [
        (org.milo, 1000, date(2026, 1, 20)),
        (org.rosa, 3000, date(2026, 2, 13)),
        (org.lea, 500, date(2026, 2, 2)),
        (org.raj, 2000, date(2026, 2, 14)),
    ]:
        won(db, person, amount, closed)
    make_goal(db, org.milo, "2026-Q1", 10_000, team=True)
    make_goal(db, org.mina, "2026-Q1", 0, team=True)
    make_goal(db, org.dana, "2026-Q1", 50_000)  # her personal goal is no team goal
    make_goal(db, org.dana, "2026-01", 5_000, team=True)  # another period
    found = kpis(FEB_13)
    assert found[org.milo.id]["team_attainment"] == 4500 / 10_000
    assert found[org.dana.id]["team_attainment"] is None
    assert found[org.mina.id]["team_attainment"] is None


def test_pct_reps_at_goal(db: Session, kpis: Kpis, org: Org) -> None:
    # Rosa 3000 of 3000 (a tie at 1: at goal); Raj 1000 of 2000; Nell's target 0 is never
    # attained; Lea has no goal: 1 of 3. Dana's reps add Remy, without a goal: 1 of 3.
    won(db, org.rosa, 3000, date(2026, 2, 1))
    won(db, org.raj, 1000, date(2026, 2, 1))
    won(db, org.lea, 900, date(2026, 2, 1))
    make_goal(db, org.rosa, "2026-Q1", 3000)
    make_goal(db, org.raj, "2026-Q1", 2000)
    make_goal(db, org.nell, "2026-Q1", 0)
    make_goal(db, org.remy, "2026-Q1", 100, status="proposed")
    found = kpis(FEB_13)
    assert found[org.milo.id]["pct_reps_at_goal"] == 1 / 3
    assert found[org.dana.id]["pct_reps_at_goal"] == 1 / 3
    assert found[org.mina.id]["pct_reps_at_goal"] is None


@pytest.fixture
def forecasts(db: Session, org: Org) -> None:
    """Milo's team wins 5000 in Q1: 3000 by Rosa, 2000 by Milo on the last day."""
    won(db, org.rosa, 3000, date(2026, 2, 1))
    won(db, org.milo, 2000, date(2026, 3, 31))
    make_forecast(db, org.milo, "2026-Q1", 4000, date(2026, 1, 10))
    make_forecast(db, org.milo, "2026-Q1", 6000, date(2026, 2, 15))  # on the midpoint: used
    make_forecast(db, org.milo, "2026-Q1", 5000, date(2026, 2, 16))  # after it: ignored
    make_forecast(db, org.milo, "2026-Q2", 5000, date(2026, 1, 12))  # another period
    make_forecast(db, org.dana, "2026-Q1", 0, date(2026, 1, 2))


@pytest.mark.parametrize(
    ("as_of", "milo", "dana"),
    [
        # A is known only once d reaches the end of Q1
        (date(2026, 3, 30), None, None),
        # 1 - |5000 - 6000| / 5000; Dana forecast 0 against her team's 5000: max(0, 1 - 1)
        (date(2026, 3, 31), 1 - 1000 / 5000, 0.0),
        (date(2026, 4, 15), 1 - 1000 / 5000, 0.0),
    ],
)
def test_forecast_accuracy(
    kpis: Kpis, org: Org, forecasts: None, as_of: date, milo: float | None, dana: float | None
) -> None:
    found = kpis(as_of)
    assert found[org.milo.id]["forecast_accuracy"] == milo
    assert found[org.dana.id]["forecast_accuracy"] == dana
    assert found[org.mina.id]["forecast_accuracy"] is None  # no forecast


@pytest.mark.parametrize(
    ("actual", "forecast", "expected"),
    [
        (5000, 6000, 0.8),
        (5000, 4000, 0.8),
        (5000, 15_000, 0.0),  # never below 0
        (0, 0, 1.0),
        (0, 100, 0.0),
        (None, 100, None),
        (5000, None, None),
    ],
)
def test_forecast_accuracy_formula(
    actual: float | None, forecast: float | None, expected: float | None
) -> None:
    assert forecast_accuracy(actual, forecast) == pytest.approx(expected)


def test_previous_forecast_accuracy_is_for_the_previous_quarter_at_its_end(
    db: Session, org: Org
) -> None:
    # Q4 2025: 92 days, midpoint 1 Oct + 46 = 16 Nov; Milo forecast 1000, his team won 800
    won(db, org.raj, 800, date(2025, 12, 31))
    make_forecast(db, org.milo, "2025-Q4", 1000, date(2025, 11, 16))
    make_forecast(db, org.milo, "2025-Q4", 100, date(2025, 11, 17))
    managers = select(Person.id).where(Person.id.in_((org.milo.id, org.mina.id)))
    found = previous_forecast_accuracy(db, managers, Q1)
    assert found == {org.milo.id: 1 - 200 / 800, org.mina.id: None}


def test_forecast_history_is_the_periods_before_the_latest_first(db: Session, org: Org) -> None:
    # Q4 2025: forecast 1000 by the midpoint, team won 800; Q3 2025: no forecast, won 500
    won(db, org.raj, 800, date(2025, 12, 31))
    won(db, org.rosa, 500, date(2025, 8, 1))
    make_forecast(db, org.milo, "2025-Q4", 1000, date(2025, 11, 16))
    managers = select(Person.id).where(Person.id == org.milo.id)
    found = forecast_history(db, managers, Q1, 2)[org.milo.id]
    assert [(r.period, r.forecast, r.actual, r.accuracy) for r in found] == [
        ("2025-Q4", 1000, 800, 1 - 200 / 800),
        ("2025-Q3", None, 500, None),
    ]


def test_forecast_rollup_is_the_latest_forecast_by_d_against_won_and_pipeline(
    db: Session, org: Org, forecasts: None
) -> None:
    # At 20 Feb: Milo's latest by d is 5000 (16 Feb: after the midpoint counts here); his team
    # has won Rosa's 3000; pipeline: Raj's open 1500 closing 20 Mar and Milo's 2000 won on
    # 31 Mar (open at d), not Lea's closing 10 Feb
    make_deal(db, org.raj, amount=1500, created=date(2026, 1, 5), closed=date(2026, 3, 20))
    make_deal(db, org.lea, amount=700, created=date(2026, 1, 5), closed=date(2026, 2, 10))
    managers = select(Person.id).where(Person.id.in_((org.milo.id, org.mina.id)))
    found = forecast_rollups(db, managers, Q1, date(2026, 2, 20), load_work_calendar(db))
    assert found[org.milo.id] == ForecastRollup(5000, date(2026, 2, 16), 3000, 1500 + 2000)
    assert found[org.mina.id] == ForecastRollup(None, None, 0, 0)


@pytest.fixture
def one_on_ones(db: Session, org: Org) -> None:
    for author, about, on in [
        (org.milo, org.rosa, date(2026, 1, 5)),
        (org.milo, org.rosa, date(2026, 2, 3)),  # held early in February
        (org.milo, org.rosa, date(2026, 2, 14)),
        (org.dana, org.raj, date(2026, 1, 7)),  # not by Raj's manager
        (org.milo, org.remy, date(2026, 1, 8)),  # not Milo's report
    ]:
        make_coaching(db, author, "one_on_one", on, person=about)


@pytest.mark.parametrize(
    ("as_of", "milo"),
    [
        # January due for Rosa (held), Raj, Lea; Nell was not employed in January.
        # February has not ended, but Rosa's is held already: 2 held of 4 due.
        (FEB_13, 2 / 4),
        # February has ended: Rosa (held), Raj, Lea (left 10 Feb), Nell (from 16 Feb): 2 of 7
        (date(2026, 3, 1), 2 / 7),
        # nothing has ended and nothing is held yet
        (date(2026, 1, 4), None),
    ],
)
def test_one_on_one_cadence(
    kpis: Kpis, org: Org, one_on_ones: None, as_of: date, milo: float | None
) -> None:
    found = kpis(as_of)
    assert found[org.milo.id]["one_on_one_cadence"] == milo
    if as_of == date(2026, 3, 1):
        # Dana's direct reports are Milo and Mina: 2 months due each, Raj is not hers
        assert found[org.dana.id]["one_on_one_cadence"] == 0.0
        assert found[org.mina.id]["one_on_one_cadence"] == 0.0  # Remy: none by Mina


@pytest.mark.parametrize(
    ("as_of", "milo"),
    [
        # Week 1 of Q1 starts Mon 5 Jan (the week of 29 Dec started before Q1). On Sun 11 Jan
        # it has ended: Rosa held (6 Jan), Raj and Lea not; Raj's on the 13th is after d.
        (date(2026, 1, 11), 1 / 3),
        # Wed 14 Jan: week 2 has not ended, but Raj's is held already: 2 of 4
        (date(2026, 1, 14), 2 / 4),
        # Sat 10 Jan: week 1 has not ended and Rosa's counts as held early
        (date(2026, 1, 10), 1.0),
    ],
)
def test_check_in_cadence(
    db: Session, kpis: Kpis, org: Org, as_of: date, milo: float | None
) -> None:
    make_coaching(db, org.milo, "check_in", date(2026, 1, 2), person=org.rosa)  # before week 1
    make_coaching(db, org.milo, "check_in", date(2026, 1, 6), person=org.rosa)
    make_coaching(db, org.milo, "check_in", date(2026, 1, 13), person=org.raj)
    assert kpis(as_of)[org.milo.id]["check_in_cadence"] == milo


def test_coaching_counts_are_the_managers_own(db: Session, kpis: Kpis, org: Org) -> None:
    # Milo: ride-along and shadowing in the window (the one after d is not counted), a
    # pre-brief, two team meetings, an interview; Rosa's ride-along never counts for Dana or Milo
    for kind, on in [
        ("ride_along", date(2026, 1, 7)),
        ("shadowing", date(2026, 1, 20)),
        ("ride_along", date(2026, 2, 20)),
        ("ride_along", date(2025, 12, 20)),
        ("pre_brief", date(2026, 2, 2)),
        ("team_meeting", date(2026, 1, 5)),
        ("team_meeting", date(2026, 2, 13)),
        ("interview", date(2026, 1, 30)),
    ]:
        make_coaching(db, org.milo, kind, on, person=org.rosa)
    make_coaching(db, org.rosa, "ride_along", date(2026, 1, 7), person=org.raj)
    found = kpis(FEB_13)
    counts = ("ride_alongs", "pre_briefs", "debriefs", "team_meetings", "interviews")
    assert [found[org.milo.id][name] for name in counts] == [2, 1, 0, 2, 1]
    assert [found[org.dana.id][name] for name in counts] == [0, 0, 0, 0, 0]


def test_crm_compliance(db: Session, kpis: Kpis, org: Org) -> None:
    def deal(owner: Person, **fields: object) -> None:
        values: dict[str, object] = {"created": date(2026, 1, 5), "closed": date(2026, 3, 20)}
        make_deal(db, owner, **{**values, **fields})  # type: ignore[arg-type]

    deal(org.rosa, next_step="Call the CFO")  # compliant
    deal(org.rosa, amount=0)  # no amount
    deal(org.raj, closed=date(2026, 2, 10))  # close date in the past
    deal(org.raj, closed=FEB_13, next_step="Demo")  # closes on d: compliant
    deal(org.lea, next_step=" \t ")  # blank next step
    deal(org.rosa, next_step=None)  # no next step
    deal(org.milo, status="won", closed=date(2026, 2, 20))  # won after d: open at d, compliant
    deal(org.milo, status="won", closed=FEB_13)  # closed on d: not open
    deal(org.rosa, created=date(2026, 2, 14))  # created after d: not open
    found = kpis(FEB_13)
    assert found[org.milo.id]["crm_compliance"] == 3 / 7
    assert found[org.dana.id]["crm_compliance"] == 3 / 7
    assert found[org.mina.id]["crm_compliance"] is None


def test_activity_standard(db: Session, kpis: Kpis, org: Org) -> None:
    # On Sat 31 Jan, January has elapsed: Rosa 10 calls of 10 planned (a tie at 1: meets the
    # standard), Raj 9 of 10; Lea and Remy have no plan: 1 of 2
    for rep, calls in ((org.rosa, 10), (org.raj, 9)):
        make_plan_line(db, rep, "2026-01", "call", 10)
        for day in range(calls):
            make_activity(db, rep, date(2026, 1, 5 + day))
    found = kpis(date(2026, 1, 31))
    assert found[org.milo.id]["activity_standard"] == 1 / 2
    assert found[org.mina.id]["activity_standard"] is None


def test_time_to_first_goal_month(db: Session, kpis: Kpis, org: Org) -> None:
    # At 31 Mar 2026 the 12 months up to d start on 1 Apr 2025.
    nia = make_person(db, "Nia", manager=org.milo, start_date=date(2025, 11, 20))
    ned = make_person(db, "Ned", manager=org.milo, start_date=date(2026, 1, 5))
    olaf = make_person(db, "Olaf", manager=org.milo, start_date=date(2025, 3, 31))
    # Nia: November missed (1000 of 5000), December attained on the dot: 1 month
    make_goal(db, nia, "2025-11", 5000)
    make_goal(db, nia, "2025-12", 3000)
    make_goal(db, nia, "2025-Q4", 100)  # a quarter, not a month
    won(db, nia, 1000, date(2025, 11, 25))
    won(db, nia, 3000, date(2025, 12, 10))
    # Ned: his start month January, attained: 0 months
    make_goal(db, ned, "2026-01", 1000)
    won(db, ned, 1500, date(2026, 1, 30))
    # Nell (started 16 Feb): February missed, no goal after it: still waiting
    make_goal(db, org.nell, "2026-02", 1000)
    won(db, org.nell, 500, date(2026, 2, 20))
    # Olaf started exactly a year before d: not a recent hire
    make_goal(db, olaf, "2025-04", 10)
    won(db, olaf, 10, date(2025, 4, 2))
    found = kpis(date(2026, 3, 31))[org.milo.id]
    assert (found["time_to_first_goal_month"], found[WAITING_KEY]) == ((1 + 0) / 2, 1)


def test_a_month_at_goal_counts_only_once_it_has_ended(db: Session, kpis: Kpis, org: Org) -> None:
    make_goal(db, org.nell, "2026-03", 1000)
    won(db, org.nell, 2000, date(2026, 3, 2))
    before = kpis(date(2026, 3, 30))[org.milo.id]
    after = kpis(date(2026, 3, 31))[org.milo.id]
    assert (before["time_to_first_goal_month"], before[WAITING_KEY]) == (None, 1)
    assert (after["time_to_first_goal_month"], after[WAITING_KEY]) == (1, 0)


def test_rep_retention(db: Session, kpis: Kpis, org: Org) -> None:
    # Employed on 1 Jan: Rosa, Raj, Lea (left 10 Feb, in the window), Lou (leaves 20 Feb,
    # after d); not Nell (starts 16 Feb) nor Leo (left 31 Dec): 3 of 4 stay
    make_person(db, "Lou", manager=org.milo, end_date=date(2026, 2, 20))
    make_person(db, "Leo", manager=org.milo, end_date=date(2025, 12, 31))
    found = kpis(FEB_13)
    assert found[org.milo.id]["rep_retention"] == 3 / 4
    assert found[org.mina.id]["rep_retention"] == 1.0
    assert kpis(date(2026, 3, 31))[org.milo.id]["rep_retention"] == 2 / 4


def test_a_manager_without_reps_has_no_retention(db: Session, kpis: Kpis, org: Org) -> None:
    lone = make_person(db, "Lone", role="manager", manager=org.dana)
    found = kpis(FEB_13)[lone.id]
    assert found["rep_retention"] is None
    assert found["pct_reps_at_goal"] is None


@pytest.mark.parametrize(
    ("as_of", "milo"),
    [
        # Rosa's plan on 14 Jan (31 Dec + 14 days, the last day that counts), Raj's on 15 Jan
        (date(2026, 2, 13), 1 / 2),
        (date(2026, 1, 13), 0.0),  # Rosa's is after d
    ],
)
def test_improvement_plan_rate(db: Session, kpis: Kpis, org: Org, as_of: date, milo: float) -> None:
    # Q4 2025 at 31 Dec: Rosa and Raj won nothing of 1000 and made no call of 10 planned in
    # October (off track); Remy won his 1000 and made his 10 calls (on track)
    for rep in (org.rosa, org.raj, org.remy):
        make_goal(db, rep, "2025-Q4", 1000)
        make_plan_line(db, rep, "2025-10", "call", 10)
    won(db, org.remy, 1000, date(2025, 11, 3))
    for day in range(10):
        make_activity(db, org.remy, date(2025, 10, 1 + day))
    make_coaching(db, org.dana, "improvement_plan", date(2026, 1, 14), person=org.rosa)
    make_coaching(db, org.milo, "improvement_plan", date(2026, 1, 15), person=org.raj)
    make_coaching(db, org.mina, "improvement_plan", date(2025, 12, 30), person=org.remy)
    found = kpis(as_of)
    assert found[org.milo.id]["improvement_plan_rate"] == milo
    assert found[org.mina.id]["improvement_plan_rate"] is None  # nobody off track


@pytest.fixture
def leaver_off_track(db: Session, org: Org) -> None:
    """Q4 2025 at 31 Dec: Rosa (Milo's) and Leif (Mina's, left 19 Dec) won nothing of 1000 and
    made no call of 10 planned in October, both off track; Rosa has a plan on 2 Jan, Leif none.
    Leif was employed during Q4 but not during Q1: not one of Mina's or Dana's reps in Q1."""
    leif = make_person(db, "Leif", manager=org.mina, end_date=date(2025, 12, 19))
    for rep in (org.rosa, leif):
        make_goal(db, rep, "2025-Q4", 1000)
        make_plan_line(db, rep, "2025-10", "call", 10)
    make_coaching(db, org.milo, "improvement_plan", date(2026, 1, 2), person=org.rosa)


@pytest.mark.usefixtures("leaver_off_track")
def test_a_rep_who_left_during_the_previous_period_is_not_counted(kpis: Kpis, org: Org) -> None:
    # metrics.md: "their reps" are the team's reps employed during P. Counting Leif would give
    # Mina 0 of 1 (not null) and Dana 1 of 2 (not 1 of 1).
    found = kpis(FEB_13)
    assert found[org.milo.id]["improvement_plan_rate"] == 1.0
    assert found[org.mina.id]["improvement_plan_rate"] is None
    assert found[org.dana.id]["improvement_plan_rate"] == 1.0


@pytest.mark.usefixtures("leaver_off_track")
def test_a_rep_who_left_does_not_fire_avoided_performance_talks(
    db: Session, kpis: Kpis, org: Org
) -> None:
    managers = select(Person.id).where(Person.role.in_(("manager", "director")))
    found = kpis(FEB_13)
    signals = manager_signals(db, managers, Q1, FEB_13, found, {})
    fired = {key: [s.name for s in each.signals] for key, each in signals.items()}
    assert all("avoided_performance_talks" not in names for names in fired.values())


def test_upward_feedback_needs_three_ratings(db: Session, kpis: Kpis, org: Org) -> None:
    for author, rating, on in [
        (org.rosa, 4, date(2026, 1, 10)),
        (org.raj, 5, date(2026, 2, 1)),
        (org.lea, 3, date(2026, 2, 13)),
        (org.raj, None, date(2026, 1, 11)),  # no rating
        (org.rosa, 1, date(2025, 12, 30)),  # before the window
    ]:
        make_coaching(db, author, "upward_feedback", on, person=org.milo, rating=rating)
    for rating in (5, 5):
        make_coaching(
            db, org.remy, "upward_feedback", date(2026, 1, 5), person=org.mina, rating=rating
        )
    found = kpis(FEB_13)
    assert found[org.milo.id]["upward_feedback"] == (4 + 5 + 3) / 3
    assert found[org.mina.id]["upward_feedback"] is None  # only 2
    assert found[org.dana.id]["upward_feedback"] is None  # none


def test_customer_experience(db: Session, kpis: Kpis, org: Org) -> None:
    for about, rating, on in [
        (org.rosa, 5, date(2026, 1, 10)),
        (org.raj, 3, date(2026, 2, 1)),
        (org.milo, 4, date(2026, 2, 13)),  # the manager is a team member
        (org.remy, 1, date(2026, 1, 20)),
        (org.rosa, 1, date(2026, 2, 14)),  # after d
    ]:
        make_coaching(db, about, "customer_experience", on, person=about, rating=rating)
    found = kpis(FEB_13)
    assert found[org.milo.id]["customer_experience"] == (5 + 3 + 4) / 3
    assert found[org.dana.id]["customer_experience"] == (5 + 3 + 4 + 1) / 4
    assert found[org.mina.id]["customer_experience"] == 1.0
    assert kpis(date(2025, 12, 31))[org.milo.id]["customer_experience"] is None


def test_statements_do_not_grow_with_managers(db: Session, org: Org) -> None:
    engine: Engine = db.get_bind()  # type: ignore[assignment]

    def statements(managers: list[Person]) -> int:
        ids = select(Person.id).where(Person.id.in_([m.id for m in managers]))
        with counting(engine) as seen:
            manager_kpis(db, ids, Q1, FEB_13)
        return len(seen)

    few = statements([org.milo])
    for n in range(5):
        boss = make_person(db, f"Boss {n}", role="manager", manager=org.dana)
        make_person(db, f"Rep {n}", manager=boss)
    many = list(db.scalars(select(Person).where(Person.role != "rep")))
    assert statements(many) == few
