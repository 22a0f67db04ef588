"""Fixtures of the plans tests: the shared small organisation (team_org) and signed-in
browsers."""

import pytest
from sqlalchemy.orm import Session

from team_org import Org, make_org
from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def team(db: Session) -> Org:
    return make_org(db)
