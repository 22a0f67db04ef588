"""Signing in and out with the API, and who is signed in.

Sign-in is JSON only: a foreign web page can post a form across sites, but cannot send a JSON
body without the browser asking this server first (CORS), which it never allows.
"""

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from pacesetter.api.errors import json_error
from pacesetter.auth.cookies import clear_session_cookie, client_address, set_session_cookie
from pacesetter.auth.errors import SignInRefused, TooManyAttempts
from pacesetter.auth.sessions import SESSION_COOKIE, close_session
from pacesetter.auth.signin import Credentials, sign_in
from pacesetter.http.deps import SessionDep, SettingsDep, SignedInDep
from pacesetter.schemas.people import PersonOut
from pacesetter.schemas.session import Me, SignInRequest
from pacesetter.store.models import Person, UserSession, utcnow

sign_in_router = APIRouter(tags=["session"])
router = APIRouter(tags=["session"])

_REFUSALS: dict[int | str, dict[str, str]] = {
    401: {"description": "Email or password is not correct"},
    429: {"description": "Too many sign-in attempts: wait and try again"},
}


@sign_in_router.post("/session", response_model=Me, responses=_REFUSALS)
def create_session(
    body: SignInRequest,
    request: Request,
    response: Response,
    db: SessionDep,
    settings: SettingsDep,
) -> Me | JSONResponse:
    """Sign in: sets the session cookie and returns the CSRF token that later writes send back
    in the `X-CSRF-Token` header."""
    credentials = Credentials(
        body.email, body.password, client_address(request), request.cookies.get(SESSION_COOKIE)
    )
    try:
        opened = sign_in(db, credentials, utcnow(), settings)
    except (SignInRefused, TooManyAttempts) as refusal:
        # Answered rather than raised, so that the unit of work commits the failed attempt.
        return json_error(refusal)
    set_session_cookie(response, opened.token, settings)
    return _me(opened.person, opened.record)


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT)
def delete_session(
    signed_in: SignedInDep, response: Response, db: SessionDep, settings: SettingsDep
) -> None:
    """Sign out: the session ends on the server, so its cookie no longer works anywhere."""
    close_session(db, signed_in.session)
    clear_session_cookie(response, settings)


@router.get("/me", response_model=Me)
def me(signed_in: SignedInDep) -> Me:
    """The signed-in person, and the CSRF token of this session."""
    return _me(signed_in.person, signed_in.session)


def _me(person: Person, record: UserSession) -> Me:
    return Me(
        person=PersonOut.model_validate(person),
        csrf_token=record.csrf_token,
        session_expires_at=record.expires_at,
    )
