"""The manager's week in the API: what the direct reports need now, and team recognitions."""

from datetime import date
from typing import Literal

from pydantic import BaseModel


class WeekItemOut(BaseModel):
    person_id: int
    name: str
    status: Literal["due", "overdue"]
    detail: str
    href: str  # the page whose form resolves the item


class RecognitionOut(BaseModel):
    record_id: int
    person_id: int
    name: str
    award: str | None
    reason: str | None
    on: date
    href: str | None


class ManagerWeekOut(BaseModel):
    today: date
    month: str
    week: str
    reports: int
    one_on_ones: list[WeekItemOut]
    check_ins: list[WeekItemOut]
    commitments: list[WeekItemOut]
    not_observed: list[WeekItemOut]
    off_track: list[WeekItemOut]
    recognitions: list[RecognitionOut]
