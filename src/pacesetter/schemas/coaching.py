"""Coaching records as the API takes and gives them (the fields of each type: docs/coaching.md)."""

from datetime import date, time
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.views import Review, ReviewLine
from pacesetter.domain.vocab import CoachingType
from pacesetter.http.validation import Day, Id, Number, UtcDateTime
from pacesetter.store.scope import FeedbackAverage


class CoachingIn(BaseModel):
    """A new record. Send the fields of its type; the others stay empty."""

    model_config = ConfigDict(use_enum_values=True)

    type: CoachingType
    occurred_on: Day
    person_id: Id | None = Field(None, description="The subject; none for team_meeting, interview")
    at: time | None = Field(None, description="Local time in the organisation's time zone")
    notes: str | None = Field(None, description="Comments; the agenda; a recognition's reason")
    private_notes: str | None = Field(None, description="Never shown to the subject")
    went_well: str | None = None
    to_improve: str | None = None
    rating: int | None = Field(None, ge=1, le=5)
    account_id: Id | None = None
    deal_id: Id | None = None
    ratings: dict[str, int] = Field(default_factory=dict, description="Ride-along: skill -> 1..5")
    review_month: str | None = Field(
        None, description="1:1: default the month before", examples=["2026-02"]
    )
    commitments: dict[str, Number] = Field(
        default_factory=dict, description="1:1: plan line -> planned, for the month after review"
    )
    checklist: dict[str, str] = Field(default_factory=dict, description="Pre-brief, debrief")
    on_track: bool | None = None
    blockers: str | None = None
    candidate: str | None = None
    goals: str | None = None
    review_date: Day | None = None
    outcome: str | None = None
    award: str | None = None

    def as_form(self) -> CoachingForm:
        return CoachingForm(**self.model_dump())


class CoachingOut(BaseModel):
    id: int
    external_id: str
    type: str
    author_id: int
    person_id: int | None
    occurred_at: UtcDateTime
    occurred_on: date
    rating: int | None
    skill: str | None
    notes: str | None
    private_notes: str | None = Field(description="Null for the record's subject")
    went_well: str | None
    to_improve: str | None
    account_id: int | None
    deal_id: int | None
    details: dict[str, Any] | None


class ListIn(BaseModel):
    items: list[str] = Field(examples=[["discovery", "closing"]])


class ListsOut(BaseModel):
    skills: list[str]
    pre_brief: list[str]
    debrief: list[str]
    awards: list[str]


class CoachingPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[CoachingOut]


class CoachingTimelineOut(BaseModel):
    """A person's coaching timeline, as their page shows it."""

    person_id: int
    name: str
    total: int = Field(description="Records about the person you may read; the latest 50 here")
    records: list[CoachingOut]
    names: dict[int, str] = Field(description="The records' authors and subjects, by id")
    writes: bool = Field(description="You record coaching about this person (their manager)")
    rates_manager_id: int | None = Field(description="On your own timeline: whom you may rate")


class ReviewLineOut(BaseModel):
    line: str
    planned: float | None
    actual: float | None


class ReviewOut(BaseModel):
    """What a 1:1 opens with."""

    person_id: int
    month: str = Field(description="The month reviewed")
    plan_month: str = Field(description="The month the commitments are for")
    lines: list[ReviewLineOut]
    previous: CoachingOut | None = Field(description="The last 1:1, with its commitments")


class FeedbackOut(BaseModel):
    manager_id: int
    period: str
    answers: int
    mean: float | None = Field(description="Null with fewer than 3 answers")


def review_out(review: Review) -> ReviewOut:
    lines = [ReviewLineOut(**_line(line)) for line in review.lines]
    previous = CoachingOut(**review.previous) if review.previous else None
    return ReviewOut(
        person_id=review.person_id,
        month=review.month,
        plan_month=review.plan_month,
        lines=lines,
        previous=previous,
    )


def feedback_out(manager_id: int, period: str, average: FeedbackAverage) -> FeedbackOut:
    return FeedbackOut(
        manager_id=manager_id, period=period, answers=average.answers, mean=average.mean
    )


def _line(line: ReviewLine) -> dict[str, Any]:
    return {"line": line.line, "planned": line.planned, "actual": line.actual}
