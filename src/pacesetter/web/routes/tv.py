"""The TV view and the links to it (docs/leaderboards.md).

GET /tv?key=TOKEN is public: a full-screen leaderboard that reloads itself every minute (a meta
refresh, no script), showing only what the admin chose for the link: one metric, one team or
the organisation, the current week, month or quarter, names or not, and the recognitions.
An unknown or revoked key is the ordinary 404 page. Admins make and revoke links at
/leaderboard/tv-links (anyone else gets 404 there); the address is shown once, when it is made.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid, NotFound
from pacesetter.domain.formatting import in_unit
from pacesetter.domain.vocab import Role
from pacesetter.http.deps import CurrentUser, OrgDep, SessionDep, ViewerDep
from pacesetter.http.validation import MAX_ID
from pacesetter.leaderboards.board import metric_choices
from pacesetter.leaderboards.tv import (
    MANAGER_ROLES,
    PERIOD_KINDS,
    TvChoice,
    active_links,
    create_link,
    link_for,
    revoke_link,
    tv_board,
)
from pacesetter.store.models import Person
from pacesetter.store.org_settings import today_in
from pacesetter.web.templating import render

public_router = APIRouter()
router = APIRouter(prefix="/leaderboard/tv-links")
REFRESH_SECONDS = 60
LinkId = Annotated[int, Form(ge=1, le=MAX_ID)]


def _admin(user: CurrentUser) -> Person:
    """The signed-in admin; anyone else is told what an unknown address tells them."""
    if user.role != Role.ADMIN:
        raise NotFound("Not Found")
    return user


AdminDep = Annotated[Person, Depends(_admin)]


@public_router.get("/tv", response_class=HTMLResponse)
def tv_view(
    request: Request, db: SessionDep, org: OrgDep, key: Annotated[str, Query(max_length=64)] = ""
) -> HTMLResponse:
    """The board a live link names, and nothing else."""
    link = link_for(db, key)
    view = tv_board(db, link, today_in(org.timezone))
    context = {
        "title": link.label,
        "view": view,
        "names": link.show_names,
        "refresh": REFRESH_SECONDS,
        "show": lambda value: in_unit(value, view.metric.unit.value, org.currency),
    }
    return render(request, "leaderboard/tv.html", context)


@router.get("", response_class=HTMLResponse)
def tv_links_page(
    request: Request, viewer: ViewerDep, db: SessionDep, admin: AdminDep
) -> HTMLResponse:
    """The live links, a form for a new one and a revoke button each."""
    return _links_page(request, db)


@router.post("", response_class=HTMLResponse)
def tv_link_create(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    admin: AdminDep,
    label: Annotated[str, Form(max_length=100)],
    metric: Annotated[str, Form(max_length=64)],
    period_kind: Annotated[str, Form(max_length=8)],
    team: Annotated[str, Form(max_length=12)] = "",
    show_names: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """A new link; its address is on the page this once (only its hash is kept)."""
    choice = TvChoice(label, metric, period_kind, int(team) if team.isdigit() else None, show_names)
    try:
        _, token = create_link(db, admin, choice)
    except Invalid as refused:
        return _links_page(request, db, error=str(refused), typed=choice, status_code=422)
    address = f"{request.base_url}tv?key={token}"
    return _links_page(request, db, address=address)


@router.post("/revoke")
def tv_link_revoke(
    viewer: ViewerDep, db: SessionDep, admin: AdminDep, link: LinkId
) -> RedirectResponse:
    """The link answers 404 from now on."""
    revoke_link(db, link)
    return RedirectResponse("/leaderboard/tv-links", status_code=303)


def _links_page(
    request: Request,
    db: Session,
    *,
    address: str | None = None,
    error: str | None = None,
    typed: TvChoice | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    teams = select(Person.id, Person.name).where(Person.role.in_(MANAGER_ROLES))
    context = {
        "title": "TV links",
        "links": active_links(db),
        "metrics": metric_choices(),
        "labels": dict(metric_choices()),
        "kinds": [kind.value for kind in PERIOD_KINDS],
        "teams": dict(db.execute(teams.order_by(Person.name)).all()),
        "typed": typed,
        "address": address,
        "error": error,
    }
    return render(request, "leaderboard/tv_links.html", context, status_code=status_code)
