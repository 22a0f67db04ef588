"""Scoping as a property: on random organisations (at least 1,000 trees per run, up to six
levels deep, reshaped by managers moving and people leaving), what `Scope` lets each person see
is exactly what the rule says, worked out here in Python from the same tree.

Each example inserts a forest of several trees at once inside a savepoint of the test's
transaction and rolls it back afterwards, so examples never see each other's people.
"""

from hypothesis import HealthCheck, given, settings
from org_forests import LEFT_ON, Forest, Move, Reorganised, forests
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from pacesetter.domain.vocab import Role
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope

EXAMPLES = 90
TREES_PER_EXAMPLE = 12  # 90 x 12 = 1,080 trees a run
MAX_TREE_SIZE = 12
CHANGES_PER_TREE = 2


def insert_people(db: Session, roles: list[str], parents: list[int | None]) -> list[int]:
    """The people (every manager first inserted without one, then linked): their ids by index."""
    rows = [
        {"external_id": f"F{i}", "name": f"Person {i}", "email": f"f{i}@example.com", "role": r}
        for i, r in enumerate(roles)
    ]
    ids = list(db.scalars(insert(Person).returning(Person.id, sort_by_parameter_order=True), rows))
    links = [(ids[i], ids[up]) for i, up in enumerate(parents) if up is not None]
    if links:
        db.execute(update(Person), [{"id": own, "manager_id": boss} for own, boss in links])
    return ids


def apply_moves(db: Session, ids: list[int], moves: list[Move], left: set[int]) -> None:
    """The reorganisations, one statement each and in order, as imports would make them."""
    for move in moves:
        boss = None if move.new_parent is None else ids[move.new_parent]
        db.execute(update(Person).where(Person.id == ids[move.node]).values(manager_id=boss))
    leavers = [ids[i] for i in left]
    db.execute(update(Person).where(Person.id.in_(leavers)).values(end_date=LEFT_ON))


def seen_by(db: Session, viewer_id: int, role: str) -> tuple[set[int], set[int]]:
    """What the scope lets the viewer see: all their people, and (through `restrict` on a
    people query with a condition of its own) those still employed."""
    scope = Scope(viewer_id=viewer_id, role=Role(role))
    everyone = set(db.scalars(scope.people_ids()))
    employed = select(Person.id).where(Person.end_date.is_(None))
    return everyone, set(db.scalars(scope.restrict(employed, Person.id)))


def check_every_viewer(db: Session, ids: list[int], forest: Forest) -> None:
    for viewer, role in enumerate(forest.role):
        expected = forest.visible_to(viewer)
        everyone, employed = seen_by(db, ids[viewer], role)
        assert everyone == {ids[i] for i in expected}, (viewer, role, forest.parent)
        assert employed == {ids[i] for i in expected - forest.left}, (viewer, role)


def test_each_person_sees_exactly_their_subtree_in_random_organisations(db: Session) -> None:
    assert db.scalar(select(func.count()).select_from(Person)) == 0
    built = {"trees": 0, "examples": 0}

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(forests(TREES_PER_EXAMPLE, MAX_TREE_SIZE, CHANGES_PER_TREE))
    def scope_matches_the_tree(organisation: Reorganised) -> None:
        example = db.begin_nested()
        try:
            forest = organisation.final
            ids = insert_people(db, forest.role, organisation.initial)
            apply_moves(db, ids, organisation.moves, forest.left)
            check_every_viewer(db, ids, forest)
        finally:
            example.rollback()
        built["trees"] += forest.trees
        built["examples"] += 1

    scope_matches_the_tree()
    assert built["trees"] >= 1000, built


def test_the_python_model_agrees_with_a_hand_drawn_tree() -> None:
    """The independent model itself, on a tree small enough to check by eye:
    0 (manager) > 1 (rep) > 2 (rep); 0 > 3 (director) > 4 (manager); 5 (admin) alone."""
    roles = ["manager", "rep", "rep", "director", "manager", "admin"]
    forest = Forest(parent=[None, 0, 1, 0, 3, None], role=roles)
    assert forest.visible_to(0) == {0, 1, 2, 3, 4}
    assert forest.visible_to(1) == {1}  # a rep with a report still sees only themselves
    assert forest.visible_to(3) == {3, 4}
    assert forest.visible_to(5) == {0, 1, 2, 3, 4, 5}
    assert (forest.level(4), forest.height(0)) == (3, 3)
