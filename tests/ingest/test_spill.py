"""The spill between the passes gives back exactly the records the check pass parked."""

from datetime import date, datetime

from pacesetter.ingest.spill import Spill
from pacesetter.store.models import Activity

RECORDS = [
    {
        "external_id": f"S{n}",
        "owner_id": n,
        "type": "call",
        "occurred_at": datetime(2026, 3, n, 9, 30, 15, 250),
        "occurred_on": date(2026, 3, n),
        "account_id": None,
        "deal_id": 7,
        "outcome": "=1+1" if n == 2 else None,
        "with_decision_maker": n == 3,
    }
    for n in (1, 2, 3)
]


def test_spilled_records_come_back_typed_in_order_and_in_chunks() -> None:
    spill = Spill(Activity.__table__, chunk_rows=2)
    for record in RECORDS:
        spill.add(record)
    assert [record for chunk in spill for record in chunk] == RECORDS
    assert [len(chunk) for chunk in spill] == [2, 1]
    spill.close()


def test_the_stored_form_is_what_the_databases_store() -> None:
    spill = Spill(Activity.__table__, chunk_rows=10)
    spill.add(RECORDS[0])
    [[stored]] = list(spill.batches())
    spill.close()
    # Date-times as SQLite stores them and COPY reads them; dates in ISO; the rest as is.
    assert stored == (
        "S1",
        1,
        "call",
        "2026-03-01 09:30:15.000250",
        "2026-03-01",
        None,
        7,
        None,
        False,
    )
