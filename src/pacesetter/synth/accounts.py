"""A seller's book of accounts: customers and prospects in their territory.

A player-coach keeps fewer, larger accounts, a few of them inside a rep's territory: the
"manager keeps the best accounts" conflict the product is meant to surface.
"""

import random
from dataclasses import dataclass

from pacesetter.domain.vocab import Role
from pacesetter.synth.identities import AccountNamer
from pacesetter.synth.people import Org, Person
from pacesetter.synth.profiles import SEGMENTS, Segment
from pacesetter.synth.writer import IdSequence, Row

BOOK_SIZE = {"SMB": (45, 70), "Mid-market": (28, 45), "Enterprise": (12, 24)}
PLAYER_COACH_BOOK = (8, 18)
TARGET_SHARE = {"SMB": 0.25, "Mid-market": 0.3, "Enterprise": 0.4}
IN_REP_TERRITORY = 0.3  # share of a player-coach's accounts sitting in a rep's territory


@dataclass(frozen=True, slots=True)
class Account:
    external_id: str
    name: str
    segment: Segment
    territory: str
    is_target: bool


def make_accounts(
    org: Org, seller: Person, ids: IdSequence, namer: AccountNamer, rng: random.Random
) -> list[Account]:
    assert seller.focus is not None
    is_rep = seller.role == Role.REP
    low, high = BOOK_SIZE[seller.focus.name] if is_rep else PLAYER_COACH_BOOK
    territories = [seller.territory] if is_rep else _coach_territories(org, seller)
    accounts = []
    for _ in range(rng.randint(low, high)):
        segment = _segment(seller, is_rep, rng)
        external_id = ids.next()
        accounts.append(
            Account(
                external_id,
                namer.name(ids.last - 1),
                segment,
                rng.choice(territories),
                rng.random() < TARGET_SHARE[segment.name],
            )
        )
    return accounts


def _segment(seller: Person, is_rep: bool, rng: random.Random) -> Segment:
    assert seller.focus is not None
    focus = seller.focus
    weights = focus.segment_weights if is_rep else focus.coach_segment_weights()
    return rng.choices(SEGMENTS, weights=weights)[0]


def _coach_territories(org: Org, coach: Person) -> list[str]:
    """Mostly the team's region; a weighted few in the reps' own territories."""
    rep_territories = [org.people[i].territory for i in coach.reports]
    if not rep_territories:
        return [coach.territory]
    region_weight = round(len(rep_territories) * (1 - IN_REP_TERRITORY) / IN_REP_TERRITORY)
    return [coach.territory] * region_weight + rep_territories


def account_rows(accounts: list[Account], owner: Person) -> list[Row]:
    return [
        (a.external_id, a.name, owner.email, a.segment.name, a.territory, _flag(a.is_target))
        for a in accounts
    ]


def _flag(value: bool) -> str:
    return "true" if value else "false"
