"""The overload and role-design thresholds are organisation settings, checked like the others."""

import pytest

from pacesetter.domain.errors import Invalid
from pacesetter.domain.organisation import clean_setting


@pytest.mark.parametrize(
    ("name", "text", "stored"),
    [
        ("signal_personal_target_share", "0.6", 0.6),
        ("signal_personal_target_share", "0", 0.0),
        ("signal_single_closer_share", "1", 1.0),
        ("signal_top_account_multiple", "1.5", 1.5),
        ("signal_team_meeting_gap_multiple", "3", 3.0),
        ("signal_new_hire_days", "60", 60),
        ("role_leadership_only_reports", "10", 10),
        ("role_limit_target_share", "0.2", 0.2),
    ],
)
def test_thresholds_are_cleaned_to_numbers(name: str, text: str, stored: object) -> None:
    assert clean_setting(name, text) == stored


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("signal_personal_target_share", "1.5", "from 0 to 1"),
        ("signal_one_on_one_cadence", "-0.1", "from 0 to 1"),
        ("signal_forecast_accuracy", "high", "not a number"),
        ("signal_selling_time_share", "nan", "finite"),
        ("signal_top_account_multiple", "0", "above 0"),
        ("signal_new_hire_days", "0", "1 or more"),
        ("role_leadership_only_reports", "7.5", "whole number"),
    ],
)
def test_a_malformed_threshold_is_refused_with_a_reason(name: str, text: str, says: str) -> None:
    with pytest.raises(Invalid, match=says):
        clean_setting(name, text)
