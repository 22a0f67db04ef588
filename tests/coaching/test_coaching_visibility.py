"""Who reads which coaching records (store.scope): each role, private notes, upward feedback."""

from datetime import date

import pytest
from coaching_helpers import MARCH_3, Org
from sqlalchemy.orm import Session

from factories import make_coaching
from pacesetter.coaching.queries import RecordFilter, get_record, list_records, upward_feedback
from pacesetter.coaching.views import record_view
from pacesetter.domain.errors import NotFound
from pacesetter.domain.periods import parse_period
from pacesetter.store.models import CoachingRecord, Person
from pacesetter.store.scope import Scope

Q1 = parse_period("2026-Q1")


def readable(db: Session, viewer: Person) -> set[int]:
    return {record.id for record in list_records(db, Scope.of(viewer), RecordFilter())[1]}


def coaching(db: Session, author: Person, type: str, person: Person | None) -> CoachingRecord:
    record = make_coaching(db, author, type, MARCH_3, person=person)
    record.private_notes = f"private: {type}"
    return record


@pytest.fixture
def records(db: Session, org: Org) -> dict[str, CoachingRecord]:
    return {
        "ann_1on1": coaching(db, org.max, "one_on_one", org.ann),
        "ben_ride": coaching(db, org.max, "ride_along", org.ben),
        "zed_check": coaching(db, org.mo, "check_in", org.zed),
        "max_team": coaching(db, org.max, "team_meeting", None),
        "max_1on1": coaching(db, org.dee, "one_on_one", org.max),
        "ann_about_max": make_coaching(db, org.ann, "upward_feedback", MARCH_3, person=org.max),
    }


def ids(records: dict[str, CoachingRecord], *names: str) -> set[int]:
    return {records[name].id for name in names}


def test_a_rep_reads_records_about_themselves_and_what_they_wrote(
    db: Session, org: Org, records: dict[str, CoachingRecord]
) -> None:
    assert readable(db, org.ann) == ids(records, "ann_1on1", "ann_about_max")
    assert readable(db, org.ben) == ids(records, "ben_ride")


def test_a_manager_reads_their_subtree_and_records_about_themselves_but_no_feedback_answer(
    db: Session, org: Org, records: dict[str, CoachingRecord]
) -> None:
    assert readable(db, org.max) == ids(records, "ann_1on1", "ben_ride", "max_team", "max_1on1")
    assert readable(db, org.mo) == ids(records, "zed_check")


def test_a_director_reads_the_whole_subtree_but_no_feedback_answer(
    db: Session, org: Org, records: dict[str, CoachingRecord]
) -> None:
    everything = set(ids(records, *records)) - ids(records, "ann_about_max")
    assert readable(db, org.dee) == everything
    assert readable(db, org.ada) == everything  # an admin too: answers are anonymous


def test_a_record_out_of_reach_is_not_found(
    db: Session, org: Org, records: dict[str, CoachingRecord]
) -> None:
    for viewer, name in ((org.ann, "ben_ride"), (org.mo, "ann_1on1"), (org.max, "ann_about_max")):
        with pytest.raises(NotFound):
            get_record(db, Scope.of(viewer), records[name].id)


@pytest.mark.parametrize(
    ("viewer", "sees"), [("ann", False), ("max", True), ("dee", True), ("ada", True)]
)
def test_private_notes_are_never_shown_to_the_subject(
    db: Session, org: Org, records: dict[str, CoachingRecord], viewer: str, sees: bool
) -> None:
    scope = Scope.of(getattr(org, viewer))
    shown = record_view(scope, get_record(db, scope, records["ann_1on1"].id))
    assert shown["private_notes"] == ("private: one_on_one" if sees else None)
    assert shown["notes"] is None and shown["person_id"] == org.ann.id


def test_a_manager_does_not_read_private_notes_their_director_wrote_about_them(
    db: Session, org: Org, records: dict[str, CoachingRecord]
) -> None:
    scope = Scope.of(org.max)
    assert (
        record_view(scope, get_record(db, scope, records["max_1on1"].id))["private_notes"] is None
    )


def answer(db: Session, rep: Person, manager: Person, rating: int, on: date = MARCH_3) -> None:
    make_coaching(db, rep, "upward_feedback", on, person=manager, rating=rating)


def test_upward_feedback_is_an_average_only_from_three_answers(db: Session, org: Org) -> None:
    answer(db, org.ann, org.max, 2)
    answer(db, org.ben, org.max, 5)
    answer(db, org.ann, org.max, 1, date(2026, 4, 2))  # outside Q1
    two = upward_feedback(db, Scope.of(org.max), org.max.id, Q1)
    assert (two.answers, two.mean) == (2, None)
    answer(db, org.zed, org.max, 5)
    # (2 + 5 + 5) / 3 = 4
    for viewer in (org.max, org.dee):
        three = upward_feedback(db, Scope.of(viewer), org.max.id, Q1)
        assert (three.answers, three.mean) == (3, 4.0)


def test_a_rep_or_another_manager_cannot_ask_for_a_manager_s_feedback(
    db: Session, org: Org
) -> None:
    for viewer in (org.ann, org.mo):
        with pytest.raises(NotFound):
            upward_feedback(db, Scope.of(viewer), org.max.id, Q1)
