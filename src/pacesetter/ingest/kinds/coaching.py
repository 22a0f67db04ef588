"""coaching: 1:1s, check-ins, ride-alongs, surveys... one record per row, keyed by external_id.

`author` did it and `person` is its subject, required except for a team meeting or an interview
(data-formats.md). `occurred_at` is placed with the organisation's clock exactly as an
activity's is: stored in UTC, counted on its local date. Beyond the cell checks, a row is
refused when it cannot mean anything: a rating that is not a whole number from 1 to 5, a survey
answer (upward feedback, customer experience) without a rating, a customer-experience rating
without the customer (`account`), or a record about its own author (a 1:1 with oneself; only
a customer-experience rating and a recognition may name their author as the subject).
"""

from pacesetter.domain.vocab import COACHING_WITHOUT_SUBJECT, CoachingType
from pacesetter.ingest.cells import Cell, CellError, is_blank, number
from pacesetter.ingest.kinds.base import TEXT_LIMIT, Kind, KindContext
from pacesetter.ingest.refs import load_accounts, load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record
from pacesetter.store.models import CoachingRecord

TYPES = tuple(coaching_type.value for coaching_type in CoachingType)
RATED = frozenset({CoachingType.UPWARD_FEEDBACK, CoachingType.CUSTOMER_EXPERIENCE})
# A record its author may be the subject of: the owner enters their customer's rating; a
# player-coach's own deal can be the team's deal of the month.
SELF_ENTERED = frozenset({CoachingType.CUSTOMER_EXPERIENCE, CoachingType.RECOGNITION})


class Coaching(Kind):
    name = "coaching"
    table = CoachingRecord.__table__
    required = ("external_id", "type", "author", "occurred_at")
    optional = ("person", "rating", "skill", "notes", "account")

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)
        self.accounts = load_accounts(context.session)

    def parse(self, row: Row) -> Record:
        moment = row.moment("occurred_at", required=True)
        occurred_at, occurred_on = self.context.clock.place(moment) if moment else (None, None)
        record = {
            "external_id": row.text("external_id", self.length("external_id"), required=True),
            "type": row.choice("type", TYPES, required=True),
            "author_id": row.ref("author", self.people, required=True),
            "occurred_at": occurred_at,
            "occurred_on": occurred_on,
            "person_id": row.ref("person", self.people),
            "rating": row.get("rating", _rating),
            "skill": row.text("skill", self.length("skill")),
            "notes": row.text("notes", TEXT_LIMIT),
            "account_id": row.ref("account", self.accounts),
        }
        if record["type"] is not None:
            kind = CoachingType(record["type"])
            _check_needed(row, kind)
            _check_not_about_author(row, kind, record)
        return self.given(row, record)


def _rating(cell: Cell) -> int:
    value = number(cell)
    if not value.is_integer() or not 1 <= value <= 5:
        raise CellError("a rating is a whole number from 1 to 5")
    return int(value)


def _check_needed(row: Row, kind: CoachingType) -> None:
    """The cells this type of record cannot do without (an unreadable cell was reported
    already, so only blank ones are)."""
    if kind not in COACHING_WITHOUT_SUBJECT and is_blank(row.cell("person")):
        row.fail("person", row.cell("person"), f"a {kind} record needs its subject (person)")
    if kind in RATED and is_blank(row.cell("rating")):
        row.fail("rating", row.cell("rating"), f"a {kind} record needs its rating")
    if kind is CoachingType.CUSTOMER_EXPERIENCE and is_blank(row.cell("account")):
        reason = "a customer_experience record needs the customer who rated (account)"
        row.fail("account", row.cell("account"), reason)


def _check_not_about_author(row: Row, kind: CoachingType, record: Record) -> None:
    author, person = record["author_id"], record["person_id"]
    if kind not in SELF_ENTERED and author is not None and author == person:
        row.fail("person", row.cell("person"), f"a {kind} record cannot be about its author")
