"""The set-up installs only what the lock names, each file checked against its hash (issue 9):
a tampered or substituted package fails `make` instead of running."""

import re
from pathlib import Path

PIN = re.compile(r"^[A-Za-z0-9_.-]+==[^\s\\]+")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _requirements(repo_root: Path) -> list[str]:
    """The lock's requirements, each with its continuation lines joined."""
    text = (repo_root / "requirements.lock").read_text(encoding="utf-8")
    lines = [line for line in text.replace("\\\n", " ").splitlines() if line.strip()]
    return [line for line in lines if not line.lstrip().startswith("#")]


def test_every_locked_package_is_pinned_with_its_hash(repo_root: Path) -> None:
    requirements = _requirements(repo_root)
    assert len(requirements) >= 50
    assert [line for line in requirements if not PIN.match(line) or not HASH.search(line)] == []


def test_the_set_up_installs_the_lock_with_hashes_required(repo_root: Path) -> None:
    makefile = (repo_root / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    locked = [line for line in installs if "requirements.lock" in line]
    assert locked and all("--require-hashes" in line for line in locked)
    # Anything else pip installs is this project itself, without its dependencies.
    assert all("--no-deps -e ." in line for line in installs if line not in locked)
