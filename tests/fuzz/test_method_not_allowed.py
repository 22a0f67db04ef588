"""A method no route serves at a path answers 405 with an `Allow` header naming every method
that path does serve and not the one refused (RFC 9110 15.5.6), for every path of the app's own
route table, pages and API alike. Starlette's own 405 names only the first route it matched,
and each operation is its own route: `POST /api/v1/goals/1` was answered `Allow: GET` (18 paths
of 118 were wrong). A path can also be served by a route with an id in its place
(`PUT /api/v1/coaching/lists` reaches `PUT /api/v1/coaching/{record_id}`): that method is not
refused there, so `Allow` may name it."""

import re
from collections import defaultdict
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts

from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
TRIED = ("GET", "POST", "PUT", "PATCH", "DELETE")


def methods_by_path(app: FastAPI) -> dict[str, tuple[set[str], set[str]]]:
    """Every path of the route table (`{id}` filled with 1): the methods its own routes serve,
    and those of every route that reaches it (`/goals/people/{person_id}` reaches `.../1.csv`)."""
    routes = [route for route in iter_route_contexts(app.routes) if route.methods]
    found: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for route in routes:
        found[re.sub(r"\{[^}]+\}", "1", str(route.path_format))][0].update(route.methods)
    for path, (_, reaching) in found.items():
        for route in routes:
            if route.path_regex.fullmatch(path):
                reaching.update(route.methods)
    return found


def allowed(answer_header: str) -> set[str]:
    return {method.strip() for method in answer_header.split(",") if method.strip()}


def test_a_method_not_served_answers_405_naming_every_method_of_the_path(
    app: FastAPI, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    headers = {"X-CSRF-Token": admin.csrf_token}
    wrong: dict[str, tuple[int, str | None]] = {}
    tried = 0
    for path, (served, reaching) in methods_by_path(app).items():
        method = next((m for m in TRIED if m not in reaching), None)
        if method is None:
            continue
        tried += 1
        answer = admin.request(method, path, headers=headers, follow_redirects=False)
        listed = allowed(answer.headers.get("allow", ""))
        if answer.status_code != 405 or not served <= listed or method in listed:
            wrong[f"{method} {path} (serves {sorted(served)})"] = (
                answer.status_code,
                answer.headers.get("allow"),
            )
    assert tried > 40
    assert wrong == {}
