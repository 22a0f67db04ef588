"""The digest's earnings section, received by the real SMTP server on localhost: each person
with earnings under a reward rule reads their own, per rule, so far and at the current pace,
from the same rows as their earnings page.

Week 2026-W08 ends on Sunday 22 February: 15 of February's 20 working days have gone (0.75).
Ann's February goal is 100,000 and she won 45,000 on 10 February:

- Feb bonus (per month, 1,000 at 100%, half of it from 50%): so far 45% is below the 50%
  tier, $0; at the current pace 45,000 / (100,000 x 0.75) = 60%, the 50% tier:
  0.5 x 1,000 = $500.
- Deal SPIFF (per quarter, 100 a won deal in Q1): one deal, $100; a SPIFF pays per deal won,
  so at the current pace it is $100 too.

Ben has no goal and won nothing; Max and Dee have neither: their digests have no such section.
"""

from datetime import date

from digest_helpers import WEEK, make_org, make_week
from smtp_inbox import PUBLIC_URL, Inbox
from sqlalchemy.orm import Session

from factories import make_deal
from pacesetter.digest.sending import send_digests
from pacesetter.goals.actor import Actor
from pacesetter.incentives.rules import RuleInput, create_rule
from pacesetter.incentives.views import digest_earnings
from pacesetter.store.models import Person

BONUS = {
    "target_bonus": "1000",
    "tiers": [{"floor": "0.5", "share": "0.5"}],
    "bands": [{"start": "1", "rate": "1"}],
}
SPIFF = {"per_deal": "100", "window_start": "2026-01-01", "window_end": "2026-03-31"}


def with_rules(db: Session, manager: Person) -> None:
    for name, kind, period_kind, params in (
        ("Feb bonus", "bonus", "month", BONUS),
        ("Deal SPIFF", "spiff", "quarter", SPIFF),
    ):
        data = RuleInput(
            name, kind, "revenue_won", period_kind, manager.id, params, date(2026, 1, 1)
        )
        create_rule(db, Actor.of(manager), data)


def test_each_person_reads_their_own_earnings_per_rule(db: Session, inbox: Inbox) -> None:
    org = make_org(db)
    make_week(db, org)
    with_rules(db, org.max)
    make_deal(db, org.ann, amount=45_000, status="won", closed=date(2026, 2, 10))
    send_digests(db, inbox.sender, WEEK, earnings=digest_earnings)
    [mail] = inbox.to("ann@example.com")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Feb bonus 2026-02: $0 so far, $500 at the current pace" in text
    assert "Deal SPIFF 2026-Q1: $100 so far, $100 at the current pace" in text
    assert "$0 so far · $500 at the current pace" in html
    link = f"{PUBLIC_URL}/incentives/people/{org.ann.id}?period=2026-02"
    assert link in text and f'href="{link}"' in html
    for other in ("ben@example.com", "max@example.com", "dee@example.com"):
        [theirs] = inbox.to(other)
        assert "earnings" not in theirs.get_body(("plain",)).get_content().lower()


def test_without_a_source_of_earnings_the_digest_has_no_such_section(
    db: Session, inbox: Inbox
) -> None:
    org = make_org(db)
    make_week(db, org)
    with_rules(db, org.max)
    make_deal(db, org.ann, amount=45_000, status="won", closed=date(2026, 2, 10))
    send_digests(db, inbox.sender, WEEK)
    [mail] = inbox.to("ann@example.com")
    assert "EARNINGS" not in mail.get_body(("plain",)).get_content()
