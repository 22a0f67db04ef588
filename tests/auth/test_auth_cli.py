"""`pacesetter users`: setting a password from a script, and who can sign in."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factories import make_person
from pacesetter.auth.passwords import check_password, set_password
from pacesetter.auth.signin import find_by_email
from pacesetter.store.db import make_engine, unit_of_work

pytestmark = pytest.mark.slow
PACESETTER = str(Path(sys.executable).parent / "pacesetter")


def _run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PACESETTER_DATABASE_URL": url}
    return subprocess.run(
        [PACESETTER, "users", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_set_password_from_stdin_then_list_who_can_sign_in(new_database_url: str) -> None:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        boss = make_person(db, "Mia Manager", role="manager", email="mia@example.com")
        make_person(db, "Ravi Rep", manager=boss, email="ravi@example.com")
        gone = make_person(db, "Gone Rep", manager=boss, email="gone@example.com")
        gone.end_date = date(2020, 6, 30)
        set_password(gone, "an old password")

    done = _run(
        new_database_url,
        "set-password",
        "Ravi@Example.com",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    listing = _run(new_database_url, "list")

    assert done.returncode == 0, done.stderr
    assert done.stdout == "Password set for Ravi Rep <ravi@example.com>.\n"
    with unit_of_work(engine) as db:
        assert check_password(find_by_email(db, "ravi@example.com"), "correct horse battery")
    engine.dispose()
    assert [re.split(r"\s{2,}", line) for line in listing.stdout.splitlines()] == [
        ["EMAIL", "ROLE", "MANAGER", "CAN SIGN IN"],
        ["gone@example.com", "rep", "mia@example.com", "no (left 2020-06-30)"],
        ["mia@example.com", "manager", "-", "no (no password)"],
        ["ravi@example.com", "rep", "mia@example.com", "yes"],
    ]


def test_set_password_for_an_unknown_email_fails(new_database_url: str) -> None:
    done = _run(
        new_database_url,
        "set-password",
        "who@example.com",
        "--password-stdin",
        stdin="correct horse\n",
    )
    assert (done.returncode, done.stderr) == (1, "Error: No person with email who@example.com\n")


def test_a_too_short_password_is_refused(new_database_url: str) -> None:
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        make_person(db, email="ravi@example.com")
    engine.dispose()
    done = _run(
        new_database_url, "set-password", "ravi@example.com", "--password-stdin", stdin="short\n"
    )
    assert done.returncode == 1 and "at least 8 characters" in done.stderr
