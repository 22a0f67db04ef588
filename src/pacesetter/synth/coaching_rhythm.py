"""The sales rhythm of each leader: monthly 1:1s, weekly check-ins and team meetings,
recruiting interviews, and the reps' quarterly upward feedback on their manager.

A leader's discipline is the chance each ritual happens, so a swamped player-coach shows
lapsed 1:1s and irregular team meetings while a disciplined leader keeps the cadence.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from pacesetter.domain.vocab import ActivityType, CoachingType, Role
from pacesetter.synth.calendar import Window, add_months, is_working_day, month_key, quarter_end
from pacesetter.synth.people import Org, Person
from pacesetter.synth.plans import planned_counts
from pacesetter.synth.randomness import clamp, rating, timestamp, working_day_between
from pacesetter.synth.records import coaching_row
from pacesetter.synth.writer import IdSequence, Row

ONE_ON_ONE_DAYS = 10  # 1:1s happen in the first two weeks of the month
CHECK_IN_SKIP = 0.08  # even disciplined managers miss the odd week
TEAM_MEETING_WEEKDAY = 1  # Tuesday
INTERVIEWS_PER_HIRE = 3
SURVEY_RESPONSE = 0.8
NEW_HIRE_DISCIPLINE = 0.6  # below this, a manager lets a new hire's first 1:1 slip
ON_TRACK_NOTES = ("On track for the week.", "Pipeline moving, no blockers.", "Ahead on calls.")
BEHIND_NOTES = (
    "Behind on calls: agreed an extra call block.",
    "Two deals slipping: plan to re-engage the decision makers.",
    "Light week on meetings: booking demos for next week.",
)


def rhythm_coaching(
    org: Org, leader: Person, activities: dict[int, list[int]], ids: IdSequence, seed: int
) -> Iterator[Row]:
    rng = random.Random(f"{seed}:rhythm:{leader.external_id}")
    for report in (org.people[i] for i in leader.reports):
        yield from _one_on_ones(org.window, leader, report, activities.get(report.index), ids, rng)
        if report.role == Role.REP:
            yield from _check_ins(org.window, leader, report, ids, rng)
            yield from _upward_feedback(org.window, leader, report, ids, rng)
    yield from _team_meetings(org.window, leader, ids, rng)
    yield from _interviews(org, leader, ids, rng)


def _one_on_ones(
    window: Window,
    leader: Person,
    report: Person,
    activity: list[int] | None,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    for first, last in report.employed_months(window):
        new_hire = first == report.start
        chance = leader.traits.discipline
        if new_hire and leader.traits.discipline >= NEW_HIRE_DISCIPLINE:
            chance = 1.0
        if rng.random() >= chance:
            continue
        day = working_day_between(rng, first, min(last, first + timedelta(days=ONE_ON_ONE_DAYS)))
        if day is not None:
            notes = _one_on_one_notes(window, report, first, activity, new_hire)
            yield coaching_row(
                ids,
                CoachingType.ONE_ON_ONE,
                leader.email,
                timestamp(rng, day, (9, 17)),
                report.email,
                notes=notes,
            )


def _one_on_one_notes(
    window: Window, report: Person, first: date, activity: list[int] | None, new_hire: bool
) -> str:
    if new_hire:
        return "Onboarding 1:1: territory, accounts and first-month plan agreed."
    month = first.replace(day=1)
    commitments = planned_counts(report, month) if report.role == Role.REP else None
    previous = add_months(month, -1)
    index = (previous.year - window.start.year) * 12 + previous.month - window.start.month
    if commitments is None or activity is None or index < 0:
        return f"Reviewed results, pipeline and forecast for {month_key(month)}."
    planned = sum(planned_counts(report, previous).values())
    calls, meetings = commitments[ActivityType.CALL], commitments[ActivityType.MEETING]
    return (
        f"Reviewed {month_key(previous)}: {activity[index]} activities against {planned} planned. "
        f"Commitments for {month_key(month)}: {calls} calls, {meetings} meetings."
    )


def _check_ins(
    window: Window, leader: Person, rep: Person, ids: IdSequence, rng: random.Random
) -> Iterator[Row]:
    monday = window.start - timedelta(days=window.start.weekday())
    chance = clamp(leader.traits.discipline, 0.0, 1.0 - CHECK_IN_SKIP)
    notes = ON_TRACK_NOTES if rep.traits.effort >= 1.0 else BEHIND_NOTES
    while monday <= window.as_of:
        first = max(monday, rep.start, window.start)
        last = min(monday + timedelta(days=2), rep.last_day(window))
        day = working_day_between(rng, first, last) if first <= last else None
        if day is not None and rng.random() < chance:
            yield coaching_row(
                ids,
                CoachingType.CHECK_IN,
                leader.email,
                timestamp(rng, day, (8, 11)),
                rep.email,
                notes=rng.choice(notes),
            )
        monday += timedelta(days=7)


def _upward_feedback(
    window: Window, manager: Person, rep: Person, ids: IdSequence, rng: random.Random
) -> Iterator[Row]:
    """The quarterly survey: the rep (author) rates the value their manager (person) adds."""
    for quarter in window.quarters():
        end = quarter_end(quarter)
        last = min(end, rep.last_day(window))
        day = working_day_between(rng, max(end - timedelta(days=20), rep.start), last)
        if day is not None and rng.random() < SURVEY_RESPONSE:
            yield coaching_row(
                ids,
                CoachingType.UPWARD_FEEDBACK,
                rep.email,
                timestamp(rng, day),
                manager.email,
                rating=rating(rng, 1.5 + 2.7 * manager.traits.discipline),
                notes="Quarterly manager survey.",
            )


def _team_meetings(
    window: Window, leader: Person, ids: IdSequence, rng: random.Random
) -> Iterator[Row]:
    # The weekly meeting is the last ritual to go: a disciplined leader almost never skips
    # it, a swamped one skips it often enough to leave multi-week gaps.
    skip = 2 * (1 - leader.traits.discipline) ** 2
    day = window.start + timedelta(days=(TEAM_MEETING_WEEKDAY - window.start.weekday()) % 7)
    while day <= window.as_of:
        if rng.random() >= skip and is_working_day(day):
            yield coaching_row(
                ids,
                CoachingType.TEAM_MEETING,
                leader.email,
                f"{day.isoformat()}T09:00:00",
                notes="Weekly pipeline review and wins of the week.",
            )
        day += timedelta(weeks=1)


def _interviews(org: Org, leader: Person, ids: IdSequence, rng: random.Random) -> Iterator[Row]:
    """Candidates interviewed in the weeks before each new hire of the team starts."""
    hires = [org.people[i] for i in leader.reports if org.people[i].start >= org.window.start]
    for hire in hires:
        first = max(org.window.start, hire.start - timedelta(days=60))
        last = min(org.window.as_of, hire.start - timedelta(days=14))
        for _ in range(INTERVIEWS_PER_HIRE):
            day = working_day_between(rng, first, last) if first <= last else None
            if day is not None:
                yield coaching_row(
                    ids,
                    CoachingType.INTERVIEW,
                    leader.email,
                    timestamp(rng, day, (10, 17)),
                    notes=f"Candidate interview for {hire.territory} ({hire.team}).",
                )
