"""One "who and when" (`store.context`): the organisation's today in its time zone, the period a
name or a default stands for, the as-of date; pages and the API agree on it.

Kiritimati is UTC+14 and Pago Pago UTC-11: at 10:30 UTC on Fri 13 Feb 2026 it is already Sat 14
Feb in Kiritimati and still Thu 12 Feb in Pago Pago.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from pacesetter.domain.periods import PeriodKind
from pacesetter.store.context import context_for
from pacesetter.store.models import Person
from pacesetter.store.org_settings import today_in, update_org_settings
from pacesetter.store.scope import Scope
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
AHEAD, BEHIND = "Pacific/Kiritimati", "Pacific/Pago_Pago"
NOW = datetime(2026, 2, 13, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "today", "month"),
    [(AHEAD, date(2026, 2, 14), "2026-02"), (BEHIND, date(2026, 2, 12), "2026-02")],
)
def test_the_context_is_the_organisations_today_and_month(
    db: Session, zone: str, today: date, month: str
) -> None:
    update_org_settings(db, {"timezone": zone})
    ctx = context_for(db, Scope.everything(), NOW)
    assert ctx.today == today
    assert ctx.period(None).name == month
    assert ctx.as_of(ctx.period(None)) == today


def test_the_context_clips_today_to_a_named_period_and_keeps_a_given_date(db: Session) -> None:
    update_org_settings(db, {"timezone": AHEAD, "fiscal_year_start_month": "4"})
    ctx = context_for(db, Scope.everything(), datetime(2026, 3, 31, 10, 0, tzinfo=UTC))
    assert ctx.today == date(2026, 4, 1)  # 10:00 UTC + 14h: the new fiscal year
    assert ctx.period(None, PeriodKind.QUARTER).start == date(2026, 4, 1)
    january = ctx.period("2026-01")
    assert ctx.as_of(january) == date(2026, 1, 31)
    assert ctx.as_of(january, date(2026, 1, 9)) == date(2026, 1, 9)


def test_the_page_and_the_api_agree_on_today_far_from_utc(
    db: Session, org: Org, client_for: SignIn
) -> None:
    # At any moment one of the two zones is on another date than UTC.
    zone = AHEAD if today_in(AHEAD) != datetime.now(UTC).date() else BEHIND
    update_org_settings(db, {"timezone": zone})
    expected = today_in(zone).isoformat()
    browser = client_for(org.dana)
    assert browser.get("/api/v1/scorecard").json()["as_of"] == expected
    assert f'name="as_of" type="date" value="{expected}"' in browser.get("/scorecard").text
    assert browser.get(f"/api/v1/goals/team/{org.dana.id}").json()["as_of"] == expected
