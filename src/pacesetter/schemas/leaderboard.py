"""A leaderboard as the API shows it: the ranked rows and the period's recognitions."""

from datetime import date
from typing import Literal

from pydantic import BaseModel


class LeaderRowOut(BaseModel):
    rank: int | None
    person_id: int
    name: str
    value: float | None
    attainment: float | None
    previous_rank: int | None
    movement: int | None


class RecognitionOut(BaseModel):
    day: date
    person_id: int | None
    name: str
    award: str


class LeaderboardOut(BaseModel):
    metric: str
    label: str
    unit: Literal["money", "count", "share", "days"]
    period: str
    as_of: date
    team_id: int | None
    team_name: str | None
    rows: list[LeaderRowOut]
    recognitions: list[RecognitionOut]
