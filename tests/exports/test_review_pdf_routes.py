"""The review as a PDF (the review page's download and its API twin): its figures are the
review's JSON, formatted by the one formatter; both charts are drawn; it is scoped like the page
(404 outside the viewer's scope) and refused while the period is open. The team is the
incentives tests' hand-worked one: Q1 2026 closed, Ann 110%, Ben 99.99%, Cal 120% but left."""

from collections.abc import Callable
from datetime import date

import pytest
from pdf_text import page_count, text_lines
from sqlalchemy.orm import Session

from factories import make_activity, make_forecast, make_plan_line
from incentives.incentive_helpers import commit_at_one_on_one, make_team
from pacesetter.domain.formatting import in_unit, money, share
from pacesetter.domain.periods import PeriodKind
from pacesetter.incentives.review_pdf import KIND_UNITS
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.metrics.manager_report import KPI_GROUPS
from pacesetter.store.context import context_for
from pacesetter.store.models import Person
from pacesetter.store.scope import Scope
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
Q1 = "period=2026-Q1"


@pytest.fixture
def team(db: Session) -> dict[str, Person]:
    team = make_team(db)
    mia, ann = team["mia"], team["ann"]
    make_forecast(db, mia, "2026-Q1", 240_000, date(2026, 2, 14))
    # Ann's 1:1 commits 20 calls (she makes 24) and 2 meetings (none) for March: 1 of 2 kept.
    commit_at_one_on_one(db, team, date(2026, 2, 27), "2026-03", {"call": 20, "meeting": 2})
    for month in ("2026-01", "2026-02", "2026-03"):
        make_plan_line(db, ann, month, "call", 10)
    for day in range(1, 25):
        make_activity(db, ann, date(2026, 3, day), type="call")
    return team


def pdf_of(browser: UserClient, path: str) -> bytes:
    answer = browser.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-")
    return answer.content


def test_the_pdf_shows_the_reviews_json(team: dict[str, Person], client_for: SignIn) -> None:
    browser, mia = client_for(team["mia"]), team["mia"].id
    review = browser.get(f"/api/v1/incentives/reviews/{mia}?{Q1}").json()
    body = pdf_of(browser, f"/review/team/{mia}/review.pdf?{Q1}")
    lines = text_lines(body)
    assert "Review 2026-Q1: Mia's team" in lines
    expected = [str(review["goals_hit"]), f"{review['goals_missed']} missed"]
    expected += [money(review["forecast"]), money(review["team_revenue_won"])]
    for goal in review["team_goals"]:
        expected.append(share(goal["attainment"]))
    for person in review["people"]:
        for goal in person["goals"]:
            unit = REGISTRY[goal["metric"]].unit.value
            outcome = "hit" if goal["hit"] else "missed"
            expected += [in_unit(goal[key], unit) for key in ("target", "actual", "by")]
            expected.append(f"{share(goal['attainment'])} {outcome}")
        expected += [str(person["one_on_ones"]), str(person["ride_alongs"])]
        if person["commitments_made"]:
            expected.append(f"{person['commitments_kept']} of {person['commitments_made']}")
    missing = [shown for shown in expected if shown not in lines]
    assert missing == []
    # As worked by hand: Ann 110% hit, Ben 99% (99.99% rounded down) missed, Cal 120% hit.
    assert {"110% hit", "99% missed", "120% hit", "269,990", "240,000", "1 of 2"} <= set(lines)


def test_the_pdf_draws_the_attainment_bars_and_the_quadrant(
    team: dict[str, Person], client_for: SignIn
) -> None:
    body = pdf_of(client_for(team["mia"]), f"/review/team/{team['mia'].id}/review.pdf?{Q1}")
    lines = text_lines(body)
    # A bar per goal with its attainment at its end, and the dashed target line's label.
    assert {"Ann · revenue won", "Ben · revenue won", "target"} <= set(lines)
    # Ann is the one rep with a plan: the scatter's one numbered dot and its legend line.
    placed = [line for line in lines if line.startswith("1  Ann: ")]
    assert len(placed) == 1 and placed[0].count("%") == 2
    assert page_count(body) >= 2


def test_the_managers_kpis_are_the_managers_json(
    team: dict[str, Person], client_for: SignIn
) -> None:
    browser, mia = client_for(team["mia"]), team["mia"]
    report = browser.get(f"/api/v1/managers?{Q1}&manager={mia.id}").json()
    [row] = [row for row in report["rows"] if row["email"] == mia.email]
    lines = text_lines(pdf_of(browser, f"/review/team/{mia.id}/review.pdf?{Q1}"))
    shown = set(zip(lines, lines[1:], lines[2:], strict=False))  # a table row: group, KPI, value
    expected = {
        (group, column.label, in_unit(row[column.key], KIND_UNITS[column.kind]))
        for group, columns in KPI_GROUPS.items()
        for column in columns
    }
    assert expected - shown == set()


def test_the_api_twin_is_the_same_file(team: dict[str, Person], client_for: SignIn) -> None:
    browser, mia = client_for(team["mia"]), team["mia"].id
    answer = browser.get(f"/api/v1/incentives/reviews/{mia}/review.pdf?{Q1}")
    assert answer.headers["content-disposition"] == (
        f'attachment; filename="review-2026-Q1-team-{mia}.pdf"'
    )
    assert answer.content == pdf_of(browser, f"/review/team/{mia}/review.pdf?{Q1}")


@pytest.mark.parametrize("prefix", ["/review/team/", "/api/v1/incentives/reviews/"])
def test_a_team_outside_the_scope_is_not_found(
    prefix: str, team: dict[str, Person], client_for: SignIn
) -> None:
    ann = client_for(team["ann"])
    for other in (team["mia"], team["ben"]):
        assert ann.get(f"{prefix}{other.id}/review.pdf?{Q1}").status_code == 404
    assert ann.get(f"{prefix}{team['ann'].id}/review.pdf?{Q1}").status_code == 200
    assert ann.get(f"{prefix}999999/review.pdf?{Q1}").status_code == 404


def test_an_open_period_is_refused(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    today = context_for(db, Scope.everything()).today
    month = f"{today:%Y-%m}"
    answer = client_for(team["mia"]).get(f"/review/team/{team['mia'].id}/review.pdf?period={month}")
    assert answer.status_code == 422


def test_by_default_the_last_month_that_closed(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    ctx = context_for(db, Scope.everything())
    last = ctx.period(None, PeriodKind.MONTH).previous()
    answer = client_for(team["mia"]).get(f"/review/team/{team['mia'].id}/review.pdf")
    assert f'filename="review-{last.name}-team-' in answer.headers["content-disposition"]
    assert f"Monthly review {last.name}: Mia's team" in text_lines(answer.content)


def test_the_review_page_links_its_pdf(team: dict[str, Person], client_for: SignIn) -> None:
    mia = team["mia"].id
    html = client_for(team["mia"]).get(f"/review/team/{mia}?{Q1}").text
    assert f'href="/review/team/{mia}/review.pdf?period=2026-Q1"' in html
