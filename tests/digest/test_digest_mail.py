"""The weekly digest received by a real SMTP server on localhost: who gets it, what it says in
both parts, its links, and that a re-run or an opt-out sends nothing."""

from datetime import date

from digest_helpers import WEEK, Org, make_org, make_week
from smtp_inbox import PUBLIC_URL, SENDER, Inbox
from sqlalchemy.orm import Session

from factories import make_coaching
from pacesetter.digest.preferences import Choice, choose
from pacesetter.digest.sending import send_digests


def test_every_rep_manager_and_director_gets_one_digest(db: Session, inbox: Inbox) -> None:
    _org(db)
    run = send_digests(db, inbox.sender, WEEK)
    expected = ["ann@example.com", "ben@example.com", "dee@example.com", "max@example.com"]
    assert sorted(m["X-Envelope-To"] for m in inbox.messages) == expected
    assert len(run.mails) == 4 and all(m["From"] == SENDER for m in inbox.messages)


def test_subjects_count_the_goals_at_risk(db: Session, inbox: Inbox) -> None:
    _org(db)
    send_digests(db, inbox.sender, WEEK)
    subjects = {m["X-Envelope-To"]: m["Subject"] for m in inbox.messages}
    assert subjects["max@example.com"] == "Pacesetter team week 2026-W08: 1 goal at risk"
    assert subjects["ann@example.com"] == "Pacesetter week 2026-W08: 1 goal at risk"
    assert subjects["ben@example.com"] == "Pacesetter week 2026-W08: no goals at risk"


def test_both_parts_say_the_same_with_absolute_links(db: Session, inbox: Inbox) -> None:
    org = _org(db)
    send_digests(db, inbox.sender, WEEK)
    [mail] = inbox.to("max@example.com")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    for part in (text, html):
        assert "Goals at risk".lower() in part.lower()
        assert "Ann: Revenue won 2026-02" in part and "$0 of $100,000" in part
        assert f"{PUBLIC_URL}/goals/people/{org.ann.id}" in part
        assert f"{PUBLIC_URL}/people/{org.max.id}/mail" in part  # the way to stop them
        assert "Closed the Acme renewal" in part
    assert f'href="{PUBLIC_URL}/coaching/new?type=one_on_one&amp;person_id={org.ben.id}"' in html


def test_a_rerun_sends_nothing_twice(db: Session, inbox: Inbox) -> None:
    _org(db)
    send_digests(db, inbox.sender, WEEK)
    again = send_digests(db, inbox.sender, WEEK)
    assert len(inbox.messages) == 4
    assert again.mails == [] and len(again.already_sent) == 4


def test_a_person_who_opted_out_gets_no_digest(db: Session, inbox: Inbox) -> None:
    org = _org(db)
    choose(db, org.ann.id, Choice(digest=False, events=True))
    run = send_digests(db, inbox.sender, WEEK)
    assert inbox.to("ann@example.com") == [] and run.opted_out == ["ann@example.com"]


def test_dry_run_sends_and_records_nothing(db: Session, inbox: Inbox) -> None:
    _org(db)
    dry = send_digests(db, inbox.sender, WEEK, dry_run=True, only="MAX@example.com")
    assert [m.to for m in dry.mails] == ["max@example.com"] and inbox.messages == []
    assert len(send_digests(db, inbox.sender, WEEK).mails) == 4


def test_a_refused_mail_is_tried_again_next_run(db: Session, inbox: Inbox) -> None:
    _org(db)
    inbox.refuse = True
    first = send_digests(db, inbox.sender, WEEK, only="ann@example.com")
    inbox.refuse = False
    second = send_digests(db, inbox.sender, WEEK, only="ann@example.com")
    assert first.failed == ["ann@example.com"] and [m.to for m in second.mails] == [
        "ann@example.com"
    ]


def test_text_from_the_records_is_escaped_in_the_html(db: Session, inbox: Inbox) -> None:
    org = _org(db)
    recognition = make_coaching(db, org.max, "recognition", date(2026, 2, 19), person=org.ann)
    recognition.notes = "<script>alert(1)</script> & more"
    send_digests(db, inbox.sender, WEEK, only="ann@example.com")
    html = inbox.messages[0].get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html and "<script>" not in html


def _org(db: Session) -> Org:
    org = make_org(db)
    make_week(db, org)
    return org
