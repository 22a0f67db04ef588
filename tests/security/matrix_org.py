"""The organisation the permission matrix runs on, and who stands in which relation to whom.

Dana (director)                          Dora (director)
├── Mia (manager)                        └── Olga (manager)
│   ├── Ravi (rep)                           └── Otto (rep)
│   │   └── Remy (rep)  <- reports to a rep: a rep still sees only themselves
│   ├── Rosa (rep)
│   └── Noah (manager)
│       └── Nina (rep)
└── Omar (manager)
    └── Owen (rep)
Ada (admin)

Every person has an approved and a proposed goal in AS_OF's quarter and a won deal in it, so
that pages and lists have something of everyone's to (not) show.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from factories import make_deal, make_goal, make_person
from pacesetter.store.models import Person

AS_OF = date(2026, 2, 15)
PERIOD = "2026-Q1"
MISSING_ID = 987_654  # no row has it: "none" is answered exactly as "not yours"

# name: (role, manager's name)
PEOPLE: dict[str, tuple[str, str | None]] = {
    "dana": ("director", None),
    "mia": ("manager", "dana"),
    "ravi": ("rep", "mia"),
    "remy": ("rep", "ravi"),
    "rosa": ("rep", "mia"),
    "noah": ("manager", "mia"),
    "nina": ("rep", "noah"),
    "omar": ("manager", "dana"),
    "owen": ("rep", "omar"),
    "dora": ("director", None),
    "olga": ("manager", "dora"),
    "otto": ("rep", "olga"),
    "ada": ("admin", None),
}
FULL_NAMES = {name: f"{name.title()} Matrixperson" for name in PEOPLE}


class Relation(StrEnum):
    SELF = "self"
    SUBTREE = "subtree"
    PEER = "peer"
    BRANCH = "branch"
    NONE = "none"


# role: (the viewer, {relation: (a person in it, a team lead in it)}); NONE is MISSING_ID.
VIEWERS: dict[str, tuple[str, dict[Relation, tuple[str, str]]]] = {
    "rep": (
        "ravi",
        {
            Relation.SELF: ("ravi", "ravi"),
            Relation.SUBTREE: ("remy", "remy"),
            Relation.PEER: ("rosa", "noah"),
            Relation.BRANCH: ("owen", "omar"),
        },
    ),
    "manager": (
        "mia",
        {
            Relation.SELF: ("mia", "mia"),
            Relation.SUBTREE: ("nina", "noah"),
            Relation.PEER: ("omar", "omar"),
            Relation.BRANCH: ("otto", "olga"),
        },
    ),
    "director": (
        "dana",
        {
            Relation.SELF: ("dana", "dana"),
            Relation.SUBTREE: ("nina", "noah"),
            Relation.PEER: ("dora", "dora"),
            Relation.BRANCH: ("otto", "olga"),
        },
    ),
    "admin": (
        "ada",
        {
            Relation.SELF: ("ada", "ada"),
            Relation.SUBTREE: ("nina", "noah"),
            Relation.PEER: ("dora", "dora"),
            Relation.BRANCH: ("otto", "olga"),
        },
    ),
}


def below(name: str) -> set[str]:
    """Everyone under `name`, from the PEOPLE table (not from the app's scope code)."""
    direct = {person for person, (_, boss) in PEOPLE.items() if boss == name}
    return direct.union(*(below(person) for person in direct))


def above(name: str) -> set[str]:
    boss = PEOPLE[name][1]
    return set() if boss is None else {boss} | above(boss)


def visible(viewer: str, target: str | None) -> bool:
    """The rule of docs/security.md: admins see everyone, reps themselves, managers and
    directors their subtree. `None` is an object that does not exist."""
    if target is None:
        return False
    role = PEOPLE[viewer][0]
    if role == "admin" or target == viewer:
        return True
    return role != "rep" and target in below(viewer)


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    email: str
    external_id: str
    goal_ids: tuple[int, int]  # approved, proposed


@dataclass(frozen=True)
class MatrixOrg:
    people: dict[str, PersonRow]

    def id_of(self, name: str | None) -> int:
        return MISSING_ID if name is None else self.people[name].id

    def goal_ids_of(self, name: str | None) -> list[int]:
        return [MISSING_ID] if name is None else list(self.people[name].goal_ids)

    def secrets_hidden_from(self, viewer: str) -> dict[str, list[str]]:
        """For each person the viewer may not see: what must never appear in a body. Their
        name may, for the viewer's own managers (a person's page names their manager)."""
        hidden = [name for name in PEOPLE if not visible(viewer, name)]
        return {name: self._secrets(name, name not in above(viewer)) for name in hidden}

    def _secrets(self, name: str, with_name: bool) -> list[str]:
        row = self.people[name]
        return [row.email, row.external_id, *([row.name] if with_name else [])]


def build_matrix_org(db: Session) -> MatrixOrg:
    made: dict[str, Person] = {}
    for name, (role, boss) in PEOPLE.items():
        manager = made[boss] if boss else None
        made[name] = make_person(db, FULL_NAMES[name], role=role, manager=manager)
    return MatrixOrg({name: _with_data(db, person) for name, person in made.items()})


def _with_data(db: Session, person: Person) -> PersonRow:
    make_deal(db, person, amount=1000, status="won", created=date(2026, 1, 2), closed=AS_OF)
    approved = make_goal(db, person, PERIOD, 50_000)
    proposed = make_goal(db, person, PERIOD, 5, metric="deals_won", status="proposed")
    goals = (approved.id, proposed.id)
    return PersonRow(person.id, person.name, person.email, person.external_id, goals)
