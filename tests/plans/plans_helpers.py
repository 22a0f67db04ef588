"""Plan lines as stored, over the organisation the plans tests share (team_org)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Person, PlanLine

MARCH = "2026-03"


def plan_of(db: Session, person: Person, month: str = MARCH) -> dict[str, float]:
    """The plan lines stored for the person's month, as line -> planned."""
    rows = db.execute(
        select(PlanLine.line, PlanLine.planned).where(
            PlanLine.person_id == person.id, PlanLine.month == month
        )
    )
    return {line: planned for line, planned in rows}
