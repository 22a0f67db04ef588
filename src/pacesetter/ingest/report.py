"""What an import tells its user: counts, warnings and every problem found, line by line.

The same `ImportReport` feeds the CLI (text or JSON), the API and the upload page, so its
`to_dict()` is the one place the summary's shape (data-formats.md, "Import summary") is built.
"""

from dataclasses import asdict, dataclass, field
from typing import Any

from pacesetter.ingest.changes import ChangeLog

# Enough for anyone to see the pattern of a bad file; the rest is counted, not listed.
MAX_LISTED = 1000
# Long values are cut in reports, so a 16 MiB field cannot flood a terminal or a web page.
MAX_SHOWN_VALUE = 120


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one cell, row or file. `line` is 1-based with the header as line 1;
    `line` and `column` are None for a finding about the whole file."""

    line: int | None
    column: str | None
    value: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def shown(value: object) -> str | None:
    """A cell as it is shown in a report: text, cut to a readable length."""
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= MAX_SHOWN_VALUE else text[: MAX_SHOWN_VALUE - 1] + "…"


@dataclass
class ProblemLog:
    """Problems in the order found: the first `cap` are kept, the rest only counted."""

    cap: int = MAX_LISTED
    listed: list[Problem] = field(default_factory=list)
    unlisted: int = 0

    def add(self, problem: Problem) -> None:
        if len(self.listed) < self.cap:
            self.listed.append(problem)
        else:
            self.unlisted += 1

    def __len__(self) -> int:
        return len(self.listed) + self.unlisted

    def to_list(self) -> list[dict[str, Any]]:
        """Listed problems by line (file-wide ones first), then a last entry counting the rest."""
        ordered = sorted(self.listed, key=lambda problem: problem.line or 0)
        entries = [problem.to_dict() for problem in ordered]
        if self.unlisted:
            entries.append(Problem(None, None, None, f"… and {self.unlisted:,} more").to_dict())
        return entries


@dataclass
class ImportReport:
    """The outcome of one import; `accepted` when no error was found."""

    kind: str
    file: str
    dry_run: bool = False
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: ProblemLog = field(default_factory=ProblemLog)
    errors: ProblemLog = field(default_factory=ProblemLog)
    run_id: int | None = None
    changes: ChangeLog | None = None  # what the updates change (None until written)

    @property
    def accepted(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The fields of data-formats.md, for JSON output, the API and the web page, then
        `changes`: the updated rows' changed fields (docs/importing.md, "What changes")."""
        changes = self.changes or ChangeLog(self.kind)
        return {
            "kind": self.kind,
            "file": self.file,
            "rows": self.rows,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "warnings": self.warnings.to_list(),
            "errors": self.errors.to_list(),
            "changes": changes.to_dict(),
        }
