"""GET /api/v1/week: the manager's week, the JSON twin of the partial on the home page."""

from dataclasses import asdict

from fastapi import APIRouter

from pacesetter.coaching.week import build_manager_week
from pacesetter.http.deps import CurrentUser, OrgDep, SessionDep
from pacesetter.schemas.week import ManagerWeekOut
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/week", tags=["coaching"])


@router.get("", response_model=ManagerWeekOut)
def manager_week(db: SessionDep, user: CurrentUser, org: OrgDep) -> ManagerWeekOut:
    """Your direct reports' 1:1s and check-ins due or overdue, commitments falling due, reps
    not observed this month, reps off track without an improvement plan, and your team's
    recent recognitions; each item with the page that resolves it. Empty lists for someone
    with no direct reports (their team's recognitions still show)."""
    view = build_manager_week(db, user, today_in(org.timezone))
    fields = asdict(view)
    fields |= {"month": view.month.name, "week": view.week.name}
    return ManagerWeekOut(**fields)
