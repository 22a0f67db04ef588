"""/api/v1/incentives: rules defined and changed over HTTP, earnings and the payout statement."""

import io
from collections.abc import Callable
from typing import Any

from incentive_helpers import PLAN
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
RULE = {
    "name": "Q bonus",
    "kind": "bonus",
    "team_manager_id": None,
    "params": PLAN,
    "effective_from": "2026-01-01",
}


def send(browser: UserClient, method: str, url: str, body: dict[str, Any]) -> Any:
    return browser.request(method, url, json=body, headers={"X-CSRF-Token": browser.csrf_token})


def define(browser: UserClient, team: dict[str, Person]) -> int:
    body = RULE | {"team_manager_id": team["mia"].id}
    response = send(browser, "POST", "/api/v1/incentives/rules", body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_a_manager_defines_a_rule_and_sees_the_earnings_with_the_working(
    team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    define(mia, team)
    params = {"period": "2026-Q1", "as_of": "2026-03-31", "person_id": team["ann"].id}
    body = mia.get("/api/v1/incentives/earnings", params=params).json()
    [ann] = body["items"]
    assert (ann["so_far"], ann["at_pace"]) == ("6000.00", "6000.00")
    assert ann["how_so_far"].endswith("1.2 x target bonus 5,000.00 = 6,000.00")
    # An item is the row without its period (the answer's) and the person's email.
    assert set(ann) == {
        "person_id",
        "person",
        "rule_id",
        "rule",
        "kind",
        "goal_id",
        "so_far",
        "at_pace",
        "how_so_far",
        "how_at_pace",
    }


def test_a_change_keeps_the_old_version_and_its_reason(
    team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["admin"])
    rule_id = define(mia, team)
    change = {"params": PLAN | {"target_bonus": "8000"}, "effective_from": "2026-07-01"}
    url = f"/api/v1/incentives/rules/{rule_id}"
    assert send(mia, "PUT", url, change | {"reason": ""}).status_code == 422
    versions = send(mia, "PUT", url, change | {"reason": "H2 plan"}).json()["versions"]
    assert [(v["effective_from"], v["effective_to"]) for v in versions] == [
        ("2026-01-01", "2026-06-30"),
        ("2026-07-01", None),
    ]
    trail = mia.get(f"{url}/changes").json()
    assert [c["reason"] for c in trail] == ["defined", "H2 plan", "H2 plan"]


def test_a_rep_may_not_define_rules(team: dict[str, Person], client_for: SignIn) -> None:
    ann = client_for(team["ann"])
    body = RULE | {"team_manager_id": team["mia"].id}
    assert send(ann, "POST", "/api/v1/incentives/rules", body).status_code == 403


def test_the_payout_statement_as_csv_and_xlsx(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    team["ben"].name = "=HYPERLINK(1)"
    db.flush()
    mia = client_for(team["mia"])
    define(mia, team)
    params = {"period": "2026-Q1", "as_of": "2026-03-31"}
    text = mia.get("/api/v1/incentives/statement", params=params).text
    lines = text.splitlines()
    assert lines[0].startswith("period,as_of,person,email,rule,kind,goal_id,earned_so_far")
    assert any(line.startswith("2026-Q1,2026-03-31,'=HYPERLINK(1),") for line in lines)
    assert ",6000.00,6000.00," in text
    xlsx = mia.get("/api/v1/incentives/statement", params=params | {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Ann"][7] == 6000.0
    assert rows["=HYPERLINK(1)"][7] == 3750.0  # shown as written, a text cell, not a formula
    assert sheet["H2"].number_format != "General"


def test_the_review_of_a_closed_quarter_and_of_one_still_open(
    team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    url = f"/api/v1/incentives/reviews/{team['mia'].id}"
    body = mia.get(url, params={"period": "2026-Q1"}).json()
    assert (body["goals_hit"], body["goals_missed"], body["team_revenue_won"]) == (2, 1, 269_990)
    assert mia.get(url, params={"period": "2999-Q1"}).status_code == 422
    assert client_for(team["ann"]).get(url, params={"period": "2026-Q1"}).status_code == 404
