"""Each type of coaching record as a form: what it asks, and what it cannot be saved without.

`CoachingForm` is what every surface (page, API) hands in; `problems(form)` lists every field
the form refuses (all of them, not the first), and `details(form)` is the type's own answers as
stored in the record's `details` JSON. The rules, by type (docs/coaching.md):

- 1:1: the month reviewed (by default the month before the meeting) and commitments for the
  month after it, as plan lines (line -> planned); the manager's comments in `notes`.
- check-in: on track or not; blockers are required when not on track.
- ride-along / shadowing: at least one skill rated 1-5, and both what went well and what to
  improve (feedback that is only praise or only criticism is not coaching).
- pre-brief: every "what if" of the checklist answered, tied to a deal or an account.
- debrief: the checklist after the meeting and a rating.
- team meeting: an agenda (`notes`); interview: the candidate; improvement plan: its goals and a
  review date after it starts; recognition: the award and the reason (`notes`); upward feedback
  and customer experience: a rating (customer experience also the customer, `account`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

from pacesetter.domain.periods import PeriodError, PeriodKind, parse_period, period_of
from pacesetter.domain.plan_lines import planned_problem
from pacesetter.domain.vocab import COACHING_WITHOUT_SUBJECT, CoachingType

# The lists a form offers until an admin sets the organisation's own (coaching/lists.py).
SKILLS = (
    "discovery", "qualification", "rapport", "value proposition", "product demo",
    "objection handling", "storytelling", "negotiation", "closing", "next-step setting",
)  # fmt: skip
PRE_BRIEF_CHECKLIST = (
    "budget is refused", "there is no real pain", "a new decision maker appears",
    "they ask for a discount", "a competitor is already in",
)  # fmt: skip
DEBRIEF_CHECKLIST = ("questions missed", "next step agreed")
AWARDS = ("deal of the month", "most improved", "customer hero", "team player")
OBSERVED = frozenset({CoachingType.RIDE_ALONG, CoachingType.SHADOWING})
RATED = frozenset(
    {CoachingType.DEBRIEF, CoachingType.UPWARD_FEEDBACK, CoachingType.CUSTOMER_EXPERIENCE}
)
TEXT_LIMIT = 10_000
Problems = dict[str, str]


@dataclass(frozen=True)
class CoachingLists:
    """What the forms offer and check against: the defaults here, or an admin's (lists.py)."""

    skills: tuple[str, ...] = SKILLS
    pre_brief: tuple[str, ...] = PRE_BRIEF_CHECKLIST
    debrief: tuple[str, ...] = DEBRIEF_CHECKLIST
    awards: tuple[str, ...] = AWARDS


DEFAULT_LISTS = CoachingLists()


@dataclass(frozen=True)
class CoachingForm:
    """One coaching record as a person fills it in; unused fields stay empty."""

    type: str
    occurred_on: date
    person_id: int | None = None
    at: time | None = None
    notes: str | None = None  # comments, agenda, the reason for a recognition
    private_notes: str | None = None  # the author's own, never shown to the subject
    went_well: str | None = None
    to_improve: str | None = None
    rating: int | None = None
    account_id: int | None = None
    deal_id: int | None = None
    ratings: Mapping[str, int] = field(default_factory=dict)  # skill -> 1..5
    review_month: str | None = None  # 1:1: the month reviewed
    commitments: Mapping[str, float] = field(default_factory=dict)  # plan line -> planned
    checklist: Mapping[str, str] = field(default_factory=dict)  # item -> answer
    on_track: bool | None = None
    blockers: str | None = None
    candidate: str | None = None
    goals: str | None = None
    review_date: date | None = None
    outcome: str | None = None
    award: str | None = None

    @property
    def kind(self) -> CoachingType:
        return CoachingType(self.type)


def review_month(form: CoachingForm) -> str:
    """The month a 1:1 reviews: as given, or the month before the meeting."""
    if form.review_month:
        return parse_period(form.review_month).name
    return period_of(form.occurred_on, PeriodKind.MONTH).previous().name


def plan_month(form: CoachingForm) -> str:
    """The month a 1:1's commitments are for: the one after the month reviewed."""
    reviewed = parse_period(review_month(form))
    return period_of(reviewed.end + timedelta(days=1), PeriodKind.MONTH).name


def problems(form: CoachingForm, lists: CoachingLists = DEFAULT_LISTS) -> Problems:
    """Every field the form refuses, with the reason; empty when it may be saved."""
    if form.type not in set(CoachingType):
        return {"type": f"unknown type (expected one of: {', '.join(CoachingType)})"}
    found: Problems = {}
    _check_common(form, found)
    RULES.get(form.kind, _nothing)(form, lists, found)
    return found


def details(form: CoachingForm) -> dict[str, Any] | None:
    """The type's own answers, as stored in `details`."""
    shape = DETAILS.get(form.kind)
    return shape(form) if shape else None


def _check_common(form: CoachingForm, found: Problems) -> None:
    if form.kind not in COACHING_WITHOUT_SUBJECT and form.person_id is None:
        found["person_id"] = "Choose who this record is about."
    if form.rating is not None and not 1 <= form.rating <= 5:
        found["rating"] = "A rating is a whole number from 1 to 5."
    if form.kind in RATED and form.rating is None:
        found["rating"] = "Give a rating from 1 to 5."
    for name in ("notes", "private_notes", "went_well", "to_improve", "blockers", "goals"):
        if len(getattr(form, name) or "") > TEXT_LIMIT:
            found[name] = f"Keep this under {TEXT_LIMIT:,} characters."


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _require(form: CoachingForm, found: Problems, name: str, message: str) -> None:
    if _blank(getattr(form, name)):
        found[name] = message


def _one_on_one(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    try:
        reviewed = review_month(form)
    except PeriodError as error:
        found["review_month"] = str(error)
        return
    if parse_period(reviewed).kind is not PeriodKind.MONTH:
        found["review_month"] = "The month reviewed is a month, like 2026-03."
    for line, planned in form.commitments.items():
        reason = planned_problem(line, float(planned))
        if reason:
            found[f"commitments.{line}"] = reason[0].upper() + reason[1:] + "."


def _check_in(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    if form.on_track is None:
        found["on_track"] = "Say whether the week is on track."
    elif not form.on_track:
        _require(form, found, "blockers", "Say what is in the way when the week is off track.")


def _observation(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    if not form.ratings:
        found["ratings"] = "Rate at least one skill you observed."
    for skill, rating in form.ratings.items():
        if skill not in lists.skills:
            found[f"ratings.{skill}"] = f"{skill!r} is not on the skill list."
        elif not 1 <= rating <= 5:
            found[f"ratings.{skill}"] = "Rate each skill with a whole number from 1 to 5."
    _require(form, found, "went_well", "Say what went well.")
    _require(form, found, "to_improve", "Say what to improve.")


def _pre_brief(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    for item in lists.pre_brief:
        if _blank(form.checklist.get(item)):
            found[f"checklist.{item}"] = f"Plan what to do if {item}."
    if form.deal_id is None and form.account_id is None:
        found["deal_id"] = "Tie the pre-brief to the deal or account of the meeting."


def _debrief(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    for item in lists.debrief:
        if _blank(form.checklist.get(item)):
            found[f"checklist.{item}"] = f"Answer: {item}?"


def _improvement_plan(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    _require(form, found, "goals", "Write the goals the plan sets.")
    if form.review_date is None or form.review_date <= form.occurred_on:
        found["review_date"] = "Set a review date after the plan starts."


def _recognition(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    _require(form, found, "award", "Name the award (e.g. deal of the month).")
    _require(form, found, "notes", "Say why: the reason is the recognition.")


def _customer_experience(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    if form.account_id is None:
        found["account_id"] = "Choose the customer who gave the rating."


def _nothing(form: CoachingForm, lists: CoachingLists, found: Problems) -> None:
    """Upward feedback needs its rating only (checked with every form)."""


RULES: dict[CoachingType, Callable[[CoachingForm, CoachingLists, Problems], None]] = {
    CoachingType.ONE_ON_ONE: _one_on_one,
    CoachingType.CHECK_IN: _check_in,
    CoachingType.RIDE_ALONG: _observation,
    CoachingType.SHADOWING: _observation,
    CoachingType.PRE_BRIEF: _pre_brief,
    CoachingType.DEBRIEF: _debrief,
    CoachingType.TEAM_MEETING: lambda form, lists, found: _require(
        form, found, "notes", "Write the agenda or what was discussed."
    ),
    CoachingType.INTERVIEW: lambda form, lists, found: _require(
        form, found, "candidate", "Name the candidate."
    ),
    CoachingType.IMPROVEMENT_PLAN: _improvement_plan,
    CoachingType.RECOGNITION: _recognition,
    CoachingType.CUSTOMER_EXPERIENCE: _customer_experience,
}

DETAILS: dict[CoachingType, Callable[[CoachingForm], dict[str, Any]]] = {
    CoachingType.ONE_ON_ONE: lambda f: {
        "review_month": review_month(f),
        "plan_month": plan_month(f),
        "commitments": {line: float(planned) for line, planned in f.commitments.items()},
    },
    CoachingType.CHECK_IN: lambda f: {"on_track": f.on_track, "blockers": f.blockers},
    CoachingType.RIDE_ALONG: lambda f: {"ratings": dict(f.ratings)},
    CoachingType.SHADOWING: lambda f: {"ratings": dict(f.ratings)},
    CoachingType.PRE_BRIEF: lambda f: {"checklist": dict(f.checklist)},
    CoachingType.DEBRIEF: lambda f: {"checklist": dict(f.checklist)},
    CoachingType.INTERVIEW: lambda f: {"candidate": f.candidate},
    CoachingType.IMPROVEMENT_PLAN: lambda f: {
        "goals": f.goals,
        "review_date": f.review_date.isoformat() if f.review_date else None,
        "outcome": f.outcome,
    },
    CoachingType.RECOGNITION: lambda f: {"award": f.award},
}
