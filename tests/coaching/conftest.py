"""Fixtures of the coaching tests (the organisation is described in `coaching_helpers`)."""

import pytest
from coaching_helpers import Org, make_org
from sqlalchemy.orm import Session

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def org(db: Session) -> Org:
    return make_org(db)
