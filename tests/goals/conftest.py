"""Fixtures of the goals tests (the organisation is described in `goal_helpers`)."""

import pytest
from goal_helpers import Org, make_org
from sqlalchemy.orm import Session

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def org(db: Session) -> Org:
    return make_org(db)
