"""Who may see whom: the one place scoping is decided.

A rep sees their own data; a manager or director themselves and everyone below them; an admin
everything. Every query that returns people's data restricts itself through a `Scope`, and an
object outside it is reported as not found, never as forbidden, so its existence does not leak.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, select, true
from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.domain.vocab import Role
from pacesetter.store.models import Person

S = TypeVar("S", bound=Select[Any])


def subtree_ids(root_id: int) -> Select[tuple[int]]:
    """The ids of `root_id` and everyone below them in the hierarchy.

    UNION (not UNION ALL) makes the recursion stop even if bad data ever formed a cycle.
    """
    # Anonymous: a statement may hold several subtrees (the viewer's scope and a manager's team).
    tree = select(Person.id).where(Person.id == root_id).cte(recursive=True)
    below = select(Person.id).join(tree, Person.manager_id == tree.c.id)
    tree = tree.union(below)
    return select(tree.c.id)


@dataclass(frozen=True)
class Scope:
    """The part of the organisation that one viewer may see."""

    viewer_id: int | None
    role: Role

    @classmethod
    def of(cls, person: Person) -> "Scope":
        return cls(viewer_id=person.id, role=Role(person.role))

    @classmethod
    def everything(cls) -> "Scope":
        """Unrestricted: for the CLI, run by whoever administers the database."""
        return cls(viewer_id=None, role=Role.ADMIN)

    @property
    def is_unrestricted(self) -> bool:
        return self.role is Role.ADMIN

    def people_ids(self) -> Select[tuple[int]]:
        """A subquery of the ids of the people this viewer may see."""
        if self.is_unrestricted:
            return select(Person.id)
        assert self.viewer_id is not None  # only an admin scope has no viewer
        if self.role is Role.REP:
            return select(Person.id).where(Person.id == self.viewer_id)
        return subtree_ids(self.viewer_id)

    def covers(self, person_column: ColumnElement[Any]) -> ColumnElement[bool]:
        """A WHERE condition: the row's person is visible."""
        if self.is_unrestricted:
            return true()
        return person_column.in_(self.people_ids())

    def restrict(self, statement: S, person_column: ColumnElement[Any]) -> S:
        """`statement` limited to rows whose `person_column` is a visible person."""
        if self.is_unrestricted:
            return statement
        return statement.where(person_column.in_(self.people_ids()))

    def sees(self, session: Session, person_id: int) -> bool:
        statement = self.restrict(select(Person.id).where(Person.id == person_id), Person.id)
        return session.scalar(statement) is not None

    def person(self, session: Session, person_id: int) -> Person:
        """The person, if visible; `NotFound` otherwise (whether or not they exist)."""
        statement = self.restrict(select(Person).where(Person.id == person_id), Person.id)
        person = session.scalar(statement)
        if person is None:
            raise NotFound(f"No person {person_id}")
        return person
