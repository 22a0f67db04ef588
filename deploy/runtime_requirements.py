"""Print the lines of requirements.lock that Pacesetter needs at run time (its dependencies and
theirs, no dev extras), hashes included, for the container image.

Run with the whole lock installed (the image's build stage): the closure is read from the
installed packages' metadata, so it follows pyproject.toml and the lock without a second list.
"""

import re
import sys
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ENTRY = re.compile(r"^([A-Za-z0-9_.-]+)==")


def runtime_names(root: str = "pacesetter") -> set[str]:
    """`root` and every package it requires, transitively, with the extras asked for
    (`psycopg[binary]`) but not its own (`pacesetter[dev]`)."""
    found: set[tuple[str, str]] = set()
    waiting = [(root, "")]
    while waiting:
        name, extra = waiting.pop()
        if (name, extra) in found:
            continue
        found.add((name, extra))
        waiting.extend(_required(name, extra))
    return {name for name, _ in found}


def _required(name: str, extra: str) -> list[tuple[str, str]]:
    """What `name` (with `extra`, or none) requires here: (package, extra) pairs."""
    needed = []
    for text in distribution(name).requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": extra}):
            package = canonicalize_name(requirement.name)
            needed += [(package, "")] + [(package, wanted) for wanted in requirement.extras]
    return needed


def runtime_lines(lock: str, names: set[str]) -> list[str]:
    """The lock's entries (each with its continuation lines) for `names`."""
    entries = lock.replace("\\\n", "\\\u0000").splitlines()
    kept = [e for e in entries if (m := ENTRY.match(e)) and canonicalize_name(m[1]) in names]
    return [entry.replace("\\\u0000", "\\\n") for entry in kept]


if __name__ == "__main__":
    lock = Path(sys.argv[1]).read_text(encoding="utf-8")
    print("\n".join(runtime_lines(lock, runtime_names() - {"pacesetter"})))
