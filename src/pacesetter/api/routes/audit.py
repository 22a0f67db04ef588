"""GET /api/v1/audit: the audit trail, filtered and paginated, or as CSV. Admins only (404 for
anyone else, as for anything out of reach)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from pacesetter.audit.trail import CSV_HEADER, audit_page, csv_name, csv_rows
from pacesetter.http.deps import AdminDep, OrgDep, SessionDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import AuditFilterDep
from pacesetter.http.validation import Offset
from pacesetter.schemas.audit import AuditPage, entry_out
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/audit", tags=["audit"])
_ANSWERS: dict[int | str, dict[str, Any]] = {404: {"description": "Not an admin"}}


@router.get("", response_model=AuditPage, responses=_ANSWERS)
def audit_entries(
    db: SessionDep,
    _admin: AdminDep,
    chosen: AuditFilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Offset = 0,
) -> AuditPage:
    """Every recorded change, newest first: who, when, through which channel, which row and
    field, old and new value."""
    total, rows = audit_page(db, chosen, limit, offset)
    items = [entry_out(row) for row in rows]
    return AuditPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/export", responses={200: {"content": {"text/csv": {}}}, **_ANSWERS})
def audit_export(db: SessionDep, _admin: AdminDep, org: OrgDep, chosen: AuditFilterDep) -> Response:
    """The filtered trail as CSV (every matching entry, newest first)."""
    return csv_response(CSV_HEADER, csv_rows(db, chosen), csv_name(today_in(org.timezone)))
