"""Imports over HTTP: upload a file as `pacesetter import` reads it, and list recent imports.

Imports write data everyone sees (people, deals...), so only admins may import or list them;
for anyone else these endpoints answer 404, as for anything out of reach. An upload is limited
to `MAX_UPLOAD_BYTES`: a body declared larger is refused before it is read, and one that turns
out larger stops being read there.
"""

from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from pacesetter.api.deps import CurrentUser, SessionDep
from pacesetter.api.schemas.imports import ImportRunOut, ImportRunsPage, ImportSummary
from pacesetter.api.schemas.people import PersonRef
from pacesetter.api.validation import Offset
from pacesetter.domain.errors import NotFound
from pacesetter.domain.vocab import Role
from pacesetter.imports import uploads as service
from pacesetter.ingest import preset_names
from pacesetter.ingest.kinds import KINDS
from pacesetter.store.models import Person

KindName = StrEnum("KindName", {name: name for name in KINDS})  # type: ignore[misc]
PresetName = StrEnum("PresetName", {name: name for name in preset_names()})  # type: ignore[misc]
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _admin(user: CurrentUser) -> Person:
    """The signed-in admin; anyone else is told what an unknown address tells them."""
    if user.role != Role.ADMIN:
        raise NotFound("Not Found")
    return user


AdminDep = Annotated[Person, Depends(_admin)]


class UploadTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(413, service.too_large_message())


class UploadRoute(APIRoute):
    """A route whose request body may not exceed `MAX_UPLOAD_BYTES`; `refuse` answers one that
    does (the API: 413 with the reason; the page overrides it)."""

    caps_own_body = True  # the app-wide body cap (web.security.GuardBodies) leaves it alone

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def capped(request: Request) -> Response:
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > service.MAX_UPLOAD_BYTES:
                return await self.refuse(request)
            try:
                return await handler(Request(request.scope, _capped(request.receive)))
            except UploadTooLarge:
                return await self.refuse(request)

        return capped

    async def refuse(self, request: Request) -> Response:
        return JSONResponse({"detail": service.too_large_message()}, status_code=413)


def _capped(receive: Receive) -> Receive:
    """`receive` that raises `UploadTooLarge` once the body passes the limit (a body sent
    without a Content-Length, in chunks)."""
    received = 0

    async def capped() -> Message:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > service.MAX_UPLOAD_BYTES:
            raise UploadTooLarge()
        return message

    return capped


router = APIRouter(prefix="/imports", tags=["imports"], route_class=UploadRoute)

_ANSWERS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not an admin: imports are out of reach"},
}
_IMPORT_ANSWERS: dict[int | str, dict[str, Any]] = {
    **_ANSWERS,
    413: {"description": "The upload is larger than the limit (200 MB)"},
    422: {
        "model": ImportSummary,
        "description": "Rejected: nothing was written; `errors` lists every problem. (A "
        "malformed request, such as one without a file, gets the usual validation `detail`.)",
    },
}


@router.post("", response_model=ImportSummary, responses=_IMPORT_ANSWERS)
def import_upload(
    db: SessionDep,
    admin: AdminDep,
    file: Annotated[UploadFile, File(description="A CSV or XLSX file")],
    kind: Annotated[KindName, Form(description="What the file holds")],
    preset: Annotated[PresetName | None, Form(description="A built-in mapping")] = None,
    mapping: Annotated[
        UploadFile | None, File(description="A mapping file (YAML, or JSON named .json)")
    ] = None,
    dry_run: Annotated[bool, Form(description="Check and count; write nothing")] = False,
) -> ImportSummary | JSONResponse:
    """Import a file, exactly as `pacesetter import` does: a file with any error is rejected
    whole (nothing is written, 422); a clean one is upserted by natural key (200). The summary
    is the CLI's `--format json` object. With `dry_run`, nothing is written either way."""
    chosen = preset.value if preset else None
    stream, name = (mapping.file, mapping.filename) if mapping else (None, None)
    with service.mapping_on_disk(stream, name) as path:
        label = service.file_label(file.filename)
        upload = service.Upload(kind.value, file.file, label, chosen, path)
        report = service.import_upload(db, upload, dry_run=dry_run, actor_id=admin.id)
    summary = ImportSummary.of(report)
    if report.accepted:
        return summary
    return JSONResponse(summary.model_dump(), status_code=422)


@router.get("", response_model=ImportRunsPage, responses=_ANSWERS)
def import_runs(
    db: SessionDep,
    admin: AdminDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> ImportRunsPage:
    """Accepted imports, newest first: kind, file, counts, when and who (null: the command
    line). Rejected files and dry runs write nothing, so they are not listed."""
    return runs_page(db, limit, offset)


def runs_page(db: Session, limit: int, offset: int = 0) -> ImportRunsPage:
    total, rows = service.recent_runs(db, limit, offset)
    items = [
        ImportRunOut(
            id=row.run.id,
            kind=row.run.kind,
            file=row.run.file_name,
            status=row.run.status,
            rows=row.run.rows,
            added=row.run.added,
            updated=row.run.updated,
            unchanged=row.run.unchanged,
            started_at=row.run.started_at,
            finished_at=row.run.finished_at,
            actor=PersonRef(id=row.actor_id, name=row.actor_name) if row.actor_id else None,
        )
        for row in rows
    ]
    return ImportRunsPage(total=total, limit=limit, offset=offset, items=items)
