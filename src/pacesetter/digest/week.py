"""The week a digest is about, and the other periods it reads (docs/digest.md)."""

from dataclasses import dataclass
from datetime import date, timedelta

from pacesetter.domain.periods import Period, PeriodError, PeriodKind, parse_period, period_of


@dataclass(frozen=True)
class DigestWeek:
    """ISO week W, read at its last day; "before" is the same reading a week earlier."""

    week: Period
    fiscal_start: int

    @classmethod
    def parse(cls, text: str, fiscal_start: int) -> "DigestWeek":
        week = parse_period(text, fiscal_start)
        if week.kind != PeriodKind.WEEK:
            raise PeriodError(f"{text!r} is not an ISO week (for example 2026-W07)")
        return cls(week, fiscal_start)

    @property
    def name(self) -> str:
        return self.week.name

    @property
    def as_of(self) -> date:
        return self.week.end

    @property
    def before(self) -> date:
        return self.week.end - timedelta(days=7)

    def month(self, day: date | None = None) -> Period:
        return period_of(day or self.as_of, PeriodKind.MONTH, self.fiscal_start)

    def quarter(self) -> Period:
        return period_of(self.as_of, PeriodKind.QUARTER, self.fiscal_start)

    def month_falling_due(self) -> Period | None:
        """The month whose plan (the 1:1 commitments) ends in the coming week, if one does."""
        ending = self.month(self.as_of + timedelta(days=1))
        return ending if ending.end <= self.as_of + timedelta(days=7) else None
