"""Fixtures of the manager's week tests: signed-in browsers."""

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)
