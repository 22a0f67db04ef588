"""Imports from an upload: what the upload page and the import API add around `run_import`.

- the size limit of an upload and its message;
- the file's name as the report shows it, and a mapping uploaded beside the file;
- a rejected mapping reported like any other rejection (the CLI's way);
- a preview of the first rows as the import reads them, after the mapping;
- the recent import runs, with who ran them.
The page also keeps an upload between its preview and its import: see `import_staging`.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Invalid, PacesetterError
from pacesetter.ingest import (
    ColumnMapping,
    ImportReport,
    Problem,
    load_mapping,
    load_preset,
    preset_names,
    preview_rows,
    run_import,
)
from pacesetter.ingest.cells import Cell, is_blank
from pacesetter.ingest.reader import Source
from pacesetter.ingest.report import shown
from pacesetter.store.models import ImportRun, Person

# Larger files go through `pacesetter import` on the server, which has no limit; a browser
# upload that size is more likely a wrong file than a real export.
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
PREVIEW_ROWS = 10
COPY_CHUNK = 1024 * 1024
MAX_FILE_NAME = 200


def upload_limit_text() -> str:
    return f"{MAX_UPLOAD_BYTES / (1024 * 1024):,.0f} MB"


def too_large_message() -> str:
    return (
        f"The upload is larger than {upload_limit_text()}, the most an upload may hold. "
        "Import a file this size on the server with `pacesetter import`, or split it."
    )


def file_label(name: str | None) -> str:
    """The name a report shows for an uploaded file: its base name, never a client's path
    (nor a control character, which no file system or page wants)."""
    printable = "".join(char for char in name or "" if char.isprintable())
    base = Path(printable.replace("\\", "/")).name.strip()
    return base[:MAX_FILE_NAME] if base not in ("", ".", "..") else "upload"


def copy_stream(source: BinaryIO, target: Path) -> None:
    """Write an upload to disk in chunks: a 200 MB file never sits in memory."""
    source.seek(0)
    with target.open("wb") as out:
        while chunk := source.read(COPY_CHUNK):
            out.write(chunk)


@cache
def preset_kinds() -> dict[str, str | None]:
    """Each built-in preset and the kind it declares (presets ship with the product)."""
    return {name: load_preset(name).kind for name in preset_names()}


def presets_for(kind: str | None) -> list[str]:
    """The presets that fit `kind` (all of them when no kind is chosen yet)."""
    return [name for name, of in preset_kinds().items() if kind is None or of in (None, kind)]


def choose_mapping(preset: str | None, mapping_file: Path | None) -> ColumnMapping | None:
    """The mapping asked for; raises `Invalid` when both a preset and a file are given."""
    if preset and mapping_file is not None:
        raise Invalid("Choose a preset or a mapping file, not both.")
    if mapping_file is not None:
        return load_mapping(mapping_file)
    return load_preset(preset) if preset else None


@contextmanager
def mapping_on_disk(stream: BinaryIO | None, name: str | None) -> Iterator[Path | None]:
    """A mapping uploaded with the file, on disk while the import runs (None: none came),
    under its own name, which the mapping's messages give."""
    if stream is None or not name:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="pacesetter-mapping-") as folder:
        path = Path(folder) / file_label(name)
        copy_stream(stream, path)
        yield path


@dataclass(frozen=True)
class Upload:
    """One file to import and how to read it; `mapping` loads the mapping (it may fail)."""

    kind: str
    source: Source
    file_name: str
    preset: str | None = None
    mapping_file: Path | None = None

    def mapping(self) -> ColumnMapping | None:
        return choose_mapping(self.preset, self.mapping_file)


def import_upload(db: Session, upload: Upload, *, dry_run: bool, actor_id: int) -> ImportReport:
    """`run_import` on the upload. A mapping that cannot be used rejects the import with that
    error, as the CLI reports it."""
    try:
        mapping = upload.mapping()
    except PacesetterError as error:
        return rejected(upload.kind, upload.file_name, str(error), dry_run)
    return run_import(
        db,
        upload.kind,
        upload.source,
        file_name=upload.file_name,
        mapping=mapping,
        dry_run=dry_run,
        actor_id=actor_id,
    )


def rejected(kind: str, file_name: str, reason: str, dry_run: bool = False) -> ImportReport:
    report = ImportReport(kind=kind, file=file_name, dry_run=dry_run)
    report.errors.add(Problem(None, None, None, reason))
    return report


@dataclass(frozen=True)
class PreviewColumn:
    name: str  # Pacesetter's column
    source: str | None  # the file's header when it differs, "mapping" when derived


@dataclass(frozen=True)
class PreviewCell:
    text: str
    problem: str | None  # the first error the check found in this cell


@dataclass(frozen=True)
class Preview:
    columns: list[PreviewColumn]
    rows: list[tuple[int, list[PreviewCell]]]  # (line, cells)


def preview(upload: Upload, report: ImportReport) -> Preview | None:
    """The first data rows as the import reads them, each cell beside the error `report` (its
    check) found in it. None for a file or mapping that cannot be read (the report says why)."""
    try:
        mapped = preview_rows(
            upload.kind,
            upload.source,
            file_name=upload.file_name,
            mapping=upload.mapping(),
            limit=PREVIEW_ROWS,
        )
    except PacesetterError:
        return None
    if mapped is None:
        return None
    problems = _problems_by_cell(report)
    columns = [PreviewColumn(column.name, column.source) for column in mapped.columns]
    rows = [
        (
            line,
            [
                _cell(value, problems.get((line, column.label)))
                for value, column in zip(cells, mapped.columns, strict=True)
            ],
        )
        for line, cells in mapped.rows
    ]
    return Preview(columns, rows)


def _problems_by_cell(report: ImportReport) -> dict[tuple[int | None, str | None], str]:
    """The first error of each (line, column) the check found."""
    return {(p["line"], p["column"]): p["reason"] for p in reversed(report.errors.to_list())}


def _cell(value: Cell, problem: str | None) -> PreviewCell:
    return PreviewCell("" if is_blank(value) else shown(value) or "", problem)


@dataclass(frozen=True)
class RunRow:
    run: ImportRun
    actor_id: int | None
    actor_name: str | None


def recent_runs(db: Session, limit: int, offset: int = 0) -> tuple[int, list[RunRow]]:
    """Import runs, newest first, with the name of who ran each (none for the CLI)."""
    total = db.scalar(select(func.count()).select_from(ImportRun)) or 0
    query = (
        select(ImportRun, Person.id, Person.name)
        .outerjoin(Person, Person.id == ImportRun.actor_id)
        .order_by(ImportRun.started_at.desc(), ImportRun.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return total, [RunRow(run, pid, name) for run, pid, name in db.execute(query)]
