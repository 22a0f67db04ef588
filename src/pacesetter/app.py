"""The web application: pages, the JSON API under /api/v1 and its docs, static assets.

`create_app(engine)` builds one; `pacesetter serve` runs it with uvicorn. Domain errors are
turned into responses here, once: JSON `{"detail": ...}` under /api/, a styled page elsewhere.
"""

import logging
from importlib.metadata import version
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import iter_route_contexts
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from pacesetter.api.errors import document_errors, error_headers, json_error, status_for
from pacesetter.api.router import API_PREFIX, api_router
from pacesetter.auth.errors import NotSignedIn
from pacesetter.domain.errors import NotFound, PacesetterError
from pacesetter.http.deps import verify_csrf
from pacesetter.settings import Settings, get_settings
from pacesetter.store.db import get_engine
from pacesetter.web.errors import error_page
from pacesetter.web.router import web_router
from pacesetter.web.routes import health, mail
from pacesetter.web.security import DOCS_PATH, GuardBodies, SecurityHeaders, is_api, sign_in_answer
from pacesetter.web.templating import STATIC_DIR

log = logging.getLogger(__name__)
OPENAPI_PATH = f"{API_PREFIX}/openapi.json"


def create_app(engine: Engine | None = None, settings: Settings | None = None) -> FastAPI:
    """The app, on `engine` (default: the configured database) with `settings` (default: the
    environment's)."""
    app = FastAPI(
        title="Pacesetter API",
        version=version("pacesetter"),
        description="Sales performance for sales managers and their teams.",
        openapi_url=OPENAPI_PATH,
        docs_url=None,
        redoc_url=None,
    )
    app.state.engine = engine or get_engine()
    app.state.settings = settings or get_settings()
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(web_router)
    # Beside the page router: the health check answers without a session, and mail
    # settings belong to the mail feature (pages still need a session and a CSRF token).
    app.include_router(health.router)
    app.include_router(mail.router, dependencies=[Depends(verify_csrf)], include_in_schema=False)
    app.add_api_route(DOCS_PATH, api_docs, include_in_schema=False)
    _install_error_handlers(app)
    _document_errors(app)
    # The last added runs first: the headers go on every answer, the guard's refusals included.
    app.add_middleware(GuardBodies)
    app.add_middleware(SecurityHeaders)
    return app


def _document_errors(app: FastAPI) -> None:
    """The generated OpenAPI document, with the refusals every operation can give."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_errors(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def api_docs() -> HTMLResponse:
    """Swagger UI from this server's own copy: the docs work offline and leak no visits."""
    return get_swagger_ui_html(
        openapi_url=OPENAPI_PATH,
        title="Pacesetter API",
        swagger_js_url="/static/vendor/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg",
    )


def _install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PacesetterError, _domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(OverflowError, _out_of_range)
    app.add_exception_handler(DataError, _out_of_range)
    app.add_exception_handler(Exception, _unexpected_error)


async def _domain_error(request: Request, error: PacesetterError) -> Response:
    if is_api(request):
        return json_error(error)
    if isinstance(error, NotSignedIn):
        return sign_in_answer(request)
    status = status_for(error)
    # A page says "not found" in plain words whatever was missing, and never which it was.
    message = None if isinstance(error, NotFound) else str(error)
    return error_page(request, status, message, error_headers(error))


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    headers = error.headers
    if error.status_code == 405:
        headers = {**(headers or {}), "Allow": _methods_served_at(request)}
    if is_api(request):
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=headers
        )
    return error_page(request, error.status_code, headers=headers)


def _methods_served_at(request: Request) -> str:
    """Every method some route serves at the request's path, as RFC 9110 asks of a 405:
    Starlette names only the first route it matched, and each operation is its own route
    (`POST /api/v1/goals/1` was told `Allow: GET`, not `GET, PATCH`)."""
    served: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if route.methods and route.path_regex.match(request.url.path):
            served |= route.methods
    return ", ".join(sorted(served))


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    if is_api(request):
        # Location, message and type only: the refused input itself may not even be JSON
        # (a number too large to be finite is read as infinity).
        entries = [{key: entry[key] for key in ("loc", "msg", "type")} for entry in error.errors()]
        return JSONResponse({"detail": jsonable_encoder(entries)}, status_code=422)
    where = "form" if any(entry["loc"][0] == "body" for entry in error.errors()) else "address"
    return error_page(request, 422, f"Part of the {where} is not valid: {_allowed(error)}.")


def _allowed(error: RequestValidationError) -> str:
    """Each refused value with what is allowed, in pydantic's words: `goal_id: Input should be
    less than or equal to 2147483647`."""
    return "; ".join(f"{entry['loc'][-1]}: {entry['msg']}" for entry in error.errors())


async def _out_of_range(request: Request, error: Exception) -> Response:
    """A number no column can hold that got past the edge's checks (a route that forgot them):
    a 422 rather than a 500. The edge's checks (`http.validation`) say more."""
    log.warning("Out-of-range value on %s %s: %s", request.method, request.url.path, error)
    message = "A number in the request is out of range."
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=422)
    return error_page(request, 422, message)


async def _unexpected_error(request: Request, error: Exception) -> Response:
    log.exception("Unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    if is_api(request):
        return JSONResponse({"detail": "Internal server error"}, status_code=500)
    return error_page(request, 500)
