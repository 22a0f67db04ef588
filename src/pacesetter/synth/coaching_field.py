"""Coaching in the field, generated with the seller's accounts and deals at hand:
ride-alongs or shadowing, pre-briefs and debriefs, and customer experience surveys.

Observed ratings follow the seller's skill, so the Quality line of the plan tells strong from
weak reps; a manager with little discipline observes less.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from pacesetter.domain.vocab import CoachingType, DealStatus, Role
from pacesetter.synth.accounts import Account
from pacesetter.synth.calendar import next_working_day
from pacesetter.synth.deals import Deal
from pacesetter.synth.names import SKILLS
from pacesetter.synth.people import Org, Person
from pacesetter.synth.randomness import poisson, rating, timestamp, working_day_between
from pacesetter.synth.records import coaching_row
from pacesetter.synth.writer import IdSequence, Row

OBSERVATIONS_PER_MONTH = 1.3
BRIEFS_PER_MONTH = 0.9
SURVEYED_WINS = 0.3
SURVEY_DELAY_DAYS = (14, 40)
OWNER_ENTERS_SURVEY = 0.6
WHAT_IFS = (
    "budget is refused", "there is no real pain", "a new decision maker appears",
    "they ask for a discount", "a competitor is already in", "legal wants changes",
)  # fmt: skip
DEBRIEF_MISSES = (
    "timeline", "decision process", "budget owner", "success criteria", "competition",
)  # fmt: skip


def field_coaching(
    org: Org,
    seller: Person,
    accounts: list[Account],
    deals: list[Deal],
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    manager = org.manager_of(seller)
    if seller.role == Role.REP and manager is not None:
        for first, last in seller.employed_months(org.window):
            yield from _observations(seller, manager, accounts, first, last, ids, rng)
            yield from _briefs(org, seller, manager, deals, first, last, ids, rng)
    yield from _customer_surveys(org, seller, manager, deals, ids, rng)


def _observations(
    seller: Person,
    manager: Person,
    accounts: list[Account],
    first: date,
    last: date,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    assert seller.focus is not None
    kind = CoachingType.RIDE_ALONG if seller.focus.field_sales else CoachingType.SHADOWING
    for _ in range(poisson(rng, OBSERVATIONS_PER_MONTH * manager.traits.discipline)):
        day = working_day_between(rng, first, last)
        if day is None:
            return
        skill = rng.choice(SKILLS)
        strength, gap = rng.sample(SKILLS, 2)
        yield coaching_row(
            ids,
            kind,
            manager.email,
            timestamp(rng, day),
            seller.email,
            rating=rating(rng, 3.0 + 1.6 * (seller.traits.skill - 1.0)),
            skill=skill,
            notes=f"Went well: {strength}. To improve: {gap}.",
            account=rng.choice(accounts).external_id,
        )


def _briefs(
    org: Org,
    seller: Person,
    manager: Person,
    deals: list[Deal],
    first: date,
    last: date,
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    """A pre-brief before an important meeting and a debrief the next working day."""
    live = [d for d in deals if d.created <= last and d.active_until(seller, org.window) >= first]
    for _ in range(poisson(rng, BRIEFS_PER_MONTH * manager.traits.discipline) if live else 0):
        deal = max(rng.sample(live, min(3, len(live))), key=lambda d: d.amount)
        day = working_day_between(rng, max(first, deal.created), last)
        if day is None:
            return
        account = deal.account.external_id
        what_ifs = ", ".join(rng.sample(WHAT_IFS, 3))
        yield coaching_row(
            ids,
            CoachingType.PRE_BRIEF,
            manager.email,
            timestamp(rng, day, (8, 10)),
            seller.email,
            notes=f"{deal.name}. What if {what_ifs}?",
            account=account,
        )
        debrief_day = working_day_between(rng, day + timedelta(days=1), day + timedelta(days=3))
        if debrief_day is None or debrief_day > last:
            debrief_day = day
        next_step = "yes" if rng.random() < seller.traits.hygiene else "no"
        yield coaching_row(
            ids,
            CoachingType.DEBRIEF,
            manager.email,
            timestamp(rng, debrief_day, (15, 18)),
            seller.email,
            rating=rating(rng, 3.0 + 1.6 * (seller.traits.skill - 1.0)),
            skill=rng.choice(SKILLS),
            notes=f"Questions missed: {rng.choice(DEBRIEF_MISSES)}. Next step set: {next_step}.",
            account=account,
        )


def _customer_surveys(
    org: Org,
    seller: Person,
    manager: Person | None,
    deals: list[Deal],
    ids: IdSequence,
    rng: random.Random,
) -> Iterator[Row]:
    """Some won customers answer a survey a few weeks later; the owner or manager enters it."""
    for deal in deals:
        if deal.status != DealStatus.WON or rng.random() >= SURVEYED_WINS:
            continue
        day = next_working_day(deal.close + timedelta(days=rng.randint(*SURVEY_DELAY_DAYS)))
        owner_enters = rng.random() < OWNER_ENTERS_SURVEY and day <= seller.last_day(org.window)
        author = seller if owner_enters or manager is None else manager
        if day > org.window.as_of or day > author.last_day(org.window):
            continue
        yield coaching_row(
            ids,
            CoachingType.CUSTOMER_EXPERIENCE,
            author.email,
            timestamp(rng, day),
            seller.email,
            rating=rating(rng, 3.6 + 0.9 * (seller.traits.skill - 1.0)),
            notes=f"Customer survey after {deal.name}.",
            account=deal.account.external_id,
        )
