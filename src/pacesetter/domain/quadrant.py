"""The activity vs results quadrant (metrics.md "Attainment, pacing and the quadrant").

A rep is placed by two paces at the report date: results (their revenue goal) and activity
(their plan). 1 means "exactly where the plan says they should be by now". Either pace missing
(no goal, no plan, nothing expected yet) leaves the rep "not placed" rather than guessing.
"""

from dataclasses import dataclass
from enum import StrEnum


class Quadrant(StrEnum):
    ON_TRACK = "on_track"  # both >= 1
    RESULTS_ONLY = "results_only"  # results >= 1 > activity: future results at risk
    ACTIVITY_ONLY = "activity_only"  # activity >= 1 > results: likely to recover
    OFF_TRACK = "off_track"  # both < 1: needs a plan now


@dataclass(frozen=True)
class Advice:
    """What a quadrant means to a sales manager and what to do about it."""

    title: str
    short: str  # for a table cell
    meaning: str
    action: str


ADVICE: dict[Quadrant, Advice] = {
    Quadrant.ON_TRACK: Advice(
        "On track",
        "On track",
        "Results and activity both at or ahead of plan.",
        "Recognise it and ask what is working, so the team can copy it.",
    ),
    Quadrant.RESULTS_ONLY: Advice(
        "Results now, pipeline at risk",
        "Pipeline at risk",
        "Results are on pace but activity is behind plan: next month's results are at risk.",
        "Review the activity plan in the next 1:1 and rebuild pipeline before it runs dry.",
    ),
    Quadrant.ACTIVITY_ONLY: Advice(
        "Working hard, results lagging",
        "Results lagging",
        "Activity is on plan but results are behind: usually recovers as the work converts.",
        "Ride along or debrief a meeting: coach the quality and direction of the activity.",
    ),
    Quadrant.OFF_TRACK: Advice(
        "Off track",
        "Off track",
        "Both results and activity are behind plan.",
        "Act now: agree an improvement plan with clear weekly activity commitments.",
    ),
}


def place(results_pace: float | None, activity_pace: float | None) -> Quadrant | None:
    """The quadrant of a rep with these paces; None ("not placed") if either is missing."""
    if results_pace is None or activity_pace is None:
        return None
    results_ok, activity_ok = results_pace >= 1, activity_pace >= 1
    if results_ok:
        return Quadrant.ON_TRACK if activity_ok else Quadrant.RESULTS_ONLY
    return Quadrant.ACTIVITY_ONLY if activity_ok else Quadrant.OFF_TRACK
