"""The coaching API: recording forms, refusals that write nothing, and what each role reads."""

from collections.abc import Callable
from typing import Any

from coaching_helpers import MARCH_3, Org
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_coaching
from pacesetter.store.models import CoachingRecord, Person, PlanLine
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
ONE_ON_ONE = {
    "type": "one_on_one",
    "occurred_on": "2026-03-03",
    "notes": "Good month; more meetings.",
    "private_notes": "Watch for burnout.",
    "commitments": {"call": 90, "meeting": 15},
}


def post(browser: UserClient, body: dict[str, Any]) -> Any:
    return browser.post("/api/v1/coaching", json=body, headers={"X-CSRF-Token": browser.csrf_token})


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def test_a_manager_records_a_one_on_one_and_the_rep_reads_it_without_private_notes(
    db: Session, org: Org, client_for: SignIn
) -> None:
    response = post(client_for(org.max), ONE_ON_ONE | {"person_id": org.ann.id})
    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["private_notes"] == "Watch for burnout."
    assert saved["details"]["plan_month"] == "2026-03"
    mine = client_for(org.ann).get(f"/api/v1/coaching/{saved['id']}").json()
    assert (mine["notes"], mine["private_notes"]) == ("Good month; more meetings.", None)
    listed = client_for(org.ann).get("/api/v1/coaching").json()["items"]
    assert [item["private_notes"] for item in listed] == [None]
    assert count(db, PlanLine) == 2


def test_a_refused_form_answers_422_with_every_problem_and_writes_nothing(
    db: Session, org: Org, client_for: SignIn
) -> None:
    body = ONE_ON_ONE | {"person_id": org.ann.id, "commitments": {"call": -1, "quality": 9}}
    response = post(client_for(org.max), body)
    assert response.status_code == 422
    assert set(response.json()["problems"]) == {"commitments.call", "commitments.quality"}
    ride = {"type": "ride_along", "occurred_on": "2026-03-03", "person_id": org.ann.id}
    assert set(post(client_for(org.max), ride).json()["problems"]) == {
        "ratings",
        "went_well",
        "to_improve",
    }
    assert count(db, CoachingRecord) == 0 and count(db, PlanLine) == 0


def test_writing_about_someone_else_s_report_is_refused(
    db: Session, org: Org, client_for: SignIn
) -> None:
    check_in = {"type": "check_in", "occurred_on": "2026-03-03", "on_track": True}
    assert post(client_for(org.max), check_in | {"person_id": org.zed.id}).status_code == 404
    assert post(client_for(org.ann), check_in | {"person_id": org.ann.id}).status_code == 403
    assert count(db, CoachingRecord) == 0


def test_upward_feedback_never_reaches_the_manager_as_an_answer(
    db: Session, org: Org, client_for: SignIn
) -> None:
    answer = {"type": "upward_feedback", "occurred_on": "2026-03-03", "person_id": org.max.id}
    rep = client_for(org.ann)
    created = post(rep, answer | {"rating": 2}).json()
    manager = client_for(org.max)
    assert manager.get(f"/api/v1/coaching/{created['id']}").status_code == 404
    assert manager.get("/api/v1/coaching", params={"type": "upward_feedback"}).json()["total"] == 0
    url = f"/api/v1/coaching/upward-feedback/{org.max.id}"
    assert manager.get(url, params={"period": "2026-q1"}).json() == {
        "manager_id": org.max.id,
        "period": "2026-Q1",
        "answers": 1,
        "mean": None,
    }
    make_coaching(db, org.ben, "upward_feedback", MARCH_3, person=org.max, rating=4)
    make_coaching(db, org.ben, "upward_feedback", MARCH_3, person=org.max, rating=3)
    # (2 + 4 + 3) / 3 = 3
    assert manager.get(url, params={"period": "2026-Q1"}).json()["mean"] == 3.0
    assert rep.get(url, params={"period": "2026-Q1"}).status_code == 404


def test_the_review_opens_a_one_on_one_with_the_last_commitments(
    org: Org, client_for: SignIn
) -> None:
    manager = client_for(org.max)
    post(manager, ONE_ON_ONE | {"person_id": org.ann.id})
    params = {"person_id": org.ann.id, "on": "2026-04-02"}
    review = manager.get("/api/v1/coaching/one-on-one/review", params=params).json()
    assert (review["month"], review["plan_month"]) == ("2026-03", "2026-04")
    assert sorted((line["line"], line["planned"], line["actual"]) for line in review["lines"]) == [
        ("call", 90.0, 0.0),
        ("meeting", 15.0, 0.0),
    ]
    assert review["previous"]["details"]["commitments"] == {"call": 90.0, "meeting": 15.0}
    assert (
        client_for(org.zed).get("/api/v1/coaching/one-on-one/review", params=params).status_code
        == 404
    )


def test_the_author_corrects_a_record_and_a_refused_change_leaves_it_as_it_was(
    org: Org, client_for: SignIn
) -> None:
    manager = client_for(org.max)
    created = post(manager, ONE_ON_ONE | {"person_id": org.ann.id}).json()
    url = f"/api/v1/coaching/{created['id']}"
    headers = {"X-CSRF-Token": manager.csrf_token}
    body = ONE_ON_ONE | {"person_id": org.ann.id, "notes": "Corrected."}
    assert manager.put(url, json=body, headers=headers).json()["notes"] == "Corrected."
    refused = manager.put(url, json=body | {"commitments": {"call": -5}}, headers=headers)
    assert refused.status_code == 422 and "commitments.call" in refused.json()["problems"]
    assert manager.get(url).json()["details"]["commitments"] == {"call": 90.0, "meeting": 15.0}
    rep = client_for(org.ann)
    answer = rep.put(url, json=body, headers={"X-CSRF-Token": rep.csrf_token})
    assert answer.status_code == 403


def test_a_rep_opening_their_own_review_never_sees_the_private_notes(
    org: Org, client_for: SignIn
) -> None:
    post(client_for(org.max), ONE_ON_ONE | {"person_id": org.ann.id})
    params = {"person_id": org.ann.id, "on": "2026-04-02"}
    review = client_for(org.ann).get("/api/v1/coaching/one-on-one/review", params=params).json()
    assert review["previous"]["notes"] == "Good month; more meetings."
    assert review["previous"]["private_notes"] is None
