"""The status workflow of a goal: proposed -> approved | rejected, approved -> retired.

Any other move is refused with a message that says what can be done instead.
"""

from pacesetter.domain.errors import Invalid
from pacesetter.domain.vocab import GoalStatus

TRANSITIONS: dict[GoalStatus, frozenset[GoalStatus]] = {
    GoalStatus.PROPOSED: frozenset({GoalStatus.APPROVED, GoalStatus.REJECTED}),
    GoalStatus.APPROVED: frozenset({GoalStatus.RETIRED}),
    GoalStatus.REJECTED: frozenset(),
    GoalStatus.RETIRED: frozenset(),
}
# Goals whose target and weights may still change.
OPEN_STATUSES = frozenset({GoalStatus.PROPOSED, GoalStatus.APPROVED})


def check_transition(current: str, wanted: str) -> GoalStatus:
    """The wanted status, if the workflow allows moving to it from `current`."""
    source, target = _status(current), _status(wanted)
    if target not in TRANSITIONS[source]:
        allowed = ", ".join(sorted(TRANSITIONS[source])) or "nothing (it is closed)"
        raise Invalid(f"A {source} goal cannot become {target}: it can become {allowed}.")
    return target


def is_open(current: str) -> bool:
    """Only proposed and approved goals may be edited; rejected and retired ones are history."""
    return _status(current) in OPEN_STATUSES


def check_open(current: str) -> None:
    if not is_open(current):
        raise Invalid(f"A {current} goal can no longer be changed.")


def _status(value: str) -> GoalStatus:
    try:
        return GoalStatus(value)
    except ValueError:
        options = ", ".join(status.value for status in GoalStatus)
        raise Invalid(f"Unknown goal status {value!r}: expected one of {options}.") from None
