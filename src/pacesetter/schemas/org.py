"""The organisation tree with each person's numbers: the home page and its JSON twin."""

from datetime import date
from typing import Literal

from pydantic import BaseModel

from pacesetter.schemas.people import PersonOut


class PeriodOut(BaseModel):
    name: str
    start: date
    end: date


class Numbers(BaseModel):
    """Won revenue and deals won in the quarter, activities in the month, all to the as-of date."""

    revenue_won: float
    deals_won: int
    activities: int


class TreeNode(BaseModel):
    person: PersonOut
    left: bool  # employment ended before the as-of date
    own: Numbers  # the person's own numbers, by owner
    team: Numbers | None  # the person and everyone below them; null for people without reports
    reports: list["TreeNode"]
    # People below this node left out to keep the answer small (their reports are the next
    # level down): the person's own page, or the tree seen by them, shows them.
    not_shown: int = 0


class Bar(BaseModel):
    """One bar of the won-revenue chart: a team's won revenue (by its manager), or a person's
    (a direct report who leads a team counts with their team)."""

    person_id: int
    label: str
    revenue_won: float
    target: float | None  # the approved revenue_won goal for the quarter of what the bar counts


class TrendPoint(BaseModel):
    month: str
    revenue_won: float
    target: float | None  # the month's approved revenue_won goal of the one person at the top


class Overview(BaseModel):
    as_of: date
    quarter: PeriodOut
    month: PeriodOut
    currency: str
    people: int  # employed on the as-of date
    totals: Numbers
    target: float | None  # the quarter's approved revenue_won goal of the one person at the top
    roots: list[TreeNode]
    bars_by: Literal["team", "rep", "direct_report"] | None  # what the bars compare
    bars: list[Bar]  # the highest BARS of them (org/overview.py)
    bars_compared: int = 0  # how many were compared, shown or not
    trend: list[TrendPoint]  # won revenue per month, oldest first, the current month to date
