"""The sign-in page, and signing out.

The sign-in form has no session yet, so it carries a double-submit token instead: a random value
in a cookie that only this site can set, echoed in a hidden field that a foreign page cannot know.
"""

from dataclasses import asdict, dataclass
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from pacesetter.auth.cookies import (
    clear_session_cookie,
    client_address,
    set_login_csrf_cookie,
    set_session_cookie,
)
from pacesetter.auth.csrf import LOGIN_CSRF_COOKIE, new_token, tokens_match
from pacesetter.auth.errors import SignInRefused, TooManyAttempts
from pacesetter.auth.sessions import SESSION_COOKIE, close_session
from pacesetter.auth.signin import Credentials, sign_in
from pacesetter.domain.errors import Forbidden
from pacesetter.http.deps import MaybeSignedIn, OrgDep, SessionDep, SettingsDep, SignedInDep
from pacesetter.settings import Settings
from pacesetter.store.models import utcnow
from pacesetter.store.org_settings import load_org_settings
from pacesetter.web.templating import render

public_router = APIRouter()
router = APIRouter()


@dataclass(frozen=True)
class LoginForm:
    """What the sign-in page shows: the form as it was sent back, and why it failed."""

    org_name: str
    next: str = "/"
    email: str = ""
    error: str | None = None


@public_router.get("/login", response_model=None)
def login_page(
    request: Request, signed_in: MaybeSignedIn, settings: SettingsDep, org: OrgDep, next: str = "/"
) -> Response:
    if signed_in is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, settings, LoginForm(org.name, safe_next(next)))


@public_router.post("/login", response_model=None)
def login(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not tokens_match(request.cookies.get(LOGIN_CSRF_COOKIE), csrf_token):
        raise Forbidden("The sign-in form expired. Reload the page and sign in again.")
    credentials = Credentials(
        email, password, client_address(request), request.cookies.get(SESSION_COOKIE)
    )
    try:
        opened = sign_in(db, credentials, utcnow(), settings)
    except (SignInRefused, TooManyAttempts) as refusal:
        # Answered rather than raised, so that the unit of work commits the failed attempt.
        status = 429 if isinstance(refusal, TooManyAttempts) else 401
        # Read only now: on SQLite the sign-in's first statement must be its write (see
        # auth.ratelimit), or parallel sign-ins find the database locked.
        org_name = load_org_settings(db).name
        form = LoginForm(org_name, safe_next(next), email, str(refusal))
        return _login_form(request, settings, form, status)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, opened.token, settings)
    return response


@router.post("/logout")
def logout(signed_in: SignedInDep, db: SessionDep, settings: SettingsDep) -> RedirectResponse:
    close_session(db, signed_in.session)
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response, settings)
    return response


def _login_form(
    request: Request, settings: Settings, form: LoginForm, status: int = 200
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or new_token()
    response = render(
        request, "login.html", {**asdict(form), "csrf_token": token}, status_code=status
    )
    set_login_csrf_cookie(response, token, settings)
    return response


def safe_next(target: str) -> str:
    """Only a path on this site: an open redirect would let a phishing link borrow our name."""
    parts = urlsplit(target)
    local = target.startswith("/") and not target.startswith("//") and not parts.netloc
    return target if local and "\\" not in target else "/"
