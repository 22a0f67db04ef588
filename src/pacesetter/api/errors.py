"""Domain errors as HTTP statuses: the one table both the API and the pages answer from, and
the refusals every API operation documents in the OpenAPI document."""

from typing import Any

from fastapi.responses import JSONResponse

from pacesetter.auth.errors import NotSignedIn, SignInRefused, TooManyAttempts
from pacesetter.domain.errors import Conflict, Forbidden, Invalid, NotFound, PacesetterError

STATUS_BY_ERROR: dict[type[PacesetterError], int] = {
    NotSignedIn: 401,
    SignInRefused: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    Invalid: 422,
    TooManyAttempts: 429,
}


def status_for(error: PacesetterError) -> int:
    """The status of the nearest mapped class; an unmapped domain error is a bad request."""
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def error_headers(error: PacesetterError) -> dict[str, str]:
    if isinstance(error, TooManyAttempts):
        return {"Retry-After": str(error.retry_after_seconds)}
    return {}


def json_error(error: PacesetterError) -> JSONResponse:
    return JSONResponse(
        {"detail": str(error)}, status_code=status_for(error), headers=error_headers(error)
    )


# The body of every refusal but a malformed request's: `{"detail": "what is wrong"}`, with
# more fields where an operation says so (a goal's lint `findings`, a form's `problems`).
ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {"detail": {"type": "string", "title": "Detail"}},
    "required": ["detail"],
}
_ERROR = {"$ref": "#/components/schemas/Error"}
_VALIDATION = {"$ref": "#/components/schemas/HTTPValidationError"}
_ON_EVERY_OPERATION = {401: "Not signed in"}
_ON_WRITES = {
    400: "The body could not be read, or the request makes no sense",
    403: "The CSRF token is missing or not this session's",
    409: "The change clashes with the current state (say, a goal already decided)",
    413: "The body is larger than the limit",
}
_SIGN_IN = ("/api/v1/session", "post")


def document_errors(spec: dict[str, Any]) -> dict[str, Any]:
    """The answers every operation can give, written into the OpenAPI document as they are
    sent: 401 without a session, 404 for an id out of reach, 400/403/409/413 on writes, and
    422 either as a malformed request (`HTTPValidationError`) or a refusal (`Error`)."""
    spec.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            _document(path, method, operation["responses"])
    return spec


def _document(path: str, method: str, responses: dict[str, Any]) -> None:
    wanted = dict(_ON_EVERY_OPERATION) if (path, method) != _SIGN_IN else {}
    if method != "get":
        wanted |= _ON_WRITES
    if "{" in path:
        wanted[404] = "Nothing with that id, or not in your scope"
    for status, description in wanted.items():
        responses.setdefault(str(status), {"description": description})
        _with_schema(responses[str(status)], [_ERROR])
    refusal = responses.setdefault("422", {"description": "Refused: the message says why"})
    _with_schema(refusal, [_VALIDATION, _ERROR])


def _with_schema(response: dict[str, Any], schemas: list[dict[str, Any]]) -> None:
    """The response's own schema (if any) or any of `schemas`."""
    content = response.setdefault("content", {}).setdefault("application/json", {})
    own = [content["schema"]] if "schema" in content else []
    options = own + [schema for schema in schemas if schema not in own]
    content["schema"] = options[0] if len(options) == 1 else {"anyOf": options}
