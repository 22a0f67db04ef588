"""The reward rule pages: a manager defines a rule for their team with a form and changes its
terms from a date (the old terms stay for the periods they paid); a refused form comes back as
typed with the reason and writes nothing; teams outside the viewer's scope are not found."""

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factories import make_person
from pacesetter.incentives.rules import versions_of
from pacesetter.store.models import Person, RewardRule, RewardRuleChange, RewardRuleVersion
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
BONUS = {
    "name": "Q bonus",
    "kind": "bonus",
    "metric": "revenue_won",
    "period_kind": "quarter",
    "target_bonus": "5,000",
    "tiers": "90% 0.5\n95% -> 0.75",
    "bands": "100% 2\n120% 3",
    "cap": "1.9",
    "effective_from": "2026-01-01",
}


def post(browser: UserClient, url: str, form: dict[str, Any]) -> Any:
    data = {"csrf_token": browser.csrf_token, **form}
    return browser.post(url, data=data, follow_redirects=False)


def rows(db: Session) -> tuple[int, int, int]:
    """How many rules, versions and trail lines there are."""
    count = [
        db.scalar(select(func.count()).select_from(t))
        for t in (RewardRule, RewardRuleVersion, RewardRuleChange)
    ]
    return count[0], count[1], count[2]


def define(browser: UserClient, team: dict[str, Person], **changes: str) -> int:
    answer = post(
        browser, "/incentives/rules/new", BONUS | {"team_manager_id": str(team["mia"].id)} | changes
    )
    assert answer.status_code == 303, answer.text
    return int(answer.headers["location"].split("/")[-1].split("?")[0])


def test_a_manager_defines_a_bonus_with_the_form_and_it_pays(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    form = mia.get("/incentives/rules/new").text
    assert f'<option value="{team["mia"].id}"' in form and 'value="">Everyone' not in form
    rule_id = define(mia, team)
    [version] = versions_of(db, [rule_id])[rule_id]
    assert version.params == {
        "target_bonus": "5000",
        "tiers": [{"floor": "0.9", "share": "0.5"}, {"floor": "0.95", "share": "0.75"}],
        "bands": [{"start": "1", "rate": "2"}, {"start": "1.2", "rate": "3"}],
        "cap": "1.9",
    }
    assert "Q bonus" in mia.get("/incentives/rules").text
    earnings = mia.get(f"/api/v1/incentives/people/{team['ann'].id}?period=2026-Q1").json()
    assert [i["so_far"] for i in earnings["items"]] == ["6000.00"]  # 110%: 1.2 x 5,000


def test_a_refused_rule_comes_back_as_typed_and_writes_nothing(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    before = rows(db)
    typed = BONUS | {
        "team_manager_id": str(team["mia"].id),
        "name": "Kept name",
        "tiers": "90% 0.5 1",
    }
    answer = post(mia, "/incentives/rules/new", typed)
    assert answer.status_code == 422
    assert "Each line of tiers is two numbers" in answer.text
    assert 'value="Kept name"' in answer.text and "90% 0.5 1</textarea>" in answer.text
    missing = post(mia, "/incentives/rules/new", typed | {"tiers": "", "target_bonus": ""})
    assert missing.status_code == 422 and "target_bonus is missing" in missing.text
    assert rows(db) == before


def test_a_change_starts_new_terms_and_keeps_the_old_ones(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    mia = client_for(team["mia"])
    rule_id = define(mia, team)
    url = f"/incentives/rules/{rule_id}"
    page = mia.get(url).text
    assert 'value="5000"' in page and "0.9 0.5\n0.95 0.75</textarea>" in page  # current terms
    change = BONUS | {"target_bonus": "8000", "effective_from": "2026-07-01"}
    before = rows(db)
    refused = post(mia, url, change | {"reason": ""})
    assert refused.status_code == 422 and "needs a reason" in refused.text
    assert 'value="8000"' in refused.text and rows(db) == before
    too_early = post(mia, url, change | {"effective_from": "2025-12-31", "reason": "H2 plan"})
    assert too_early.status_code == 422 and rows(db) == before
    assert post(mia, url, change | {"reason": "H2 plan"}).status_code == 303
    spans = [
        (str(v.effective_from), str(v.effective_to), v.params["target_bonus"])
        for v in versions_of(db, [rule_id])[rule_id]
    ]
    assert spans == [("2026-01-01", "2026-06-30", "5000"), ("2026-07-01", "None", "8000")]
    page = mia.get(url).text
    assert "H2 plan" in page and "Mia" in page
    q1 = mia.get(f"/api/v1/incentives/people/{team['ann'].id}?period=2026-Q1").json()
    assert [i["so_far"] for i in q1["items"]] == ["6000.00"]  # Q1 keeps the old terms


TEAM_TERMS = {"pool": "9000", "split": "even"}
NO_TIERS = {"tiers": "", "bands": "", "cap": ""}  # the bonus's, which a team reward may have too
SPIFF_TERMS = {
    "per_deal": "250",
    "window_start": "2026-01-01",
    "window_end": "2026-03-31",
    "first_n": "2",
    "min_amount": "50,000",
}


@pytest.mark.parametrize(
    ("form", "params"),
    [
        pytest.param(
            {"kind": "team", "name": "Team pool", **TEAM_TERMS, **NO_TIERS},
            TEAM_TERMS,
            id="team reward",
        ),
        pytest.param(
            {"kind": "spiff", "name": "Renewals", **SPIFF_TERMS},
            SPIFF_TERMS | {"min_amount": "50000"},
            id="spiff",
        ),
    ],
)
def test_a_team_reward_and_a_spiff_from_the_form(
    db: Session,
    team: dict[str, Person],
    client_for: SignIn,
    form: dict[str, str],
    params: dict[str, str],
) -> None:
    """The rule keeps its kind's terms alone (not the bonus's left in the form), numbers as
    plain text."""
    rule_id = define(client_for(team["mia"]), team, **form)
    [version] = versions_of(db, [rule_id])[rule_id]
    assert version.params == params


def test_out_of_scope_teams_are_not_found_and_reps_define_nothing(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    other = make_person(db, "Olga", role="manager")
    mia = client_for(team["mia"])
    before = rows(db)
    answer = post(mia, "/incentives/rules/new", BONUS | {"team_manager_id": str(other.id)})
    assert answer.status_code == 404 and rows(db) == before
    olga_rule = define(client_for(team["admin"]), {"mia": other})
    assert mia.get(f"/incentives/rules/{olga_rule}").status_code == 404
    assert post(mia, f"/incentives/rules/{olga_rule}", BONUS | {"reason": "x"}).status_code == 404
    assert "Olga" not in mia.get("/incentives/rules").text
    ann = client_for(team["ann"])
    assert ann.get("/incentives/rules/new").status_code == 403
    assert (
        post(
            ann, "/incentives/rules/new", BONUS | {"team_manager_id": str(team["mia"].id)}
        ).status_code
        == 403
    )


def test_an_admin_defines_a_rule_for_everyone(
    db: Session, team: dict[str, Person], client_for: SignIn
) -> None:
    admin = client_for(team["admin"])
    assert 'value="">Everyone' in admin.get("/incentives/rules/new").text
    rule_id = define(admin, team, team_manager_id="")
    assert db.get_one(RewardRule, rule_id).team_manager_id is None


def test_the_form_needs_the_csrf_token(team: dict[str, Person], client_for: SignIn) -> None:
    mia = client_for(team["mia"])
    answer = mia.post("/incentives/rules/new", data=BONUS, follow_redirects=False)
    assert answer.status_code == 403
