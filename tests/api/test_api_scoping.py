"""The API answers the same scope as the pages: lists hold only what the viewer may see, and a
person outside it is 404."""

from collections.abc import Callable

import pytest

from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]

SEES = {
    "ravi": "ravi",
    "mia": "mia ravi rosa noah nina",
    "noah": "noah nina",
    "dana": "dana mia ravi rosa noah nina omar owen",
    "ada": "ada dana mia ravi rosa noah nina omar owen",
}
EVERYONE = set(SEES["ada"].split())


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_the_people_list_holds_exactly_the_scope(viewer: str, org: Org, client_for: SignIn) -> None:
    body = client_for(getattr(org, viewer)).get("/api/v1/people").json()
    assert {item["id"] for item in body["items"]} == org.ids(*SEES[viewer].split())
    assert body["total"] == len(SEES[viewer].split())


@pytest.mark.parametrize("viewer", sorted(SEES))
def test_a_person_outside_the_scope_is_not_found(viewer: str, org: Org, client_for: SignIn) -> None:
    browser = client_for(getattr(org, viewer))
    visible = set(SEES[viewer].split())
    statuses = {
        name: browser.get(f"/api/v1/people/{getattr(org, name).id}").status_code
        for name in EVERYONE
    }
    assert statuses == {name: 200 if name in visible else 404 for name in EVERYONE}


def test_out_of_scope_and_missing_answer_the_same_json(org: Org, client_for: SignIn) -> None:
    browser = client_for(org.ravi)
    peer = browser.get(f"/api/v1/people/{org.rosa.id}")
    assert peer.json() == {"detail": f"No person {org.rosa.id}"}
    assert browser.get(f"/api/v1/people/{org.rosa.id}/team").status_code == 404


def test_a_manager_team_is_the_nested_subtree(org: Org, client_for: SignIn) -> None:
    tree = client_for(org.dana).get(f"/api/v1/people/{org.mia.id}/team").json()

    def shape(node: dict) -> tuple:
        return node["person"]["name"], [shape(report) for report in node["reports"]]

    # Managers first, then by name (the order of an org chart).
    assert shape(tree) == (
        "Mia Manager",
        [("Noah Nested", [("Nina Rep", [])]), ("Ravi Rep", []), ("Rosa Rep", [])],
    )


def test_a_person_detail_lists_manager_and_direct_reports(org: Org, client_for: SignIn) -> None:
    body = client_for(org.mia).get(f"/api/v1/people/{org.mia.id}").json()
    assert body["manager"] == {"id": org.dana.id, "name": "Dana Director"}
    assert {r["name"] for r in body["direct_reports"]} == {"Noah Nested", "Ravi Rep", "Rosa Rep"}


def test_the_people_list_filters_by_role_manager_and_text(org: Org, client_for: SignIn) -> None:
    browser = client_for(org.dana)
    reps = browser.get("/api/v1/people", params={"role": "rep"}).json()
    mias = browser.get("/api/v1/people", params={"manager_id": org.mia.id}).json()
    named = browser.get("/api/v1/people", params={"q": "NESTED"}).json()
    assert {p["id"] for p in reps["items"]} == org.ids("ravi", "rosa", "nina", "owen")
    assert {p["id"] for p in mias["items"]} == org.ids("ravi", "rosa", "noah")
    assert [p["id"] for p in named["items"]] == [org.noah.id]


def test_the_people_list_pages(org: Org, client_for: SignIn) -> None:
    body = client_for(org.ada).get("/api/v1/people", params={"limit": 2, "offset": 1}).json()
    # By name: Ada, Dana, Mia, ... so the second page of two starts at Dana.
    assert [p["name"] for p in body["items"]] == ["Dana Director", "Mia Manager"]
    assert (body["total"], body["limit"], body["offset"]) == (9, 2, 1)


def test_api_calls_without_a_session_are_401(org: Org, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/people").status_code == 401
    assert client.get("/api/v1/me").json() == {"detail": "Sign in first."}
