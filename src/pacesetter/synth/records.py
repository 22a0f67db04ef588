"""One coaching record as a coaching.csv row: the optional columns default to empty."""

from pacesetter.domain.vocab import CoachingType
from pacesetter.synth.writer import IdSequence, Row


def coaching_row(
    ids: IdSequence,
    kind: CoachingType,
    author: str,
    occurred_at: str,
    person: str = "",
    *,
    rating: int | None = None,
    skill: str = "",
    notes: str = "",
    account: str = "",
) -> Row:
    shown_rating = "" if rating is None else rating
    return (
        ids.next(),
        kind.value,
        author,
        occurred_at,
        person,
        shown_rating,
        skill,
        notes,
        account,
    )
