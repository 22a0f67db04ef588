"""The plans pages: the team table and its CSV, a manager's form (copy last month, save, a
refusal that writes nothing), a rep's proposal their manager decides, and 404 outside scope."""

from collections.abc import Callable

from plans_helpers import MARCH, plan_of
from sqlalchemy.orm import Session

from factories import make_plan_line
from pacesetter.store.models import Person
from team_org import Org
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def post(browser: UserClient, url: str, fields: dict[str, str]) -> object:
    data = fields | {"csrf_token": browser.csrf_token}
    return browser.post(url, data=data, follow_redirects=False)


def test_the_team_table_lists_each_rep_s_lines_with_a_csv_in_the_import_format(
    db: Session, team: Org, client_for: SignIn
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    make_plan_line(db, team.ann, MARCH, "direction", 0.35)
    manager = client_for(team.max)
    page = manager.get(f"/plans?month={MARCH}").text
    assert "Ann" in page and "Ben" in page and "Zed" not in page and "35%" in page
    csv = manager.get(f"/plans.csv?month={MARCH}").text.splitlines()
    assert csv == ["person,month,line,planned", f"{team.ann.email},{MARCH},call,80.0",
                   f"{team.ann.email},{MARCH},direction,0.35"]  # fmt: skip


def test_copy_last_month_fills_the_form_and_saving_sets_the_plan(
    db: Session, team: Org, client_for: SignIn
) -> None:
    make_plan_line(db, team.ann, "2026-02", "call", 80)
    manager = client_for(team.max)
    form = manager.get(f"/plans/people/{team.ann.id}?month={MARCH}&copy=1").text
    assert 'name="lines.call" value="80"' in form
    saved = post(manager, f"/plans/people/{team.ann.id}?month={MARCH}",
                 {"lines.call": "85", "lines.direction": "0.4", "lines.email": ""})  # fmt: skip
    assert saved.status_code == 303  # type: ignore[attr-defined]
    assert plan_of(db, team.ann) == {"call": 85.0, "direction": 0.4}


def test_a_refused_form_comes_back_with_every_problem_and_writes_nothing(
    db: Session, team: Org, client_for: SignIn
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    manager = client_for(team.max)
    refused = post(manager, f"/plans/people/{team.ann.id}?month={MARCH}",
                   {"lines.call": "ninety", "lines.direction": "35"})  # fmt: skip
    assert refused.status_code == 422  # type: ignore[attr-defined]
    text = refused.text  # type: ignore[attr-defined]
    assert "Write a number." in text and "between 0 and 1" in text
    assert 'name="lines.call" value="ninety"' in text
    assert plan_of(db, team.ann) == {"call": 80.0}


def test_a_rep_proposes_on_their_page_and_their_manager_approves(
    db: Session, team: Org, client_for: SignIn
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    rep = client_for(team.ann)
    assert (
        rep.get("/plans", follow_redirects=False)
        .headers["location"]
        .startswith(f"/plans/people/{team.ann.id}?month=")
    )
    url = f"/plans/people/{team.ann.id}"
    proposed = post(rep, f"{url}/proposals?month={MARCH}", {"lines.call": "60", "note": "Demos"})
    assert proposed.status_code == 303  # type: ignore[attr-defined]
    assert plan_of(db, team.ann) == {"call": 80.0}
    manager = client_for(team.max)
    page = manager.get(f"{url}?month={MARCH}").text
    assert "“Demos”" in page and "Approve" in page
    proposal_id = page.split("/plans/proposals/")[1].split("/")[0]
    decided = post(manager, f"/plans/proposals/{proposal_id}/decision", {"decision": "approve"})
    assert decided.status_code == 303  # type: ignore[attr-defined]
    assert plan_of(db, team.ann) == {"call": 60.0}
    assert "proposal approved" in rep.get(f"{url}?month={MARCH}").text


def test_a_rep_may_not_set_or_propose_someone_else_s_plan(
    db: Session, team: Org, client_for: SignIn
) -> None:
    rep = client_for(team.ann)
    own = post(rep, f"/plans/people/{team.ann.id}?month={MARCH}", {"lines.call": "500"})
    other = post(rep, f"/plans/people/{team.ben.id}/proposals?month={MARCH}", {"lines.call": "5"})
    assert own.status_code == 403  # type: ignore[attr-defined]
    assert other.status_code == 404  # type: ignore[attr-defined]
    assert plan_of(db, team.ann) == {} and plan_of(db, team.ben) == {}


def test_a_rep_outside_the_scope_is_not_found(team: Org, client_for: SignIn) -> None:
    manager = client_for(team.max)
    assert manager.get(f"/plans/people/{team.zed.id}?month={MARCH}").status_code == 404
    refused = post(manager, f"/plans/people/{team.zed.id}?month={MARCH}", {"lines.call": "5"})
    assert refused.status_code == 404  # type: ignore[attr-defined]
