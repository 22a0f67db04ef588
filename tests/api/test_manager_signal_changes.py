"""Each signal on the managers page and its API twin says whether it is new, persisting or
cleared since the previous period of the same length (taken at its end); the CLI's JSON keeps
its documented keys.

The org of tests/web/org.py, Q1 2026 at its end (31 March) against Q4 2025 at 31 December.
Omar's team: Owen (since 2020) and Hana, hired 1 December 2025.

| signal                | Q4 2025 at 31 Dec                       | Q1 2026 at 31 Mar | change     |
|-----------------------|-----------------------------------------|-------------------|------------|
| lapsed_one_on_ones    | Owen 3 / 3 months + Hana 0 / 1 (Dec):   | 0 / 6: fires      | new        |
|                       | 3 / 4 = 0.75, not < 0.7                 |                   |            |
| new_hires_unsupported | Hana 30 days in (< 90), her 1:1 on      | 120 days in: not  | cleared    |
|                       | 25 Nov is before 1 Dec = d - 30: fires  | new               |            |
| unclear_expectations  | Owen and Hana without a goal: fires     | the same          | persisting |
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_coaching, make_person
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.manager_report import build_manager_report
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
Q1_END = "period=2026-Q1&as_of=2026-03-31"


@pytest.fixture
def omar_team(db: Session, org: Org) -> Org:
    hana = make_person(db, "Hana Hire", manager=org.omar, start_date=date(2025, 12, 1))
    for day in (date(2025, 10, 20), date(2025, 11, 20), date(2025, 12, 10)):
        make_coaching(db, org.omar, "one_on_one", day, person=org.owen)
    # before Hana started: no pair of the cadence, and not within 30 days of 31 December
    make_coaching(db, org.omar, "one_on_one", date(2025, 11, 25), person=hana)
    return org


def test_the_api_says_what_is_new_persisting_and_cleared(
    omar_team: Org, client_for: SignIn
) -> None:
    body = client_for(omar_team.omar).get(f"/api/v1/managers?{Q1_END}").json()
    assert body["previous_period"] == "2025-Q4"
    changes = body["rows"][0]["signal_changes"]
    assert changes["lapsed_one_on_ones"] == "new"
    assert changes["new_hires_unsupported"] == "cleared"
    assert changes["unclear_expectations"] == "persisting"
    fired = {signal["name"] for signal in body["rows"][0]["signals"]}
    assert {name for name, status in changes.items() if status != "cleared"} == fired


def test_the_card_tags_each_signal_and_lists_the_cleared(
    omar_team: Org, client_for: SignIn
) -> None:
    text = client_for(omar_team.omar).get(f"/managers?{Q1_END}").text
    assert 'class="tag tag--new"' in text and 'class="tag tag--persisting"' in text
    assert "fired in 2025-Q4, not now: New hires unsupported" in text


def test_the_directors_table_counts_the_new_signals(omar_team: Org, client_for: SignIn) -> None:
    text = client_for(omar_team.dana).get(f"/managers?{Q1_END}").text
    assert "new</span></td>" in text


def test_a_manager_hired_this_period_has_only_new_signals(
    db: Session, org: Org, client_for: SignIn
) -> None:
    lena = make_person(
        db, "Lena Late", role="manager", manager=org.dana, start_date=date(2026, 1, 5)
    )
    make_person(db, "Rick Rep", manager=lena, start_date=date(2026, 1, 5))
    rows = client_for(lena).get(f"/api/v1/managers?{Q1_END}").json()["rows"]
    assert set(rows[0]["signal_changes"].values()) == {"new"}


def test_the_cli_report_keeps_its_documented_keys(db: Session, omar_team: Org) -> None:
    report = build_manager_report(
        db, Scope.everything(), parse_period("2026-Q1"), date(2026, 3, 31)
    )
    row = report.as_dict()["rows"][0]
    assert "signal_changes" not in row and "previous_kpis" not in row
    assert report.previous is None and report.rows[0].signal_changes == {}
