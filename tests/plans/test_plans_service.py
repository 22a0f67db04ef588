"""Activity plans: a manager sets their rep's month, a rep proposes, the manager decides; every
refusal writes nothing; where a line came from is read from what is recorded."""

from datetime import date

import pytest
from plans_helpers import MARCH, plan_of
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_plan_line
from pacesetter.coaching.forms import CoachingForm
from pacesetter.coaching.service import record_coaching
from pacesetter.domain.errors import Conflict, Forbidden, Invalid, NotFound
from pacesetter.domain.periods import parse_period
from pacesetter.plans import service
from pacesetter.plans.views import month_plan, team_plans
from pacesetter.store.models import PlanProposal
from pacesetter.store.scope import Scope
from team_org import Org


def proposals(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(PlanProposal)) or 0


def test_a_manager_sets_every_line_of_the_month_and_a_line_left_out_is_dropped(
    db: Session, team: Org
) -> None:
    make_plan_line(db, team.ann, MARCH, "email", 200)
    service.save_plan(db, team.max, team.ann.id, MARCH, {"call": 80, "direction": 0.35})
    assert plan_of(db, team.ann) == {"call": 80.0, "direction": 0.35}
    service.save_plan(db, team.max, team.ann.id, MARCH, {"call": 90, "quality": 4})
    assert plan_of(db, team.ann) == {"call": 90.0, "quality": 4.0}


def test_a_refused_plan_names_every_bad_line_and_writes_nothing(db: Session, team: Org) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    wanted = {"call": 95.0, "meeting": 2.5, "direction": 35.0, "quality": 6.0}
    with pytest.raises(service.PlanFormError) as refused:
        service.save_plan(db, team.max, team.ann.id, MARCH, wanted)
    assert set(refused.value.problems) == {"lines.meeting", "lines.direction", "lines.quality"}
    assert plan_of(db, team.ann) == {"call": 80.0}


@pytest.mark.parametrize(
    ("who", "error"),
    [("dee", Forbidden), ("ann", Forbidden), ("mo", NotFound), ("zed", NotFound)],
)
def test_only_the_rep_s_own_manager_sets_their_plan(
    db: Session, team: Org, who: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        service.save_plan(db, getattr(team, who), team.ann.id, MARCH, {"call": 80})
    assert plan_of(db, team.ann) == {}


def test_a_plan_is_for_a_month(db: Session, team: Org) -> None:
    with pytest.raises(Invalid, match="month"):
        service.save_plan(db, team.max, team.ann.id, "2026-Q1", {"call": 80})


def test_a_proposal_keeps_only_the_changed_lines_and_leaves_the_plan_alone(
    db: Session, team: Org
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    make_plan_line(db, team.ann, MARCH, "email", 200)
    proposal = service.propose(db, team.ann, MARCH, {"call": 80, "meeting": 15}, "Fewer emails")
    assert proposal.changes == {"meeting": 15.0, "email": None}
    assert proposal.status == "proposed" and proposal.proposed_by_id == team.ann.id
    assert plan_of(db, team.ann) == {"call": 80.0, "email": 200.0}


def test_an_approved_proposal_becomes_the_plan_with_who_and_when(db: Session, team: Org) -> None:
    make_plan_line(db, team.ann, MARCH, "email", 200)
    proposal = service.propose(db, team.ann, MARCH, {"meeting": 15}, None)
    service.decide(db, team.max, proposal.id, approve=True, note="Good idea")
    assert plan_of(db, team.ann) == {"meeting": 15.0}
    assert (proposal.status, proposal.decided_by_id) == ("approved", team.max.id)
    assert proposal.decided_at is not None and proposal.decision_note == "Good idea"


def test_a_rejection_needs_its_reason_and_changes_no_line(db: Session, team: Org) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    proposal = service.propose(db, team.ann, MARCH, {"call": 40}, None)
    with pytest.raises(service.PlanFormError):
        service.decide(db, team.max, proposal.id, approve=False, note=" ")
    assert proposal.status == "proposed"
    service.decide(db, team.max, proposal.id, approve=False, note="80 calls is the floor")
    assert proposal.status == "rejected" and plan_of(db, team.ann) == {"call": 80.0}


def test_a_proposal_is_decided_once_by_the_rep_s_own_manager(db: Session, team: Org) -> None:
    proposal = service.propose(db, team.ann, MARCH, {"call": 40}, None)
    with pytest.raises(Forbidden):
        service.decide(db, team.ann, proposal.id, approve=True, note=None)
    with pytest.raises(Forbidden):
        service.decide(db, team.dee, proposal.id, approve=True, note=None)
    with pytest.raises(NotFound):
        service.decide(db, team.mo, proposal.id, approve=True, note=None)
    service.decide(db, team.max, proposal.id, approve=True, note=None)
    with pytest.raises(Conflict):
        service.decide(db, team.max, proposal.id, approve=False, note="No")


def test_one_proposal_waits_at_a_time_and_an_empty_one_is_refused(db: Session, team: Org) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    with pytest.raises(Invalid, match="changes nothing"):
        service.propose(db, team.ann, MARCH, {"call": 80}, None)
    service.propose(db, team.ann, MARCH, {"call": 60}, None)
    with pytest.raises(Conflict):
        service.propose(db, team.ann, MARCH, {"call": 50}, None)
    assert proposals(db) == 1


def test_a_refused_proposal_writes_nothing(db: Session, team: Org) -> None:
    with pytest.raises(service.PlanFormError) as refused:
        service.propose(db, team.ann, MARCH, {"call": -1}, "x" * 2001)
    assert set(refused.value.problems) == {"lines.call", "note"}
    assert proposals(db) == 0


def one_on_one(db: Session, team: Org, on: date, commitments: dict[str, float]) -> int:
    form = CoachingForm(
        type="one_on_one", occurred_on=on, person_id=team.ann.id, commitments=commitments
    )
    return record_coaching(db, team.max, form, zone="UTC").id


def test_a_line_shows_the_1_1_that_committed_it_until_its_value_changes(
    db: Session, team: Org
) -> None:
    record_id = one_on_one(db, team, date(2026, 3, 3), {"call": 95, "meeting": 12})
    plan = month_plan(db, team.max, team.ann.id, MARCH)
    assert plan.origins["call"].label == "1:1 of 2026-03-03"
    assert plan.origins["call"].href == f"/coaching/{record_id}"
    service.save_plan(db, team.max, team.ann.id, MARCH, {"call": 95, "meeting": 10})
    origins = month_plan(db, team.max, team.ann.id, MARCH).origins
    assert set(origins) == {"call"}  # the meeting line was set on the plans page since


def test_a_line_shows_the_approved_proposal_that_changed_it(db: Session, team: Org) -> None:
    one_on_one(db, team, date(2026, 3, 3), {"call": 95})
    proposal = service.propose(db, team.ann, MARCH, {"call": 70}, None)
    service.decide(db, team.max, proposal.id, approve=True, note=None)
    origin = month_plan(db, team.ann, team.ann.id, MARCH).origins["call"]
    assert origin.label.startswith("proposal approved ") and origin.href is None


def test_the_team_table_holds_the_reps_in_scope_with_their_lines_and_waiting_proposals(
    db: Session, team: Org
) -> None:
    make_plan_line(db, team.ann, MARCH, "call", 80)
    make_plan_line(db, team.zed, MARCH, "call", 50)
    service.propose(db, team.ben, MARCH, {"demo": 4}, None)
    rows = team_plans(db, Scope.of(team.max), parse_period(MARCH))
    assert [(r.person.name, r.lines, r.waiting) for r in rows] == [
        ("Ann", {"call": 80.0}, 0),
        ("Ben", {}, 1),
    ]
    everyone = team_plans(db, Scope.of(team.dee), parse_period(MARCH))
    assert [row.person.name for row in everyone] == ["Ann", "Ben", "Zed"]
