"""The cookies sign-in relies on, set the same way by the pages and the API."""

from ipaddress import IPv4Network, IPv6Network, ip_address

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
    """The caller's address, the key of the sign-in rate limit.

    `X-Forwarded-For` is believed only when the connection comes from a proxy listed in
    `PACESETTER_TRUSTED_PROXIES`, and then only as far as the proxies go: walking the header
    from the right, the first address that is not a trusted proxy is the client (entries left
    of it were written by the client itself and could say anything).
    """
    peer = request.client.host if request.client is not None else "unknown"
    trusted = request.app.state.settings.trusted_proxy_networks
    if not _is_within(peer, trusted):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if not _is_within(hop, trusted):
            return hop
    return peer


def _is_within(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        return any(ip_address(address) in network for network in networks)
    except ValueError:  # not an address at all: never a trusted proxy
        return False
