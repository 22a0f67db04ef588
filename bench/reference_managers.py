"""Reference computations of the manager KPIs (issue 10), independent of the product's code.

The manager scorecard of /work/shared/docs/metrics.md ("Manager KPIs"), for every person with
role manager or director employed during P, computed twice from the contract alone: by one
hand-written DuckDB query over in-memory tables and by vectorised pandas. Nothing here imports
`pacesetter`: bench/reference_bench.py compares both with the product's `manager_kpis`.

Where the contract leaves a choice open, the choice is the one the product documents in
docs/managers.md (a target of 0 is never attained; "blank" next steps are spaces, tabs and line
breaks alone; a forecast belongs to P by its period name; the check-in weeks are the ISO weeks
starting in P; a 1:1 or check-in counts only on or before d). `improvement_plan_rate` is over
"their reps", the team's reps employed during P (metrics.md), that were employed during Q and
off track at its end; the product counted the team's reps employed during Q, so a rep who left
before P counted there (docs/benchmarks.md), until b964d87 made it count the reps of P.

What is read, once: every person (with their manager), every deal, the approved `revenue_won`
goals (person and team scope, any period), the manager forecasts for P, the coaching records
from the previous period's last day on, the activity plan lines and the activities (owner, type
and date) of the previous period and of P up to the quadrant's as-of date. Q, "the previous
period of the same length", is the same number of calendar months (or one ISO week) ending the
day before P starts.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd
from reference import (
    ACTIVITY_TYPES,
    ROLES,
    Calendar,
    _calendar,
    _frame,
    _months,
    duckdb_tables,
    pandas_plan_lines,
)
from sqlalchemy import Connection, text

MANAGER_ROLES = tuple(role for role in ROLES if role != "rep")
# Coaching counts: KPI -> the record types it counts (metrics.md).
RECORD_COUNTS = {
    "ride_alongs": ("ride_along", "shadowing"),
    "pre_briefs": ("pre_brief",),
    "debriefs": ("debrief",),
    "team_meetings": ("team_meeting",),
    "interviews": ("interview",),
}
PLAN_WINDOW_DAYS = 14  # improvement plans: from Q's last day to 14 days after it
UPWARD_MINIMUM = 3  # upward feedback: null with fewer rated records
WAITING = "time_to_first_goal_waiting"
KPIS = (
    "team_attainment",
    "pct_reps_at_goal",
    "forecast_accuracy",
    "one_on_one_cadence",
    "check_in_cadence",
    *RECORD_COUNTS,
    "crm_compliance",
    "activity_standard",
    "time_to_first_goal_month",
    "rep_retention",
    "improvement_plan_rate",
    "upward_feedback",
    "customer_experience",
    WAITING,
)
KPI_COUNTS = frozenset({*RECORD_COUNTS, WAITING})
# A next step is blank when it holds nothing but these (docs/managers.md).
NOT_BLANK = r"[^ \t\r\n]"

Values = dict[str, dict[str, float | int | None]]  # manager's external id -> KPI -> value


@dataclass(frozen=True)
class ManagerQuestion:
    """The manager scorecard for P = [start, end] at d = as_of, and Q, P's previous period."""

    start: date
    end: date
    as_of: date

    @property
    def until(self) -> date:
        """The last day of the to-date window; also the quadrant's as-of date."""
        return min(self.as_of, self.end)

    @property
    def previous(self) -> tuple[date, date]:
        """Q: one ISO week, or as many calendar months as P, ending the day before P."""
        if (self.end - self.start).days == 6 and self.start.weekday() == 0:
            return self.start - timedelta(days=7), self.start - timedelta(days=1)
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        index = self.start.year * 12 + self.start.month - 1 - months
        return date(index // 12, index % 12 + 1, 1), self.start - timedelta(days=1)

    @property
    def midpoint(self) -> date:
        """The forecast cut-off: start + floor(calendar days of P / 2) days."""
        return self.start + timedelta(days=((self.end - self.start).days + 1) // 2)

    @property
    def year_before(self) -> date:
        """d - 1 year (29 February goes to the 28th)."""
        try:
            return self.as_of.replace(year=self.as_of.year - 1)
        except ValueError:
            return self.as_of.replace(year=self.as_of.year - 1, day=28)


@dataclass(frozen=True)
class ManagerRows:
    """The tables the manager KPIs read, in memory."""

    people: pd.DataFrame
    deals: pd.DataFrame
    goals: pd.DataFrame  # approved revenue_won goals: scope_type, person_id, period, target
    forecasts: pd.DataFrame  # the forecasts for P
    coaching: pd.DataFrame
    plans: pd.DataFrame  # activity lines of the plans of Q's and P's months
    activities: pd.DataFrame  # owner, type, date: from Q's start to the quadrant's as-of date
    months: pd.DataFrame  # Q's and P's months: start, end, elapsed fraction, in_p
    weeks: pd.DataFrame  # the ISO weeks starting in P: start, end


def load_manager_rows(connection: Connection, question: ManagerQuestion) -> ManagerRows:
    """Read the rows once, with plain SQL, into typed frames."""
    first, last = question.previous
    span = {"first": first, "last": last, "name": _period_name(connection, question)}
    span |= {
        "end": question.end,
        "until": question.until,
        "read": max(question.end, question.as_of),
    }
    people = _frame(
        connection,
        "SELECT id, external_id, role, manager_id, start_date, end_date FROM people",
        dates=("start_date", "end_date"),
    )
    people["manager_id"] = people["manager_id"].astype("Int64")
    deals = _frame(
        connection,
        "SELECT owner_id, status, amount, created_date, close_date, next_step FROM deals",
        dates=("created_date", "close_date"),
    )
    goals = _frame(
        connection,
        "SELECT scope_type, person_id, period_start, period_end, target FROM goals "
        "WHERE status = 'approved' AND metric = 'revenue_won'",
        dates=("period_start", "period_end"),
    )
    forecasts = _frame(
        connection,
        "SELECT manager_id, amount, submitted_at, submitted_on FROM forecasts WHERE period = :name",
        span,
        dates=("submitted_at", "submitted_on"),
    )
    coaching = _frame(
        connection,
        "SELECT type, author_id, person_id, occurred_on, rating FROM coaching_records "
        "WHERE occurred_on BETWEEN :last AND :read",
        span,
        dates=("occurred_on",),
    )
    coaching["person_id"] = coaching["person_id"].astype("Int64")
    coaching["rating"] = coaching["rating"].astype("Float64")
    plans = _frame(
        connection,
        "SELECT person_id, month_start, line, planned FROM plan_lines "
        f"WHERE line IN {ACTIVITY_TYPES} AND month_start BETWEEN :first AND :end",
        span,
        dates=("month_start",),
    )
    activities = _frame(
        connection,
        "SELECT owner_id, type, occurred_on FROM activities "
        "WHERE occurred_on BETWEEN :first AND :until",
        span,
        dates=("occurred_on",),
    )
    calendar = _calendar(connection)
    months = pd.DataFrame(
        list(_month_rows(calendar, question)),
        columns=["month_start", "month_end", "fraction", "in_p"],
    ).astype({"month_start": "datetime64[s]", "month_end": "datetime64[s]"})
    weeks = pd.DataFrame(list(_weeks(question)), columns=["week_start", "week_end"])
    weeks = weeks.astype("datetime64[s]")
    return ManagerRows(people, deals, goals, forecasts, coaching, plans, activities, months, weeks)


def _period_name(connection: Connection, question: ManagerQuestion) -> str:
    """P's name as forecasts carry it (`2026-Q3`, `2026-08`, `2026`, `2026-W07`)."""
    start, end = question.start, question.end
    if (end - start).days == 6 and start.weekday() == 0:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    fiscal = connection.execute(text("SELECT fiscal_year_start_month FROM org_settings")).scalar()
    if months == 3:
        return f"{_fiscal_year(start, fiscal or 1)}-Q{_fiscal_quarter(start, fiscal or 1)}"
    return str(_fiscal_year(start, fiscal or 1))


def _fiscal_year(start: date, fiscal: int) -> int:
    """A fiscal year is named by the calendar year it ends in (a start month of 1: the same)."""
    return start.year + (1 if fiscal > 1 and start.month >= fiscal else 0)


def _fiscal_quarter(start: date, fiscal: int) -> int:
    return (start.month - fiscal) % 12 // 3 + 1


def _month_rows(calendar: Calendar, question: ManagerQuestion) -> Iterator[tuple[Any, ...]]:
    """Q's months, elapsed at Q's end, then P's, at the quadrant's as-of date."""
    first, last = question.previous
    for start, end in _months(first, last):
        yield start, end, calendar.fraction(start, end, last), False
    for start, end in _months(question.start, question.end):
        yield start, end, calendar.fraction(start, end, question.until), True


def _weeks(question: ManagerQuestion) -> Iterator[tuple[date, date]]:
    """The ISO weeks (Monday to Sunday) that start in P."""
    monday = question.start + timedelta(days=-question.start.weekday() % 7)
    while monday <= question.end:
        yield monday, monday + timedelta(days=6)
        monday += timedelta(days=7)


# --- DuckDB ---------------------------------------------------------------------------------

_DUCKDB_TABLES = {
    "people": "SELECT id, external_id, role, manager_id, CAST(start_date AS DATE) AS "
    "start_date, CAST(end_date AS DATE) AS end_date FROM frame",
    "deals": "SELECT owner_id, status, amount, CAST(created_date AS DATE) AS created_date, "
    "CAST(close_date AS DATE) AS close_date, next_step FROM frame",
    "goals": "SELECT scope_type, person_id, CAST(period_start AS DATE) AS period_start, "
    "CAST(period_end AS DATE) AS period_end, target FROM frame",
    "forecasts": "SELECT manager_id, amount, submitted_at, CAST(submitted_on AS DATE) AS "
    "submitted_on FROM frame",
    "coaching": "SELECT type, author_id, person_id, CAST(occurred_on AS DATE) AS occurred_on, "
    "CAST(rating AS DOUBLE) AS rating FROM frame",
    "plans": "SELECT person_id, CAST(month_start AS DATE) AS month_start, line, planned FROM frame",
    "activities": "SELECT owner_id, type, CAST(occurred_on AS DATE) AS occurred_on FROM frame",
    "months": "SELECT CAST(month_start AS DATE) AS month_start, CAST(month_end AS DATE) AS "
    "month_end, fraction, in_p FROM frame",
    "weeks": "SELECT CAST(week_start AS DATE) AS week_start, CAST(week_end AS DATE) AS "
    "week_end FROM frame",
}

_RECORD_COUNTS = ",\n".join(
    f"    count(*) FILTER (WHERE type IN ({', '.join(repr(kind) for kind in kinds)})) AS {name}"
    for name, kinds in RECORD_COUNTS.items()
)
_RECORD_COLUMNS = ", ".join(f"coalesce(c.{name}, 0) AS {name}" for name in RECORD_COUNTS)


def _employed(alias: str, first: str, last: str) -> str:
    """SQL: the person `alias` was employed on some day of [first, last]."""
    return (
        f"({alias}.start_date IS NULL OR {alias}.start_date <= {last}) "
        f"AND ({alias}.end_date IS NULL OR {alias}.end_date >= {first})"
    )


# $1 P's start, $2 P's end, $3 d, $4 the window's last day, $5 Q's start, $6 Q's end,
# $7 the forecast cut-off, $8 d - 1 year.
MANAGERS_SQL = f"""
WITH RECURSIVE managers AS (
  SELECT p.id, p.external_id FROM people p
  WHERE p.role IN {MANAGER_ROLES} AND {_employed("p", "$1", "$2")}
), team(manager_id, member_id) AS (
  SELECT id, id FROM managers
  UNION ALL
  SELECT t.manager_id, p.id FROM team t JOIN people p ON p.manager_id = t.member_id
), reps AS (
  SELECT t.manager_id, p.id, p.start_date, p.end_date
  FROM team t JOIN people p ON p.id = t.member_id
  WHERE p.role = 'rep' AND {_employed("p", "$1", "$2")}
), by_owner AS (
  SELECT owner_id,
    sum(amount) FILTER (WHERE status = 'won' AND close_date BETWEEN $1 AND $4) AS won_to_d,
    sum(amount) FILTER (WHERE status = 'won' AND close_date BETWEEN $1 AND $2) AS won_in_p,
    sum(amount) FILTER (WHERE status = 'won' AND close_date BETWEEN $5 AND $6) AS won_in_q,
    count(*) FILTER (WHERE open_at_d) AS open_deals,
    count(*) FILTER (
      WHERE open_at_d AND amount > 0 AND close_date >= $3
        AND regexp_matches(coalesce(next_step, ''), '{NOT_BLANK}')
    ) AS compliant
  FROM (SELECT *, created_date <= $3 AND (status = 'open' OR close_date > $3) AS open_at_d
        FROM deals)
  GROUP BY owner_id
), team_deals AS (
  SELECT t.manager_id, sum(b.won_to_d) AS won_to_d, sum(b.won_in_p) AS won_in_p,
    sum(b.open_deals) AS open_deals, sum(b.compliant) AS compliant
  FROM team t JOIN by_owner b ON b.owner_id = t.member_id
  GROUP BY t.manager_id
), person_goals AS (
  SELECT person_id, period_start, period_end, target FROM goals WHERE scope_type = 'person'
), at_goal AS (
  SELECT r.manager_id, count(*) AS with_goal,
    count(*) FILTER (WHERE g.target > 0 AND coalesce(b.won_to_d, 0) / g.target >= 1) AS at_goal
  FROM reps r
  JOIN person_goals g ON g.person_id = r.id AND g.period_start = $1 AND g.period_end = $2
  LEFT JOIN by_owner b ON b.owner_id = r.id
  GROUP BY r.manager_id
), forecast AS (
  SELECT manager_id, arg_max(amount, submitted_at) AS amount FROM forecasts
  WHERE submitted_on <= $7 GROUP BY manager_id
), spans AS (
  SELECT 'one_on_one' AS kind, month_start AS span_start, month_end AS span_end
  FROM months WHERE in_p
  UNION ALL
  SELECT 'check_in', week_start, week_end FROM weeks
), pairs AS (
  SELECT m.id AS manager_id, s.kind, p.id AS report_id, s.span_start, s.span_end
  FROM managers m
  JOIN people p ON p.manager_id = m.id AND {_employed("p", "$1", "$2")}
  JOIN spans s ON {_employed("p", "s.span_start", "s.span_end")}
), held AS (
  SELECT DISTINCT s.kind, c.author_id, c.person_id, s.span_start
  FROM coaching c JOIN spans s
    ON c.type = s.kind AND c.occurred_on BETWEEN s.span_start AND least(s.span_end, $3)
), cadence AS (
  SELECT p.manager_id, p.kind, count(h.kind) AS held,
    count(*) FILTER (WHERE h.kind IS NOT NULL OR p.span_end <= $3) AS due
  FROM pairs p LEFT JOIN held h
    ON h.kind = p.kind AND h.author_id = p.manager_id AND h.person_id = p.report_id
      AND h.span_start = p.span_start
  GROUP BY ALL
), records AS (
  SELECT author_id,
{_RECORD_COUNTS}
  FROM coaching WHERE occurred_on BETWEEN $1 AND $4 GROUP BY author_id
), done AS (
  SELECT owner_id, CAST(date_trunc('month', occurred_on) AS DATE) AS month_start, type,
    count(*) AS actual
  FROM activities GROUP BY ALL
), planned AS (
  SELECT l.person_id, m.in_p, sum(coalesce(d.actual, 0)) AS actual,
    sum(l.planned * m.fraction) AS expected
  FROM plans l
  JOIN months m ON m.month_start = l.month_start
  LEFT JOIN done d
    ON d.owner_id = l.person_id AND d.month_start = l.month_start AND d.type = l.line
  GROUP BY ALL
), standard AS (
  SELECT r.manager_id, count(*) AS planned_reps,
    count(*) FILTER (WHERE p.actual / p.expected >= 1) AS at_standard
  FROM reps r JOIN planned p ON p.person_id = r.id AND p.in_p AND p.expected <> 0
  GROUP BY r.manager_id
), off_track AS (
  SELECT r.manager_id, r.id
  FROM reps r
  JOIN person_goals g
    ON g.person_id = r.id AND g.period_start = $5 AND g.period_end = $6 AND g.target <> 0
  JOIN planned l ON l.person_id = r.id AND NOT l.in_p AND l.expected <> 0
  LEFT JOIN by_owner b ON b.owner_id = r.id
  WHERE {_employed("r", "$5", "$6")}
    AND coalesce(b.won_in_q, 0) / g.target < 1 AND l.actual / l.expected < 1
), opened AS (
  SELECT DISTINCT person_id FROM coaching
  WHERE type = 'improvement_plan'
    AND occurred_on BETWEEN $6 AND least($6 + {PLAN_WINDOW_DAYS}, $3)
), improvement AS (
  SELECT o.manager_id, count(*) AS off_track, count(p.person_id) AS opened
  FROM off_track o LEFT JOIN opened p ON p.person_id = o.id
  GROUP BY o.manager_id
), attained_months AS (
  SELECT g.person_id, g.period_start
  FROM person_goals g
  LEFT JOIN (
    SELECT owner_id, CAST(date_trunc('month', close_date) AS DATE) AS month_start,
      sum(amount) AS revenue
    FROM deals WHERE status = 'won' GROUP BY ALL
  ) w ON w.owner_id = g.person_id AND w.month_start = g.period_start
  WHERE day(g.period_start) = 1 AND g.period_end = last_day(g.period_start)
    AND g.period_end <= $3 AND g.target > 0 AND coalesce(w.revenue, 0) / g.target >= 1
), first_months AS (
  SELECT r.manager_id, r.id,
    min(date_diff('month', CAST(date_trunc('month', r.start_date) AS DATE), a.period_start))
      AS months
  FROM reps r
  LEFT JOIN attained_months a
    ON a.person_id = r.id AND a.period_start >= CAST(date_trunc('month', r.start_date) AS DATE)
  WHERE r.start_date > $8 AND r.start_date <= $3
  GROUP BY ALL
), onboarding AS (
  SELECT manager_id, avg(months) AS mean_months, count(*) - count(months) AS waiting
  FROM first_months GROUP BY manager_id
), retention AS (
  SELECT manager_id, count(*) AS at_start,
    count(*) FILTER (WHERE end_date IS NULL OR end_date NOT BETWEEN $1 AND $4) AS stayed
  FROM reps WHERE {_employed("reps", "$1", "$1")}
  GROUP BY manager_id
), rated AS (
  SELECT type, person_id, rating FROM coaching
  WHERE type IN ('upward_feedback', 'customer_experience') AND rating IS NOT NULL
    AND occurred_on BETWEEN $1 AND $4
), upward AS (
  SELECT person_id, avg(rating) AS rating, count(*) AS ratings FROM rated
  WHERE type = 'upward_feedback' GROUP BY person_id
), customers AS (
  SELECT t.manager_id, avg(r.rating) AS rating
  FROM team t JOIN rated r ON r.person_id = t.member_id AND r.type = 'customer_experience'
  GROUP BY t.manager_id
), team_goals AS (
  SELECT person_id, target FROM goals
  WHERE scope_type = 'team' AND period_start = $1 AND period_end = $2
)
SELECT m.external_id,
  CASE WHEN g.target <> 0 THEN coalesce(d.won_to_d, 0) / g.target END AS team_attainment,
  a.at_goal / a.with_goal AS pct_reps_at_goal,
  CASE WHEN $3 >= $2 AND f.amount IS NOT NULL THEN
    CASE WHEN coalesce(d.won_in_p, 0) = 0 THEN CASE WHEN f.amount = 0 THEN 1.0 ELSE 0.0 END
    ELSE greatest(0, 1 - abs(d.won_in_p - f.amount) / d.won_in_p) END
  END AS forecast_accuracy,
  o.held / nullif(o.due, 0) AS one_on_one_cadence,
  k.held / nullif(k.due, 0) AS check_in_cadence,
  {_RECORD_COLUMNS},
  d.compliant / nullif(d.open_deals, 0) AS crm_compliance,
  s.at_standard / s.planned_reps AS activity_standard,
  b.mean_months AS time_to_first_goal_month,
  r.stayed / r.at_start AS rep_retention,
  i.opened / i.off_track AS improvement_plan_rate,
  CASE WHEN u.ratings >= {UPWARD_MINIMUM} THEN u.rating END AS upward_feedback,
  x.rating AS customer_experience,
  coalesce(b.waiting, 0) AS {WAITING}
FROM managers m
LEFT JOIN team_goals g ON g.person_id = m.id
LEFT JOIN team_deals d ON d.manager_id = m.id
LEFT JOIN at_goal a ON a.manager_id = m.id
LEFT JOIN forecast f ON f.manager_id = m.id
LEFT JOIN cadence o ON o.manager_id = m.id AND o.kind = 'one_on_one'
LEFT JOIN cadence k ON k.manager_id = m.id AND k.kind = 'check_in'
LEFT JOIN records c ON c.author_id = m.id
LEFT JOIN standard s ON s.manager_id = m.id
LEFT JOIN onboarding b ON b.manager_id = m.id
LEFT JOIN retention r ON r.manager_id = m.id
LEFT JOIN improvement i ON i.manager_id = m.id
LEFT JOIN upward u ON u.person_id = m.id
LEFT JOIN customers x ON x.manager_id = m.id
"""


def duckdb_manager_tables(rows: ManagerRows) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database holding the manager rows as its own tables."""
    return duckdb_tables(rows, _DUCKDB_TABLES)


def duckdb_managers(connection: duckdb.DuckDBPyConnection, question: ManagerQuestion) -> Values:
    first, last = question.previous
    parameters = [
        question.start,
        question.end,
        question.as_of,
        question.until,
        first,
        last,
        question.midpoint,
        question.year_before,
    ]
    cursor = connection.execute(MANAGERS_SQL, parameters)
    names = [column[0] for column in cursor.description]
    return {row[0]: _typed(dict(zip(names[1:], row[1:], strict=True))) for row in cursor.fetchall()}


# --- pandas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dates:
    """The question's dates as timestamps."""

    start: pd.Timestamp
    end: pd.Timestamp
    as_of: pd.Timestamp
    until: pd.Timestamp
    first: pd.Timestamp  # Q's start
    last: pd.Timestamp  # Q's end

    @classmethod
    def of(cls, question: ManagerQuestion) -> "_Dates":
        first, last = question.previous
        days = (question.start, question.end, question.as_of, question.until, first, last)
        return cls(*(pd.Timestamp(day) for day in days))


def pandas_managers(rows: ManagerRows, question: ManagerQuestion) -> Values:
    at = _Dates.of(question)
    people = rows.people
    managers = people[people.role.isin(MANAGER_ROLES) & _employed_in(people, at.start, at.end)]
    team = _team(people, managers.id)
    members = team.merge(people.drop(columns="manager_id"), left_on="member_id", right_on="id")
    reps = members[(members.role == "rep") & _employed_in(members, at.start, at.end)]
    owners = _by_owner(rows.deals, at)
    deals = team.join(owners, on="member_id").groupby("manager_id")[list(owners.columns)].sum()
    planned = _planned(rows)
    found = pd.DataFrame(index=pd.Index(managers.id, name="manager_id"))
    found["team_attainment"] = deals.won_to_d / _goal_targets(rows.goals, "team", at.start, at.end)
    found["pct_reps_at_goal"] = _reps_at_goal(rows.goals, reps, owners, at)
    found["forecast_accuracy"] = _forecast_accuracy(rows.forecasts, deals, question, at)
    found["one_on_one_cadence"] = _cadence(rows, people, managers, "one_on_one", at)
    found["check_in_cadence"] = _cadence(rows, people, managers, "check_in", at)
    window = rows.coaching[rows.coaching.occurred_on.between(at.start, at.until)]
    for name, kinds in RECORD_COUNTS.items():
        counted = window[window.type.isin(kinds)].groupby("author_id").size()
        found[name] = counted.reindex(found.index, fill_value=0)
    found["crm_compliance"] = deals.compliant / deals.open_deals.where(deals.open_deals != 0)
    found["activity_standard"] = _activity_standard(reps, planned)
    found["time_to_first_goal_month"], found[WAITING] = _onboarding(rows, reps, question)
    found[WAITING] = found[WAITING].fillna(0)
    found["rep_retention"] = _retention(reps, at)
    found["improvement_plan_rate"] = _improvement_plans(rows, reps, owners, planned, at)
    rated = window[window.rating.notna()]
    upward = (
        rated[rated.type == "upward_feedback"].groupby("person_id").rating.agg(["mean", "size"])
    )
    found["upward_feedback"] = upward["mean"].where(upward["size"] >= UPWARD_MINIMUM)
    customers = rated[rated.type == "customer_experience"]
    customers = customers.merge(team, left_on="person_id", right_on="member_id")
    found["customer_experience"] = customers.groupby("manager_id").rating.mean()
    found.index = managers.external_id
    return {
        external_id: _typed(values)
        for external_id, values in found.astype(object).to_dict("index").items()
    }


def _employed_in(people: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.Series:
    """Employed on some day of [first, last]."""
    return (people.start_date.isna() | (people.start_date <= last)) & (
        people.end_date.isna() | (people.end_date >= first)
    )


def _team(people: pd.DataFrame, managers: pd.Series) -> pd.DataFrame:
    """(manager_id, member_id) for each manager and everyone below them, themselves included:
    one level of the hierarchy per merge."""
    below = people.dropna(subset=["manager_id"])
    children = pd.DataFrame({"member_id": below.manager_id.astype("int64"), "child": below.id})
    level = pd.DataFrame({"manager_id": managers.to_numpy(), "member_id": managers.to_numpy()})
    levels = [level]
    while not level.empty:
        level = level.merge(children, on="member_id")[["manager_id", "child"]]
        level = level.rename(columns={"child": "member_id"})
        levels.append(level)
    return pd.concat(levels, ignore_index=True)


def _by_owner(deals: pd.DataFrame, at: _Dates) -> pd.DataFrame:
    """Per owner: won revenue to d, over P and over Q; deals open at d, and the compliant."""
    won = deals.status == "won"
    open_at = (deals.created_date <= at.as_of) & (
        (deals.status == "open") | (deals.close_date > at.as_of)
    )
    filled = deals.next_step.fillna("").str.contains(NOT_BLANK, regex=True)
    compliant = open_at & (deals.amount > 0) & (deals.close_date >= at.as_of) & filled
    owner = deals.owner_id
    return (
        pd.DataFrame(
            {
                "won_to_d": deals.amount.where(won & deals.close_date.between(at.start, at.until)),
                "won_in_p": deals.amount.where(won & deals.close_date.between(at.start, at.end)),
                "won_in_q": deals.amount.where(won & deals.close_date.between(at.first, at.last)),
                "open_deals": open_at.astype(int),
                "compliant": compliant.astype(int),
            }
        )
        .groupby(owner)
        .sum()
    )


def _goal_targets(
    goals: pd.DataFrame, scope: str, start: pd.Timestamp, end: pd.Timestamp
) -> pd.Series:
    """The targets of the approved goals of that scope for exactly [start, end], by person;
    a target of 0 as NaN (never attained)."""
    chosen = goals[
        (goals.scope_type == scope) & (goals.period_start == start) & (goals.period_end == end)
    ]
    targets = chosen.set_index("person_id").target
    return targets.where(targets != 0)


def _share(flags: pd.Series, by: pd.Series) -> pd.Series:
    """The share of true flags per group."""
    return flags.astype(float).groupby(by).mean()


def _reps_at_goal(
    goals: pd.DataFrame, reps: pd.DataFrame, owners: pd.DataFrame, at: _Dates
) -> pd.Series:
    targets = _goal_targets(goals, "person", at.start, at.end)
    with_goal = reps[reps.id.isin(targets.index)]
    won = with_goal.id.map(owners.won_to_d).fillna(0)
    return _share(won / with_goal.id.map(targets) >= 1, with_goal.manager_id)


def _forecast_accuracy(
    forecasts: pd.DataFrame, deals: pd.DataFrame, question: ManagerQuestion, at: _Dates
) -> pd.Series:
    """max(0, 1 - |A - f| / A) once P has ended; with A = 0, 1 when f = 0 else 0."""
    if at.as_of < at.end:
        return pd.Series(dtype=float)
    cut = forecasts[forecasts.submitted_on <= pd.Timestamp(question.midpoint)]
    latest = cut.sort_values("submitted_at").groupby("manager_id").amount.last()
    actual = deals.won_in_p.reindex(latest.index).fillna(0)
    missed = 1 - (actual - latest).abs() / actual.where(actual != 0)
    return missed.clip(lower=0).where(actual != 0, (latest == 0).astype(float))


def _cadence(
    rows: ManagerRows, people: pd.DataFrame, managers: pd.DataFrame, kind: str, at: _Dates
) -> pd.Series:
    """held / due over the (direct report, month or ISO week of P) pairs."""
    reports = people[people.manager_id.isin(managers.id) & _employed_in(people, at.start, at.end)]
    if kind == "one_on_one":
        spans = rows.months[rows.months.in_p].rename(
            columns={"month_start": "span_start", "month_end": "span_end"}
        )
    else:
        spans = rows.weeks.rename(columns={"week_start": "span_start", "week_end": "span_end"})
    pairs = reports.merge(spans[["span_start", "span_end"]], how="cross")
    pairs = pairs[_employed_in(pairs, pairs.span_start, pairs.span_end)]
    records = rows.coaching[(rows.coaching.type == kind) & (rows.coaching.occurred_on <= at.as_of)]
    if kind == "one_on_one":
        began = records.occurred_on.dt.to_period("M").dt.start_time
    else:
        began = records.occurred_on - pd.to_timedelta(records.occurred_on.dt.day_of_week, unit="D")
    held = pd.DataFrame(
        {
            "manager_id": records.author_id,
            "id": records.person_id,
            "span_start": began.astype("datetime64[s]"),
        }
    ).drop_duplicates()
    held["held"] = True
    pairs = pairs.merge(held, on=["manager_id", "id", "span_start"], how="left")
    pairs["held"] = pairs.held.fillna(False).astype(bool)
    pairs["due"] = pairs.held | (pairs.span_end <= at.as_of)
    counted = pairs.groupby("manager_id")[["held", "due"]].sum()
    return counted.held / counted.due.where(counted.due != 0)


def _planned(rows: ManagerRows) -> pd.DataFrame:
    """Per (person, in_p): the planned lines' actual activities and expected count (planned x
    the month's elapsed fraction), Q's months at Q's end and P's at the quadrant's date."""
    plans = pandas_plan_lines(rows.plans, rows.months, rows.activities)
    found = plans.groupby(["person_id", "in_p"])[["actual", "expected"]].sum().reset_index()
    return found[found.expected != 0]


def _activity_standard(reps: pd.DataFrame, planned: pd.DataFrame) -> pd.Series:
    paced = reps.merge(planned[planned.in_p], left_on="id", right_on="person_id")
    return _share(paced.actual / paced.expected >= 1, paced.manager_id)


def _onboarding(
    rows: ManagerRows, reps: pd.DataFrame, question: ManagerQuestion
) -> tuple[pd.Series, pd.Series]:
    """The mean whole months from a recent hire's start month to the first month whose
    approved revenue_won goal they attained, and how many hires are still waiting."""
    as_of = pd.Timestamp(question.as_of)
    goals = rows.goals
    monthly = goals[
        (goals.scope_type == "person")
        & goals.period_start.dt.is_month_start
        & (goals.period_end == goals.period_start + pd.offsets.MonthEnd(0))
        & (goals.period_end <= as_of)
        & (goals.target > 0)
    ]
    won = rows.deals[rows.deals.status == "won"]
    month = won.close_date.dt.to_period("M").dt.start_time.astype("datetime64[s]")
    revenue = won.groupby([won.owner_id, month]).amount.sum()
    revenue.index.names = ["person_id", "period_start"]
    monthly = monthly.join(revenue.rename("revenue"), on=["person_id", "period_start"])
    attained = monthly[monthly.revenue.fillna(0) / monthly.target >= 1]
    recent = reps[
        (reps.start_date > pd.Timestamp(question.year_before)) & (reps.start_date <= as_of)
    ]
    reached = recent.merge(attained, left_on="id", right_on="person_id")
    months = _month_number(reached.period_start) - _month_number(reached.start_date)
    reached = reached.assign(months=months)[months >= 0]
    first = reached.groupby(["manager_id", "id"]).months.min()
    first = first.reindex(pd.MultiIndex.from_frame(recent[["manager_id", "id"]]))
    waiting = first.isna().groupby(level="manager_id").sum()
    return first.groupby(level="manager_id").mean(), waiting


def _month_number(days: pd.Series) -> pd.Series:
    return days.dt.year * 12 + days.dt.month


def _retention(reps: pd.DataFrame, at: _Dates) -> pd.Series:
    present = reps[_employed_in(reps, at.start, at.start)]
    stayed = present.end_date.isna() | ~present.end_date.between(at.start, at.until)
    return _share(stayed, present.manager_id)


def _improvement_plans(
    rows: ManagerRows,
    reps: pd.DataFrame,
    owners: pd.DataFrame,
    planned: pd.DataFrame,
    at: _Dates,
) -> pd.Series:
    """Among the reps (of P) off track at Q's end (employed during Q, both paces < 1), the
    share with an improvement plan dated from Q's last day to 14 days after it, not after d."""
    reps = reps[_employed_in(reps, at.first, at.last)]
    targets = _goal_targets(rows.goals, "person", at.first, at.last).dropna()
    activity = planned[~planned.in_p].set_index("person_id")
    placed = reps[reps.id.isin(targets.index) & reps.id.isin(activity.index)]
    won = placed.id.map(owners.won_in_q).fillna(0)
    paced = placed.id.map(activity.actual) / placed.id.map(activity.expected)
    off_track = placed[(won / placed.id.map(targets) < 1) & (paced < 1)]
    closes = min(at.last + pd.Timedelta(days=PLAN_WINDOW_DAYS), at.as_of)
    coaching = rows.coaching
    opened = coaching[
        (coaching.type == "improvement_plan") & coaching.occurred_on.between(at.last, closes)
    ]
    return _share(off_track.id.isin(opened.person_id), off_track.manager_id)


def _typed(values: dict[str, Any]) -> dict[str, float | int | None]:
    """Counts as int, other values as float, a missing value (NULL, NaN, NA) as None."""
    typed: dict[str, float | int | None] = {}
    for name in KPIS:
        value = values[name]
        if value is None or pd.isna(value):
            typed[name] = None
        else:
            typed[name] = int(value) if name in KPI_COUNTS else float(value)
    return typed
