"""Query parameters that a page and its JSON twin read alike, declared once so both surfaces
accept, refuse and document them the same way."""

from typing import Annotated

from fastapi import Depends, Query

from pacesetter.audit.trail import AuditFilter
from pacesetter.http.validation import Day, IdQuery

Table = Annotated[str | None, Query(max_length=40, description="A table name: goals, people...")]
DayQuery = Annotated[Day | None, Query()]


def audit_filter(
    table: Table = None,
    person_id: Annotated[IdQuery, Query(description="Changes made by this person")] = None,
    since: Annotated[DayQuery, Query(description="From this day (UTC), inclusive")] = None,
    until: Annotated[DayQuery, Query(description="To this day (UTC), inclusive")] = None,
) -> AuditFilter:
    return AuditFilter(table, person_id, since, until)


AuditFilterDep = Annotated[AuditFilter, Depends(audit_filter)]
