"""The folder layout is the architecture: these tests keep each layer's imports honest.

Data flows one way (ingest -> store -> metrics -> api/web/cli) and domain/ is pure, so a rule
can be tested without a database and lives in exactly one place.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "pacesetter"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# Only the HTTP surfaces (and sign-in's cookie rules) speak HTTP; only the store speaks SQL
# below the services, and the pure rules speak neither.
HTTP_FRAMEWORKS = ("fastapi", "starlette")
SPEAKS_HTTP = {"api", "web", "http", "auth", "app"}
PURE = {"domain": ("sqlalchemy", *HTTP_FRAMEWORKS), "exports": ("sqlalchemy",)}


def _table_rows() -> dict[str, str]:
    """docs/architecture.md's table: folder (or module) -> its "may import" cell."""
    rows = {}
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        found = re.match(r"\| `(\w+)(?:/|\.py)` \|.*\| (.+) \|$", line)
        if found:
            rows[found.group(1)] = found.group(2)
    return rows


def _parts() -> list[str]:
    """Every package and top-level module of pacesetter, by the name its imports use."""
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__"}
    packages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    return sorted(modules | packages)


def _allowed(part: str, cell: str) -> set[str]:
    named = set(re.findall(r"`(\w+)`", cell))
    if cell == "everything":
        return set(_parts())
    if cell.startswith("every package but"):
        return set(_parts()) - named
    return named


def _imports_of(part: str) -> dict[str, set[str]]:
    """Module path -> the top-level modules it imports (absolute imports only)."""
    found: dict[str, set[str]] = {}
    paths = [PACKAGE / f"{part}.py"] if (PACKAGE / f"{part}.py").exists() else []
    for path in paths or sorted((PACKAGE / part).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


def test_every_package_has_a_row_in_the_architecture_doc() -> None:
    assert sorted(set(_parts()) - set(_table_rows())) == []
    assert sorted(set(_table_rows()) - set(_parts())) == []


@pytest.mark.parametrize("part", _parts())
def test_a_package_imports_only_what_its_row_allows(part: str) -> None:
    allowed = _allowed(part, _table_rows()[part]) | {part}
    wrong = [
        f"{path} imports {module}"
        for path, modules in _imports_of(part).items()
        for module in modules
        if module.startswith("pacesetter.") and module.split(".")[1] not in allowed
    ]
    assert wrong == []


@pytest.mark.parametrize("part", _parts())
def test_only_the_surfaces_speak_http_and_the_rules_stay_pure(part: str) -> None:
    banned = PURE.get(part, ()) + (() if part in SPEAKS_HTTP else HTTP_FRAMEWORKS)
    wrong = [
        f"{path} imports {module}"
        for path, modules in _imports_of(part).items()
        for module in modules
        if module.split(".")[0] in banned
    ]
    assert wrong == []


def test_the_pages_and_the_api_never_import_each_other() -> None:
    # Said by the table too; kept explicit because it is the rule a newcomer breaks first.
    for part, other in (("web", "api"), ("api", "web")):
        for path, modules in _imports_of(part).items():
            assert not any(m.startswith(f"pacesetter.{other}") for m in modules), path


def test_test_modules_have_unique_names() -> None:
    # The tests folders are not packages: pytest imports each module by its bare name, so two
    # modules of one name in different folders stop the whole run at collection.
    names = [path.name for path in (PACKAGE.parent.parent / "tests").rglob("test_*.py")]
    assert sorted({name for name in names if names.count(name) > 1}) == []
