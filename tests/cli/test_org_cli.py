"""`pacesetter org` against a real database, as an administrator would run it."""

import os
import subprocess
import sys
from pathlib import Path

PACESETTER = str(Path(sys.executable).parent / "pacesetter")


def _shown(url: str) -> dict[str, str]:
    """`org show` as {setting: value}, read from the table's rows."""
    rows = [line.split("│") for line in _run(url, "org", "show").stdout.splitlines()]
    return {cells[1].strip(): cells[2].strip() for cells in rows if len(cells) == 4}


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PACESETTER_DATABASE_URL": url}
    return subprocess.run([PACESETTER, *args], env=env, capture_output=True, text=True, timeout=60)


def test_settings_show_their_defaults_until_changed(new_database_url: str) -> None:
    shown = _shown(new_database_url)
    assert (shown["fiscal_year_start_month"], shown["business_stage"]) == ("1", "growing")


def test_a_changed_setting_is_kept(new_database_url: str) -> None:
    assert _run(new_database_url, "org", "set", "fiscal_year_start_month", "4").returncode == 0
    assert _run(new_database_url, "org", "set", "working_weekdays", "sun-thu").returncode == 0
    shown = _shown(new_database_url)
    assert (shown["fiscal_year_start_month"], shown["working_weekdays"]) == ("4", "0,1,2,3,6")


def test_a_bad_setting_fails_with_the_reason_and_changes_nothing(new_database_url: str) -> None:
    failed = _run(new_database_url, "org", "set", "fiscal_year_start_month", "13")
    assert failed.returncode == 1
    assert "1 to 12" in failed.stderr and "Traceback" not in failed.stderr
    assert _shown(new_database_url)["fiscal_year_start_month"] == "1"


def test_holidays_are_added_listed_and_removed(new_database_url: str) -> None:
    assert (
        _run(new_database_url, "org", "holiday", "add", "2026-12-24", "Christmas Eve").returncode
        == 0
    )
    assert "Christmas Eve" in _run(new_database_url, "org", "holiday", "list").stdout
    removed = _run(new_database_url, "org", "holiday", "remove", "2026-12-24")
    assert "removed" in removed.stdout
    assert "Christmas Eve" not in _run(new_database_url, "org", "holiday", "list").stdout
