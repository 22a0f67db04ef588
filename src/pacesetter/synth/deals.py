"""A seller's deals: created month by month, then won, lost or still open at the as-of date.

Win rates follow the seller's skill and deal flow their effort, so results and activity move
together but not in lockstep. Open deals carry the usual CRM gaps: no next step, a close date
already past, an amount not yet sized.
"""

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from pacesetter.domain.vocab import DealStatus
from pacesetter.synth.accounts import Account
from pacesetter.synth.calendar import (
    MONTH_FACTOR,
    Window,
    is_working_day,
    iter_months,
    month_end,
    working_days,
)
from pacesetter.synth.names import DEAL_PRODUCTS, NEXT_STEPS
from pacesetter.synth.people import Person
from pacesetter.synth.randomness import clamp, poisson
from pacesetter.synth.targets import DEAL_RAMP, month_working_days, ramp
from pacesetter.synth.writer import IdSequence, Row

OPEN_STAGES = ("Qualification", "Discovery", "Proposal", "Negotiation")
WON_STAGE, LOST_STAGE = "Closed Won", "Closed Lost"
CURRENCY = "USD"
WARM_START_DAYS = 150  # pipeline created before the window that closes inside it
FIRST_DEAL_AFTER_DAYS = 14  # new hires open their first deal after onboarding
TARGET_ACCOUNT_WEIGHT = 2.0
QUARTER_END_PULL = 0.4  # chance a deal due early next quarter is pushed into this one
QUARTER_END_PULL_LAST_DAY = 20
MIN_CYCLE_DAYS = 3
UNSIZED_SHARE = 0.15
STALE_CLOSE_SHARE = 0.5
MARGIN_MISSING_SHARE = 0.05
AMOUNT_ROUNDING = 100


@dataclass(slots=True)
class Deal:
    external_id: str
    account: Account
    name: str
    amount: int
    status: DealStatus
    created: date
    close: date
    stage: str
    margin: int | None
    next_step: str

    def active_until(self, seller: Person, window: Window) -> date:
        """The last day activities may be tied to the deal."""
        return self.close if self.status != DealStatus.OPEN else seller.last_day(window)


def make_deals(
    seller: Person, accounts: list[Account], window: Window, ids: IdSequence, rng: random.Random
) -> list[Deal]:
    first = max(
        seller.start + timedelta(days=FIRST_DEAL_AFTER_DAYS),
        window.start - timedelta(days=WARM_START_DAYS),
    )
    last = seller.last_day(window)
    deals = []
    for month in iter_months(first, last):
        days = working_days(max(first, month), min(last, month_end(month)))
        count = _deal_count(seller, month, days, rng)
        for created in sorted(rng.choice(days) for _ in range(count)):
            deal = _deal(seller, accounts, created, window, ids, rng)
            if deal is not None:
                deals.append(deal)
    return deals


def _deal_count(seller: Person, month: date, days: list[date], rng: random.Random) -> int:
    assert seller.focus is not None
    if not days:
        return 0
    present = len(days) / len(month_working_days(month))
    mean = seller.focus.deals_per_month * seller.deal_scale * MONTH_FACTOR[month.month]
    return poisson(rng, mean * ramp(seller, month, DEAL_RAMP) * present)


def _deal(
    seller: Person,
    accounts: list[Account],
    created: date,
    window: Window,
    ids: IdSequence,
    rng: random.Random,
) -> Deal | None:
    account = _pick_account(accounts, rng)
    segment = account.segment
    won = rng.random() < clamp(segment.win_rate * seller.traits.skill, 0.05, 0.75)
    cycle = rng.randint(*segment.cycle_days)
    if not won:
        cycle = max(MIN_CYCLE_DAYS, int(cycle * rng.uniform(0.4, 1.0)))  # losses show up sooner
    close = _business_close(created, created + timedelta(days=cycle), won, rng)
    closed = close <= seller.last_day(window)
    if closed and close < window.start:
        return None  # history from before the data begins
    amount = _amount(account, rng)
    name = f"{account.name} - {rng.choice(DEAL_PRODUCTS)}"
    margin = _margin(account, amount, rng)
    deal = Deal(ids.next(), account, name, amount, DealStatus.OPEN, created, close, "", margin, "")
    if not closed:
        return _open_deal(seller, window, deal, rng)
    deal.status, deal.stage = (DealStatus.WON, WON_STAGE) if won else (DealStatus.LOST, LOST_STAGE)
    return deal


def _pick_account(accounts: list[Account], rng: random.Random) -> Account:
    weights = [TARGET_ACCOUNT_WEIGHT if a.is_target else 1.0 for a in accounts]
    return rng.choices(accounts, weights=weights)[0]


def _business_close(created: date, close: date, won: bool, rng: random.Random) -> date:
    """Deals close on working days, and wins bunch up before the quarter ends."""
    pulled = (
        won
        and close.month in (1, 4, 7, 10)
        and close.day <= QUARTER_END_PULL_LAST_DAY
        and rng.random() < QUARTER_END_PULL
    )
    if pulled:
        quarter_end = close.replace(day=1) - timedelta(days=1)
        last_days = working_days(quarter_end - timedelta(days=6), quarter_end)[-3:]
        candidate = rng.choice(last_days)
        close = candidate if candidate >= created + timedelta(days=MIN_CYCLE_DAYS) else close
    while not is_working_day(close):
        close -= timedelta(days=1)
    return max(close, created)


def _amount(account: Account, rng: random.Random) -> int:
    low, high = account.segment.amount_range
    raw = math.exp(rng.uniform(math.log(low), math.log(high)))
    return round(raw / AMOUNT_ROUNDING) * AMOUNT_ROUNDING


def _margin(account: Account, amount: int, rng: random.Random) -> int | None:
    if rng.random() < MARGIN_MISSING_SHARE:
        return None
    return round(amount * rng.uniform(*account.segment.margin_share))


def _open_deal(seller: Person, window: Window, deal: Deal, rng: random.Random) -> Deal:
    """Stage from progress; sloppy CRM habits leave gaps that crm_compliance should catch."""
    progress = (window.as_of - deal.created).days / max(1, (deal.close - deal.created).days)
    deal.stage = OPEN_STAGES[min(len(OPEN_STAGES) - 1, int(progress * len(OPEN_STAGES)))]
    sloppy = seller.end is not None or rng.random() > seller.traits.hygiene
    deal.next_step = "" if sloppy else rng.choice(NEXT_STEPS)
    if deal.stage == OPEN_STAGES[0] and rng.random() < UNSIZED_SHARE:
        deal.amount, deal.margin = 0, None
    if sloppy and deal.created < window.as_of and rng.random() < STALE_CLOSE_SHARE:
        overdue = rng.randint(0, (window.as_of - deal.created).days - 1)
        deal.close = deal.created + timedelta(days=overdue)
    return deal


def deal_rows(deals: list[Deal], owner: Person) -> list[Row]:
    return [
        (
            d.external_id,
            owner.email,
            d.amount,
            d.status.value,
            d.created.isoformat(),
            d.close.isoformat(),
            d.name,
            d.account.external_id,
            d.stage,
            "" if d.margin is None else d.margin,
            d.next_step,
            CURRENCY,
        )
        for d in deals
    ]
