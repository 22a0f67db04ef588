"""Cached screens (store/screen_cache.py) are never stale and never someone else's: each is built
once per data version and viewer, rebuilt after any committed write into what an uncached build
gives, bypassed by a transaction that has written, and left unchanged by every renderer.

Committed data is needed (the cache keys on the committed data version), so each test imports a
generated organisation into a database of its own.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel
from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from pacesetter.app import create_app
from pacesetter.auth.sessions import SESSION_COOKIE, open_session
from pacesetter.coaching.recognitions import team_recognitions
from pacesetter.coaching.week import build_manager_week
from pacesetter.goals.actor import Actor
from pacesetter.goals.board_document import requested_board
from pacesetter.ingest import run_import
from pacesetter.leaderboards.board import requested_leaderboard
from pacesetter.metrics.manager_report import requested_manager_report
from pacesetter.metrics.quadrant import requested_quadrant
from pacesetter.metrics.scorecard_view import requested_scorecard
from pacesetter.org.overview import build_overview
from pacesetter.store.context import context_for
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Deal, Person, utcnow
from pacesetter.store.org_settings import load_org_settings
from pacesetter.store.scope import Scope
from pacesetter.store.screen_cache import SCREENS
from pacesetter.synth import generate_org
from web.client import TEST_SETTINGS, with_password

AS_OF = date(2026, 5, 14)
NOW = datetime(2026, 5, 14, 12)
KINDS = ("people", "accounts", "deals", "activities", "forecasts", "goals", "plans", "coaching")
Arguments = Callable[[Session, Person], tuple[Any, ...]]


def _ctx(session: Session, viewer: Person) -> Any:
    return context_for(session, Scope.of(viewer), NOW)


# Each cached screen, and its arguments for a viewer as the pages and the API pass them.
CACHED: dict[str, tuple[Callable[..., Any], Arguments]] = {
    "overview": (
        build_overview,
        lambda s, v: (Scope.of(v).people_ids(), load_org_settings(s), AS_OF),
    ),
    "scorecard": (requested_scorecard, lambda s, v: (_ctx(s, v),)),
    "goals board": (requested_board, lambda s, v: (Actor.of(v), _ctx(s, v), v.id)),
    "quadrant": (requested_quadrant, lambda s, v: (Scope.of(v), AS_OF)),
    "managers report": (requested_manager_report, lambda s, v: (Scope.of(v), AS_OF)),
    "leaderboard": (requested_leaderboard, lambda s, v: (Scope.of(v), AS_OF)),
    "manager week": (build_manager_week, lambda s, v: (v, AS_OF)),
    "recognitions": (team_recognitions, lambda s, v: (v, AS_OF)),
}
# What each screen shows about a rep's numbers: a rep must never see a leader's version.
FOR_REPS = ("overview", "scorecard", "quadrant", "leaderboard", "recognitions")


@pytest.fixture
def engine(new_database_url: str, tmp_path: Path) -> Iterator[Engine]:
    generate_org(tmp_path, reps=6, months=3, seed=5, as_of=AS_OF)
    engine = make_engine(new_database_url)
    for kind in KINDS:
        with unit_of_work(engine) as session:
            assert run_import(session, kind, tmp_path / f"{kind}.csv", file_name=kind).accepted
    SCREENS.clear()
    yield engine
    SCREENS.clear()
    engine.dispose()


def people(engine: Engine) -> dict[str, Person]:
    """The top director, the manager of the first rep, and that rep."""
    with unit_of_work(engine) as session:
        ordered = select(Person).order_by(Person.id)
        director = session.scalars(ordered.where(Person.role == "director")).first()
        rep = session.scalars(ordered.where(Person.role == "rep")).first()
        assert director is not None and rep is not None and rep.manager_id is not None
        return {
            "director": director,
            "manager": session.get_one(Person, rep.manager_id),
            "rep": rep,
        }


def build(engine: Engine, screen: str, viewer: Person, *, cached: bool = True) -> Any:
    """The screen for `viewer` in a transaction of its own, through the cache or not."""
    function, arguments = CACHED[screen]
    with unit_of_work(engine) as session:
        mine = session.get_one(Person, viewer.id)
        called = function if cached else function.__wrapped__
        return called(session, *arguments(session, mine))


def plain(value: Any) -> Any:
    """A built screen as plain data, comparable across builds (a stored object: its id)."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    state = inspect(value, raiseerr=False)
    return (type(value).__name__, state.identity) if state is not None else value


def sell_more(engine: Engine, rep: Person) -> None:
    """A committed edit: one of the rep's deals won for 1,000 more."""
    with unit_of_work(engine) as session:
        deal = session.scalars(select(Deal).where(Deal.owner_id == rep.id)).first()
        assert deal is not None
        deal.status, deal.amount = "won", deal.amount + 1_000
        deal.close_date = AS_OF


@pytest.mark.parametrize("screen", CACHED)
def test_a_screen_is_built_once_per_version_and_rebuilt_after_a_write(
    engine: Engine, screen: str
) -> None:
    who = people(engine)
    first = build(engine, screen, who["director"])
    assert build(engine, screen, who["director"]) is first
    sell_more(engine, who["rep"])
    rebuilt = build(engine, screen, who["director"])
    assert rebuilt is not first
    assert plain(rebuilt) == plain(build(engine, screen, who["director"], cached=False))


def test_the_numbers_after_a_write_are_the_new_ones(engine: Engine) -> None:
    who = people(engine)
    before = build(engine, "overview", who["director"]).totals.revenue_won
    sell_more(engine, who["rep"])
    assert build(engine, "overview", who["director"]).totals.revenue_won > before


@pytest.mark.parametrize("screen", FOR_REPS)
def test_each_viewer_gets_their_own_screen(engine: Engine, screen: str) -> None:
    who = people(engine)
    found = {role: build(engine, screen, person) for role, person in who.items()}
    for role, person in who.items():
        assert plain(found[role]) == plain(build(engine, screen, person, cached=False)), role
    if screen != "recognitions":  # a small org may have the same few recognitions for all
        assert plain(found["rep"]) != plain(found["director"])


def test_a_transaction_that_wrote_builds_without_the_cache(engine: Engine) -> None:
    who = people(engine)
    cached = build(engine, "overview", who["director"])
    with pytest.raises(_Refused), unit_of_work(engine) as session:
        deal = session.scalars(select(Deal).where(Deal.owner_id == who["rep"].id)).first()
        assert deal is not None
        deal.status, deal.amount, deal.close_date = "won", 1e9, AS_OF
        function, arguments = CACHED["overview"]
        seen = function(session, *arguments(session, session.get_one(Person, who["director"].id)))
        assert seen.totals.revenue_won >= 1e9  # its own write, uncommitted
        raise _Refused
    assert build(engine, "overview", who["director"]) is cached  # the write never happened


class _Refused(Exception):
    pass


# Every format of every cached screen, as the director asks for it twice.
RENDERED = [
    "/",
    "/api/v1/org/tree",
    "/scorecard",
    "/api/v1/scorecard",
    "/scorecard.csv",
    "/goals/team/{director}",
    "/api/v1/goals/team/{director}",
    "/goals/team/{director}/board.csv",
    "/quadrant",
    "/api/v1/quadrant",
    "/quadrant.csv",
    "/managers",
    "/api/v1/managers",
    "/managers.csv",
    "/leaderboard",
    "/api/v1/leaderboard",
    "/leaderboard.csv",
]
# Parts of a page that differ per request whatever the data: the CSP nonce, the CSRF token.
PER_REQUEST = re.compile(r'(nonce|content|value)="[A-Za-z0-9_\-+/=]{16,}"')


def test_rendering_a_cached_screen_leaves_it_as_built(engine: Engine) -> None:
    """Each path is answered from a fresh build, then from the cache (after that first render
    had its hands on the value), then fresh again: the three answers are the same."""
    director = people(engine)["director"]
    with unit_of_work(engine) as session:
        signed_in = with_password(session.get_one(Person, director.id))
        token = open_session(session, signed_in, utcnow(), 2).token
    browser = TestClient(create_app(engine, TEST_SETTINGS))
    browser.cookies.set(SESSION_COOKIE, token)
    for path in RENDERED:
        url = path.format(director=director.id) + f"?as_of={AS_OF}"
        answers = []
        for fresh in (True, False, True):
            if fresh:
                SCREENS.clear()
            answer = browser.get(url, follow_redirects=False)
            assert answer.status_code == 200, (url, answer.text[:300])
            answers.append(PER_REQUEST.sub("", answer.text))
        assert answers[0] == answers[1] == answers[2], url
    assert SCREENS.hits > 0
