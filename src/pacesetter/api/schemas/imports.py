"""Imports as the API shows them: the summary of one import, and the recent import runs."""

from datetime import datetime

from pydantic import BaseModel, Field

from pacesetter.api.schemas.people import PersonRef
from pacesetter.ingest import ImportReport


class ImportProblem(BaseModel):
    """One finding; `line` (1-based, the header is line 1) and `column` are null for a finding
    about the whole file."""

    line: int | None
    column: str | None
    value: str | None
    reason: str


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
    started_at: datetime = Field(description="UTC")
    finished_at: datetime | None = Field(description="UTC")
    actor: PersonRef | None


class ImportRunsPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ImportRunOut]
