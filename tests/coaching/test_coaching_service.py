"""Recording coaching forms: what each type needs, who may write it, and the 1:1 that turns
commitments into next month's plan and opens the next 1:1 with them."""

from dataclasses import replace
from datetime import date

import pytest
from coaching_helpers import Org, form, ride_along, save
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_coaching, make_plan_line
from pacesetter.coaching.service import CoachingFormError, form_of, update_coaching
from pacesetter.coaching.views import ReviewLine, one_on_one_review
from pacesetter.domain.errors import Forbidden, Invalid, NotFound
from pacesetter.store.models import CoachingRecord, PlanLine
from pacesetter.store.scope import Scope


def count(db: Session, model: type) -> int:
    return db.scalar(select(func.count()).select_from(model)) or 0


def plan(db: Session, month: str) -> dict[str, float]:
    lines = db.scalars(select(PlanLine).where(PlanLine.month == month))
    return {line.line: line.planned for line in lines}


def test_a_ride_along_keeps_its_feedback_and_its_mean_rating(db: Session, org: Org) -> None:
    record = save(db, org.max, ride_along(org.ann, ratings={"discovery": 4, "closing": 3}))
    # (4 + 3) / 2 = 3.5, rounded half up to 4
    assert (record.rating, record.skill, record.details) == (
        4,
        "discovery, closing",
        {"ratings": {"discovery": 4, "closing": 3}},
    )
    assert (record.went_well, record.to_improve) == ("Strong opening.", "Ask about budget earlier.")
    assert record.external_id.startswith("pacesetter-")


REFUSED = [
    # (type, fields, the refused fields)
    ("ride_along", {"ratings": {"discovery": 6}}, {"ratings.discovery", "went_well", "to_improve"}),
    ("shadowing", {"went_well": "x", "to_improve": " "}, {"ratings", "to_improve"}),
    ("check_in", {}, {"on_track"}),
    ("check_in", {"on_track": False}, {"blockers"}),
    ("pre_brief", {"checklist": {"budget is refused": "Phase it"}}, None),
    (
        "debrief",
        {"checklist": {"questions missed": "none"}},
        {"checklist.next step agreed", "rating"},
    ),
    (
        "improvement_plan",
        {"goals": "20 calls a week", "review_date": date(2026, 3, 1)},
        {"review_date"},
    ),
    ("recognition", {"notes": "Biggest deal"}, {"award"}),
    (
        "one_on_one",
        {"commitments": {"call": 12.5, "direction": 35}},
        {"commitments.call", "commitments.direction"},
    ),
    ("upward_feedback", {"rating": 0}, {"rating"}),
    ("customer_experience", {"rating": 4}, {"account_id"}),
]


@pytest.mark.parametrize(("type", "fields", "refused"), REFUSED)
def test_a_form_is_refused_with_every_problem_and_nothing_is_written(
    db: Session, org: Org, type: str, fields: dict[str, object], refused: set[str] | None
) -> None:
    with pytest.raises(CoachingFormError) as error:
        save(db, org.max, form(type, org.ann, **fields))
    if refused is None:  # every other item of the pre-brief checklist, and the deal or account
        assert "deal_id" in error.value.problems and len(error.value.problems) == 5
    else:
        assert set(error.value.problems) == refused
    assert count(db, CoachingRecord) == 0 and count(db, PlanLine) == 0


def test_a_record_without_a_subject_needs_none_and_others_do(db: Session, org: Org) -> None:
    save(db, org.max, form("team_meeting", None, notes="Pipeline review"))
    with pytest.raises(CoachingFormError) as error:
        save(db, org.max, form("one_on_one", None))
    assert set(error.value.problems) == {"person_id"}


def test_a_manager_writes_about_their_own_reports_only(db: Session, org: Org) -> None:
    with pytest.raises(NotFound):  # another team: not even known to exist
        save(db, org.max, ride_along(org.zed))
    with pytest.raises(Forbidden):  # below, but not a direct report
        save(db, org.dee, ride_along(org.ann))
    with pytest.raises(Forbidden):
        save(db, org.ann, form("check_in", org.ann, on_track=True))
    with pytest.raises(Forbidden):
        save(db, org.ann, form("team_meeting", None, notes="x"))
    assert count(db, CoachingRecord) == 0


def test_a_rep_rates_their_own_manager_only(db: Session, org: Org) -> None:
    assert save(db, org.ann, form("upward_feedback", org.max, rating=4)).person_id == org.max.id
    with pytest.raises(NotFound):
        save(db, org.ann, form("upward_feedback", org.mo, rating=4))


def test_an_owner_enters_their_customer_s_rating(db: Session, org: Org) -> None:
    account = make_account(db, org.ann)
    filled = form("customer_experience", org.ann, rating=5, account_id=account.id)
    assert save(db, org.ann, filled).author_id == org.ann.id


def test_one_on_one_commitments_become_next_month_s_plan_lines(db: Session, org: Org) -> None:
    make_plan_line(db, org.ann, "2026-03", "call", 80)
    make_plan_line(db, org.ann, "2026-03", "email", 40)
    commitments = {"call": 100, "meeting": 12, "direction": 0.4}
    record = save(db, org.max, form("one_on_one", org.ann, commitments=commitments))
    # A 1:1 on 3 March reviews February and commits for March; email was not discussed.
    assert record.details == {
        "review_month": "2026-02",
        "plan_month": "2026-03",
        "commitments": {"call": 100.0, "meeting": 12.0, "direction": 0.4},
    }
    assert plan(db, "2026-03") == {"call": 100.0, "email": 40.0, "meeting": 12.0, "direction": 0.4}


def test_the_next_one_on_one_opens_with_last_month_against_plan_and_the_commitments(
    db: Session, org: Org
) -> None:
    save(
        db,
        org.max,
        form("one_on_one", org.ann, commitments={"call": 4, "direction": 0.5, "quality": 4}),
    )
    target = make_account(db, org.ann, is_target=True)
    other = make_account(db, org.ann)
    for day in (2, 3, 4):
        make_activity(db, org.ann, date(2026, 3, day), account=target)
    make_activity(db, org.ann, date(2026, 3, 5), type="email", account=other)
    make_coaching(db, org.max, "ride_along", date(2026, 3, 10), person=org.ann, rating=3)
    make_coaching(db, org.max, "debrief", date(2026, 3, 12), person=org.ann, rating=4)
    review = one_on_one_review(db, Scope.of(org.max), org.ann.id, date(2026, 4, 2))
    assert (review.month, review.plan_month) == ("2026-03", "2026-04")
    # 3 calls of 4; 3 of the 4 activities on a target account = 0.75; ratings (3 + 4) / 2 = 3.5
    assert sorted(review.lines, key=lambda line: line.line) == [
        ReviewLine("call", 4.0, 3),
        ReviewLine("direction", 0.5, 0.75),
        ReviewLine("quality", 4.0, 3.5),
    ]
    assert review.previous is not None
    assert review.previous["details"]["commitments"] == {
        "call": 4.0,
        "direction": 0.5,
        "quality": 4.0,
    }


def test_a_rep_may_not_open_a_review_of_a_teammate(db: Session, org: Org) -> None:
    with pytest.raises(NotFound):
        one_on_one_review(db, Scope.of(org.ann), org.ben.id, date(2026, 4, 2))


def test_the_author_completes_an_improvement_plan_at_its_review(db: Session, org: Org) -> None:
    plan_fields = {"goals": "20 calls a week", "review_date": date(2026, 4, 14)}
    record = save(db, org.max, form("improvement_plan", org.ann, **plan_fields))
    opened = form_of(record, "UTC")
    assert (opened.goals, opened.review_date, opened.outcome) == (*plan_fields.values(), None)
    done = replace(opened, outcome="Met: 22 calls a week on average.")
    update_coaching(db, org.max, record.id, done, zone="UTC")
    assert record.details == {
        "goals": "20 calls a week",
        "review_date": "2026-04-14",
        "outcome": "Met: 22 calls a week on average.",
    }


def test_only_the_author_changes_a_record_and_never_its_type(db: Session, org: Org) -> None:
    record = save(db, org.max, form("check_in", org.ann, on_track=True))
    same = form_of(record, "UTC")
    with pytest.raises(Forbidden):  # above the subject, reads it, did not write it
        update_coaching(db, org.dee, record.id, same, zone="UTC")
    with pytest.raises(Forbidden):
        update_coaching(db, org.ann, record.id, same, zone="UTC")
    with pytest.raises(NotFound):
        update_coaching(db, org.mo, record.id, same, zone="UTC")
    with pytest.raises(Invalid):
        update_coaching(db, org.max, record.id, replace(same, type="one_on_one"), zone="UTC")
    with pytest.raises(CoachingFormError):
        update_coaching(db, org.max, record.id, replace(same, on_track=False), zone="UTC")
    assert record.details == {"on_track": True, "blockers": None}


def test_changing_a_one_on_one_s_commitments_changes_the_plan(db: Session, org: Org) -> None:
    record = save(db, org.max, form("one_on_one", org.ann, commitments={"call": 100}))
    changed = replace(form_of(record, "UTC"), commitments={"call": 90, "demo": 6})
    update_coaching(db, org.max, record.id, changed, zone="UTC")
    assert plan(db, "2026-03") == {"call": 90.0, "demo": 6.0}
