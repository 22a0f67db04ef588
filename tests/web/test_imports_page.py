"""The upload page, as a browser without JavaScript uses it: choose a file, preview it (a dry
run and its first rows), import it without choosing it again, see the summary. Admins only."""

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from httpx import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_person
from ingest.ingest_helpers import make_org, snapshot
from pacesetter.imports import staging as import_staging
from pacesetter.imports import uploads as imports
from pacesetter.store.models import ImportRun, Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
SAMPLES = Path(__file__).resolve().parent.parent / "ingest" / "samples"
PEOPLE = (
    "External ID,Name,Email,Role,Manager\n"
    "E1,Erin Lead,erin@example.com,manager,\n"
    "E2,Eli Rep,eli@example.com,rep,E1\n"
)


@pytest.fixture(autouse=True)
def staging_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Kept uploads go to the test's own folder."""
    root = tmp_path / "uploads"
    monkeypatch.setattr(import_staging, "STAGING_ROOT", root)
    return root


def preview(
    browser: UserClient,
    content: str | bytes | None,
    kind: str = "people",
    name: str = "people.csv",
    **fields: str,
) -> Response:
    files = {} if content is None else {"file": (name, content, "text/csv")}
    data = {"csrf_token": browser.csrf_token, "kind": kind, **fields}
    return browser.post("/imports/preview", data=data, files=files)


def token_of(page: Response) -> str:
    found = re.search(r'name="upload" value="([^"]+)"', page.text)
    assert found, "the page keeps no upload"
    return found.group(1)


def run(browser: UserClient, token: str) -> Response:
    return browser.post("/imports/run", data={"csrf_token": browser.csrf_token, "upload": token})


def text_of(page: Response) -> str:
    """The page's words, without tags or runs of white space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.text))


def runs(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(ImportRun)) or 0


def test_the_page_offers_every_kind_the_presets_and_the_limit(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    page = admin.get("/imports")
    assert page.status_code == 200
    for kind in ("people", "accounts", "deals", "activities", "forecasts", "goals"):
        assert f'<option value="{kind}">' in page.text
    assert '<optgroup label="Deals">' in page.text and "salesforce-opportunities" in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert f'name="csrf_token" value="{admin.csrf_token}"' in page.text
    assert "up to 200 MB" in page.text
    assert "No file has been imported yet." in page.text
    assert 'href="/imports"' in page.text  # the admin's side navigation links here


def test_the_presets_narrow_to_the_chosen_kind(org: Org, client_for: SignIn) -> None:
    page = client_for(org.ada).get("/imports", params={"kind": "activities"})
    assert "salesforce-activities" in page.text and "hubspot-activities" in page.text
    assert "salesforce-opportunities" not in page.text
    assert "Required columns: <code>external_id</code>, <code>owner</code>" in page.text


@pytest.mark.parametrize("who", ["dana", "mia", "ravi"])
def test_the_page_is_not_found_for_anyone_but_admins(
    who: str, db: Session, org: Org, client_for: SignIn
) -> None:
    browser = client_for(getattr(org, who))
    before = snapshot(db)
    answers = [
        browser.get("/imports"),
        preview(browser, PEOPLE),
        run(browser, "x" * 32),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404]
    assert "Page not found" in answers[0].text
    assert 'href="/imports"' not in browser.get("/").text
    assert snapshot(db) == before


def test_a_preview_shows_the_rows_as_read_and_what_would_change(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    before = snapshot(db)
    page = preview(admin, PEOPLE)
    assert page.status_code == 200
    words = text_of(page)
    assert "Ready to import." in words
    # Two new people: 2 rows, 2 would be added, none updated or unchanged.
    assert "Rows 2 Would be added 2 Would be updated 0 Unchanged 0 Warnings 0 Errors 0" in words
    # Pacesetter's column names (the file's headers say the same in other words).
    assert "Line external_id name email role manager 2 E1 Erin Lead" in words
    assert "3 E2 Eli Rep eli@example.com rep E1" in words
    assert "Import 2 rows" in words
    assert snapshot(db) == before  # a preview writes nothing


def test_importing_after_the_preview_needs_no_second_upload(
    db: Session, org: Org, client_for: SignIn, staging_root: Path
) -> None:
    admin = client_for(org.ada)
    token = token_of(preview(admin, PEOPLE))
    page = run(admin, token)
    assert page.status_code == 200
    words = text_of(page)
    assert "Imported: people.csv" in words
    assert "Done. 2 rows of people: 2 added, 0 updated, 0 unchanged." in words
    run_row = db.scalars(select(ImportRun)).one()
    assert (run_row.actor_id, run_row.file_name, run_row.added) == (org.ada.id, "people.csv", 2)
    assert "people.csv 2 2 0 0 Ada Admin" in words  # the recent imports
    assert list(staging_root.iterdir()) == []  # the kept upload is gone


def test_an_upload_imports_once_however_often_it_is_sent(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    token = token_of(preview(admin, PEOPLE))
    run(admin, token)
    again = run(admin, token)
    assert "That upload is no longer waiting" in text_of(again)
    assert runs(db) == 1


def test_an_upload_not_imported_within_the_hour_is_gone(
    db: Session, org: Org, client_for: SignIn, staging_root: Path
) -> None:
    admin = client_for(org.ada)
    token = token_of(preview(admin, PEOPLE))
    an_hour_ago = time.time() - import_staging.STAGING_TTL.total_seconds() - 1
    os.utime(staging_root / token / "upload.json", (an_hour_ago, an_hour_ago))
    assert "no longer waiting" in text_of(run(admin, token))
    fresh = token_of(preview(admin, PEOPLE))  # the next upload clears the expired one away
    assert [folder.name for folder in staging_root.iterdir()] == [fresh]
    assert runs(db) == 0


def test_a_rejected_preview_lists_the_errors_and_offers_no_import(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    bad = PEOPLE.replace("eli@example.com,rep", "eli@example.com,boss")
    page = preview(admin, bad)
    words = text_of(page)
    assert "This file would be rejected : 1 error in 2 rows." in words
    assert "3 Role boss unknown value (expected one of: rep, manager, director, admin)" in words
    assert 'class="is-bad"' in page.text  # the bad cell is marked in the preview
    assert "/imports/run" not in page.text
    assert runs(db) == 0


def test_a_salesforce_export_previews_through_its_preset(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_org(db)  # the people and accounts the export names
    admin = client_for(org.ada)
    export = (SAMPLES / "salesforce-opportunities.csv").read_bytes()
    page = preview(admin, export, "deals", "opps.csv", preset="salesforce-opportunities")
    words = text_of(page)
    assert "Ready to import." in words
    assert "owner “Opportunity Owner”" in words and "status from the mapping" in words
    assert "Rob Rep" in words and "Closed Won" in words
    assert "Fiscal Period unknown column, ignored" in words
    assert "Done. 3 rows of deals: 3 added" in text_of(run(admin, token_of(page)))


def test_the_kept_upload_can_be_checked_again_with_other_choices(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    first = preview(admin, PEOPLE, "accounts")
    assert "would be rejected" in text_of(first)
    assert "people.csv uploaded, kept for an hour" in text_of(first)
    second = preview(admin, None, "people", upload=token_of(first))
    assert "Ready to import." in text_of(second)
    assert "Done. 2 rows of people" in text_of(run(admin, token_of(second)))


def test_a_mapping_file_is_kept_with_the_upload(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    renamed = PEOPLE.replace("Email", "Work Email")
    mapping = ("hr.yaml", b"columns:\n  Work Email: email\n", "text/yaml")
    data = {"csrf_token": admin.csrf_token, "kind": "people"}
    files: dict[str, Any] = {"file": ("people.csv", renamed, "text/csv"), "mapping": mapping}
    page = admin.post("/imports/preview", data=data, files=files)
    assert "Ready to import." in text_of(page)
    assert "Using hr.yaml until you choose another file or a preset." in text_of(page)
    assert "Done. 2 rows of people" in text_of(run(admin, token_of(page)))


def test_the_form_says_what_is_missing(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    assert "Choose what the file holds." in text_of(preview(admin, PEOPLE, kind=""))
    no_file = text_of(preview(admin, None))
    assert "Choose a CSV or XLSX file to import." in no_file


def test_another_admins_upload_cannot_be_imported(
    db: Session, org: Org, client_for: SignIn
) -> None:
    token = token_of(preview(client_for(org.ada), PEOPLE))
    other = client_for(make_person(db, "Abe Admin", role="admin"))
    assert "no longer waiting" in text_of(run(other, token))
    assert runs(db) == 0


def test_an_upload_over_the_limit_goes_back_to_the_form_with_the_reason(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 1024 * 1024)
    admin = client_for(org.ada)
    big = PEOPLE + "".join(f"X{n},Person {n},p{n}@example.com,rep,\n" for n in range(40_000))
    page = preview(admin, big)
    assert page.url.path == "/imports" and page.history[0].status_code == 303
    assert "The upload is larger than 1 MB" in text_of(page)
    assert runs(db) == 0


def test_a_preview_without_the_csrf_token_is_refused(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    files = {"file": ("people.csv", PEOPLE, "text/csv")}
    answer = admin.post("/imports/preview", data={"kind": "people"}, files=files)
    assert answer.status_code == 403
