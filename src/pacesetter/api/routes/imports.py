"""Imports over HTTP: upload a file as `pacesetter import` reads it, and list recent imports.

Imports write data everyone sees (people, deals...), so only admins may import or list them;
for anyone else these endpoints answer 404, as for anything out of reach. An upload is limited
to `MAX_UPLOAD_BYTES`: a body declared larger is refused before it is read, and one that turns
out larger stops being read there.
"""

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse

from pacesetter.http.deps import AdminDep, SessionDep
from pacesetter.http.uploads import UploadRoute, runs_page
from pacesetter.http.validation import Offset
from pacesetter.imports import uploads as service
from pacesetter.ingest import preset_names
from pacesetter.ingest.kinds import KINDS
from pacesetter.schemas.imports import ImportRunsPage, ImportSummary

KindName = StrEnum("KindName", {name: name for name in KINDS})  # type: ignore[misc]
PresetName = StrEnum("PresetName", {name: name for name in preset_names()})  # type: ignore[misc]

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
