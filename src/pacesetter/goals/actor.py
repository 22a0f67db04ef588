"""Who is acting on a goal: a signed-in person, or a channel run by whoever administers the
database (an import, the CLI)."""

from dataclasses import dataclass
from enum import StrEnum

from pacesetter.domain.vocab import Role
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope


class Channel(StrEnum):
    WEB = "web"
    API = "api"
    CLI = "cli"
    IMPORT = "import"


@dataclass(frozen=True)
class Actor:
    person: Person | None
    channel: Channel
    scope: Scope

    @classmethod
    def of(cls, person: Person, channel: Channel = Channel.WEB) -> "Actor":
        return cls(person, channel, Scope.of(person))

    @classmethod
    def system(cls, channel: Channel) -> "Actor":
        """An import or CLI run: unrestricted, recorded by its channel."""
        return cls(None, channel, Scope.everything())

    @property
    def person_id(self) -> int | None:
        return self.person.id if self.person is not None else None

    @property
    def is_admin(self) -> bool:
        return self.scope.role is Role.ADMIN
