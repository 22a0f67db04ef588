"""The goals pages that had no JSON twin now answer as JSON and CSV from the very view the
page renders: the proposals to decide, a person's goals of a period, and suggested targets.

Max manages Ann and Ben. Ann proposed 90k of Q1 revenue; Ben's 100k is approved and he won
50k on 9 January: at the end of Q1 (the as-of date of a past period) attainment is 0.5.
"""

import csv
import io
from collections.abc import Callable
from datetime import date

from goal_helpers import Org, won
from sqlalchemy.orm import Session

from factories import make_goal
from pacesetter.store.models import Goal, Person
from web.client import UserClient

SignIn = Callable[[Person], UserClient]
Q1 = "period=2026-Q1"


def _goals(db: Session, org: Org) -> tuple[Goal, Goal]:
    proposed = make_goal(db, org.ann, "2026-Q1", 90_000, status="proposed")
    proposed.proposed_by_id = org.ann.id
    approved = make_goal(db, org.ben, "2026-Q1", 100_000)
    won(db, org.ben, 50_000, date(2026, 1, 9))
    return proposed, approved


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_proposals_twin_lists_what_the_page_shows_with_the_review(
    db: Session, org: Org, client_for: SignIn
) -> None:
    proposed, _ = _goals(db, org)
    browser = client_for(org.max)
    page = browser.get("/goals/proposals").text
    assert 'href="/api/v1/goals/proposals" type="application/json"' in page
    assert 'href="/goals/proposals.csv"' in page
    items = browser.get("/api/v1/goals/proposals").json()["items"]
    assert [item["goal"]["id"] for item in items] == [proposed.id]
    assert items[0]["own"]["name"] == "Ann" and items[0]["periods"]
    assert "outcome_only" in {finding["rule"] for finding in items[0]["findings"]}
    rows = _csv(browser.get("/goals/proposals.csv").text)
    assert [(row["goal_id"], row["name"], row["target"]) for row in rows] == [
        (str(proposed.id), "Ann", "90000")
    ]


def test_a_rep_has_no_proposals_to_decide_in_any_format(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _goals(db, org)
    rep = client_for(org.ann)
    assert rep.get("/api/v1/goals/proposals").json() == {"items": []}
    assert _csv(rep.get("/goals/proposals.csv").text) == []


def test_a_persons_goals_twin_has_the_pages_goals_and_pacing(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _, approved = _goals(db, org)
    browser = client_for(org.max)
    page = browser.get(f"/goals/people/{org.ben.id}?{Q1}").text
    assert f'href="/api/v1/goals/people/{org.ben.id}?{Q1}" type="application/json"' in page
    assert f'href="/goals/people/{org.ben.id}.csv?{Q1}"' in page
    document = browser.get(f"/api/v1/goals/people/{org.ben.id}?{Q1}").json()
    assert (document["name"], document["period"], document["as_of"]) == (
        "Ben",
        "2026-Q1",
        "2026-03-31",
    )
    (goal,) = document["goals"]
    assert goal["goal"]["id"] == approved.id
    assert goal["pacing"]["actual"] == 50_000 and goal["pacing"]["attainment"] == 0.5
    (row,) = _csv(browser.get(f"/goals/people/{org.ben.id}.csv?{Q1}").text)
    numbers = [float(row[name]) for name in ("target", "actual", "attainment")]
    assert (row["status"], numbers) == ("approved", [100_000, 50_000, 0.5])


def test_a_proposed_goal_has_no_pacing_in_the_twin(
    db: Session, org: Org, client_for: SignIn
) -> None:
    proposed, _ = _goals(db, org)
    document = client_for(org.ann).get(f"/api/v1/goals/people/{org.ann.id}?{Q1}").json()
    assert [(g["goal"]["id"], g["pacing"]) for g in document["goals"]] == [(proposed.id, None)]


def test_a_person_out_of_scope_is_not_found_in_every_format(
    db: Session, org: Org, client_for: SignIn
) -> None:
    _goals(db, org)
    rep = client_for(org.ann)
    assert rep.get(f"/api/v1/goals/people/{org.ben.id}?{Q1}").status_code == 404
    assert rep.get(f"/goals/people/{org.ben.id}.csv?{Q1}").status_code == 404


def test_the_suggestion_page_links_its_twin_and_csv_with_the_same_split(
    db: Session, org: Org, client_for: SignIn
) -> None:
    query = f"manager_id={org.max.id}&period=2026-Q2&team_target=300000&over_assign_pct=0"
    browser = client_for(org.max)
    page = browser.get(f"/goals/suggest?{query}").text
    twin = f"/api/v1/goals/suggestions?{query}"
    assert f'href="{twin.replace("&", "&amp;")}" type="application/json"' in page
    document = browser.get(twin).json()
    rows = _csv(browser.get(f"/goals/suggest.csv?{query}").text)
    assert [(row["name"], float(row["target"])) for row in rows] == [
        (part["name"], float(part["target"])) for part in document["parts"]
    ]
    assert sum(float(row["target"]) for row in rows) == 300_000
