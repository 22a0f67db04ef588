"""The audit trail: every change to the audited tables is recorded at the store, whoever makes
it and through whichever surface, and every import run, accepted or rejected; entries can be
neither changed nor removed; admins read them on /admin/audit, in the API and as CSV."""

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from factories import make_goal, make_person
from pacesetter.ingest.service import run_import
from pacesetter.store.audit import HIDDEN, act_as
from pacesetter.store.models import AuditEntry, Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
PEOPLE = "external_id,name,email,role,manager\nE1,Erin Lead,erin@example.com,manager,\n"
BAD_PEOPLE = "external_id,name,email,role,manager\nE1,Erin Lead,erin@example.com,boss,\n"


def entries(db: Session, table: str) -> list[AuditEntry]:
    statement = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
    return list(db.scalars(statement))


def fields(entry: AuditEntry) -> tuple[Any, ...]:
    values = (entry.actor_id, entry.channel, entry.action, entry.field)
    return (*values, entry.old_value, entry.new_value)


def test_a_goal_changed_over_the_api_is_recorded_field_by_field_with_who_and_channel(
    db: Session, org: Org, client_for: SignIn
) -> None:
    goal = make_goal(db, org.ravi, "2026-Q1", 90_000)
    browser = client_for(org.mia)
    headers = {"X-CSRF-Token": browser.csrf_token}
    body = {"target": 95_000, "reason": "New logo"}
    assert browser.patch(f"/api/v1/goals/{goal.id}", json=body, headers=headers).status_code == 200
    changed = [e for e in entries(db, "goals") if e.action == "update"]
    expected = (org.mia.id, "api", "update", "target", "90000", "95000")
    assert [fields(e) for e in changed] == [expected]
    assert changed[0].row_key == str(goal.id)


def test_inserts_and_deletes_keep_the_whole_row_and_hide_secrets(db: Session) -> None:
    act_as(db, None, "cli")
    person = make_person(db, "Sam Secret")
    person.password_hash = "argon2-hash"
    db.flush()
    inserted, updated = entries(db, "people")[-2:]
    assert inserted.action == "insert"
    assert json.loads(inserted.new_value or "")["name"] == "Sam Secret"
    assert (updated.field, updated.old_value, updated.new_value) == ("password_hash", None, HIDDEN)
    db.delete(person)
    db.flush()
    deleted = entries(db, "people")[-1]
    assert (deleted.action, deleted.channel, deleted.actor_id) == ("delete", "cli", None)
    assert json.loads(deleted.old_value or "")["password_hash"] == HIDDEN


REWRITES = ["UPDATE audit_entries SET field = 'x'", "DELETE FROM audit_entries"]


@pytest.mark.parametrize("statement", REWRITES)
def test_entries_can_be_neither_changed_nor_removed(db: Session, statement: str) -> None:
    make_person(db)
    db.flush()
    with pytest.raises(DatabaseError, match="append-only"), db.begin_nested():
        db.execute(text(statement))


@pytest.mark.parametrize(("content", "accepted"), [(PEOPLE, True), (BAD_PEOPLE, False)])
def test_every_import_run_is_recorded_accepted_or_rejected(
    db: Session, content: str, accepted: bool
) -> None:
    source = io.BytesIO(content.encode())
    run_import(db, "people", source, file_name="people.csv", actor_id=None)
    entry = entries(db, "import_runs")[-1]
    summary = json.loads(entry.new_value or "")
    assert (entry.action, entry.channel, entry.field) == ("import", "import", "people")
    assert (summary["file"], summary["accepted"], summary["errors"]) == (
        "people.csv", accepted, 0 if accepted else 1
    )  # fmt: skip
    assert summary["added"] == (1 if accepted else 0)


def test_a_dry_run_is_not_an_import_run(db: Session) -> None:
    before = len(entries(db, "import_runs"))
    run_import(db, "people", io.BytesIO(PEOPLE.encode()), file_name="p.csv", dry_run=True)
    assert len(entries(db, "import_runs")) == before


def test_admins_read_the_trail_filtered_and_paginated_in_the_api(
    db: Session, org: Org, client_for: SignIn
) -> None:
    act_as(db, org.ada.id, "web")
    for target in (1, 2, 3):
        make_goal(db, org.ravi, f"2026-0{target}", target * 1000, status="draft")
    db.flush()
    browser = client_for(org.ada)
    query = {"table": "goals", "person_id": org.ada.id, "limit": 2}
    first = browser.get("/api/v1/audit", params=query).json()
    assert (first["total"], len(first["items"])) == (3, 2)
    assert [item["actor"]["name"] for item in first["items"]] == ["Ada Admin"] * 2
    rest = browser.get("/api/v1/audit", params={**query, "offset": 2}).json()
    assert [item["action"] for item in rest["items"]] == ["insert"]
    assert rest["items"][0]["at"].endswith("Z")
    none = browser.get("/api/v1/audit", params={"since": "2999-01-01"}).json()
    assert none["total"] == 0


def test_the_trail_is_out_of_reach_for_everyone_but_admins(org: Org, client_for: SignIn) -> None:
    for person in (org.ravi, org.mia, org.dana):
        browser = client_for(person)
        for url in ("/api/v1/audit", "/api/v1/audit/export", "/admin/audit", "/admin/audit.csv"):
            assert browser.get(url).status_code == 404, (person.name, url)


def test_the_csv_export_neutralises_formulas_and_the_page_lists_entries(
    db: Session, org: Org, client_for: SignIn
) -> None:
    browser = client_for(org.ada)
    act_as(db, org.ada.id, "web")
    org.ravi.name = "=HYPERLINK(1)"
    db.flush()
    exported = browser.get("/admin/audit.csv", params={"table": "people"})
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.splitlines()
    assert lines[0] == "id,at,actor_id,actor,channel,table,key,action,field,old,new"
    assert lines[1].endswith(f",web,people,{org.ravi.id},update,name,Ravi Rep,'=HYPERLINK(1)")
    assert browser.get("/api/v1/audit/export").text.splitlines()[0] == lines[0]
    page = browser.get("/admin/audit", params={"table": "people"})
    assert page.status_code == 200 and "=HYPERLINK(1)" in page.text
