"""Every page is classified in `web.twins`: it has a JSON twin, shows no numbers, or is named as
still awaiting its twin. A new page that is in none of them fails here, naming itself; a page
with a twin links it in its head and visibly, and the link answers JSON.
"""

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.routing import Route

from pacesetter.app import create_app
from pacesetter.store.models import Person
from pacesetter.web.twins import AWAITING_TWIN, JSON_TWINS, NO_NUMBERS
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
FEB_13 = "period=2026-02&as_of=2026-02-13"
API = "/api/v1/"


def _get_routes(app: FastAPI) -> set[str]:
    found = set()
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, Route) and "GET" in (context.methods or ()):
            found.add(str(context.path_format))
    return found


def _is_page(path: str) -> bool:
    """A page, not the API and not a file download (`.csv`, `.xlsx`, `openapi.json`)."""
    return not path.startswith(API) and "." not in path.rsplit("/", 1)[-1]


ROUTES = _get_routes(create_app())
PAGES = sorted(path for path in ROUTES if _is_page(path))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_classified_once(page: str) -> None:
    kinds = [name for name, table in _TABLES.items() if page in table]
    assert len(kinds) == 1, f"{page} must be in exactly one of web.twins' tables, is in {kinds}"


_TABLES = {"JSON_TWINS": JSON_TWINS, "NO_NUMBERS": NO_NUMBERS, "AWAITING_TWIN": AWAITING_TWIN}


def test_every_classified_page_and_twin_is_a_route() -> None:
    classified = {*JSON_TWINS, *NO_NUMBERS, *AWAITING_TWIN}
    assert classified - set(PAGES) == set()
    assert set(JSON_TWINS.values()) - ROUTES == set()


@pytest.mark.parametrize("page", ["/", "/quadrant", "/managers", "/plans", "/scorecard"])
def test_a_page_links_its_twin_which_answers_json(page: str, org: Org, client_for: SignIn) -> None:
    browser = client_for(org.dana)
    html = browser.get(f"{page}?{FEB_13}").text
    twin = f"{JSON_TWINS[page]}?{FEB_13}"
    shown = twin.replace("&", "&amp;")
    assert f'<link rel="alternate" type="application/json" href="{shown}">' in html
    assert f'<a href="{shown}" type="application/json">' in html
    answer = browser.get(twin)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"


def test_a_page_with_an_id_links_the_twin_of_the_same_object(org: Org, client_for: SignIn) -> None:
    html = client_for(org.dana).get(f"/people/{org.ravi.id}").text
    assert f'href="/api/v1/people/{org.ravi.id}" type="application/json"' in html


def test_a_form_with_no_numbers_yet_links_no_twin(org: Org, client_for: SignIn) -> None:
    html = client_for(org.dana).get("/goals/suggest").text
    assert 'type="application/json"' not in html
