"""The last date data arrived, at several as-of dates in one pass (an import's periods).

Max's team is Max, Ann and Ben (see goal_helpers). Asked at the end of November, the end of
December and on 12 January.
"""

from datetime import date

from goal_helpers import Org
from sqlalchemy.orm import Session

from factories import make_activity, make_coaching, make_deal
from pacesetter.domain.goal_lint import PERSON, TEAM, ScopeKey
from pacesetter.goals.dataflow import last_data_at

NOVEMBER, DECEMBER, JANUARY = date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 12)


def test_each_date_sees_only_the_data_recorded_by_then(db: Session, org: Org) -> None:
    ann, max_team = ScopeKey(PERSON, org.ann.id), ScopeKey(TEAM, org.max.id)
    make_activity(db, org.ann, date(2025, 11, 3))
    make_activity(db, org.ann, date(2026, 1, 5))
    make_activity(db, org.ann, date(2025, 12, 15), type="meeting")
    make_activity(db, org.ben, date(2025, 12, 20))
    make_activity(db, org.zed, date(2026, 1, 11))  # another team's
    # Created in October, won on 30 December: until then only its creation had been seen.
    make_deal(db, org.ann, status="won", created=date(2025, 10, 1), closed=date(2025, 12, 30))
    # Entered on 10 January with a close date before it: not on record before 10 January.
    make_deal(db, org.ann, status="lost", created=date(2026, 1, 10), closed=date(2025, 11, 15))
    make_coaching(db, org.max, "one_on_one", date(2025, 12, 2), person=org.ann)
    pairs = [
        (ann, "activities_call"),
        (ann, "activities_meeting"),
        (ann, "revenue_won"),
        (max_team, "activities_call"),
        (max_team, "one_on_ones"),
    ]

    found = last_data_at(db, dict.fromkeys((NOVEMBER, DECEMBER, JANUARY), pairs))

    assert {day: [found[day][pair] for pair in pairs] for day in found} == {
        NOVEMBER: [date(2025, 11, 3), None, date(2025, 10, 1), date(2025, 11, 3), None],
        DECEMBER: [
            date(2025, 11, 3),
            date(2025, 12, 15),
            date(2025, 12, 30),
            date(2025, 12, 20),
            date(2025, 12, 2),
        ],
        JANUARY: [
            date(2026, 1, 5),
            date(2025, 12, 15),
            date(2026, 1, 10),
            date(2026, 1, 5),
            date(2025, 12, 2),
        ],
    }


def test_each_date_answers_only_the_pairs_asked_at_it(db: Session, org: Org) -> None:
    ann, ben = ScopeKey(PERSON, org.ann.id), ScopeKey(PERSON, org.ben.id)
    found = last_data_at(db, {NOVEMBER: [(ann, "revenue_won")], JANUARY: [(ben, "deals_won")]})
    assert found == {NOVEMBER: {(ann, "revenue_won"): None}, JANUARY: {(ben, "deals_won"): None}}
