"""The audit trail as the API and the admin page show it."""

from pydantic import BaseModel, Field

from pacesetter.audit.trail import EntryRow
from pacesetter.http.validation import UtcDateTime
from pacesetter.schemas.people import PersonRef


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


def entry_out(row: EntryRow) -> AuditEntryOut:
    entry = row.entry
    actor = PersonRef(id=entry.actor_id, name=row.actor_name) if row.actor_name else None
    return AuditEntryOut(
        id=entry.id,
        at=entry.at,
        actor=actor,
        channel=entry.channel,
        table=entry.table_name,
        key=entry.row_key,
        action=entry.action,
        field=entry.field,
        old=entry.old_value,
        new=entry.new_value,
    )
