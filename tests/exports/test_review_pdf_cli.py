"""`pacesetter report review --pdf FILE` end to end, in a subprocess on a database of its own:
the review page's PDF of one team, written to the file; without --manager it is refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_text import text_lines

from incentives.incentive_helpers import make_team
from pacesetter.store.db import make_engine, unit_of_work

pytestmark = pytest.mark.slow
PACESETTER = Path(sys.executable).parent / "pacesetter"


@pytest.fixture
def database(new_database_url: str) -> tuple[str, str]:
    """The database's URL and the manager's email."""
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        mia = make_team(db)["mia"].email
    engine.dispose()
    return new_database_url, mia


def _run(database: tuple[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PACESETTER_DATABASE_URL": database[0]}
    command = [str(PACESETTER), "report", "review", "--period", "2026-Q1", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_one_teams_review_is_written_as_a_pdf(database: tuple[str, str], tmp_path: Path) -> None:
    target = tmp_path / "review.pdf"
    done = _run(database, "--manager", database[1], "--pdf", str(target))
    assert done.returncode == 0, done.stderr
    assert "Wrote the review of Mia's team" in done.stdout
    lines = text_lines(target.read_bytes())
    assert {"Review 2026-Q1: Mia's team", "110% hit", "99% missed", "120% hit"} <= set(lines)
    # Nobody has a plan, so the quadrant has no dot to draw: it says so instead of a chart.
    assert "No rep is placed: placing one takes both a revenue goal and a plan." in lines


def test_a_pdf_needs_one_manager(database: tuple[str, str], tmp_path: Path) -> None:
    done = _run(database, "--pdf", str(tmp_path / "review.pdf"))
    assert done.returncode == 2 and "--manager" in done.stderr
    assert not (tmp_path / "review.pdf").exists()
