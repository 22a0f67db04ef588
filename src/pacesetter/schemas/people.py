"""People as the API shows them."""

from datetime import date

from pydantic import BaseModel, ConfigDict

from pacesetter.domain.vocab import ManagerType, Role


class PersonRef(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class PersonOut(PersonRef):
    external_id: str
    email: str
    role: Role
    manager_id: int | None
    manager_type: ManagerType | None
    team: str | None
    territory: str | None
    start_date: date | None
    end_date: date | None


class PersonDetail(PersonOut):
    manager: PersonRef | None
    direct_reports: list[PersonRef]


class PeoplePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PersonOut]


class TeamNode(BaseModel):
    """A person and their reports, nested: a subtree of the organisation."""

    person: PersonOut
    reports: list["TeamNode"]
