"""The scorecard report and the pages tell the same story, person by person.

A generated organisation (12 reps in two teams under a director, four months of data up to
Wed 11 Feb 2026) is loaded through the import path. `pacesetter report scorecard --format json`
for 2026-Q1 and for 2026-02 at 11 Feb is then compared with what an admin, a manager and a rep
see through every other door: the org tree API, the home page (its tree cells, bars and
headline), the goals API and the goals board. No number is worked out here: they are the same
metrics, and every door must show exactly what the report prints.
"""

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from pacesetter.app import create_app
from pacesetter.auth.sessions import SESSION_COOKIE, open_session
from pacesetter.cli.demo import LOAD_ORDER
from pacesetter.cli.main import app as cli
from pacesetter.domain.goal_rules.text import percent
from pacesetter.ingest import import_file
from pacesetter.ingest.kinds import KINDS
from pacesetter.settings import get_settings
from pacesetter.store.db import get_engine, make_engine, unit_of_work
from pacesetter.store.models import Person, utcnow
from pacesetter.synth import generate_org
from pacesetter.web.formatting import format_money
from web.client import TEST_SETTINGS, with_password
from web.home_cells import chart_data, page_cells

pytestmark = pytest.mark.slow
AS_OF = date(2026, 2, 11)
QUARTER, MONTH = "2026-Q1", "2026-02"  # the home page's quarter and month at AS_OF
Row = dict[str, Any]


@dataclass(frozen=True)
class Loaded:
    engine: Engine
    quarter: dict[str, Row]  # scorecard rows by email
    month: dict[str, Row]
    people: dict[str, Row]  # people.csv by email


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch, new_database_url: str) -> Iterator[str]:
    """The CLI's database is this test's: its cached settings and engine are dropped before
    and after, so no other test inherits them."""
    monkeypatch.setenv("PACESETTER_DATABASE_URL", new_database_url)
    _forget_configuration()
    yield new_database_url
    _forget_configuration()


def _forget_configuration() -> None:
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


@pytest.fixture
def loaded(configured: str, tmp_path: Path) -> Iterator[Loaded]:
    data = tmp_path / "data"
    generate_org(data, reps=12, months=4, seed=3, as_of=AS_OF)
    engine = make_engine(configured)
    for kind in (kind for kind in LOAD_ORDER if kind in KINDS):
        assert import_file(kind, data / f"{kind}.csv", engine=engine).accepted, kind
    quarter, month = _scorecard(QUARTER), _scorecard(MONTH)
    yield Loaded(engine, quarter, month, _people(data / "people.csv"))
    engine.dispose()


def _scorecard(period: str) -> dict[str, Row]:
    """`pacesetter report scorecard --format json`, run in this process (its start-up would
    cost more than the whole comparison), rows by email."""
    command = ["report", "scorecard", "--period", period, "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(cli, [*command, "--format", "json"])
    assert result.exit_code == 0, result.output
    return {row["email"]: row for row in json.loads(result.stdout)["rows"]}


def _people(people_file: Path) -> dict[str, Row]:
    """The imported people file's rows by email, each with the emails of its direct reports."""
    with people_file.open(newline="", encoding="utf-8") as handle:
        rows = {row["email"]: {**row, "reports": []} for row in csv.DictReader(handle)}
    for row in rows.values():
        if row["manager"]:
            rows[row["manager"]]["reports"].append(row["email"])
    return rows


def _below(loaded: Loaded, email: str) -> set[str]:
    """The person and everyone below them, by the file that was imported."""
    return {email}.union(*(_below(loaded, report) for report in loaded.people[email]["reports"]))


def _browser(loaded: Loaded, email: str) -> TestClient:
    with unit_of_work(loaded.engine) as db:
        person = with_password(db.scalars(select(Person).where(Person.email == email)).one())
        token = open_session(db, person, utcnow(), TEST_SETTINGS.session_hours).token
    browser = TestClient(create_app(loaded.engine, TEST_SETTINGS))
    browser.cookies.set(SESSION_COOKIE, token)
    return browser


def _get(browser: TestClient, path: str, **params: str) -> Any:
    answer = browser.get(path, params={"as_of": AS_OF.isoformat(), **params})
    assert answer.status_code == 200, (path, answer.text[:300])
    return answer.json() if path.startswith("/api/") else answer.text


def _goal(row: Row, scope: str, metric: str = "revenue_won") -> Row | None:
    return next((g for g in row["goals"] if (g["scope"], g["metric"]) == (scope, metric)), None)


def _nodes(tree: list[Row]) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for node in tree:
        found[node["person"]["email"]] = node
        found |= _nodes(node["reports"])
    return found


def _viewers(loaded: Loaded) -> dict[str, str]:
    """An admin, the manager with the most reports, and one of their reps with a goal who
    still works there (people who left cannot sign in)."""
    people = loaded.people.values()
    admin = next(person["email"] for person in people if person["role"] == "admin")
    managers = [person for person in people if person["role"] == "manager"]
    manager = max(managers, key=lambda person: len(person["reports"]))["email"]
    rep = next(
        email
        for email in loaded.people[manager]["reports"]
        if not loaded.people[email]["end_date"] and _goal(loaded.quarter[email], "person")
    )
    return {"admin": admin, "manager": manager, "rep": rep}


def test_every_viewer_sees_the_numbers_of_the_scorecard_report(loaded: Loaded) -> None:
    viewers = _viewers(loaded)
    scopes = {"admin": set(loaded.people), "manager": _below(loaded, viewers["manager"])}
    for role, email in viewers.items():
        browser = _browser(loaded, email)
        tree = _get(browser, "/api/v1/org/tree")
        nodes = _check_tree(loaded, tree, scopes.get(role, {email}))
        _check_home(loaded, _get(browser, "/"), nodes, email if role != "admin" else None)
        _check_goals_api(loaded, browser, nodes)
        for manager in _team_goal_holders(loaded, nodes) if role != "rep" else []:
            _check_board(loaded, browser, nodes, manager)


def _team_goal_holders(loaded: Loaded, nodes: dict[str, Row]) -> list[str]:
    return [email for email in nodes if _goal(loaded.quarter.get(email, {"goals": []}), "team")]


def _check_tree(loaded: Loaded, tree: Row, scope: set[str]) -> dict[str, Row]:
    """Everyone the report lists in the viewer's scope is in the tree, with the same numbers."""
    nodes = _nodes(tree["roots"])
    listed = {email: row for email, row in loaded.quarter.items() if email in scope}
    assert set(listed) <= set(nodes) <= scope
    for email, row in listed.items():
        node = nodes[email]
        own = (node["own"]["revenue_won"], node["own"]["deals_won"], node["own"]["activities"])
        assert own[:2] == (row["revenue_won"], row["deals_won"]), email
        if email in loaded.month:  # a leaver before the month has no row in its report
            assert own[2] == loaded.month[email]["activities"], email
        team = _goal(row, "team")
        if team is not None:
            assert node["team"]["revenue_won"] == team["actual"], email
    return nodes


def _check_home(loaded: Loaded, page: str, nodes: dict[str, Row], top: str | None) -> None:
    """The home page's cells, bars and headline carry the same values as the report."""
    cells = page_cells(page)
    headline = cells.pop(None)
    if not cells:  # a rep's page has no tree: the headline is their own numbers
        cells = {node["person"]["id"]: headline for node in nodes.values()}
    for email, node in nodes.items():
        if email in loaded.quarter:
            _check_cells(loaded, email, cells[node["person"]["id"]])
    _check_bars(loaded, chart_data(page, "bars-data") if 'id="bars-data"' in page else None, nodes)
    line = _top_goal(loaded, nodes, top)
    assert headline.get("attainment") == (line and pytest.approx(line["attainment"]))
    if line is not None:
        assert headline["revenue_won"] == line["actual"]


def _check_cells(loaded: Loaded, email: str, shown: dict[str, float]) -> None:
    row = loaded.quarter[email]
    assert (shown["revenue_won"], shown["deals_won"]) == (row["revenue_won"], row["deals_won"])
    if email in loaded.month:
        assert shown["activities"] == loaded.month[email]["activities"], email


def _top_goal(loaded: Loaded, nodes: dict[str, Row], top: str | None) -> Row | None:
    """The goal of the headline: the team's of a leader at the top, else their own."""
    if top is None:
        return None
    return _goal(loaded.quarter[top], "person" if nodes[top]["team"] is None else "team")


def _check_bars(loaded: Loaded, bars: Row | None, nodes: dict[str, Row]) -> None:
    """Each bar with a goal shows its actual and target: the team's for a leader."""
    by_name = {node["person"]["name"]: email for email, node in nodes.items()}
    points = zip(bars["labels"], bars["values"], bars["targets"], strict=True) if bars else []
    for label, value, target in points:
        email = by_name[label]
        line = _top_goal(loaded, nodes, email) if email in loaded.quarter else None
        assert target == (line and line["target"]), label
        if line is not None:
            assert value == line["actual"], label


def _check_goals_api(loaded: Loaded, browser: TestClient, nodes: dict[str, Row]) -> None:
    """The goals the API lists are the report's goal lines, paced the same."""
    listed = _get(browser, "/api/v1/goals", period=QUARTER, status="approved", limit="1000")
    emails = {node["person"]["id"]: email for email, node in nodes.items()}
    found = set()
    for goal in listed["items"]:
        email = emails[goal["person_id"]]
        line = _goal(loaded.quarter[email], goal["scope_type"], goal["metric"])
        assert line is not None, (email, goal["metric"])
        pacing = _get(browser, f"/api/v1/goals/{goal['id']}")["pacing"]
        paced = (pacing["actual"], pacing["attainment"], pacing["pace"], pacing["projection"])
        assert paced == (line["actual"], line["attainment"], line["pace"], line["projection"])
        found.add((email, goal["scope_type"], goal["metric"]))
    assert found == _goal_lines(loaded, nodes) and found


def _goal_lines(loaded: Loaded, nodes: dict[str, Row]) -> set[tuple[str, str, str]]:
    """(email, scope, metric) of every goal line the report shows for these people."""
    rows = (row for email, row in loaded.quarter.items() if email in nodes)
    return {(row["email"], line["scope"], line["metric"]) for row in rows for line in row["goals"]}


def _check_board(loaded: Loaded, browser: TestClient, nodes: dict[str, Row], manager: str) -> None:
    """The team goals board prints the report's targets, actuals and attainments."""
    page = _get(browser, f"/goals/team/{nodes[manager]['person']['id']}", period=QUARTER)
    emails = {node["person"]["id"]: email for email, node in nodes.items()}
    team = _goal(loaded.quarter[manager], "team")
    assert team is not None
    shown = re.search(r'Team actual</div>\s*<div class="kpi__value">([^<]*)<', page)
    assert shown is not None and shown.group(1) == _money(team["actual"])
    rows = _board_rows(page)
    assert rows, "the board lists no one"
    for person_id, cells in rows.items():
        line = _goal(loaded.quarter[emails[person_id]], "person")
        expected = (
            [_money(line["target"]), _money(line["actual"]), percent(line["attainment"])]
            if line
            else ["no approved goal"]
        )
        assert cells[: len(expected)] == expected, emails[person_id]


def _money(value: float) -> str:
    return format_money(value, "USD")


class _BoardReader(HTMLParser):
    """The board's rows: person id (from the link) and the text of each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, list[str]] = {}
        self.person: int | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        link = re.match(r"/goals/people/(\d+)", dict(attrs).get("href") or "")
        if tag == "tr":
            self.person = 0  # a row, whose person the first link names
        if tag == "a" and link and self.person == 0:
            self.person = int(link.group(1))
            self.rows[self.person] = []
        if tag == "td" and self.person:
            self.cell = []

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None and self.person:
            self.rows[self.person].append("".join(self.cell).strip())
            self.cell = None
        if tag == "tr":
            self.person = None


def _board_rows(page: str) -> dict[int, list[str]]:
    reader = _BoardReader()
    reader.feed(page)
    return reader.rows
