"""A figure explained, as the API shows it: the value, its parts and every value between, the
formula in words with the values put in, the pace against the goal, and a page of its rows."""

from datetime import date
from typing import Literal

from pydantic import BaseModel


class ExplainRowOut(BaseModel):
    """One row behind the figure; `parts` is what it adds to each part, by metric slug."""

    source: Literal["deal", "activity", "meeting", "coaching record", "goal"]
    row_id: int
    day: date | None
    owner: str
    what: str
    account: str | None
    amount: float | None
    parts: dict[str, float]


class ExplainOut(BaseModel):
    person_id: int
    name: str
    scope: Literal["person", "team"]
    metric: str
    label: str
    unit: Literal["money", "count", "share", "days"]
    period: str
    as_of: date
    value: float | None
    values: dict[str, float | None]
    formula: str
    pace: str | None
    total_rows: int
    page: int
    pages: int
    rows: list[ExplainRowOut]
