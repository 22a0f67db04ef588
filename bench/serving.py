"""The harness `bench/load.py` and `bench/latency_bench.py` share: serve the app with
`pacesetter serve` on 127.0.0.1 (a free port), drive it with signed-in client threads for a
bounded time, sample the server's memory, and print per role and path the requests, errors,
p50, p95, p95 against the trivial `/healthz`'s, and the largest answer.

Every request times out after `TIMEOUT_SECONDS`; an answer that is not 200 (or no answer) is
an error, counted by status (0: no answer), never the end of the run.
"""

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import psutil

from pacesetter.auth.sessions import SESSION_COOKIE

TRIVIAL = "/healthz"
TIMEOUT_SECONDS = 60
Key = tuple[str, str]  # (role, path as listed)


@dataclass
class Client:
    """One thread's identity and what it asks for, round robin from `turn`; `{me}` in a path
    is the client's own person id."""

    role: str
    paths: Sequence[str]
    me: int = 0
    token: str = ""
    turn: int = 0


@dataclass
class Answer:
    status: int
    size: int
    set_cookie: str


@dataclass
class Results:
    times: dict[Key, list[float]] = field(default_factory=lambda: defaultdict(list))
    sizes: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    errors: dict[Key, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # errors' only
    memory: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MiB)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error_count(self) -> int:
        return sum(self.errors.values())

    def add(self, key: Key, elapsed: float, answer: Answer) -> None:
        with self.lock:
            self.times[key].append(elapsed)
            self.sizes[key] = max(self.sizes[key], answer.size)
            if answer.status != 200:
                self.errors[key] += 1
                self.statuses[answer.status] += 1


@contextmanager
def serving(url: str, workers: int) -> Iterator[tuple[int, int]]:
    """`pacesetter serve` on `url`, answering: (port, server pid); stopped afterwards."""
    port = _free_port()
    program = "import sys; from pacesetter.cli.main import app; sys.exit(app())"
    command = [sys.executable, "-c", program, "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers)]
    environment = os.environ | {"PACESETTER_DATABASE_URL": url}
    quiet = subprocess.DEVNULL
    server = subprocess.Popen(command, env=environment, stdout=quiet, stderr=quiet)
    try:
        _wait_ready(port)
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_ready(port: int) -> None:
    for _ in range(240):
        try:
            if request(port, "GET", TRIVIAL).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the server did not start")


def request(port: int, method: str, path: str, token: str = "", body: bytes = b"") -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
    headers = {"Cookie": f"{SESSION_COOKIE}={token}"}
    if body:
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=body or None, headers=headers)
        answer = connection.getresponse()
        size = len(answer.read())
        return Answer(answer.status, size, answer.getheader("set-cookie") or "")
    finally:
        connection.close()


def run(port: int, clients: list[Client], server_pid: int, seconds: float, every: float) -> Results:
    """Every client in its own thread until `seconds` have passed; memory sampled `every` s."""
    results, deadline = Results(seconds=seconds), time.monotonic() + seconds
    threads = [threading.Thread(target=_work, args=(port, c, deadline, results)) for c in clients]
    for thread in threads:
        thread.start()
    _watch_memory(server_pid, deadline, every, results)
    for thread in threads:
        thread.join()
    return results


def _work(port: int, client: Client, deadline: float, results: Results) -> None:
    turn = client.turn
    while time.monotonic() < deadline:
        listed = client.paths[turn % len(client.paths)]
        turn += 1
        started = time.perf_counter()
        try:
            answer = request(port, "GET", listed.replace("{me}", str(client.me)), client.token)
        except OSError:
            answer = Answer(0, 0, "")
        results.add((client.role, listed), time.perf_counter() - started, answer)


def resident_mib(pid: int) -> float:
    """The server and its workers together."""
    server = psutil.Process(pid)
    processes = [server, *server.children(recursive=True)]
    return sum(process.memory_info().rss for process in processes) / 2**20


def _watch_memory(pid: int, deadline: float, every: float, results: Results) -> None:
    started = time.monotonic()
    while time.monotonic() < deadline:
        results.memory.append((time.monotonic() - started, resident_mib(pid)))
        time.sleep(min(every, max(0.0, deadline - time.monotonic())))
    results.memory.append((time.monotonic() - started, resident_mib(pid)))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def report(results: Results, heading: str) -> None:
    """The run's totals, a table per role and path, and the memory samples."""
    total = sum(len(found) for found in results.times.values())
    errors = results.error_count()
    trivial = [v for (_, path), found in results.times.items() if path == TRIVIAL for v in found]
    print(f"{heading}, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{total} requests, {errors} errors, {total / results.seconds:.1f} per second")
    print(f"errors by status: {dict(sorted(results.statuses.items()))}\n")
    print("| role | path | requests | errors | p50 | p95 | p95 / trivial | largest answer |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (role, path), found in sorted(results.times.items()):
        ratio = f"{p95(found) / p95(trivial):.1f}" if trivial else "-"
        print(
            f"| {role} | {path} | {len(found)} | {results.errors[role, path]} | "
            f"{statistics.median(found):.2f} s | {p95(found):.2f} s | {ratio} | "
            f"{results.sizes[role, path] / 1024:.0f} KiB |"
        )
    _report_memory(results.memory)


def _report_memory(samples: list[tuple[float, float]]) -> None:
    memory = [mib for _, mib in samples]
    print(f"\nserver memory (MiB): first {memory[0]:.0f}, min {min(memory):.0f}, ", end="")
    print(f"max {max(memory):.0f}, last {memory[-1]:.0f}")
    print("samples: " + ", ".join(f"{at:.0f}s {mib:.0f}" for at, mib in samples))


def client_arguments(description: str) -> argparse.ArgumentParser:
    """The options every run of signed-in clients against a database takes; a script adds its
    own before parsing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    parser.add_argument("--workers", type=int, default=1)
    return parser
