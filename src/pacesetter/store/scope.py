"""Who may see whom: the one place scoping is decided.

A rep sees their own data; a manager or director themselves and everyone below them; an admin
everything. Every query that returns people's data restricts itself through a `Scope`, and an
object outside it is reported as not found, never as forbidden, so its existence does not leak.
Coaching records follow the same rule through their subject, with two exceptions of their own
(`Scope.reads_coaching`): a manager's private notes are never shown to the record's subject, and
an upward-feedback answer reaches a manager only inside an average of at least three.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.domain.vocab import CoachingType, Role
from pacesetter.store.models import CoachingRecord, Person

S = TypeVar("S", bound=Select[Any])
# Fewer upward-feedback answers than this would let a manager guess who gave which.
MIN_FEEDBACK_ANSWERS = 3


@dataclass(frozen=True)
class FeedbackAverage:
    """Upward feedback about one manager as they may see it: how many answers, and their mean
    rating only once there are at least `MIN_FEEDBACK_ANSWERS`."""

    answers: int
    mean: float | None


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

    def reads_coaching(self) -> ColumnElement[bool]:
        """A WHERE condition on `coaching_records`: the records this viewer may read.

        Everyone reads what they wrote. Otherwise a record is read through its subject (its
        author when it has none: a team meeting, an interview): a rep reads the records about
        themselves, a manager or director those about anyone in their subtree, an admin all.
        An upward-feedback answer is read by its author alone, whoever else is asking.
        """
        if self.viewer_id is None:  # the CLI: whoever runs it has the database anyway
            return true()
        subject = func.coalesce(CoachingRecord.person_id, CoachingRecord.author_id)
        readable = self.covers(subject) & (CoachingRecord.type != CoachingType.UPWARD_FEEDBACK)
        return or_(CoachingRecord.author_id == self.viewer_id, readable)

    def sees_private_notes(self, record: CoachingRecord) -> bool:
        """Private notes are for the author and those above the subject, never the subject."""
        viewer = self.viewer_id
        return viewer is None or viewer == record.author_id or viewer != record.person_id

    def feedback_average(
        self, session: Session, manager_id: int, answered: ColumnElement[bool]
    ) -> FeedbackAverage:
        """Upward feedback about a visible manager, among the answers `answered` selects (a
        date window): the count, and the mean once there are enough answers to hide who gave
        which. `NotFound` for a manager outside the scope."""
        self.person(session, manager_id)
        rating = CoachingRecord.rating
        statement = select(func.count(rating), func.avg(rating)).where(
            CoachingRecord.type == CoachingType.UPWARD_FEEDBACK,
            CoachingRecord.person_id == manager_id,
            answered,
        )
        answers, mean = session.execute(statement).one()
        enough = answers >= MIN_FEEDBACK_ANSWERS
        return FeedbackAverage(answers, float(mean) if enough else None)
