"""Sending the week's digests and the waiting event mail, each once.

A digest is claimed before it is sent: a `mail_sent` row (person, "digest", week) is inserted
and flushed in a savepoint, the mail sent, and the claim committed at once, so a run that dies
half-way keeps what it sent and a re-run (or an overlapping run: the row's unique key makes it
wait, then skip) sends nothing twice. A mail the server refuses releases its claim, so the next
run tries again. Event mail is claimed the same way, by stamping its outbox row.

These functions commit after each mail on purpose: a mail handed to the SMTP server is a fact
the database must keep even if a later one fails.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction

from pacesetter.digest.earnings import EarningsSource
from pacesetter.digest.event_view import event_view
from pacesetter.digest.facts import gather
from pacesetter.digest.links import Links
from pacesetter.digest.view import DigestView, build_digest
from pacesetter.digest.week import DigestWeek
from pacesetter.domain.vocab import Role
from pacesetter.mail.rendering import render_both
from pacesetter.mail.sender import EmailSender, Mail
from pacesetter.settings import get_settings
from pacesetter.store.models import MailOutbox, MailPreference, MailSent, Person, utcnow
from pacesetter.store.org_settings import load_org_settings

DIGEST = "digest"
DIGEST_ROLES = (Role.REP, Role.MANAGER, Role.DIRECTOR)
# Marks one mail as being sent, inside a savepoint; False when someone else already did.
Claim = Callable[[Session], bool]


@dataclass
class Run:
    """What a run did: mails sent (or, dry, that would be), and the people passed over."""

    mails: list[Mail] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    opted_out: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def digest_mail(view: DigestView) -> Mail:
    text, html = render_both("digest", {"digest": view})
    return Mail(view.to, view.subject, text, html)


def send_digests(
    session: Session,
    sender: EmailSender,
    week: DigestWeek,
    *,
    dry_run: bool = False,
    only: str | None = None,
    earnings: EarningsSource | None = None,
) -> Run:
    """The week's digest to everyone it is for (or to the one person `only` names), with each
    one's earnings when their source is given."""
    facts, run = gather(session, week, earnings), Run()
    for person in _recipients(session, week, only):
        if not _wants(session, person.id, "digest"):
            run.opted_out.append(person.email)
        elif _was_sent(session, person.id, week.name):
            run.already_sent.append(person.email)
        else:
            mail = digest_mail(build_digest(session, person, week, facts))
            _deliver(session, sender, mail, _claim_digest(person.id, week.name), run, dry_run)
    return run


def flush_outbox(session: Session, sender: EmailSender) -> Run:
    """Every event mail waiting in the outbox, oldest first (each once, whoever else runs)."""
    run, links = Run(), Links(get_settings().public_url)
    currency = load_org_settings(session).currency
    pending = session.scalars(
        select(MailOutbox).where(MailOutbox.sent_at.is_(None)).order_by(MailOutbox.id)
    ).all()
    for row in pending:
        person = session.get(Person, row.person_id)
        if person is None or not _wants(session, person.id, "events"):
            row.sent_at = utcnow()  # never to be sent: done with, not pending
            session.commit()
            run.opted_out.append(person.email if person else str(row.person_id))
            continue
        mail = _event_mail(row, person, links, currency)
        _deliver(session, sender, mail, _claim_event(row.id), run, dry_run=False)
    return run


def _event_mail(row: MailOutbox, person: Person, links: Links, currency: str) -> Mail:
    view = event_view(row, person, links, currency)
    text, html = render_both("event", {"event": view})
    return Mail(view.to, view.subject, text, html)


def _deliver(
    session: Session, sender: EmailSender, mail: Mail, claim: Claim, run: Run, dry_run: bool
) -> None:
    if dry_run:
        run.mails.append(mail)
        return
    savepoint = session.begin_nested()
    try:
        claimed = claim(session)
    except IntegrityError:  # an overlapping run claimed it first
        claimed = False
    if not claimed:
        savepoint.rollback()
        run.already_sent.append(mail.to)
        return
    _send_claimed(session, sender, mail, savepoint, run)


def _send_claimed(
    session: Session, sender: EmailSender, mail: Mail, savepoint: SessionTransaction, run: Run
) -> None:
    try:
        sender.send(mail)
    except OSError:  # refused or unreachable (smtplib's errors are OSErrors): next run retries
        savepoint.rollback()
        run.failed.append(mail.to)
        return
    savepoint.commit()
    session.commit()
    run.mails.append(mail)


def _claim_digest(person_id: int, week: str) -> Claim:
    def claim(session: Session) -> bool:
        session.add(MailSent(person_id=person_id, kind=DIGEST, key=week))
        session.flush()
        return True

    return claim


def _claim_event(outbox_id: int) -> Claim:
    def claim(session: Session) -> bool:
        stamp = update(MailOutbox).where(MailOutbox.id == outbox_id, MailOutbox.sent_at.is_(None))
        return session.execute(stamp.values(sent_at=utcnow())).rowcount == 1

    return claim


def _recipients(session: Session, week: DigestWeek, only: str | None) -> list[Person]:
    statement = select(Person).where(Person.role.in_(DIGEST_ROLES)).order_by(Person.name)
    if only is not None:
        statement = statement.where(Person.email == only.strip().lower())
    return [p for p in session.scalars(statement) if p.employed_on(week.as_of)]


def _wants(session: Session, person_id: int, kind: str) -> bool:
    preference = session.get(MailPreference, person_id)
    return preference is None or bool(getattr(preference, kind))


def _was_sent(session: Session, person_id: int, week: str) -> bool:
    statement = select(MailSent.id).where(
        MailSent.person_id == person_id, MailSent.kind == DIGEST, MailSent.key == week
    )
    return session.scalar(statement) is not None
