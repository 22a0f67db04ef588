"""The organisation tree of the viewer's scope, with the home page's numbers."""

from fastapi import APIRouter

from pacesetter.http.deps import ReportDep
from pacesetter.org.overview import build_overview
from pacesetter.schemas.org import Overview

router = APIRouter(prefix="/org", tags=["org"])


@router.get("/tree", response_model=Overview)
def org_tree(report: ReportDep) -> Overview:
    """Everyone you may see, nested by manager, with won revenue and deals won this quarter
    and activities this month (each person's own, and their team's when they lead one)."""
    return build_overview(report.db, report.scope.people_ids(), report.org, report.as_of)
