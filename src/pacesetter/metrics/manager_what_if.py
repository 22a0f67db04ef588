"""The role-design what-if of one manager: their recommendation now and if the team grew or
shrank to N direct reports, the business stage changed, or the personal target became X of the
team's (metrics.md "Role-design recommendation"; the rule is `domain.role_design.what_if`).

The facts are `manager_signals.manager_facts` for that one manager, gathered by the same
set-based statements as the report's; pages and the API call `manager_what_if`.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.domain.errors import NotFound
from pacesetter.domain.periods import Period
from pacesetter.domain.role_design import Advice, WhatIf
from pacesetter.metrics.manager_kpis import manager_kpis, previous_forecast_accuracy
from pacesetter.metrics.manager_report import MANAGER_ROLES, requested_period
from pacesetter.metrics.manager_signals import manager_facts, what_if_advice
from pacesetter.store.models import Person
from pacesetter.store.org_settings import load_org_settings
from pacesetter.store.scope import Scope


@dataclass(frozen=True)
class WhatIfAnswer:
    """The recommendation as it is (`now`, with the facts' team size) and with the change."""

    manager: Person
    period: Period
    as_of: date
    direct_reports: int
    personal_target_share: float | None
    change: WhatIf
    now: Advice
    then: Advice


def manager_what_if(
    session: Session,
    scope: Scope,
    today: date,
    manager_id: int,
    change: WhatIf,
    period_name: str | None = None,
    as_of: date | None = None,
) -> WhatIfAnswer:
    """The what-if for a manager or director in `scope` (anyone else: `NotFound`), for P at d
    as the managers page reads them (default: the current quarter, today)."""
    manager = scope.person(session, manager_id)
    if manager.role not in MANAGER_ROLES:
        raise NotFound(f"No manager {manager_id}")
    period, day = requested_period(session, today, period_name, as_of)
    ids = select(Person.id).where(Person.id == manager.id)
    kpis = manager_kpis(session, ids, period, day)
    accuracy = previous_forecast_accuracy(session, ids, period)
    settings = load_org_settings(session)
    facts = manager_facts(session, ids, period, day, kpis, accuracy, settings)[manager.id]
    now, then = (what_if_advice(session, facts, each) for each in (WhatIf(), change))
    share = facts.personal_target_share
    return WhatIfAnswer(manager, period, day, facts.direct_reports, share, change, now, then)
