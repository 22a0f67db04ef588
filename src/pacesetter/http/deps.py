"""Dependencies named once and reused by every API route and every page.

- `SessionDep`: one unit of work per request; it commits before the response is sent (so the
  next request sees what this one wrote) and rolls back if the handler raises.
- `CurrentUser`: the signed-in person; `NotSignedIn` otherwise (401 for the API, a redirect to
  /login for pages: the choice is made once, in the exception handler).
- `AdminDep`: the signed-in admin; anyone else gets a 404, as for anything out of reach.
- `ScopeDep`: what the current user may see. `OrgDep`: the organisation's settings.
- `ViewerDep`: the signed-in person as plain values for templates and error pages.
- `ReportDep`: what a report reads with: the session, the scope, the organisation's settings
  and the as-of date (the `as_of` query parameter, or today in the organisation's time zone).
- `verify_csrf`: on every state-changing request, the session's CSRF token must come back.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from inspect import signature
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from pacesetter.auth.csrf import CSRF_FIELD, CSRF_HEADER, SAFE_METHODS, tokens_match
from pacesetter.auth.errors import NotSignedIn
from pacesetter.auth.sessions import SESSION_COOKIE, find_session
from pacesetter.auth.signin import may_sign_in
from pacesetter.domain.errors import Forbidden, NotFound
from pacesetter.domain.vocab import Role
from pacesetter.http.validation import AsOf
from pacesetter.settings import Settings
from pacesetter.store.audit import act_as
from pacesetter.store.db import unit_of_work
from pacesetter.store.models import OrgSettings, Person, UserSession, utcnow
from pacesetter.store.org_settings import load_org_settings, today_in
from pacesetter.store.scope import Scope


def request_unit_of_work(request: Request) -> Iterator[Session]:
    with unit_of_work(request.app.state.engine) as db:
        act_as(db, None, _channel(request))
        yield db


def _channel(request: Request) -> str:
    """The audit trail's channel of a request: the JSON API or the pages."""
    return "api" if request.url.path.startswith("/api/") else "web"


SessionDep = Annotated[Session, Depends(request_unit_of_work, scope="function")]


def _settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(_settings)]


def _org(db: SessionDep) -> OrgSettings:
    return load_org_settings(db)


OrgDep = Annotated[OrgSettings, Depends(_org)]


@dataclass(frozen=True)
class SignedIn:
    person: Person
    session: UserSession


def _signed_in(request: Request, db: SessionDep) -> SignedIn | None:
    """The live session of the cookie and its person, if that person may still sign in."""
    now = utcnow()
    idle = timedelta(minutes=request.app.state.settings.session_idle_minutes)
    record = find_session(db, request.cookies.get(SESSION_COOKIE), now, idle)
    person = db.get(Person, record.person_id) if record is not None else None
    if record is None or person is None or not may_sign_in(person, now.date()):
        return None
    act_as(db, person.id, _channel(request))
    return SignedIn(person, record)


MaybeSignedIn = Annotated[SignedIn | None, Depends(_signed_in)]


def has_live_session(request: Request) -> bool:
    """Whether the request's cookie stands for a live session, asked before FastAPI reads the
    body (see `web.security.GuardBodies`). It opens the unit of work the dependencies would
    get, overrides included, so that it sees the same database they do."""
    if not request.cookies.get(SESSION_COOKIE):
        return False
    provider = request.app.dependency_overrides.get(request_unit_of_work, request_unit_of_work)
    units = provider(request) if signature(provider).parameters else provider()
    try:
        return _signed_in(request, next(units)) is not None
    finally:
        units.close()


def _signed_in_session(signed_in: MaybeSignedIn) -> SignedIn:
    if signed_in is None:
        raise NotSignedIn()
    return signed_in


SignedInDep = Annotated[SignedIn, Depends(_signed_in_session)]


def _current_user(signed_in: SignedInDep) -> Person:
    return signed_in.person


CurrentUser = Annotated[Person, Depends(_current_user)]


def _scope(user: CurrentUser) -> Scope:
    return Scope.of(user)


ScopeDep = Annotated[Scope, Depends(_scope)]


def _admin(user: CurrentUser) -> Person:
    """The signed-in admin; anyone else is told what an unknown address tells them."""
    if user.role != Role.ADMIN:
        raise NotFound("Not Found")
    return user


AdminDep = Annotated[Person, Depends(_admin)]


@dataclass(frozen=True)
class Report:
    db: Session
    scope: Scope
    org: OrgSettings
    as_of: date


def _report(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    as_of: AsOf = None,
) -> Report:
    return Report(db, scope, org, as_of or today_in(org.timezone))


ReportDep = Annotated[Report, Depends(_report)]


@dataclass(frozen=True)
class Viewer:
    """Plain values about who is looking, safe to use after the unit of work has ended (error
    pages are rendered after the rollback)."""

    person_id: int
    name: str
    role: str
    csrf_token: str
    org_name: str
    currency: str


def _viewer(request: Request, signed_in: SignedInDep, org: OrgDep) -> Viewer:
    person = signed_in.person
    viewer = Viewer(
        person.id, person.name, person.role, signed_in.session.csrf_token, org.name, org.currency
    )
    request.state.viewer = viewer
    return viewer


ViewerDep = Annotated[Viewer, Depends(_viewer)]


async def verify_csrf(request: Request, signed_in: MaybeSignedIn) -> None:
    """403 for a state-changing request whose token is missing or not this session's."""
    if request.method in SAFE_METHODS:
        return
    supplied = request.headers.get(CSRF_HEADER) or await _form_token(request)
    expected = signed_in.session.csrf_token if signed_in is not None else None
    if not tokens_match(expected, supplied):
        await request.close()  # a parsed form's spooled files go now, not when collected
        raise Forbidden("This form has expired or came from another site. Reload the page.")


async def _form_token(request: Request) -> str | None:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    value = (await request.form()).get(CSRF_FIELD)
    return value if isinstance(value, str) else None
