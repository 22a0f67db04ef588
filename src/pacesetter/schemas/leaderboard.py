"""A leaderboard as the API shows it: the ranked rows and the period's recognitions; and a
TV link's board, as public as the screen it is shown on."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from pacesetter.schemas.paging import PageOut


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
    reason: str | None = Field(description="The citation, as the recognition was written")


class LeaderboardOut(BaseModel):
    metric: str
    label: str
    unit: Literal["money", "count", "share", "days"]
    period: str
    as_of: date
    team_id: int | None
    team_name: str | None
    paging: PageOut
    rows: list[LeaderRowOut]
    recognitions: list[RecognitionOut]
    recognitions_total: int


class TvRowOut(BaseModel):
    rank: int | None
    name: str | None = Field(description="Null when the link shows no names")
    value: float | None
    attainment: float | None
    previous_rank: int | None
    movement: int | None


class TvRecognitionOut(BaseModel):
    day: date
    name: str | None = Field(description="Null when the link shows no names")
    award: str
    reason: str | None = Field(
        description="The citation; null when the link shows no names (it may name people)"
    )


class TvBoardOut(BaseModel):
    """What a TV link's screen shows, and nothing more: no ids, and no names unless the link
    was made with them."""

    label: str
    metric: str
    metric_label: str
    unit: Literal["money", "count", "share", "days"]
    period: str
    as_of: date
    team_name: str | None = Field(description="Null for the whole organisation, or no names")
    rows: list[TvRowOut]
    recognitions: list[TvRecognitionOut]
