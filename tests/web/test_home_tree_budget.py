"""The home page and GET /api/v1/org/tree stay small in a large organisation: whole levels of
the tree are shown while they fit in `TREE_ROWS` (the top and its direct reports always),
and each cut manager says how many people below them are one click away. The numbers shown
(team totals, bars) are those of the whole organisation, cut or not.

Dana's tree (tests/web/org.py): Dana; Mia, Omar; Ravi, Rosa, Noah, Owen; Nina: 1 + 2 + 4 + 1.
"""

import re
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.org import overview
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import AS_OF, Org, seed_numbers

SignIn = Callable[[Person], UserClient]


def _get(browser: UserClient, path: str) -> UserClient:
    answer = browser.get(path, params={"as_of": AS_OF.isoformat()})
    assert answer.status_code == 200
    return answer


@pytest.mark.parametrize(("budget", "rows"), [(3, 3), (4, 3), (6, 3), (7, 7), (8, 8), (150, 8)])
def test_the_tree_shows_whole_levels_within_the_budget(
    db: Session,
    org: Org,
    client_for: SignIn,
    monkeypatch: pytest.MonkeyPatch,
    budget: int,
    rows: int,
) -> None:
    """1 + 2 rows always; + 4 when 7 fit; + Nina when all 8 fit."""
    monkeypatch.setattr(overview, "TREE_ROWS", budget)
    page = _get(client_for(org.dana), "/").text
    assert len(re.findall(r'<tr class="tree__row', page)) == rows


def test_a_cut_manager_counts_the_people_below_and_links_to_them(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_numbers(db, org)
    monkeypatch.setattr(overview, "TREE_ROWS", 4)
    browser = client_for(org.dana)
    tree = _get(browser, "/api/v1/org/tree").json()
    dana = tree["roots"][0]
    mia, omar = sorted(dana["reports"], key=lambda node: node["person"]["name"])
    assert (mia["reports"], mia["not_shown"]) == ([], 4)  # Ravi, Rosa, Noah and Nina
    assert (omar["reports"], omar["not_shown"]) == ([], 1)  # Owen
    assert mia["team"]["revenue_won"] == 18_500  # 12,500 + 5,000 + 1,000: the whole team
    assert [bar["label"] for bar in tree["bars"]] == ["Mia Manager", "Omar Other", "Noah Nested"]
    page = _get(browser, "/").text
    assert f'href="/people/{org.mia.id}">4 more below</a>' in page


def test_a_small_organisation_is_shown_whole(db: Session, org: Org, client_for: SignIn) -> None:
    tree = _get(client_for(org.dana), "/api/v1/org/tree").json()
    assert tree["roots"][0]["not_shown"] == 0
    assert len(tree["roots"][0]["reports"]) == 2


def test_the_bars_show_the_highest_teams_and_say_how_many_were_compared(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_numbers(db, org)
    monkeypatch.setattr(overview, "BARS", 2)
    browser = client_for(org.dana)
    tree = _get(browser, "/api/v1/org/tree").json()
    assert [bar["label"] for bar in tree["bars"]] == ["Mia Manager", "Omar Other"]
    assert tree["bars_compared"] == 3  # Noah's team, the lowest, is left out
    assert "the top 2 of 3" in _get(browser, "/").text


def _statements(engine: Engine, browser: UserClient, path: str) -> int:
    issued: list[str] = []

    def count(*args: object) -> None:
        issued.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        _get(browser, path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(issued)


def test_the_statements_do_not_grow_with_the_organisation(
    db: Session, engine: Engine, org: Org, client_for: SignIn
) -> None:
    seed_numbers(db, org)
    browser = client_for(org.dana)
    before = {path: _statements(engine, browser, path) for path in ("/", "/api/v1/org/tree")}
    for index in range(12):
        manager = make_person(db, f"Extra Manager {index}", role="manager", manager=org.dana)
        make_person(db, f"Extra Rep {index}", manager=manager)
    after = {path: _statements(engine, browser, path) for path in ("/", "/api/v1/org/tree")}
    assert after == before
