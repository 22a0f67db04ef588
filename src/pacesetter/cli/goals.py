"""`pacesetter lint goals` and `pacesetter suggest targets`: the goal lint over a period, and
a team target spread over a manager's people (docs/goals.md explains both)."""

import json
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum

import typer

from pacesetter.domain.errors import Invalid
from pacesetter.domain.goal_lint import LintConfig, blocking
from pacesetter.domain.goal_rules.text import percent, show
from pacesetter.domain.suggest import Part, Ramp
from pacesetter.domain.vocab import GoalStatus
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.linting import lint_period
from pacesetter.goals.presenting import findings_as_dicts
from pacesetter.goals.queries import period_named
from pacesetter.goals.suggestions import (
    Accepted,
    SuggestionRequest,
    TeamSuggestion,
    accept_suggestion,
    suggest_for_team,
)
from pacesetter.metrics.scorecard import find_person
from pacesetter.store.db import get_engine, unit_of_work
from pacesetter.store.org_settings import org_today
from pacesetter.store.scope import Scope

lint_app = typer.Typer(help="Check goals for the common goal-setting mistakes.")
suggest_app = typer.Typer(help="Suggest targets from history, tenure and the team target.")
# The exit status when a finding is an error; a refused command exits 1 too (cli/main.py).
EXIT_ERRORS = 1


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


@lint_app.command("goals")
def lint_goals(
    period: str = typer.Option(..., help="Period: 2026-03, 2026-Q1, 2026 or 2026-W07."),
    output: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
    as_of: str | None = typer.Option(None, help="Date data must flow up to (default today)."),
    trailing_periods: int = typer.Option(3, help="Comparable periods of history weighed."),
    unrealistic_factor: float = typer.Option(1.5, help="Beyond this times the best: unrealistic."),
    too_easy_factor: float = typer.Option(1.0, help="Below this times the average: too easy."),
    one_size_ratio: float = typer.Option(1.5, help="Averages this far apart differ materially."),
    activity_silence_days: int = typer.Option(30, help="Days without activities that flag."),
    deal_silence_days: int = typer.Option(60, help="Days without deals that flag."),
) -> None:
    """Lint every proposed and approved goal of PERIOD. Each finding names the goal, the rule,
    its severity (error, warning or info), a message and the evidence; exits with status 1
    when any finding is an error."""
    config = LintConfig(
        trailing_periods=trailing_periods,
        unrealistic_factor=unrealistic_factor,
        too_easy_factor=too_easy_factor,
        one_size_history_ratio=one_size_ratio,
        activity_silence_days=activity_silence_days,
        deal_silence_days=deal_silence_days,
    )
    with unit_of_work(get_engine()) as session:
        span = period_named(session, period)
        today = _day(as_of) or org_today(session)
        findings = lint_period(session, Scope.everything(), span, today=today, config=config)
        shown = findings_as_dicts(session, findings)
    if output is Format.JSON:
        typer.echo(json.dumps(shown, indent=2, ensure_ascii=False))
    else:
        _print_findings(span.name, shown)
    if blocking(findings):
        raise typer.Exit(EXIT_ERRORS)


@suggest_app.command("targets")
def suggest_targets(
    manager: str = typer.Option(..., help="The team's manager (email or external id)."),
    period: str = typer.Option(..., help="Period: 2026-Q1, 2026-03, 2026 ..."),
    team_target: Decimal = typer.Option(..., help="The team target to spread."),
    over_assign: Decimal = typer.Option(
        Decimal(0), help="Percent the parts add up to above the team target (10 = 10%)."
    ),
    metric: str = typer.Option("revenue_won", help="The metric of the targets."),
    trailing_periods: int = typer.Option(3, help="Comparable periods of history averaged."),
    ramp: str = typer.Option(
        "25,50,75", help="Percent of a full target in a new hire's months 1, 2, 3 ..."
    ),
    accept: bool = typer.Option(False, "--accept", help="Create the goals, approved."),
    reason: str | None = typer.Option(
        None, help="With --accept: why approved goals may change (without it they are kept)."
    ),
    output: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
) -> None:
    """Spread TEAM_TARGET over MANAGER's direct reports (and the manager's own part, for a
    player-coach) by trailing results and ramp. The parts add up to the team target exactly
    (plus the over-assignment). With --accept the parts and the team target become approved
    goals, each change recorded with the channel `cli`."""
    actor = Actor.system(Channel.CLI)
    with unit_of_work(get_engine()) as session:
        today = org_today(session)
        person = find_person(session, Scope.everything(), manager)
        request = SuggestionRequest(
            person.id, period, team_target, over_assign, metric, trailing_periods, _ramp(ramp)
        )
        team = suggest_for_team(session, actor, request, today=today)
        accepted = (
            accept_suggestion(session, actor, team, today=today, approved_reason=reason)
            if accept
            else []
        )
        document = _suggestion_dict(team, accepted)
    if output is Format.JSON:
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        _print_suggestion(team, accepted)


def _ramp(text: str) -> Ramp:
    try:
        return Ramp(tuple(float(step) / 100 for step in text.split(",") if step.strip()))
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a list of percentages", param_hint="--ramp"
        ) from None


def _day(text: str | None) -> date | None:
    """--as-of (None when it is left out); a date that cannot be read is refused like any
    other bad input (`Error: ...`, exit 1)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise Invalid(str(error)) from None


def _print_findings(period: str, findings: Sequence[dict]) -> None:
    if not findings:
        typer.echo(f"No findings on the goals of {period}.")
        return
    current = None
    for finding in findings:
        goal = finding["goal"]
        if goal["id"] != current:
            current = goal["id"]
            typer.echo(
                f"\n{goal['name']} ({goal['scope']}): {goal['metric']} {goal['period']} "
                f"target {show(goal['target'])} [{goal['status']}]"
            )
        typer.echo(f"  {finding['severity']:7} {finding['rule']}: {finding['message']}")
    errors = sum(f["severity"] == "error" for f in findings)
    typer.echo(f"\n{len(findings)} findings on {period}, {errors} of them errors.")


def _suggestion_dict(team: TeamSuggestion, accepted: Sequence[Accepted]) -> dict:
    suggestion = team.suggestion
    return {
        "manager": team.manager.email,
        "period": suggestion.period.name,
        "metric": team.metric,
        "team_target": float(suggestion.team_target),
        "over_assign_pct": float(suggestion.over_assign_pct),
        "total": float(suggestion.total),
        "personal_share": suggestion.personal_share,
        "parts": [_part_dict(part) for part in suggestion.parts],
        "accepted": [
            {
                "scope": a.name,
                "target": a.target,
                "outcome": a.outcome,
                "status": a.status,
                "previous": a.previous,
            }
            for a in accepted
        ],
    }


def _part_dict(part: Part) -> dict:
    return {
        "person": part.member.name,
        "personal": part.member.personal,
        "target": float(part.amount),
        "share_of_team": part.share_of_team,
        "reason": part.reason,
    }


def _print_suggestion(team: TeamSuggestion, accepted: Sequence[Accepted]) -> None:
    suggestion = team.suggestion
    typer.echo(
        f"{team.metric} targets for {team.manager.name}'s team, {suggestion.period.name}: "
        f"team target {show(suggestion.team_target)}, parts add up to {show(suggestion.total)}"
    )
    width = max(len(part.member.name) for part in suggestion.parts)
    for part in suggestion.parts:
        typer.echo(
            f"  {part.member.name:<{width}}  {show(part.amount):>12}  "
            f"{percent(part.share_of_team):>4}  {part.reason}"
        )
    if suggestion.personal_share is not None:
        typer.echo(f"Personal target share: {percent(suggestion.personal_share)} of the team's.")
    for result in accepted:
        typer.echo(f"{result.outcome:>9}: {result.name} {show(result.target)} ({result.status})")
    if any(a.outcome == "kept" and a.status == GoalStatus.APPROVED for a in accepted):
        typer.echo("Approved goals were kept: give --reason to change them.")
