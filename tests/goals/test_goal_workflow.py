"""The goals service: who may do what, the status workflow, and the audit trail."""

import pytest
from goal_helpers import TODAY, Org, as_, person_goal, team_goal
from sqlalchemy.orm import Session

from pacesetter.domain.errors import Conflict, Forbidden, Invalid, NotFound
from pacesetter.goals.actor import Actor, Channel
from pacesetter.goals.audit import changes_of
from pacesetter.goals.service import (
    GoalLintError,
    approve_goal,
    create_goal,
    reject_goal,
    retire_goal,
    update_goal,
)
from pacesetter.store.models import Goal


def propose(db: Session, org: Org, target: float = 100_000) -> Goal:
    """Ann proposes her own Q1 revenue goal."""
    return create_goal(db, as_(org.ann), person_goal(org.ann, target), today=TODAY).goal


def trail(db: Session, goal: Goal) -> list[tuple[str, str | None, str | None, str]]:
    return [(c.field, c.old_value, c.new_value, c.reason) for c in changes_of(db, goal.id)]


# --- creating -------------------------------------------------------------------------------------


def test_a_rep_proposes_a_goal_for_themselves(db: Session, org: Org) -> None:
    goal = create_goal(
        db, as_(org.ann), person_goal(org.ann, rationale="Two renewals due"), today=TODAY
    ).goal
    assert (goal.status, goal.proposed_by_id, goal.kind) == ("proposed", org.ann.id, "outcome")
    assert trail(db, goal) == [("status", None, "proposed", "Two renewals due")]


def test_a_rep_cannot_approve_a_goal_for_themselves(db: Session, org: Org) -> None:
    with pytest.raises(Forbidden):
        create_goal(db, as_(org.ann), person_goal(org.ann, status="approved"), today=TODAY)


def test_a_rep_cannot_see_let_alone_propose_for_a_colleague(db: Session, org: Org) -> None:
    with pytest.raises(NotFound):
        create_goal(db, as_(org.ann), person_goal(org.ben), today=TODAY)


def test_a_manager_sets_approved_goals_for_their_reps(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    assert (goal.status, goal.decided_by_id, goal.proposed_by_id) == ("approved", org.max.id, None)


def test_a_manager_cannot_reach_another_managers_rep(db: Session, org: Org) -> None:
    with pytest.raises(NotFound):
        create_goal(db, as_(org.max), person_goal(org.zed), today=TODAY)


def test_a_managers_own_and_team_goals_are_proposals_for_their_director(
    db: Session, org: Org
) -> None:
    own = create_goal(db, as_(org.max), person_goal(org.max), today=TODAY).goal
    team = create_goal(db, as_(org.max), team_goal(org.max), today=TODAY).goal
    assert (own.status, team.status) == ("proposed", "proposed")
    with pytest.raises(Forbidden, match="decided by your manager"):
        create_goal(
            db, as_(org.max), team_goal(org.max, metric="deals_won", status="approved"), today=TODAY
        )


def test_a_director_sets_a_managers_team_goal(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.dee), team_goal(org.max), today=TODAY).goal
    assert (goal.scope_type, goal.status) == ("team", "approved")


def test_a_team_goal_needs_someone_who_leads_a_team(db: Session, org: Org) -> None:
    with pytest.raises(Invalid, match="leads no team"):
        create_goal(db, as_(org.max), team_goal(org.ann), today=TODAY)


def test_the_same_scope_metric_and_period_twice_is_a_conflict(db: Session, org: Org) -> None:
    create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY)
    with pytest.raises(Conflict):
        create_goal(db, as_(org.max), person_goal(org.ann, period="2026-q1"), today=TODAY)


def test_lint_errors_block_and_nothing_is_saved(db: Session, org: Org) -> None:
    with pytest.raises(GoalLintError) as raised:
        create_goal(db, as_(org.max), person_goal(org.ann, 0, metric="revenu_won"), today=TODAY)
    assert [f.rule for f in raised.value.findings] == ["not_specific", "not_measurable"]
    assert db.query(Goal).count() == 0


def test_lint_warnings_come_back_with_the_saved_goal(db: Session, org: Org) -> None:
    result = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY)
    assert result.goal.id is not None
    assert "outcome_only" in {f.rule for f in result.findings}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"individual_weight": 1.5}, "between 0 and 1"),
        ({"individual_weight": -0.1}, "between 0 and 1"),
        ({"kind": "effort"}, "activity or outcome"),
        ({"distribution": {"kind": "month", "weights": [1, 2]}}, "does not fit 2026-Q1"),
        ({"distribution": {"weights": [1, 1, 1]}}, "missing 'kind'"),
    ],
)
def test_bad_values_are_invalid(db: Session, org: Org, fields: dict, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        create_goal(db, as_(org.max), person_goal(org.ann, **fields), today=TODAY)


def test_a_team_goal_carries_no_individual_weight(db: Session, org: Org) -> None:
    with pytest.raises(Invalid, match="not a team goal"):
        create_goal(db, as_(org.dee), team_goal(org.max, individual_weight=0.5), today=TODAY)


def test_milestones_over_the_months_of_the_quarter_are_kept(db: Session, org: Org) -> None:
    weights = {"kind": "month", "weights": {"2026-01": 2, "2026-02": 3, "2026-03": 5}}
    goal = create_goal(
        db, as_(org.max), person_goal(org.ann, distribution=weights), today=TODAY
    ).goal
    assert goal.distribution == weights


# --- deciding -------------------------------------------------------------------------------------


def test_a_manager_approves_a_proposal_with_an_adjusted_target(db: Session, org: Org) -> None:
    goal = propose(db, org)
    approve_goal(
        db, as_(org.max), goal.id, target=120_000, reason="Pipeline supports more", today=TODAY
    )
    assert (goal.status, goal.target, goal.decided_by_id) == ("approved", 120_000, org.max.id)
    assert trail(db, goal)[1:] == [
        ("target", "100000", "120000", "Pipeline supports more"),
        ("status", "proposed", "approved", "Pipeline supports more"),
    ]


def test_adjusting_a_proposal_needs_a_reason(db: Session, org: Org) -> None:
    goal = propose(db, org)
    with pytest.raises(Invalid, match="needs a reason"):
        approve_goal(db, as_(org.max), goal.id, target=120_000, today=TODAY)
    assert goal.status == "proposed"


def test_nobody_approves_their_own_proposal(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann, status="proposed"), today=TODAY).goal
    with pytest.raises(Forbidden, match="someone else"):
        approve_goal(db, as_(org.max), goal.id, today=TODAY)
    approve_goal(db, as_(org.dee), goal.id, today=TODAY)
    assert goal.status == "approved"


def test_a_rep_cannot_approve_their_own_proposal(db: Session, org: Org) -> None:
    goal = propose(db, org)
    with pytest.raises(Forbidden):
        approve_goal(db, as_(org.ann), goal.id, today=TODAY)


def test_an_admin_may_approve_their_own_proposal(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.ada), person_goal(org.ann, status="proposed"), today=TODAY).goal
    approve_goal(db, as_(org.ada), goal.id, today=TODAY)
    assert goal.status == "approved"


def test_a_manager_rejects_a_proposal_with_a_note(db: Session, org: Org) -> None:
    goal = propose(db, org)
    with pytest.raises(Invalid, match="needs a reason"):
        reject_goal(db, as_(org.max), goal.id, note=" ")
    reject_goal(db, as_(org.max), goal.id, note="Focus on new logos instead")
    assert (goal.status, goal.decision_note) == ("rejected", "Focus on new logos instead")


def test_an_approved_goal_is_retired_with_a_reason(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    with pytest.raises(Invalid, match="needs a reason"):
        retire_goal(db, as_(org.max), goal.id, reason=None)
    retire_goal(db, as_(org.max), goal.id, reason="Territory merged")
    assert trail(db, goal)[-1] == ("status", "approved", "retired", "Territory merged")


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("approved", "approve"),
        ("approved", "reject"),
        ("proposed", "retire"),
        ("rejected", "approve"),
        ("retired", "approve"),
        ("retired", "retire"),
    ],
)
def test_moves_outside_the_workflow_are_refused(
    db: Session, org: Org, start: str, action: str
) -> None:
    goal = propose(db, org)
    goal.status = start
    actor = as_(org.max)
    act = {
        "approve": lambda: approve_goal(db, actor, goal.id, today=TODAY),
        "reject": lambda: reject_goal(db, actor, goal.id, note="no"),
        "retire": lambda: retire_goal(db, actor, goal.id, reason="done"),
    }[action]
    with pytest.raises(Invalid, match=f"A {start} goal cannot become"):
        act()


# --- changing -------------------------------------------------------------------------------------


def test_changing_an_approved_goal_needs_a_reason_and_is_audited(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    with pytest.raises(Invalid, match="needs a reason"):
        update_goal(db, as_(org.max), goal.id, {"target": 90_000}, today=TODAY)
    update_goal(
        db,
        as_(org.max),
        goal.id,
        {"target": 90_000, "individual_weight": 0.8},
        reason="Lost the Acme renewal",
        today=TODAY,
    )
    changes = changes_of(db, goal.id)
    assert [(c.field, c.old_value, c.new_value) for c in changes[1:]] == [
        ("target", "100000", "90000"),
        ("individual_weight", None, "0.8"),
    ]
    assert {(c.changed_by_id, c.channel, c.reason) for c in changes[1:]} == {
        (org.max.id, "web", "Lost the Acme renewal")
    }


def test_an_unchanged_value_records_nothing(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    update_goal(db, as_(org.max), goal.id, {"target": 100_000}, today=TODAY)
    assert len(changes_of(db, goal.id)) == 1


def test_a_rep_edits_their_own_proposal_but_not_an_approved_goal(db: Session, org: Org) -> None:
    goal = propose(db, org)
    update_goal(db, as_(org.ann), goal.id, {"target": 110_000}, today=TODAY)
    assert trail(db, goal)[-1] == ("target", "100000", "110000", "edited")
    approve_goal(db, as_(org.max), goal.id, today=TODAY)
    with pytest.raises(Forbidden):
        update_goal(db, as_(org.ann), goal.id, {"target": 1}, reason="please", today=TODAY)


def test_closed_goals_cannot_change(db: Session, org: Org) -> None:
    goal = propose(db, org)
    reject_goal(db, as_(org.max), goal.id, note="No")
    with pytest.raises(Invalid, match="can no longer be changed"):
        update_goal(db, as_(org.max), goal.id, {"target": 1}, reason="x", today=TODAY)


def test_the_identity_of_a_goal_cannot_change(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    with pytest.raises(Invalid, match="cannot be changed on a goal: metric"):
        update_goal(db, as_(org.max), goal.id, {"metric": "deals_won"}, reason="x", today=TODAY)


def test_an_update_that_breaks_the_lint_is_refused(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.max), person_goal(org.ann), today=TODAY).goal
    with pytest.raises(GoalLintError, match="cannot be attained"):
        update_goal(db, as_(org.max), goal.id, {"target": -5}, reason="x", today=TODAY)
    assert goal.target == 100_000


def test_a_goal_out_of_scope_is_not_found_for_every_action(db: Session, org: Org) -> None:
    goal = create_goal(db, as_(org.dee), person_goal(org.zed), today=TODAY).goal
    for act in (
        lambda: approve_goal(db, as_(org.max), goal.id, today=TODAY),
        lambda: retire_goal(db, as_(org.max), goal.id, reason="x"),
        lambda: update_goal(db, as_(org.max), goal.id, {"target": 1}, reason="x", today=TODAY),
    ):
        with pytest.raises(NotFound):
            act()


def test_a_channel_is_recorded_when_nobody_signed_in_made_the_change(db: Session, org: Org) -> None:
    goal = create_goal(
        db, Actor.system(Channel.CLI), person_goal(org.ann), today=TODAY, reason="suggestion"
    ).goal
    change = changes_of(db, goal.id)[0]
    assert (change.changed_by_id, change.channel, change.reason) == (None, "cli", "suggestion")
