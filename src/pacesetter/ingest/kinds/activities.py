"""activities: calls, emails, meetings... by one person, the largest file by far.

`occurred_at` is an ISO date or date-time, with or without an offset. It is stored in UTC and
counted on `occurred_on`, its date in the organisation's time zone; a date-time without offset
is local time, and a plain date is taken as it is (stored as its local midnight).
"""

from pacesetter.domain.vocab import ActivityType
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import load_accounts, load_deals, load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record
from pacesetter.store.models import Activity

TYPES = tuple(activity_type.value for activity_type in ActivityType)


class Activities(Kind):
    name = "activities"
    table = Activity.__table__
    required = ("external_id", "owner", "type", "occurred_at")
    optional = ("account", "deal", "outcome", "with_decision_maker")

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        session = context.session
        self.people, self.accounts, self.deals = (
            load_people(session),
            load_accounts(session),
            load_deals(session),
        )

    def parse(self, row: Row) -> Record:
        moment = row.moment("occurred_at", required=True)
        occurred_at, occurred_on = self.context.clock.place(moment) if moment else (None, None)
        return self.given(
            row,
            {
                "external_id": row.text("external_id", self.length("external_id"), required=True),
                "owner_id": row.ref("owner", self.people, required=True),
                "type": row.choice("type", TYPES, required=True),
                "occurred_at": occurred_at,
                "occurred_on": occurred_on,
                "account_id": row.ref("account", self.accounts),
                "deal_id": row.ref("deal", self.deals),
                "outcome": row.text("outcome", self.length("outcome")),
                "with_decision_maker": row.flag("with_decision_maker"),
            },
        )
