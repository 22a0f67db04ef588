"""The folder layout is the architecture: these tests keep each layer's imports honest.

Data flows one way (ingest -> store -> metrics -> api/web/cli) and domain/ is pure, so a rule
can be tested without a database and lives in exactly one place.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "pacesetter"

# Which top-level modules each layer must never import.
FORBIDDEN = {
    "domain": {
        "sqlalchemy",
        "fastapi",
        "starlette",
        "pacesetter.store",
        "pacesetter.metrics",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
        "pacesetter.auth",
        "pacesetter.goals",
        "pacesetter.coaching",
    },
    "store": {
        "fastapi",
        "pacesetter.metrics",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
        "pacesetter.goals",
        "pacesetter.coaching",
    },
    "metrics": {
        "fastapi",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    "ingest": {"fastapi", "pacesetter.api", "pacesetter.web", "pacesetter.cli"},
    # File writers: plain values in, files out; the formula rule comes from ingest.cells.
    "exports": {
        "fastapi",
        "starlette",
        "sqlalchemy",
        "pacesetter.store",
        "pacesetter.metrics",
        "pacesetter.goals",
        "pacesetter.auth",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    "coaching": {
        "fastapi",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    "plans": {
        "fastapi",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    "leaderboards": {
        "fastapi",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    "incentives": {
        "fastapi",
        "pacesetter.ingest",
        "pacesetter.api",
        "pacesetter.web",
        "pacesetter.cli",
    },
    # Services both surfaces use live in their feature's package, never under either surface.
    "org": {"fastapi", "pacesetter.ingest", "pacesetter.api", "pacesetter.web", "pacesetter.cli"},
    "imports": {"fastapi", "pacesetter.api", "pacesetter.web", "pacesetter.cli"},
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for module in _imported_modules(path):
            if any(
                module == banned or module.startswith(banned + ".") for banned in FORBIDDEN[layer]
            ):
                found.append(f"{path.relative_to(PACKAGE)} imports {module}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_lies_below_it(layer: str) -> None:
    assert _violations(layer) == []


def test_test_modules_have_unique_names() -> None:
    # The tests folders are not packages: pytest imports each module by its bare name, so two
    # modules of one name in different folders stop the whole run at collection.
    names = [path.name for path in (PACKAGE.parent.parent / "tests").rglob("test_*.py")]
    assert sorted({name for name in names if names.count(name) > 1}) == []
