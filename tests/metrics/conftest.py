"""Shortcuts for the metric tests: one person's or one team's values for a period at a date."""

from collections.abc import Callable, Sequence
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.periods import parse_period
from pacesetter.metrics.catalogue import SCORECARD_METRICS, Value
from pacesetter.metrics.values import MetricValues, person_metrics, team_metrics
from pacesetter.store.models import Person

Values = Callable[..., dict[str, Value]]


def _one(db: Session, compute: Callable[..., MetricValues]) -> Values:
    """`values(person, "2026-Q1", as_of, slugs)` for one key of `compute`."""

    def values(
        person: Person, period: str, as_of: date, slugs: Sequence[str] = SCORECARD_METRICS
    ) -> dict[str, Value]:
        keys = select(Person.id).where(Person.id == person.id)
        return compute(db, keys, parse_period(period), as_of, slugs)[person.id]

    return values


@pytest.fixture
def own(db: Session) -> Values:
    """The person's own numbers."""
    return _one(db, person_metrics)


@pytest.fixture
def team(db: Session) -> Values:
    """The numbers of the person's whole team (themselves and everyone below them)."""
    return _one(db, team_metrics)
