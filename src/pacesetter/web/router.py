"""The pages. Sign-in is public; everything else needs a session and a CSRF token on writes."""

from fastapi import APIRouter, Depends

from pacesetter.http.deps import verify_csrf
from pacesetter.web.routes import (
    audit,
    auth,
    coaching,
    explain,
    goal_board,
    goals,
    imports,
    incentives,
    leaderboard,
    managers,
    pages,
    plans,
    quadrant,
    rep_plan,
    review_pdf,
    scorecard,
    spreadsheets,
    tv,
)

web_router = APIRouter(include_in_schema=False)
web_router.include_router(auth.public_router)
web_router.include_router(tv.public_router)

_protected = APIRouter(dependencies=[Depends(verify_csrf)])
_protected.include_router(auth.router)
_protected.include_router(pages.router)
_protected.include_router(goals.router)
_protected.include_router(goal_board.router)
_protected.include_router(coaching.router)
_protected.include_router(imports.router)
_protected.include_router(quadrant.router)
_protected.include_router(rep_plan.router)
_protected.include_router(managers.router)
_protected.include_router(plans.router)
_protected.include_router(spreadsheets.router)
_protected.include_router(scorecard.router)
_protected.include_router(explain.router)
_protected.include_router(leaderboard.router)
_protected.include_router(tv.router)
_protected.include_router(incentives.router)
_protected.include_router(review_pdf.router)
_protected.include_router(audit.router)
web_router.include_router(_protected)
