"""Reading the home page as data: the raw values its cells carry and the JSON of its charts.

Numbers on the page are tagged `data-metric` + `data-value` (the unformatted value); those in
the tree sit in a row tagged `data-person`. Tests compare these with the API and the scorecard
without parsing formatted money.
"""

import json
import re
from html.parser import HTMLParser
from typing import Any

Cells = dict[int | None, dict[str, float]]


class _CellReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.person: int | None = None
        self.cells: Cells = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr":
            self.person = int(found["data-person"] or 0) if "data-person" in found else None
        if found.get("data-metric") and found.get("data-value") is not None:
            row = self.cells.setdefault(self.person, {})
            row[str(found["data-metric"])] = float(str(found["data-value"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.person = None


def page_cells(page: str) -> Cells:
    """{person id: {metric: value}} for the tree; key None for the figures outside it."""
    reader = _CellReader()
    reader.feed(page)
    return reader.cells


def chart_data(page: str, name: str) -> dict[str, Any]:
    """The JSON a chart script reads (`bars-data`, `trend-data`)."""
    found = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', page, re.S)
    assert found is not None, f"no {name} on the page"
    return json.loads(found.group(1))
