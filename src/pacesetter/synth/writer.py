"""Canonical CSV files (shared/docs/data-formats.md): one writer per file, rows counted.

Every file gets all of its required and optional columns, in the order the format lists them.
"""

import csv
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import IO, Any

HEADERS: dict[str, tuple[str, ...]] = {
    "people": (
        "external_id", "name", "email", "role", "manager", "team", "territory",
        "start_date", "end_date", "manager_type",
    ),
    "accounts": ("external_id", "name", "owner", "segment", "territory", "is_target"),
    "activities": (
        "external_id", "owner", "type", "occurred_at", "account", "deal", "outcome",
        "with_decision_maker",
    ),
    "deals": (
        "external_id", "owner", "amount", "status", "created_date", "close_date", "name",
        "account", "stage", "margin", "next_step", "currency",
    ),
    "forecasts": ("manager", "period", "amount", "submitted_at"),
    "goals": (
        "scope", "metric", "period", "target", "kind", "individual_weight", "status", "rationale",
    ),
    "plans": ("person", "month", "line", "planned"),
    "coaching": (
        "external_id", "type", "author", "occurred_at", "person", "rating", "skill", "notes",
        "account",
    ),
}  # fmt: skip

BUFFER_BYTES = 1 << 20
CHUNK_ROWS = 10_000
ACTIVITY_ID_WIDTH = 8  # ACT00000001: room for the ten million activities of a 5,000-rep org

Row = Sequence[Any]


class CsvSink:
    """Writes the eight files side by side, so a seller's accounts, deals and activities can be
    streamed out together and forgotten."""

    def __init__(self, out_dir: Path) -> None:
        self._out_dir = out_dir
        self._files: dict[str, IO[str]] = {}
        self._writers: dict[str, Any] = {}
        self.counts: dict[str, int] = dict.fromkeys(HEADERS, 0)

    def __enter__(self) -> "CsvSink":
        self._out_dir.mkdir(parents=True, exist_ok=True)
        for kind, header in HEADERS.items():
            path = self._out_dir / f"{kind}.csv"
            handle = path.open("w", encoding="utf-8", newline="", buffering=BUFFER_BYTES)
            self._files[kind] = handle
            self._writers[kind] = csv.writer(handle, lineterminator="\n")
            self._writers[kind].writerow(header)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for handle in self._files.values():
            handle.close()

    def line_writer(self, kind: str) -> Callable[[list[str]], None]:
        """Write preformatted CSV lines (each ending in a newline) to one file."""

        def write_lines(lines: list[str]) -> None:
            self._files[kind].write("".join(lines))
            self.counts[kind] += len(lines)

        return write_lines

    def write(self, kind: str, rows: Iterable[Row]) -> None:
        """Write rows in chunks, so a long generator is never held in memory whole."""
        rows = iter(rows)
        while chunk := list(islice(rows, CHUNK_ROWS)):
            self._writers[kind].writerows(chunk)
            self.counts[kind] += len(chunk)


class IdSequence:
    """Stable, zero-padded external ids in the order records are generated: A000001, ..."""

    def __init__(self, prefix: str, width: int) -> None:
        self.prefix = prefix
        self.width = width
        self.last = 0

    def next(self) -> str:
        self.last += 1
        return f"{self.prefix}{self.last:0{self.width}d}"


class Ids:
    def __init__(self) -> None:
        self.accounts = IdSequence("A", 6)
        self.activities = IdSequence("ACT", ACTIVITY_ID_WIDTH)
        self.deals = IdSequence("D", 6)
        self.coaching = IdSequence("C", 7)
