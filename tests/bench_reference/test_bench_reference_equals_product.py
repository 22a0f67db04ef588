"""The benchmark's references (bench/reference.py) give the product's scorecard and quadrant
placements, value for value, on a small generated organisation imported through the import
path (issue 10).

Skipped where DuckDB or pandas are not installed: they are the harness's own dependencies
(bench/requirements.lock, `make bench`), not the product's.
"""

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pandas")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from reference_bench import compare

from pacesetter.cli.demo import LOAD_ORDER
from pacesetter.domain.periods import parse_period
from pacesetter.ingest import import_file
from pacesetter.store.db import make_engine
from pacesetter.synth import generate_org

pytestmark = pytest.mark.slow
AS_OF = date(2026, 2, 11)


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("org")
    generate_org(data, reps=12, months=4, seed=3, as_of=AS_OF)
    return data


@pytest.fixture
def loaded(new_database_url: str, organisation: Path) -> Iterator[str]:
    engine = make_engine(new_database_url)
    for kind in LOAD_ORDER:
        assert import_file(kind, organisation / f"{kind}.csv", engine=engine).accepted, kind
    engine.dispose()
    yield new_database_url


@pytest.mark.parametrize(
    ("period", "as_of"),
    [("2026-Q1", AS_OF), ("2026-01", date(2026, 1, 31)), ("2025-12", date(2025, 12, 31))],
)
def test_duckdb_and_pandas_give_the_products_scorecard_and_quadrant(
    loaded: str, period: str, as_of: date
) -> None:
    outcome = compare(loaded, parse_period(period), as_of, repeat=1)
    assert outcome.people > 12
    assert outcome.placed > 0  # the quadrant is compared on reps it places, not only nulls
    assert outcome.mismatches == []
