"""Fixtures of the security tests, and the permission matrix's tally at the end of the run."""

import pytest
from matrix_checks import TALLY
from matrix_org import MatrixOrg, build_matrix_org
from sqlalchemy.orm import Session

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def matrix_org(db: Session) -> MatrixOrg:
    return build_matrix_org(db)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures docs/security.md quotes (only when the matrix ran in this process)."""
    if TALLY["requests"]:
        figures = ", ".join(f"{what}: {count}" for what, count in sorted(TALLY.items()))
        terminalreporter.write_line(f"permission matrix: {figures}")
