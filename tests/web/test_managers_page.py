"""The managers page: a director sees their managers side by side with the KPI groups, the
signals that fired with their evidence and the recommendation with its reasons; a manager sees
their own; a rep is not shown the link; the CSV download has one row per manager.

The org of tests/web/org.py, Q1 2026 at its end (31 March). Omar (player-coach) closed all
his team's revenue (4000): single closer; he never met Owen: lapsed 1:1s.
"""

import csv
import io
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_deal
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
PAGE = "/managers?period=2026-Q1&as_of=2026-03-31"


@pytest.fixture
def sold(db: Session, org: Org) -> Org:
    make_deal(db, org.omar, amount=4000, status="won", closed=date(2026, 2, 2))
    return org


def test_a_director_sees_the_managers_side_by_side(sold: Org, client_for: SignIn) -> None:
    page = client_for(sold.dana).get(PAGE)
    assert page.status_code == 200
    text = page.text
    for words in ("Team revenue", "Sales rhythm", "Capability growth", "Mia Manager", "Omar Other"):
        assert words in text
    assert "Single closer dependency" in text and "Download CSV" in text


def test_a_manager_sees_their_own_scorecard(sold: Org, client_for: SignIn) -> None:
    text = client_for(sold.omar).get(PAGE).text
    assert "Omar Other: manager scorecard" in text
    assert "Mia Manager" not in text
    assert "Lapsed one on ones" in text
    assert "2025-Q4: " in text  # each KPI beside its value in the quarter before


def test_sorting_by_a_kpi_keeps_every_row(sold: Org, client_for: SignIn) -> None:
    page = client_for(sold.dana).get(f"{PAGE}&sort=team_meetings")
    assert page.status_code == 200 and page.text.count('id="manager-') == 4


def test_the_csv_has_one_row_per_manager(sold: Org, client_for: SignIn) -> None:
    response = client_for(sold.dana).get("/managers.csv?period=2026-Q1&as_of=2026-03-31")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    omar = next(row for row in rows if row["name"] == "Omar Other")
    assert "single_closer_dependency" in omar["signals"].split(";")
    assert len(rows) == 4


def test_the_nav_links_managers_for_leaders_only(sold: Org, client_for: SignIn) -> None:
    assert 'href="/managers"' in client_for(sold.mia).get("/").text
    assert 'href="/managers"' not in client_for(sold.ravi).get("/").text
