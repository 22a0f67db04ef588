"""Build the people of the org: an admin, a top director, directors, managers and their reps.

People are ordered admin first, then level by level from the top, so the first rows of
people.csv are predictable demo sign-ins and every manager appears before their reports.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from pacesetter.domain.vocab import ManagerType, Role
from pacesetter.synth.calendar import Window
from pacesetter.synth.hierarchy import Slot, breadth_first, plan_org
from pacesetter.synth.identities import PeopleNamer
from pacesetter.synth.names import COMPANY_NAMES, REGIONS
from pacesetter.synth.people import Org, Person
from pacesetter.synth.profiles import FOCUS_WEIGHTS, FOCUSES, Focus
from pacesetter.synth.staffing import assign_employment, assign_traits

ADMIN_TEAM = "Revenue Operations"
TOP_TEAM = "Sales"
# A director's team is named after its first region and its layer, so names stay unique.
_LAYER_NAMES = ("area", "division", "region", "zone", "sector", "group", "branch", "unit")


@dataclass(frozen=True, slots=True)
class TeamPlan:
    name: str
    region: str
    cities: tuple[str, ...]
    focus: Focus
    manager_type: ManagerType

    def territory(self, k: int) -> str:
        lap, i = divmod(k, len(self.cities))
        return self.cities[i] if lap == 0 else f"{self.cities[i]} {lap + 1}"


def build_org(reps: int, window: Window, seed: int) -> Org:
    rng = random.Random(f"{seed}:org")
    company = rng.choice(COMPANY_NAMES)
    domain = f"{company.lower().replace(' ', '')}.example"
    top = plan_org(reps, rng)
    teams = _plan_teams(top, rng)
    people = _place_people(top, teams, window, PeopleNamer(rng, domain), rng)
    assign_employment(people, window, rng)
    assign_traits(people, rng)
    return Org(company, domain, window, people)


def _plan_teams(top: Slot, rng: random.Random) -> list[TeamPlan]:
    managers = [slot for slot, _ in breadth_first(top) if slot.role == Role.MANAGER]
    regions = list(REGIONS)
    rng.shuffle(regions)
    types = _manager_types([len(m.children) for m in managers], rng)
    plans = []
    for m, manager_type in zip(managers, types, strict=True):
        lap, position = divmod(m.team, len(regions))
        region, cities = regions[position]
        region = region if lap == 0 else f"{region} {lap + 1}"
        focus = rng.choices(FOCUSES, weights=FOCUS_WEIGHTS)[0]
        plans.append(TeamPlan(f"{region} {focus.name}", region, cities, focus, manager_type))
    return plans


def _manager_types(sizes: list[int], rng: random.Random) -> list[ManagerType]:
    """Small teams tend to have player-coaches, large ones leaders; an org has both kinds."""
    chances = [0.65 if s <= 5 else 0.15 if s >= 8 else 0.4 for s in sizes]
    coach = [rng.random() < c for c in chances]
    if len(sizes) > 1 and all(coach):
        coach[sizes.index(max(sizes))] = False
    elif len(sizes) > 1 and not any(coach):
        coach[sizes.index(min(sizes))] = True
    return [ManagerType.PLAYER_COACH if c else ManagerType.LEADER for c in coach]


def _place_people(
    top: Slot, teams: list[TeamPlan], window: Window, namer: PeopleNamer, rng: random.Random
) -> list[Person]:
    people = [_person(0, Role.ADMIN, None, ADMIN_TEAM, "", namer, _tenure(window, rng))]
    index_of: dict[int, int] = {}  # id(slot) -> person index; looked up, never iterated
    rep_counts = [0] * len(teams)
    for slot, parent in breadth_first(top):
        manager = None if parent is None else index_of[id(parent)]
        team, territory = _team_and_territory(slot, teams, rep_counts, parent is None)
        start = _tenure(window, rng)
        person = _person(len(people), slot.role, manager, team, territory, namer, start)
        if slot.role in (Role.MANAGER, Role.REP):
            person.focus = teams[slot.team].focus
        if slot.role == Role.MANAGER:
            person.manager_type = teams[slot.team].manager_type
        if manager is not None:
            people[manager].reports.append(person.index)
        index_of[id(slot)] = person.index
        people.append(person)
    return people


def _team_and_territory(
    slot: Slot, teams: list[TeamPlan], rep_counts: list[int], is_top: bool
) -> tuple[str, str]:
    if is_top:
        return TOP_TEAM, ""
    if slot.role == Role.DIRECTOR:
        layer = _LAYER_NAMES[min(_height(slot), len(_LAYER_NAMES) - 1)]
        return f"{teams[_first_team(slot)].region} {layer}", ""
    team = teams[slot.team]
    if slot.role == Role.MANAGER:
        return team.name, team.region
    rep_counts[slot.team] += 1
    return team.name, team.territory(rep_counts[slot.team] - 1)


def _first_team(slot: Slot) -> int:
    while slot.role != Role.MANAGER:
        slot = slot.children[0]
    return slot.team


def _height(slot: Slot) -> int:
    """Director layers below this slot: 0 for a director of managers."""
    height = 0
    while slot.children[0].role == Role.DIRECTOR:
        slot, height = slot.children[0], height + 1
    return height


def _tenure(window: Window, rng: random.Random) -> date:
    """A start date well before the window: the org existed before the data begins."""
    return window.start - timedelta(days=rng.randint(120, 2900))


def _person(
    index: int,
    role: Role,
    manager: int | None,
    team: str,
    territory: str,
    namer: PeopleNamer,
    start: date,
) -> Person:
    name, email = namer.next()
    external_id = f"P{index + 1:04d}"
    return Person(index, external_id, name, email, role, manager, team, territory, start)
