"""The generated org is believable: a real hierarchy, varied teams, people who join and leave,
strong and weak performers, and the goals, plans and coaching a sales org keeps."""

import csv
from collections import Counter, defaultdict
from datetime import date

import pytest

from pacesetter.domain.vocab import CoachingType, DealStatus, GoalStatus, ManagerType, Role
from pacesetter.synth.calendar import Window
from pacesetter.synth.generate import generate_org
from pacesetter.synth.org import build_org

AS_OF = date(2026, 3, 18)
REPS, MONTHS, SEED = 30, 12, 1

Data = dict[str, list[dict[str, str]]]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Data:
    out = tmp_path_factory.mktemp("org")
    counts = generate_org(out, reps=REPS, months=MONTHS, seed=SEED, as_of=AS_OF)

    def read(name: str) -> list[dict[str, str]]:
        with (out / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    return {name: read(name) for name in counts}


def _by_role(data: Data, role: Role) -> list[dict[str, str]]:
    return [p for p in data["people"] if p["role"] == role]


def _left(data: Data, email: str) -> bool:
    return any(p["email"] == email and p["end_date"] for p in data["people"])


def _count_by(rows: list[dict[str, str]], column: str) -> Counter[str]:
    return Counter(row[column] for row in rows)


def test_first_rows_are_the_admin_then_the_top_director(data: Data) -> None:
    admin, top = data["people"][0], data["people"][1]
    assert admin["role"] == Role.ADMIN and admin["manager"] == ""
    assert top["role"] == Role.DIRECTOR and top["manager"] == ""
    assert admin["email"] not in {p["manager"] for p in data["people"]}


def test_hierarchy_has_one_top_no_cycles_and_managers_listed_first(data: Data) -> None:
    manager_of = {p["email"]: p["manager"] for p in data["people"] if p["role"] != Role.ADMIN}
    assert [e for e, m in manager_of.items() if not m] == [data["people"][1]["email"]]
    for email in manager_of:
        seen = set()
        while email:
            assert email not in seen
            seen.add(email)
            email = manager_of[email]
    position = {p["email"]: i for i, p in enumerate(data["people"])}
    assert all(position[m] < position[e] for e, m in manager_of.items() if m)


def test_reps_report_to_managers_of_teams_with_different_sizes(data: Data) -> None:
    managers = {p["email"] for p in _by_role(data, Role.MANAGER)}
    reps = _by_role(data, Role.REP)
    assert len(reps) == REPS
    assert {r["manager"] for r in reps} == managers
    sizes = _count_by(reps, "manager").values()
    assert len(set(sizes)) > 1 and min(sizes) >= 3 and max(sizes) <= 11


def test_larger_orgs_get_more_directors() -> None:
    window = Window.ending(AS_OF, 3)

    def directors(reps: int) -> int:
        return sum(p.role == Role.DIRECTOR for p in build_org(reps, window, SEED).people)

    assert 2 <= directors(REPS) <= 4
    assert directors(300) > directors(REPS)


def test_org_has_leaders_and_selling_player_coaches_with_a_personal_goal(data: Data) -> None:
    managers = _by_role(data, Role.MANAGER)
    assert {m["manager_type"] for m in managers} == set(ManagerType)
    coaches = {m["email"] for m in managers if m["manager_type"] == ManagerType.PLAYER_COACH}
    leaders = {m["email"] for m in managers if m["manager_type"] == ManagerType.LEADER}
    for name in ("accounts", "activities", "deals"):
        owners = {row["owner"] for row in data[name]}
        assert coaches <= owners and not leaders & owners, name
    personal = {g["scope"] for g in data["goals"] if g["metric"] == "revenue_won"}
    assert coaches <= personal and not leaders & personal


def test_territories_are_set_per_team_and_rep(data: Data) -> None:
    for person in _by_role(data, Role.MANAGER) + _by_role(data, Role.REP):
        assert person["territory"] and person["team"]


def test_leavers_keep_their_data_but_nothing_after_they_left(data: Data) -> None:
    leavers = {p["email"]: p["end_date"] for p in _by_role(data, Role.REP) if p["end_date"]}
    assert leavers
    last_activity: dict[str, str] = {}
    for activity in data["activities"]:
        if activity["owner"] in leavers:
            last_activity[activity["owner"]] = max(
                last_activity.get(activity["owner"], ""), activity["occurred_at"][:10]
            )
    assert set(last_activity) == set(leavers)
    assert all(last_activity[e] <= end for e, end in leavers.items())


def test_new_hires_start_inside_the_window_and_ramp_up(data: Data) -> None:
    window_start = Window.ending(AS_OF, MONTHS).start.isoformat()
    hires = {p["email"]: p["start_date"] for p in _by_role(data, Role.REP)}
    hires = {e: s for e, s in hires.items() if s >= window_start}
    assert hires
    monthly: dict[str, Counter[str]] = defaultdict(Counter)
    for activity in data["activities"]:
        if activity["owner"] in hires:
            assert activity["occurred_at"][:10] >= hires[activity["owner"]]
            monthly[activity["owner"]][activity["occurred_at"][:7]] += 1
    ramped = [e for e, months in monthly.items() if len(months) >= 4]
    assert ramped
    for email in ramped:
        first_month, *_, fourth_month = sorted(monthly[email].items())[:4]
        assert first_month[1] < fourth_month[1], email


def test_stronger_reps_log_more_activities_than_weaker_reps(data: Data) -> None:
    org = build_org(REPS, Window.ending(AS_OF, MONTHS), SEED)
    steady = [p for p in org.people if p.role == Role.REP and p.end is None and p.start.year < 2025]
    steady.sort(key=lambda p: p.traits.effort)
    counts = _count_by(data["activities"], "owner")
    third = len(steady) // 3
    weakest = sum(counts[p.email] for p in steady[:third])
    strongest = sum(counts[p.email] for p in steady[-third:])
    assert strongest > 1.4 * weakest


def test_results_and_activity_against_plan_fill_all_four_quadrants(data: Data) -> None:
    """Full-year attainment for reps employed all year: some are on track, some off track,
    some busy without results and some getting results on little activity."""
    months = sorted({p["month"] for p in data["plans"]})[:-1]  # the running month is partial
    targets, won, planned, done = Counter(), Counter(), Counter(), Counter()
    for goal in data["goals"]:
        if goal["metric"] == "revenue_won" and goal["period"] in months:
            targets[goal["scope"]] += float(goal["target"])
    for deal in data["deals"]:
        if deal["status"] == DealStatus.WON and deal["close_date"][:7] in months:
            won[deal["owner"]] += float(deal["amount"])
    for plan in data["plans"]:
        if plan["month"] in months and plan["line"] not in ("direction", "quality"):
            planned[plan["person"]] += float(plan["planned"])
    for activity in data["activities"]:
        if activity["occurred_at"][:7] in months and activity["type"] != "other":
            done[activity["owner"]] += 1
    full_year = [r["email"] for r in _by_role(data, Role.REP) if r["start_date"] < months[0]]
    quadrants = {
        (won[rep] >= targets[rep], done[rep] >= planned[rep])
        for rep in full_year
        if not _left(data, rep)
    }
    assert quadrants == {(True, True), (True, False), (False, True), (False, False)}


def test_activities_dip_in_august_and_december(data: Data) -> None:
    monthly = Counter(a["occurred_at"][:7] for a in data["activities"])
    assert monthly["2025-08"] < 0.85 * monthly["2025-09"]
    assert monthly["2025-12"] < 0.9 * monthly["2025-11"]


def test_activities_include_decision_makers_target_accounts_and_deals(data: Data) -> None:
    activities = data["activities"]
    with_dm = sum(a["with_decision_maker"] == "true" for a in activities)
    assert 0.03 < with_dm / len(activities) < 0.3
    targets = {a["external_id"] for a in data["accounts"] if a["is_target"] == "true"}
    on_target = sum(a["account"] in targets for a in activities)
    assert 0.15 < on_target / len(activities) < 0.6


def test_deals_carry_stages_margins_and_some_crm_gaps(data: Data) -> None:
    deals = data["deals"]
    open_deals = [d for d in deals if d["status"] == DealStatus.OPEN]
    assert any(d["next_step"] == "" for d in open_deals)
    assert any(d["next_step"] for d in open_deals)
    assert {d["stage"] for d in deals if d["status"] == DealStatus.WON} == {"Closed Won"}
    assert len({d["stage"] for d in open_deals}) >= 3
    assert sum(bool(d["margin"]) for d in deals) > 0.9 * len(deals)
    assert all(d["close_date"] > d["created_date"] for d in deals if d["status"] == "won")


def test_goals_cover_reps_teams_hybrid_activity_and_proposed(data: Data) -> None:
    goals = data["goals"]
    managers = {p["email"] for p in _by_role(data, Role.MANAGER)}
    teams = {g["scope"].removeprefix("team:") for g in goals if g["scope"].startswith("team:")}
    assert managers <= teams
    periods = {g["period"] for g in goals if g["metric"] == "revenue_won"}
    assert any("Q" in p for p in periods) and any("Q" not in p for p in periods)
    assert any(g["individual_weight"] for g in goals)
    assert {g["kind"] for g in goals if g["metric"].startswith("activities_")} == {"activity"}
    proposed = [g for g in goals if g["status"] == GoalStatus.PROPOSED]
    assert 1 <= len(proposed) <= 2 and all(g["rationale"] for g in proposed)


def test_every_rep_has_a_qdq_plan_for_each_month_employed(data: Data) -> None:
    lines: dict[tuple[str, str], set[str]] = defaultdict(set)
    for plan in data["plans"]:
        lines[(plan["person"], plan["month"])].add(plan["line"])
    assert {p for p, _ in lines} == {r["email"] for r in _by_role(data, Role.REP)}
    expected = {"call", "email", "meeting", "demo", "proposal", "direction", "quality"}
    assert all(found == expected for found in lines.values())


def test_managers_keep_a_coaching_rhythm_that_some_let_lapse(data: Data) -> None:
    coaching = data["coaching"]
    reps = _by_role(data, Role.REP)
    one_on_ones = Counter(c["person"] for c in coaching if c["type"] == CoachingType.ONE_ON_ONE)
    check_ins = Counter(c["person"] for c in coaching if c["type"] == CoachingType.CHECK_IN)
    full_year = [r["email"] for r in reps if r["start_date"] < "2025-04-01" and not r["end_date"]]
    assert all(one_on_ones[e] <= MONTHS for e in full_year)
    assert max(one_on_ones[e] for e in full_year) >= MONTHS - 1
    assert min(one_on_ones[e] for e in full_year) < MONTHS - 2  # a busy manager skips some
    assert all(check_ins[e] >= 20 for e in full_year)
    about_reps = {c["person"] for c in coaching if c["type"] == CoachingType.IMPROVEMENT_PLAN}
    assert about_reps and about_reps <= {r["email"] for r in reps}
    observed = [c for c in coaching if c["type"] in ("ride_along", "shadowing", "debrief")]
    assert all(c["rating"] and c["skill"] for c in observed)
