"""Imports as the API shows them: the summary of one import, and the recent import runs."""

from pydantic import BaseModel, Field

from pacesetter.http.validation import UtcDateTime
from pacesetter.ingest import ImportReport
from pacesetter.schemas.people import PersonRef


class ImportProblem(BaseModel):
    """One finding; `line` (1-based, the header is line 1) and `column` are null for a finding
    about the whole file."""

    line: int | None
    column: str | None
    value: str | None
    reason: str


class FieldChangeOut(BaseModel):
    field: str = Field(description="The file's column (`manager`, not `manager_id`)")
    old: str | None = Field(description="As stored; a reference by name")
    new: str | None


class RowChangeOut(BaseModel):
    key: str = Field(description="The row's natural key (`P3`; parts of a composite key joined)")
    fields: list[FieldChangeOut]


class ImportChanges(BaseModel):
    """What the import changes (a dry run: would change) in rows that exist already."""

    rows: list[RowChangeOut] = Field(description="The first 200 updated rows, in file order")
    fields: dict[str, int] = Field(description="Updated rows per changed field, over all rows")


class ImportSummary(BaseModel):
    """The same fields as `pacesetter import --format json` (shared/docs/data-formats.md)."""

    kind: str
    file: str
    rows: int = Field(description="Data rows read (blank rows excluded)")
    added: int
    updated: int
    unchanged: int
    warnings: list[ImportProblem]
    errors: list[ImportProblem] = Field(description="Empty when the file was accepted")
    changes: ImportChanges = Field(default_factory=lambda: ImportChanges(rows=[], fields={}))

    @classmethod
    def of(cls, report: ImportReport) -> "ImportSummary":
        return cls.model_validate(report.to_dict())


class ImportRunOut(BaseModel):
    """One accepted import: its file, its counts, when and by whom (null: the command line)."""

    id: int
    kind: str
    file: str
    status: str
    rows: int
    added: int
    updated: int
    unchanged: int
    started_at: UtcDateTime = Field(description="UTC")
    finished_at: UtcDateTime | None = Field(description="UTC")
    actor: PersonRef | None


class ImportRunsPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ImportRunOut]
