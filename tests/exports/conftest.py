"""Fixtures of the export tests that answer over HTTP: a signed-in browser per person."""

from web.client import app, cheap_password_hashing, client_for  # noqa: F401  (fixtures)
