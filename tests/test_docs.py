"""Docs that drift from the code are worse than none: these tests fail when they do."""

from pathlib import Path

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
