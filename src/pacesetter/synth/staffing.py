"""Who joined, who left, and the hidden traits of each person.

A few people are given a role in the story on purpose (an overloaded player-coach, a
sandbagging forecaster) so every manager signal has someone to fire on, even in a small org.
"""

import random
from datetime import date, timedelta

from pacesetter.domain.vocab import ManagerType, Role
from pacesetter.synth.calendar import Window
from pacesetter.synth.people import Person, Traits
from pacesetter.synth.profiles import ARCHETYPE_DECK, Archetype
from pacesetter.synth.randomness import clamp

NEW_HIRE_SHARE = 0.14
LEAVER_SHARE = 0.09
MONDAY, FRIDAY = 0, 4


def assign_employment(people: list[Person], window: Window, rng: random.Random) -> None:
    """Turn some reps into new hires (start in the window) and leavers (end in the window)."""
    candidates = [p for p in people if p.role == Role.REP][1:]  # the first rep is a demo user
    draws = [rng.random() for _ in candidates]
    hires = [p for p, r in zip(candidates, draws, strict=True) if r < NEW_HIRE_SHARE]
    leavers = [
        p
        for p, r in zip(candidates, draws, strict=True)
        if NEW_HIRE_SHARE <= r < NEW_HIRE_SHARE + LEAVER_SHARE
    ]
    if len(candidates) >= 2:
        hires, leavers = _at_least_one_each(candidates, hires, leavers)
    for p in hires:
        p.start = _new_hire_start(window, rng)
    for p in leavers:
        p.end = _leaving_day(window, rng)


def _at_least_one_each(
    candidates: list[Person], hires: list[Person], leavers: list[Person]
) -> tuple[list[Person], list[Person]]:
    """Even a small org shows a new hire ramping and a leaver whose data stays."""
    if not hires:
        hires = [candidates[-1]]
        leavers = [p for p in leavers if p is not candidates[-1]]
    if not leavers:
        spare = [p for p in candidates if p not in hires]
        leavers = spare[:1] or [hires.pop()]
    return hires, leavers


def _new_hire_start(window: Window, rng: random.Random) -> date:
    span = (window.as_of - window.start).days
    day = window.start + timedelta(days=rng.randint(0, max(0, span - 28)))
    monday = day + timedelta(days=(MONDAY - day.weekday()) % 7)
    return monday if monday <= window.as_of else day


def _leaving_day(window: Window, rng: random.Random) -> date:
    span = (window.as_of - window.start).days
    earliest = min(span, 45)
    day = window.start + timedelta(days=rng.randint(earliest, max(earliest, span - 10)))
    friday = day - timedelta(days=(day.weekday() - FRIDAY) % 7)
    return max(friday, window.start)


def assign_traits(people: list[Person], rng: random.Random) -> None:
    _assign_rep_traits([p for p in people if p.role == Role.REP], rng)
    leaders = [p for p in people if p.role in (Role.MANAGER, Role.DIRECTOR)]
    for p in leaders:
        p.traits = _leader_traits(p, rng)
    _cast_story_roles([p for p in leaders if p.role == Role.MANAGER])


def _assign_rep_traits(reps: list[Person], rng: random.Random) -> None:
    deck: list[Archetype] = []
    for rep in reps:
        if not deck:
            deck = list(ARCHETYPE_DECK)
            rng.shuffle(deck)
        archetype = deck.pop()
        skill = archetype.skill * rng.uniform(0.9, 1.1)
        rep.traits = Traits(
            archetype=archetype.name,
            effort=archetype.effort * rng.uniform(0.9, 1.1),
            skill=skill,
            target_focus=clamp(0.25 + 0.15 * (skill - 1) + rng.uniform(-0.05, 0.05), 0.1, 0.6),
            hygiene=clamp(0.8 + 0.25 * (skill - 1) + rng.uniform(-0.08, 0.08), 0.4, 0.98),
        )


def _leader_traits(person: Person, rng: random.Random) -> Traits:
    traits = Traits(
        discipline=rng.uniform(0.8, 0.97),
        forecast_bias=rng.uniform(0.94, 1.06),
        forecast_noise=0.06,
    )
    if person.manager_type == ManagerType.PLAYER_COACH:
        # Player-coaches are usually promoted top sellers who keep a part-time book.
        traits.skill = rng.uniform(1.05, 1.3)
        traits.target_focus = 0.4
        traits.selling_share = rng.uniform(0.3, 0.55)
        traits.personal_share = rng.uniform(0.6, 1.2)
    return traits


def _cast_story_roles(managers: list[Person]) -> None:
    """The largest player-coach team gets a swamped manager; the last leader sandbags."""
    coaches = [m for m in managers if m.manager_type == ManagerType.PLAYER_COACH]
    if coaches:
        swamped = max(coaches, key=lambda m: len(m.reports))
        traits = swamped.traits
        traits.selling_share, traits.discipline = 0.95, 0.5
        traits.personal_share = 1.1 * len(swamped.reports)  # over half the team's number
        traits.forecast_bias, traits.forecast_noise = 1.3, 0.2
    leaders = [m for m in managers if m.manager_type == ManagerType.LEADER]
    if leaders:
        leaders[-1].traits.forecast_bias, leaders[-1].traits.forecast_noise = 0.8, 0.12
