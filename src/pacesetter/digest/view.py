"""One person's weekly digest as plain data: `build_digest(session, person, week)`.

Managers and directors get every section about the people below them; a rep gets the short
one, about themselves (goals at risk, their quadrant, commitments falling due, recognitions).
Everyone with earnings under a reward rule sees their own, so far and at the current pace.
The mail templates (text and HTML) render this same data; every line links into the app.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from pacesetter.digest.facts import PersonRef, WeekFacts, gather
from pacesetter.digest.links import Links
from pacesetter.digest.week import DigestWeek
from pacesetter.domain.vocab import PLAN_LINE_DIRECTION, CoachingType, Role
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.settings import get_settings
from pacesetter.store.models import Person
from pacesetter.store.org_settings import load_org_settings


@dataclass(frozen=True)
class GoalAtRisk:
    person: str
    metric: str
    period: str
    scope: str
    unit: str
    target: float
    actual: float | None
    pace: float
    link: str


@dataclass(frozen=True)
class QuadrantMove:
    person: str
    before: str
    now: str
    link: str


@dataclass(frozen=True)
class CoachingDue:
    person: str
    kind: str  # "1:1" (none yet this month) or "Check-in" (none this week)
    link: str


@dataclass(frozen=True)
class Commitment:
    line: str
    planned: float
    unit: str  # the direction line is a share, the others counts (quality: a 1-5 rating)


@dataclass(frozen=True)
class CommitmentDue:
    """A person's plan lines for the month that ends in the coming week, on one line."""

    person: str
    lines: list[Commitment]
    due: date
    link: str


@dataclass(frozen=True)
class NewSignal:
    manager: str
    signal: str
    link: str


@dataclass(frozen=True)
class Recognition:
    person: str
    by: str
    on: date
    note: str
    link: str


@dataclass(frozen=True)
class Earned:
    """The reader's own earnings under one rule in one period."""

    rule: str
    kind: str
    period: str
    so_far: Decimal
    at_pace: Decimal
    link: str


@dataclass
class DigestView:
    to: str
    name: str
    week: str
    week_start: date
    week_end: date
    short: bool
    currency: str
    app_link: str
    preferences_link: str
    at_risk_threshold: float
    at_risk: list[GoalAtRisk] = field(default_factory=list)
    quadrant_moves: list[QuadrantMove] = field(default_factory=list)
    coaching_due: list[CoachingDue] = field(default_factory=list)
    commitments_due: list[CommitmentDue] = field(default_factory=list)
    new_signals: list[NewSignal] = field(default_factory=list)
    recognitions: list[Recognition] = field(default_factory=list)
    earnings: list[Earned] = field(default_factory=list)

    @property
    def subject(self) -> str:
        return f"Pacesetter {'week' if self.short else 'team week'} {self.week}: {self.summary}"

    @property
    def summary(self) -> str:
        if not self.at_risk:
            return "no goals at risk"
        return f"{len(self.at_risk)} goal{'s' if len(self.at_risk) != 1 else ''} at risk"


def build_digest(
    session: Session, person: Person, week: DigestWeek, facts: WeekFacts | None = None
) -> DigestView:
    """`person`'s digest for `week` (`facts`: the week's facts when already gathered for many)."""
    facts = facts or gather(session, week)
    settings = get_settings()
    links = Links(settings.public_url)
    view = DigestView(
        person.email,
        person.name,
        week.name,
        week.week.start,
        week.as_of,
        person.role == Role.REP,
        load_org_settings(session).currency,
        links.home(),
        links.preferences(person.id),
        settings.digest_at_risk_pace,
    )
    about = {person.id} if view.short else facts.subtree(person.id)
    _fill(view, facts, person.id, about, links)
    return view


def _fill(view: DigestView, facts: WeekFacts, me: int, about: set[int], links: Links) -> None:
    people = sorted((facts.people[i] for i in about if i in facts.people), key=lambda p: p.name)
    view.at_risk = _at_risk(facts, people, view.at_risk_threshold, links)
    view.quadrant_moves = _quadrant_moves(facts, people, links)
    view.commitments_due = _commitments(facts, about, links)
    view.recognitions = _recognitions(facts, about, links)
    view.earnings = _earnings(facts, me, links)
    if not view.short:
        view.coaching_due = _coaching_due(facts, me, links)
        view.new_signals = _signals(facts, people, links)


def _at_risk(
    facts: WeekFacts, people: list[PersonRef], threshold: float, links: Links
) -> list[GoalAtRisk]:
    return [
        GoalAtRisk(
            p.name,
            _label(g.metric),
            period.name,
            g.scope,
            _unit(g.metric),
            g.target,
            None if g.actual is None else float(g.actual),
            g.pace,
            links.team_goals(p.id) if g.scope == "team" else links.goals(p.id),
        )
        for p in people
        for period, g in facts.goals.get(p.id, [])
        if g.pace is not None and g.pace < threshold
    ]


def _quadrant_moves(facts: WeekFacts, people: list[PersonRef], links: Links) -> list[QuadrantMove]:
    moves = []
    for p in people:
        now, before = facts.quadrant_now.get(p.id), facts.quadrant_before.get(p.id)
        if now is not None and before is not None and now != before:
            moves.append(QuadrantMove(p.name, _quadrant(before), _quadrant(now), links.plan(p.id)))
    return moves


def _coaching_due(facts: WeekFacts, me: int, links: Links) -> list[CoachingDue]:
    """Direct reports without a 1:1 from `me` this month, or a check-in this week."""
    mine = [r for r in facts.coaching if r.author_id == me]
    month_start, week_start = facts.week.month().start, facts.week.week.start
    met = {r.person_id for r in mine if r.type == CoachingType.ONE_ON_ONE}
    met = {r.person_id for r in mine if r.person_id in met and r.occurred_on >= month_start}
    checked = {
        r.person_id for r in mine if r.type == CoachingType.CHECK_IN and r.occurred_on >= week_start
    }
    due = []
    for report in facts.reports_of(me):
        if report.id not in met:
            due.append(_due(report, "1:1", "one_on_one", links))
        if report.id not in checked:
            due.append(_due(report, "Check-in", "check_in", links))
    return due


def _due(report: PersonRef, label: str, kind: str, links: Links) -> CoachingDue:
    return CoachingDue(report.name, label, links.new_record(kind, report.id))


def _commitments(facts: WeekFacts, about: set[int], links: Links) -> list[CommitmentDue]:
    month = facts.week.month_falling_due()
    planned: dict[int, list[Commitment]] = {}
    for line in facts.plan_lines:
        if line.person_id in about and line.person_id in facts.people:
            unit = "share" if line.line == PLAN_LINE_DIRECTION else "count"
            planned.setdefault(line.person_id, []).append(Commitment(line.line, line.planned, unit))
    due = [
        CommitmentDue(facts.people[key].name, lines, month.end, links.plan(key))
        for key, lines in planned.items()
        if month is not None
    ]
    return sorted(due, key=lambda c: c.person)


def _earnings(facts: WeekFacts, me: int, links: Links) -> list[Earned]:
    return [
        Earned(e.rule, e.kind, e.period, e.so_far, e.at_pace, links.earnings(me, e.period))
        for e in facts.earnings.get(me, [])
    ]


def _signals(facts: WeekFacts, people: list[PersonRef], links: Links) -> list[NewSignal]:
    return [
        NewSignal(p.name, name.replace("_", " "), links.manager(p.id))
        for p in people
        for name in facts.new_signals.get(p.id, [])
    ]


def _recognitions(facts: WeekFacts, about: set[int], links: Links) -> list[Recognition]:
    week_start = facts.week.week.start
    return [
        Recognition(
            facts.people[r.person_id].name,
            _name(facts, r.author_id),
            r.occurred_on,
            r.notes or "",
            links.record(r.id),
        )
        for r in facts.coaching
        if r.type == CoachingType.RECOGNITION
        and r.occurred_on >= week_start
        and r.person_id in about
        and r.person_id in facts.people
    ]


def _name(facts: WeekFacts, person_id: int) -> str:
    person = facts.people.get(person_id)
    return person.name if person else "someone"


def _label(metric: str) -> str:
    entry = REGISTRY.get(metric)
    return entry.label if entry else metric


def _unit(metric: str) -> str:
    entry = REGISTRY.get(metric)
    return entry.unit.value if entry else "count"


def _quadrant(value: str) -> str:
    return value.replace("_", " ")
