"""Fixtures of the plans tests: a small organisation (plans_helpers) and signed-in browsers."""

import pytest
from plans_helpers import Team, make_team
from sqlalchemy.orm import Session

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def team(db: Session) -> Team:
    return make_team(db)
