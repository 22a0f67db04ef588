"""The ranges a request's values must fall in, checked where the request comes in, so that a
value no column or calculation can hold is a 422 that says what is allowed, never a 500.

- ids and offsets: 1 (0 for an offset) to 2,147,483,647, PostgreSQL's `integer` (SQLite's
  columns hold more; one rule for both databases);
- report dates: within the window `domain.periods` allows (1900-01-01 to 2999-12-31), the
  same window that period names are held to;
- amounts: finite, and at most 10^15 either way (more than any sales target, and still exact
  as a float); in a JSON body a JSON number, never `false` or `"12"`.

The OpenAPI document states the same: ids' minimum and maximum, and the day window and period
names as patterns, so that a request the document calls valid is not refused for them.

Moments go out as `UtcDateTime`, with their UTC offset. Pages and the API use the same types;
form fields typed by people are checked by `web.routes.goals` against `MAX_AMOUNT` too.
"""

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from pacesetter.domain.periods import EARLIEST_DAY, LATEST_DAY

MAX_ID = 2**31 - 1
MAX_AMOUNT = 10**15

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """A day written as the document says (`YYYY-MM-DD`): pydantic alone would also read a
    number as seconds since 1970 (`as_of=0`), which the OpenAPI `date` format refuses
    (found by schemathesis, tests/fuzz)."""
    if isinstance(value, date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("Input should be a date as YYYY-MM-DD")


# The window's years (1900 to 2999) written out for the OpenAPI document, which has no minimum
# for a date: a client, or schemathesis, reads there which days are allowed.
DAY_PATTERN = r"^(19\d\d|2\d\d\d)-\d\d-\d\d$"
Day = Annotated[
    date,
    Field(ge=EARLIEST_DAY, le=LATEST_DAY, json_schema_extra={"pattern": DAY_PATTERN}),
    BeforeValidator(_iso_day),
]
AsOf = Annotated[Day | None, Query(description="Report date, 1900-01-01 to 2999-12-31")]
# Period names as the document states them (`domain.periods` reads them, leniently, and says
# what is wrong): a year of the window, a month, a quarter or an ISO week (week 53 left out:
# only some years have one).
PERIOD_PATTERN = r"^(19\d\d|2\d\d\d)(-(0[1-9]|1[0-2])|-Q[1-4]|-W(0[1-9]|[1-4]\d|5[0-2]))?$"
MONTH_PATTERN = r"^(19\d\d|2\d\d\d)-(0[1-9]|1[0-2])$"
Amount = Annotated[Decimal, Field(allow_inf_nan=False, ge=-MAX_AMOUNT, le=MAX_AMOUNT)]


def _json_number(value: object) -> object:
    """A number as the document's `number` says: pydantic alone would read `false` as 0 and
    `"12"` as 12 (`{"amount": false}` made a forecast of 0; found by schemathesis)."""
    if isinstance(value, bool | str):
        raise PydanticCustomError("float_type", "Input should be a finite number")
    return value


Number = Annotated[
    float,
    Field(allow_inf_nan=False, ge=-MAX_AMOUNT, le=MAX_AMOUNT),
    BeforeValidator(_json_number),
]
# A forecast or a target: never below zero (one Field, so the document states the bound; a
# second Field on top of `Number` is enforced but documented as a stray `ge` key).
NonNegativeNumber = Annotated[
    float,
    Field(allow_inf_nan=False, ge=0, le=MAX_AMOUNT),
    BeforeValidator(_json_number),
]


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# A moment as the API sends it: stored in UTC without a zone, sent with its offset (`...Z`),
# as OpenAPI's `date-time` (RFC 3339) requires.
UtcDateTime = Annotated[datetime, AfterValidator(_as_utc)]
