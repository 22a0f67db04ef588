"""The audit trail, written once for every surface: a listener on every ORM session records
each insert, update and delete of the audited tables, field by field, with the actor and the
channel the session was opened for (`act_as`; a session nobody claimed is the command line's).

Why at the store: every service, page, API route and CLI command writes through a session, so
none of them can forget the trail. Set-based imports bypass the ORM; `record_import` writes one
entry per import run instead (rejected ones too). The goals' own trail (`goal_changes`, with
the reason of each change) stays as it is: it is the goal page's history; this one is the
administrator's record of everything (docs/security.md, "Audit trail").
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction

from pacesetter.store.crashpoints import crash_point
from pacesetter.store.models import (
    CoachingList,
    CoachingRecord,
    Goal,
    Holiday,
    OrgSettings,
    Person,
    PlanLine,
    PlanProposal,
    utcnow,
)
from pacesetter.store.models.audit import AuditEntry

AUDITED = (Person, Goal, PlanLine, PlanProposal, CoachingRecord, CoachingList, OrgSettings, Holiday)
# Kept out of the trail: bookkeeping every write touches; and secrets and coaching words, whose
# change is recorded without their text: the trail is read by admins, and a 1:1's notes, its
# private notes and an upward-feedback answer are for their own readers only (docs/coaching.md).
SKIPPED = frozenset({"created_at", "updated_at"})
REDACTED = frozenset(
    {"password_hash", "notes", "private_notes", "went_well", "to_improve", "details"}
)
HIDDEN = "(not shown)"
ACTOR_KEY = "audit_actor"


@dataclass(frozen=True)
class AuditActor:
    person_id: int | None
    channel: str  # web, api, cli or import


COMMAND_LINE = AuditActor(None, "cli")


def act_as(session: Session, person_id: int | None, channel: str) -> None:
    """Every change this session flushes from now on is recorded as `person_id`'s on
    `channel`."""
    session.info[ACTOR_KEY] = AuditActor(person_id, channel)


def actor_of(session: Session) -> AuditActor:
    return session.info.get(ACTOR_KEY, COMMAND_LINE)


def as_text(value: Any) -> str | None:
    """A value as the trail keeps it: dates ISO 8601, structures as sorted JSON."""
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))
    return str(value)


def _shown(field: str, value: Any) -> str | None:
    return HIDDEN if field in REDACTED and value is not None else as_text(value)


def _key(obj: Any) -> str:
    return ",".join(str(part) for part in inspect(obj).identity or ("?",))


def _entry(actor: AuditActor, obj: Any, action: str, **values: Any) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "actor_id": actor.person_id,
        "channel": actor.channel,
        "table_name": obj.__tablename__,
        "row_key": _key(obj)[:100],
        "action": action,
        "field": None,
        "old_value": None,
        "new_value": None,
        **values,
    }


def _fields(obj: Any) -> list[str]:
    return [column.key for column in inspect(obj).mapper.column_attrs if column.key not in SKIPPED]


def _snapshot(obj: Any) -> str:
    """A whole row as one JSON object (an insert's new value, a delete's old one)."""
    return json.dumps({field: _shown(field, getattr(obj, field)) for field in _fields(obj)})


def _updates(actor: AuditActor, obj: Any) -> list[dict[str, Any]]:
    state, entries = inspect(obj), []
    for field in _fields(obj):
        history = state.attrs[field].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if as_text(old) != as_text(new):
            values = {
                "field": field,
                "old_value": _shown(field, old),
                "new_value": _shown(field, new),
            }
            entries.append(_entry(actor, obj, "update", **values))
    return entries


def _entries(session: Session, actor: AuditActor) -> list[dict[str, Any]]:
    entries = [
        _entry(actor, obj, "insert", new_value=_snapshot(obj))
        for obj in session.new
        if isinstance(obj, AUDITED)
    ]
    for obj in session.dirty:
        if isinstance(obj, AUDITED) and session.is_modified(obj, include_collections=False):
            entries.extend(_updates(actor, obj))
    entries.extend(
        _entry(actor, obj, "delete", old_value=_snapshot(obj))
        for obj in session.deleted
        if isinstance(obj, AUDITED)
    )
    return entries


@event.listens_for(Session, "after_flush")
def _record_flush(session: Session, _flush: UOWTransaction) -> None:
    """After the flush, where new rows have their keys and every attribute still its history;
    the entries go in with the same transaction, so they commit or roll back with the change."""
    entries = _entries(session, actor_of(session))
    if entries:
        session.connection().execute(insert(AuditEntry), entries)
    for table in sorted({entry["table_name"] for entry in entries}):
        crash_point(f"audited:{table}")


def record_import(session: Session, summary: dict[str, Any], actor_id: int | None) -> None:
    """One entry for one import run, accepted or rejected: its kind, file and counts."""
    entry = {
        "at": utcnow(),
        "actor_id": actor_id,
        "channel": "import",
        "table_name": "import_runs",
        "row_key": str(summary.get("run_id") or "-"),
        "action": "import",
        "field": str(summary["kind"]),
        "old_value": None,
        "new_value": json.dumps(summary, sort_keys=True, default=str),
    }
    session.connection().execute(insert(AuditEntry), [entry])
    crash_point("audited:import_runs")
