"""An outbox row as the plain data its mail shows (headline, details, one link)."""

from dataclasses import dataclass
from typing import Any

from pacesetter.digest.links import Links
from pacesetter.domain import formatting
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.store.models import MailOutbox, Person


@dataclass(frozen=True)
class EventView:
    to: str
    name: str
    subject: str
    headline: str
    details: list[str]
    action: str
    link: str
    app_link: str
    preferences_link: str


def event_view(row: MailOutbox, person: Person, links: Links, currency: str) -> EventView:
    p = row.payload
    goal = _goal_words(p, currency)
    headline, subject, action = {
        "goal_proposed": (f"{p['by']} proposes {goal}.", f"To decide: {goal}", "Decide"),
        "goal_decided": (
            f"{p['by']} {p['status']} your proposal: {goal}.",
            f"Your proposal was {p['status']}: {goal}",
            "See the goal",
        ),
        "goal_changed": (
            f"{p['by']} changed your approved goal: {goal}.",
            f"Your goal changed: {goal}",
            "See the goal",
        ),
    }[row.kind]
    details = _details(p)
    return EventView(
        person.email,
        person.name,
        f"Pacesetter: {subject}",
        headline,
        details,
        action,
        links.goal(p["goal_id"]),
        links.home(),
        links.preferences(person.id),
    )


def _goal_words(p: dict[str, Any], currency: str) -> str:
    entry = REGISTRY.get(p["metric"])
    label = entry.label if entry else p["metric"]
    target = formatting.in_unit(p["target"], entry.unit.value if entry else "count", currency)
    whose = f"{p['owner']}'s team" if p["scope"] == "team" else p["owner"]
    return f"{label} {target} for {whose} in {p['period']}"


def _details(p: dict[str, Any]) -> list[str]:
    lines = []
    if p.get("fields"):
        lines.append(f"Changed: {', '.join(p['fields'])}")
    if p.get("note"):
        lines.append(f"Note: {p['note']}")
    return lines
