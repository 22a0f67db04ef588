"""Fixtures of the incentives tests (the team is described in `incentive_helpers`)."""

import pytest
from incentive_helpers import make_team
from sqlalchemy.orm import Session

from pacesetter.store.models import Person
from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def team(db: Session) -> dict[str, Person]:
    return make_team(db)
