"""Cross-site request forgery defence: a secret per session that a foreign site cannot read.

Every state-changing request made with the session cookie must echo the session's token, either
as the `csrf_token` field of a form or as the `X-CSRF-Token` header (HTMX, API calls). The sign-in
form, which has no session yet, uses a double-submit cookie instead.
"""

import hmac
import secrets

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
LOGIN_CSRF_COOKIE = "pacesetter_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(expected: str | None, supplied: str | None) -> bool:
    """Constant-time comparison; a missing token never matches."""
    if not expected or not supplied:
        return False
    return hmac.compare_digest(expected.encode(), supplied.encode())
