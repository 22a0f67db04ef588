"""/admin/audit: the audit trail for admins, filtered by table, person and days, a page at a
time, and its CSV (/admin/audit.csv, the same filter). Anyone else gets the not-found page."""

from datetime import UTC, datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from pacesetter.api.deps import OrgDep, SessionDep, ViewerDep
from pacesetter.api.routes.audit import FilterDep, csv_download, entry_out
from pacesetter.api.services.audit import CSV_HEADER, AuditFilter, audit_page, csv_rows, table_names
from pacesetter.api.services.orgsettings import org_today
from pacesetter.api.uploads import AdminDep
from pacesetter.api.validation import Offset
from pacesetter.exports.csv import csv_text
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
    chosen: FilterDep,
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
def audit_trail_csv(db: SessionDep, _admin: AdminDep, org: OrgDep, chosen: FilterDep) -> Response:
    return csv_download(csv_text(CSV_HEADER, csv_rows(db, chosen)), org_today(org))
