"""A person's mail settings: the page every digest and event mail links to, to stop them."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from pacesetter.digest.preferences import Choice, choice_of, choose, own_person
from pacesetter.http.deps import CurrentUser, SessionDep, ViewerDep
from pacesetter.http.validation import IdPath
from pacesetter.web.templating import render

router = APIRouter()


@router.get("/people/{person_id}/mail", response_class=HTMLResponse)
def mail_page(
    request: Request, viewer: ViewerDep, db: SessionDep, user: CurrentUser, person_id: IdPath
) -> HTMLResponse:
    """Your mail settings (anyone else's: not found)."""
    person = own_person(db, user, person_id)
    context = {"title": "Mail", "person": person, "choice": choice_of(db, person.id)}
    context["saved"] = request.query_params.get("saved") == "1"
    return render(request, "mail/preferences.html", context)


@router.post("/people/{person_id}/mail")
def save_mail(
    db: SessionDep,
    user: CurrentUser,
    person_id: IdPath,
    digest: Annotated[bool, Form()] = False,
    events: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Save the choices: an unticked box is mail you no longer get."""
    person = own_person(db, user, person_id)
    choose(db, person.id, Choice(digest, events))
    return RedirectResponse(f"/people/{person.id}/mail?saved=1", status_code=303)
