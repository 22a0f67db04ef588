"""The upload page's preview shows what an import would change in existing rows, old -> new,
and says first how many people would be renamed or moved."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from ingest.ingest_helpers import snapshot
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org
from web.test_imports_page import preview, run, staging_root, text_of, token_of

__all__ = ["staging_root"]  # the fixture that keeps uploads in the test's own folder
SignIn = Callable[[Person], UserClient]
PEOPLE = "External ID,Name,Email,Role\nE1,Erin Lead,erin@example.com,manager\n"
RENAMED = "External ID,Name,Email,Role\nE1,Erin Leader,erin@example.com,manager\n"


def test_a_preview_says_who_will_be_renamed_and_shows_old_and_new(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    run(admin, token_of(preview(admin, PEOPLE)))
    before = snapshot(db)
    words = text_of(preview(admin, RENAMED))
    assert "What will change in 1 existing row" in words
    assert "1 person will be renamed." in words
    assert "E1 name Erin Lead Erin Leader" in words
    assert snapshot(db) == before


def test_the_result_of_an_import_says_what_changed(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    run(admin, token_of(preview(admin, PEOPLE)))
    words = text_of(run(admin, token_of(preview(admin, RENAMED))))
    assert "What changed in 1 existing row" in words
    assert "1 person was renamed." in words
