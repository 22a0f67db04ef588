"""Fixtures of the fuzzing tests, and the run's tally at the end (docs/security.md quotes it)."""

import pytest
from test_api_fuzz import OPERATIONS, TALLY

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)
from web.org import org  # noqa: F401  (fixture)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Only when the fuzzing ran in this process."""
    if TALLY["cases"]:
        terminalreporter.write_line(
            f"api fuzzing: operations: {len(OPERATIONS)}, cases: {TALLY['cases']}, "
            f"requests: {TALLY['requests']}"
        )
