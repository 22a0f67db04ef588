"""A seller's activities, generated day by day and streamed straight to activities.csv.

This is the hot path (about ten million rows for 5,000 reps), so the per-activity loop works
on precomputed tuples and plain local variables, and nothing outlives the seller but a small
per-month tally. Rows are formatted as CSV lines directly: every field is an id, an email or
a word from the tables below, none holds a comma, quote or newline, and skipping csv.writer
saves a third of the run time.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from pacesetter.synth.accounts import Account
from pacesetter.synth.calendar import Day, Window, is_working_day
from pacesetter.synth.deals import Deal
from pacesetter.synth.people import Person
from pacesetter.synth.profiles import ACTIVITY_TYPES
from pacesetter.synth.randomness import clamp
from pacesetter.synth.writer import IdSequence

DAILY_ACTIVITIES = 8.4  # average rep on an average working day, before follow-ups
TYPE_NAMES = tuple(t.value for t in ACTIVITY_TYPES)
TYPE_INDEXES = tuple(range(len(TYPE_NAMES)))
CALL, EMAIL, MEETING, DEMO, PROPOSAL, OTHER = range(len(ACTIVITY_TYPES))
FOLLOWED_UP = (MEETING, DEMO)
# Per activity type, in ACTIVITY_TYPES order.
TIE_TO_DEAL = (0.3, 0.3, 0.6, 0.85, 1.0, 0.1)
DECISION_MAKER = (0.06, 0.04, 0.35, 0.4, 0.45, 0.02)
OUTCOMES = (
    ("connected", "left voicemail", "no answer", "call back requested", "connected"),
    ("sent", "replied", "sent", "no reply"),
    ("held", "held", "rescheduled", "held - next step agreed"),
    ("held", "positive", "needs follow-up", "held"),
    ("sent", "under review", "accepted", "revision requested"),
    ("research", "internal handover", "logged"),
)
WITHOUT_ACCOUNT = 0.5  # share of "other" activities that are internal, with no account
ONBOARDING_DAYS = 3
RAMP_DAYS = 75
WEEKEND_EMAIL_CHANCE = 0.12  # only keen sellers answer emails at weekends
KEEN_EFFORT = 1.1
SUMMER_BREAK_DAYS = 10
CHRISTMAS_BREAK_DAYS = 4
CHRISTMAS_OFF_CHANCE = 0.7
SICK_DAYS = 3
CHUNK_ROWS = 20_000


def _time_slots() -> tuple[tuple[str, ...], list[float]]:
    """Minutes of the working day, weighted towards mid-morning and mid-afternoon."""
    hour_weight = {7: 1, 8: 4, 9: 8, 10: 9, 11: 8, 12: 4, 13: 6, 14: 8, 15: 8, 16: 6, 17: 3}
    slots = tuple(f"{h:02d}:{m:02d}:00" for h in hour_weight for m in range(60))
    cumulative, total = [], 0.0
    for h in hour_weight:
        for _ in range(60):
            total += hour_weight[h]
            cumulative.append(total)
    return slots, cumulative


SLOTS, SLOT_WEIGHTS = _time_slots()


@dataclass(frozen=True, slots=True)
class _OpenWork:
    """A deal as the activity loop sees it: the days it can be worked and what to tie to."""

    first: int
    last: int
    account: str
    deal: str


def write_activities(
    seller: Person,
    accounts: list[Account],
    deals: list[Deal],
    days: list[Day],
    window: Window,
    ids: IdSequence,
    write: Callable[[list[str]], None],
    rng: random.Random,
) -> list[int]:
    """Stream the seller's activities through `write`; return the count per window month."""
    work = [
        _OpenWork(
            d.created.toordinal(),
            d.active_until(seller, window).toordinal(),
            d.account.external_id,
            d.external_id,
        )
        for d in deals
    ]
    stream = _Stream(seller, accounts, work, ids, rng)
    first = (max(seller.start, window.start) - window.start).days
    last = (seller.last_day(window) - window.start).days
    days_off = _days_off(seller, window, rng)
    tally = [0] * (days[-1].month_index + 1)
    lines: list[str] = []
    for day in days[first : last + 1]:
        if day.ordinal in days_off:
            continue
        tally[day.month_index] += stream.day(day, lines)
        if len(lines) >= CHUNK_ROWS:
            write(lines)
            lines = []
    write(lines)
    return tally


def _days_off(seller: Person, window: Window, rng: random.Random) -> frozenset[int]:
    """Summer holiday, the Christmas week for most, and a few sick days."""
    days: list[date] = []
    for year in range(window.start.year, window.as_of.year + 1):
        summer = date(year, 7, 1) + timedelta(days=rng.randint(0, 50))
        days += _working_run(summer, SUMMER_BREAK_DAYS)
        if rng.random() < CHRISTMAS_OFF_CHANCE:
            days += _working_run(date(year, 12, 27), CHRISTMAS_BREAK_DAYS)
    span = (window.as_of - window.start).days
    days += [window.start + timedelta(days=rng.randint(0, span)) for _ in range(SICK_DAYS)]
    return frozenset(d.toordinal() for d in days)


def _working_run(first: date, count: int) -> list[date]:
    run, day = [], first
    while len(run) < count:
        if is_working_day(day):
            run.append(day)
        day += timedelta(days=1)
    return run


class _Stream:
    """The seller's day generator: per-seller tables built once, then one call per day."""

    def __init__(
        self,
        seller: Person,
        accounts: list[Account],
        work: list[_OpenWork],
        ids: IdSequence,
        rng: random.Random,
    ) -> None:
        assert seller.focus is not None
        skill = seller.traits.skill
        self.rng = rng
        self.ids = ids
        self.email = seller.email
        self.base = DAILY_ACTIVITIES * seller.activity_scale
        self.start = seller.start.toordinal()
        self.keen = seller.traits.effort > KEEN_EFFORT
        self.type_weights = _cumulative(seller.focus.type_weights)
        self.decision_maker = tuple(min(0.9, p * skill) for p in DECISION_MAKER)
        self.follow_up = clamp(0.35 + 0.6 * (skill - 0.7), 0.1, 0.9)
        self.target_focus = seller.traits.target_focus
        targets = [a.external_id for a in accounts if a.is_target]
        others = [a.external_id for a in accounts if not a.is_target]
        self.targets = targets or others
        self.others = others or targets
        self.work = work
        self.next_work = 0
        self.active: list[_OpenWork] = []
        self.carry: list[tuple[str, str]] = []  # follow-ups due on the next working day

    def day(self, day: Day, lines: list[str]) -> int:
        if day.factor == 0.0:
            return self._weekend(day, lines)
        self._update_active(day.ordinal)
        mean = self.base * day.factor * self._ramp(day.ordinal)
        count = max(0, round(self.rng.gauss(mean, mean**0.5))) if mean > 0 else 0
        carry, self.carry = self.carry, []
        # Yesterday's follow-ups come first, so they take the morning's earliest times.
        types = [CALL if i % 2 else EMAIL for i in range(len(carry))]
        types += self.rng.choices(TYPE_INDEXES, cum_weights=self.type_weights, k=count)
        times = sorted(self.rng.choices(SLOTS, cum_weights=SLOT_WEIGHTS, k=len(types)))
        self._emit(day.prefix, types, times, carry, lines)
        return len(types)

    def _ramp(self, ordinal: int) -> float:
        tenure = ordinal - self.start
        if tenure >= RAMP_DAYS:
            return 1.0
        return 0.0 if tenure < ONBOARDING_DAYS else 0.3 + 0.7 * tenure / RAMP_DAYS

    def _update_active(self, ordinal: int) -> None:
        work, i = self.work, self.next_work
        while i < len(work) and work[i].first <= ordinal:
            self.active.append(work[i])
            i += 1
        self.next_work = i
        if self.active:
            self.active = [w for w in self.active if w.last >= ordinal]

    def _weekend(self, day: Day, lines: list[str]) -> int:
        if not self.keen or self.rng.random() >= WEEKEND_EMAIL_CHANCE:
            return 0
        time = self.rng.choice(SLOTS)
        account = self.targets[int(self.rng.random() * len(self.targets))]
        line = f"{self.ids.next()},{self.email},email,{day.prefix}{time},{account},,sent,false\n"
        lines.append(line)
        return 1

    def _emit(
        self,
        prefix: str,
        types: list[int],
        times: list[str],
        carry: list[tuple[str, str]],
        lines: list[str],
    ) -> None:
        random_ = self.rng.random
        ids, email, active = self.ids, self.email, self.active
        targets, others, focus = self.targets, self.others, self.target_focus
        decision_maker, follow_up = self.decision_maker, self.follow_up
        id_prefix, width, number = ids.prefix, ids.width, ids.last
        carried = len(carry)
        for position, (kind, time) in enumerate(zip(types, times, strict=True)):
            if position < carried:
                account, deal = carry[position]
            elif active and random_() < TIE_TO_DEAL[kind]:
                work = active[int(random_() * len(active))]
                account, deal = work.account, work.deal
            elif kind == OTHER and random_() < WITHOUT_ACCOUNT:
                account, deal = "", ""
            else:
                pool = targets if random_() < focus else others
                account, deal = pool[int(random_() * len(pool))], ""
            outcomes = OUTCOMES[kind]
            outcome = outcomes[int(random_() * len(outcomes))]
            with_dm = "true" if random_() < decision_maker[kind] else "false"
            number += 1
            lines.append(
                f"{id_prefix}{number:0{width}d},{email},{TYPE_NAMES[kind]},{prefix}{time},"
                f"{account},{deal},{outcome},{with_dm}\n"
            )
            if kind in FOLLOWED_UP and account and random_() < follow_up:
                self.carry.append((account, deal))
        ids.last = number


def _cumulative(weights: tuple[float, ...]) -> list[float]:
    total, cumulative = 0.0, []
    for w in weights:
        total += w
        cumulative.append(total)
    return cumulative
