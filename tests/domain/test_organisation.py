"""Organisation settings as a person types them, turned into what is stored."""

import pytest

from pacesetter.domain.errors import Invalid
from pacesetter.domain.organisation import clean_setting, format_weekdays, parse_weekdays


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("0,1,2,3,4", {0, 1, 2, 3, 4}),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("Sun-Thu", {6, 0, 1, 2, 3}),  # a range may wrap past Sunday
        ("monday, wednesday", {0, 2}),
        ("sat", {5}),
    ],
)
def test_working_days_are_read_from_numbers_names_and_ranges(text: str, days: set[int]) -> None:
    assert parse_weekdays(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", " , ", "7", "funday", "mon-xyz"])
def test_working_days_that_name_no_weekday_are_refused(text: str) -> None:
    with pytest.raises(Invalid):
        parse_weekdays(text)


def test_working_days_are_stored_sorted_by_weekday_number() -> None:
    assert format_weekdays(parse_weekdays("sun-thu")) == "0,1,2,3,6"


@pytest.mark.parametrize(
    ("name", "text", "stored"),
    [
        ("fiscal_year_start_month", "4", 4),
        ("timezone", "Europe/Paris", "Europe/Paris"),
        ("business_stage", "Established", "established"),
        ("currency", "eur", "EUR"),
        ("holiday_country", "gb", "GB"),
        ("holiday_country", "", None),
        ("team_meeting_cadence_days", "14", 14),
        ("working_weekdays", "mon-thu", "0,1,2,3"),
    ],
)
def test_settings_are_cleaned_to_their_stored_values(name: str, text: str, stored: object) -> None:
    assert clean_setting(name, text) == stored


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("fiscal_year_start_month", "13", "1 to 12"),
        ("timezone", "Mars/Olympus", "time zone"),
        ("business_stage", "huge", "small, growing, established"),
        ("currency", "EURO", "three-letter"),
        ("holiday_country", "XX", "country code"),
        ("team_meeting_cadence_days", "0", "1 or more"),
        ("name", "  ", "needs a name"),
        ("colour", "blue", "no organisation setting"),
    ],
)
def test_a_malformed_setting_is_refused_with_a_reason(name: str, text: str, says: str) -> None:
    with pytest.raises(Invalid, match=says):
        clean_setting(name, text)
