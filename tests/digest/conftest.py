"""The digest tests' fixtures: a real SMTP server on localhost (aiosmtpd) that keeps what it
receives, and the public URL mail links start with."""

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from smtp_inbox import PUBLIC_URL, SENDER, Inbox, free_port

from pacesetter.mail.sender import SmtpSender
from pacesetter.settings import get_settings
from web.client import app, cheap_password_hashing, client, client_for  # noqa: F401  (fixtures)


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    received = Inbox()
    server = Controller(received, hostname="127.0.0.1", port=free_port())
    server.start()
    received.sender = SmtpSender("127.0.0.1", server.port, SENDER)
    yield received
    server.stop()


@pytest.fixture(autouse=True)
def public_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("PACESETTER_PUBLIC_URL", PUBLIC_URL)
    get_settings.cache_clear()
    yield PUBLIC_URL
    get_settings.cache_clear()
