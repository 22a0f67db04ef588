"""The coaching pages: a form per type, the 1:1 whose commitments open the next one, refusals
that write nothing, and private notes that never reach the person a record is about."""

from collections.abc import Callable
from datetime import date

import pytest
from coaching_helpers import MARCH_3, Org
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_coaching, make_plan_line
from pacesetter.domain.vocab import COACHING_WITHOUT_SUBJECT, CoachingType
from pacesetter.store.models import CoachingRecord, Person, PlanLine
from web.client import UserClient

SignIn = Callable[[Person], UserClient]


def submit(browser: UserClient, fields: dict[str, str]) -> object:
    data = fields | {"csrf_token": browser.csrf_token}
    return browser.post("/coaching/new", data=data, follow_redirects=False)


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("kind", [kind.value for kind in CoachingType if kind != "upward_feedback"])
def test_every_form_opens_for_a_manager(org: Org, client_for: SignIn, kind: str) -> None:
    about = "" if kind in COACHING_WITHOUT_SUBJECT else f"&person_id={org.ann.id}"
    page = client_for(org.max).get(f"/coaching/new?type={kind}{about}")
    assert page.status_code == 200
    assert f'name="type" value="{kind}"' in page.text


def test_a_one_on_one_sets_next_month_s_plan_and_opens_the_next_one(
    db: Session, org: Org, client_for: SignIn
) -> None:
    make_plan_line(db, org.ann, "2026-02", "call", 80)
    manager = client_for(org.max)
    form = manager.get(f"/coaching/new?type=one_on_one&person_id={org.ann.id}").text
    assert "against plan" in form
    fields = {
        "type": "one_on_one",
        "person_id": str(org.ann.id),
        "occurred_on": "2026-03-03",
        "review_month": "2026-02",
        "commitments.call": "95",
        "commitments.meeting": "12",
        "commitments.email": "",
        "notes": "More meetings with decision makers.",
        "private_notes": "Seems tired.",
    }
    saved = submit(manager, fields)
    assert saved.status_code == 303  # type: ignore[attr-defined]
    record_page = manager.get(saved.headers["location"]).text  # type: ignore[attr-defined]
    assert "Commitments for 2026-03" in record_page and "Seems tired." in record_page
    lines = db.scalars(select(PlanLine).where(PlanLine.month == "2026-03"))
    assert {line.line: line.planned for line in lines} == {"call": 95.0, "meeting": 12.0}
    next_one = manager.get(f"/coaching/new?type=one_on_one&person_id={org.ann.id}").text
    assert "Commitments from the last 1:1" in next_one and "meeting: 12" in next_one


def test_a_refused_form_comes_back_with_every_problem_and_writes_nothing(
    db: Session, org: Org, client_for: SignIn
) -> None:
    fields = {"type": "ride_along", "person_id": str(org.ann.id), "occurred_on": "2026-03-03"}
    page = submit(client_for(org.max), fields | {"ratings.closing": "4", "went_well": "Pace"})
    assert page.status_code == 422  # type: ignore[attr-defined]
    assert "Say what to improve." in page.text  # type: ignore[attr-defined]
    one_on_one = {"type": "one_on_one", "person_id": str(org.ann.id), "occurred_on": "2026-03-03"}
    page = submit(
        client_for(org.max), one_on_one | {"commitments.call": "10", "commitments.direction": "40"}
    )
    assert page.status_code == 422  # type: ignore[attr-defined]
    assert "between 0 and 1" in page.text  # type: ignore[attr-defined]
    assert count(db, CoachingRecord) == 0 and count(db, PlanLine) == 0


def test_private_notes_never_reach_the_person_the_record_is_about(
    db: Session, org: Org, client_for: SignIn
) -> None:
    record = make_coaching(db, org.max, "check_in", MARCH_3, person=org.ann)
    record.private_notes = "Thinking about a plan."
    db.flush()
    assert "Thinking about a plan." in client_for(org.max).get(f"/coaching/{record.id}").text
    assert "Thinking about a plan." in client_for(org.dee).get(f"/coaching/{record.id}").text
    mine = client_for(org.ann).get(f"/coaching/{record.id}")
    assert mine.status_code == 200 and "Thinking about a plan." not in mine.text
    assert client_for(org.ben).get(f"/coaching/{record.id}").status_code == 404


def test_upward_feedback_answers_show_to_nobody_but_their_author(
    db: Session, org: Org, client_for: SignIn
) -> None:
    answer = make_coaching(
        db, org.ann, "upward_feedback", date(2026, 3, 20), person=org.max, rating=1
    )
    answer.notes = "Never available."
    db.flush()
    for viewer in (org.max, org.dee, org.ada):
        browser = client_for(viewer)
        assert "Never available." not in browser.get("/coaching").text
        assert "Never available." not in browser.get(f"/coaching/people/{org.max.id}").text
        assert browser.get(f"/coaching/{answer.id}").status_code == 404
    own_page = client_for(org.ann).get(f"/coaching/people/{org.ann.id}").text
    assert f"type=upward_feedback&person_id={org.max.id}" in own_page


def test_a_manager_cannot_open_a_form_about_another_team(org: Org, client_for: SignIn) -> None:
    page = client_for(org.max).get(f"/coaching/new?type=check_in&person_id={org.zed.id}")
    assert page.status_code == 404
    fields = {"type": "check_in", "person_id": str(org.zed.id), "on_track": "yes"}
    assert submit(client_for(org.max), fields).status_code == 404  # type: ignore[attr-defined]


def test_a_posted_id_or_date_no_column_holds_is_a_problem_on_the_form(
    db: Session, org: Org, client_for: SignIn
) -> None:
    fields = {"type": "check_in", "person_id": str(2**63), "on_track": "yes"}
    page = submit(client_for(org.max), fields | {"occurred_on": "0001-01-01"})
    assert page.status_code == 422  # type: ignore[attr-defined]
    assert "Choose a person." in page.text and "Write a date from 1900-01-01" in page.text  # type: ignore[attr-defined]
    assert count(db, CoachingRecord) == 0


def test_a_manager_s_page_shows_upward_feedback_only_as_an_average_of_three(
    db: Session, org: Org, client_for: SignIn
) -> None:
    today = date.today()
    for rep, rating in ((org.ann, 2), (org.ben, 5)):
        make_coaching(db, rep, "upward_feedback", today, person=org.max, rating=rating)
    assert "2 answers so far" in client_for(org.max).get("/coaching").text
    make_coaching(db, org.zed, "upward_feedback", today, person=org.max, rating=5)
    # (2 + 5 + 5) / 3 = 4
    assert "4 / 5</strong> from 3 answers" in client_for(org.max).get("/coaching").text


def test_the_author_changes_a_record_in_its_own_form(
    db: Session, org: Org, client_for: SignIn
) -> None:
    manager = client_for(org.max)
    fields = {"type": "check_in", "person_id": str(org.ann.id), "occurred_on": "2026-03-03"}
    saved = submit(manager, fields | {"on_track": "yes"})
    record_url = saved.headers["location"]  # type: ignore[attr-defined]
    assert "change</a>" in manager.get(record_url).text
    form = manager.get(f"{record_url}/edit")
    assert form.status_code == 200 and 'value="yes" checked' in form.text
    data = fields | {
        "on_track": "no",
        "blockers": "Pricing approval",
        "csrf_token": manager.csrf_token,
    }
    changed = manager.post(f"{record_url}/edit", data=data, follow_redirects=False)
    assert changed.status_code == 303
    assert "Pricing approval" in manager.get(record_url).text
    assert client_for(org.dee).get(f"{record_url}/edit").status_code == 403
    assert count(db, CoachingRecord) == 1
