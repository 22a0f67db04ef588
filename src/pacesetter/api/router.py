"""The JSON API under /api/v1: every route but sign-in demands a CSRF token on writes."""

from fastapi import APIRouter, Depends

from pacesetter.api.routes import (
    audit,
    coaching,
    explain,
    goal_board,
    goals,
    imports,
    incentives,
    leaderboard,
    managers,
    org,
    people,
    plans,
    quadrant,
    review_pdf,
    scorecard,
    session,
    tv,
    week,
)
from pacesetter.http.deps import verify_csrf

API_PREFIX = "/api/v1"

api_router = APIRouter(prefix=API_PREFIX)
api_router.include_router(session.sign_in_router)
api_router.include_router(tv.router)  # public: a TV link's key is its permission

_protected = APIRouter(dependencies=[Depends(verify_csrf)])
for module in (session, people, org, goals, coaching, imports, quadrant, managers, plans):
    _protected.include_router(module.router)
_protected.include_router(week.router)
_protected.include_router(incentives.router)
_protected.include_router(review_pdf.router)
_protected.include_router(explain.router)
_protected.include_router(audit.router)
_protected.include_router(leaderboard.router)
_protected.include_router(scorecard.router)
_protected.include_router(goal_board.router)
api_router.include_router(_protected)
