"""Fixtures of the import tests (the organisation is described in `ingest_helpers`)."""

import pytest
from ingest_helpers import Org, make_org
from sqlalchemy.orm import Session


@pytest.fixture
def org(db: Session) -> Org:
    return make_org(db)
