"""Imports at the same time, and a file that moves emails between people (issue 9, fix 4).

Before: on PostgreSQL the second of two parallel imports died with a raw `UniqueViolation`
(a 500 from the API), on SQLite with "database is locked"; swapping two people's emails in one
file broke the unique index mid-write. Now imports take turns (an advisory lock on PostgreSQL,
the write lock taken first on SQLite), one that cannot get its turn says so plainly, and a swap
simply works.
"""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ingest_helpers import counts, errors, people_by_external_id, run_text
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict
from pacesetter.ingest import service
from pacesetter.ingest.service import import_file
from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import Person

HEADER = "external_id,name,email,role,manager\n"
PEOPLE = HEADER + "".join(f"C{n},Person {n},c{n}@example.com,rep,\n" for n in range(300))


def test_two_people_can_swap_emails_in_one_file(db: Session, tmp_path: Path) -> None:
    run_text(
        db,
        tmp_path,
        "people",
        HEADER + "A1,Ann,ann@example.com,rep,\nB1,Bob,bob@example.com,rep,\n",
    )
    swapped = HEADER + "A1,Ann,bob@example.com,rep,\nB1,Bob,ann@example.com,rep,\n"
    report = run_text(db, tmp_path, "people", swapped)
    assert (errors(report), counts(report)) == ([], (2, 0, 2, 0))
    people = people_by_external_id(db)
    assert (people["A1"].email, people["B1"].email) == ("bob@example.com", "ann@example.com")


def test_three_people_can_pass_their_emails_round(db: Session, tmp_path: Path) -> None:
    first = "A1,Ann,a@example.com,rep,\nB1,Bob,b@example.com,rep,\nC1,Cy,c@example.com,rep,\n"
    run_text(db, tmp_path, "people", HEADER + first)
    moved = "A1,Ann,b@example.com,rep,\nB1,Bob,c@example.com,rep,\nC1,Cy,a@example.com,rep,\n"
    assert errors(run_text(db, tmp_path, "people", HEADER + moved)) == []
    emails = {key: person.email for key, person in people_by_external_id(db).items()}
    assert emails == {"A1": "b@example.com", "B1": "c@example.com", "C1": "a@example.com"}


@pytest.fixture
def engine_of_its_own(new_database_url: str) -> Iterator[Engine]:
    engine = make_engine(new_database_url)
    yield engine
    engine.dispose()


def _in_parallel(engine: Engine, path: Path, times: int) -> list[object]:
    """`times` imports of the file at once, each in its own transaction: report or error."""
    outcomes: list[object] = []
    start = threading.Barrier(times)

    def one() -> None:
        start.wait()
        try:
            outcomes.append(import_file("people", path, engine=engine))
        except Exception as error:
            outcomes.append(error)

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_imports_of_the_same_new_people_take_turns(
    engine_of_its_own: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE)
    outcomes = _in_parallel(engine_of_its_own, path, 3)
    assert [type(outcome).__name__ for outcome in outcomes] == ["ImportReport"] * 3
    added = sorted(outcome.added for outcome in outcomes)  # type: ignore[attr-defined]
    assert added == [0, 0, 300]  # the first adds everyone; the others find them there
    with unit_of_work(engine_of_its_own) as db:
        assert db.query(Person).count() == 300


def test_an_import_that_cannot_get_its_turn_says_so(
    engine_of_its_own: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE)
    monkeypatch.setattr(service, "IMPORT_WAIT_SECONDS", 0.5)
    with unit_of_work(engine_of_its_own) as holder:
        service.take_import_turn(holder)  # another import is running and holds the turn
        with pytest.raises(Conflict, match="Another import is running"):
            import_file("people", path, engine=engine_of_its_own)
