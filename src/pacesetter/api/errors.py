"""Domain errors as HTTP statuses: the one table both the API and the pages answer from."""

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
