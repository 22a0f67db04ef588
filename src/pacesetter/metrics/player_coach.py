"""The player-coach facts of metrics.md, for all the managers asked about at once.

Each function is one statement (selling time: two) over every manager, however many: the team
queries join the per-owner sums to `grouping.team_closure`, never a query per manager or rep.
People, accounts and deals come back as references for the signals' evidence (external id,
email or name), dates as ISO text.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from pacesetter.domain.overload import MemberRevenue, top_accounts_cut
from pacesetter.domain.overload import top_accounts as domain_top_accounts
from pacesetter.domain.periods import Period, trailing_12_months
from pacesetter.domain.vocab import DealStatus, GoalStatus
from pacesetter.metrics.grouping import PERSON_SCOPE, TEAM_SCOPE, team_closure
from pacesetter.store.models import Account, Activity, CoachingRecord, Deal, Goal, Person

Ids = Select[tuple[int]]
Window = tuple[date, date]
Ref = dict[str, Any]


def person_ref(external_id: str, email: str, name: str) -> Ref:
    return {"external_id": external_id, "email": email, "name": name}


def employed_during(period: Period, person: type[Person] | Any = Person) -> Any:
    """metrics.md: employed at some time during P (open start and end dates count)."""
    return (or_(person.start_date.is_(None), person.start_date <= period.end)) & (
        or_(person.end_date.is_(None), person.end_date >= period.start)
    )


def revenue_targets(session: Session, managers: Ids, period: Period) -> dict[int, dict[str, float]]:
    """Each manager's approved `revenue_won` targets for P: {"person": ..., "team": ...}."""
    statement = select(Goal.person_id, Goal.scope_type, Goal.target).where(
        Goal.person_id.in_(managers),
        Goal.metric == "revenue_won",
        Goal.status == GoalStatus.APPROVED,
        Goal.scope_type.in_((PERSON_SCOPE, TEAM_SCOPE)),
        Goal.period_start == period.start,
        Goal.period_end == period.end,
    )
    found: dict[int, dict[str, float]] = {}
    for person_id, scope_type, target in session.execute(statement):
        found.setdefault(person_id, {})[scope_type] = float(target)
    return found


def member_revenue(
    session: Session, managers: Ids, window: Window | None
) -> dict[int, list[MemberRevenue]]:
    """For each manager, every team member (themselves included) with won revenue in the
    window, and how much: the team's revenue is their sum."""
    if window is None:
        return {}
    closure = team_closure(managers)
    won = (
        select(Deal.owner_id, func.sum(Deal.amount).label("revenue"))
        .where(Deal.owner_id.in_(select(closure.c.member)), Deal.status == DealStatus.WON)
        .where(Deal.close_date.between(*window))
        .group_by(Deal.owner_id)
        .subquery("won_per_owner")
    )
    statement = (
        select(closure.c.ancestor, Person.id, Person.external_id, Person.email, Person.name)
        .add_columns(won.c.revenue)
        .join(closure, closure.c.member == won.c.owner_id)
        .join(Person, Person.id == won.c.owner_id)
        .order_by(closure.c.ancestor, won.c.revenue.desc(), Person.external_id)
    )
    found: dict[int, list[MemberRevenue]] = {}
    for ancestor, member_id, external_id, email, name, revenue in session.execute(statement):
        ref = person_ref(external_id, email, name)
        row = MemberRevenue(ref, float(revenue), member_id == ancestor)
        found.setdefault(ancestor, []).append(row)
    return found


def top_accounts(
    session: Session, managers: Ids, as_of: date, fraction: float
) -> dict[int, tuple[int, list[Ref]]]:
    """For each manager: how many accounts make their team's top `fraction` (by the team's won
    revenue on them in the 12 months up to d, rounded up, among accounts with won revenue),
    and those of them the manager owns.

    Two statements: each team member's won revenue per account, and the (manager, member)
    pairs; teams are summed and ranked here (domain.overload.top_accounts). A team sums its
    members' rows, so a deep hierarchy multiplies them (5,000 reps: 73,000 member rows became
    436,000 team rows), which SQLite grouped and ranked with window functions in 7-9 s against
    about 2 s for the same work here.
    """
    closure = team_closure(managers)
    accounts: dict[str, _AccountRow] = {}
    by_member: dict[int, list[tuple[str, float]]] = {}
    for owner_id, revenue, external_id, name, account_owner in session.execute(
        _won_per_member_account(select(closure.c.member), as_of)
    ):
        accounts[external_id] = _AccountRow(name, account_owner)
        by_member.setdefault(owner_id, []).append((external_id, float(revenue)))
    teams: dict[int, dict[str, float]] = {}
    for ancestor, member in session.execute(select(closure.c.ancestor, closure.c.member)):
        team = teams.setdefault(ancestor, {})
        for key, revenue in by_member.get(member, []):
            team[key] = team.get(key, 0.0) + revenue
    return {key: _owned_top(key, team, accounts, fraction) for key, team in teams.items() if team}


@dataclass(frozen=True)
class _AccountRow:
    name: str
    owner_id: int


def _won_per_member_account(members: Ids, as_of: date) -> Select[Any]:
    """(deal owner, won revenue, account external id, name and owner) over the 12 months up to
    d, for deals with an account."""
    revenue = func.sum(Deal.amount).label("revenue")
    return (
        select(Deal.owner_id, revenue, Account.external_id, Account.name, Account.owner_id)
        .join(Account, Account.id == Deal.account_id)
        .where(Deal.owner_id.in_(members), Deal.status == DealStatus.WON)
        .where(Deal.close_date.between(*trailing_12_months(as_of)))
        .group_by(Deal.owner_id, Deal.account_id, Account.external_id, Account.name)
        .group_by(Account.owner_id)
    )


def _owned_top(
    manager: int, team: dict[str, float], accounts: dict[str, _AccountRow], fraction: float
) -> tuple[int, list[Ref]]:
    """How many accounts make the team's top, and those of them the manager owns. A team none
    of whose accounts is the manager's is only counted, not ranked (most directors' teams)."""
    if not any(accounts[key].owner_id == manager for key in team):
        return top_accounts_cut(sum(1 for value in team.values() if value > 0), fraction), []
    top = domain_top_accounts(team, fraction)
    owned = [
        {"external_id": key, "name": accounts[key].name, "revenue_won": team[key]}
        for key in top
        if accounts[key].owner_id == manager
    ]
    return len(top), owned


def territory_deals(
    session: Session, managers: Ids, period: Period, window: Window | None
) -> dict[int, list[Ref]]:
    """For each manager, their won deals closed in the window on an account whose territory is
    that of a direct report employed during P (compared without case), with those reps."""
    if window is None:
        return {}
    rep = aliased(Person)
    same_territory = func.lower(rep.territory) == func.lower(Account.territory)
    statement = (
        select(Deal.owner_id, Deal.id, Deal.external_id, Deal.name, Deal.amount, Deal.close_date)
        .add_columns(Account.external_id.label("account_id"), Account.name.label("account"))
        .add_columns(Account.territory, rep.external_id.label("rep_id"))
        .add_columns(rep.email.label("rep_email"), rep.name.label("rep_name"))
        .join(Account, Account.id == Deal.account_id)
        .join(rep, (rep.manager_id == Deal.owner_id) & same_territory)
        .where(Deal.owner_id.in_(managers), Deal.status == DealStatus.WON)
        .where(Deal.close_date.between(*window), employed_during(period, rep))
        .order_by(Deal.owner_id, Deal.close_date, Deal.external_id, rep.name, rep.external_id)
    )
    deals: dict[int, dict[int, Ref]] = {}
    for row in session.execute(statement).mappings():
        deal = deals.setdefault(row["owner_id"], {}).setdefault(row["id"], _deal_ref(row))
        deal["reps"].append(person_ref(row["rep_id"], row["rep_email"], row["rep_name"]))
    return {manager: list(by_id.values()) for manager, by_id in deals.items()}


def _deal_ref(row: Mapping[str, Any]) -> Ref:
    account = {"external_id": row["account_id"], "name": row["account"]}
    return {
        "external_id": row["external_id"],
        "name": row["name"],
        "amount": row["amount"],
        "close_date": row["close_date"].isoformat(),
        "account": {**account, "territory": row["territory"]},
        "reps": [],
    }


def selling_time(
    session: Session, managers: Ids, window: Window | None
) -> Mapping[int, tuple[int, int]]:
    """(own activities, coaching records authored) of each manager in the window."""
    if window is None:
        return {}
    activities = (
        select(Activity.owner_id, func.count())
        .where(Activity.owner_id.in_(managers), Activity.occurred_on.between(*window))
        .group_by(Activity.owner_id)
    )
    coaching = (
        select(CoachingRecord.author_id, func.count())
        .where(CoachingRecord.author_id.in_(managers))
        .where(CoachingRecord.occurred_on.between(*window))
        .group_by(CoachingRecord.author_id)
    )
    own = dict(session.execute(activities).all())
    records = dict(session.execute(coaching).all())
    return {key: (own.get(key, 0), records.get(key, 0)) for key in own.keys() | records.keys()}
