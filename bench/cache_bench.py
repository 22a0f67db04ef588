"""Benchmark: the screen cache (store/screen_cache.py), cold and warm, alone and under load.

    .venv/bin/python bench/cache_bench.py --url sqlite:///bench.db [--clients 20]
        [--seconds 60] [--as-of 2026-06-15] [--workers 1] [--write-every 0] [--repeat 3]

Serves the app (`bench/serving.py`) on a database that already holds an organisation, with the
director, manager and rep of `bench/latency_bench.py` (each also asks for GET /api/v1/me, the
cheapest signed-in answer), then:
1. one request at a time, `--repeat` rounds: a write (which moves the data version, so every
   cached screen is stale), then each role's home page and GET /api/v1/org/tree twice: the
   first answer is built (cold), the second comes from the cache (warm);
2. `--clients` threads for `--seconds`, as latency_bench does, with a write committed every
   `--write-every` seconds (0: none), so the tail includes the rebuilds that writes cause.
The write is what any edit costs the cache: one committed statement through the product's
engine (a no-op UPDATE of the organisation's name), which moves the data version.
"""

import argparse
import statistics
import sys
import threading
import time

from latency_bench import PATHS, _sessions
from serving import TRIVIAL, Client, client_arguments, report, request, run, serving
from sqlalchemy import Engine, update

from pacesetter.store.db import make_engine, unit_of_work
from pacesetter.store.models import OrgSettings

SCREENS = [path for path in PATHS if path != TRIVIAL]
# The cheapest signed-in answer (who am I): the floor of any page's fixed cost (session, person,
# dependencies), next to the anonymous trivial endpoint.
SIGNED_IN_FLOOR = "/api/v1/me"


def main() -> None:
    options = _arguments()
    tokens = _sessions(options.url)
    query = f"?as_of={options.as_of}" if options.as_of else ""
    engine = make_engine(options.url)
    with serving(options.url, options.workers) as (port, pid):
        _cold_and_warm(port, engine, tokens, query, options.repeat)
        paths = [*(screen + query for screen in SCREENS), SIGNED_IN_FLOOR, TRIVIAL]
        roles = list(tokens)
        clients = [
            Client(roles[n % len(roles)], paths, token=tokens[roles[n % len(roles)]], turn=n)
            for n in range(options.clients)
        ]
        writer = _Writer(engine, options.write_every)
        writer.start()
        results = run(port, clients, pid, options.seconds, options.seconds / 10)
        writer.stop()
    heading = f"{options.clients} clients, {options.seconds:.0f} s, {options.workers} worker(s)"
    report(results, f"{heading}, {writer.writes} writes during the run")
    sys.exit(1 if results.error_count() else 0)


def _cold_and_warm(
    port: int, engine: Engine, tokens: dict[str, str], query: str, repeat: int
) -> None:
    """Each role and screen: the first answer after a write, and the next one."""
    timings: dict[tuple[str, str, str], list[float]] = {}
    for _ in range(repeat):
        _write(engine)
        for role, token in tokens.items():
            for path in SCREENS:
                for state in ("cold", "warm"):
                    started = time.perf_counter()
                    answer = request(port, "GET", path + query, token)
                    assert answer.status == 200, (role, path, answer.status)
                    elapsed = time.perf_counter() - started
                    timings.setdefault((role, path, state), []).append(elapsed)
    print(f"one request at a time, {repeat} rounds (a write before each)")
    print("| role | path | cold min | cold median | warm min | warm median |")
    print("|---|---|---:|---:|---:|---:|")
    for role in tokens:
        for path in SCREENS:
            cold, warm = timings[role, path, "cold"], timings[role, path, "warm"]
            print(
                f"| {role} | {path} | {min(cold):.3f} s | {statistics.median(cold):.3f} s | "
                f"{min(warm):.3f} s | {statistics.median(warm):.3f} s |"
            )
    print()


def _write(engine: Engine) -> None:
    """Commit a write that changes no value but moves the data version."""
    with unit_of_work(engine) as session:
        session.execute(update(OrgSettings).values(name=OrgSettings.name))


class _Writer(threading.Thread):
    """Commits a write every `every` seconds (never when 0) until stopped."""

    def __init__(self, engine: Engine, every: float) -> None:
        super().__init__(daemon=True)
        self.engine, self.every, self.writes = engine, every, 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while self.every > 0 and not self._stopped.wait(self.every):
            _write(self.engine)
            self.writes += 1

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _arguments() -> argparse.Namespace:
    parser = client_arguments(__doc__.splitlines()[0])
    parser.add_argument("--write-every", type=float, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    return parser.parse_args()


if __name__ == "__main__":
    main()
