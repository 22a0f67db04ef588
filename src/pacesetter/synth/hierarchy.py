"""The shape of the sales organisation: teams of different sizes, grouped under directors."""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from pacesetter.domain.vocab import Role

TEAM_SIZE = (3, 10)
GROUP_SIZE = (2, 6)  # teams (or directors) per director
MAX_UNDER_TOP = 6
MAX_TEAMS_WITHOUT_DIRECTORS = 3


@dataclass(slots=True)
class Slot:
    """A position in the org chart, filled with a person later."""

    role: Role
    children: list["Slot"] = field(default_factory=list)
    team: int = -1  # the team index of a manager and of their reps


def plan_org(reps: int, rng: random.Random) -> Slot:
    """The top director's slot; below it directors, then one manager per team, then reps."""
    teams = [
        Slot(Role.MANAGER, [Slot(Role.REP, team=t) for _ in range(size)], team=t)
        for t, size in enumerate(team_sizes(reps, rng))
    ]
    return Slot(Role.DIRECTOR, _under_directors(teams, rng))


def team_sizes(reps: int, rng: random.Random) -> list[int]:
    """Random sizes in 3..10 summing to `reps`, never all equal when there are several teams."""
    sizes, remaining = [], reps
    while remaining > TEAM_SIZE[1]:
        size = min(rng.randint(*TEAM_SIZE), remaining - TEAM_SIZE[0])
        sizes.append(size)
        remaining -= size
    sizes.append(remaining)
    if len(sizes) > 1 and len(set(sizes)) == 1:
        sizes[0] -= 1
        sizes[-1] += 1
    return sizes


def _under_directors(nodes: list[Slot], rng: random.Random) -> list[Slot]:
    if len(nodes) <= MAX_TEAMS_WITHOUT_DIRECTORS:
        return nodes
    nodes = _group(nodes, rng)
    while len(nodes) > MAX_UNDER_TOP:
        nodes = _group(nodes, rng)
    return nodes


def _group(nodes: list[Slot], rng: random.Random) -> list[Slot]:
    groups, i = [], 0
    while i < len(nodes):
        size = rng.randint(*GROUP_SIZE)
        if len(nodes) - (i + size) == 1:
            size += 1  # a director of a single team is not a real layer
        groups.append(Slot(Role.DIRECTOR, nodes[i : i + size]))
        i += size
    return groups


def breadth_first(top: Slot) -> Iterator[tuple[Slot, Slot | None]]:
    """Each slot with its parent, level by level, so managers come before their reports."""
    level: list[tuple[Slot, Slot | None]] = [(top, None)]
    while level:
        yield from level
        level = [(child, slot) for slot, _ in level for child in slot.children]
