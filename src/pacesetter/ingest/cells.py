"""Reading one cell: text, numbers, yes/no, choices, dates and moments in time.

A cell is what the reader gives: text from a CSV file, or the typed value of a spreadsheet cell
(int, float, bool, datetime, None). Each parser returns a Python value or raises `CellError`
with a reason in the user's words; the row records it against the line and column.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from math import isfinite
from zoneinfo import ZoneInfo

Cell = str | int | float | bool | date | datetime | None

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Thousands separators as spreadsheets write them: 1,234,567.89.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_CURRENCY_SIGNS = "$€£¥"
_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
# What a spreadsheet treats as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@")
_SAMPLE_DAY = datetime(2026, 3, 31, 14, 30)


class CellError(ValueError):
    """A cell that cannot be read as its column requires; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# The hot paths below test `cell.__class__ is str` first: CSV cells are always text, and that
# test is the cheapest there is on ten million rows.


def is_blank(cell: Cell) -> bool:
    if cell.__class__ is str:
        return not cell or cell.isspace()  # type: ignore[union-attr]
    return cell is None


def text(cell: Cell, max_length: int) -> str:
    """The cell as text, trimmed; numbers from a spreadsheet lose a spurious `.0`."""
    if cell.__class__ is str:
        value = cell.strip()  # type: ignore[union-attr]
    elif isinstance(cell, bool):
        value = "true" if cell else "false"
    elif isinstance(cell, float) and cell.is_integer():
        value = str(int(cell))
    elif isinstance(cell, datetime | date):
        value = cell.isoformat()
    else:
        value = str(cell).strip()
    if len(value) > max_length:
        raise CellError(f"longer than {max_length:,} characters")
    return value


def number(cell: Cell) -> float:
    """A finite number: `1234.5`, `1,234.50`, `$1,234`, `-5`, `1.2E+06` or a numeric cell."""
    if isinstance(cell, bool) or not isinstance(cell, str | int | float):
        raise CellError("not a number")
    value = float(cell) if isinstance(cell, int | float) else _number_from_text(cell)
    if not isfinite(value):
        raise CellError("not a finite number")
    return value


def _number_from_text(cell: str) -> float:
    digits = cell.strip()
    sign = digits[0] if digits[:1] in ("+", "-") else ""
    digits = digits[len(sign) :].lstrip(_CURRENCY_SIGNS)
    if _GROUPED.fullmatch(digits):
        digits = digits.replace(",", "")
    if not _NUMBER.fullmatch(digits):
        raise CellError("not a number (use digits and a decimal point, e.g. 1234.50)")
    return float(sign + digits)


def flag(cell: Cell) -> bool:
    """Yes/no: true/false, yes/no or 1/0 in any case (a blank cell is read as no by the row)."""
    if cell in _FLAGS:
        return _FLAGS[cell]  # type: ignore[index]
    found = _FLAGS.get(text(cell, 64).lower())
    if found is None:
        raise CellError("not a yes/no value (use true/false, yes/no or 1/0)")
    return found


def choice(cell: Cell, allowed: Sequence[str]) -> str:
    """One of `allowed`, in any case."""
    if cell in allowed:
        return cell  # type: ignore[return-value]
    word = text(cell, 64).lower()
    if word not in allowed:
        raise CellError(f"unknown value (expected one of: {', '.join(allowed)})")
    return word


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would run this text as a formula; plain numbers are harmless."""
    if not value.startswith(FORMULA_STARTS):
        return False
    return not _NUMBER.fullmatch(value)


def neutralise_formula(value: str) -> str:
    """The text as a CSV export must write it: a leading apostrophe keeps it from running."""
    return "'" + value if looks_like_formula(value) else value


@dataclass(frozen=True)
class DateFormats:
    """How dates are written in one file: ISO 8601 always works; a mapping may add a
    strftime `date` format (e.g. `%m/%d/%Y`) and a `moment` format for date-times."""

    day_format: str | None = None
    moment_format: str | None = None

    @property
    def iso_only(self) -> bool:
        return self.day_format is None and self.moment_format is None

    def day(self, cell: Cell) -> date:
        """A calendar date; a date-time gives its date (exports often add a time)."""
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        return self.moment(cell).date()

    def moment(self, cell: Cell) -> datetime:
        """A date-time, naive (local) or with its offset; a plain date is its midnight."""
        if isinstance(cell, datetime):
            return cell
        if isinstance(cell, date):
            return datetime.combine(cell, time())
        if not isinstance(cell, str):
            raise CellError(f"not a date ({self._expected()})")
        return self._parse(cell.strip())

    def _parse(self, value: str) -> datetime:
        for fmt in (self.moment_format, self.day_format):
            if fmt is not None:
                try:
                    return datetime.strptime(value, fmt)
                except ValueError:
                    pass
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise CellError(f"not a date ({self._expected()})") from None

    def _expected(self) -> str:
        shapes = [_SAMPLE_DAY.strftime(fmt) for fmt in (self.day_format, self.moment_format) if fmt]
        return "expected " + " or ".join([*shapes, "YYYY-MM-DD", "YYYY-MM-DDTHH:MM"])


class LocalClock:
    """Places a moment in the organisation's time zone: stored as naive UTC, counted on the
    local date. A moment without an offset is local time (CRMs export in the user's zone)."""

    def __init__(self, zone_name: str) -> None:
        self.zone = ZoneInfo(zone_name)
        self._is_utc = zone_name in ("UTC", "Etc/UTC")

    def place(self, moment: datetime) -> tuple[datetime, date]:
        """(the moment in naive UTC, its local date)."""
        if self._is_utc:
            if moment.tzinfo is None:
                return moment, moment.date()
            utc = moment.astimezone(UTC).replace(tzinfo=None)
            return utc, utc.date()
        local = moment.replace(tzinfo=self.zone) if moment.tzinfo is None else moment
        utc = local.astimezone(UTC).replace(tzinfo=None)
        return utc, local.astimezone(self.zone).date()
