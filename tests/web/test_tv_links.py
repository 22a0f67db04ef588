"""TV links: an admin makes a read-only link for one leaderboard; the screen that opens it sees
that board and nothing else without signing in (names only when chosen); revoking makes it
404; only the token's hash is stored; nobody but an admin may make or revoke one.

The org of tests/web/org.py; the boards are of the current month at the organisation's today.
"""

import re
from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_coaching, make_deal
from pacesetter.leaderboards.tv import token_hash
from pacesetter.store.models import Person, TvLink
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
TODAY = date(2026, 2, 13)
LINKS = "/leaderboard/tv-links"


@pytest.fixture
def sold(db: Session, org: Org, monkeypatch: pytest.MonkeyPatch) -> Org:
    for surface in ("web", "api"):
        monkeypatch.setattr(f"pacesetter.{surface}.routes.tv.today_in", lambda zone: TODAY)
    make_deal(db, org.ravi, amount=1200, status="won", closed=date(2026, 2, 3))
    make_deal(db, org.owen, amount=900, status="won", closed=date(2026, 2, 4))
    return org


def _make(admin: UserClient, **fields: str) -> str:
    form = {"csrf_token": admin.csrf_token, "label": "Sales floor", "metric": "revenue_won"}
    form |= {"period_kind": "month", **fields}
    page = admin.post(LINKS, data=form)
    assert page.status_code == 200
    found = re.search(r"/tv\?key=([\w-]+)", page.text)
    assert found is not None
    return found.group(0)


def test_the_screen_shows_the_chosen_board_without_signing_in(
    sold: Org, client_for: SignIn, client: TestClient
) -> None:
    address = _make(client_for(sold.ada), team=str(sold.mia.id), show_names="true")
    screen = client.get(address)
    assert screen.status_code == 200
    assert '<meta http-equiv="refresh" content="60">' in screen.text
    assert "Ravi Rep" in screen.text and "Owen Rep" not in screen.text  # Mia's team only
    assert (
        "Revenue won" in screen.text
        and "Sign out" not in screen.text
        and "<script" not in screen.text
    )


def test_names_stay_off_the_screen_unless_chosen(
    sold: Org, client_for: SignIn, client: TestClient
) -> None:
    screen = client.get(_make(client_for(sold.ada)))
    assert "$1,200" in screen.text or "1,200" in screen.text
    for person in ("Ravi Rep", "Owen Rep", "Mia Manager", "Dana Director"):
        assert person not in screen.text


def test_the_screens_json_twin_is_as_public_and_as_nameless_as_the_screen(
    sold: Org, client_for: SignIn, client: TestClient
) -> None:
    address = _make(client_for(sold.ada))
    twin = client.get(f"/api/v1{address}")
    assert twin.status_code == 200
    document = twin.json()
    assert (document["label"], document["metric"], document["period"]) == (
        "Sales floor",
        "revenue_won",
        "2026-02",
    )
    assert [row["value"] for row in document["rows"][:2]] == [1200, 900]
    for person in ("Ravi Rep", "Owen Rep", "person_id"):
        assert person not in twin.text


def test_the_twin_names_people_when_the_link_does(
    sold: Org, client_for: SignIn, client: TestClient
) -> None:
    address = _make(client_for(sold.ada), team=str(sold.mia.id), show_names="true")
    document = client.get(f"/api/v1{address}").json()
    assert "Ravi Rep" in [row["name"] for row in document["rows"]]
    assert document["team_name"] == "Mia Manager"


def test_a_recognitions_citation_is_on_the_screen_only_with_names(
    db: Session, sold: Org, client_for: SignIn, client: TestClient
) -> None:
    # A citation is free text that may name people: it goes where names go, and nowhere else.
    praised = make_coaching(db, sold.mia, "recognition", date(2026, 2, 10), person=sold.ravi)
    praised.details, praised.notes = {"award": "Deal of the month"}, "Closed Ironpoint Health."
    db.flush()
    admin = client_for(sold.ada)
    nameless, named = _make(admin), _make(admin, show_names="true")
    for address, shown in ((nameless, False), (named, True)):
        screen, twin = client.get(address).text, client.get(f"/api/v1{address}").json()
        assert "Deal of the month" in screen
        assert ("Closed Ironpoint Health." in screen) is shown
        citation = twin["recognitions"][0]["reason"]
        assert citation == ("Closed Ironpoint Health." if shown else None)


def test_revoking_makes_the_link_404(
    db: Session, sold: Org, client_for: SignIn, client: TestClient
) -> None:
    admin = client_for(sold.ada)
    address = _make(admin)
    link = db.scalars(select(TvLink)).one()
    form = {"csrf_token": admin.csrf_token, "link": link.id}
    response = admin.post(f"{LINKS}/revoke", data=form, follow_redirects=False)
    assert response.status_code == 303
    assert client.get(address).status_code == 404


def test_only_the_tokens_hash_is_stored(db: Session, sold: Org, client_for: SignIn) -> None:
    token = _make(client_for(sold.ada)).split("key=")[1]
    link = db.scalars(select(TvLink)).one()
    assert link.token_hash == token_hash(token) and token not in link.token_hash


def test_unknown_keys_are_not_found(client: TestClient, sold: Org) -> None:
    for key in ("", "nope", "x" * 65):
        assert client.get(f"/tv?key={key}").status_code in (404, 422)
        assert client.get(f"/api/v1/tv?key={key}").status_code in (404, 422)


def test_nobody_but_an_admin_makes_or_revokes_links(
    db: Session, sold: Org, client_for: SignIn
) -> None:
    manager = client_for(sold.mia)
    assert manager.get(LINKS).status_code == 404
    form = {"csrf_token": manager.csrf_token, "label": "x", "metric": "revenue_won"}
    assert manager.post(LINKS, data=form | {"period_kind": "month"}).status_code == 404
    assert db.scalars(select(TvLink)).all() == []


def test_a_refused_link_writes_nothing_and_keeps_what_was_typed(
    db: Session, sold: Org, client_for: SignIn
) -> None:
    admin = client_for(sold.ada)
    form = {"csrf_token": admin.csrf_token, "label": "Floor 2", "metric": "luck"}
    page = admin.post(LINKS, data=form | {"period_kind": "month"})
    assert page.status_code == 422 and 'value="Floor 2"' in page.text
    assert db.scalars(select(TvLink)).all() == []
