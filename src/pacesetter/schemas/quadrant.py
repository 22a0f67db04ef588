"""The quadrant as the API shows it: the CLI's JSON rows, plus what a page needs to link and
explain them (the person's id and name, whether quality was observed, last period's quadrant)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel

from pacesetter.schemas.paging import PageOut

QuadrantName = Literal["on_track", "results_only", "activity_only", "off_track"]
Binding = Literal["quantity", "direction", "quality"]


class QuadrantRowOut(BaseModel):
    external_id: str
    email: str
    results_pace: float | None
    activity_pace: float | None
    quadrant: QuadrantName | None
    qdq_quantity: float | None
    qdq_direction: float | None
    qdq_quality: float | None
    qdq_score: float | None
    qdq_binding: Binding | None
    person_id: int
    name: str
    quality_observed: bool
    previous_quadrant: QuadrantName | None


class QuadrantOut(BaseModel):
    period: str
    as_of: date
    previous_period: str
    paging: PageOut
    rows: list[QuadrantRowOut]


class PlacementOut(BaseModel):
    """A rep's placement: the paces, the quadrant and the QDQ plan score."""

    results_pace: float | None
    activity_pace: float | None
    quadrant: QuadrantName | None
    qdq_quantity: float | None
    qdq_direction: float | None
    qdq_quality: float | None
    qdq_score: float | None
    qdq_binding: Binding | None
    quality_observed: bool


class TypeLineOut(BaseModel):
    type: str
    planned: float
    expected: float
    actual: int
    pace: float | None


class HistoryPointOut(BaseModel):
    period: str
    as_of: date
    placement: PlacementOut


class RepPlanOut(BaseModel):
    """A rep's plan against actual for the period, and their placement month by month."""

    person_id: int
    name: str
    period: str
    as_of: date
    lines: list[TypeLineOut]
    direction_share: float | None
    planned_direction: float | None
    planned_quality: float | None
    mean_rating: float | None
    placement: PlacementOut
    history: list[HistoryPointOut]
