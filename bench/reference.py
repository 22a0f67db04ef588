"""Reference computations of the rep scorecard (issue 10), independent of the product's code.

The same rows are read once from a Pacesetter database into memory (pandas frames, and DuckDB
tables made from them), then every scorecard row's own metrics for one period at an as-of date
are computed twice from /work/shared/docs/metrics.md alone: by one hand-written DuckDB query
and by plain pandas. Nothing here imports `pacesetter.metrics`: the harness compares the three
answers value for value (bench/reference_bench.py).

What is read: every person, account and deal (small tables), the approved person-scope
`revenue_won` goals of exactly the period (the target `pipeline_coverage` divides by), and the
activities dated from the period's start to its end or the as-of date if later (the rows any
metric of the period can read: a follow-up touch is never after d). The working calendar is
the organisation's working weekdays and holiday table; an organisation with a holiday country
is refused (the reference does not know the country calendars).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd
from sqlalchemy import Connection, text

ROLES = ("rep", "manager", "director")
ACTIVITY_TYPES = ("call", "email", "meeting", "demo", "proposal", "other")
FOLLOWED_UP = ("meeting", "demo")
FOLLOW_UP_WORKING_DAYS = 2
# The scorecard's metric columns (metrics.md), in the product's order.
METRICS = (
    "revenue_won",
    "margin_won",
    "deals_won",
    "win_rate",
    "avg_deal_size",
    "sales_cycle_days",
    "new_pipeline",
    "pipeline_coverage",
    "activities",
    *(f"activities_{kind}" for kind in ACTIVITY_TYPES),
    "direction_share",
    "follow_up_rate",
)
COUNTS = frozenset({"deals_won", "activities", *(f"activities_{k}" for k in ACTIVITY_TYPES)})

Values = dict[str, dict[str, float | int | None]]  # external id -> metric -> value


@dataclass(frozen=True)
class Question:
    """A report for the period [start, end] taken at `as_of`."""

    start: date
    end: date
    as_of: date

    @property
    def until(self) -> date:
        """The last day of the to-date window (the window is empty when as_of < start)."""
        return min(self.as_of, self.end)

    @property
    def last_read(self) -> date:
        return max(self.end, self.as_of)

    @property
    def placed_at(self) -> date:
        """The quadrant's as-of date: a later one is read as the period's last day."""
        return min(self.as_of, self.end)


@dataclass(frozen=True)
class Calendar:
    """The organisation's working weekdays (0 = Monday) and holidays."""

    weekdays: frozenset[int]
    holidays: frozenset[date]

    def working(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def working_days(self, start: date, end: date) -> int:
        days = (start + timedelta(days=offset) for offset in range((end - start).days + 1))
        return sum(self.working(day) for day in days)

    def fraction(self, start: date, end: date, as_of: date) -> float:
        """elapsed_fraction([start, end], as_of): working days gone / working days."""
        if as_of < start:
            return 0.0
        if as_of >= end:
            return 1.0
        total = self.working_days(start, end)
        if total == 0:
            return ((as_of - start).days + 1) / ((end - start).days + 1)
        return self.working_days(start, as_of) / total


@dataclass(frozen=True)
class Rows:
    """The tables the scorecard reads, in memory."""

    people: pd.DataFrame
    accounts: pd.DataFrame
    deals: pd.DataFrame
    activities: pd.DataFrame
    targets: pd.DataFrame
    windows: pd.DataFrame  # follow-up windows: meeting day -> window end, due by as_of
    plans: pd.DataFrame  # activity lines of the plans of the months of the period
    months: pd.DataFrame  # each month of the period: its start, end and elapsed fraction at d
    fraction: float  # the period's elapsed fraction at d


def load_rows(connection: Connection, question: Question) -> Rows:
    """Read the rows once, with plain SQL, into typed frames."""
    span = {"start": question.start, "end": question.end, "last": question.last_read}
    people = _frame(
        connection,
        "SELECT id, external_id, role, start_date, end_date FROM people",
        dates=("start_date", "end_date"),
    )
    accounts = _frame(connection, "SELECT id, is_target FROM accounts", flags=("is_target",))
    deals = _frame(
        connection,
        "SELECT owner_id, status, amount, margin, created_date, close_date FROM deals",
        dates=("created_date", "close_date"),
    )
    activities = _frame(
        connection,
        "SELECT owner_id, type, occurred_on, account_id, with_decision_maker FROM activities "
        "WHERE occurred_on BETWEEN :start AND :last",
        span,
        dates=("occurred_on",),
        flags=("with_decision_maker",),
    )
    activities["account_id"] = activities["account_id"].astype("Int64")
    targets = _frame(
        connection,
        "SELECT person_id, target FROM goals WHERE status = 'approved' AND scope_type = "
        "'person' AND metric = 'revenue_won' AND period_start = :start AND period_end = :end",
        span,
    )
    calendar = _calendar(connection)
    windows = pd.DataFrame(list(_due_windows(calendar, question)), columns=["day", "due_on"])
    windows = windows.astype("datetime64[s]")
    plans = _frame(
        connection,
        "SELECT person_id, month_start, line, planned FROM plan_lines "
        f"WHERE line IN {ACTIVITY_TYPES} AND month_start BETWEEN :start AND :end",
        span,
        dates=("month_start",),
    )
    months = pd.DataFrame(
        [
            (start, end, calendar.fraction(start, end, question.placed_at))
            for start, end in _months(question.start, question.end)
        ],
        columns=["month_start", "month_end", "fraction"],
    ).astype({"month_start": "datetime64[s]", "month_end": "datetime64[s]"})
    fraction = calendar.fraction(question.start, question.end, question.placed_at)
    return Rows(people, accounts, deals, activities, targets, windows, plans, months, fraction)


def _frame(
    connection: Connection,
    sql: str,
    parameters: dict[str, Any] | None = None,
    *,
    dates: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
) -> pd.DataFrame:
    result = connection.execute(text(sql), parameters or {})
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for name in dates:  # SQLite gives ISO text, PostgreSQL dates: both become datetime64
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[s]")
    for name in flags:
        frame[name] = frame[name].fillna(False).astype(bool)
    return frame


def _calendar(connection: Connection) -> Calendar:
    settings = connection.execute(
        text("SELECT working_weekdays, holiday_country FROM org_settings")
    ).first()
    if settings is not None and settings.holiday_country:
        raise SystemExit("the reference does not know country holidays: clear holiday_country")
    spelled = settings.working_weekdays if settings is not None else "0,1,2,3,4"
    weekdays = frozenset(int(part) for part in spelled.split(",") if part.strip())
    holidays = {_as_date(row[0]) for row in connection.execute(text("SELECT day FROM holidays"))}
    return Calendar(weekdays, frozenset(holidays))


def _due_windows(calendar: Calendar, question: Question) -> Iterator[tuple[date, date]]:
    """(meeting day, end of its follow-up window) for each day of the to-date window whose
    follow-up window (the 2 working days after it) has ended by as_of."""
    day = question.start
    while day <= question.until:
        window_end, left = day, FOLLOW_UP_WORKING_DAYS
        while left:
            window_end += timedelta(days=1)
            left -= calendar.working(window_end)
        if window_end <= question.as_of:
            yield day, window_end
        day += timedelta(days=1)


def _months(start: date, end: date) -> Iterator[tuple[date, date]]:
    """The calendar months inside [start, end] (a quarter's or a year's)."""
    first = start.replace(day=1)
    while first <= end:
        following = (first + timedelta(days=32)).replace(day=1)
        yield first, following - timedelta(days=1)
        first = following


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# --- DuckDB ---------------------------------------------------------------------------------

_DUCKDB_TABLES = {
    "people": "SELECT id, external_id, role, CAST(start_date AS DATE) AS start_date, "
    "CAST(end_date AS DATE) AS end_date FROM frame",
    "accounts": "SELECT id, is_target FROM frame",
    "deals": "SELECT owner_id, status, amount, margin, CAST(created_date AS DATE) AS "
    "created_date, CAST(close_date AS DATE) AS close_date FROM frame",
    "activities": "SELECT owner_id, type, CAST(occurred_on AS DATE) AS occurred_on, "
    "account_id, with_decision_maker FROM frame",
    "targets": "SELECT person_id, target FROM frame",
    "windows": "SELECT CAST(day AS DATE) AS day, CAST(due_on AS DATE) AS due_on FROM frame",
    "plans": "SELECT person_id, CAST(month_start AS DATE) AS month_start, line, planned FROM frame",
    "months": "SELECT CAST(month_start AS DATE) AS month_start, CAST(month_end AS DATE) AS "
    "month_end, fraction FROM frame",
}

_TYPE_COUNTS = ",\n".join(
    f"    count(*) FILTER (WHERE a.type = '{kind}') AS activities_{kind}" for kind in ACTIVITY_TYPES
)
_TYPE_COLUMNS = ", ".join(
    f"coalesce(activities_{kind}, 0) AS activities_{kind}" for kind in ACTIVITY_TYPES
)

# $1 period start, $2 period end, $3 as-of date, $4 last day of the to-date window.
SCORECARD_SQL = f"""
WITH row_people AS (
  SELECT id, external_id FROM people
  WHERE role IN {ROLES}
    AND (start_date IS NULL OR start_date <= $2) AND (end_date IS NULL OR end_date >= $1)
), closed AS (
  SELECT owner_id,
    sum(amount) FILTER (WHERE status = 'won') AS revenue_won,
    sum(margin) FILTER (WHERE status = 'won') AS margin_won,
    count(*) FILTER (WHERE status = 'won') AS deals_won,
    count(*) FILTER (WHERE status = 'lost') AS deals_lost,
    sum(close_date - created_date) FILTER (WHERE status = 'won') AS cycle_days
  FROM deals
  WHERE status IN ('won', 'lost') AND close_date BETWEEN $1 AND $4
  GROUP BY owner_id
), created AS (
  SELECT owner_id, sum(amount) AS new_pipeline FROM deals
  WHERE created_date BETWEEN $1 AND $4 GROUP BY owner_id
), open_at AS (
  SELECT owner_id, sum(amount) AS open_pipeline FROM deals
  WHERE $3 <= $2 AND close_date BETWEEN $3 AND $2 AND created_date <= $3
    AND (status = 'open' OR close_date > $3)
  GROUP BY owner_id
), counted AS (
  SELECT a.owner_id, count(*) AS activities,
{_TYPE_COUNTS},
    count(*) FILTER (WHERE a.with_decision_maker OR coalesce(t.is_target, false)) AS directed
  FROM activities a LEFT JOIN accounts t ON t.id = a.account_id
  WHERE a.occurred_on BETWEEN $1 AND $4
  GROUP BY a.owner_id
), next_touch AS (
  SELECT owner_id, account_id, day,
    lead(day) OVER (PARTITION BY owner_id, account_id ORDER BY day) AS next_day
  FROM (SELECT DISTINCT owner_id, account_id, occurred_on AS day
        FROM activities WHERE account_id IS NOT NULL)
), follow_ups AS (
  SELECT m.owner_id, count(*) AS due, count(*) FILTER (WHERE n.next_day <= w.due_on) AS done
  FROM activities m
  JOIN windows w ON w.day = m.occurred_on
  JOIN next_touch n
    ON n.owner_id = m.owner_id AND n.account_id = m.account_id AND n.day = m.occurred_on
  WHERE m.type IN {FOLLOWED_UP} AND m.account_id IS NOT NULL
  GROUP BY m.owner_id
), parts AS (
  SELECT p.external_id,
    coalesce(c.revenue_won, 0) AS revenue_won, coalesce(c.margin_won, 0) AS margin_won,
    coalesce(c.deals_won, 0) AS deals_won, coalesce(c.deals_lost, 0) AS deals_lost,
    c.cycle_days, coalesce(n.new_pipeline, 0) AS new_pipeline,
    coalesce(o.open_pipeline, 0) AS open_pipeline, g.target,
    coalesce(a.activities, 0) AS activities, {_TYPE_COLUMNS},
    coalesce(a.directed, 0) AS directed, coalesce(f.due, 0) AS due,
    coalesce(f.done, 0) AS done
  FROM row_people p
  LEFT JOIN closed c ON c.owner_id = p.id
  LEFT JOIN created n ON n.owner_id = p.id
  LEFT JOIN open_at o ON o.owner_id = p.id
  LEFT JOIN targets g ON g.person_id = p.id
  LEFT JOIN counted a ON a.owner_id = p.id
  LEFT JOIN follow_ups f ON f.owner_id = p.id
)
SELECT external_id, revenue_won, margin_won, deals_won,
  deals_won / nullif(deals_won + deals_lost, 0) AS win_rate,
  revenue_won / nullif(deals_won, 0) AS avg_deal_size,
  cycle_days / nullif(deals_won, 0) AS sales_cycle_days,
  new_pipeline,
  CASE WHEN target - revenue_won > 0 THEN open_pipeline / (target - revenue_won) END
    AS pipeline_coverage,
  activities, {", ".join(f"activities_{kind}" for kind in ACTIVITY_TYPES)},
  directed / nullif(activities, 0) AS direction_share,
  done / nullif(due, 0) AS follow_up_rate
FROM parts
"""


# $1 period start, $2 period end, $3 the quadrant's as-of date, $4 the period's elapsed fraction.
QUADRANT_SQL = """
WITH reps AS (
  SELECT id, external_id FROM people
  WHERE role = 'rep'
    AND (start_date IS NULL OR start_date <= $2) AND (end_date IS NULL OR end_date >= $1)
), won AS (
  SELECT owner_id, sum(amount) AS revenue FROM deals
  WHERE status = 'won' AND close_date BETWEEN $1 AND $3 GROUP BY owner_id
), done AS (
  SELECT a.owner_id, m.month_start, a.type, count(*) AS actual
  FROM activities a JOIN months m ON a.occurred_on BETWEEN m.month_start AND m.month_end
  WHERE a.occurred_on BETWEEN $1 AND $3
  GROUP BY ALL
), planned AS (
  SELECT l.person_id, sum(coalesce(d.actual, 0)) AS actual,
    sum(l.planned * m.fraction) AS expected
  FROM plans l
  JOIN months m ON m.month_start = l.month_start
  LEFT JOIN done d
    ON d.owner_id = l.person_id AND d.month_start = l.month_start AND d.type = l.line
  GROUP BY l.person_id
), paces AS (
  SELECT r.external_id,
    CASE WHEN g.target * $4 <> 0 THEN coalesce(w.revenue, 0) / (g.target * $4) END
      AS results_pace,
    CASE WHEN p.expected <> 0 THEN p.actual / p.expected END AS activity_pace
  FROM reps r
  LEFT JOIN targets g ON g.person_id = r.id
  LEFT JOIN won w ON w.owner_id = r.id
  LEFT JOIN planned p ON p.person_id = r.id
)
SELECT external_id, results_pace, activity_pace,
  CASE
    WHEN results_pace IS NULL OR activity_pace IS NULL THEN NULL
    WHEN results_pace >= 1 AND activity_pace >= 1 THEN 'on_track'
    WHEN results_pace >= 1 THEN 'results_only'
    WHEN activity_pace >= 1 THEN 'activity_only'
    ELSE 'off_track'
  END AS quadrant
FROM paces
"""
PLACEMENT = ("results_pace", "activity_pace", "quadrant")


def duckdb_tables(
    rows: object, tables: Mapping[str, str] = _DUCKDB_TABLES
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database holding the rows' frames as its own tables (copied, not
    views): each of `tables` made by its SELECT over the frame of the same name."""
    connection = duckdb.connect(":memory:")
    for name, select in tables.items():
        connection.register("frame", getattr(rows, name))
        connection.execute(f"CREATE TABLE {name} AS {select}")
        connection.unregister("frame")
    return connection


def duckdb_scorecard(connection: duckdb.DuckDBPyConnection, question: Question) -> Values:
    parameters = [question.start, question.end, question.as_of, question.until]
    cursor = connection.execute(SCORECARD_SQL, parameters)
    names = [column[0] for column in cursor.description]
    return {row[0]: _typed(dict(zip(names[1:], row[1:], strict=True))) for row in cursor.fetchall()}


def duckdb_quadrant(
    connection: duckdb.DuckDBPyConnection, rows: Rows, question: Question
) -> Values:
    """Every rep's results pace, activity pace and quadrant (metrics.md, "the quadrant")."""
    parameters = [question.start, question.end, question.placed_at, rows.fraction]
    cursor = connection.execute(QUADRANT_SQL, parameters)
    return {row[0]: _placement(*row[1:]) for row in cursor.fetchall()}


# --- pandas ---------------------------------------------------------------------------------


def pandas_scorecard(rows: Rows, question: Question) -> Values:
    start, until = pd.Timestamp(question.start), pd.Timestamp(question.until)
    end, as_of = pd.Timestamp(question.end), pd.Timestamp(question.as_of)
    people = rows.people
    employed = (people.start_date.isna() | (people.start_date <= end)) & (
        people.end_date.isna() | (people.end_date >= start)
    )
    people = people[people.role.isin(ROLES) & employed].set_index("id")
    parts = pd.concat(
        [
            _closed(rows.deals, start, until),
            _created(rows.deals, start, until),
            _open_at(rows.deals, as_of, end),
            rows.targets.groupby("person_id")["target"].first(),
            _counted(rows, start, until),
            _follow_ups(rows),
        ],
        axis=1,
    ).reindex(people.index)
    zeros = [name for name in parts.columns if name not in ("cycle_days", "target")]
    parts[zeros] = parts[zeros].fillna(0)
    found = pd.DataFrame(index=parts.index)
    for name in ("revenue_won", "margin_won", "deals_won", "new_pipeline"):
        found[name] = parts[name]
    found["win_rate"] = parts.deals_won / (parts.deals_won + parts.deals_lost).where(_nonzero)
    found["avg_deal_size"] = parts.revenue_won / parts.deals_won.where(_nonzero)
    found["sales_cycle_days"] = parts.cycle_days / parts.deals_won.where(_nonzero)
    remaining = parts.target - parts.revenue_won
    found["pipeline_coverage"] = parts.open_pipeline / remaining.where(remaining > 0)
    for name in ("activities", *(f"activities_{kind}" for kind in ACTIVITY_TYPES)):
        found[name] = parts[name]
    found["direction_share"] = parts.directed / parts.activities.where(_nonzero)
    found["follow_up_rate"] = parts.done / parts.due.where(_nonzero)
    found.index = people.external_id
    return {
        external_id: _typed(values)
        for external_id, values in found.astype(object).to_dict("index").items()
    }


def _nonzero(series: pd.Series) -> pd.Series:
    return series != 0


def _closed(deals: pd.DataFrame, start: pd.Timestamp, until: pd.Timestamp) -> pd.DataFrame:
    closed = deals[deals.status.isin(("won", "lost")) & deals.close_date.between(start, until)]
    won = closed[closed.status == "won"]
    cycle = (won.close_date - won.created_date).dt.days
    return pd.DataFrame(
        {
            "revenue_won": won.groupby("owner_id").amount.sum(),
            "margin_won": won.groupby("owner_id").margin.sum(),
            "deals_won": won.groupby("owner_id").size(),
            "deals_lost": closed[closed.status == "lost"].groupby("owner_id").size(),
            "cycle_days": cycle.groupby(won.owner_id).sum(),
        }
    )


def _created(deals: pd.DataFrame, start: pd.Timestamp, until: pd.Timestamp) -> pd.Series:
    created = deals[deals.created_date.between(start, until)]
    return created.groupby("owner_id").amount.sum().rename("new_pipeline")


def _open_at(deals: pd.DataFrame, as_of: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    is_open = (
        deals.close_date.between(as_of, end)
        & (deals.created_date <= as_of)
        & ((deals.status == "open") | (deals.close_date > as_of))
    )
    return deals[is_open].groupby("owner_id").amount.sum().rename("open_pipeline")


def _counted(rows: Rows, start: pd.Timestamp, until: pd.Timestamp) -> pd.DataFrame:
    activities = rows.activities[rows.activities.occurred_on.between(start, until)]
    targets = rows.accounts.set_index("id").is_target
    on_target = activities.account_id.map(targets).fillna(False).astype(bool)
    directed = activities.with_decision_maker | on_target
    by_type = pd.crosstab(activities.owner_id, activities.type)
    by_type = by_type.reindex(columns=list(ACTIVITY_TYPES), fill_value=0)
    by_type.columns = [f"activities_{kind}" for kind in ACTIVITY_TYPES]
    by_owner = activities.groupby("owner_id")
    return by_type.assign(
        activities=by_owner.size(), directed=directed.groupby(activities.owner_id).sum()
    )


def _follow_ups(rows: Rows) -> pd.DataFrame:
    """Each due meeting or demo, and whether the next day its owner touched the same account
    falls within its window."""
    touched = rows.activities.dropna(subset=["account_id"])
    days = touched[["owner_id", "account_id", "occurred_on"]].drop_duplicates()
    days = days.sort_values(["owner_id", "account_id", "occurred_on"])
    days["next_day"] = days.groupby(["owner_id", "account_id"]).occurred_on.shift(-1)
    meetings = touched[touched.type.isin(FOLLOWED_UP)]
    due = meetings.merge(rows.windows, left_on="occurred_on", right_on="day")
    due = due.merge(days, on=["owner_id", "account_id", "occurred_on"])
    due["done"] = due.next_day <= due.due_on
    by_owner = due.groupby("owner_id")
    return pd.DataFrame({"due": by_owner.size(), "done": by_owner.done.sum()})


def pandas_plan_lines(
    plans: pd.DataFrame, months: pd.DataFrame, activities: pd.DataFrame
) -> pd.DataFrame:
    """Each plan line of `months` with its actual activities (of its person, month and type)
    and its expected count (planned x the month's elapsed fraction)."""
    month = activities.occurred_on.dt.to_period("M").dt.start_time.astype("datetime64[s]")
    done = activities.groupby([activities.owner_id, month, activities.type]).size()
    done.index.names = ["person_id", "month_start", "line"]
    lines = plans.merge(months, on="month_start")
    lines = lines.join(done.rename("actual"), on=["person_id", "month_start", "line"])
    lines["actual"] = lines.actual.fillna(0)
    lines["expected"] = lines.planned * lines.fraction
    return lines


def pandas_quadrant(rows: Rows, question: Question) -> Values:
    start, end = pd.Timestamp(question.start), pd.Timestamp(question.end)
    placed_at = pd.Timestamp(question.placed_at)
    people = rows.people
    employed = (people.start_date.isna() | (people.start_date <= end)) & (
        people.end_date.isna() | (people.end_date >= start)
    )
    reps = people[(people.role == "rep") & employed].set_index("id")
    deals = rows.deals
    won = deals[(deals.status == "won") & deals.close_date.between(start, placed_at)]
    revenue = won.groupby("owner_id").amount.sum().reindex(reps.index).fillna(0)
    target = rows.targets.groupby("person_id").target.first().reindex(reps.index)
    expected_revenue = target * rows.fraction
    results = revenue / expected_revenue.where(expected_revenue != 0)
    activities = rows.activities[rows.activities.occurred_on.between(start, placed_at)]
    plans = pandas_plan_lines(rows.plans, rows.months, activities)
    paced = plans.groupby("person_id")[["actual", "expected"]].sum().reindex(reps.index)
    activity = paced.actual / paced.expected.where(paced.expected != 0)
    return {
        external_id: _placement(results_pace, activity_pace, None)
        for external_id, results_pace, activity_pace in zip(
            reps.external_id, results, activity, strict=True
        )
    }


def _placement(results_pace: Any, activity_pace: Any, quadrant: str | None) -> dict[str, Any]:
    """The three values of a placement, nulls as None; the quadrant from the paces when the
    engine did not name it (metrics.md: both paces needed, each compared with 1)."""
    results = None if results_pace is None or pd.isna(results_pace) else float(results_pace)
    activity = None if activity_pace is None or pd.isna(activity_pace) else float(activity_pace)
    if quadrant is None and results is not None and activity is not None:
        quadrant = QUADRANTS[(results >= 1, activity >= 1)]
    return {"results_pace": results, "activity_pace": activity, "quadrant": quadrant}


QUADRANTS = {
    (True, True): "on_track",
    (True, False): "results_only",
    (False, True): "activity_only",
    (False, False): "off_track",
}


def _typed(values: dict[str, Any]) -> dict[str, float | int | None]:
    """Counts as int, other values as float, a missing value (NULL, NaN) as None."""
    typed: dict[str, float | int | None] = {}
    for name in METRICS:
        value = values[name]
        if value is None or pd.isna(value):
            typed[name] = None
        else:
            typed[name] = int(value) if name in COUNTS else float(value)
    return typed
