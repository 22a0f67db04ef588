"""The role-design what-if of a manager, on the page (a GET form that works without JS) and
by GET /api/v1/managers/{id}/what-if: the recommendation now and with the change, with reasons.

The org of tests/web/org.py, Q1 2026 at 1 January (the default stage: growing). Omar has two
direct reports: Owen (no goal: unclear expectations) and Hana, hired 1 December 2025 without a
1:1 (new hires unsupported). Nothing else fires on the first day (no month has ended, the
window has no gap yet, nobody sold). Two overload signals, a team of two, growing:
limit_personal_target because of the stage.

| what if               | signals now firing                             | advice                |
|-----------------------|------------------------------------------------|-----------------------|
| nothing               | 2 overload                                     | limit_personal_target |
| stage small           | 2 overload (< 3), 2 reports (< 4), no conflict | player_coach_ok       |
| 8 reports             | 8 >= 8                                         | leadership_only       |
| 4 reports, target 60% | + personal_target_share (0.6 > 0.5, 4 >= 4): 3 | leadership_only       |
| 4 reports, target 50% | 0.5 is not > 0.5: still 2                      | limit_personal_target |
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.store.models import Person
from web.client import UserClient
from web.org import Org

SignIn = Callable[[Person], UserClient]
DAY = "period=2026-Q1&as_of=2026-01-01"


@pytest.fixture
def omar_team(db: Session, org: Org) -> Org:
    make_person(db, "Hana Hire", manager=org.omar, start_date=date(2025, 12, 1))
    return org


CASES = [
    ("", "limit_personal_target", "the business stage is growing"),
    ("&stage=small", "player_coach_ok", "2 direct reports (fewer than 4)"),
    ("&reps=8", "leadership_only", "8 direct reports (8 or more)"),
    (
        "&reps=4&target_pct=60",
        "leadership_only",
        "3 overload signals (3 or more): personal_target_share, unclear_expectations, "
        "new_hires_unsupported",
    ),
    ("&reps=4&target_pct=50", "limit_personal_target", "4 direct reports (4 to 7)"),
]


@pytest.mark.parametrize(("change", "value", "reason"), CASES)
def test_the_api_answers_the_recommendation_with_the_change(
    omar_team: Org, client_for: SignIn, change: str, value: str, reason: str
) -> None:
    url = f"/api/v1/managers/{omar_team.omar.id}/what-if?{DAY}{change}"
    body = client_for(omar_team.dana).get(url).json()
    assert (body["direct_reports"], body["now"]["value"]) == (2, "limit_personal_target")
    assert body["then"]["value"] == value and reason in body["then"]["reasons"]


def test_the_page_answers_a_form_without_js(omar_team: Org, client_for: SignIn) -> None:
    browser = client_for(omar_team.omar)
    card = browser.get(f"/managers?{DAY}").text
    assert f'action="/managers/{omar_team.omar.id}/what-if"' in card
    url = f"/managers/{omar_team.omar.id}/what-if?{DAY}&reps=&stage=small&target_pct="
    page = browser.get(url)
    assert page.status_code == 200
    assert "Then: Player-coach is fine" in page.text and "the business stage is small" in page.text
    assert '<option value="small" selected>' in page.text


@pytest.mark.parametrize(
    ("who", "whom", "query", "status"),
    [
        ("mia", "omar", "", 404),  # outside Mia's scope
        ("dana", "owen", "", 404),  # a rep has no role design
        ("dana", "omar", "&stage=huge", 422),
        ("dana", "omar", "&target_pct=101", 422),
    ],
)
def test_what_is_not_a_what_if(
    omar_team: Org, client_for: SignIn, who: str, whom: str, query: str, status: int
) -> None:
    browser = client_for(getattr(omar_team, who))
    path = f"{getattr(omar_team, whom).id}/what-if?{DAY}{query}"
    assert browser.get(f"/api/v1/managers/{path}").status_code == status
    assert browser.get(f"/managers/{path}").status_code == status
