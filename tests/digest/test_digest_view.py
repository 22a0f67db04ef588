"""The digest as plain data: who sees which section, and the rules of each (docs/digest.md)."""

from datetime import date

from digest_helpers import WEEK, Org, make_org, make_week
from sqlalchemy.orm import Session

from factories import make_deal, make_goal
from pacesetter.digest.facts import gather
from pacesetter.digest.view import Commitment, build_digest
from pacesetter.digest.week import DigestWeek

BASE = "https://pacesetter.example.com"


def test_the_week_is_read_at_its_sunday_against_the_sunday_before() -> None:
    assert (WEEK.week.start, WEEK.as_of, WEEK.before) == (
        date(2026, 2, 16),
        date(2026, 2, 22),
        date(2026, 2, 15),
    )


def test_a_months_plan_falls_due_in_the_week_its_last_day_is_in() -> None:
    assert WEEK.month_falling_due().name == "2026-02"  # 28 Feb is within 23 Feb - 1 Mar
    assert DigestWeek.parse("2026-W07", 1).month_falling_due() is None  # 28 Feb > 22 Feb


def test_a_manager_sees_goals_at_risk_below_the_threshold_with_a_link(db: Session) -> None:
    org = _org(db)
    digest = build_digest(db, org.max, WEEK)
    assert [(g.person, g.metric, g.period, g.target, g.pace) for g in digest.at_risk] == [
        ("Ann", "Revenue won", "2026-02", 100_000, 0.0)
    ]
    assert digest.at_risk[0].link == f"{BASE}/goals/people/{org.ann.id}"


def test_a_goal_on_pace_is_not_at_risk(db: Session) -> None:
    org = _org(db)
    make_goal(db, org.ben, "2026-02", 10_000)
    make_deal(
        db, org.ben, amount=50_000, status="won", created=date(2026, 1, 5), closed=date(2026, 2, 10)
    )
    assert [g.person for g in build_digest(db, org.max, WEEK).at_risk] == ["Ann"]


def test_one_on_ones_due_this_month_and_check_ins_due_this_week(db: Session) -> None:
    org = _org(db)
    due = [(c.kind, c.person) for c in build_digest(db, org.max, WEEK).coaching_due]
    # Ann had her 1:1 on 10 Feb (this month) but no check-in this week; Ben the reverse.
    assert due == [("Check-in", "Ann"), ("1:1", "Ben")]
    link = build_digest(db, org.max, WEEK).coaching_due[1].link
    assert link == f"{BASE}/coaching/new?type=one_on_one&person_id={org.ben.id}"


def test_a_director_is_due_coaching_with_their_own_reports_only(db: Session) -> None:
    org = _org(db)
    due = [(c.kind, c.person) for c in build_digest(db, org.dee, WEEK).coaching_due]
    assert due == [("1:1", "Max"), ("Check-in", "Max")]


def test_commitments_falling_due_and_recognitions_reach_the_managers_above(db: Session) -> None:
    org = _org(db)
    digest = build_digest(db, org.dee, WEEK)
    [ann] = digest.commitments_due
    assert (ann.person, ann.due, ann.lines) == (
        "Ann",
        date(2026, 2, 28),
        [Commitment("call", 40, "count")],
    )
    assert [(r.person, r.by, r.note) for r in digest.recognitions] == [
        ("Ben", "Max", "Closed the Acme renewal")
    ]


def test_a_reps_digest_is_short_and_about_themselves(db: Session) -> None:
    org = _org(db)
    ann, ben = build_digest(db, org.ann, WEEK), build_digest(db, org.ben, WEEK)
    assert ann.short and [g.person for g in ann.at_risk] == ["Ann"]
    assert [c.person for c in ann.commitments_due] == ["Ann"] and ann.recognitions == []
    assert [r.person for r in ben.recognitions] == ["Ben"] and ben.at_risk == []
    assert ann.coaching_due == [] and ann.new_signals == []


def test_reps_who_changed_quadrant_since_a_week_ago(db: Session) -> None:
    org = _org(db)
    facts = gather(db, WEEK)
    facts.quadrant_before = {org.ann.id: "on_track", org.ben.id: "off_track"}
    facts.quadrant_now = {org.ann.id: "results_only", org.ben.id: "off_track"}
    moves = build_digest(db, org.max, WEEK, facts).quadrant_moves
    assert [(m.person, m.before, m.now) for m in moves] == [("Ann", "on track", "results only")]


def test_only_signals_new_this_week_are_listed(db: Session) -> None:
    org = _org(db)
    facts = gather(db, WEEK)
    facts.new_signals = {org.max.id: ["lapsed_one_on_ones"]}
    digest = build_digest(db, org.dee, WEEK, facts)
    assert [(s.manager, s.signal) for s in digest.new_signals] == [("Max", "lapsed one on ones")]
    assert digest.new_signals[0].link == f"{BASE}/managers?manager_id={org.max.id}"


def _org(db: Session) -> Org:
    org = make_org(db)
    make_week(db, org)
    return org
