"""Earnings under reward rules on the database: a hand-worked quarter (docs/incentives.md).

Team of manager Mia: Ann (goal 100,000), Ben (goal 100,000), Cal (goal 50,000, left on
15 February). The team goal is 250,000. Won in Q1: Ann 110,000 (10 March), Ben 99,990
(3 March), Cal 60,000 (20 January).
"""

from datetime import date
from decimal import Decimal as D

import pytest
from incentive_helpers import PLAN, Q1_END
from sqlalchemy.orm import Session

from factories import make_deal, make_goal
from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.domain.periods import parse_period
from pacesetter.goals.actor import Actor, Channel
from pacesetter.incentives.earnings import Earning, earnings
from pacesetter.incentives.rules import RuleInput, change_rule, create_rule, trail_of
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope


def rule(db: Session, actor: Person, kind: str, params: dict, manager: Person | None) -> int:
    data = RuleInput(
        f"{kind} rule",
        kind,
        "revenue_won",
        "quarter",
        manager.id if manager else None,
        params,
        date(2026, 1, 1),
    )
    return create_rule(db, Actor.of(actor), data).id


def paid(found: list[Earning], kind: str) -> dict[int, tuple[D, D]]:
    return {e.person_id: (e.so_far.amount, e.at_pace.amount) for e in found if e.kind == kind}


def q1(db: Session, as_of: date = Q1_END) -> list[Earning]:
    return earnings(db, Scope.everything(), parse_period("2026-Q1"), as_of)


def test_bonus_pays_the_table_and_nothing_to_a_person_who_left(db: Session, team: dict) -> None:
    rule(db, team["mia"], "bonus", PLAN, team["mia"])
    # Ann 110% -> 1 + 0.1 x 2 = 1.2 x 5000; Ben 99.99% -> the 95% tier, 0.75 x 5000; Cal left.
    assert paid(q1(db), "bonus") == {
        team["ann"].id: (D("6000.00"), D("6000.00")),
        team["ben"].id: (D("3750.00"), D("3750.00")),
        team["cal"].id: (D(0), D(0)),
    }


def test_a_rule_changed_mid_year_pays_each_quarter_under_its_own_terms(
    db: Session, team: dict
) -> None:
    rule_id = rule(db, team["mia"], "bonus", PLAN, team["mia"])
    change_rule(
        db,
        Actor.of(team["admin"]),
        rule_id,
        PLAN | {"target_bonus": "8000"},
        effective_from=date(2026, 4, 1),
        reason="New comp plan from Q2",
    )
    make_goal(db, team["ann"], "2026-Q2", 100_000)
    make_deal(db, team["ann"], amount=100_000, status="won", closed=date(2026, 5, 5))
    q2 = earnings(db, Scope.everything(), parse_period("2026-Q2"), date(2026, 6, 30))
    assert paid(q1(db), "bonus")[team["ann"].id][0] == D("6000.00")  # 1.2 x 5000, as before
    assert paid(q2, "bonus") == {team["ann"].id: (D("8000.00"), D("8000.00"))}  # 1 x 8000
    trail = trail_of(db, rule_id)
    assert [(c.field, c.reason) for c in trail][-2:] == [
        ("params", "New comp plan from Q2"),
        ("effective_from", "New comp plan from Q2"),
    ]
    assert '"target_bonus": "5000"' in (trail[-2].old_value or "")


def test_team_pool_split_by_contribution_among_those_still_employed(
    db: Session, team: dict
) -> None:
    rule(db, team["admin"], "team", {"pool": "10000", "split": "contribution"}, team["mia"])
    # 269,990 / 250,000 >= 100%: pool 10,000. Cal left: Ann 110,000 and Ben 99,990 share it:
    # 1,000,000 cents x 110,000 / 209,990 = 523,834.47; x 99,990 / 209,990 = 476,165.53; the
    # last cent to the larger remainder (Ben).
    assert paid(q1(db), "team") == {
        team["ann"].id: (D("5238.34"), D("5238.34")),
        team["ben"].id: (D("4761.66"), D("4761.66")),
        team["cal"].id: (D(0), D(0)),
    }


def test_spiff_race_keeps_the_deal_of_a_person_who_left(db: Session, team: dict) -> None:
    params = {
        "per_deal": "250",
        "window_start": "2026-01-01",
        "window_end": "2026-03-31",
        "first_n": 1,
        "min_amount": "50000",
    }
    rule(db, team["mia"], "spiff", params, team["mia"])
    assert paid(q1(db), "spiff") == {team["cal"].id: (D("250.00"), D("250.00"))}


def test_at_pace_runs_the_bonus_on_the_goal_projection(db: Session, team: dict) -> None:
    rule(db, team["mia"], "bonus", PLAN, team["mia"])
    found = {e.person_id: e for e in q1(db, date(2026, 3, 10)) if e.kind == "bonus"}
    ann = found[team["ann"].id]
    # 10 March: 49 of Q1's 64 working days; 110,000 / (49/64) = 143,673.47 -> 143.67%:
    # 1 + 0.2 x 2 + 0.2367 x 3 = 2.11 -> capped at 1.9 x 5000.
    assert ann.so_far.amount == D("6000.00")
    assert ann.at_pace.amount == D("9500.00")


def test_a_rep_may_not_define_rules_and_a_change_needs_a_reason(db: Session, team: dict) -> None:
    with pytest.raises(Forbidden):
        rule(db, team["ann"], "bonus", PLAN, team["mia"])
    with pytest.raises(Forbidden):
        rule(db, team["mia"], "bonus", PLAN, None)
    rule_id = rule(db, team["mia"], "bonus", PLAN, team["mia"])
    with pytest.raises(Invalid, match="reason"):
        change_rule(
            db, Actor.of(team["mia"]), rule_id, PLAN, effective_from=date(2026, 4, 1), reason=" "
        )
    with pytest.raises(Invalid, match="start after"):
        change_rule(
            db,
            Actor.of(team["mia"], Channel.API),
            rule_id,
            PLAN,
            effective_from=date(2026, 1, 1),
            reason="x",
        )
