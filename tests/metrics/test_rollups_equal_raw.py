"""The rollups (store/rollups.py) always equal a recomputation from the raw rows, after every
import kind and every ORM edit of activities and deals; and the metrics read from them give the
numbers the raw rows alone give, for whole months, partial months and windows starting mid-month,
and (follow-ups) for any working calendar.

The recomputation here is plain Python over the raw rows, independent of the SQL it checks.
"""

import csv
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from factories import make_account, make_activity, make_deal, make_person
from pacesetter.domain.calendar import WorkCalendar
from pacesetter.domain.periods import parse_period
from pacesetter.ingest import run_import
from pacesetter.metrics import values
from pacesetter.metrics.catalogue import SCORECARD_METRICS
from pacesetter.metrics.families import ReportContext
from pacesetter.metrics.grouping import ByOwner, ByTeam
from pacesetter.metrics.rollups import around, whole_months
from pacesetter.metrics.values import MetricValues, metrics_for
from pacesetter.store.models import (
    Account,
    Activity,
    ActivityRollup,
    Deal,
    DealRollup,
    FollowUpRollup,
    Person,
)
from pacesetter.store.models.rollups import FOLLOW_UP_REACH_DAYS
from pacesetter.synth import generate_org

AS_OF = date(2026, 5, 14)
KINDS = ("people", "accounts", "deals", "activities", "forecasts", "goals", "plans", "coaching")
CLOSED = ("won", "lost")
Table = dict[tuple[Any, ...], tuple[Any, ...]]


def _month(day: date) -> date:
    return day.replace(day=1)


def _follow_ups(activities: list[Activity]) -> Table:
    """Meetings and demos on an account per owner, day and days to the owner's next activity
    on the account (REACH + 1 for none within reach)."""
    days: defaultdict[tuple[int, int], list[date]] = defaultdict(list)
    for activity in activities:
        if activity.account_id is not None:
            days[(activity.owner_id, activity.account_id)].append(activity.occurred_on)
    meetings: defaultdict[tuple[Any, ...], int] = defaultdict(int)
    for activity in activities:
        if activity.type not in ("meeting", "demo") or activity.account_id is None:
            continue
        day = activity.occurred_on
        later = [other for other in days[(activity.owner_id, activity.account_id)] if other > day]
        gap = (min(later) - day).days if later else FOLLOW_UP_REACH_DAYS + 1
        meetings[(activity.owner_id, day, min(gap, FOLLOW_UP_REACH_DAYS + 1))] += 1
    return {key: (count,) for key, count in meetings.items()}


def recomputed(db: Session) -> tuple[Table, Table, Table]:
    """The rollups as the raw rows define them, computed in Python."""
    activities: defaultdict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0, 0])
    targets = set(db.scalars(select(Account.id).where(Account.is_target.is_(True))))
    raw = list(db.scalars(select(Activity)))
    for activity in raw:
        counts = activities[(activity.owner_id, _month(activity.occurred_on), activity.type)]
        counts[0] += 1
        counts[1] += activity.with_decision_maker or activity.account_id in targets
    deals: defaultdict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0, None, None, 0])
    for deal in db.scalars(select(Deal).where(Deal.status.in_(CLOSED))):
        sums = deals[(deal.owner_id, _month(deal.close_date), deal.status)]
        sums[0] += 1
        sums[1] = (sums[1] or 0) + deal.amount
        sums[2] = sums[2] if deal.margin is None else (sums[2] or 0) + deal.margin
        sums[3] += (deal.close_date - deal.created_date).days
    return (
        {key: tuple(counts) for key, counts in activities.items()},
        {key: tuple(sums) for key, sums in deals.items()},
        _follow_ups(raw),
    )


def stored(db: Session) -> tuple[Table, Table, Table]:
    activities = {
        (row.owner_id, row.month, row.type): (row.activities, row.directed)
        for row in db.scalars(select(ActivityRollup))
    }
    deals = {
        (row.owner_id, row.month, row.status): (row.deals, row.amount, row.margin, row.cycle_days)
        for row in db.scalars(select(DealRollup))
    }
    follow_ups = {
        (row.owner_id, row.day, row.next_touch_days): (row.meetings,)
        for row in db.scalars(select(FollowUpRollup))
    }
    return activities, deals, follow_ups


def assert_rollups_equal_raw(db: Session) -> None:
    expected, found = recomputed(db), stored(db)
    for wanted, got in zip(expected, found, strict=True):
        assert got.keys() == wanted.keys()
        for key, sums in wanted.items():
            assert got[key] == pytest.approx(sums), key


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("org")
    generate_org(folder, reps=4, months=5, seed=11, as_of=AS_OF)
    return folder


def _import(db: Session, kind: str, path: Path) -> None:
    report = run_import(db, kind, path, file_name=path.name)
    assert report.accepted, report.errors.to_list()[:3]


def _edited(source: Path, target: Path, edit: Any) -> Path:
    """A copy of a CSV file with every fourth row changed by `edit` (and the rest as they
    were), for a re-import that updates rows."""
    with source.open(newline="") as given:
        rows = list(csv.DictReader(given))
    owners = sorted({row["owner"] for row in rows})
    for number, row in enumerate(rows):
        if number % 4 == 0:
            edit(row, owners[(owners.index(row["owner"]) + 1) % len(owners)])
        elif number % 4 == 1:
            row.update(_flip_target(row))
    with target.open("w", newline="") as written:
        writer = csv.DictWriter(written, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def _move_deal(row: dict[str, str], other_owner: str) -> None:
    """Another owner, the other closed status, and a close date 40 days later (another
    month): every part of a deal's rollup key changes."""
    row["owner"] = other_owner
    row["status"] = {"won": "lost", "lost": "won", "open": "won"}[row["status"]]
    later = date.fromisoformat(row["close_date"]) + timedelta(days=40)
    row["close_date"] = later.isoformat()
    row["amount"] = str(float(row["amount"]) + 1.5)


def _move_activity(row: dict[str, str], other_owner: str) -> None:
    row["owner"] = other_owner
    row["type"] = "demo" if row["type"] != "demo" else "call"
    row["occurred_at"] = "2026-02-27T09:00:00"
    row["with_decision_maker"] = "false" if row["with_decision_maker"] == "true" else "true"


def _flip_target(row: dict[str, str]) -> dict[str, str]:
    """An account taken off the target list or put on it (other files: unchanged)."""
    if "is_target" not in row:
        return {}
    return {"is_target": "false" if row["is_target"] == "true" else "true"}


def _keep(row: dict[str, str], other_owner: str) -> None:
    """Rows left as they were."""


def test_rollups_equal_the_raw_rows_after_every_import_kind_and_re_import(
    db: Session, generated: Path, tmp_path: Path
) -> None:
    for kind in KINDS:
        _import(db, kind, generated / f"{kind}.csv")
        assert_rollups_equal_raw(db)
    activities, deals, follow_ups = stored(db)
    assert len(activities) > 20 and len(deals) > 5 and len(follow_ups) > 5  # something was summed
    assert any(gap <= 2 for _, _, gap in follow_ups)  # and some meeting was followed
    _import(db, "deals", _edited(generated / "deals.csv", tmp_path / "deals.csv", _move_deal))
    assert_rollups_equal_raw(db)
    _import(db, "accounts", _edited(generated / "accounts.csv", tmp_path / "accounts.csv", _keep))
    assert_rollups_equal_raw(db)
    moved = _edited(generated / "activities.csv", tmp_path / "activities.csv", _move_activity)
    _import(db, "activities", moved)
    assert_rollups_equal_raw(db)
    assert stored(db) != (activities, deals, follow_ups)


def test_rollups_follow_every_edit_through_a_session(db: Session) -> None:
    ann, bob = make_person(db, "Ann"), make_person(db, "Bob")
    acme = make_account(db, ann)
    call = make_activity(db, ann, date(2026, 3, 30), account=acme)
    demo = make_activity(db, ann, date(2026, 3, 31), type="demo", account=acme)
    touch = make_activity(db, ann, date(2026, 4, 2), account=acme)
    deal = make_deal(db, ann, status="won", created=date(2026, 1, 5), closed=date(2026, 3, 31))
    make_deal(db, bob, status="lost", margin=120.0, closed=date(2026, 3, 2))
    assert_rollups_equal_raw(db)
    edits = [
        (call, {"owner_id": bob.id}),
        (call, {"occurred_on": date(2026, 4, 1), "type": "meeting"}),
        (call, {"with_decision_maker": True}),
        (call, {"with_decision_maker": False}),
        (acme, {"is_target": True}),
        (call, {"account_id": None}),
        (touch, {"occurred_on": date(2026, 4, 20)}),  # the demo is no longer followed soon
        (touch, {"occurred_on": date(2026, 4, 1), "owner_id": bob.id}),
        (touch, {"owner_id": ann.id, "type": "meeting"}),
        (demo, {"account_id": None}),
        (deal, {"status": "lost"}),
        (deal, {"close_date": date(2026, 4, 2), "owner_id": bob.id}),
        (deal, {"amount": 2500.0, "margin": 300.0}),
    ]
    for row, changes in edits:
        for name, value in changes.items():
            setattr(row, name, value)
        db.flush()
        assert_rollups_equal_raw(db)
    for row in (call, touch, deal):
        db.delete(row)
        db.flush()
        assert_rollups_equal_raw(db)


def test_a_core_update_is_not_seen_until_refreshed_so_the_equality_check_can_fail(
    db: Session,
) -> None:
    """Writes beneath the ORM (as imports make) must refresh the rollups themselves: the
    check above notices when they do not."""
    ann = make_person(db, "Ann")
    make_activity(db, ann, date(2026, 3, 30))
    db.execute(update(Activity).values(occurred_on=date(2026, 4, 2)))
    with pytest.raises(AssertionError):
        assert_rollups_equal_raw(db)


@pytest.mark.parametrize(
    ("window", "months", "around_them"),
    [
        ((date(2026, 4, 1), date(2026, 6, 30)), (date(2026, 4, 1), date(2026, 6, 1)), []),
        (
            (date(2026, 3, 15), date(2026, 5, 14)),
            (date(2026, 4, 1), date(2026, 4, 1)),
            [(date(2026, 3, 15), date(2026, 3, 31)), (date(2026, 5, 1), date(2026, 5, 14))],
        ),
        ((date(2026, 5, 1), date(2026, 5, 14)), None, None),
        ((date(2026, 2, 2), date(2026, 3, 30)), None, None),
    ],
)
def test_a_window_splits_into_whole_months_and_the_days_around_them(
    window: tuple[date, date],
    months: tuple[date, date] | None,
    around_them: list[tuple[date, date]] | None,
) -> None:
    assert whole_months(window) == months
    if months is not None:
        assert around(window, months) == around_them


def _raw_only() -> Any:
    return mock.patch.object(values, "rollup_for", lambda family, metrics: None)


COMPARED = (*SCORECARD_METRICS, "follow_ups_due", "follow_ups_done")


def _both_ways(context: ReportContext, grouping: Any) -> Iterator[MetricValues]:
    yield metrics_for(context, grouping, COMPARED)
    with _raw_only():
        yield metrics_for(context, grouping, COMPARED)


def _same(found: MetricValues, expected: MetricValues) -> None:
    assert found.keys() == expected.keys()
    for key, numbers in expected.items():
        assert found[key] == pytest.approx(numbers), key


# (start, end, as_of): a quarter to date mid-month, a whole quarter, a month to date, a
# milestone starting mid-month, the year to date, and a window before any data.
WINDOWS = [
    (date(2026, 4, 1), date(2026, 6, 30), AS_OF),
    (date(2026, 1, 1), date(2026, 3, 31), AS_OF),
    (date(2026, 5, 1), date(2026, 5, 31), AS_OF),
    (date(2026, 1, 15), date(2026, 4, 20), AS_OF),
    (date(2026, 1, 1), date(2026, 12, 31), date(2026, 4, 30)),
    (date(2024, 1, 1), date(2024, 3, 31), date(2024, 2, 10)),
]


def test_metrics_from_rollups_equal_metrics_from_raw_rows_for_people_and_teams(
    db: Session, generated: Path
) -> None:
    for kind in ("people", "accounts", "deals", "activities"):
        _import(db, kind, generated / f"{kind}.csv")
    everyone = select(Person.id)
    managers = select(Person.id).where(Person.id.in_(select(Person.manager_id)))
    for start, end, as_of in WINDOWS:
        context = ReportContext(db, start, end, as_of)
        for grouping in (ByOwner(everyone), ByTeam(managers)):
            _same(*_both_ways(context, grouping))


def test_a_whole_month_is_read_from_the_rollup_and_a_partial_one_from_the_raw_rows(
    db: Session,
) -> None:
    ann = make_person(db, "Ann")
    make_activity(db, ann, date(2026, 4, 10))
    make_activity(db, ann, date(2026, 5, 10))
    db.execute(update(ActivityRollup).values(activities=ActivityRollup.activities + 100))
    one = select(Person.id).where(Person.id == ann.id)
    quarter = values.person_metrics(db, one, parse_period("2026-Q2"), AS_OF, ["activities"])
    # April from the (tampered) rollup; May 1-14 from the raw rows.
    assert quarter[ann.id]["activities"] == 101 + 1


def test_an_import_refreshes_only_the_months_it_touches(db: Session, tmp_path: Path) -> None:
    ann = make_person(db, "Ann")
    make_activity(db, ann, date(2026, 1, 10))
    db.execute(update(ActivityRollup).values(activities=99))  # January: left alone below
    path = tmp_path / "activities.csv"
    path.write_text(f"external_id,owner,type,occurred_at\nX1,{ann.email},call,2026-03-03\n")
    _import(db, "activities", path)
    rows = {row.month: row.activities for row in db.scalars(select(ActivityRollup))}
    assert rows == {date(2026, 1, 1): 99, date(2026, 3, 1): 1}


# A holiday week on a calendar with Monday as its only working day: the window of a meeting
# in the week before it ends 3 weeks later, beyond the rollup's reach.
MONDAYS_ONLY = WorkCalendar(frozenset({0}), frozenset({date(2026, 3, 9)}))


@pytest.mark.parametrize("calendar", [None, MONDAYS_ONLY], ids=["monday-friday", "beyond-reach"])
def test_follow_ups_from_the_rollup_equal_the_raw_rows_under_any_calendar(
    db: Session, generated: Path, calendar: WorkCalendar | None
) -> None:
    for kind in ("people", "accounts", "deals", "activities"):
        _import(db, kind, generated / f"{kind}.csv")
    everyone = select(Person.id)
    for start, end, as_of in WINDOWS:
        context = ReportContext(db, start, end, as_of, calendar)
        _same(*_both_ways(context, ByOwner(everyone)))


def _meetings_due(db: Session, person: Person, calendar: WorkCalendar | None) -> Any:
    one = select(Person.id).where(Person.id == person.id)
    context = ReportContext(db, date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 31), calendar)
    return metrics_for(context, ByOwner(one), ["follow_ups_due"])[person.id]["follow_ups_due"]


def test_follow_ups_are_read_from_the_rollup_unless_a_window_reaches_beyond_it(
    db: Session,
) -> None:
    ann = make_person(db, "Ann")
    acme = make_account(db, ann)
    make_activity(db, ann, date(2026, 3, 2), type="meeting", account=acme)
    db.execute(update(FollowUpRollup).values(meetings=FollowUpRollup.meetings + 100))
    assert _meetings_due(db, ann, None) == 101  # from the (tampered) rollup
    assert _meetings_due(db, ann, MONDAYS_ONLY) == 1  # from the raw rows


def test_a_touch_imported_next_month_refreshes_the_meeting_it_follows(
    db: Session, tmp_path: Path
) -> None:
    ann = make_person(db, "Ann")
    acme = make_account(db, ann)
    make_activity(db, ann, date(2026, 3, 31), type="meeting", account=acme)
    path = tmp_path / "activities.csv"
    path.write_text(
        "external_id,owner,type,occurred_at,account\n"
        f"X1,{ann.email},call,2026-04-02,{acme.external_id}\n"
    )
    _import(db, "activities", path)
    assert_rollups_equal_raw(db)
    assert stored(db)[2] == {(ann.id, date(2026, 3, 31), 2): (1,)}
