"""Generate a whole synthetic sales org as canonical CSV files.

Sellers are generated one at a time (accounts, deals, activities, field coaching) and written
out at once; only a few numbers per seller and month are kept for the later passes (rhythm
coaching, reviews, goals, plans, forecasts). Every random stream is seeded from the seed and a
stable name, so the same seed and as-of date give byte-identical files.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pacesetter.synth.accounts import account_rows, make_accounts
from pacesetter.synth.activities import write_activities
from pacesetter.synth.calendar import Day, Window, build_days
from pacesetter.synth.coaching_field import field_coaching
from pacesetter.synth.coaching_review import review_coaching
from pacesetter.synth.coaching_rhythm import rhythm_coaching
from pacesetter.synth.deals import deal_rows, make_deals
from pacesetter.synth.forecasts import forecast_rows
from pacesetter.synth.goals import goal_rows
from pacesetter.synth.identities import AccountNamer
from pacesetter.synth.org import build_org
from pacesetter.synth.people import Org, Person
from pacesetter.synth.plans import plan_rows
from pacesetter.synth.results import Results
from pacesetter.synth.writer import CsvSink, Ids, Row

Progress = Callable[[int, int], None]  # (sellers done, sellers in all)


@dataclass(frozen=True, slots=True)
class _Run:
    """What every step of one generation run shares."""

    org: Org
    seed: int
    ids: Ids
    sink: CsvSink
    results: Results


def generate_org(
    out_dir: Path,
    reps: int = 30,
    months: int = 12,
    seed: int = 1,
    as_of: date | None = None,
    on_progress: Progress | None = None,
) -> dict[str, int]:
    """Write the eight canonical CSV files to `out_dir`; return the row count of each file."""
    if reps < 1 or months < 1:
        raise ValueError("reps and months must be at least 1")
    window = Window.ending(as_of or date.today(), months)
    org = build_org(reps, window, seed)
    with CsvSink(out_dir) as sink:
        run = _Run(org, seed, Ids(), sink, Results(len(window.months())))
        sink.write("people", people_rows(org))
        _write_sellers(run, on_progress)
        _write_leadership(run)
    return dict(sink.counts)


def _write_sellers(run: _Run, on_progress: Progress | None) -> None:
    days = build_days(run.org.window)
    namer = AccountNamer(random.Random(f"{run.seed}:accounts"))
    sellers = run.org.sellers()
    for done, seller in enumerate(sellers, start=1):
        _write_seller(run, seller, days, namer)
        if on_progress is not None:
            on_progress(done, len(sellers))


def _write_seller(run: _Run, seller: Person, days: list[Day], namer: AccountNamer) -> None:
    org, ids, sink = run.org, run.ids, run.sink
    rng = random.Random(f"{run.seed}:seller:{seller.external_id}")
    accounts = make_accounts(org, seller, ids.accounts, namer, rng)
    deals = make_deals(seller, accounts, org.window, ids.deals, rng)
    sink.write("accounts", account_rows(accounts, seller))
    sink.write("deals", deal_rows(deals, seller))
    activity = write_activities(
        seller,
        accounts,
        deals,
        days,
        org.window,
        ids.activities,
        sink.line_writer("activities"),
        rng,
    )
    sink.write("coaching", field_coaching(org, seller, accounts, deals, ids.coaching, rng))
    run.results.record(org, seller, deals, activity)


def _write_leadership(run: _Run) -> None:
    org, sink, ids = run.org, run.sink, run.ids
    for leader in org.leaders():
        sink.write(
            "coaching", rhythm_coaching(org, leader, run.results.activities, ids.coaching, run.seed)
        )
        sink.write("coaching", review_coaching(org, leader, run.results, ids.coaching, run.seed))
    sink.write("goals", goal_rows(org, run.results))
    sink.write("plans", plan_rows(org))
    sink.write("forecasts", forecast_rows(org, run.results, run.seed))


def people_rows(org: Org) -> list[Row]:
    return [_person_row(org, p) for p in org.people]


def _person_row(org: Org, person: Person) -> Row:
    manager = org.manager_of(person)
    return (
        person.external_id,
        person.name,
        person.email,
        person.role.value,
        "" if manager is None else manager.email,
        person.team,
        person.territory,
        person.start.isoformat(),
        "" if person.end is None else person.end.isoformat(),
        "" if person.manager_type is None else person.manager_type.value,
    )
