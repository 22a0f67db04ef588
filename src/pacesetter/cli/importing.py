"""`pacesetter import KIND FILE`: import a CSV or XLSX file; docs/importing.md is the guide."""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pacesetter.domain.errors import PacesetterError
from pacesetter.ingest import (
    ColumnMapping,
    ImportReport,
    Problem,
    import_file,
    load_mapping,
    load_preset,
    preset_names,
)
from pacesetter.ingest.kinds import KINDS

if TYPE_CHECKING:  # rich is imported where text is printed: JSON output does without it
    from rich.progress import Progress
    from rich.table import Table

KindName = StrEnum("KindName", {name: name for name in KINDS})  # type: ignore[misc]
EXIT_REJECTED = 1
# Below this a file imports in a blink; a progress display would only flicker.
LARGE_FILE_BYTES = 1024 * 1024
TEXT_WARNINGS_SHOWN = 20
_PHASES = {"check": "Checking every row", "write": "Writing"}


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def import_command(
    kind: KindName = typer.Argument(..., help="What the file holds."),
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A .csv or .xlsx file."),
    mapping: Path | None = typer.Option(
        None,
        "--mapping",
        exists=True,
        dir_okay=False,
        help="A mapping file (YAML or JSON) that renames columns and translates values.",
    ),
    preset: str | None = typer.Option(
        None, "--preset", help=f"A built-in mapping: {', '.join(preset_names())}."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and count; write nothing."),
    output: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", help="text: a readable summary; json: one JSON object."
    ),
) -> None:
    """Import FILE, all or nothing.

    A file with any error is rejected whole (nothing is written) and every bad row is listed;
    the command then exits with status 1. Re-importing a file updates rows by their natural
    key and leaves unchanged rows alone."""
    if mapping is not None and preset is not None:
        raise typer.BadParameter("give --mapping or --preset, not both")
    report = _import(kind.value, file, mapping, preset, dry_run, output)
    if output is OutputFormat.JSON:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        _print_text(report)
    if not report.accepted:
        raise typer.Exit(EXIT_REJECTED)


def _import(
    kind: str,
    file: Path,
    mapping: Path | None,
    preset: str | None,
    dry_run: bool,
    output: OutputFormat,
) -> ImportReport:
    """The import's report; a mapping or setup problem becomes a report with that error."""
    try:
        column_mapping = _column_mapping(mapping, preset)
        with _progress(file) as progress:
            return import_file(
                kind, file, mapping=column_mapping, dry_run=dry_run, progress=progress
            )
    except PacesetterError as error:
        report = ImportReport(kind=kind, file=str(file), dry_run=dry_run)
        report.errors.add(Problem(None, None, None, str(error)))
        return report


def _column_mapping(mapping: Path | None, preset: str | None) -> ColumnMapping | None:
    if mapping is not None:
        return load_mapping(mapping)
    return None if preset is None else load_preset(preset)


class _ProgressDisplay:
    """A rich progress bar on stderr, one task per phase, with a line naming each phase (so
    a log or a pipe also shows where a long import is)."""

    def __init__(self, bar: "Progress") -> None:
        self.bar = bar
        self.phase: str | None = None
        self.task = None

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase != self.phase:
            self.phase = phase
            rows = f" {total:,} rows" if total else ""
            self.bar.console.print(f"{_PHASES.get(phase, phase)}{rows}…")
            self.task = self.bar.add_task(_PHASES.get(phase, phase), total=total)
        self.bar.update(self.task, completed=done, total=total)  # type: ignore[arg-type]


@contextmanager
def _progress(file: Path) -> Iterator[_ProgressDisplay | None]:
    if file.stat().st_size < LARGE_FILE_BYTES:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True
    ) as bar:
        yield _ProgressDisplay(bar)


def _print_text(report: ImportReport) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    console.print(_verdict(report))
    for change in report.changes.identity if report.changes else []:
        # Who a person is changes: worth a second look, as on the upload page.
        console.print(Text(f"{change.sentence(report.dry_run)}."), style="yellow")
    if report.warnings:
        console.print(_problem_table("Warnings", report.warnings.to_list()[:TEXT_WARNINGS_SHOWN]))
        if len(report.warnings) > TEXT_WARNINGS_SHOWN:
            console.print(f"{len(report.warnings):,} warnings in all (--format json lists them).")
    if report.errors:
        console.print(_problem_table("Errors", report.errors.to_list()))


def _verdict(report: ImportReport) -> str:
    from rich.markup import escape

    counts = f"{report.added:,} added, {report.updated:,} updated, {report.unchanged:,} unchanged"
    file, rows = escape(report.file), _count(report.rows, "row")
    if not report.accepted:
        errors = _count(len(report.errors), "error")
        return f"[bold red]Rejected[/] {file}: {errors} in {rows}. Nothing was written."
    if report.dry_run:
        return f"[bold]Dry run[/] {file}: {rows}, would be {counts}. Nothing was written."
    return f"[bold green]Imported[/] {report.kind} from {file}: {rows}, {counts}."


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _problem_table(title: str, problems: list[dict[str, object]]) -> "Table":
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    for heading in ("Line", "Column", "Value", "Reason"):
        table.add_column(heading, overflow="fold")
    for problem in problems:
        # Text, not markup: a cell like "[/]" from a file must show as written.
        table.add_row(
            *(
                Text("" if problem[key] is None else str(problem[key]))
                for key in ("line", "column", "value", "reason")
            )
        )
    return table
