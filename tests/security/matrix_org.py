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

Every person has an account, a won deal, an approved and a proposed goal in AS_OF's quarter, a
1:1 about them (with private notes) and, below the roots, an upward-feedback answer about their
manager: pages and lists have something of everyone's to (not) show.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from factories import make_account, make_coaching, make_deal, make_goal, make_person
from pacesetter.store.models import Person, PlanProposal, RewardRule

AS_OF = date(2026, 2, 15)
PERIOD = "2026-Q1"
MISSING_ID = 987_654  # no row has it: "none" is answered exactly as "not yours"
ON = date(2026, 2, 10)  # when the coaching records happened

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
class Obj:
    """An object a route can name: its id (or key) and the people who may read it."""

    id: int | str
    readers: frozenset[str]


NOWHERE = Obj(MISSING_ID, frozenset())
ADMINS = frozenset(name for name, (role, _) in PEOPLE.items() if role == "admin")


@dataclass(frozen=True)
class Secret:
    """Text that must never reach anyone but its readers."""

    what: str
    text: str
    readers: frozenset[str]


def readers_of(owner: str) -> frozenset[str]:
    """Who may see the person `owner` and everything of theirs."""
    return frozenset(viewer for viewer in PEOPLE if visible(viewer, owner))


def coach_of(name: str) -> str:
    """Who writes the person's 1:1s: their nearest manager or director above them (a rep with
    a report does not coach them); for the roots an admin, for the admin another root."""
    boss = PEOPLE[name][1]
    while boss is not None and PEOPLE[boss][0] == "rep":
        boss = PEOPLE[boss][1]
    return boss or ("dora" if name == "ada" else "ada")


@dataclass
class MatrixOrg:
    ids: dict[str, int]
    objects: dict[tuple[str, str], list[Obj]]  # (kind, owner's name) -> their objects
    secrets: dict[str, Secret]  # by what they are

    def id_of(self, name: str | None) -> int:
        return MISSING_ID if name is None else self.ids[name]

    def objects_of(self, kind: str, owner: str | None) -> list[Obj]:
        """The owner's objects of this kind; for nobody, an id no row has."""
        return [NOWHERE] if owner is None else self.objects[(kind, owner)]

    def secrets_hidden_from(self, viewer: str) -> dict[str, list[str]]:
        hidden: dict[str, list[str]] = {}
        for secret in self.secrets.values():
            if viewer not in secret.readers:
                hidden.setdefault(secret.what, []).append(secret.text)
        return hidden

    def add(self, kind: str, owner: str, item_id: int, readers: frozenset[str]) -> None:
        self.objects.setdefault((kind, owner), []).append(Obj(item_id, readers))

    def keep_secret(self, what: str, text: str | None, readers: frozenset[str]) -> None:
        if text:
            self.secrets[what] = Secret(what, text, readers)

    def share(self, what: str, readers: frozenset[str]) -> None:
        """More people may read a secret: a record's readers read its author's name."""
        secret = self.secrets[what]
        self.secrets[what] = Secret(what, secret.text, secret.readers | readers)


def build_matrix_org(db: Session) -> MatrixOrg:
    made: dict[str, Person] = {}
    for name, (role, boss) in PEOPLE.items():
        manager = made[boss] if boss else None
        made[name] = make_person(db, FULL_NAMES[name], role=role, manager=manager)
    org = MatrixOrg({name: person.id for name, person in made.items()}, {}, {})
    for name, person in made.items():
        _person(org, name, person)
    for name, person in made.items():
        _crm_and_goals(db, org, name, person)
        _coaching(db, org, name, made)
    return org


def _person(org: MatrixOrg, name: str, person: Person) -> None:
    """Email and external id for those who see the person; the name also for those below them
    (a person's page names their manager)."""
    readers = readers_of(name)
    org.add("person", name, person.id, readers)
    org.keep_secret(f"{name}'s email", person.email, readers)
    org.keep_secret(f"{name}'s external id", person.external_id, readers)
    org.keep_secret(f"{name}'s name", person.name, readers | below(name))


def _crm_and_goals(db: Session, org: MatrixOrg, name: str, person: Person) -> None:
    readers = readers_of(name)
    account = make_account(db, person, name=f"{name.title()}corp Matrixaccount")
    org.add("account", name, account.id, readers)
    org.keep_secret(f"{name}'s account", account.name, readers)
    won = date(2026, 1, 2), AS_OF
    deal = make_deal(db, person, amount=1000, status="won", created=won[0], closed=won[1])
    org.add("deal", name, deal.id, readers)
    approved = make_goal(db, person, PERIOD, 50_000)
    proposed = make_goal(db, person, PERIOD, 5, metric="deals_won", status="proposed")
    for goal in (approved, proposed):
        org.add("goal", name, goal.id, readers)
    rule = RewardRule(name=f"{name} bonus", kind="bonus", metric="revenue_won")
    rule.period_kind, rule.team_manager_id = "quarter", person.id
    db.add(rule)
    db.flush()
    org.add("rule", name, rule.id, readers)
    plan = PlanProposal(person_id=person.id, month="2026-03", changes={"call": 10.0})
    plan.status, plan.proposed_by_id = "proposed", person.id
    db.add(plan)
    db.flush()
    org.add("proposal", name, plan.id, readers)


def _coaching(db: Session, org: MatrixOrg, name: str, made: dict[str, Person]) -> None:
    """A 1:1 about the person by their coach, with private notes the person never reads (those
    who read the record read who wrote it); and the person's upward-feedback answer about their
    manager, which only they read."""
    coach = coach_of(name)
    one_on_one = make_coaching(db, made[coach], "one_on_one", ON, person=made[name])
    one_on_one.notes = f"Matrix 1:1 notes about {name}"
    one_on_one.private_notes = f"Matrix private note about {name}"
    readers = readers_of(name) | {coach}
    org.add("record", name, one_on_one.id, readers)
    org.keep_secret(f"the 1:1 about {name}", one_on_one.notes, readers)
    org.keep_secret(f"private notes about {name}", one_on_one.private_notes, readers - {name})
    org.share(f"{coach}'s name", readers)
    boss = PEOPLE[name][1]
    if boss is not None:
        answer = make_coaching(db, made[name], "upward_feedback", ON, person=made[boss], rating=2)
        answer.notes = f"Matrix upward answer by {name}"
        org.add("record", name, answer.id, frozenset({name}))
        org.keep_secret(f"{name}'s upward feedback", answer.notes, frozenset({name}))
    db.flush()
