"""Docs that drift from the code are worse than none: these tests fail when they do."""

from pathlib import Path

from pacesetter.cli.main import app as cli_app
from pacesetter.cli.reference import reference
from pacesetter.domain.goal_lint import RULES
from pacesetter.ingest.kinds import KINDS
from pacesetter.metrics.catalogue import REGISTRY
from pacesetter.settings import Settings
from pacesetter.store.models import OrgSettings


def test_every_environment_setting_is_documented(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [f for f in Settings.model_fields if f"`PACESETTER_{f.upper()}`" not in doc]
    assert missing == []


def test_every_organisation_setting_is_documented(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "configuration.md").read_text(encoding="utf-8")
    columns = [c.name for c in OrgSettings.__table__.columns if c.name != "id"]
    assert [c for c in columns if f"`{c}`" not in doc] == []


def _table_rows(doc: str, first_cell: str) -> dict[str, list[str]]:
    """The rows of the Markdown tables in `doc` keyed by their first cell (backticks dropped)."""
    rows: dict[str, list[str]] = {}
    for line in doc.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].strip("`") != first_cell:
            rows.setdefault(cells[0].strip("`"), cells[1:])
    return rows


def _names(cell: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("`()") for part in cell.split(",") if part.strip())


def test_every_import_kind_s_columns_are_documented_as_the_code_reads_them(
    repo_root: Path,
) -> None:
    doc = (repo_root / "docs" / "importing.md").read_text(encoding="utf-8")
    rows = _table_rows(doc, "kind")
    documented = {name: (_names(rows[name][0]), _names(rows[name][1])) for name in KINDS}
    assert documented == {name: (kind.required, kind.optional) for name, kind in KINDS.items()}


def test_every_lint_rule_is_documented_with_its_severity(repo_root: Path) -> None:
    rows = _table_rows((repo_root / "docs" / "goals.md").read_text(encoding="utf-8"), "rule")
    assert {rule.id: rows.get(rule.id, ["?"])[0] for rule in RULES} == {
        rule.id: rule.severity.value for rule in RULES
    }


def test_every_catalogue_metric_is_documented(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "metrics.md").read_text(encoding="utf-8")
    assert [slug for slug in REGISTRY if f"`{slug}`" not in doc] == []


def test_the_cli_reference_is_generated_from_the_help_of_every_command(repo_root: Path) -> None:
    doc = (repo_root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == reference(cli_app), "docs/cli.md is out of date: run `make docs`"
