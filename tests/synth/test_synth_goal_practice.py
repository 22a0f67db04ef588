"""The demo's goals show good practice: each person's target comes from their own history and
tenure, peers never share a number, everyone who sells has activity goals to steer by. The
mistakes left for the lint are all in one careless team: one number for everyone, no activity
goals, a new hire's first month without a goal.
"""

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from pacesetter.synth.generate import generate_org

AS_OF = date(2026, 12, 4)
QUARTER = "2026-Q3"  # the last whole quarter
Rows = list[dict[str, str]]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rows]:
    folder = tmp_path_factory.mktemp("org")
    generate_org(folder, reps=30, months=12, seed=1, as_of=AS_OF)
    return {
        kind: list(csv.DictReader((folder / f"{kind}.csv").read_text("utf-8").splitlines()))
        for kind in ("people", "goals")
    }


def _approved(files: dict[str, Rows], metric: str, period: str) -> dict[str, float]:
    return {
        g["scope"]: float(g["target"])
        for g in files["goals"]
        if (g["metric"], g["period"], g["status"]) == (metric, period, "approved")
        and not g["scope"].startswith("team:")
    }


def _teams(files: dict[str, Rows]) -> dict[str, list[str]]:
    """Reps' emails by their manager's external id."""
    teams: dict[str, list[str]] = defaultdict(list)
    for person in files["people"]:
        if person["role"] == "rep":
            teams[person["manager"]].append(person["email"])
    return teams


def _without_activity_goals(files: dict[str, Rows]) -> list[list[str]]:
    """The teams with revenue goals but no activity goal in November."""
    revenue = _approved(files, "revenue_won", "2026-11")
    calls = _approved(files, "activities_call", "2026-11")
    return [team for team in _teams(files).values() if set(team) & (set(revenue) - set(calls))]


def test_one_careless_team_has_no_activity_goals_and_one_number_for_all(
    files: dict[str, Rows],
) -> None:
    [careless] = _without_activity_goals(files)
    calls = _approved(files, "activities_call", "2026-11")
    assert not set(careless) & set(calls)
    targets = [t for e, t in _approved(files, "revenue_won", QUARTER).items() if e in careless]
    assert max(targets.count(target) for target in targets) >= 2  # the seasoned share one


def test_peers_in_careful_teams_hold_different_targets_from_their_own_history(
    files: dict[str, Rows],
) -> None:
    [careless] = _without_activity_goals(files)
    careful = [team for team in _teams(files).values() if team != careless]
    for metric, period in (
        ("revenue_won", QUARTER),
        ("revenue_won", "2026-11"),
        ("activities_call", "2026-11"),
        ("activities_meeting", "2026-11"),
    ):
        targets = _approved(files, metric, period)
        for team in careful:
            held = [targets[email] for email in team if email in targets]
            assert len(held) == len(set(held)) > 1, (metric, held)


def test_a_team_with_nobody_selling_in_a_period_gets_no_zero_target(tmp_path: Path) -> None:
    # Seed 6 makes a new manager whose team has no seller yet in February: a zero team target
    # there made the goal lint refuse the whole goals file.
    generate_org(tmp_path, reps=30, months=12, seed=6, as_of=AS_OF)
    goals = csv.DictReader((tmp_path / "goals.csv").read_text("utf-8").splitlines())
    assert [(g["scope"], g["period"]) for g in goals if float(g["target"]) <= 0] == []
