"""The goals pages: a person's goals with pacing charts, one goal (its pacing, trail and the
decisions on it), the proposals waiting for a manager, the team board and suggested targets.

Every number comes from the goals service and the metrics layer, the same as the API and the
scorecard report (see goals/views.py). Forms post here and come back to the page they came
from; a form the service refuses comes back with the reason.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict, Invalid
from pacesetter.domain.goal_lint import PERSON, ScopeKey
from pacesetter.domain.periods import Period, PeriodKind
from pacesetter.goals import service
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.board import SORTS, Board
from pacesetter.goals.board_document import requested_board
from pacesetter.goals.board_order import ordered_teams
from pacesetter.goals.presenting import metric_label, unit_of
from pacesetter.goals.queries import leaders
from pacesetter.goals.suggestions import (
    SuggestionRequest,
    TeamSuggestion,
    accept_suggestion,
    approved_changes,
    suggest_for_team,
)
from pacesetter.goals.views import goal_view, metric_choices, person_goals_view, proposals_view
from pacesetter.http.context import ContextDep
from pacesetter.http.deps import CurrentUser, OrgDep, SessionDep, ViewerDep
from pacesetter.http.downloads import csv_response
from pacesetter.http.queries import (
    OrderQuery,
    PeriodQuery,
    ReportQuery,
    ReportQueryDep,
    TeamsPagingDep,
)
from pacesetter.http.validation import MAX_AMOUNT, MAX_ID, AsOf, IdPath, IdQuery
from pacesetter.schemas.goal_screens import (
    PERSON_GOAL_COLUMNS,
    PROPOSAL_COLUMNS,
    SUGGESTION_COLUMNS,
    person_goal_rows,
    proposal_rows,
    suggestion_rows,
)
from pacesetter.store.context import Context
from pacesetter.store.models import OrgSettings, Person
from pacesetter.web.formatting import format_value
from pacesetter.web.templating import render

router = APIRouter(prefix="/goals")
Text = Annotated[str, Form()]
OptionalText = Annotated[str | None, Form()]
# Refusals a person can fix on the form; anything else goes to the error page.
REFUSALS = (Invalid, Conflict)
# What the person typed into a refused form, shown again: field name -> text.
Typed = dict[str, str | None] | None
T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """What every goals page needs: the request, the unit of work, who is asking and the org."""

    request: Request
    db: Session
    user: Person
    org: OrgSettings
    context: Context  # who and when, built once for the request

    @property
    def actor(self) -> Actor:
        return Actor.of(self.user, Channel.WEB)

    @property
    def today(self) -> date:
        return self.context.today

    def period(self, text: str | None) -> Period:
        """The period asked for, or the current quarter."""
        return self.context.period(text, PeriodKind.QUARTER)

    def render(
        self, template: str, title: str, context: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        helpers = {
            "value": _formatter(self.org.currency),
            "plain": _plain,
            "label": metric_label,
        }
        full = {"title": title, **helpers, **context}
        return render(self.request, template, full, status_code=status)


def _page(
    request: Request,
    viewer: ViewerDep,
    db: SessionDep,
    user: CurrentUser,
    org: OrgDep,
    ctx: ContextDep,
) -> Page:
    return Page(request, db, user, org, ctx)


PageDep = Annotated[Page, Depends(_page)]


@router.get("")
def my_goals(viewer: ViewerDep) -> RedirectResponse:
    return RedirectResponse(f"/goals/people/{viewer.person_id}", status_code=303)


@router.get("/proposals", response_class=HTMLResponse)
def proposals(page: PageDep) -> HTMLResponse:
    """Proposals this manager decides on, each beside its lint and the proposer's history."""
    return page.render(
        "goals/proposals.html", "Proposals", proposals_view(page.db, page.actor, today=page.today)
    )


@router.get("/proposals.csv")
def proposals_csv(page: PageDep) -> Response:
    """The proposals as CSV: one row per proposal, its target unrounded."""
    view = proposals_view(page.db, page.actor, today=page.today)
    return csv_response(PROPOSAL_COLUMNS, proposal_rows(view), f"proposals-{page.today}")


@router.get("/suggest", response_class=HTMLResponse)
def suggest_page(
    page: PageDep,
    manager_id: IdQuery = None,
    period: str | None = None,
    team_target: str | None = None,
    over_assign_pct: str = "0",
) -> HTMLResponse:
    """The suggestion form, and the suggested split once a team target is given."""
    form = {"manager_id": manager_id or page.user.id, "period": period}
    return _suggest(page, form | {"team_target": team_target, "over_assign_pct": over_assign_pct})


@router.get("/suggest.csv")
def suggest_csv(
    page: PageDep,
    manager_id: Annotated[int, Query(ge=1, le=MAX_ID)],
    team_target: str,
    period: str | None = None,
    over_assign_pct: str = "0",
) -> Response:
    """The suggested split as CSV: one row per part, unrounded."""
    span = page.period(period)
    form = {"manager_id": manager_id, "team_target": team_target}
    team = _suggestion(page, form | {"over_assign_pct": over_assign_pct}, span)
    name = f"suggested-targets-{manager_id}-{span.name}"
    return csv_response(SUGGESTION_COLUMNS, suggestion_rows(team), name)


@router.post("/suggest", response_class=HTMLResponse)
def accept_page(
    page: PageDep,
    manager_id: Annotated[int, Form(ge=1, le=MAX_ID)],
    period: Text,
    team_target: Text,
    over_assign_pct: Annotated[str, Form()] = "0",
    approved_reason: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Accept the suggestion: its parts and the team target become goals. An approved goal
    changes only with `approved_reason` (the page shows which would change)."""
    form = {"manager_id": manager_id, "period": period, "approved_reason": approved_reason}
    return _suggest(
        page, form | {"team_target": team_target, "over_assign_pct": over_assign_pct}, accept=True
    )


@router.get("/team/{manager_id}", response_class=HTMLResponse)
def board(
    page: PageDep,
    manager_id: IdPath,
    asked: ReportQueryDep,
    paging: TeamsPagingDep,
    metric: str = "revenue_won",
    sort: str = "name",
    order: OrderQuery = "attention",
) -> HTMLResponse:
    """Attainment and pace on one metric for the team, then a page of its teams (the fewest
    reps on pace first) with everyone in them."""
    whole = board_of(page.db, page.actor, manager_id, asked, metric=metric, sort=sort)
    paged = paging.of(ordered_teams(whole.groups, order))
    shown = replace(whole, groups=paged.rows)  # the totals stay the whole board's
    context = {"board": shown, "sorts": SORTS, "sort": sort, "metrics": metric_choices()}
    context |= {"paged": paged, "order": order, "noun": "teams"}
    context["not_started"] = page.today < shown.period.start  # no pace to colour red yet
    return page.render("goals/board.html", "Team goals", context)


# Before the page: `/people/{person_id}` would take "7.csv" for an id.
@router.get("/people/{person_id}.csv")
def person_goals_csv(page: PageDep, person_id: IdPath, period: PeriodQuery = None) -> Response:
    """A person's goals as CSV: one row per goal, an approved one with its pacing."""
    view = _person_view(page, person_id, period)
    name = f"goals-{person_id}-{view['period'].name}-{view['as_of']}"
    return csv_response(PERSON_GOAL_COLUMNS, person_goal_rows(view), name)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_goals(page: PageDep, person_id: IdPath, period: PeriodQuery = None) -> HTMLResponse:
    """A person's goals in a period, each approved one with its pacing chart."""
    return _person_page(page, person_id, period, {})


@router.post("/people/{person_id}", response_class=HTMLResponse, response_model=None)
def propose(
    page: PageDep,
    person_id: IdPath,
    metric: Text,
    period: Text,
    target: Text,
    rationale: OptionalText = None,
) -> Response:
    """Propose (or, for a manager, set) a goal for the person."""
    try:
        scope = ScopeKey(PERSON, person_id)
        data = service.GoalInput(scope, metric, period, _number(target), rationale=rationale)
        result = _refusable(
            page, lambda: service.create_goal(page.db, page.actor, data, today=page.today)
        )
    except REFUSALS as refused:
        form = {"metric": metric, "period": period, "target": target, "rationale": rationale}
        shown = period if _reads(page, period) else None  # else the page's default period
        return _person_page(page, person_id, shown, form | {"error": str(refused)}, status=422)
    return RedirectResponse(f"/goals/{result.goal.id}", status_code=303)


@router.get("/{goal_id}", response_class=HTMLResponse)
def goal_page(page: PageDep, goal_id: IdPath, as_of: AsOf = None) -> HTMLResponse:
    """One goal: pacing, milestones, lint and history, its trail, and what may be done."""
    return _goal_page(page, goal_id, as_of, None)


@router.post("/{goal_id}/approve", response_class=HTMLResponse, response_model=None)
def approve(
    page: PageDep,
    goal_id: IdPath,
    target: OptionalText = None,
    reason: OptionalText = None,
    note: OptionalText = None,
    next: OptionalText = None,
) -> Response:
    """Approve a proposal; a changed target is an adjustment and needs a reason."""

    def act() -> object:
        adjusted = _number(target) if target else None
        return service.approve_goal(
            page.db,
            page.actor,
            goal_id,
            target=adjusted,
            reason=reason,
            note=note,
            today=page.today,
        )

    typed = {"target": target, "reason": reason, "note": note}
    return _decide(page, goal_id, next, act, typed)


@router.post("/{goal_id}/reject", response_class=HTMLResponse, response_model=None)
def reject(
    page: PageDep, goal_id: IdPath, note: OptionalText = None, next: OptionalText = None
) -> Response:
    """Reject a proposal, with a note to the proposer."""
    return _decide(
        page,
        goal_id,
        next,
        lambda: service.reject_goal(page.db, page.actor, goal_id, note=note),
        {"note": note},
    )


@router.post("/{goal_id}/change", response_class=HTMLResponse, response_model=None)
def change(page: PageDep, goal_id: IdPath, target: Text, reason: OptionalText = None) -> Response:
    """Change an approved goal's target, with the reason kept in its trail."""

    def act() -> object:
        changes = {"target": _number(target)}
        return service.update_goal(
            page.db, page.actor, goal_id, changes, reason=reason, today=page.today
        )

    return _decide(
        page, goal_id, None, act, {"action": "change", "target": target, "reason": reason}
    )


@router.post("/{goal_id}/retire", response_class=HTMLResponse, response_model=None)
def retire(page: PageDep, goal_id: IdPath, reason: OptionalText = None) -> Response:
    """Take an approved goal out of the reports, with the reason."""
    return _decide(
        page,
        goal_id,
        None,
        lambda: service.retire_goal(page.db, page.actor, goal_id, reason=reason),
        {"action": "retire", "reason": reason},
    )


def board_of(
    db: Session, actor: Actor, manager_id: int, asked: ReportQuery, **options: str
) -> Board:
    """The team board the page, its downloads and its JSON twin show (`metric`, `sort`)."""
    at = (asked.period, asked.as_of)
    return requested_board(db, actor, asked.ctx, manager_id, *at, **options)


def _person_page(
    page: Page, person_id: int, period: str | None, form: dict[str, Any], status: int = 200
) -> HTMLResponse:
    view = _person_view(page, person_id, period)
    title = f"Goals: {view['person'].name}"
    return page.render("goals/person.html", title, view | {"form": form}, status)


def _reads(page: Page, period: str) -> bool:
    """Whether `period` names a period (a refused form shows the page's default if not)."""
    try:
        page.period(period)
    except REFUSALS:
        return False
    return True


def _person_view(page: Page, person_id: int, period: str | None) -> dict[str, Any]:
    span = page.period(period)
    currency = page.org.currency
    return person_goals_view(
        page.db, page.actor, person_id, span, today=page.today, currency=currency
    )


def _goal_page(
    page: Page, goal_id: int, as_of: date | None, error: str | None, typed: Typed = None
) -> HTMLResponse:
    """The goal; after a refusal, with the reason and the decision form as it was typed."""
    view = goal_view(
        page.db, page.actor, goal_id, as_of=as_of, today=page.today, currency=page.org.currency
    )
    title = f"{metric_label(view['goal'].metric)} {view['goal'].period}"
    context = view | {"error": error, "typed": {**(typed or {}), "goal_id": goal_id}}
    return page.render("goals/goal.html", title, context, 422 if error else 200)


def _refusable(page: Page, act: Callable[[], T]) -> T:
    """Run a write in a savepoint, so that a refusal part-way (the third goal of a suggestion,
    say) leaves nothing written when the page answers 422 instead of raising."""
    with page.db.begin_nested():
        return act()


def _decide(
    page: Page,
    goal_id: int,
    next_page: str | None,
    act: Callable[[], object],
    typed: Typed = None,
) -> Response:
    """Run a decision, then back to `next_page` (a goals page) or the goal; when the service
    refuses, nothing is written and the goal's page comes again with the reason and the form
    as typed."""
    try:
        _refusable(page, act)
    except REFUSALS as refused:
        return _goal_page(page, goal_id, None, str(refused), typed)
    target = next_page if next_page and next_page.startswith("/goals") else f"/goals/{goal_id}"
    return RedirectResponse(target, status_code=303)


def _suggest(page: Page, form: dict[str, Any], *, accept: bool = False) -> HTMLResponse:
    """The suggestion page: the form, then (once a team target is given) the suggestion, and
    what accepting it did; a refused acceptance still shows the suggestion."""
    context: dict[str, Any] = {"form": form, "team": None, "error": None}
    context |= {"leaders": leaders(page.db, page.actor.scope), "accepted": [], "approved": []}
    try:
        span = page.period(form["period"])
        context["form"] = form | {"period": span.name}
        if form["team_target"]:
            context["team"] = team = _suggestion(page, form, span)
            context["approved"] = approved_changes(page.db, team)
            if accept:
                why = form.get("approved_reason")
                context["accepted"] = _refusable(
                    page,
                    lambda: accept_suggestion(
                        page.db, page.actor, team, today=page.today, approved_reason=why
                    ),
                )
    except REFUSALS as refused:
        context["error"] = str(refused)
    if context["team"] is None:
        context["json_twin"] = None  # the form alone shows no numbers to twin
    return page.render(
        "goals/suggest.html", "Suggest targets", context, 422 if context["error"] else 200
    )


def _suggestion(page: Page, form: dict[str, Any], span: Period) -> TeamSuggestion:
    team_target = _decimal(form["team_target"], "the amount")
    over_assign = _decimal(form["over_assign_pct"] or "0", "the amount")
    wanted = SuggestionRequest(int(form["manager_id"]), span.name, team_target, over_assign)
    return suggest_for_team(page.db, page.actor, wanted, today=page.today)


def _formatter(currency: str) -> Callable[[float | Decimal | None, str], str]:
    """Values in their metric's unit, by the one set of rules (`domain.formatting`): money with
    the organisation's currency, counts as counts (an expected 8.55 deals reads 8.6)."""

    def shown(value: float | Decimal | None, metric: str) -> str:
        return format_value(value, unit_of(metric), currency)

    return shown


def _plain(value: float) -> str:
    """A number as a form field holds it: 1500000, 0.35, never 1.5e+06."""
    return f"{value:f}".rstrip("0").rstrip(".")


def _number(text: str) -> float:
    """A target as typed in a form."""
    return float(_decimal(text, "the target"))


def _decimal(text: str, what: str) -> Decimal:
    """A number as typed in a form, thousands separators allowed, within the API's bounds."""
    try:
        number = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        raise Invalid(f"{text!r} is not a number: write {what} in digits.") from None
    if not number.is_finite() or abs(number) > MAX_AMOUNT:
        raise Invalid(
            f"{text!r} is too large: {what} must be a finite number up to {MAX_AMOUNT:,}."
        )
    return number
