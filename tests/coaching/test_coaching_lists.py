"""The lists the forms offer (skills, pre-brief "what ifs", debrief checklist, awards): the
product's until an admin sets the organisation's own, which the forms then check against."""

from collections.abc import Callable

import pytest
from coaching_helpers import Org, form, ride_along, save
from sqlalchemy.orm import Session

from factories import make_account
from pacesetter.coaching.forms import SKILLS
from pacesetter.coaching.lists import load_lists, set_list
from pacesetter.coaching.service import CoachingFormError
from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.store.models import Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def test_the_product_s_lists_hold_until_an_admin_sets_one(db: Session, org: Org) -> None:
    assert load_lists(db).skills == SKILLS
    assert set_list(db, org.ada, "skills", [" Discovery ", "", "Cold calling"]) == (
        "Discovery",
        "Cold calling",
    )
    lists = load_lists(db)
    assert (lists.skills, lists.debrief) == (
        ("Discovery", "Cold calling"),
        ("questions missed", "next step agreed"),
    )


def test_a_ride_along_rates_the_skills_on_the_organisation_s_list(db: Session, org: Org) -> None:
    set_list(db, org.ada, "skills", ["Cold calling"])
    assert save(db, org.max, ride_along(org.ann, ratings={"Cold calling": 4})).rating == 4
    with pytest.raises(CoachingFormError) as error:
        save(db, org.max, ride_along(org.ann, ratings={"discovery": 4}))
    assert error.value.problems == {"ratings.discovery": "'discovery' is not on the skill list."}


def test_a_pre_brief_answers_the_organisation_s_what_ifs(db: Session, org: Org) -> None:
    set_list(db, org.ada, "pre_brief", ["the champion leaves"])
    account = make_account(db, org.ann)
    answered = {"the champion leaves": "Multi-thread now"}
    filled = form("pre_brief", org.ann, checklist=answered, account_id=account.id)
    assert save(db, org.max, filled).details == {"checklist": answered}


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        ([], "1 to 30 items"),
        ([" ", ""], "1 to 30 items"),
        ([f"skill {n}" for n in range(31)], "1 to 30 items"),
        (["x" * 101], "under 100 characters"),
        (["Closing", "closing"], "Each item once: Closing, closing."),
    ],
)
def test_a_list_nobody_could_answer_is_refused(
    db: Session, org: Org, items: list[str], reason: str
) -> None:
    with pytest.raises(Invalid, match=reason):
        set_list(db, org.ada, "skills", items)
    assert load_lists(db).skills == SKILLS


def test_only_an_admin_sets_a_list(db: Session, org: Org, client_for: SignIn) -> None:
    with pytest.raises(Forbidden):
        set_list(db, org.dee, "awards", ["Rookie of the year"])
    manager = client_for(org.max)
    answer = manager.put(
        "/api/v1/coaching/lists/awards",
        json={"items": ["Rookie of the year"]},
        headers={"X-CSRF-Token": manager.csrf_token},
    )
    assert answer.status_code == 403
    assert manager.get("/coaching/lists").status_code == 404
    assert manager.get("/api/v1/coaching/lists").json()["awards"][0] == "deal of the month"


def test_the_admin_page_saves_every_list_or_none(db: Session, org: Org, client_for: SignIn) -> None:
    admin = client_for(org.ada)
    page = admin.get("/coaching/lists")
    assert page.status_code == 200 and "objection handling" in page.text
    fields = {name: "\n".join(items) for name, items in vars(load_lists(db)).items()}
    refused = fields | {"skills": "Cold calling\nObjection handling", "awards": ""}
    answer = admin.post("/coaching/lists", data=refused | {"csrf_token": admin.csrf_token})
    assert answer.status_code == 422 and "1 to 30 items" in answer.text
    assert load_lists(db).skills == SKILLS
    saved = fields | {"skills": "Cold calling\nObjection handling"}
    answer = admin.post(
        "/coaching/lists", data=saved | {"csrf_token": admin.csrf_token}, follow_redirects=False
    )
    assert answer.status_code == 303
    assert load_lists(db).skills == ("Cold calling", "Objection handling")
    ride = client_for(org.max).get(f"/coaching/new?type=ride_along&person_id={org.ann.id}")
    assert "Cold calling" in ride.text and "storytelling" not in ride.text
