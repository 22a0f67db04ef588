"""Trailing history read from the monthly rollups is the metrics layer's numbers, period by
period: an import weighs thousands of goals against the months and quarters before theirs, and
goals/history.py sums those whole months from the rollups in memory instead of asking the
metrics layer for each trailing period. People and teams, sums and ratios must come out as a
report computes them.

Ann, Ben (reps) and Max (player-coach) form Max's team; see goal_helpers.
"""

from datetime import date

import pytest
from goal_helpers import TODAY, Org
from sqlalchemy import select
from sqlalchemy.orm import Session

from factories import make_activity, make_deal
from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.domain.periods import parse_period
from pacesetter.goals.history import trailing_history
from pacesetter.metrics.values import person_metrics, team_metrics
from pacesetter.store.models import Person

METRICS = ["revenue_won", "deals_won", "win_rate", "avg_deal_size", "activities_call", "activities"]


@pytest.fixture(autouse=True)
def a_year_of_deals_and_activities(db: Session, org: Org) -> None:
    """Data on record since 2024 (so every trailing period counts), then a spread over 2025."""
    make_deal(db, org.zed, status="lost", created=date(2024, 11, 4), closed=date(2024, 12, 2))
    make_activity(db, org.zed, date(2024, 11, 5))
    for owner, amount, status, closed in [
        (org.ann, 40_000, "won", date(2025, 5, 5)),
        (org.ann, 12_500, "won", date(2025, 12, 30)),
        (org.ben, 25_000, "lost", date(2025, 8, 12)),
        (org.ben, 30_000, "won", date(2025, 10, 1)),
        (org.max, 70_000, "won", date(2025, 11, 3)),
    ]:
        make_deal(db, owner, amount=amount, status=status, created=date(2025, 1, 6), closed=closed)
    for owner, day, kind in [
        (org.ann, date(2025, 10, 7), "call"),
        (org.ann, date(2025, 12, 1), "call"),
        (org.ben, date(2025, 11, 20), "meeting"),
        (org.max, date(2025, 9, 30), "call"),
        (org.max, date(2025, 12, 31), "email"),
    ]:
        make_activity(db, owner, day, type=kind)


@pytest.mark.parametrize("period", ["2026-Q1", "2026-01"])
def test_each_trailing_period_equals_the_metrics_layer(db: Session, org: Org, period: str) -> None:
    scopes = [ScopeKey(PERSON, person.id) for person in (org.ann, org.ben, org.max)]
    scopes.append(ScopeKey(TEAM, org.max.id))

    history = trailing_history(db, scopes, METRICS, parse_period(period), 3, today=TODAY)

    assert history.periods
    for index, past in enumerate(history.periods):
        for key in scopes:
            compute = person_metrics if key.scope_type == PERSON else team_metrics
            selected = select(Person.id).where(Person.id == key.person_id)
            expected = compute(db, selected, past, past.end, METRICS)[key.person_id]
            found = {slug: history.values[(key, slug)][index] for slug in METRICS}
            assert found == {
                slug: None if value is None else float(value) for slug, value in expected.items()
            }, (key, past.name)
    team_quarter = history.values[(ScopeKey(TEAM, org.max.id), "revenue_won")]
    assert any(team_quarter)  # the team's own rows were summed, not only nothing
