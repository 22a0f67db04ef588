"""Load: 20 signed-in clients (mixed roles, pages and API) against `pacesetter serve` for a
bounded time, with p95 per route, errors, and the server's memory over time (issue 9, Prove 9).

    .venv/bin/python bench/load.py [--seconds 600] [--clients 20] [--dir /tmp/pacesetter-load]

Builds the demo organisation once in `--dir` (`pacesetter demo --no-serve`, SQLite), serves it
on 127.0.0.1 only (a free port, the default workers), and signs each client in through
POST /api/v1/session as its own person: admins, directors, managers and reps in turn. Each
client then asks, round robin, for its role's pages and API reads; every answer that is not
200 is an error. The server's resident memory (its processes together) is sampled every
`SAMPLE_SECONDS`. It prints a table per route (requests, errors, p50, p95) and the memory
samples.
"""

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from latency_bench import _free_port, _p95, _serve, _wait_ready
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.cli.demo import DEMO_PASSWORD
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person

SAMPLE_SECONDS = 10
ROLES = ("admin", "director", "manager", "rep")
# What each role reads: its pages and the API's; `{me}` is the client's own person id.
ROUTES = {
    "admin": ("/", "/admin/audit", "/api/v1/people?limit=50", "/api/v1/audit?limit=50"),
    "director": ("/", "/managers", "/quadrant", "/api/v1/org/tree", "/api/v1/quadrant"),
    "manager": ("/", "/managers", "/quadrant", "/api/v1/org/tree", "/api/v1/goals"),
    "rep": ("/", "/people/{me}", "/api/v1/me", "/api/v1/goals", "/api/v1/people/{me}"),
}


@dataclass
class Client:
    role: str
    person_id: int
    email: str
    token: str = ""


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # errors' (0: none)
    memory: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MiB)
    lock: threading.Lock = field(default_factory=threading.Lock)


def main() -> None:
    options = _arguments()
    database = _demo(Path(options.dir))
    clients = _clients(database, options.clients)
    port = _free_port()
    server = _serve(f"sqlite:///{database}", port, options.workers)
    try:
        _wait_ready(port)
        for client in clients:
            client.token = _sign_in(port, client)
        results = _run(port, clients, server.pid, options.seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _print(results, options)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", default="/tmp/pacesetter-load")
    return parser.parse_args()


def _demo(folder: Path) -> Path:
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    command = [sys.executable, "-c", program, "demo", "--dir", str(folder), "--no-serve"]
    subprocess.run(command, check=True, capture_output=True)
    return folder / "pacesetter.db"


def _clients(database: Path, count: int) -> list[Client]:
    """`count` people, the roles in turn (a role with fewer people: its people again)."""
    with Session(make_engine(f"sqlite:///{database}")) as db:
        people = db.execute(select(Person.role, Person.id, Person.email).order_by(Person.id))
        by_role: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for role, person_id, email in people:
            by_role[role].append((person_id, email))
    roles = [role for role in ROLES if by_role[role]]
    chosen = []
    for n in range(count):
        role = roles[n % len(roles)]
        person_id, email = by_role[role][(n // len(roles)) % len(by_role[role])]
        chosen.append(Client(role, person_id, email))
    return chosen


def _request(
    port: int, method: str, path: str, token: str = "", body: bytes | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"{SESSION_COOKIE}={token}", "Content-Type": "application/json"}
    connection.request(method, path, body=body, headers=headers)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


def _sign_in(port: int, client: Client) -> str:
    """A real sign-in (the password checked), the session token from its cookie."""
    body = json.dumps({"email": client.email, "password": DEMO_PASSWORD}).encode()
    answer = _request(port, "POST", "/api/v1/session", body=body)
    cookie = answer.getheader("set-cookie") or ""
    if answer.status != 200 or not cookie.startswith(f"{SESSION_COOKIE}="):
        raise SystemExit(f"{client.email} could not sign in: {answer.status}")
    return cookie.split(";", 1)[0].split("=", 1)[1]


def _run(port: int, clients: list[Client], server_pid: int, seconds: float) -> Results:
    results, deadline = Results(), time.monotonic() + seconds
    threads = [threading.Thread(target=_work, args=(port, c, deadline, results)) for c in clients]
    for thread in threads:
        thread.start()
    _watch_memory(server_pid, deadline, results)
    for thread in threads:
        thread.join()
    return results


def _work(port: int, client: Client, deadline: float, results: Results) -> None:
    routes = ROUTES[client.role]
    turn = client.person_id
    while time.monotonic() < deadline:
        route = routes[turn % len(routes)]
        turn += 1
        started = time.perf_counter()
        try:
            path = route.replace("{me}", str(client.person_id))
            status = _request(port, "GET", path, client.token).status
        except OSError:
            status = 0
        route = f"{client.role} {route}"
        with results.lock:
            results.times[route].append(time.perf_counter() - started)
            if status != 200:
                results.errors[route] += 1
                results.statuses[status] += 1


def _resident_mib(pid: int) -> float:
    """The server and its workers together."""
    server = psutil.Process(pid)
    processes = [server, *server.children(recursive=True)]
    return sum(process.memory_info().rss for process in processes) / 2**20


def _watch_memory(pid: int, deadline: float, results: Results) -> None:
    started = time.monotonic()
    while time.monotonic() < deadline:
        results.memory.append((time.monotonic() - started, _resident_mib(pid)))
        time.sleep(min(SAMPLE_SECONDS, max(0.0, deadline - time.monotonic())))
    results.memory.append((time.monotonic() - started, _resident_mib(pid)))


def _print(results: Results, options: argparse.Namespace) -> None:
    total = sum(len(found) for found in results.times.values())
    errors = sum(results.errors.values())
    print(f"{options.clients} clients, {options.seconds:.0f} s, {options.workers} workers: ")
    print(f"{total} requests, {errors} errors, {total / options.seconds:.1f} per second")
    print(f"errors by status: {dict(sorted(results.statuses.items()))}\n")
    print("| role and route | requests | errors | p50 | p95 |")
    print("|---|---:|---:|---:|---:|")
    for route, found in sorted(results.times.items()):
        p50, p95 = statistics.median(found), _p95(found)
        print(f"| {route} | {len(found)} | {results.errors[route]} | {p50:.2f} s | {p95:.2f} s |")
    memory = [mib for _, mib in results.memory]
    print(f"\nserver memory (MiB): first {memory[0]:.0f}, min {min(memory):.0f}, ", end="")
    print(f"max {max(memory):.0f}, last {memory[-1]:.0f}")
    print("samples: " + ", ".join(f"{at:.0f}s {mib:.0f}" for at, mib in results.memory))


if __name__ == "__main__":
    main()
