"""Event mail where a person waits on another: written to the outbox with the goal change and
sent by the flush, received by a real SMTP server; a refused change sends nothing."""

from datetime import date
from pathlib import Path

import pytest
from digest_helpers import Org, make_org
from smtp_inbox import PUBLIC_URL, Inbox
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.digest.preferences import Choice, choose
from pacesetter.digest.sending import flush_outbox
from pacesetter.domain.errors import Forbidden
from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.goals.actor import Actor
from pacesetter.goals.service import (
    GoalInput,
    approve_goal,
    create_goal,
    reject_goal,
    update_goal,
)
from pacesetter.ingest.service import run_import
from pacesetter.store.models import Goal, MailOutbox

TODAY = date(2026, 1, 12)


def propose(db: Session, org: Org) -> Goal:
    """Ann proposes a Q1 revenue goal of 100,000 for herself."""
    wanted = GoalInput(ScopeKey(PERSON, org.ann.id), "revenue_won", "2026-Q1", 100_000)
    return create_goal(db, Actor.of(org.ann), wanted, today=TODAY, linter=_no_lint).goal


def test_a_proposal_asks_the_reps_manager_to_decide(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    goal = propose(db, org)
    flush_outbox(db, inbox.sender)
    [mail] = inbox.messages
    assert mail["X-Envelope-To"] == "max@example.com"
    assert mail["Subject"] == "Pacesetter: To decide: Revenue won $100,000 for Ann in 2026-Q1"
    for part in (mail.get_body(("plain",)), mail.get_body(("html",))):
        assert "Ann proposes Revenue won $100,000" in part.get_content()
        assert f"{PUBLIC_URL}/goals/{goal.id}" in part.get_content()


def test_imported_proposals_ask_whoever_decides_as_the_pages_do(
    db: Session, inbox: Inbox, tmp_path: Path
) -> None:
    # Ann's own proposal waits on Max; Max's team goal waits on Dee, the manager above him.
    make_org(db)
    path = tmp_path / "goals.csv"
    path.write_text(
        "scope,metric,period,target,kind,individual_weight,status,rationale\n"
        "ann@example.com,revenue_won,2026-Q1,100000,,,proposed,\n"
        "team:max@example.com,revenue_won,2026-Q1,300000,,,proposed,\n",
        encoding="utf-8",
    )
    report = run_import(db, "goals", path, file_name="goals.csv")
    assert (report.added, report.errors.to_list()) == (2, [])
    flush_outbox(db, inbox.sender)
    asked = sorted((m["X-Envelope-To"], m["Subject"]) for m in inbox.messages)
    assert asked == [
        (
            "dee@example.com",
            "Pacesetter: To decide: Revenue won $300,000 for Max's team in 2026-Q1",
        ),
        ("max@example.com", "Pacesetter: To decide: Revenue won $100,000 for Ann in 2026-Q1"),
    ]


def test_a_decision_tells_the_proposer_with_the_note(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    goal = propose(db, org)
    reject_goal(db, Actor.of(org.max), goal.id, note="Too low for Q1")
    flush_outbox(db, inbox.sender)
    [mail] = inbox.to("ann@example.com")
    assert mail["Subject"].startswith("Pacesetter: Your proposal was rejected: Revenue won")
    assert "Note: Too low for Q1" in mail.get_body(("plain",)).get_content()


def test_a_change_to_an_approved_goal_tells_its_owner(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    goal = propose(db, org)
    approve_goal(db, Actor.of(org.max), goal.id, today=TODAY, linter=_no_lint)
    changes = {"target": 120_000}
    update_goal(
        db,
        Actor.of(org.max),
        goal.id,
        changes,
        today=TODAY,
        reason="New territory",
        linter=_no_lint,
    )
    flush_outbox(db, inbox.sender)
    subjects = [m["Subject"] for m in inbox.to("ann@example.com")]
    assert subjects == [
        "Pacesetter: Your proposal was approved: Revenue won $100,000 for Ann in 2026-Q1",
        "Pacesetter: Your goal changed: Revenue won $120,000 for Ann in 2026-Q1",
    ]


def test_a_refused_change_sends_nothing(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    goal = propose(db, org)
    flush_outbox(db, inbox.sender)
    savepoint = db.begin_nested()
    with pytest.raises(Forbidden):
        reject_goal(db, Actor.of(org.ann), goal.id, note="Never mind")  # her own proposal
    savepoint.rollback()
    assert flush_outbox(db, inbox.sender).mails == [] and len(inbox.messages) == 1


def test_each_event_is_sent_once(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    propose(db, org)
    flush_outbox(db, inbox.sender)
    flush_outbox(db, inbox.sender)
    assert len(inbox.messages) == 1
    assert db.scalars(select(MailOutbox.sent_at)).one() is not None


def test_a_person_who_opted_out_of_event_mail_gets_none(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    choose(db, org.max.id, Choice(digest=True, events=False))
    propose(db, org)
    assert flush_outbox(db, inbox.sender).opted_out == ["max@example.com"]
    assert inbox.messages == []


def _no_lint(*args: object, **kwargs: object) -> list:
    """The lint reads history these tests do not build; its rules are tested elsewhere."""
    return []
