"""The Jinja environment of the pages: templates, filters, and one `render` for every page."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from pacesetter.domain.vocab import ManagerType, Role
from pacesetter.web.formatting import (
    format_day,
    format_money,
    format_number,
    format_percent,
    format_span,
)
from pacesetter.web.twins import twin_href

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

ROLE_LABELS = {
    Role.REP: "Rep",
    Role.MANAGER: "Manager",
    Role.DIRECTOR: "Director",
    Role.ADMIN: "Admin",
}
MANAGER_TYPE_LABELS = {ManagerType.LEADER: "Leader", ManagerType.PLAYER_COACH: "Player-coach"}

templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.filters.update(
    money=format_money, number=format_number, day=format_day, span=format_span
)


def page_href(request: Request, page: int) -> str:
    """The address of the same screen (same query) at page `page` of its rows (`_pager.html`)."""
    url = request.url.include_query_params(page=page)
    return f"{url.path}?{url.query}"


templates.env.globals.update(
    role_labels=ROLE_LABELS,
    manager_type_labels=MANAGER_TYPE_LABELS,
    pct=format_percent,
    page_href=page_href,
)


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """A page; `viewer` (who is signed in, if anyone) and its JSON twin's address
    (`json_twin`, see `web.twins`) are always in its context."""
    viewer = getattr(request.state, "viewer", None)
    full = {"viewer": viewer, "json_twin": twin_href(request), **(context or {})}
    return templates.TemplateResponse(request, name, full, status_code=status_code, headers=headers)
