"""Who can open whose page: inside the scope 200, outside 404 (exactly like a missing person)."""

from collections.abc import Callable

import pytest

from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]

# viewer -> (people whose page opens, people whose page answers 404)
REACH = {
    "ravi": ("ravi", "rosa mia noah nina omar owen dana ada"),
    "mia": ("mia ravi rosa noah nina", "omar owen dana ada"),
    "noah": ("noah nina", "mia ravi rosa omar owen dana ada"),
    "dana": ("dana mia ravi rosa noah nina omar owen", "ada"),
    "ada": ("ada dana mia ravi rosa noah nina omar owen", ""),
}


@pytest.mark.parametrize("viewer", sorted(REACH))
def test_person_pages_open_inside_the_scope_and_are_not_found_outside(
    viewer: str, org: Org, client_for: SignIn
) -> None:
    browser = client_for(getattr(org, viewer))
    visible, hidden = (names.split() for names in REACH[viewer])
    statuses = {
        name: browser.get(f"/people/{getattr(org, name).id}").status_code
        for name in [*visible, *hidden]
    }
    assert statuses == {**dict.fromkeys(visible, 200), **dict.fromkeys(hidden, 404)}


def test_a_peer_page_reads_like_a_page_that_does_not_exist(org: Org, client_for: SignIn) -> None:
    browser = client_for(org.ravi)
    peer = browser.get(f"/people/{org.rosa.id}")
    missing = browser.get("/people/999999")
    assert (peer.status_code, missing.status_code) == (404, 404)
    assert "Page not found" in peer.text
    assert "Rosa" not in peer.text


def test_a_rep_home_page_shows_only_themselves(org: Org, client_for: SignIn) -> None:
    page = client_for(org.ravi).get("/").text
    assert "Ravi Rep" in page
    assert not any(name in page for name in ("Rosa Rep", "Mia Manager", "Nina Rep", "Owen Rep"))


def test_a_manager_home_page_shows_the_whole_team_nested_teams_included(
    org: Org, client_for: SignIn
) -> None:
    page = client_for(org.mia).get("/").text
    assert all(
        name in page for name in ("Mia Manager", "Ravi Rep", "Rosa Rep", "Noah Nested", "Nina Rep")
    )
    assert not any(
        name in page for name in ("Omar Other", "Owen Rep", "Dana Director", "Ada Admin")
    )


def test_a_director_home_page_shows_the_whole_subtree(org: Org, client_for: SignIn) -> None:
    page = client_for(org.dana).get("/").text
    names = ("Dana Director", "Mia Manager", "Ravi Rep", "Noah Nested", "Nina Rep", "Owen Rep")
    assert all(name in page for name in names)
    assert "Ada Admin" not in page


def test_an_admin_home_page_shows_everyone(org: Org, client_for: SignIn) -> None:
    page = client_for(org.ada).get("/").text
    assert all(name in page for name in ("Ada Admin", "Dana Director", "Nina Rep", "Owen Rep"))


def test_a_person_page_names_the_manager_without_linking_outside_the_scope(
    org: Org, client_for: SignIn
) -> None:
    page = client_for(org.ravi).get(f"/people/{org.ravi.id}").text
    assert "Mia Manager" in page
    assert f'href="/people/{org.mia.id}"' not in page
