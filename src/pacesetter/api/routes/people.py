"""People: the scoped list, one person, and the team below them. Outside the viewer's scope a
person answers 404, exactly as one who does not exist."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from pacesetter.domain.vocab import Role
from pacesetter.http.deps import OrgDep, ScopeDep, SessionDep
from pacesetter.http.validation import IdPath, IdQuery, Offset
from pacesetter.org.people import Branch, PeopleFilter, list_people, manager_of, subtree
from pacesetter.schemas.people import PeoplePage, PersonDetail, PersonOut, PersonRef, TeamNode
from pacesetter.store.org_settings import today_in

router = APIRouter(prefix="/people", tags=["people"])

_NOT_FOUND: dict[int | str, dict[str, str]] = {
    404: {"description": "No such person, or not in your scope"}
}


@router.get("", response_model=PeoplePage)
def people(
    db: SessionDep,
    scope: ScopeDep,
    org: OrgDep,
    role: Role | None = None,
    manager_id: IdQuery = None,
    active: Annotated[bool, Query(description="Only people employed today")] = False,
    q: Annotated[str | None, Query(description="Part of a name or an email")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> PeoplePage:
    """The people you may see, by name, filtered."""
    employed_on: date | None = today_in(org.timezone) if active else None
    wanted = PeopleFilter(role, manager_id, employed_on, q, limit, offset)
    total, page = list_people(db, scope, wanted)
    items = [PersonOut.model_validate(person) for person in page]
    return PeoplePage(total=total, limit=limit, offset=offset, items=items)


@router.get("/{person_id}", response_model=PersonDetail, responses=_NOT_FOUND)
def person(person_id: IdPath, db: SessionDep, scope: ScopeDep) -> PersonDetail:
    """One person, with their manager and direct reports."""
    root = subtree(db, scope, person_id)
    manager = manager_of(db, root.person)
    return PersonDetail(
        **PersonOut.model_validate(root.person).model_dump(),
        manager=PersonRef.model_validate(manager) if manager is not None else None,
        direct_reports=[PersonRef.model_validate(b.person) for b in root.reports],
    )


@router.get("/{person_id}/team", response_model=TeamNode, responses=_NOT_FOUND)
def team(person_id: IdPath, db: SessionDep, scope: ScopeDep) -> TeamNode:
    """The person and everyone below them, nested by manager."""
    return _team_node(subtree(db, scope, person_id))


def _team_node(branch: Branch) -> TeamNode:
    return TeamNode(
        person=PersonOut.model_validate(branch.person),
        reports=[_team_node(report) for report in branch.reports],
    )
