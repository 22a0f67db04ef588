"""Load: 20 signed-in clients (mixed roles, pages and API) against `pacesetter serve` for a
bounded time, with p95 per route, errors, and the server's memory over time (issue 9, Prove 9).

    .venv/bin/python bench/load.py [--seconds 600] [--clients 20] [--workers 2]
        [--dir /tmp/pacesetter-load] [--sample-seconds 10]

Builds the demo organisation anew in `--dir` (`pacesetter demo --rebuild --no-serve`, SQLite:
the current schema, no sessions left from an earlier run), serves it
(`bench/serving.py`), and signs each client in through POST /api/v1/session as its own person
(the password checked): admins, directors, managers and reps in turn. Each client then asks,
round robin, for its role's pages and API reads; every answer that is not 200 is an error. The
server's resident memory (its processes together) is sampled every `--sample-seconds`.
"""

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from serving import Client, report, request, run, serving
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.auth.sessions import SESSION_COOKIE
from pacesetter.cli.demo import DEMO_PASSWORD
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person

ROLES = ("admin", "director", "manager", "rep")
# What each role reads: its pages and the API's; `{me}` is the client's own person id.
ROUTES = {
    "admin": ("/", "/admin/audit", "/api/v1/people?limit=50", "/api/v1/audit?limit=50"),
    "director": ("/", "/managers", "/quadrant", "/api/v1/org/tree", "/api/v1/quadrant"),
    "manager": ("/", "/managers", "/quadrant", "/api/v1/org/tree", "/api/v1/goals"),
    "rep": ("/", "/people/{me}", "/api/v1/me", "/api/v1/goals", "/api/v1/people/{me}"),
}


def main() -> None:
    options = _arguments()
    database = _demo(Path(options.dir))
    people = _people(database, options.clients)
    with serving(f"sqlite:///{database}", options.workers) as (port, pid):
        clients = [_signed_in(port, *person) for person in people]
        results = run(port, clients, pid, options.seconds, options.sample_seconds)
    heading = f"{options.clients} clients, {options.seconds:.0f} s, {options.workers} workers"
    report(results, heading)
    sys.exit(1 if results.error_count() else 0)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", default="/tmp/pacesetter-load")
    parser.add_argument("--sample-seconds", type=float, default=10)
    return parser.parse_args()


def _demo(folder: Path) -> Path:
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    command = [
        sys.executable,
        "-c",
        program,
        "demo",
        "--dir",
        str(folder),
        "--rebuild",
        "--no-serve",
    ]
    subprocess.run(command, check=True, capture_output=True)
    return folder / "pacesetter.db"


def _people(database: Path, count: int) -> list[tuple[str, int, str]]:
    """`count` people (role, id, email), the roles in turn (a role with fewer people: its
    people again)."""
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
        chosen.append((role, person_id, email))
    return chosen


def _signed_in(port: int, role: str, person_id: int, email: str) -> Client:
    """A real sign-in (the password checked); the session token from its cookie."""
    body = json.dumps({"email": email, "password": DEMO_PASSWORD}).encode()
    answer = request(port, "POST", "/api/v1/session", body=body)
    if answer.status != 200 or not answer.set_cookie.startswith(f"{SESSION_COOKIE}="):
        raise SystemExit(f"{email} could not sign in: {answer.status}")
    token = answer.set_cookie.split(";", 1)[0].split("=", 1)[1]
    return Client(role, ROUTES[role], me=person_id, token=token, turn=person_id)


if __name__ == "__main__":
    main()
