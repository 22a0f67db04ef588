"""Plain `make_*` helpers: each adds one row with sensible defaults and flushes it.

Tests pass only what their scenario is about, so the scenario reads at a glance.
"""

import itertools
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from pacesetter.domain.periods import parse_period
from pacesetter.store.models import (
    Account,
    Activity,
    CoachingRecord,
    Deal,
    Forecast,
    Goal,
    Person,
    PlanLine,
)

_ids = itertools.count(1)


def _next_id(prefix: str) -> str:
    return f"{prefix}{next(_ids):06d}"


def make_person(
    db: Session,
    name: str | None = None,
    *,
    role: str = "rep",
    manager: Person | None = None,
    start_date: date | None = date(2020, 1, 1),
    end_date: date | None = None,
    manager_type: str | None = None,
    territory: str | None = None,
    email: str | None = None,
) -> Person:
    external_id = _next_id("P")
    name = name or f"Person {external_id}"
    email = email or f"{name.lower().replace(' ', '.')}.{external_id.lower()}@example.com"
    person = Person(
        external_id=external_id,
        name=name,
        email=email,
        role=role,
        manager_id=manager.id if manager else None,
        start_date=start_date,
        end_date=end_date,
        manager_type=manager_type,
        territory=territory,
    )
    db.add(person)
    db.flush()
    return person


def make_account(
    db: Session,
    owner: Person,
    *,
    name: str | None = None,
    is_target: bool = False,
    territory: str | None = None,
    segment: str | None = None,
) -> Account:
    external_id = _next_id("A")
    account = Account(
        external_id=external_id,
        name=name or f"Account {external_id}",
        owner_id=owner.id,
        is_target=is_target,
        territory=territory,
        segment=segment,
    )
    db.add(account)
    db.flush()
    return account


def make_activity(
    db: Session,
    owner: Person,
    on: date,
    *,
    type: str = "call",
    account: Account | None = None,
    deal: Deal | None = None,
    with_decision_maker: bool = False,
) -> Activity:
    activity = Activity(
        external_id=_next_id("ACT"),
        owner_id=owner.id,
        type=type,
        occurred_at=datetime.combine(on, time(10, 0)),
        occurred_on=on,
        account_id=account.id if account else None,
        deal_id=deal.id if deal else None,
        with_decision_maker=with_decision_maker,
    )
    db.add(activity)
    db.flush()
    return activity


def make_deal(
    db: Session,
    owner: Person,
    *,
    amount: float = 1000.0,
    status: str = "open",
    created: date = date(2026, 1, 5),
    closed: date = date(2026, 3, 31),
    account: Account | None = None,
    margin: float | None = None,
    next_step: str | None = "Follow up",
    stage: str | None = None,
) -> Deal:
    deal = Deal(
        external_id=_next_id("D"),
        owner_id=owner.id,
        amount=amount,
        status=status,
        created_date=created,
        close_date=closed,
        account_id=account.id if account else None,
        margin=margin,
        next_step=next_step,
        stage=stage,
    )
    db.add(deal)
    db.flush()
    return deal


def make_forecast(
    db: Session, manager: Person, period: str, amount: float, submitted_on: date
) -> Forecast:
    forecast = Forecast(
        manager_id=manager.id,
        period=period,
        amount=amount,
        submitted_at=datetime.combine(submitted_on, time(9, 0)),
        submitted_on=submitted_on,
    )
    db.add(forecast)
    db.flush()
    return forecast


def make_goal(
    db: Session,
    person: Person,
    period: str,
    target: float,
    *,
    metric: str = "revenue_won",
    team: bool = False,
    kind: str = "outcome",
    status: str = "approved",
    individual_weight: float | None = None,
) -> Goal:
    span = parse_period(period)
    goal = Goal(
        scope_type="team" if team else "person",
        person_id=person.id,
        metric=metric,
        period=span.name,
        period_start=span.start,
        period_end=span.end,
        target=target,
        kind=kind,
        status=status,
        individual_weight=individual_weight,
    )
    db.add(goal)
    db.flush()
    return goal


def make_plan_line(db: Session, person: Person, month: str, line: str, planned: float) -> PlanLine:
    plan_line = PlanLine(
        person_id=person.id,
        month=month,
        month_start=parse_period(month).start,
        line=line,
        planned=planned,
    )
    db.add(plan_line)
    db.flush()
    return plan_line


def make_coaching(
    db: Session,
    author: Person,
    type: str,
    on: date,
    *,
    person: Person | None = None,
    rating: int | None = None,
    skill: str | None = None,
) -> CoachingRecord:
    record = CoachingRecord(
        external_id=_next_id("C"),
        type=type,
        author_id=author.id,
        person_id=person.id if person else None,
        occurred_at=datetime.combine(on, time(14, 0)),
        occurred_on=on,
        rating=rating,
        skill=skill,
    )
    db.add(record)
    db.flush()
    return record
