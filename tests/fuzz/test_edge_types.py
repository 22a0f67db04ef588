"""The edge types (`http.validation`) accept what the OpenAPI document says and refuse the rest,
as schemathesis's stricter checks found they did not: a day the document allowed was refused
(`as_of=0792-01-22`: the document named no window), and a `number` read `false` as 0
(`{"amount": false}` made a forecast of 0)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from pydantic import TypeAdapter, ValidationError

from pacesetter.domain.periods import EARLIEST_DAY, LATEST_DAY, parse_period
from pacesetter.http.validation import DAY_PATTERN, MONTH_PATTERN, PERIOD_PATTERN, Number
from pacesetter.schemas.managers import ForecastIn

NUMBER = TypeAdapter(Number)


@pytest.mark.parametrize(
    ("day", "inside"),
    [("1899-12-31", False), ("1900-01-01", True), ("2999-12-31", True), ("3000-01-01", False)],
)
def test_the_documented_day_pattern_is_the_accepted_window(day: str, inside: bool) -> None:
    assert (EARLIEST_DAY <= date.fromisoformat(day) <= LATEST_DAY) == inside
    assert bool(re.fullmatch(DAY_PATTERN, day)) == inside


@pytest.mark.parametrize(
    "name", ["1900", "2999", "2026-01", "2026-12", "2026-Q1", "2026-Q4", "2026-W01", "2026-W52"]
)
def test_every_period_name_the_document_allows_is_read(name: str) -> None:
    assert re.fullmatch(PERIOD_PATTERN, name)
    assert parse_period(name).name == name


@pytest.mark.parametrize("name", ["", "1899", "3000", "2026-13", "2026-Q5", "2026-W00", "2026 "])
def test_the_document_refuses_what_is_not_a_period_name(name: str) -> None:
    assert not re.fullmatch(PERIOD_PATTERN, name)


@pytest.mark.parametrize("value", [False, True, "12", "1.5"])
def test_a_number_is_not_read_from_a_boolean_or_a_string(value: object) -> None:
    with pytest.raises(ValidationError, match="Input should be a finite number"):
        NUMBER.validate_python(value)
    with pytest.raises(ValidationError):
        NUMBER.validate_json(f"{value!r}".lower().replace("'", '"'))


@pytest.mark.parametrize("value", [0, 12, 1.5, Decimal("2.25")])
def test_a_number_is_read_from_a_number(value: object) -> None:
    assert NUMBER.validate_python(value) == float(value)  # type: ignore[arg-type]


def test_a_forecast_amount_is_documented_and_read_as_never_below_zero() -> None:
    # Two Fields stacked on `Number` were enforced but documented as `minimum: -10^15`.
    documented = TypeAdapter(ForecastIn).json_schema()["properties"]["amount"]
    assert (documented["minimum"], "ge" in documented) == (0, False)
    with pytest.raises(ValidationError):
        ForecastIn(manager_id=1, amount=-1)


@pytest.mark.parametrize("month", ["2026-01", "2026-12", "1900-01"])
def test_every_month_the_document_allows_is_a_month_period(month: str) -> None:
    assert re.fullmatch(MONTH_PATTERN, month) and parse_period(month).name == month
