"""Two digest runs at once on PostgreSQL: the second waits on the first's claim (the unique key
of `mail_sent`), then skips the person, so nobody gets the week's digest twice."""

import threading
from collections.abc import Iterator

import pytest
from digest_helpers import WEEK, make_org, make_week
from smtp_inbox import Inbox
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pacesetter.digest.sending import Run, send_digests
from pacesetter.mail.sender import EmailSender, Mail
from pacesetter.store.db import make_engine, unit_of_work

ANN = "ann@example.com"


class HeldSender(EmailSender):
    """Passes mail on to the inbox once released: the first run holds its claim meanwhile."""

    def __init__(self, inbox: Inbox) -> None:
        self.inbox, self.claimed, self.release = inbox, threading.Event(), threading.Event()

    def send(self, mail: Mail) -> None:
        self.claimed.set()
        self.release.wait(timeout=30)
        self.inbox.sender.send(mail)


@pytest.fixture
def engine(db_kind: str, new_database_url: str) -> Iterator[Engine]:
    if db_kind != "postgresql":
        pytest.skip("SQLite serialises writers: an overlapping run stops as 'database is locked'")
    engine = make_engine(new_database_url)
    with unit_of_work(engine) as session:
        make_week(session, make_org(session))
    yield engine
    engine.dispose()


@pytest.mark.slow
def test_an_overlapping_run_skips_the_person_the_first_is_sending_to(
    engine: Engine, inbox: Inbox
) -> None:
    held, runs = HeldSender(inbox), {}
    first = threading.Thread(target=_run, args=(engine, held, runs, "first"))
    first.start()
    assert held.claimed.wait(timeout=60)
    second = threading.Thread(target=_run, args=(engine, inbox.sender, runs, "second"))
    second.start()
    second.join(timeout=3)
    assert second.is_alive()  # it cannot finish before the first run commits its claim
    held.release.set()
    first.join(timeout=60)
    second.join(timeout=60)
    assert [m["X-Envelope-To"] for m in inbox.messages] == [ANN]
    assert runs["second"].already_sent == [ANN] and runs["second"].mails == []


def _run(engine: Engine, sender: EmailSender, runs: dict[str, Run], name: str) -> None:
    with Session(engine, expire_on_commit=False) as session:
        runs[name] = send_digests(session, sender, WEEK, only=ANN)
        session.commit()
