"""What a line of a rep's monthly QDQ plan may hold, wherever it comes from (an import, a 1:1's
commitments): a whole, non-negative count for an activity type, a share from 0 to 1 for
`direction`, a rating from 1 to 5 for `quality`."""

from pacesetter.domain.vocab import PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY, ActivityType

ACTIVITY_LINES = tuple(activity_type.value for activity_type in ActivityType)
LINES = (*ACTIVITY_LINES, PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY)
RATING_RANGE = (1.0, 5.0)


def planned_problem(line: str, planned: float) -> str | None:
    """Why `planned` cannot be the value of `line`; None when it can."""
    if line not in LINES:
        return f"unknown plan line (expected one of: {', '.join(LINES)})"
    if line == PLAN_LINE_DIRECTION:
        if not 0 <= planned <= 1:
            return "a direction share must be between 0 and 1 (35% is 0.35)"
    elif line == PLAN_LINE_QUALITY:
        if not RATING_RANGE[0] <= planned <= RATING_RANGE[1]:
            return "a quality rating must be between 1 and 5"
    elif planned < 0:
        return "a planned count must not be negative"
    elif not planned.is_integer():
        return "a planned count must be a whole number"
    return None
