"""accounts: customers and prospects, each with an owner (a person already imported)."""

from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.refs import load_people
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record
from pacesetter.store.models import Account


class Accounts(Kind):
    name = "accounts"
    table = Account.__table__
    required = ("external_id", "name", "owner")
    optional = ("segment", "territory", "is_target")

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)

    def parse(self, row: Row) -> Record:
        return self.given(
            row,
            {
                "external_id": row.text("external_id", self.length("external_id"), required=True),
                "name": row.text("name", self.length("name"), required=True),
                "owner_id": row.ref("owner", self.people, required=True),
                "segment": row.text("segment", self.length("segment")),
                "territory": row.text("territory", self.length("territory")),
                "is_target": row.flag("is_target"),
            },
        )
