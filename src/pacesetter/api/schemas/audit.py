"""The audit trail as the API shows it."""

from pydantic import BaseModel, Field

from pacesetter.api.schemas.people import PersonRef
from pacesetter.api.validation import UtcDateTime


class AuditEntryOut(BaseModel):
    """One change of one field (an update), one whole row (an insert or delete, as JSON), or
    one import run (`table` import_runs, action `import`, its counts as JSON in `new`)."""

    id: int
    at: UtcDateTime
    actor: PersonRef | None = Field(description="Null: the command line, or no one signed in")
    channel: str = Field(description="web, api, cli or import")
    table: str
    key: str = Field(description="The row's primary key")
    action: str = Field(description="insert, update, delete or import")
    field: str | None
    old: str | None
    new: str | None


class AuditPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[AuditEntryOut]
