"""The image installs the lock's run-time part only: what pacesetter requires, transitively,
with the extras it asks for, and none of the dev extras (deploy/runtime_requirements.py)."""

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "runtime_requirements", ROOT / "deploy" / "runtime_requirements.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_runtime_set_has_the_apps_dependencies_and_no_dev_tools() -> None:
    names = _script().runtime_names()
    assert {"fastapi", "sqlalchemy", "alembic", "psycopg", "psycopg-binary", "uvicorn"} <= names
    assert names.isdisjoint({"pytest", "ruff", "playwright", "aiosmtpd", "hypothesis", "httpx"})


def test_the_runtime_lines_keep_their_hashes() -> None:
    script = _script()
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    lines = script.runtime_lines(lock, {"alembic", "psycopg-binary"})
    assert [line.split("==")[0] for line in lines] == ["alembic", "psycopg-binary"]
    assert all("\\\n    --hash=sha256:" in line for line in lines)
