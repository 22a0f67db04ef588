"""The lists the coaching forms offer, which an admin sets: the skills a ride-along or
shadowing session rates, the pre-brief's "what ifs", the debrief's checklist and the awards.

A list nobody has set is the product's default (`coaching.forms`). A list holds 1 to 30
items of 1 to 100 characters, none twice (in any case): a checklist of 200 questions, or two
skills that differ only by a capital, would not be answered.
"""

from dataclasses import fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.coaching.forms import CoachingLists
from pacesetter.domain.errors import Forbidden, Invalid, NotFound
from pacesetter.domain.vocab import Role
from pacesetter.store.models import CoachingList, Person

MAX_ITEMS = 30
MAX_LENGTH = 100


NAMES = tuple(field.name for field in fields(CoachingLists))


def load_lists(session: Session) -> CoachingLists:
    """The lists as set, each defaulting to the product's."""
    stored = {row.name: tuple(row.items) for row in session.scalars(select(CoachingList))}
    return replace(
        CoachingLists(), **{name: items for name, items in stored.items() if name in NAMES}
    )


def set_list(session: Session, actor: Person, name: str, items: list[str]) -> tuple[str, ...]:
    """Replace one list (admins only); the list as stored."""
    if actor.role != Role.ADMIN:
        raise Forbidden("Only an admin sets the coaching lists.")
    if name not in NAMES:
        raise NotFound(f"No coaching list {name!r} (lists: {', '.join(NAMES)})")
    cleaned = checked_items(items)
    row = session.get(CoachingList, name)
    if row is None:
        session.add(CoachingList(name=name, items=list(cleaned)))
    else:
        row.items = list(cleaned)
    session.flush()
    return cleaned


def checked_items(items: list[str]) -> tuple[str, ...]:
    """The items trimmed, blank ones dropped; `Invalid` saying what is wrong otherwise."""
    cleaned = tuple(item.strip() for item in items if item.strip())
    if not 1 <= len(cleaned) <= MAX_ITEMS:
        raise Invalid(f"A list holds 1 to {MAX_ITEMS} items.")
    too_long = [item for item in cleaned if len(item) > MAX_LENGTH]
    if too_long:
        raise Invalid(f"Keep each item under {MAX_LENGTH} characters: {too_long[0][:40]}…")
    folded = [item.casefold() for item in cleaned]
    twice = sorted({item for item in cleaned if folded.count(item.casefold()) > 1})
    if twice:
        raise Invalid(f"Each item once: {', '.join(twice)}.")
    return cleaned
