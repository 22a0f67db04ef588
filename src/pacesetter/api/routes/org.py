"""The organisation tree of the viewer's scope, with the home page's numbers."""

from fastapi import APIRouter

from pacesetter.api.deps import ReportDep
from pacesetter.api.schemas.org import Overview
from pacesetter.api.services.overview import build_overview

router = APIRouter(prefix="/org", tags=["org"])


@router.get("/tree", response_model=Overview)
def org_tree(report: ReportDep) -> Overview:
    """Everyone you may see, nested by manager, with won revenue and deals won this quarter
    and activities this month (each person's own, and their team's when they lead one)."""
    return build_overview(report.db, report.scope.people_ids(), report.org, report.as_of)
