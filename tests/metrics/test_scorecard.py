"""The scorecard (metrics.md "Reports at an as-of date"): who has a row, which goals count, and
each goal's numbers, for Q1 2026 at Fri 13 February (elapsed fraction 32 / 64 = 0.5).

    Dana (director)             goal: win_rate 0.5 (she has no deals)
    ├── Milo (manager)          won 1000; team goal revenue_won 10000; own goal 2000, w = 0.8
    │   ├── Rosa (rep)          won 3000; 3 calls; goals revenue_won 4000 (w 0.5), activities 100
    │   ├── Raj (rep)           won 1000; goal revenue_won 2000 (w 0.5), milestones 1:1:2 by month
    │   ├── Lea (left 31 Jan)   won 500
    │   └── Pia (rep)           a proposed goal only
    └── Nora (rep, no start date)
    Not in the scorecard: Nico (starts 1 April), Olga (left 31 December), Adam (admin).
"""

from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_activity, make_deal, make_goal, make_person
from pacesetter.domain.errors import NotFound
from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.scorecard import (
    Scorecard,
    build_scorecard,
    default_as_of,
    find_person,
)
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

Q1 = parse_period("2026-Q1")
AS_OF = date(2026, 2, 13)


@pytest.fixture
def org(db: Session) -> dict[str, Person]:
    dana = make_person(db, "Dana", role="director")
    milo = make_person(db, "Milo", role="manager", manager=dana, email="milo@example.com")
    people = {"dana": dana, "milo": milo}
    for name, manager, start, end in [
        ("Rosa", milo, date(2020, 1, 1), None),
        ("Raj", milo, date(2020, 1, 1), None),
        ("Lea", milo, date(2020, 1, 1), date(2026, 1, 31)),
        ("Pia", milo, date(2020, 1, 1), None),
        ("Nora", dana, None, None),
        ("Nico", milo, date(2026, 4, 1), None),
        ("Olga", milo, date(2020, 1, 1), date(2025, 12, 31)),
    ]:
        people[name.lower()] = make_person(
            db, name, manager=manager, start_date=start, end_date=end
        )
    make_person(db, "Adam", role="admin")
    for who, amount, closed in [
        ("milo", 1000, date(2026, 2, 5)),
        ("rosa", 3000, date(2026, 2, 2)),
        ("raj", 1000, date(2026, 1, 20)),
        ("lea", 500, date(2026, 1, 30)),
    ]:
        make_deal(db, people[who], amount=amount, status="won", closed=closed)
    for day in (5, 6, 9):
        make_activity(db, people["rosa"], date(2026, 2, day))
    make_goal(db, dana, "2026-Q1", 0.5, metric="win_rate")
    make_goal(db, milo, "2026-Q1", 10000, team=True)
    make_goal(db, milo, "2026-Q1", 2000, individual_weight=0.8)
    make_goal(db, people["rosa"], "2026-Q1", 4000, individual_weight=0.5)
    make_goal(db, people["rosa"], "2026-Q1", 100, metric="activities", kind="activity")
    make_goal(db, people["rosa"], "2026-02", 1500)  # another period: not in this report
    raj_goal = make_goal(db, people["raj"], "2026-Q1", 2000, individual_weight=0.5)
    raj_goal.distribution = {"kind": "month", "weights": {"2026-01": 1, "2026-02": 1, "2026-03": 2}}
    make_goal(db, people["pia"], "2026-Q1", 3000, status="proposed")
    db.flush()
    return people


def _goals(card: Scorecard, name: str) -> list[dict[str, object]]:
    return next(row.as_dict()["goals"] for row in card.rows if row.name == name)


def test_rows_are_sellers_and_managers_employed_during_the_period(db: Session, org) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, AS_OF)
    assert [row.name for row in card.rows] == ["Dana", "Lea", "Milo", "Nora", "Pia", "Raj", "Rosa"]


def test_row_metrics_are_the_persons_own(db: Session, org) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, AS_OF)
    milo = next(row for row in card.rows if row.name == "Milo")
    assert list(milo.metrics) == list(SCORECARD_METRICS)
    assert milo.metrics["revenue_won"] == 1000.0  # his own deal, not the team's 5500
    assert milo.metrics["win_rate"] == 1.0


# fmt: off
GOALS = [
    # Team: Milo 1000 + Rosa 3000 + Raj 1000 + Lea 500 = 5500 of 10000 -> 0.55; pace 0.55 / 0.5;
    # projection 5500 / 0.5. Milo's own: 1000 of 2000; his manager Dana has no team goal, so
    # w = 0.8 < 1 gives no hybrid credit.
    pytest.param("Milo", [
        ("revenue_won", "person", 2000.0, 1000.0, 0.5, 1.0, 2000.0, None),
        ("revenue_won", "team", 10000.0, 5500.0, 0.55, 1.1, 11000.0, 0.55),
    ], id="a manager: own goal, then the team goal"),
    # 3000 of 4000 -> 0.75, pace 1.5, projection 6000; credit 0.5 x 0.75 + 0.5 x 0.55 = 0.65.
    # Activities: 3 of 100 -> 0.03, pace 0.03 / 0.5 = 0.06, projection 6; no weight -> 0.03.
    pytest.param("Rosa", [
        ("revenue_won", "person", 4000.0, 3000.0, 0.75, 1.5, 6000.0, 0.65),
        ("activities", "person", 100.0, 3, 0.03, 0.06, 6.0, 0.03),
    ], id="a rep with a hybrid goal and an activity goal"),
    # Milestones 1:1:2 -> January 0.25 done + February 10 / 20 x 0.25 = 0.375 elapsed;
    # pace 1000 / (2000 x 0.375) = 4 / 3; projection 1000 / 0.375; credit 0.5 x 0.5 + 0.5 x 0.55.
    pytest.param("Raj", [
        ("revenue_won", "person", 2000.0, 1000.0, 0.5, 4 / 3, 1000 / 0.375, 0.525),
    ], id="a goal with a milestone distribution"),
    pytest.param("Dana", [
        ("win_rate", "person", 0.5, None, None, None, None, None),
    ], id="a ratio goal over nothing is null"),
    pytest.param("Pia", [], id="a proposed goal does not count"),
]
# fmt: on


@pytest.mark.parametrize(("name", "expected"), GOALS)
def test_goal_lines(db: Session, org, name: str, expected: list[tuple[object, ...]]) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, AS_OF)
    assert [tuple(goal.values()) for goal in _goals(card, name)] == [
        pytest.approx(line) for line in expected
    ]


def test_pace_and_projection_are_null_before_the_period(db: Session, org) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, date(2025, 12, 31))
    rosa = _goals(card, "Rosa")[0]
    assert [rosa[key] for key in ("actual", "attainment", "pace", "projection")] == [
        0,
        0,
        None,
        None,
    ]


def test_filter_by_person(db: Session, org) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, AS_OF, person_id=org["rosa"].id)
    assert [row.name for row in card.rows] == ["Rosa"]


def test_filter_by_manager_is_their_subtree(db: Session, org) -> None:
    card = build_scorecard(db, Scope.everything(), Q1, AS_OF, manager_id=org["milo"].id)
    assert [row.name for row in card.rows] == ["Lea", "Milo", "Pia", "Raj", "Rosa"]


def test_a_managers_scope_sees_only_their_subtree(db: Session, org) -> None:
    card = build_scorecard(db, Scope.of(org["milo"]), Q1, AS_OF)
    assert [row.name for row in card.rows] == ["Lea", "Milo", "Pia", "Raj", "Rosa"]


def test_find_person_by_email_or_external_id_within_scope(db: Session, org) -> None:
    everything = Scope.everything()
    assert find_person(db, everything, "MILO@example.com").id == org["milo"].id
    assert find_person(db, everything, org["raj"].external_id).id == org["raj"].id
    with pytest.raises(NotFound):
        find_person(db, Scope.of(org["rosa"]), "milo@example.com")


def test_json_document_has_exactly_the_documented_keys(db: Session, org) -> None:
    document = build_scorecard(db, Scope.everything(), Q1, AS_OF).as_dict()
    assert list(document) == ["period", "as_of", "rows"]
    assert (document["period"], document["as_of"]) == ("2026-Q1", "2026-02-13")
    identity = ["external_id", "email", "name", "role"]
    activity_types = ["call", "email", "meeting", "demo", "proposal", "other"]
    # fmt: off
    metrics = [
        "revenue_won", "margin_won", "deals_won", "win_rate", "avg_deal_size",
        "sales_cycle_days", "new_pipeline", "pipeline_coverage", "activities",
        *(f"activities_{kind}" for kind in activity_types), "direction_share", "follow_up_rate",
    ]
    goal_keys = ["metric", "scope", "target", "actual", "attainment", "pace", "projection",
                 "hybrid_credit"]
    # fmt: on
    for row in document["rows"]:
        assert list(row) == [*identity, *metrics, "goals"]
        assert all(list(goal) == goal_keys for goal in row["goals"])


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 13), date(2026, 2, 13)),
        (date(2025, 11, 2), date(2026, 1, 1)),
        (date(2026, 7, 4), date(2026, 3, 31)),
    ],
)
def test_as_of_defaults_to_today_clipped_to_the_period(today: date, expected: date) -> None:
    assert default_as_of(Q1, today) == expected
