"""Random organisations for the scoping properties: a forest of trees that then changes (managers
move with their whole team, people leave and their reports move up), modelled in plain Python so
that the test can work out each viewer's subtree without asking the database.
"""

from dataclasses import dataclass, field
from datetime import date

from hypothesis import strategies as st

from pacesetter.domain.vocab import Role

MAX_DEPTH = 6  # levels, the root being level 1
ROLES = [role.value for role in Role]
LEFT_ON = date(2026, 1, 31)


@dataclass
class Forest:
    """People by index: `parent[i]` is i's manager (None for a root), `role[i]` their role."""

    parent: list[int | None] = field(default_factory=list)
    role: list[str] = field(default_factory=list)
    left: set[int] = field(default_factory=set)
    trees: int = 0

    def children(self, node: int) -> list[int]:
        return [child for child, up in enumerate(self.parent) if up == node]

    def subtree(self, node: int) -> set[int]:
        """`node` and everyone below them, by walking down the children lists."""
        found, frontier = {node}, [node]
        while frontier:
            below = [c for n in frontier for c in self.children(n) if c not in found]
            found.update(below)
            frontier = below
        return found

    def level(self, node: int) -> int:
        up = self.parent[node]
        return 1 if up is None else 1 + self.level(up)

    def height(self, node: int) -> int:
        return 1 + max((self.height(child) for child in self.children(node)), default=0)

    def visible_to(self, viewer: int) -> set[int]:
        """The rule of docs/security.md, restated: admins everyone, reps themselves, managers
        and directors their subtree."""
        if self.role[viewer] == Role.ADMIN:
            return set(range(len(self.parent)))
        if self.role[viewer] == Role.REP:
            return {viewer}
        return self.subtree(viewer)

    def may_move(self, node: int, new_parent: int | None) -> bool:
        """No cycles, and no deeper than MAX_DEPTH levels afterwards."""
        if new_parent is None:
            return self.height(node) <= MAX_DEPTH
        if new_parent in self.subtree(node):
            return False
        return self.level(new_parent) + self.height(node) <= MAX_DEPTH


@st.composite
def grow_tree(draw: st.DrawFn, forest: Forest, max_size: int) -> None:
    """One more tree in `forest`: each newcomer reports to someone already in it, within the
    depth limit."""
    root = len(forest.parent)
    forest.parent.append(None)
    forest.role.append(draw(st.sampled_from(ROLES)))
    for _ in range(draw(st.integers(0, max_size - 1))):
        members = range(root, len(forest.parent))
        open_slots = [m for m in members if forest.level(m) < MAX_DEPTH]
        forest.parent.append(draw(st.sampled_from(open_slots)))
        forest.role.append(draw(st.sampled_from(ROLES)))
    forest.trees += 1


@dataclass(frozen=True)
class Move:
    node: int
    new_parent: int | None


@st.composite
def changes(draw: st.DrawFn, forest: Forest, count: int) -> list[Move]:
    """Reorganisations applied to `forest` as they are drawn: a manager moves (with their team)
    or becomes a root, or someone leaves and their direct reports move to their manager."""
    moves: list[Move] = []
    size = len(forest.parent)
    for _ in range(count):
        node = draw(st.integers(0, size - 1))
        if draw(st.booleans()):
            moves.extend(_leave(forest, node))
            continue
        new_parent = draw(st.none() | st.integers(0, size - 1))
        if forest.may_move(node, new_parent):
            forest.parent[node] = new_parent
            moves.append(Move(node, new_parent))
    return moves


def _leave(forest: Forest, node: int) -> list[Move]:
    forest.left.add(node)
    moves = [Move(child, forest.parent[node]) for child in forest.children(node)]
    for move in moves:
        forest.parent[move.node] = move.new_parent
    return moves


@dataclass(frozen=True)
class Reorganised:
    """A forest as first built (`initial` parents), the moves since, and the result."""

    initial: list[int | None]
    moves: list[Move]
    final: Forest


@st.composite
def forests(draw: st.DrawFn, trees: int, max_size: int, changes_per_tree: int) -> Reorganised:
    """A forest of `trees` trees of up to `max_size` people, reshaped by a few changes each."""
    forest = Forest()
    for _ in range(trees):
        draw(grow_tree(forest, max_size))
    initial = list(forest.parent)
    moves = draw(changes(forest, trees * changes_per_tree))
    return Reorganised(initial, moves, forest)
