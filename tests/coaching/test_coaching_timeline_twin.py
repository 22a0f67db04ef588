"""A person's coaching page and its JSON twin list the same records from one
`build_timeline`: private notes only for those who may read them, nobody out of scope."""

from collections.abc import Callable

from coaching_helpers import Org, form, save
from sqlalchemy.orm import Session

from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def test_the_timeline_twin_lists_the_pages_records(
    db: Session, org: Org, client_for: SignIn
) -> None:
    record = save(db, org.max, form("one_on_one", org.ann, notes="Pipeline", private_notes="Tired"))
    manager = client_for(org.max)
    page = manager.get(f"/coaching/people/{org.ann.id}").text
    assert f'href="/api/v1/coaching/people/{org.ann.id}" type="application/json"' in page
    document = manager.get(f"/api/v1/coaching/people/{org.ann.id}").json()
    assert (document["name"], document["total"], document["writes"]) == ("Ann", 1, True)
    (shown,) = document["records"]
    assert (shown["id"], shown["notes"], shown["private_notes"]) == (record.id, "Pipeline", "Tired")
    assert document["names"][str(org.max.id)] == "Max"


def test_the_subject_reads_their_timeline_without_private_notes(
    db: Session, org: Org, client_for: SignIn
) -> None:
    save(db, org.max, form("one_on_one", org.ann, notes="Pipeline", private_notes="Tired"))
    document = client_for(org.ann).get(f"/api/v1/coaching/people/{org.ann.id}").json()
    assert [r["private_notes"] for r in document["records"]] == [None]
    assert (document["writes"], document["rates_manager_id"]) == (False, org.max.id)


def test_a_timeline_out_of_scope_is_not_found(org: Org, client_for: SignIn) -> None:
    assert client_for(org.mo).get(f"/api/v1/coaching/people/{org.ann.id}").status_code == 404
