"""Absolute links into the app for mail (`PACESETTER_PUBLIC_URL` + the page's path)."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Links:
    public_url: str

    def _to(self, path: str, **query: object) -> str:
        tail = f"?{urlencode(query)}" if query else ""
        return f"{self.public_url.rstrip('/')}{path}{tail}"

    def home(self) -> str:
        return self._to("/")

    def preferences(self, person_id: int) -> str:
        return self._to(f"/people/{person_id}/mail")

    def goals(self, person_id: int) -> str:
        return self._to(f"/goals/people/{person_id}")

    def team_goals(self, manager_id: int) -> str:
        return self._to(f"/goals/team/{manager_id}")

    def goal(self, goal_id: int) -> str:
        return self._to(f"/goals/{goal_id}")

    def plan(self, person_id: int) -> str:
        return self._to(f"/quadrant/people/{person_id}")

    def manager(self, person_id: int) -> str:
        return self._to("/managers", manager_id=person_id)

    def record(self, record_id: int) -> str:
        return self._to(f"/coaching/{record_id}")

    def new_record(self, kind: str, person_id: int) -> str:
        return self._to("/coaching/new", type=kind, person_id=person_id)

    def earnings(self, person_id: int, period: str) -> str:
        return self._to(f"/incentives/people/{person_id}", period=period)
