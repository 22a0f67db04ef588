"""The generated files follow the canonical formats: headers, enums, references and dates."""

import csv
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from pacesetter.domain.vocab import (
    PLAN_LINE_DIRECTION,
    PLAN_LINE_QUALITY,
    ActivityType,
    CoachingType,
    DealStatus,
    GoalKind,
    GoalStatus,
    ManagerType,
    Role,
)
from pacesetter.synth.generate import generate_org

AS_OF = date(2026, 3, 18)
MONTHS = 12
# Required then optional columns, as listed in shared/docs/data-formats.md.
CANONICAL_HEADERS = {
    "people": "external_id,name,email,role,manager,team,territory,start_date,end_date,manager_type",
    "accounts": "external_id,name,owner,segment,territory,is_target",
    "activities": "external_id,owner,type,occurred_at,account,deal,outcome,with_decision_maker",
    "deals": "external_id,owner,amount,status,created_date,close_date,name,account,stage,margin,"
    "next_step,currency",
    "forecasts": "manager,period,amount,submitted_at",
    "goals": "scope,metric,period,target,kind,individual_weight,status,rationale",
    "plans": "person,month,line,planned",
    "coaching": "external_id,type,author,occurred_at,person,rating,skill,notes,account",
}
YES_NO = {"true", "false"}
METRICS = {"revenue_won", "deals_won", "activities_call", "activities_meeting"}

Data = dict[str, list[dict[str, str]]]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("org")
    generate_org(out, reps=30, months=MONTHS, seed=1, as_of=AS_OF)
    return out


@pytest.fixture(scope="module")
def data(out: Path) -> Data:
    return {name: _read(out, name) for name in CANONICAL_HEADERS}


def _read(out: Path, name: str) -> list[dict[str, str]]:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])


def test_every_file_has_exactly_the_canonical_header(out: Path) -> None:
    for name, header in CANONICAL_HEADERS.items():
        first_line = (out / f"{name}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
        assert first_line == header, name


def test_external_ids_and_emails_are_unique(data: Data) -> None:
    for name in ("people", "accounts", "activities", "deals", "coaching"):
        ids = Counter(row["external_id"] for row in data[name])
        assert ids.most_common(1)[0][1] == 1, name
    emails = [p["email"] for p in data["people"]]
    assert len(set(emails)) == len(emails)


def test_natural_keys_of_forecasts_goals_and_plans_are_unique(data: Data) -> None:
    keys = {
        "forecasts": ("manager", "period", "submitted_at"),
        "goals": ("scope", "metric", "period"),
        "plans": ("person", "month", "line"),
    }
    for name, columns in keys.items():
        seen = Counter(tuple(row[c] for c in columns) for row in data[name])
        assert seen.most_common(1)[0][1] == 1, name


def test_enum_columns_hold_only_vocabulary_values(data: Data) -> None:
    assert {p["role"] for p in data["people"]} == set(Role)
    assert {p["manager_type"] for p in data["people"]} <= {"", *ManagerType}
    assert {a["type"] for a in data["activities"]} == set(ActivityType)
    assert {d["status"] for d in data["deals"]} == set(DealStatus)
    assert {g["kind"] for g in data["goals"]} <= set(GoalKind)
    assert {g["status"] for g in data["goals"]} <= set(GoalStatus)
    assert {c["type"] for c in data["coaching"]} == set(CoachingType)
    lines = {p["line"] for p in data["plans"]}
    assert lines <= {*ActivityType, PLAN_LINE_DIRECTION, PLAN_LINE_QUALITY}
    assert {a["with_decision_maker"] for a in data["activities"]} == YES_NO
    assert {a["is_target"] for a in data["accounts"]} == YES_NO
    assert {g["metric"] for g in data["goals"]} == METRICS


def test_ratings_and_plan_values_are_in_range(data: Data) -> None:
    ratings = {int(c["rating"]) for c in data["coaching"] if c["rating"]}
    assert ratings <= set(range(1, 6))
    for plan in data["plans"]:
        planned = float(plan["planned"])
        if plan["line"] == PLAN_LINE_DIRECTION:
            assert 0 <= planned <= 1
        elif plan["line"] == PLAN_LINE_QUALITY:
            assert 1 <= planned <= 5
        else:
            assert planned == int(planned) >= 0


def test_every_reference_resolves_to_an_existing_row(data: Data) -> None:
    _assert_references_resolve(data)


def _assert_references_resolve(data: Data) -> None:
    emails = {p["email"] for p in data["people"]}
    accounts = {a["external_id"] for a in data["accounts"]}
    deals = {d["external_id"] for d in data["deals"]}
    assert {p["manager"] for p in data["people"]} - {""} <= emails
    for name in ("accounts", "activities", "deals"):
        assert {row["owner"] for row in data[name]} <= emails, name
    for name in ("activities", "deals", "coaching"):
        assert {row["account"] for row in data[name]} - {""} <= accounts, name
    assert {a["deal"] for a in data["activities"]} - {""} <= deals
    assert {c["author"] for c in data["coaching"]} <= emails
    assert {c["person"] for c in data["coaching"]} - {""} <= emails
    assert {f["manager"] for f in data["forecasts"]} <= emails
    assert {p["person"] for p in data["plans"]} <= emails
    assert {g["scope"].removeprefix("team:") for g in data["goals"]} <= emails


def test_activities_tied_to_a_deal_are_on_that_deals_account(data: Data) -> None:
    deal_account = {d["external_id"]: d["account"] for d in data["deals"]}
    tied = [a for a in data["activities"] if a["deal"]]
    assert len(tied) > len(data["activities"]) / 10
    assert all(a["account"] == deal_account[a["deal"]] for a in tied)


def test_subjects_are_given_except_for_team_meetings_and_interviews(data: Data) -> None:
    for record in data["coaching"]:
        without_subject = record["type"] in (CoachingType.TEAM_MEETING, CoachingType.INTERVIEW)
        assert (record["person"] == "") == without_subject, record


def test_upward_feedback_is_a_rep_rating_their_own_manager(data: Data) -> None:
    people = {p["email"]: p for p in data["people"]}
    feedback = [c for c in data["coaching"] if c["type"] == CoachingType.UPWARD_FEEDBACK]
    assert feedback
    for record in feedback:
        assert people[record["author"]]["role"] == Role.REP
        assert people[record["author"]]["manager"] == record["person"]
        assert record["rating"]


def test_customer_experience_is_about_the_account_owner(data: Data) -> None:
    owner = {a["external_id"]: a["owner"] for a in data["accounts"]}
    surveys = [c for c in data["coaching"] if c["type"] == CoachingType.CUSTOMER_EXPERIENCE]
    assert surveys
    assert all(owner[c["account"]] == c["person"] and c["rating"] for c in surveys)
    assert any(c["author"] == c["person"] for c in surveys)


def test_close_date_is_never_before_created_date(data: Data) -> None:
    assert all(d["close_date"] >= d["created_date"] for d in data["deals"])


def test_nothing_is_dated_after_as_of_except_open_deals_close_dates(data: Data) -> None:
    _assert_nothing_after(data, AS_OF)
    assert any(_day(d["close_date"]) > AS_OF for d in data["deals"])


def _assert_nothing_after(data: Data, as_of: date) -> None:
    dated = {
        "people": ("start_date", "end_date"),
        "activities": ("occurred_at",),
        "coaching": ("occurred_at",),
        "forecasts": ("submitted_at",),
    }
    for name, columns in dated.items():
        for row in data[name]:
            assert all(_day(row[c]) <= as_of for c in columns if row[c]), (name, row)
    for deal in data["deals"]:
        assert deal["created_date"] <= deal["close_date"]
        assert _day(deal["created_date"]) <= as_of
        assert deal["status"] == DealStatus.OPEN or _day(deal["close_date"]) <= as_of


@pytest.mark.parametrize(
    ("reps", "months", "as_of"),
    [(1, 1, date(2026, 3, 1)), (3, 2, date(2026, 1, 1)), (7, 3, date(2025, 12, 31))],
)
def test_tiny_and_short_orgs_still_make_consistent_files(
    tmp_path: Path, reps: int, months: int, as_of: date
) -> None:
    generate_org(tmp_path, reps=reps, months=months, seed=5, as_of=as_of)
    data = {name: _read(tmp_path, name) for name in CANONICAL_HEADERS}
    assert sum(p["role"] == "rep" for p in data["people"]) == reps
    _assert_references_resolve(data)
    _assert_nothing_after(data, as_of)


def test_activities_cover_the_months_up_to_as_of(data: Data) -> None:
    months = {a["occurred_at"][:7] for a in data["activities"]}
    assert len(months) == MONTHS
    assert max(months) == "2026-03"


def test_occurred_at_is_an_iso_date_time_mostly_on_working_days_and_hours(data: Data) -> None:
    times = [datetime.fromisoformat(a["occurred_at"]) for a in data["activities"]]
    working = [t for t in times if t.weekday() < 5 and 7 <= t.hour < 19]
    assert len(working) > 0.99 * len(times)
    coaching = [datetime.fromisoformat(c["occurred_at"]) for c in data["coaching"]]
    assert all(t.weekday() < 5 and 7 <= t.hour < 19 for t in coaching)


def test_forecasts_are_submitted_before_the_middle_of_their_period(data: Data) -> None:
    for forecast in data["forecasts"]:
        submitted, period = _day(forecast["submitted_at"]), forecast["period"]
        if "Q" in period:
            year, quarter = period.split("-Q")
            start = date(int(year), 3 * int(quarter) - 2, 1)
            assert 0 <= (submitted - start).days < 45, forecast
        else:
            assert submitted.strftime("%Y-%m") == period and submitted.day < 15, forecast
