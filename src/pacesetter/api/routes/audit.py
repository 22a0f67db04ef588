"""GET /api/v1/audit: the audit trail, filtered and paginated, or as CSV. Admins only (404 for
anyone else, as for anything out of reach)."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from pacesetter.api.deps import SessionDep
from pacesetter.api.routes.imports import AdminDep
from pacesetter.api.schemas.audit import AuditEntryOut, AuditPage
from pacesetter.api.schemas.people import PersonRef
from pacesetter.api.services.audit import CSV_HEADER, AuditFilter, EntryRow, audit_page, csv_rows
from pacesetter.api.validation import Day, IdQuery, Offset
from pacesetter.exports.csv import csv_text

router = APIRouter(prefix="/audit", tags=["audit"])
_ANSWERS: dict[int | str, dict[str, Any]] = {404: {"description": "Not an admin"}}
Table = Annotated[str | None, Query(max_length=40, description="A table name: goals, people...")]
DayQuery = Annotated[Day | None, Query()]


def audit_filter(
    table: Table = None,
    person_id: Annotated[IdQuery, Query(description="Changes made by this person")] = None,
    since: Annotated[DayQuery, Query(description="From this day (UTC), inclusive")] = None,
    until: Annotated[DayQuery, Query(description="To this day (UTC), inclusive")] = None,
) -> AuditFilter:
    return AuditFilter(table, person_id, since, until)


FilterDep = Annotated[AuditFilter, Depends(audit_filter)]


@router.get("", response_model=AuditPage, responses=_ANSWERS)
def audit_entries(
    db: SessionDep,
    _admin: AdminDep,
    chosen: FilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> AuditPage:
    """Every recorded change, newest first: who, when, through which channel, which row and
    field, old and new value."""
    total, rows = audit_page(db, chosen, limit, offset)
    items = [entry_out(row) for row in rows]
    return AuditPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/export", responses={200: {"content": {"text/csv": {}}}, **_ANSWERS})
def audit_export(db: SessionDep, _admin: AdminDep, chosen: FilterDep) -> Response:
    """The filtered trail as CSV (every matching entry, newest first)."""
    return csv_download(csv_text(CSV_HEADER, csv_rows(db, chosen)), date.today())


def csv_download(text: str, day: date) -> Response:
    name = f"audit-{day.isoformat()}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(text.encode(), media_type="text/csv; charset=utf-8", headers=headers)


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
