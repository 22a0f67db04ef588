"""The order of a team review's people, shared by the page and its JSON twin so both show the
same page: with "attention" (the default), the lowest attainment of a person's goals first
(the goals missed by the most lead), the people without a goal after; with "name", the
review's own order."""

from pacesetter.domain.attention import least, lowest_first
from pacesetter.incentives.review import PersonReview

ATTENTION = "attention"


def ordered_people(people: list[PersonReview], order: str) -> list[PersonReview]:
    """The people in `order`; stable within equal attainments."""
    if order != ATTENTION:
        return list(people)
    return lowest_first(people, lambda person: least(goal.attainment for goal in person.goals))
