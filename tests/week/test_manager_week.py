"""The manager's week, worked by hand on Thursday 26 March 2026 (ISO week 2026-W13, 23-29
March; the month ends in 5 days, so this month's commitments fall due this week).

Max manages Ann, Ben and Cal (reps); Mo manages Zed.
- Ann: 1:1 on 3 March (reviews February, commits for March), check-in 24 March, a rated
  ride-along 12 March: nothing due; her March commitments fall due on the 31st.
- Ben: last 1:1 15 January (none in February: overdue), last check-in 17 March (last week:
  due, not overdue), never observed, off track (plan 100 calls, none done; revenue goal 1,000,
  none won) with no improvement plan.
- Cal: joined 10 March: 1:1 due (not employed in February, so not overdue); no check-in in
  W12 while employed: overdue; never observed; off track but with an open improvement plan
  whose review (30 March) comes within a week.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from factories import make_coaching, make_goal, make_person, make_plan_line
from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.service import record_coaching
from pacesetter.coaching.week import build_manager_week
from pacesetter.store.models import Person
from web.client import UserClient

TODAY = date(2026, 3, 26)
SignIn = Callable[[Person], UserClient]


@dataclass(frozen=True)
class Team:
    max: Person
    ann: Person
    ben: Person
    cal: Person
    zed: Person


def save(db: Session, author: Person, type: str, on: date, person: Person, **fields: object) -> int:
    form = CoachingForm(type=type, occurred_on=on, person_id=person.id, **fields)  # type: ignore[arg-type]
    return record_coaching(db, author, form, zone="UTC").id


def off_track(db: Session, rep: Person) -> None:
    make_plan_line(db, rep, "2026-03", "call", 100)
    make_goal(db, rep, "2026-03", 1000)


@pytest.fixture
def team(db: Session) -> Team:
    max_ = make_person(db, "Max", role="manager")
    mo = make_person(db, "Mo", role="manager")
    ann, ben = make_person(db, "Ann", manager=max_), make_person(db, "Ben", manager=max_)
    cal = make_person(db, "Cal", manager=max_, start_date=date(2026, 3, 10))
    zed = make_person(db, "Zed", manager=mo)
    save(db, max_, "one_on_one", date(2026, 3, 3), ann, commitments={"call": 90})
    make_coaching(db, max_, "check_in", date(2026, 3, 24), person=ann)
    make_coaching(db, max_, "ride_along", date(2026, 3, 12), person=ann, rating=4)
    make_coaching(db, max_, "one_on_one", date(2026, 1, 15), person=ben)
    make_coaching(db, max_, "check_in", date(2026, 3, 17), person=ben)
    for rep in (ben, cal):
        off_track(db, rep)
    save(db, max_, "improvement_plan", date(2026, 3, 20), cal, goals="Ten calls a day",
         review_date=date(2026, 3, 30))  # fmt: skip
    return Team(max_, ann, ben, cal, zed)


def pairs(items: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(item.name, item.status) for item in items]


def test_the_week_lists_what_each_report_needs_worked_by_hand(db: Session, team: Team) -> None:
    week = build_manager_week(db, team.max, TODAY)
    assert (week.week.name, week.month.name, week.reports) == ("2026-W13", "2026-03", 3)
    assert pairs(week.one_on_ones) == [("Ben", "overdue"), ("Cal", "due")]
    assert pairs(week.check_ins) == [("Ben", "due"), ("Cal", "overdue")]
    assert pairs(week.commitments) == [("Ann", "due"), ("Cal", "due")]
    assert "fall due 31 Mar 2026" in week.commitments[0].detail
    assert "review 30 Mar 2026" in week.commitments[1].detail
    assert pairs(week.not_observed) == [("Ben", "due"), ("Cal", "due")]
    assert pairs(week.off_track) == [("Ben", "due")]
    assert week.to_do == 2 + 2 + 2 + 2 + 1


def test_each_item_links_to_the_form_that_resolves_it(db: Session, team: Team) -> None:
    week = build_manager_week(db, team.max, TODAY)
    ben, cal = team.ben.id, team.cal.id
    assert week.one_on_ones[0].href == f"/coaching/new?type=one_on_one&person_id={ben}"
    assert week.check_ins[0].href == f"/coaching/new?type=check_in&person_id={ben}"
    assert week.not_observed[0].href == f"/coaching/new?type=ride_along&person_id={ben}"
    assert week.off_track[0].href == f"/coaching/new?type=improvement_plan&person_id={ben}"
    assert week.commitments[1].href.startswith("/coaching/") and week.commitments[1].href.endswith(
        "/edit"
    )
    assert cal not in {item.person_id for item in week.off_track}


def test_commitments_fall_due_only_in_the_month_s_last_week(db: Session, team: Team) -> None:
    week = build_manager_week(db, team.max, date(2026, 3, 12))
    assert [item.name for item in week.commitments] == []


def test_a_manager_with_no_reports_has_an_empty_week(db: Session, team: Team) -> None:
    week = build_manager_week(db, team.ann, TODAY)
    assert week.reports == 0 and week.to_do == 0


@pytest.fixture
def statements(engine: Engine) -> Iterator[Callable[[Callable[[], object]], int]]:
    sent: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        sent.append(statement)

    def count(call: Callable[[], object]) -> int:
        sent.clear()
        call()
        return len(sent)

    event.listen(engine, "before_cursor_execute", record)
    yield count
    event.remove(engine, "before_cursor_execute", record)


def test_the_week_takes_the_same_statements_whatever_the_team_s_size(
    db: Session, team: Team, statements: Callable[[Callable[[], object]], int]
) -> None:
    build_manager_week(db, team.max, TODAY)  # the working calendar is read and kept
    small = statements(lambda: build_manager_week(db, team.max, TODAY))
    for n in range(6):
        rep = make_person(db, f"Rep {n}", manager=team.max)
        off_track(db, rep)
        make_coaching(db, team.max, "check_in", date(2026, 3, 2), person=rep)
    large = statements(lambda: build_manager_week(db, team.max, TODAY))
    assert large == small


def test_recognitions_reach_the_whole_team_but_not_another_team(
    db: Session, team: Team, client_for: SignIn
) -> None:
    """On the home page, which shows the last 60 days before the organisation's today."""
    recently = date.today() - timedelta(days=2)
    save(db, team.max, "recognition", recently, team.ann, award="deal of the month",
         notes="Closed Acme in one week", private_notes="Ask her to mentor Cal")  # fmt: skip
    week = build_manager_week(db, team.max, recently)
    assert [(r.name, r.award, r.reason) for r in week.recognitions] == [
        ("Ann", "deal of the month", "Closed Acme in one week")
    ]
    ben_home = client_for(team.ben).get("/").text
    assert "Closed Acme in one week" in ben_home and "mentor" not in ben_home
    assert 'href="/coaching/' not in ben_home.split("Recognitions")[1].split("</section>")[0]
    assert "Closed Acme" not in client_for(team.zed).get("/").text


def test_the_home_page_and_the_api_show_the_week(
    db: Session, team: Team, client_for: SignIn
) -> None:
    manager = client_for(team.max)
    home = manager.get("/").text
    assert "Your week" in home and "Check-ins (weekly)" in home
    answer = manager.get("/api/v1/week").json()
    assert set(answer) >= {"one_on_ones", "check_ins", "commitments", "not_observed", "off_track"}
    assert "Your week" not in client_for(team.ann).get("/").text
