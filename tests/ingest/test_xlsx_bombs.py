"""Workbooks built to hurt the reader, at the size the outside probe sent them (issue 9,
fix 5): each is refused with a clear reason, in seconds and a few MB, never a 500.

Before: a billion-laughs sheet was an uncaught parse error (500), a shared-strings bomb took
49 s and 900 MB, 5 million empty rows 660 MB. The small versions live in the corpus.
"""

import io
import time
import tracemalloc
from collections.abc import Callable

import pytest
import xlsx_bombs
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.ingest.reader import FileProblem, open_table
from pacesetter.store.models import Person
from web.client import UserClient, app, cheap_password_hashing  # noqa: F401
from web.client import client_for as client_for  # the fixture

SignIn = Callable[[Person], UserClient]

MB = 1_000_000
FULL_SIZE: dict[str, tuple[Callable[[], bytes], str]] = {
    "billion laughs": (xlsx_bombs.billion_laughs, "declares XML entities"),
    "2 million shared strings": (
        lambda: xlsx_bombs.shared_strings_bomb(2_000_000),
        "inflates to more than 100 MiB",
    ),
    "5 million rows claimed": (
        lambda: xlsx_bombs.rows_beyond_excel(5_000_000),
        "at most 1,048,576 rows",
    ),
    "1.1 million empty rows, undeclared": (
        lambda: xlsx_bombs.empty_rows(1_100_000, declared=False),
        "at most 1,048,576 rows",
    ),
    "entities behind a long comment": (
        lambda: xlsx_bombs.billion_laughs(padding=100_000),
        "declares XML entities",
    ),
}


def _read_all(workbook: bytes) -> int:
    with open_table(io.BytesIO(workbook), "bomb.xlsx") as table:
        return sum(1 for _ in table.rows)


@pytest.mark.parametrize("case", FULL_SIZE)
def test_a_full_size_bomb_is_refused_in_seconds_and_a_few_megabytes(case: str) -> None:
    build, reason = FULL_SIZE[case]
    workbook = build()
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FileProblem, match=reason):
            _read_all(workbook)
        seconds = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < 30 and peak < 20 * MB, (seconds, peak)


def test_an_uploaded_bomb_is_a_422_with_the_reason(db: Session, client_for: SignIn) -> None:
    admin = client_for(make_person(db, role="admin"))
    files = {"file": ("bomb.xlsx", xlsx_bombs.billion_laughs(), "application/octet-stream")}
    answer = admin.post(
        "/api/v1/imports",
        data={"kind": "people"},
        files=files,
        headers={"X-CSRF-Token": admin.csrf_token},
    )
    assert answer.status_code == 422
    assert "declares XML entities" in answer.json()["errors"][0]["reason"]
