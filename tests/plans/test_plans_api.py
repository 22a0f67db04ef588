"""The plans API: the JSON twin of the pages; 422 with every refused line and nothing
written, 403 for the wrong person, 404 outside the scope, 409 for a decided proposal."""

from collections.abc import Callable

from plans_helpers import MARCH, plan_of
from sqlalchemy.orm import Session

from factories import make_plan_line
from pacesetter.store.models import Person
from team_org import Org
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
API = "/api/v1/plans"


def write(browser: UserClient, method: str, url: str, body: dict[str, object]) -> object:
    return browser.request(method, url, json=body, headers={"X-CSRF-Token": browser.csrf_token})


def test_a_manager_puts_the_month_s_plan_and_reads_it_back(
    db: Session, team: Org, client_for: SignIn
) -> None:
    manager = client_for(team.max)
    body = {"lines": {"call": 80, "direction": 0.35, "quality": 4}}
    answer = write(manager, "PUT", f"{API}/people/{team.ann.id}?month={MARCH}", body)
    assert answer.status_code == 200  # type: ignore[attr-defined]
    assert answer.json()["lines"] == {"call": 80.0, "direction": 0.35, "quality": 4.0}  # type: ignore[attr-defined]
    team_answer = manager.get(f"{API}?month={MARCH}&order=name").json()
    assert [(row["name"], row["lines"]) for row in team_answer["rows"]] == [
        ("Ann", {"call": 80.0, "direction": 0.35, "quality": 4.0}),
        ("Ben", {}),
    ]


def test_a_refused_plan_is_a_422_naming_every_line_and_writes_nothing(
    db: Session, team: Org, client_for: SignIn
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    body = {"lines": {"call": 90, "meeting": 1.5, "coffee": 3}}
    answer = write(client_for(team.max), "PUT", f"{API}/people/{team.ann.id}?month={MARCH}", body)
    assert answer.status_code == 422  # type: ignore[attr-defined]
    assert set(answer.json()["problems"]) == {"lines.meeting", "lines.coffee"}  # type: ignore[attr-defined]
    assert plan_of(db, team.ann) == {"call": 80.0}


def test_a_proposal_is_approved_once_then_a_second_decision_is_a_409(
    db: Session, team: Org, client_for: SignIn
) -> None:
    rep, manager = client_for(team.ann), client_for(team.max)
    body = {"lines": {"call": 60}, "note": "More demos"}
    proposed = write(rep, "POST", f"{API}/people/{team.ann.id}/proposals?month={MARCH}", body)
    assert proposed.status_code == 201  # type: ignore[attr-defined]
    proposal = proposed.json()["proposals"][0]  # type: ignore[attr-defined]
    assert proposal["changes"] == {"call": 60.0} and proposal["status"] == "proposed"
    url = f"{API}/proposals/{proposal['id']}/decision"
    assert write(rep, "POST", url, {"decision": "approve"}).status_code == 403  # type: ignore[attr-defined]
    approved = write(manager, "POST", url, {"decision": "approve"})
    assert approved.json()["lines"] == {"call": 60.0}  # type: ignore[attr-defined]
    assert write(manager, "POST", url, {"decision": "reject", "note": "no"}).status_code == 409  # type: ignore[attr-defined]


def test_outside_the_scope_is_404_and_writes_nothing(
    db: Session, team: Org, client_for: SignIn
) -> None:
    manager = client_for(team.max)
    assert manager.get(f"{API}/people/{team.zed.id}?month={MARCH}").status_code == 404
    put = write(manager, "PUT", f"{API}/people/{team.zed.id}?month={MARCH}", {"lines": {"call": 1}})
    assert put.status_code == 404  # type: ignore[attr-defined]
    assert plan_of(db, team.zed) == {}
