"""An import in a real browser: an admin uploads a people file, sees the preview (nothing
written yet), imports it without choosing the file again, and sees the summary and the run in
the recent imports. Screenshots of each step go to /tmp/shots/import-*.png."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.pages import PASSWORD, shoot, sign_in
from browser.seed import SeededOrg
from factories import make_person
from pacesetter.auth.passwords import hash_password
from pacesetter.store.db import make_engine, unit_of_work

ADMIN_EMAIL = "ada.admin@northwind.example"
# A new team for Kwame Mensah (named by his full name, as a CRM export does) and its lead.
NEW_PEOPLE = """external_id,name,email,role,manager,team,territory,start_date,manager_type
N-100,Zara Ahmed,zara@northwind.example,manager,Kwame Mensah,East,New York,2026-01-05,player_coach
N-101,Liam O'Brien,liam@northwind.example,rep,N-100,East,Boston,2026-01-12,
N-102,Sofia Marquez,sofia@northwind.example,rep,N-100,East,New York,2026-01-12,
N-103,Kenji Watanabe,kenji@northwind.example,rep,N-100,East,Philadelphia,2026-02-02,
N-104,Amara Okafor,amara@northwind.example,rep,N-100,East,New York,2026-02-02,
N-105,Lucas Petit,lucas@northwind.example,rep,N-100,East,Boston,2026-02-16,
"""


@pytest.fixture(autouse=True)
def private_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server keeps uploads in the test's own temporary folder (it inherits TMPDIR)."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))


@pytest.fixture
def admin(new_database_url: str, seeded: SeededOrg) -> str:
    """An administrator of the seeded organisation; their email."""
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as db:
        person = make_person(db, "Ada Admin", role="admin", email=ADMIN_EMAIL)
        person.password_hash = hash_password(PASSWORD)
    engine.dispose()
    return ADMIN_EMAIL


def test_an_admin_previews_and_imports_a_people_file(
    server: str,
    browser: Browser,
    admin: str,
    tmp_path: Path,
) -> None:
    people = tmp_path / "enterprise-east.csv"
    people.write_text(NEW_PEOPLE, encoding="utf-8")
    page, problems = sign_in(browser, server, admin)
    page.click("text=Import data")
    page.wait_for_url(f"{server}/imports")
    expect(page.locator("h1")).to_have_text("Import data")
    shoot(page, "import-form")

    _preview(page, people)
    preview = page.locator("#preview")
    expect(preview.locator(".verdict")).to_contain_text("Ready to import")
    expect(preview.locator(".import-preview tbody tr")).to_have_count(6)
    expect(preview.locator(".import-preview")).to_contain_text("Kwame Mensah")
    expect(preview.locator(".import-count--added dd")).to_have_text("6")
    _shoot_from_top(page, "import-preview")

    page.click("button:has-text('Import 6 rows')")
    result = page.locator("#result")
    expect(result).to_contain_text("6 rows of people: 6 added, 0 updated, 0 unchanged")
    expect(page.locator("#recent-imports")).to_contain_text("enterprise-east.csv")
    expect(page.locator("#recent-imports")).to_contain_text("Ada Admin")
    _shoot_from_top(page, "import-result")

    page.goto(f"{server}/")
    expect(page.locator("table.tree")).to_contain_text("Zara Ahmed")
    assert problems == []


def test_a_rejected_file_shows_every_error_and_no_import_button(
    server: str,
    browser: Browser,
    admin: str,
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(
        NEW_PEOPLE.replace(",rep,N-100,East,Boston,2026-01-12", ",intern,N-100,,,")
        .replace("kenji@northwind.example", "kenji.northwind")
        .replace("2026-02-16", "16/02/2026"),
        encoding="utf-8",
    )
    page, problems = sign_in(browser, server, admin)
    page.goto(f"{server}/imports")
    _preview(page, broken)
    preview = page.locator("#preview")
    expect(preview.locator(".verdict")).to_contain_text("This file would be rejected")
    expect(preview.locator(".import-problems--bad tbody tr")).to_have_count(3)
    expect(preview.locator("td.is-bad")).to_have_count(3)
    expect(page.locator("button:has-text('Import')")).to_have_count(0)
    _shoot_from_top(page, "import-rejected")
    assert problems == []


def _shoot_from_top(page: Page, name: str) -> None:
    """A full-page shot taken scrolled to the top, where the sticky top bar belongs."""
    page.evaluate("window.scrollTo(0, 0)")
    shoot(page, name)


def _preview(page: Page, file: Path) -> None:
    page.select_option("#kind", "people")
    expect(page.locator("#kind-help")).to_contain_text("Required columns")  # HTMX swapped it in
    page.set_input_files("#file", str(file))
    page.click("button:has-text('Preview')")
    expect(page.locator("#preview")).to_be_visible()
