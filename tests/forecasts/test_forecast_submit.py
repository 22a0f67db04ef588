"""Submitting a forecast on the managers page and by POST /api/v1/forecasts (one service).

The org of tests/web/org.py. A manager submits their own forecast (an admin may record one for
them); a rep is no forecaster (422), a manager submitting for another in their scope is 403,
one outside it 404, and a refused forecast writes nothing. The period defaults to the quarter
of today in the organisation's time zone.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_deal
from pacesetter.domain.periods import PeriodKind, period_of
from pacesetter.forecasts.service import forecast_period
from pacesetter.store.models import Forecast, OrgSettings, Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
API = "/api/v1/forecasts"


def _post(browser: UserClient, body: dict[str, Any]) -> Any:
    return browser.post(API, json=body, headers={"X-CSRF-Token": browser.csrf_token})


def _forecasts(db: Session) -> list[tuple[int, str, float]]:
    rows = db.execute(select(Forecast.manager_id, Forecast.period, Forecast.amount))
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_a_manager_submits_their_own_forecast_by_api(
    db: Session, org: Org, client_for: SignIn
) -> None:
    body = {"manager_id": org.mia.id, "amount": 12_000, "period": "2026-Q1"}
    response = _post(client_for(org.mia), body)
    assert response.status_code == 201
    body = response.json()
    assert (body["manager_id"], body["period"], body["amount"]) == (org.mia.id, "2026-Q1", 12000)
    assert body["submitted_at"].endswith("Z")
    assert _forecasts(db) == [(org.mia.id, "2026-Q1", 12000.0)]


def test_the_period_defaults_to_the_current_quarter(
    db: Session, org: Org, client_for: SignIn
) -> None:
    response = _post(client_for(org.omar), {"manager_id": org.omar.id, "amount": 0})
    today = datetime.now(UTC).date()  # the test org is in UTC
    assert response.json()["period"] == period_of(today, PeriodKind.QUARTER).name


def test_forecast_period_reads_the_fiscal_year_and_the_org_zone() -> None:
    org = OrgSettings(fiscal_year_start_month=1, timezone="Australia/Sydney")
    # 31 March 20:00 UTC is already 1 April in Sydney: the second quarter there
    assert forecast_period(org, None, datetime(2026, 3, 31, 20, tzinfo=UTC)).name == "2026-Q2"
    assert forecast_period(org, " 2026-03 ", datetime(2026, 3, 31, tzinfo=UTC)).name == "2026-03"


# (who submits, for whom, amount, status): none of these writes anything
REFUSED = [
    ("mia", "noah", 100, 403),  # a manager for a manager below them
    ("mia", "omar", 100, 404),  # outside their scope
    ("ravi", "ravi", 100, 422),  # a rep makes no forecast
    ("mia", "mia", -1, 422),  # below 0
    ("mia", "mia", 10**16, 422),  # more than any target
]


@pytest.mark.parametrize(("who", "whom", "amount", "status"), REFUSED)
def test_a_refused_forecast_writes_nothing(
    db: Session, org: Org, client_for: SignIn, who: str, whom: str, amount: int, status: int
) -> None:
    body = {"manager_id": getattr(org, whom).id, "amount": amount, "period": "2026-Q1"}
    assert _post(client_for(getattr(org, who)), body).status_code == status
    assert db.scalar(select(func.count()).select_from(Forecast)) == 0


def test_a_bad_period_is_refused(db: Session, org: Org, client_for: SignIn) -> None:
    body = {"manager_id": org.mia.id, "amount": 1, "period": "2026-Q7"}
    assert _post(client_for(org.mia), body).status_code == 422
    assert _forecasts(db) == []


def test_an_admin_records_a_forecast_for_a_manager(
    db: Session, org: Org, client_for: SignIn
) -> None:
    body = {"manager_id": org.noah.id, "amount": 5_000, "period": "2026-Q1"}
    assert _post(client_for(org.ada), body).status_code == 201
    assert _forecasts(db) == [(org.noah.id, "2026-Q1", 5000.0)]


def _form(browser: UserClient, fields: dict[str, Any]) -> Any:
    data = {key: str(value) for key, value in fields.items()} | {"csrf_token": browser.csrf_token}
    return browser.post("/managers/forecasts", data=data, follow_redirects=False)


def test_the_page_form_submits_and_returns_to_the_card(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_deal(db, org.owen, amount=3_000, status="won", closed=datetime(2026, 2, 2).date())
    browser = client_for(org.omar)
    page = browser.get("/managers?period=2026-Q1&as_of=2026-03-31")
    assert 'action="/managers/forecasts"' in page.text
    answer = _form(browser, {"manager_id": org.omar.id, "amount": "9,000", "period": "2026-Q1"})
    assert answer.status_code == 303
    assert answer.headers["location"].endswith(f"manager={org.omar.id}#forecast-{org.omar.id}")
    assert _forecasts(db) == [(org.omar.id, "2026-Q1", 9000.0)]
    shown = browser.get("/managers?period=2026-Q1&as_of=2026-12-31").text
    assert "2026-Q1: $9,000 submitted" in shown and "won $3,000" in shown


def test_the_form_is_only_on_your_own_card(org: Org, client_for: SignIn) -> None:
    page = client_for(org.dana).get("/managers?period=2026-Q1&as_of=2026-03-31").text
    assert page.count('action="/managers/forecasts"') == 1  # Dana's own card


def test_a_refused_form_writes_nothing(db: Session, org: Org, client_for: SignIn) -> None:
    browser = client_for(org.mia)
    assert _form(browser, {"manager_id": org.mia.id, "amount": "lots"}).status_code == 422
    assert _form(browser, {"manager_id": org.noah.id, "amount": "5"}).status_code == 403
    assert _forecasts(db) == []


def test_a_refused_form_comes_back_as_typed_with_the_reason(
    db: Session, org: Org, client_for: SignIn
) -> None:
    browser = client_for(org.mia)
    for typed in (
        {"amount": "lots", "period": "2026-Q1"},
        {"amount": "9,000", "period": "2026-Q9"},
    ):
        page = _form(browser, {"manager_id": org.mia.id} | typed)
        assert page.status_code == 422
        assert f'value="{typed["amount"]}"' in page.text
        assert f'value="{typed["period"]}"' in page.text
        assert 'role="alert"' in page.text
    assert _forecasts(db) == []
