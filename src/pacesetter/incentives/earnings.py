"""What each person earns under the reward rules for a period, so far and at the current pace.

Set-based: the rules and their versions in two statements, the goals of every rule in one, all
their progress through goals/progress.py (the goal pages' own pacing, so the pace here is the
pace there), the won deals of every SPIFF in one statement per rule, and the team splits through
metrics/contribution.py. Nothing is read per person.

"At pace" pays the bonus at the goal's projection (its pace for a ratio metric); a SPIFF pays
per deal already won, so it has no projection and reads the same at pace as so far.
A person who has left before the period's last day earns no bonus or team share for it; their
SPIFF deals, closed while employed, still pay (docs/incentives.md).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import Session

from pacesetter.domain.incentive_terms import terms_of
from pacesetter.domain.incentives import (
    BonusTerms,
    Payout,
    SpiffTerms,
    TeamTerms,
    WonDeal,
    bonus_payout,
    dec,
    money,
    spiff_awards,
    spiff_payout,
    team_split,
    version_for,
)
from pacesetter.domain.periods import Period
from pacesetter.goals.progress import GoalProgress, goals_progress
from pacesetter.incentives.rules import versions_of
from pacesetter.metrics.contribution import team_contributions
from pacesetter.store.models import Account, Deal, Goal, Person, RewardRule
from pacesetter.store.scope import Scope, subtree_ids

NOTHING = Decimal("0.00")  # to the cent, as every paid amount


@dataclass(frozen=True)
class Earning:
    person_id: int
    rule_id: int
    rule_name: str
    kind: str
    goal_id: int | None
    so_far: Payout
    at_pace: Payout


@dataclass(frozen=True)
class _Rule:
    rule: RewardRule
    terms: BonusTerms | SpiffTerms | TeamTerms


def earnings(session: Session, scope: Scope, period: Period, as_of: date) -> list[Earning]:
    """Every visible person's earnings for `period` at `as_of`, rule by rule."""
    rules = _rules_for(session, period)
    people = {p.id: p for p in session.scalars(select(Person).where(scope.covers(Person.id)))}
    found: list[Earning] = []
    for kind, compute in (("bonus", _bonuses), ("spiff", _spiffs), ("team", _teams)):
        mine = [r for r in rules if r.rule.kind == kind]
        if mine:
            found += compute(session, mine, period, as_of)
    return [e for e in found if e.person_id in people]


def _rules_for(session: Session, period: Period) -> list[_Rule]:
    """The rules that pay per period of this kind, under the terms in effect on its first day."""
    statement = select(RewardRule).where(RewardRule.period_kind == period.kind.value)
    rules = list(session.scalars(statement.order_by(RewardRule.id)))
    versions = versions_of(session, [rule.id for rule in rules])
    chosen = [(rule, version_for(versions[rule.id], period.start)) for rule in rules]
    return [_Rule(rule, terms_of(rule.kind, v.params)) for rule, v in chosen if v is not None]


def _members(rule: RewardRule) -> Select[tuple[int]]:
    """Whose goals and deals the rule reads: the team below its manager, or everyone."""
    if rule.team_manager_id is None:
        return select(Person.id)
    return subtree_ids(rule.team_manager_id)


def _goals(
    session: Session, rules: Sequence[_Rule], period: Period, scope_type: str
) -> dict[int, list[Goal]]:
    """The approved goals each rule reads (one statement per rule, a handful per org)."""
    found = {}
    for item in rules:
        rule = item.rule
        people = _members(rule) if scope_type == "person" else select(literal(rule.team_manager_id))
        statement = select(Goal).where(
            Goal.status == "approved",
            Goal.scope_type == scope_type,
            Goal.metric == rule.metric,
            Goal.period == period.name,
            Goal.person_id.in_(people),
        )
        found[rule.id] = list(session.scalars(statement.order_by(Goal.person_id)))
    return found


def _attainments(progress: GoalProgress) -> tuple[Decimal | None, Decimal | None]:
    pace = progress.pace
    return _dec(pace.attainment), _dec(
        pace.pace if progress.as_of < progress.period.end else pace.attainment
    )


def _dec(value: float | None) -> Decimal | None:
    return None if value is None else dec(value)


def _left_before(person: Person, period: Period) -> bool:
    return person.end_date is not None and person.end_date < period.end


def _forfeit(person: Person) -> Payout:
    return Payout(NOTHING, (f"left on {person.end_date} before the period's end: nothing",))


def _bonuses(
    session: Session, rules: Sequence[_Rule], period: Period, as_of: date
) -> list[Earning]:
    goals = _goals(session, rules, period, "person")
    progress = goals_progress(session, [g for gs in goals.values() for g in gs], as_of)
    people = _people(session, {g.person_id for gs in goals.values() for g in gs})
    found = []
    for item in rules:
        assert isinstance(item.terms, BonusTerms)
        for goal in goals[item.rule.id]:
            now, pace = _attainments(progress[goal.id])
            person = people[goal.person_id]
            if _left_before(person, period):
                so_far = at_pace = _forfeit(person)
            else:
                so_far, at_pace = bonus_payout(item.terms, now), bonus_payout(item.terms, pace)
            found.append(
                Earning(
                    goal.person_id, item.rule.id, item.rule.name, "bonus", goal.id, so_far, at_pace
                )
            )
    return found


def _people(session: Session, ids: set[int]) -> dict[int, Person]:
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(sorted(ids))))}


def won_deals(
    session: Session, people: Select[tuple[int]], start: date, end: date
) -> list[WonDeal]:
    """The won deals of `people` closed in [start, end], with their account segment."""
    statement = (
        select(
            Deal.id,
            Deal.owner_id,
            Deal.amount,
            Deal.close_date,
            Deal.external_id,
            Deal.name,
            Account.segment,
        )
        .outerjoin(Account, Account.id == Deal.account_id)
        .where(Deal.status == "won", Deal.owner_id.in_(people), Deal.close_date.between(start, end))
    )
    return [
        WonDeal(
            row.id,
            row.owner_id,
            dec(row.amount),
            row.close_date,
            row.name or row.external_id,
            row.segment,
        )
        for row in session.execute(statement)
    ]


def _spiffs(session: Session, rules: Sequence[_Rule], period: Period, as_of: date) -> list[Earning]:
    found = []
    for item in rules:
        terms = item.terms
        assert isinstance(terms, SpiffTerms)
        start, end = max(period.start, terms.window_start), min(period.end, terms.window_end, as_of)
        deals = won_deals(session, _members(item.rule), start, end) if start <= end else []
        awarded = spiff_awards(terms, deals)
        for owner in sorted({deal.owner_id for deal in awarded}):
            payout = spiff_payout(terms, [d for d in awarded if d.owner_id == owner])
            found.append(
                Earning(owner, item.rule.id, item.rule.name, "spiff", None, payout, payout)
            )
    return found


def _teams(session: Session, rules: Sequence[_Rule], period: Period, as_of: date) -> list[Earning]:
    goals = _goals(session, rules, period, "team")
    progress = goals_progress(session, [g for gs in goals.values() for g in gs], as_of)
    found = []
    for item in rules:
        for goal in goals[item.rule.id]:
            found += _team_shares(session, item, goal, progress[goal.id], period, as_of)
    return found


def _team_shares(
    session: Session, item: _Rule, goal: Goal, progress: GoalProgress, period: Period, as_of: date
) -> list[Earning]:
    """The team pool at its attainment, split among the direct reports still employed."""
    terms = item.terms
    assert isinstance(terms, TeamTerms)
    manager = select(literal(goal.person_id))
    members = team_contributions(session, manager, period, min(as_of, period.end))[
        goal.person_id
    ].members
    people = _people(session, {m.person_id for m in members})
    paid = {
        m.person_id: dec(m.revenue_won)
        for m in members
        if not _left_before(people[m.person_id], period)
    }
    now, pace = _attainments(progress)
    pool_now, parts_now = team_split(terms, now, paid)
    pool_pace, parts_pace = team_split(terms, pace, paid)
    rows = [
        Earning(
            person,
            item.rule.id,
            item.rule.name,
            "team",
            goal.id,
            _share(pool_now, parts_now[person], terms.split),
            _share(pool_pace, parts_pace[person], terms.split),
        )
        for person in paid
    ]
    return rows + [
        Earning(
            p,
            item.rule.id,
            item.rule.name,
            "team",
            goal.id,
            _forfeit(people[p]),
            _forfeit(people[p]),
        )
        for p in sorted(set(people) - set(paid))
    ]


def _share(pool: Payout, part: Decimal, split: str) -> Payout:
    how = "by contribution share" if split == "contribution" else "evenly"
    return Payout(part, (*pool.working, f"team pool split {how}: this person's part {money(part)}"))


def bonus_rules_for(session: Session, goal: Goal, period: Period) -> list[tuple[str, BonusTerms]]:
    """The bonus rules that pay on `goal` (by name), under the terms in effect for its period."""
    found = []
    for item in _rules_for(session, period):
        rule = item.rule
        if rule.kind != "bonus" or rule.metric != goal.metric:
            continue
        inside = select(literal(1)).where(literal(goal.person_id).in_(_members(rule)))
        if session.scalar(inside) is not None:
            assert isinstance(item.terms, BonusTerms)
            found.append((rule.name, item.terms))
    return found
