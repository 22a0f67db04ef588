"""Benchmark: page and API latency under concurrent signed-in clients (issue 10, item 1).

    .venv/bin/python bench/latency_bench.py --url sqlite:///bench.db [--clients 20]
        [--seconds 60] [--as-of 2026-06-15] [--workers 1]

Serves the app (`bench/serving.py`) on a database that already holds an organisation, opens a
session for a director (the one with the most people below), a first-line manager and a rep,
and runs `--clients` threads for `--seconds`. Each client is one of the three people in turn
and asks for their home page, GET /api/v1/org/tree and the trivial GET /healthz, round robin.
It prints, per role and path, the requests, errors, p50, p95, the p95 against /healthz's, the
largest answer, and the server's memory.
"""

import argparse
import secrets
import sys

from serving import TRIVIAL, Client, client_arguments, report, run, serving
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.auth.passwords import set_password
from pacesetter.auth.sessions import open_session
from pacesetter.store.db import make_engine
from pacesetter.store.models import Person, utcnow

PATHS = ("/", "/api/v1/org/tree", TRIVIAL)


def main() -> None:
    options = _arguments()
    tokens = _sessions(options.url)
    query = f"?as_of={options.as_of}" if options.as_of else ""
    paths = [path if path == TRIVIAL else path + query for path in PATHS]
    roles = list(tokens)
    clients = [
        Client(roles[n % len(roles)], paths, token=tokens[roles[n % len(roles)]], turn=n)
        for n in range(options.clients)
    ]
    with serving(options.url, options.workers) as (port, pid):
        results = run(port, clients, pid, options.seconds, options.seconds / 10)
    heading = f"{options.clients} clients, {options.seconds:.0f} s, {options.workers} worker(s)"
    report(results, heading)
    sys.exit(1 if results.error_count() else 0)


def _arguments() -> argparse.Namespace:
    parser = client_arguments(__doc__.splitlines()[0])
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


if __name__ == "__main__":
    main()
