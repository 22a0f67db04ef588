"""Reward rule pages: the rules a viewer may see, a form to define one, and each rule with its
versions, its trail and a form to change its terms from a date.

Every write goes through the rules service (incentives/rules.py), as the API's do: it decides
who may define what and checks the terms. A manager or director defines rules for their own
team or one below them, an admin for any team or for everyone; a team outside the viewer's
scope, or a rule about one, is not found. A refused form comes back as typed with the reason
(422), and nothing of it is written: the save runs in a savepoint rolled back on refusal.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Forbidden, Invalid
from pacesetter.domain.vocab import Role
from pacesetter.goals.actor import Actor
from pacesetter.http.deps import CurrentUser, SessionDep, ViewerDep
from pacesetter.http.validation import IdPath
from pacesetter.incentives import rules
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.store.models import Person, RewardRule, RewardRuleChange
from pacesetter.web.rule_form import (
    RULE_FIELDS,
    TERM_FIELDS,
    Typed,
    day_of,
    params_of,
    team_of,
    typed_from,
    typed_terms,
)
from pacesetter.web.templating import render

router = APIRouter(prefix="/incentives/rules")
KINDS = {"bonus": "Bonus on a goal", "spiff": "SPIFF on deals", "team": "Team reward"}
PERIOD_KINDS = ("quarter", "month", "year", "week")
NEW_RULE: Typed = {"kind": "bonus", "metric": "revenue_won", "period_kind": "quarter"}
Text = Annotated[str, Form(max_length=2000)]


@dataclass(frozen=True)
class Page:
    request: Request
    db: Session
    actor: Actor

    def render(self, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        return render(self.request, template, context, status_code=status)


def _page(request: Request, viewer: ViewerDep, db: SessionDep, user: CurrentUser) -> Page:
    return Page(request, db, Actor.of(user))


PageDep = Annotated[Page, Depends(_page)]


async def _typed(request: Request) -> Typed:
    """The posted form's rule and term fields as typed (which terms count depends on the kind
    chosen, so they are read by hand; the route table lists the ones that name objects)."""
    return typed_from(await request.form(), (*RULE_FIELDS, *TERM_FIELDS, "reason"))


TypedDep = Annotated[Typed, Depends(_typed)]


@router.get("", response_class=HTMLResponse)
def rule_list(page: PageDep) -> HTMLResponse:
    """The rules about everyone and about the teams the viewer sees, with their current terms."""
    found = rules.visible_rules(page.db, page.actor)
    versions = rules.versions_of(page.db, [rule.id for rule in found])
    context = {
        "title": "Reward rules",
        "rules": found,
        "versions": versions,
        "teams": _team_names(page.db, found),
        "may_define": rules.may_define(page.actor),
        "kinds": KINDS,
    }
    return page.render("incentives/rules.html", context)


@router.get("/new", response_class=HTMLResponse)
def new_rule(page: PageDep) -> HTMLResponse:
    """An empty form (managers and directors for their teams, admins for any)."""
    _ensure_defines(page.actor)
    return _new_form(page, NEW_RULE, None)


@router.post("/new", response_class=HTMLResponse, response_model=None)
def create(page: PageDep, typed: TypedDep, team_manager_id: Text = "") -> Response:
    """Define the rule with its first terms; refused, the form again as typed."""
    _ensure_defines(page.actor)

    def store() -> RewardRule:
        data = rules.RuleInput(
            typed["name"],
            typed["kind"],
            typed["metric"],
            typed["period_kind"],
            team_of(team_manager_id),
            params_of(typed["kind"], typed),
            day_of(typed["effective_from"], "The first day of the terms"),
        )
        return rules.create_rule(page.db, page.actor, data, reason=typed["reason"] or None)

    return _saved(page, store, lambda refused: _new_form(page, typed, refused, 422))


@router.get("/{rule_id}", response_class=HTMLResponse)
def rule_page(page: PageDep, rule_id: IdPath) -> HTMLResponse:
    """The rule, every version of its terms, who changed it and why, and the change form
    starting from the current terms."""
    rule = rules.get_rule(page.db, page.actor, rule_id)
    versions = rules.versions_of(page.db, [rule.id])[rule.id]
    current = typed_terms(versions[-1].params) if versions else {}
    return _rule_page(page, rule, current, None)


@router.post("/{rule_id}", response_class=HTMLResponse, response_model=None)
def change(page: PageDep, rule_id: IdPath, typed: TypedDep, reason: Text = "") -> Response:
    """New terms from their first day; the periods before keep the old ones. Refused, the
    rule's page again with the change form as typed."""
    rule = rules.get_rule(page.db, page.actor, rule_id)

    def store() -> RewardRule:
        rules.change_rule(
            page.db,
            page.actor,
            rule.id,
            params_of(rule.kind, typed),
            effective_from=day_of(typed["effective_from"], "The first day of the new terms"),
            reason=reason,
        )
        return rule

    return _saved(page, store, lambda refused: _rule_page(page, rule, typed, refused, 422))


def _saved(
    page: Page, store: Callable[[], RewardRule], refused: Callable[[str], HTMLResponse]
) -> Response:
    """Store in a savepoint: refused (`Invalid`), roll it back and answer `refused(message)`;
    anything else (not found, forbidden) rolls back and goes to the error pages."""
    savepoint = page.db.begin_nested()
    try:
        rule = store()
    except Invalid as error:
        savepoint.rollback()
        return refused(str(error))
    except Exception:
        savepoint.rollback()
        raise
    savepoint.commit()
    return RedirectResponse(f"/incentives/rules/{rule.id}?saved=1", status_code=303)


def _new_form(page: Page, typed: Typed, problem: str | None, status: int = 200) -> HTMLResponse:
    context = {
        "title": "New reward rule",
        "form": typed,
        "problem": problem,
        "kinds": KINDS,
        "period_kinds": PERIOD_KINDS,
        "metrics": _metrics(),
        "teams": _teams(page.db, page.actor),
        "everyone": page.actor.is_admin,
    }
    return page.render("incentives/rule_new.html", context, status)


def _rule_page(
    page: Page, rule: RewardRule, typed: Typed, problem: str | None, status: int = 200
) -> HTMLResponse:
    trail = rules.trail_of(page.db, rule.id)
    context = {
        "title": f"Reward rule: {rule.name}",
        "rule": rule,
        "versions": rules.versions_of(page.db, [rule.id])[rule.id],
        "trail": trail,
        "terms_set": {c.id: json.loads(c.new_value) for c in trail if _sets_terms(c)},
        "names": _visible_names(page, {c.changed_by_id for c in trail}),
        "team": _team_names(page.db, [rule]).get(rule.team_manager_id or 0),
        "form": typed,
        "problem": problem,
        "saved": "saved" in page.request.query_params and problem is None,
        "may_change": rules.may_define(page.actor),
        "kinds": KINDS,
    }
    return page.render("incentives/rule.html", context, status)


def _sets_terms(change: RewardRuleChange) -> bool:
    """A trail line that set new terms (shown in words, as the versions are)."""
    return change.field == "params" and change.new_value is not None


def _ensure_defines(actor: Actor) -> None:
    if not rules.may_define(actor):
        raise Forbidden("Reward rules are set by a manager for their team, or by an admin.")


def _teams(db: Session, actor: Actor) -> list[Person]:
    """The teams the actor may define rules for: their own first, then every lead they see."""
    leads = select(Person).where(Person.role.in_((Role.MANAGER, Role.DIRECTOR)))
    found = db.scalars(actor.scope.restrict(leads, Person.id).order_by(Person.name))
    return sorted(found, key=lambda lead: lead.id != actor.person_id)


def _team_names(db: Session, found: list[RewardRule]) -> dict[int, str]:
    """The names of the rules' teams' managers (visible rules are about visible teams)."""
    ids = {rule.team_manager_id for rule in found if rule.team_manager_id is not None}
    rows = db.execute(select(Person.id, Person.name).where(Person.id.in_(ids)))
    return {person_id: name for person_id, name in rows}


def _visible_names(page: Page, ids: set[int | None]) -> dict[int, str]:
    """Who changed a rule, by name when the viewer may see them."""
    wanted = select(Person.id, Person.name).where(Person.id.in_({i for i in ids if i}))
    rows = page.db.execute(page.actor.scope.restrict(wanted, Person.id))
    return {person_id: name for person_id, name in rows}


def _metrics() -> list[tuple[str, str]]:
    return sorted(((key, entry.label) for key, entry in REGISTRY.items()), key=lambda m: m[1])
