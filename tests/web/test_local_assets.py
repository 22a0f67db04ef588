"""Every asset comes from this server: no CDN, no web font, nothing that breaks offline or
tells a third party who is looking at a sales report."""

import re
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person
from pacesetter.web.templating import STATIC_DIR, TEMPLATES_DIR
from web.client import TestClient, UserClient
from web.org import Org, seed_numbers

# An attribute or CSS url() that loads or links something from another host.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*|url\(\s*["']?|@import\s+["'])"""
    r"""(?:https?:)?//""",
    re.IGNORECASE,
)
VENDORED = {"htmx.min.js", "chart.umd.min.js", "swagger-ui-bundle.js", "swagger-ui.css"}


def _external_links(text: str) -> list[str]:
    return [text[m.start() : m.end() + 40] for m in EXTERNAL.finditer(text)]


OWN_FILES = [
    *sorted(p.name for p in TEMPLATES_DIR.glob("*.html")),
    "../static/app.css",
    "../static/app.js",
]


@pytest.mark.parametrize("path", OWN_FILES)
def test_no_template_or_own_asset_links_to_another_host(path: str) -> None:
    assert _external_links((TEMPLATES_DIR / path).read_text(encoding="utf-8")) == []


def test_the_vendored_files_are_all_there() -> None:
    assert {p.name for p in (STATIC_DIR / "vendor").glob("*.*")} == VENDORED


def test_served_pages_link_nothing_outside(
    db: Session, org: Org, client: TestClient, client_for: Callable[[Person], UserClient]
) -> None:
    seed_numbers(db, org)
    browser = client_for(org.mia)
    pages = [
        client.get("/login").text,
        client.get("/api/docs").text,
        browser.get("/", params={"as_of": "2026-02-15"}).text,
        browser.get(f"/people/{org.ravi.id}").text,
        browser.get("/no/such/page").text,
        client_for(make_person(db, role="rep")).get(f"/people/{org.mia.id}").text,
    ]
    assert [link for page in pages for link in _external_links(page)] == []
    assert not any(re.search(r"https?://", page) for page in pages)
