"""The people of the synthetic org and the traits that drive everything they generate."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from pacesetter.domain.vocab import ManagerType, Role
from pacesetter.synth.calendar import Window, month_end
from pacesetter.synth.profiles import Focus


@dataclass(slots=True)
class Traits:
    """Hidden factors: never written, but every generated number follows from them."""

    archetype: str = "steady"
    effort: float = 1.0  # activity volume relative to the team standard
    skill: float = 1.0  # win rate, coaching ratings and decision-maker access
    target_focus: float = 0.3  # share of touches on target accounts
    hygiene: float = 0.9  # CRM discipline: chance an open deal has a next step
    discipline: float = 0.9  # managers: how reliably the coaching rhythm is kept
    selling_share: float = 0.0  # player-coaches: own activity volume as a share of a rep's
    personal_share: float = 0.0  # player-coaches: personal revenue target in rep targets
    forecast_bias: float = 1.0
    forecast_noise: float = 0.08


@dataclass(slots=True)
class Person:
    index: int
    external_id: str
    name: str
    email: str
    role: Role
    manager: int | None
    team: str
    territory: str
    start: date
    end: date | None = None
    manager_type: ManagerType | None = None
    focus: Focus | None = None
    traits: Traits = field(default_factory=Traits)
    reports: list[int] = field(default_factory=list)

    @property
    def sells(self) -> bool:
        return self.role == Role.REP or self.manager_type == ManagerType.PLAYER_COACH

    @property
    def activity_scale(self) -> float:
        """Own selling activity relative to an average rep of the same team."""
        return self.traits.effort if self.role == Role.REP else self.traits.selling_share

    @property
    def deal_scale(self) -> float:
        """Deals created relative to an average rep; player-coaches work fewer, bigger deals.

        Effort buys pipeline with diminishing returns (square root), so a skilled rep who
        works little can still make the number and a busy, unskilled one can still miss it.
        """
        if self.role == Role.REP:
            return self.traits.effort**0.5
        assert self.focus is not None
        return self.traits.personal_share * self.focus.coach_deal_ratio()

    def last_day(self, window: Window) -> date:
        return min(self.end, window.as_of) if self.end else window.as_of

    def employed_months(self, window: Window) -> Iterator[tuple[date, date]]:
        """(first, last) employed day of each window month, never past the as-of date."""
        for month in window.months():
            first, last = max(month, self.start), min(month_end(month), self.last_day(window))
            if first <= last:
                yield first, last


@dataclass(slots=True)
class Org:
    company: str
    domain: str
    window: Window
    people: list[Person]

    def manager_of(self, person: Person) -> Person | None:
        return None if person.manager is None else self.people[person.manager]

    def sellers(self) -> list[Person]:
        return [p for p in self.people if p.sells]

    def leaders(self) -> list[Person]:
        """Everyone with direct reports: managers and directors."""
        return [p for p in self.people if p.reports]
