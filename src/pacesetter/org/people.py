"""Reading people through a scope: lists, one person, their reports and their subtree."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from pacesetter.domain.vocab import Role
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope, subtree_ids


@dataclass(frozen=True)
class PeopleFilter:
    role: Role | None = None
    manager_id: int | None = None
    employed_on: date | None = None  # only people employed on this date
    text: str | None = None  # part of a name or an email
    limit: int = 100
    offset: int = 0


@dataclass
class Branch:
    """A person and the branches of their direct reports, in display order."""

    person: Person
    reports: list["Branch"] = field(default_factory=list)


def list_people(db: Session, scope: Scope, wanted: PeopleFilter) -> tuple[int, Sequence[Person]]:
    """The total matching and one page of them, by name."""
    statement = scope.restrict(_filtered(select(Person), wanted), Person.id)
    total = db.scalar(select(func.count()).select_from(statement.subquery())) or 0
    page = statement.order_by(Person.name, Person.id).limit(wanted.limit).offset(wanted.offset)
    return total, db.scalars(page).all()


def _filtered(statement: Select[tuple[Person]], wanted: PeopleFilter) -> Select[tuple[Person]]:
    if wanted.role is not None:
        statement = statement.where(Person.role == wanted.role.value)
    if wanted.manager_id is not None:
        statement = statement.where(Person.manager_id == wanted.manager_id)
    if wanted.employed_on is not None:
        statement = statement.where(*employed_on(wanted.employed_on))
    if wanted.text:
        pattern = f"%{wanted.text.strip().lower()}%"
        statement = statement.where(
            or_(func.lower(Person.name).like(pattern), Person.email.like(pattern))
        )
    return statement


def employed_on(day: date) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """WHERE conditions: start date <= day <= end date, open ends counting (metrics.md)."""
    return (
        or_(Person.start_date.is_(None), Person.start_date <= day),
        or_(Person.end_date.is_(None), Person.end_date >= day),
    )


def manager_of(db: Session, person: Person) -> Person | None:
    """A visible person's manager, whose name belongs to that person's record even when the
    manager's own page is out of the viewer's scope."""
    return db.get(Person, person.manager_id) if person.manager_id is not None else None


def visible_subtree_ids(db: Session, scope: Scope, person_id: int) -> Select[tuple[int]]:
    """The ids of a person and everyone below them that the scope may see.

    The subtree is read first and passed as values: a scope is itself a recursive query, and
    two such queries cannot share one statement.
    """
    below = db.scalars(subtree_ids(person_id)).all()
    return scope.restrict(select(Person.id).where(Person.id.in_(below)), Person.id)


def subtree(db: Session, scope: Scope, person_id: int) -> Branch:
    """The visible person and everyone visible below them, as a tree."""
    root = scope.person(db, person_id)
    members = people_among(db, visible_subtree_ids(db, scope, root.id))
    return next(branch for branch in grow(members) if branch.person is root)


def people_among(db: Session, ids: Select[tuple[int]]) -> Sequence[Person]:
    return db.scalars(select(Person).where(Person.id.in_(ids))).all()


def grow(people: Sequence[Person]) -> list[Branch]:
    """Arrange people into trees: a root is anyone whose manager is not among them."""
    branches = {person.id: Branch(person) for person in people}
    roots = []
    for branch in sorted(branches.values(), key=_display_order):
        parent = branches.get(branch.person.manager_id or 0)
        (parent.reports if parent is not None else roots).append(branch)
    return roots


def _display_order(branch: Branch) -> tuple[int, str, int]:
    # Leaders before the people they lead, then by name: the order of an org chart.
    rank = {Role.ADMIN: 0, Role.DIRECTOR: 1, Role.MANAGER: 2, Role.REP: 3}
    return rank.get(Role(branch.person.role), 4), branch.person.name.lower(), branch.person.id


def has_left(person: Person, as_of: date) -> bool:
    return person.end_date is not None and person.end_date < as_of
