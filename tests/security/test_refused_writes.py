"""A refused write leaves the database as it was, on every writing route of the app (pages and
API, read from the route table as the permission matrix reads it): someone allowed to write
there sends a request with one refused value, for every object of theirs the route can name, and
the answer is a 4xx (never a 500) with every row of every table unchanged, and nothing the
request did would move the data version that cached screens key on (store/versioning.py).

The refused value comes from the first parameter of the route that `REFUSED_VALUES` knows by
name (a period, a month, a metric, an amount, a day...), so a new write route with such a field
is covered without editing this file. A route with none fails
`test_every_write_route_has_a_refusal`, naming itself, until `BY_HAND` refuses it.

The organisation is the permission matrix's (matrix_org.py): Mia manages Ravi; each person
has an approved and a proposed goal in 2026-Q1, a 1:1 by their coach, a plan proposal and a
reward rule on their team.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from matrix_org import MatrixOrg
from matrix_routes import RouteCase, Target, app_routes
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from pacesetter.app import create_app
from pacesetter.auth.csrf import CSRF_HEADER, LOGIN_CSRF_COOKIE
from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.store.models import AuditEntry, Base, Person
from pacesetter.store.versioning import WROTE, has_written
from web.client import TEST_SETTINGS, UserClient

SignIn = Callable[[Person], UserClient]
ROUTES = app_routes(create_app(create_engine("sqlite://"), TEST_SETTINGS))
WRITES = [case for case in ROUTES if case.is_write]
# A refused sign-in is counted (rate limiting): that is the point of the table.
NOT_COMPARED = {"login_attempts"}
# Refreshed by any signed-in request (auth.sessions), whatever the route does.
NOT_COMPARED_COLUMNS = {("user_sessions", "last_seen_at")}
# The audit trail records every import run, a rejected one too (store.audit.record_import):
# who tried to import what is kept on purpose; nothing else of a rejected file is.
IMPORT_RUN_ENTRY = AuditEntry.action == "import"

# Refused values by parameter name, most telling first: each passes the request's types (a
# period is any text) so that the service itself refuses it.
REFUSED_VALUES: dict[str, Any] = {
    "period": "2026-Q9",
    "month": "2026-13",
    "metric": "no_such_metric",
    "occurred_on": "2026-02-30",
    "lines": {"call": -5},
    "target": 0,
    "team_target": "-5",
    "amount": "lots",
    "password": "not the password",
    "params": {"no_such_term": 1},
    "digest": "maybe",
    "link": 987_654,
    "items": [],
    "kind": "no_such_kind",
    "note": " ",
    "reason": " ",
}

# Bodies the matrix's sampler cannot fill sensibly (it samples a dict as text), so that only
# the refused value is wrong.
VALID_VALUES: dict[str, Any] = {
    "lines": {"call": 40, "meeting": 10},
    "params": {"target_bonus": "1000"},
}


@dataclass(frozen=True)
class ByHand:
    """Fields for a route whose body the route table does not show (a form read by hand, a
    JSON body whose sensible sample is accepted), put where the route reads its body; a file
    to upload; or a request refused without a body (`csrf=False`: the token left out)."""

    fields: dict[str, Any] = field(default_factory=dict)
    files: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    csrf: bool = True
    cookies: dict[str, str] = field(default_factory=dict)


LOGIN_TOKEN = "refused-writes-login-token"
# A people file whose second row is refused: the whole import is.
PEOPLE = b"external_id,name,email,role\nP-1,Pat New,pat@example.com,rep\nP-2,,bad,wizard\n"
BY_HAND: dict[str, ByHand] = {
    # The sign-in form's own CSRF pair (cookie and field), and a wrong password.
    "POST /login": ByHand(
        {"csrf_token": LOGIN_TOKEN, "password": "not the password"},
        cookies={LOGIN_CSRF_COOKIE: LOGIN_TOKEN},
    ),
    "DELETE /api/v1/session": ByHand(csrf=False),
    "POST /logout": ByHand(csrf=False),
    "POST /api/v1/imports": ByHand(
        {"kind": "people"}, files={"file": ("people.csv", PEOPLE, "text/csv")}
    ),
    "POST /coaching/{record_id}/edit": ByHand({"type": "one_on_one", "occurred_on": "2026-02-30"}),
    "POST /coaching/lists": ByHand({"skills": ""}),
    "POST /imports/preview": ByHand({"kind": "no_such_kind"}),
    "POST /imports/run": ByHand({"upload": "no-such-upload"}),
    "POST /plans/people/{person_id}": ByHand({"lines.call": "lots"}),
    "POST /plans/people/{person_id}/proposals": ByHand({"lines.call": "lots"}),
    # A rejection without its reason.
    "POST /plans/proposals/{proposal_id}/decision": ByHand({"decision": "reject"}),
    "POST /api/v1/plans/proposals/{proposal_id}/decision": ByHand(
        {"decision": "reject", "note": None}
    ),
    "POST /incentives/rules/new": ByHand(
        {"name": "Bonus", "kind": "bonus", "metric": "no_such_metric", "period_kind": "quarter"}
        | {"effective_from": "2026-01-01"}
    ),
    "POST /incentives/rules/{rule_id}": ByHand({"effective_from": "2026-02-30", "reason": "x"}),
}
# The error page (web/templates/error.html): a refused page form must come back instead.
ERROR_PAGE = 'class="card error-card"'
# Page forms refused with nothing typed to show again, each with why.
NOT_RESHOWN: dict[str, str] = {
    "POST /people/{person_id}/mail": "checkboxes: a refused value is no box's state",
    "POST /imports/preview": "the kind is chosen from a list that holds no unknown kind",
    "POST /imports/run": "the upload's token is the server's, not typed",
    "POST /plans/proposals/{proposal_id}/decision": "buttons: the decision is not typed",
    "POST /leaderboard/tv-links": "the metric is chosen from a list that holds no unknown one",
    "POST /incentives/rules/new": "the metric is chosen from a list that holds no unknown one",
    # A date input sends a real day or nothing, so an unreadable one is not a person's typing.
    "POST /coaching/new": "the day is a date input",
    "POST /coaching/{record_id}/edit": "the day is a date input",
}
# Who may write there (default: Mia, a manager, about Ravi, her rep).
ADMIN = ("ada", Target("ravi", "mia"))
REP = ("ravi", Target("ravi", "ravi"))
WRITERS: dict[str, tuple[str, Target]] = {
    "POST /api/v1/imports": ADMIN,
    "POST /imports/preview": ADMIN,
    "POST /imports/run": ADMIN,
    "POST /coaching/lists": ADMIN,
    "PUT /api/v1/coaching/lists/{name}": ADMIN,
    "POST /leaderboard/tv-links": ADMIN,
    "POST /leaderboard/tv-links/revoke": ADMIN,
    "POST /api/v1/incentives/rules": ADMIN,
    "PUT /api/v1/incentives/rules/{rule_id}": ADMIN,
    "POST /api/v1/plans/people/{person_id}/proposals": REP,
    "POST /plans/people/{person_id}/proposals": REP,
    "POST /people/{person_id}/mail": REP,
}
DEFAULT_WRITER = ("mia", Target("ravi", "mia"))


def refused_field(case: RouteCase) -> str | None:
    """The parameter the route is refused by: the first of `REFUSED_VALUES` it has."""
    names = {param.name for param in case.params}
    return next((name for name in REFUSED_VALUES if name in names), None)


def test_every_write_route_has_a_refusal() -> None:
    unrefused = [
        f"{case.id}: give it a refused value (REFUSED_VALUES, or BY_HAND)"
        for case in WRITES
        if refused_field(case) is None and case.id not in BY_HAND
    ]
    assert unrefused == []


def test_the_table_is_read_from_the_route_table() -> None:
    ids = {case.id for case in WRITES}
    assert {"POST /api/v1/goals", "POST /goals/suggest", "POST /managers/forecasts"} <= ids
    assert {"PUT /api/v1/plans/people/{person_id}", "POST /leaderboard/tv-links"} <= ids
    assert len(ids) >= 38


def _snapshot(db: Session) -> dict[str, list[str]]:
    """Every row of every table (but sign-in bookkeeping), in a stable order."""
    db.flush()
    shot = {}
    for table in Base.metadata.sorted_tables:
        if table.name in NOT_COMPARED:
            continue
        columns = [c for c in table.columns if (table.name, c.name) not in NOT_COMPARED_COLUMNS]
        rows = select(*columns)
        if table is AuditEntry.__table__:
            rows = rows.where(~IMPORT_RUN_ENTRY)
        shot[table.name] = sorted(repr(tuple(row)) for row in db.execute(rows))
    return shot


def _refused(case: RouteCase, request: dict[str, Any]) -> dict[str, Any]:
    """The request with its refused value put in, or the hand-made fields and files added."""
    if case.id in BY_HAND:
        by_hand = BY_HAND[case.id]
        json = any(param.where == "json" for param in case.params)
        part = "json" if json else "data"
        found = request | ({"files": by_hand.files} if by_hand.files else {})
        return found | ({part: found.get(part, {}) | by_hand.fields} if by_hand.fields else {})
    name = refused_field(case)
    for param in case.params:
        if param.name == name or param.name in VALID_VALUES:
            value = REFUSED_VALUES[name] if param.name == name else VALID_VALUES[param.name]
            part = {"query": "params", "json": "json", "form": "data"}[param.where]
            value = str(value) if part == "data" else value
            request = request | {part: request.get(part, {}) | {param.name: value}}
    return request


def _lost(case: RouteCase, sent: dict[str, Any], status: int, page: str) -> list[str]:
    """The refused values a page form did not show again, when the refused page offers the
    same form (a refusal about the object's state, such as approving an approved goal, comes
    back without it)."""
    page_form = "data" in sent and not sent["url"].startswith("/api/")
    if status != 422 or not page_form or case.id in NOT_RESHOWN:
        return []
    if ERROR_PAGE in page:
        return ["the form (the error page came instead)"]
    if f'action="{sent["url"]}"' not in page:
        return []
    name = refused_field(case)
    refused = BY_HAND[case.id].fields if case.id in BY_HAND else {name: REFUSED_VALUES[name]}
    typed = [str(value) for value in refused.values() if str(value).strip()]
    return [value for value in typed if f'value="{value}"' not in page]


def _browser(app: FastAPI, session: UserClient, csrf: bool) -> TestClient:
    """A signed-in browser that reports a server error as a 500 (so that it can be asserted)."""
    headers = {CSRF_HEADER: session.csrf_token} if csrf else {}
    browser = TestClient(app, raise_server_exceptions=False, headers=headers)
    browser.cookies.set(SESSION_COOKIE, session.session_token)
    return browser


@pytest.mark.parametrize("case", WRITES, ids=lambda case: case.id)
def test_a_refused_write_answers_4xx_and_changes_no_table(
    case: RouteCase, app: FastAPI, db: Session, matrix_org: MatrixOrg, client_for: SignIn
) -> None:
    writer, target = WRITERS.get(case.id, DEFAULT_WRITER)
    session = client_for(db.get_one(Person, matrix_org.id_of(writer)))
    by_hand = BY_HAND.get(case.id, ByHand())
    browser = _browser(app, session, by_hand.csrf)
    for name, value in by_hand.cookies.items():
        browser.cookies.set(name, value)
    before = _snapshot(db)
    problems = []
    for request, _ in case.requests(matrix_org, target):
        sent = _refused(case, request)
        savepoint = db.begin_nested()
        db.connection().info[WROTE] = False  # what this request alone would commit
        try:
            answer = browser.request(**sent, follow_redirects=False)
            if _lost(case, sent, answer.status_code, answer.text):
                problems.append(
                    f"{sent['url']} did not show {_lost(case, sent, 422, answer.text)} again"
                )
            if not 400 <= answer.status_code < 500:
                problems.append(f"{sent['url']} answered {answer.status_code}: {answer.text[:200]}")
            after = _snapshot(db)
            if after != before:
                changed = sorted(name for name in before if after[name] != before[name])
                problems.append(f"{sent['url']} answered {answer.status_code}, wrote {changed}")
            if has_written(db):
                problems.append(f"{sent['url']} would move the data version (screen caches)")
        finally:
            savepoint.rollback()
    assert problems == []
