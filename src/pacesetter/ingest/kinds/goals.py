"""goals: targets by (scope, metric, period), through the goals service.

`scope` is a person (external id, email or unique name) or `team:<manager>`. Unlike the other
kinds, rows are not written as plain records: the file is one `GoalBatch`, so the lint (whose
errors reject the row), the status workflow and the audit trail apply exactly as on the pages
and in the API. The whole file is linted at once, each row in the company of the others (an
activity goal on line 9 answers an outcome-only warning on line 3), with the facts read once
per period for every scope of the file. Checking plans each row in memory (nothing is written
and undone); writing adds the new goals together and takes each changed goal through the
service, recording "import <file>" as the reason. Lint warnings are listed as the row's
warnings.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from pacesetter.domain.errors import PacesetterError
from pacesetter.domain.goal_lint import PERSON, TEAM, Finding, ScopeKey, blocking
from pacesetter.domain.periods import PeriodError, parse_period
from pacesetter.domain.vocab import GoalKind, GoalStatus
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.service import GoalInput, GoalLintError
from pacesetter.goals.upsert import GoalBatch, Plan
from pacesetter.ingest.cells import Cell, CellError, text
from pacesetter.ingest.kinds.base import TEXT_LIMIT, Kind, KindContext
from pacesetter.ingest.refs import load_people
from pacesetter.ingest.report import Problem, shown
from pacesetter.ingest.rows import Row
from pacesetter.ingest.upsert import Record, Upserter
from pacesetter.store.models import Goal, ImportRun

Report = Callable[[Problem], None]
KINDS = tuple(kind.value for kind in GoalKind)
STATUSES = tuple(status.value for status in GoalStatus)
TEAM_PREFIX = "team:"
# The file column a definition error of the lint is about.
RULE_COLUMNS = {"not_specific": "metric", "not_measurable": "target", "no_period": "period"}


class Goals(Kind):
    name = "goals"
    table = Goal.__table__
    required = ("scope", "metric", "period", "target")
    optional = ("kind", "individual_weight", "status", "rationale")
    key = ("scope_type", "person_id", "metric", "period")
    key_columns = ("scope", "metric", "period")
    key_label = "goal (same scope, metric and period)"

    def __init__(self, context: KindContext) -> None:
        super().__init__(context)
        self.people = load_people(context.session)
        self.today = datetime.now(context.clock.zone).date()
        self.actor = Actor.system(Channel.IMPORT)
        self.rows: list[tuple[Row, Record]] = []
        self.batch: GoalBatch | None = None
        self.plans: list[Plan] = []
        self.periods: dict[str, str] = {}
        self.scopes: dict[Cell, ScopeKey] = {}

    def parse(self, row: Row) -> Record:
        scope = row.get("scope", self._scope, required=True)
        return {
            "scope_type": scope.scope_type if scope else None,
            "person_id": scope.person_id if scope else None,
            "metric": row.text("metric", self.length("metric"), required=True),
            "period": row.get("period", self._period, required=True),
            "target": row.number("target", required=True),
            "kind": row.choice("kind", KINDS),
            "individual_weight": row.number("individual_weight", minimum=0),
            "status": row.choice("status", STATUSES),
            "rationale": row.text("rationale", TEXT_LIMIT),
        }

    def keep(self, row: Row, record: Record) -> None:
        if row.ok:
            self.rows.append((row, record))

    def check_rows(self, error: Report) -> None:
        """Plan every row of the file as one batch; a refusal is the row's error."""
        inputs = [goal_input(record) for _, record in self.rows]
        self.batch = GoalBatch(self.context.session, self.actor, inputs, today=self.today)
        for (row, record), data in zip(self.rows, inputs, strict=True):
            plan = self._plan(row, record, data, error)
            if plan is not None:
                self.plans.append(plan)
                for finding in plan.findings:
                    row.sink.warning(_problem(row, record, finding))

    def write(self, chunks: Iterable[list[Record]], upserter: Upserter) -> None:
        """Write the plans of the check (the file was clean, so there is one per record)."""
        done = 0
        for chunk in chunks:
            plans = self.plans[done : done + len(chunk)]
            done += len(chunk)
            if self.batch is not None and not self.context.dry_run:
                self.batch.write(plans, reason=self._reason())
            for plan in plans:
                counts = upserter.counts
                setattr(counts, plan.outcome.value, getattr(counts, plan.outcome.value) + 1)

    def _plan(self, row: Row, record: Record, data: GoalInput, error: Report) -> Plan | None:
        try:
            return self.batch.plan(data) if self.batch else None
        except GoalLintError as lint_error:
            for finding in blocking(lint_error.findings):
                error(_problem(row, record, finding))
        except PacesetterError as refused:
            error(Problem(row.line, None, None, str(refused)))
        return None

    def _reason(self) -> str:
        run = self.context.session.get(ImportRun, self.context.run_id or 0)
        return f"import {Path(run.file_name).name}" if run else "import"

    def _scope(self, cell: Cell) -> ScopeKey:
        """The scope a cell names (each spelling read once per file; an error every time)."""
        if cell not in self.scopes:
            self.scopes[cell] = self._read_scope(cell)
        return self.scopes[cell]

    def _read_scope(self, cell: Cell) -> ScopeKey:
        value = text(cell, 400)
        if value.casefold().startswith(TEAM_PREFIX):
            return ScopeKey(TEAM, self.people.find(value[len(TEAM_PREFIX) :].strip()))
        return ScopeKey(PERSON, self.people.find(value))

    def _period(self, cell: Cell) -> str:
        """The period's name as the product spells it (each spelling parsed once per file)."""
        given = text(cell, 32)
        if given not in self.periods:
            try:
                period = parse_period(given, self.context.fiscal_year_start_month)
            except PeriodError as error:
                raise CellError(str(error)) from None
            self.periods[given] = period.name
        return self.periods[given]


def goal_input(record: Record) -> GoalInput:
    return GoalInput(
        scope=ScopeKey(record["scope_type"], record["person_id"]),
        metric=record["metric"],
        period=record["period"],
        target=record["target"],
        kind=record["kind"],
        individual_weight=record["individual_weight"],
        rationale=record["rationale"],
        status=record["status"],
    )


def _problem(row: Row, record: Record, finding: Finding) -> Problem:
    column = RULE_COLUMNS.get(finding.rule, "target")
    reason = f"{finding.severity} ({finding.rule}): {finding.message}"
    return Problem(row.line, row.plan.label(column), shown(record.get(column)), reason)
