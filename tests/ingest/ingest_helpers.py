"""A small organisation with fixed external ids, and shortcuts to import text as a file.

People: Dana Boss (P1, director) > Mia Manager (P2, manager) > Rob Rep (P3), Rita Rep (P4);
two reps both named Sam Lee (P5, P6), so "Sam Lee" is ambiguous. Accounts: Acme Corp (A1, Rob),
Globex (A2, Rita). Deal D1 (Rob, Acme). No organisation settings: the time zone is UTC.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pacesetter.ingest import ColumnMapping, ImportReport, run_import
from pacesetter.store.models import Account, Deal, Person

TABLES = (
    "people",
    "accounts",
    "deals",
    "deal_changes",
    "activities",
    "forecasts",
    "plan_lines",
    "coaching_records",
    "import_runs",
)


@dataclass
class Org:
    dana: Person
    mia: Person
    rob: Person
    rita: Person
    acme: Account
    globex: Account
    deal: Deal


def _person(db: Session, external_id: str, name: str, role: str, manager: Person | None) -> Person:
    email = name.lower().replace(" ", ".") + f".{external_id.lower()}@example.com"
    if external_id in ("P1", "P2", "P3", "P4"):
        email = name.split()[0].lower() + "@example.com"
    person = Person(
        external_id=external_id,
        name=name,
        email=email,
        role=role,
        manager_id=manager.id if manager else None,
        start_date=date(2020, 1, 1),
    )
    db.add(person)
    db.flush()
    return person


def make_org(db: Session) -> Org:
    dana = _person(db, "P1", "Dana Boss", "director", None)
    mia = _person(db, "P2", "Mia Manager", "manager", dana)
    rob = _person(db, "P3", "Rob Rep", "rep", mia)
    rita = _person(db, "P4", "Rita Rep", "rep", mia)
    _person(db, "P5", "Sam Lee", "rep", mia)
    _person(db, "P6", "Sam Lee", "rep", mia)
    acme = Account(external_id="A1", name="Acme Corp", owner_id=rob.id)
    globex = Account(external_id="A2", name="Globex", owner_id=rita.id)
    db.add_all([acme, globex])
    db.flush()
    deal = Deal(
        external_id="D1",
        owner_id=rob.id,
        account_id=acme.id,
        amount=1000.0,
        status="open",
        stage="Discovery",
        created_date=date(2026, 1, 5),
        close_date=date(2026, 3, 31),
    )
    db.add(deal)
    db.flush()
    return Org(dana, mia, rob, rita, acme, globex, deal)


def run_text(
    db: Session,
    tmp_path: Path,
    kind: str,
    content: str,
    *,
    mapping: ColumnMapping | None = None,
    dry_run: bool = False,
    name: str = "file.csv",
) -> ImportReport:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return run_import(db, kind, path, file_name=name, mapping=mapping, dry_run=dry_run)


def errors(report: ImportReport) -> list[tuple[int | None, str | None, str]]:
    return [(e["line"], e["column"], e["reason"]) for e in report.errors.to_list()]


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    return report.rows, report.added, report.updated, report.unchanged


def snapshot(db: Session) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row, per table: equal snapshots, equal data."""
    found = {}
    for table in TABLES:
        rows = db.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
        digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode()).hexdigest()
        found[table] = (len(rows), digest)
    return found


def people_by_external_id(db: Session) -> dict[str, Person]:
    return {person.external_id: person for person in db.scalars(select(Person))}
