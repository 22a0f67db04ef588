"""Benchmark: page and API latency under concurrent signed-in clients (issue 10, item 1).

    .venv/bin/python bench/latency_bench.py --url sqlite:///bench.db [--clients 20]
        [--seconds 60] [--as-of 2026-06-15] [--workers 1]

Serves the app (`pacesetter serve`, on 127.0.0.1 only, a free port) on a database that already
holds an organisation, opens a session for a director (the one with the most people below),
a first-line manager and a rep, and runs `--clients` threads for `--seconds` (bounded: each
request times out after 60 s). Each client is one of the three people in turn and asks for
their home page, GET /api/v1/org/tree and the trivial GET /healthz, round robin. It prints, per
role and path, the requests, p50, p95, the largest answer, and the p95 against /healthz's.
"""

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.auth.passwords import set_password
from pacesetter.auth.sessions import SESSION_COOKIE, open_session
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person, utcnow

TRIVIAL = "/healthz"
PATHS = ("/", "/api/v1/org/tree", TRIVIAL)
Samples = dict[tuple[str, str], list[float]]


def main() -> None:
    options = _arguments()
    tokens = _sessions(options.url)
    port = _free_port()
    server = _serve(options.url, port, options.workers)
    try:
        _wait_ready(port)
        samples, sizes = _load(port, tokens, options)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _print(samples, sizes, options)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    parser.add_argument("--workers", type=int, default=1)
    return parser.parse_args()


def _sessions(url: str) -> dict[str, str]:
    """A session token for the first director (the generator's top of the organisation), the
    manager of the first rep, and that rep (each given a random password if they have none:
    only people who can sign in have a session)."""
    with Session(make_engine(url)) as db:
        current = select(Person).where(Person.end_date.is_(None)).order_by(Person.id)
        director = db.scalars(current.where(Person.role == "director"))
        rep = db.scalars(current.where(Person.role == "rep")).first()
        assert rep is not None and rep.manager_id is not None, "load an organisation first"
        people = {"director": director.first(), "manager": db.get(Person, rep.manager_id)}
        people["rep"] = rep
        for who in people.values():
            if who is not None and who.password_hash is None:  # only those who can sign in
                set_password(who, secrets.token_urlsafe())
        now = utcnow()
        tokens = {role: open_session(db, who, now, 2).token for role, who in people.items() if who}
        db.commit()
    return tokens


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    command = [sys.executable, "-c", program, "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    environment = os.environ | {"PACESETTER_DATABASE_URL": url}
    quiet = subprocess.DEVNULL
    return subprocess.Popen(command, env=environment, stdout=quiet, stderr=quiet)


def _wait_ready(port: int) -> None:
    for _ in range(240):
        try:
            if _get(port, TRIVIAL, "")[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def _get(port: int, path: str, token: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": f"{SESSION_COOKIE}={token}"})
        answer = connection.getresponse()
        return answer.status, len(answer.read())
    finally:
        connection.close()


def _load(
    port: int, tokens: dict[str, str], options: argparse.Namespace
) -> tuple[Samples, dict[tuple[str, str], int]]:
    samples: Samples = defaultdict(list)
    sizes: dict[tuple[str, str], int] = defaultdict(int)
    roles, deadline = list(tokens), time.monotonic() + options.seconds
    query = f"?as_of={options.as_of}" if options.as_of else ""

    def client(index: int) -> None:
        role, turn = roles[index % len(roles)], index
        while time.monotonic() < deadline:
            path = PATHS[turn % len(PATHS)]
            turn += 1
            started = time.perf_counter()
            status, size = _get(port, path + (query if path != TRIVIAL else ""), tokens[role])
            if status != 200:
                raise SystemExit(f"{role} {path}: {status}")
            samples[role, path].append(time.perf_counter() - started)
            sizes[role, path] = max(sizes[role, path], size)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(options.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, sizes


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def _print(
    samples: Samples, sizes: dict[tuple[str, str], int], options: argparse.Namespace
) -> None:
    trivial = _p95([v for (_, path), found in samples.items() if path == TRIVIAL for v in found])
    print(
        f"{options.clients} clients, {options.seconds:.0f} s, {options.workers} worker(s), "
        f"load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| role | path | requests | p50 | p95 | p95 / trivial | largest answer |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (role, path), found in sorted(samples.items()):
        p50, p95 = statistics.median(found), _p95(found)
        print(
            f"| {role} | {path} | {len(found)} | {p50:.2f} s | {p95:.2f} s | "
            f"{p95 / trivial:.1f} | {sizes[role, path] / 1024:.0f} KiB |"
        )


if __name__ == "__main__":
    main()
