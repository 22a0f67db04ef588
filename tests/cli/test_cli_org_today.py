"""The CLI's "today" is the organisation's, like the pages' and the API's: a server in UTC is
already in tomorrow for a team in Kiritimati (UTC+14) and still in yesterday for Pago Pago
(UTC-11)."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.org_settings import today_in, update_org_settings

PACESETTER = Path(sys.executable).parent / "pacesetter"
AHEAD, BEHIND = "Pacific/Kiritimati", "Pacific/Pago_Pago"


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        (AHEAD, datetime(2026, 12, 4, 11, 0, tzinfo=UTC), date(2026, 12, 5)),  # 11:00 + 14h
        (AHEAD, datetime(2026, 12, 4, 9, 59, tzinfo=UTC), date(2026, 12, 4)),
        (BEHIND, datetime(2026, 12, 4, 10, 59, tzinfo=UTC), date(2026, 12, 3)),  # 10:59 - 11h
        ("UTC", datetime(2026, 12, 4, 23, 59, tzinfo=UTC), date(2026, 12, 4)),
    ],
)
def test_today_is_the_date_in_the_organisations_time_zone(
    zone: str, now: datetime, today: date
) -> None:
    assert today_in(zone, now) == today


@pytest.mark.slow
def test_the_scorecard_defaults_to_the_organisations_today(new_database_url: str) -> None:
    # At any moment one of the two zones is on another date than UTC.
    utc_today = datetime.now(UTC).date()
    zone = AHEAD if today_in(AHEAD) != utc_today else BEHIND
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as session:
        update_org_settings(session, {"timezone": zone})
    engine.dispose()
    expected = today_in(zone)
    environment = {**os.environ, "PACESETTER_DATABASE_URL": new_database_url, "TZ": "UTC"}
    command = [str(PACESETTER), "report", "scorecard", "--period", str(expected.year)]
    result = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, env=environment, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["as_of"] == expected.isoformat()
