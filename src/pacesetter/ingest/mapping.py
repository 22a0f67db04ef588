"""Mapping files and presets: how a CRM export's columns and values become Pacesetter's.

A mapping (YAML or JSON) has up to five sections, all optional:

    kind: deals                                  # if given, must be the kind imported
    columns: {"Opportunity Owner": owner}        # file header -> Pacesetter column
    derive:                                      # a column computed from another (or constant)
      status: {from: stage, map: {"Closed Won": won}, default: open}
    values:                                      # translate values; others pass unchanged
      type: {"Send Quote": proposal}
    dates: {format: "%m/%d/%Y", datetime_format: "%m/%d/%Y %I:%M %p"}

Headers and values are matched case-insensitively. A preset is a mapping file shipped in
`ingest/presets/`, named after the file (`salesforce-opportunities`).
"""

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pacesetter.domain.errors import Invalid
from pacesetter.ingest.cells import Cell, DateFormats, is_blank, text

PRESETS = Path(__file__).parent / "presets"
_SECTIONS = frozenset({"kind", "columns", "derive", "values", "dates"})
_DERIVE_KEYS = frozenset({"from", "map", "default"})
_DATE_KEYS = frozenset({"format", "datetime_format"})
_SPACES = re.compile(r"\s+")


class MappingError(Invalid):
    """A mapping file that cannot be used; the message names the file and the problem."""


def fold(name: str) -> str:
    """How headers and values are compared: trimmed, single-spaced, case-insensitive."""
    return _SPACES.sub(" ", name.strip()).casefold()


def canonical(name: str) -> str:
    """A header as a Pacesetter column name: `External ID` -> `external_id`."""
    return fold(name).replace(" ", "_").replace("-", "_")


@dataclass(frozen=True)
class Derivation:
    """`target` = `table[value of source]`, else `default`, else the value unchanged."""

    target: str
    source: str | None
    table: Mapping[str, str]
    default: str | None

    def apply(self, cell: Cell) -> Cell:
        if is_blank(cell):
            return self.default
        found = self.table.get(fold(text(cell, 1_000_000)))
        if found is not None:
            return found
        return self.default if self.default is not None else cell


@dataclass(frozen=True)
class ColumnMapping:
    name: str
    kind: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    derive: tuple[Derivation, ...] = ()
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    formats: DateFormats = field(default_factory=DateFormats)


def load_mapping(path: Path) -> ColumnMapping:
    """Read a mapping file (`.json` as JSON, anything else as YAML)."""
    import yaml  # here: an import without a mapping does not pay for loading it

    try:
        raw = path.read_text(encoding="utf-8-sig")
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.safe_load(raw)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise MappingError(f"mapping {path.name}: cannot be read ({error})") from None
    return mapping_from_data(data, path.name)


def preset_names() -> list[str]:
    return sorted(path.stem for path in PRESETS.glob("*.yaml"))


def load_preset(name: str) -> ColumnMapping:
    if name not in preset_names():
        raise MappingError(f"unknown preset {name!r} (presets: {', '.join(preset_names())})")
    return load_mapping(PRESETS / f"{name}.yaml")


def mapping_from_data(data: Any, name: str) -> ColumnMapping:
    """Check and build a mapping from parsed YAML/JSON; every message names the mapping."""
    section = _Sections(name)
    body = section.table(data, "the mapping")
    unknown = set(body) - _SECTIONS
    if unknown:
        raise MappingError(f"mapping {name}: unknown section(s) {', '.join(sorted(unknown))}")
    return ColumnMapping(
        name=name,
        kind=None if body.get("kind") is None else str(body["kind"]),
        columns={fold(k): canonical(v) for k, v in section.words(body, "columns").items()},
        derive=tuple(
            section.derivation(canonical(target), entry)
            for target, entry in section.items(body, "derive")
        ),
        values={
            canonical(column): section.folded_words(table, f"values.{column}")
            for column, table in section.items(body, "values")
        },
        formats=section.formats(body.get("dates")),
    )


@dataclass(frozen=True)
class _Sections:
    """Checks of the parts of one mapping, raising `MappingError` that names it."""

    name: str

    def fail(self, message: str) -> MappingError:
        return MappingError(f"mapping {self.name}: {message}")

    def table(self, data: Any, what: str) -> Mapping[Any, Any]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            raise self.fail(f"{what} must be a table of names to values")
        return data

    def items(self, body: Mapping[str, Any], key: str) -> list[tuple[str, Any]]:
        return [(str(k), v) for k, v in self.table(body.get(key), key).items()]

    def words(self, body: Mapping[str, Any], key: str) -> dict[str, str]:
        entries = self.table(body.get(key), key)
        if any(v is None or isinstance(v, Mapping | list) for v in entries.values()):
            raise self.fail(f"every entry of {key} must be a single value")
        return {str(k): str(v) for k, v in entries.items()}

    def folded_words(self, data: Any, where: str) -> dict[str, str]:
        return {fold(k): v for k, v in self.words({where: data}, where).items()}

    def derivation(self, target: str, data: Any) -> Derivation:
        entry = self.table(data, f"derive.{target}")
        if set(entry) - _DERIVE_KEYS or not ({"from", "default"} & set(entry)):
            raise self.fail(f"derive.{target} takes from, map and default (from or default needed)")
        default = entry.get("default")
        source = entry.get("from")
        return Derivation(
            target=target,
            source=None if source is None else str(source),
            table=self.folded_words(entry.get("map"), f"derive.{target}.map"),
            default=None if default is None else str(default),
        )

    def formats(self, data: Any) -> DateFormats:
        entry = self.words({"dates": data}, "dates")
        if set(entry) - _DATE_KEYS or any("%" not in fmt for fmt in entry.values()):
            raise self.fail("dates takes format and datetime_format, as strftime patterns")
        return DateFormats(entry.get("format"), entry.get("datetime_format"))
