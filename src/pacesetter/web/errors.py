"""The styled error page: what a person sees instead of a stack trace or a bare status."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from pacesetter.web.templating import render

TITLES = {
    400: "That did not work",
    401: "Please sign in",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed",
    409: "That clashes with something",
    422: "That did not work",
    429: "Too many attempts",
    500: "Something went wrong",
}
# For errors whose own message is not meant for people (an unknown address, a crash).
DEFAULT_MESSAGES = {
    404: "This page does not exist, or it is not part of what you can see.",
    500: "The error has been logged. Try again in a moment.",
}


def error_page(
    request: Request, status: int, message: str | None = None, headers: dict[str, str] | None = None
) -> HTMLResponse:
    context = {
        "status": status,
        "title": TITLES.get(status, "That did not work"),
        "message": message or DEFAULT_MESSAGES.get(status, ""),
    }
    return render(request, "error.html", context, status_code=status, headers=headers)
