"""`pacesetter digest`: the weekly digest by email, and the event mail waiting to be sent.

Run `digest send` once a week (Monday morning, for the week that just ended) and `digest
flush` every few minutes; docs/digest.md has the cron lines and systemd timers.
"""

import typer

from pacesetter.digest.sending import Run, flush_outbox, send_digests
from pacesetter.digest.week import DigestWeek
from pacesetter.incentives.views import digest_earnings
from pacesetter.mail.sender import SmtpSender
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.settings import get_settings
from pacesetter.store.db import session_factory

app = typer.Typer(help="The weekly digest by email, and event mail.", no_args_is_help=True)


@app.command()
def send(
    week: str = typer.Option(..., "--week", help="ISO week, for example 2026-W07."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print who would get what; send none."),
    to: str | None = typer.Option(None, "--to", help="Only this person (their email)."),
) -> None:
    """Send WEEK's digest to every rep, manager and director who has not opted out.

    Each person gets it at most once per week, however often this runs."""
    sender = SmtpSender.from_settings(get_settings())
    with session_factory()() as session:
        digest_week = DigestWeek.parse(week, fiscal_year_start_month(session))
        run = send_digests(
            session, sender, digest_week, dry_run=dry_run, only=to, earnings=digest_earnings
        )
        session.commit()
    _report(run, "would send" if dry_run else "sent")


@app.command()
def flush() -> None:
    """Send the event mail waiting in the outbox (proposals to decide, decisions, changes)."""
    with session_factory()() as session:
        run = flush_outbox(session, SmtpSender.from_settings(get_settings()))
        session.commit()
    _report(run, "sent")


def _report(run: Run, verb: str) -> None:
    for mail in run.mails:
        typer.echo(f"{verb}: {mail.to}: {mail.subject}")
    typer.echo(
        f"{len(run.mails)} {verb}, {len(run.already_sent)} already sent, "
        f"{len(run.opted_out)} opted out, {len(run.failed)} failed"
    )
    if run.failed:
        typer.echo(f"Not accepted by the mail server: {', '.join(run.failed)}", err=True)
        raise typer.Exit(1)
