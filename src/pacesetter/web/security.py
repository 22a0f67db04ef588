"""What every request meets before any route runs.

- `SecurityHeaders`: response headers that make the browser refuse what the pages never need
  (being framed, guessing content types, running scripts or loading assets from anywhere but
  this server), and keep signed-in answers out of every cache.
- `GuardBodies`: a state-changing request without a live session is refused before a byte of
  its body is read (no form or multipart parsing, no temporary file for a stranger), and every
  body is capped: a declared length over the cap is refused at once, a streamed one stops being
  read where it passes the cap.
"""

from urllib.parse import quote

from fastapi.routing import iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pacesetter.auth.csrf import SAFE_METHODS
from pacesetter.http.deps import has_live_session
from pacesetter.web.errors import error_page

# Pages run no inline script: chart data travels as JSON in <script type="application/json">.
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
# Swagger UI starts itself with an inline script and styles its widgets inline.
DOCS_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"
)
DOCS_PATH = "/api/docs"
STATIC_PREFIX = "/static/"
# The two writes made before there is a session (each protected in its own way).
SIGN_IN = frozenset({("POST", "/login"), ("POST", "/api/v1/session")})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _headers(path: str) -> list[tuple[bytes, bytes]]:
    policy = DOCS_POLICY if path == DOCS_PATH else PAGE_POLICY
    headers = [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    ]
    if not path.startswith(STATIC_PREFIX):
        # Pages and JSON hold people's numbers: no browser or proxy cache may keep them.
        headers.append((b"cache-control", b"no-store"))
    return headers


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit:,} bytes, the most allowed.")


class GuardBodies:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        request, limit = Request(scope), _body_limit(scope)
        refusal = await _refusal(request, limit)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive if limit is None else _capped(receive, limit), send)


async def _refusal(request: Request, limit: int | None) -> Response | None:
    """The answer to a write that must not be read: not signed in, or declared too large."""
    signing_in = (request.method, request.url.path) in SIGN_IN
    if not signing_in and not await run_in_threadpool(has_live_session, request):
        return sign_in_answer(request)
    declared = request.headers.get("content-length", "")
    if limit is not None and declared.isdigit() and int(declared) > limit:
        return _too_large(request, limit)
    return None


def _body_limit(scope: Scope) -> int | None:
    """The app's cap, unless the route caps its own body (uploads, with their larger limit)."""
    default = int(scope["app"].state.settings.max_body_bytes)
    for route in iter_route_contexts(scope["app"].routes):
        methods = getattr(route, "methods", None) or ()
        if scope["method"] in methods and route.path_regex.match(scope["path"]):
            return None if getattr(route.original_route, "caps_own_body", False) else default
    return default


def _capped(receive: Receive, limit: int) -> Receive:
    """`receive` that refuses the body once it passes `limit` (one sent in chunks, or longer
    than it said)."""
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise BodyTooLarge(limit)
        return message

    return capped


def _too_large(request: Request, limit: int) -> Response:
    error = BodyTooLarge(limit)
    if is_api(request):
        return JSONResponse({"detail": error.detail}, status_code=413)
    return error_page(request, 413, error.detail)


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def sign_in_answer(request: Request) -> Response:
    """Not signed in: the API says 401; a page goes to the sign-in form, and comes back after."""
    if is_api(request):
        return JSONResponse({"detail": "Sign in first."}, status_code=401)
    target = f"/login?next={quote(request.url.path, safe='/')}"
    if request.headers.get("HX-Request"):
        # HTMX would swap the sign-in page into a fragment; tell it to navigate instead.
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
