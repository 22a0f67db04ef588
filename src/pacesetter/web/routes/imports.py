"""The upload page: choose a file, preview it (a dry run and its first rows as they will be
read), then import it without choosing it again; the recent imports below. Admins only: anyone
else gets the not-found page, as for anything out of reach.

The page works without JavaScript (plain forms, each answered with the whole page); with it,
HTMX swaps the page's body in place and narrows the presets to the chosen kind.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from pacesetter.http.deps import AdminDep, OrgDep, SessionDep, ViewerDep
from pacesetter.http.uploads import UploadRoute, runs_page
from pacesetter.imports import staging
from pacesetter.imports.uploads import (
    import_upload,
    preset_kinds,
    presets_for,
    preview,
    too_large_message,
    upload_limit_text,
)
from pacesetter.ingest.kinds import KINDS
from pacesetter.store.models import OrgSettings, Person
from pacesetter.web.templating import render

RECENT_RUNS = 20
GONE = (
    "That upload is no longer waiting: it was imported already (see the recent imports below), "
    "or it was not imported within an hour. Choose the file again."
)
Text = Annotated[str, Form()]
OptionalFile = Annotated[UploadFile | None, File()]


class PageUploadRoute(UploadRoute):
    async def refuse(self, request: Request) -> Response:
        """Back to the form, which gives the reason. (Uvicorn reads and drops the rest of the
        upload, so the browser receives this answer rather than a broken connection.)"""
        return RedirectResponse("/imports?too_large=1", status_code=303)


router = APIRouter(prefix="/imports", route_class=PageUploadRoute)


@dataclass
class Choices:
    """What the form shows as chosen: the kind, the preset, and a kept upload if any."""

    kind: str | None = None
    preset: str | None = None
    staged: staging.Staged | None = None
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    request: Request
    db: Session
    admin: Person
    org: OrgSettings

    def render(self, choices: Choices, **context: Any) -> HTMLResponse:
        """The page; 422 when the form was refused or the import rejected (nothing written)."""
        full = {
            "title": "Import data",
            "choices": choices,
            "kinds": KINDS,
            "preset_groups": _preset_groups(choices.kind),
            "limit": upload_limit_text(),
            "runs": runs_page(self.db, RECENT_RUNS).items,
            "local": self.local,
            **context,
        }
        result = context.get("result")
        refused = bool(choices.errors) or (result is not None and not result.accepted)
        return render(self.request, "imports/page.html", full, status_code=422 if refused else 200)

    def local(self, moment: datetime) -> str:
        """A stored UTC moment on the organisation's clock: `3 Feb 2026, 14:05`."""
        here = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(self.org.timezone))
        return f"{here.day} {here:%b %Y, %H:%M}"


def _page(
    request: Request, viewer: ViewerDep, db: SessionDep, admin: AdminDep, org: OrgDep
) -> Page:
    return Page(request, db, admin, org)


PageDep = Annotated[Page, Depends(_page)]


def _preset_groups(kind: str | None) -> dict[str, list[str]]:
    """Presets by the kind they declare; once a kind is chosen, only those that fit it."""
    groups: dict[str, list[str]] = {}
    for name in presets_for(kind):
        groups.setdefault(preset_kinds()[name] or "any kind", []).append(name)
    return groups


@router.get("", response_class=HTMLResponse)
def imports_page(page: PageDep, kind: str | None = None, too_large: bool = False) -> HTMLResponse:
    """The upload form and the recent imports."""
    errors = [too_large_message()] if too_large else []
    return page.render(Choices(kind if kind in KINDS else None, errors=errors))


@router.post("/preview", response_class=HTMLResponse)
def preview_upload(
    page: PageDep,
    kind: Text = "",
    preset: Text = "",
    upload: Text = "",
    file: OptionalFile = None,
    mapping: OptionalFile = None,
) -> HTMLResponse:
    """Keep the upload, check it in a dry run (nothing is written) and show its first rows."""
    choices = Choices(kind if kind in KINDS else None, preset or None)
    choices.staged = _keep(page.admin, _chosen(file), upload)
    _check_choices(choices, kind)
    if choices.errors or choices.staged is None:
        return page.render(choices)
    staged = choices.staged
    staged.kind, staged.preset = kind, choices.preset
    _keep_mapping(staged, _chosen(mapping))
    staged.save()
    report = import_upload(page.db, staged.upload(), dry_run=True, actor_id=page.admin.id)
    return page.render(choices, report=report, preview=preview(staged.upload(), report))


@router.post("/run", response_class=HTMLResponse)
def run_upload(page: PageDep, upload: Text = "") -> HTMLResponse:
    """Import the kept upload as its preview chose; show the summary, or why it was rejected."""
    staged = staging.claim(upload, page.admin.id)
    if staged is None:
        return page.render(Choices(errors=[GONE]))
    try:
        report = import_upload(page.db, staged.upload(), dry_run=False, actor_id=page.admin.id)
    finally:
        staging.discard(staged)
    return page.render(Choices(staged.kind, staged.preset), result=report)


def _chosen(upload: UploadFile | None) -> UploadFile | None:
    """The file input's file; a browser sends an empty, nameless one when none was chosen."""
    return upload if upload is not None and upload.filename else None


def _keep(admin: Person, file: UploadFile | None, token: str) -> staging.Staged | None:
    """A newly chosen file replaces the kept one; otherwise the kept one is used again."""
    kept = staging.staged(token, admin.id) if token else None
    if file is None:
        return kept
    if kept is not None:
        staging.discard(kept)
    return staging.stage(file.file, file.filename, admin.id)


def _check_choices(choices: Choices, kind: str) -> None:
    if choices.kind is None:
        choices.errors.append("Choose what the file holds." if not kind else f"No kind {kind!r}.")
    if choices.staged is None:
        choices.errors.append("Choose a CSV or XLSX file to import.")


def _keep_mapping(staged: staging.Staged, mapping: UploadFile | None) -> None:
    """A new mapping file replaces the kept one; a preset drops it; otherwise it stays."""
    if mapping is not None:
        staged.keep_mapping(mapping.file, mapping.filename)
    elif staged.preset:
        staged.keep_mapping(None, None)
