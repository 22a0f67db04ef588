"""/admin/audit: the audit trail for admins, filtered by table, person and days, a page at a
time, and its CSV (/admin/audit.csv, the same filter). Anyone else gets the not-found page."""

from datetime import UTC, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from pacesetter.audit.trail import (
    CSV_HEADER,
    AuditFilter,
    audit_page,
    csv_name,
    csv_rows,
    table_names,
)
from pacesetter.http.deps import AdminDep, OrgDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import AuditFilterDep
from pacesetter.http.validation import Offset
from pacesetter.schemas.audit import entry_out
from pacesetter.store.org_settings import today_in
from pacesetter.web.templating import render

PAGE_SIZE = 50
router = APIRouter(prefix="/admin")


class Shown(BaseModel):
    """The filter as the form shows it and the paging links carry it."""

    table: str = ""
    person_id: str = ""
    since: str = ""
    until: str = ""

    @classmethod
    def of(cls, chosen: AuditFilter) -> "Shown":
        values = {name: getattr(chosen, name) for name in cls.model_fields}
        return cls(**{name: "" if v is None else str(v) for name, v in values.items()})

    def query(self, offset: int) -> str:
        kept = {name: value for name, value in self.model_dump().items() if value}
        return urlencode({**kept, "offset": offset})


@router.get("/audit", response_class=HTMLResponse)
def audit_trail_page(
    request: Request,
    _viewer: ViewerDep,
    db: SessionDep,
    _admin: AdminDep,
    org: OrgDep,
    chosen: AuditFilterDep,
    offset: Offset = 0,
) -> HTMLResponse:
    total, rows = audit_page(db, chosen, PAGE_SIZE, offset)
    zone = ZoneInfo(org.timezone)
    context = {
        "title": "Audit trail",
        "entries": [entry_out(row) for row in rows],
        "total": total,
        "offset": offset,
        "size": PAGE_SIZE,
        "shown": Shown.of(chosen),
        "tables": table_names(db),
        "local": lambda moment: _local(moment, zone),
    }
    return render(request, "audit/page.html", context)


def _local(moment: datetime, zone: ZoneInfo) -> str:
    here = moment.replace(tzinfo=UTC).astimezone(zone)
    return f"{here.day} {here:%b %Y, %H:%M:%S}"


@router.get("/audit.csv")
def audit_trail_csv(
    db: SessionDep, _admin: AdminDep, org: OrgDep, chosen: AuditFilterDep
) -> Response:
    return csv_response(CSV_HEADER, csv_rows(db, chosen), csv_name(today_in(org.timezone)))
