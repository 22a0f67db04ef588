"""POST /api/v1/imports: an upload imported exactly as `pacesetter import` does, answering the
CLI's JSON summary; GET /api/v1/imports: the recent runs. Admins only."""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from ingest.ingest_helpers import make_org, snapshot
from pacesetter.imports import uploads as service
from pacesetter.store.models import ImportRun, Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
SAMPLES = Path(__file__).resolve().parent.parent / "ingest" / "samples"
URL = "/api/v1/imports"
PEOPLE = (
    "external_id,name,email,role,manager\n"
    "E1,Erin Lead,erin@example.com,manager,\n"
    "E2,Eli Rep,eli@example.com,rep,E1\n"
)
# Line 2: an unknown role; line 3: no email, and a manager nobody has.
BAD_PEOPLE = (
    "external_id,name,email,role,manager\n"
    "E1,Erin Lead,erin@example.com,boss,\n"
    "E2,Eli Rep,,rep,Nobody Here\n"
)


def upload(
    browser: UserClient,
    kind: str,
    content: bytes | str,
    name: str = "people.csv",
    *,
    csrf: bool = True,
    **fields: Any,
) -> Response:
    data = content.encode() if isinstance(content, str) else content
    files: dict[str, Any] = {"file": (name, data, "text/csv")}
    if "mapping" in fields:
        files["mapping"] = fields.pop("mapping")
    headers = {"X-CSRF-Token": browser.csrf_token} if csrf else {}
    return browser.post(URL, data={"kind": kind, **fields}, files=files, headers=headers)


def people_named(db: Session, *names: str) -> list[str]:
    return list(db.scalars(select(Person.name).where(Person.name.in_(names)).order_by(Person.name)))


def test_an_admin_imports_a_file_and_gets_the_cli_summary(
    db: Session, org: Org, client_for: SignIn
) -> None:
    answer = upload(client_for(org.ada), "people", PEOPLE)
    assert answer.status_code == 200
    assert answer.json() == {
        "kind": "people",
        "file": "people.csv",
        "rows": 2,
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "warnings": [],
        "errors": [],
        "changes": {"rows": [], "fields": {}},
    }
    assert people_named(db, "Eli Rep", "Erin Lead") == ["Eli Rep", "Erin Lead"]
    run = db.scalars(select(ImportRun)).one()
    assert (run.kind, run.file_name, run.actor_id, run.added) == (
        "people",
        "people.csv",
        org.ada.id,
        2,
    )


def test_the_same_file_again_changes_nothing(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    upload(admin, "people", PEOPLE)
    again = upload(admin, "people", PEOPLE).json()
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_rejected_file_answers_422_with_every_error_and_writes_nothing(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    before = snapshot(db)
    answer = upload(admin, "people", BAD_PEOPLE)
    assert answer.status_code == 422
    body = answer.json()
    assert (body["kind"], body["rows"], body["added"]) == ("people", 2, 0)
    found = [(e["line"], e["column"], e["value"]) for e in body["errors"]]
    assert found == [(2, "role", "boss"), (3, "email", ""), (3, "manager", "Nobody Here")]
    assert snapshot(db) == before


def test_a_dry_run_counts_and_writes_nothing(db: Session, org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    before = snapshot(db)
    answer = upload(admin, "people", PEOPLE, dry_run="true")
    assert answer.status_code == 200
    assert (answer.json()["added"], answer.json()["rows"]) == (2, 2)
    assert snapshot(db) == before  # not even an import run


def test_a_rejected_dry_run_answers_422(org: Org, client_for: SignIn) -> None:
    answer = upload(client_for(org.ada), "people", BAD_PEOPLE, dry_run="true")
    assert answer.status_code == 422
    assert len(answer.json()["errors"]) == 3


@pytest.mark.parametrize("who", ["dana", "mia", "ravi"])
def test_imports_are_out_of_reach_for_everyone_but_admins(
    who: str, db: Session, org: Org, client_for: SignIn
) -> None:
    browser = client_for(getattr(org, who))
    before = snapshot(db)
    sent = upload(browser, "people", PEOPLE)
    listed = browser.get(URL)
    nowhere = browser.get("/api/v1/no-such-thing")
    assert [sent.status_code, listed.status_code] == [404, 404]
    assert sent.json() == listed.json() == nowhere.json()  # as if the endpoint did not exist
    assert snapshot(db) == before


def test_an_upload_without_the_csrf_token_is_refused(
    db: Session, org: Org, client_for: SignIn
) -> None:
    admin = client_for(org.ada)
    before = snapshot(db)
    answer = upload(admin, "people", PEOPLE, csrf=False)
    assert answer.status_code == 403
    assert snapshot(db) == before


def test_a_salesforce_export_imports_with_its_preset(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_org(db)  # Rob Rep, rita@example.com, Acme Corp and Globex, whom the export names
    export = (SAMPLES / "salesforce-opportunities.csv").read_bytes()
    answer = upload(
        client_for(org.ada), "deals", export, "opps.csv", preset="salesforce-opportunities"
    )
    assert answer.status_code == 200
    body = answer.json()
    assert (body["rows"], body["added"], body["errors"]) == (3, 3, [])
    ignored = [warning["column"] for warning in body["warnings"]]
    assert ignored == ["Fiscal Period", "Probability (%)", "Age", "Lead Source", "Type"]


def test_a_preset_for_another_kind_rejects_the_import(org: Org, client_for: SignIn) -> None:
    answer = upload(client_for(org.ada), "people", PEOPLE, preset="hubspot-deals")
    assert answer.status_code == 422
    assert (
        answer.json()["errors"][0]["reason"]
        == "mapping hubspot-deals.yaml is for deals, not people"
    )


def test_an_uploaded_mapping_file_renames_columns(
    db: Session, org: Org, client_for: SignIn
) -> None:
    renamed = PEOPLE.replace("external_id,name,email", "Employee ID,Full Name,Work Email")
    mapping = b"columns:\n  Employee ID: external_id\n  Full Name: name\n  Work Email: email\n"
    answer = upload(
        client_for(org.ada), "people", renamed, mapping=("hr.yaml", mapping, "text/yaml")
    )
    assert answer.status_code == 200
    assert people_named(db, "Eli Rep", "Erin Lead") == ["Eli Rep", "Erin Lead"]


def test_a_broken_mapping_file_rejects_the_import_and_is_named(
    org: Org, client_for: SignIn
) -> None:
    answer = upload(
        client_for(org.ada), "people", PEOPLE, mapping=("hr.yaml", b"columns: [1, 2]", "text/yaml")
    )
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["reason"].startswith("mapping hr.yaml: ")


def test_a_preset_and_a_mapping_file_together_are_refused(org: Org, client_for: SignIn) -> None:
    answer = upload(
        client_for(org.ada),
        "deals",
        PEOPLE,
        preset="hubspot-deals",
        mapping=("hr.yaml", b"columns: {}", "text/yaml"),
    )
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["reason"] == "Choose a preset or a mapping file, not both."


def test_an_xlsx_workbook_imports_like_a_csv(db: Session, org: Org, client_for: SignIn) -> None:
    book = openpyxl.Workbook()
    for line in PEOPLE.splitlines():
        book.active.append(line.split(","))
    content = io.BytesIO()
    book.save(content)
    answer = upload(client_for(org.ada), "people", content.getvalue(), "people.xlsx")
    assert (answer.status_code, answer.json()["added"]) == (200, 2)


def test_a_client_path_in_the_file_name_is_not_kept(org: Org, client_for: SignIn) -> None:
    answer = upload(client_for(org.ada), "people", PEOPLE, "C:\\Users\\ada\\people.csv")
    assert answer.json()["file"] == "people.csv"


def test_an_unknown_kind_or_preset_is_a_malformed_request(org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    assert upload(admin, "planets", PEOPLE).status_code == 422
    assert upload(admin, "people", PEOPLE, preset="sap").status_code == 422
    assert "detail" in upload(admin, "planets", PEOPLE).json()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_UPLOAD_BYTES", 1024 * 1024)
    admin = client_for(org.ada)
    before = snapshot(db)
    big = PEOPLE + "".join(f"X{n},Person {n},p{n}@example.com,rep,\n" for n in range(40_000))
    answer = upload(admin, "people", big)
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("The upload is larger than 1 MB")
    assert snapshot(db) == before


def test_an_upload_sent_in_chunks_stops_at_the_limit(
    db: Session, org: Org, client_for: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "MAX_UPLOAD_BYTES", 1024 * 1024)
    admin = client_for(org.ada)
    boundary = "pacesetter-test"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npeople\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n\r\n'
    )

    def chunks() -> Any:  # no Content-Length: the body arrives in pieces
        yield head.encode()
        for _ in range(1100):
            yield b"x" * 1024

    answer = admin.post(
        URL,
        content=chunks(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRF-Token": admin.csrf_token,
        },
    )
    assert answer.status_code == 413
    assert answer.json()["detail"].startswith("The upload is larger than 1 MB")


def test_the_list_holds_the_recent_runs_newest_first_with_who_ran_them(
    db: Session, org: Org, client_for: SignIn
) -> None:
    db.add(ImportRun(kind="accounts", file_name="from-cli.csv", status="accepted", rows=7))
    db.flush()
    admin = client_for(org.ada)
    upload(admin, "people", PEOPLE)
    upload(admin, "people", BAD_PEOPLE)  # rejected: not a run
    body = admin.get(URL, params={"limit": 10}).json()
    assert (body["total"], body["limit"], body["offset"]) == (2, 10, 0)
    newest, oldest = body["items"]
    assert (newest["kind"], newest["file"], newest["status"]) == (
        "people",
        "people.csv",
        "accepted",
    )
    assert (newest["rows"], newest["added"], newest["updated"], newest["unchanged"]) == (2, 2, 0, 0)
    assert newest["actor"] == {"id": org.ada.id, "name": "Ada Admin"}
    assert newest["started_at"] and newest["finished_at"]
    assert (oldest["file"], oldest["actor"]) == ("from-cli.csv", None)


def test_the_endpoints_are_documented_with_their_answers(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    post, get = paths[URL]["post"], paths[URL]["get"]
    assert {"200", "404", "413", "422"} <= set(post["responses"])
    assert "multipart/form-data" in post["requestBody"]["content"]
    answered = post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    refused = post["responses"]["422"]["content"]["application/json"]["schema"]["anyOf"]
    assert answered == refused[0]["$ref"] == "#/components/schemas/ImportSummary"
    assert get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ImportRunsPage"
    )
