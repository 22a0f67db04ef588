"""`pacesetter report review`: the period review of each team once the period has closed.

Built once (incentives/review.py) and printed as a rounded table, unrounded JSON or CSV with one
line per person and goal; null is `-` in the table and an empty CSV cell.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
from sqlalchemy import select

from pacesetter.cli.reporting import (
    PERIOD_HELP,
    Format,
    echo_table,
    period_option,
    print_csv,
    print_json,
    shown,
)
from pacesetter.domain.vocab import Role
from pacesetter.incentives.review import GoalOutcome, ReviewView, build_review
from pacesetter.metrics.catalogue import REGISTRY, Unit
from pacesetter.metrics.org_settings import fiscal_year_start_month
from pacesetter.metrics.player_coach import employed_during
from pacesetter.metrics.scorecard import find_person
from pacesetter.store.context import context_for
from pacesetter.store.db import get_engine, unit_of_work
from pacesetter.store.models import Person
from pacesetter.store.org_settings import org_today
from pacesetter.store.scope import Scope

# What lay behind each person's goals: empty on the team's goals.
BEHIND_FIELDS = (
    "quadrant",
    "qdq_score",
    "qdq_binding",
    "commitments_made",
    "commitments_kept",
    "commitments_kept_share",
    "one_on_ones",
    "ride_alongs",
)
CSV_FIELDS = (
    "manager",
    "person",
    "role",
    "metric",
    "scope",
    "target",
    "actual",
    "attainment",
    "hit",
    "by",
    "lint",
    *BEHIND_FIELDS,
)


def review(
    period: str = typer.Option(..., help=PERIOD_HELP),
    manager: str | None = typer.Option(
        None, help="Only this manager's team (email or external id); default: every manager's."
    ),
    output: Format = typer.Option(
        Format.TABLE, "--format", help="table (rounded), json (unrounded) or csv (one line a goal)."
    ),
    pdf: Path | None = typer.Option(
        None, help="Write --manager's review as a PDF with its charts to this file instead."
    ),
) -> None:
    """Once a period has closed: each team's goals hit and missed and by how much, the quadrant,
    QDQ, 1:1s, ride-alongs and 1:1 commitments kept behind them, what the lint had warned about,
    and the manager's forecast against the team's actual."""
    if pdf is not None:
        _write_pdf(period, manager, pdf)
        return
    views = _build(period, manager)
    _PRINTERS[output](views)


def _build(period_name: str, manager: str | None) -> list[ReviewView]:
    with unit_of_work(get_engine()) as session:
        span = period_option(period_name, fiscal_year_start_month(session))
        scope, today = Scope.everything(), org_today(session)
        if manager:
            leads = [find_person(session, scope, manager)]
        else:
            statement = select(Person).where(
                Person.role == Role.MANAGER.value, employed_during(span)
            )
            leads = list(session.scalars(statement.order_by(Person.name, Person.external_id)))
        return [build_review(session, scope, lead, span, today=today) for lead in leads]


def _write_pdf(period_name: str, manager: str | None, path: Path) -> None:
    """One team's review as the review page's PDF (incentives/review_pdf.py)."""
    # Imported here: reportlab takes a second to load, which the other formats need not pay.
    from pacesetter.incentives.review_pdf import requested_review_pdf

    if manager is None:
        message = "a PDF holds one team's review: name it with --manager"
        raise typer.BadParameter(message, param_hint="--pdf")
    with unit_of_work(get_engine()) as session:
        ctx = context_for(session, Scope.everything())
        lead = find_person(session, ctx.scope, manager)
        found, name = requested_review_pdf(session, ctx, lead.id, period_name), lead.name
    path.write_bytes(found.body)
    typer.echo(f"Wrote the review of {name}'s team to {path}.")


def csv_lines(view: ReviewView) -> Iterator[list[Any]]:
    """One line per goal of each person, then the team's goals, under CSV_FIELDS."""
    for person in view.people:
        behind = [getattr(person, name) for name in BEHIND_FIELDS]
        for goal in person.goals:
            yield [view.manager, person.name, person.role, *_outcome(goal), *behind]
    for goal in view.team_goals:
        yield [view.manager, view.manager, "team", *_outcome(goal), *[None] * len(BEHIND_FIELDS)]


def _outcome(goal: GoalOutcome) -> list[Any]:
    """The goal and how it ended, from `metric` to `lint`."""
    outcome = [goal.target, goal.actual, goal.attainment, goal.hit, goal.by]
    return [goal.metric, goal.scope, *outcome, " ".join(goal.lint)]


def _print_json(views: list[ReviewView]) -> None:
    print_json({"reviews": [view.as_dict() for view in views]})


def _print_csv(views: list[ReviewView]) -> None:
    print_csv(CSV_FIELDS, (line for view in views for line in csv_lines(view)))


def _print_table(views: list[ReviewView]) -> None:
    for view in views:
        typer.echo(
            f"Review {view.period.name}: {view.manager}'s team. {view.hit} goals hit, "
            f"{view.missed} missed. Forecast {shown(view.forecast, Unit.MONEY)}, "
            f"won {shown(view.team_revenue_won, Unit.MONEY)}."
        )
        header = [
            "person",
            "metric",
            "target",
            "actual",
            "attainment",
            "hit",
            "lint",
            "quadrant",
            "qdq",
            "kept",
            "1:1s",
            "rides",
        ]
        echo_table("Goals", header, [_cells(line) for line in csv_lines(view)])


def _cells(line: list[Any]) -> list[str]:
    row = dict(zip(CSV_FIELDS, line, strict=True))
    unit = REGISTRY[row["metric"]].unit if row["metric"] in REGISTRY else Unit.COUNT
    hit = "-" if row["hit"] is None else ("hit" if row["hit"] else "missed")
    return [
        row["person"],
        row["metric"],
        shown(row["target"], unit),
        shown(row["actual"], unit),
        shown(row["attainment"], Unit.SHARE),
        hit,
        row["lint"] or "-",
        row["quadrant"] or "-",
        shown(row["qdq_score"], Unit.SHARE),
        _kept_of_made(row["commitments_kept"], row["commitments_made"]),
        str(row["one_on_ones"] if row["one_on_ones"] is not None else "-"),
        str(row["ride_alongs"] if row["ride_alongs"] is not None else "-"),
    ]


def _kept_of_made(kept: int | None, made: int | None) -> str:
    """The 1:1 commitments kept as the review page reads them: "1 of 3"; "-" without any."""
    return f"{kept} of {made}" if made else "-"


_PRINTERS = {Format.TABLE: _print_table, Format.JSON: _print_json, Format.CSV: _print_csv}
