"""From a file's header row (and a mapping) to where each Pacesetter column is found.

Header names match case-insensitively, with spaces or hyphens for underscores (`Close Date` is
`close_date`). A mapping's `columns` rename headers first. Unknown columns are ignored with a
warning; a column given twice, or a required column missing, rejects the file at line 1.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pacesetter.ingest.cells import Cell, DateFormats
from pacesetter.ingest.mapping import ColumnMapping, Derivation, canonical, fold
from pacesetter.ingest.report import ImportReport, Problem

HEADER_LINE = 1


@dataclass(frozen=True)
class Columns:
    """The columns one kind of file has."""

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional


@dataclass
class HeaderPlan:
    """Where each column's cell is: file cells first, then one appended cell per derivation."""

    width: int
    formats: DateFormats
    index: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    derive: list[tuple[Derivation, int | None]] = field(default_factory=list)
    translate: list[tuple[int, Mapping[str, str]]] = field(default_factory=list)

    def label(self, column: str) -> str:
        """The column as the user's file names it."""
        return self.labels.get(column, column)

    def cells_for(self, raw: Sequence[Cell], width: int) -> Sequence[Cell]:
        """A row's first `width` cells with the mapping's value translations and derived
        columns applied (as they are, when there is nothing to apply)."""
        if not self.translate and not self.derive:
            return raw
        cells = list(raw[:width])
        for position, table in self.translate:
            cell = cells[position]
            if isinstance(cell, str):
                cells[position] = table.get(fold(cell), cell)
        for derivation, source in self.derive:
            cells.append(derivation.apply(None if source is None else cells[source]))
        return cells


def plan_header(
    header: Sequence[str], columns: Columns, mapping: ColumnMapping | None, report: ImportReport
) -> HeaderPlan | None:
    """The plan for reading this file, or None when its header rejects it (errors reported)."""
    mapping = mapping or ColumnMapping(name="")
    planner = _Planner(header, columns, mapping, report)
    if not planner.mapping_fits():
        return None
    if not any(header):
        planner.error(None, "the header row is empty")
        return None
    return planner.plan()


class _Planner:
    def __init__(
        self, header: Sequence[str], columns: Columns, mapping: ColumnMapping, report: ImportReport
    ) -> None:
        self.header, self.columns, self.mapping, self.report = header, columns, mapping, report
        self.result = HeaderPlan(width=len(header), formats=mapping.formats)
        self.derived = {derivation.target: derivation for derivation in mapping.derive}
        self.sources = {fold(d.source) for d in mapping.derive if d.source is not None}

    def error(self, column: str | None, reason: str, value: str | None = None) -> None:
        self.report.errors.add(Problem(HEADER_LINE, column, value, reason))

    def warn(self, column: str | None, reason: str) -> None:
        self.report.warnings.add(Problem(HEADER_LINE, column, None, reason))

    def mapping_fits(self) -> bool:
        """The mapping is for this kind and names only this kind's columns (problems of the
        mapping, not of a line of the file)."""
        mapping, kind, known = self.mapping, self.columns.kind, self.columns.known
        wrong = []
        if mapping.kind is not None and mapping.kind != kind:
            wrong.append(f"mapping {mapping.name} is for {mapping.kind}, not {kind}")
        targets = [*mapping.columns.values(), *self.derived, *mapping.values]
        wrong.extend(
            f"mapping {mapping.name} names column {target!r}, which {kind} files do not have "
            f"(columns: {', '.join(known)})"
            for target in sorted(set(targets) - set(known))
        )
        for reason in wrong:
            self.report.errors.add(Problem(None, None, None, reason))
        return not wrong

    def plan(self) -> HeaderPlan | None:
        for position, name in enumerate(self.header):
            self._place(position, name)
        for derivation in self.mapping.derive:
            self._add_derivation(derivation)
        for column in self.columns.required:
            if column not in self.result.index and column not in self.derived:
                self.error(column, "missing required column")
        self._add_translations()
        return None if self.report.errors else self.result

    def _place(self, position: int, name: str) -> None:
        column = self._column_of(name)
        if column is None:
            if fold(name) not in self.sources:
                self.warn(name or f"column {position + 1}", "unknown column, ignored")
        elif column in self.derived:
            self._note_replaced(name, column)
        elif column in self.result.index:
            first = self.result.labels[column]
            self.error(name, f"column {column!r} is given twice (also as {first!r})")
        else:
            self.result.index[column] = position
            self.result.labels[column] = name

    def _column_of(self, name: str) -> str | None:
        mapped = self.mapping.columns.get(fold(name))
        if mapped is not None:
            return mapped
        column = canonical(name)
        return column if column in self.columns.known else None

    def _note_replaced(self, name: str, column: str) -> None:
        source = self.derived[column].source
        if source is None or fold(source) != fold(name):
            self.warn(name, f"replaced by the mapping's derived {column!r}")

    def _add_derivation(self, derivation: Derivation) -> None:
        source = None if derivation.source is None else self._source_position(derivation.source)
        if derivation.source is not None and source is None:
            self.error(derivation.source, f"missing column, needed to derive {derivation.target!r}")
            return
        self.result.index[derivation.target] = self.result.width + len(self.result.derive)
        self.result.labels[derivation.target] = derivation.target
        self.result.derive.append((derivation, source))

    def _source_position(self, source: str) -> int | None:
        """A derivation's source: a Pacesetter column, or any header of the file."""
        found = self.result.index.get(canonical(source))
        if found is not None:
            return found
        folded = [fold(name) for name in self.header]
        return folded.index(fold(source)) if fold(source) in folded else None

    def _add_translations(self) -> None:
        for column, table in self.mapping.values.items():
            if column in self.result.index and column not in self.derived:
                self.result.translate.append((self.result.index[column], table))
