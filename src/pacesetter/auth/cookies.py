"""The cookies sign-in relies on, set the same way by the pages and the API."""

from fastapi import Request, Response

from pacesetter.auth.csrf import LOGIN_CSRF_COOKIE
from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.settings import Settings


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    """HttpOnly: page scripts never see it; SameSite=Lax: other sites' forms do not send it;
    Secure in production: it never travels over plain HTTP."""
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        SESSION_COOKIE, httponly=True, secure=settings.secure_cookies, samesite="lax", path="/"
    )


def set_login_csrf_cookie(response: Response, token: str, settings: Settings) -> None:
    """The double-submit cookie of the sign-in form; it lives until the browser closes."""
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/login",
    )


def client_address(request: Request) -> str:
    """The caller's address as the server sees it (behind a proxy, run uvicorn with
    --forwarded-allow-ips so this is the browser's, not the proxy's)."""
    return request.client.host if request.client is not None else "unknown"
