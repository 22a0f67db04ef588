"""`pacesetter digest send` and `digest flush` as an operator runs them: a subprocess on a
committed database, mail received by a local SMTP server, a re-run sending nothing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from digest_helpers import make_org, make_week
from smtp_inbox import Inbox

from pacesetter.store.db import make_engine, unit_of_work

PACESETTER = Path(sys.executable).parent / "pacesetter"


@pytest.fixture
def database(new_database_url: str) -> str:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as session:
        make_week(session, make_org(session))
    engine.dispose()
    return new_database_url


def _digest(url: str, inbox: Inbox, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PACESETTER_DATABASE_URL": url,
        "PACESETTER_SMTP_HOST": inbox.sender.host,
        "PACESETTER_SMTP_PORT": str(inbox.sender.port),
        "PACESETTER_PUBLIC_URL": "https://pacesetter.example.com",
    }
    command = [str(PACESETTER), "digest", *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


@pytest.mark.slow
def test_send_mails_each_person_once_however_often_it_runs(database: str, inbox: Inbox) -> None:
    first = _digest(database, inbox, "send", "--week", "2026-W08")
    second = _digest(database, inbox, "send", "--week", "2026-W08")
    assert first.returncode == 0, first.stderr
    assert "4 sent, 0 already sent, 0 opted out, 0 failed" in first.stdout
    assert "0 sent, 4 already sent" in second.stdout and len(inbox.messages) == 4


@pytest.mark.slow
def test_dry_run_to_one_person_lists_the_mail_and_sends_none(database: str, inbox: Inbox) -> None:
    result = _digest(
        database, inbox, "send", "--week", "2026-W08", "--dry-run", "--to", "max@example.com"
    )
    assert result.returncode == 0, result.stderr
    assert (
        "would send: max@example.com: Pacesetter team week 2026-W08: 1 goal at risk"
        in result.stdout
    )
    assert inbox.messages == []


@pytest.mark.slow
def test_a_week_that_is_not_an_iso_week_is_refused(database: str, inbox: Inbox) -> None:
    result = _digest(database, inbox, "send", "--week", "2026-02")
    assert result.returncode == 1 and "is not an ISO week" in result.stderr


@pytest.mark.slow
def test_flush_with_nothing_waiting_sends_nothing(database: str, inbox: Inbox) -> None:
    result = _digest(database, inbox, "flush")
    assert result.returncode == 0 and "0 sent" in result.stdout and inbox.messages == []
