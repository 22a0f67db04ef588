"""Errors reach a person running the CLI as a sentence and an exit code, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

PACESETTER = str(Path(sys.executable).parent / "pacesetter")


def test_a_database_without_the_schema_points_to_db_upgrade(tmp_path: Path) -> None:
    env = {**os.environ, "PACESETTER_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    result = subprocess.run(
        [PACESETTER, "org", "show"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "pacesetter db upgrade" in result.stderr
    assert "Traceback" not in result.stderr
