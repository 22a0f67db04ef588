"""Checks every paged screen passes (http.queries.Paging): a page holds at most `per_page`
rows and says where it sits in the list with links to the pages beside it; page 2 holds the
next rows; the JSON twin answers the same rows with the same totals."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from web.client import UserClient


@dataclass(frozen=True)
class PagedScreen:
    """A page and its twin: `row` finds each row's name in the page (one group; the page shows
    its rows in `tables` tables, the first one counts), `names` reads them from the twin's
    answer."""

    page: str
    api: str
    row: re.Pattern[str]
    names: Callable[[dict[str, Any]], list[str]] = lambda body: [
        row["name"] for row in body["rows"]
    ]
    tables: int = 1

    def page_rows(self, browser: UserClient, query: str) -> tuple[list[str], str]:
        answer = browser.get(f"{self.page}?{query}")
        assert answer.status_code == 200
        names = self.row.findall(answer.text)
        assert len(names) % self.tables == 0
        return names[: len(names) // self.tables], answer.text

    def api_rows(self, browser: UserClient, query: str) -> tuple[list[str], dict[str, Any]]:
        answer = browser.get(f"{self.api}?{query}")
        assert answer.status_code == 200
        body = answer.json()
        return self.names(body), body["paging"]


def check_pages(screen: PagedScreen, browser: UserClient, query: str, per_page: int) -> int:
    """Walks every page of `per_page` rows; returns how many rows there were in all."""
    first_rows, _ = screen.api_rows(browser, f"{query}&per_page=500")
    total = len(first_rows)
    pages = max(1, -(-total // per_page))
    seen: list[str] = []
    for number in range(1, pages + 1):
        asked = f"{query}&per_page={per_page}&page={number}"
        shown, html = screen.page_rows(browser, asked)
        answered, paging = screen.api_rows(browser, asked)
        assert shown == answered  # the page and its twin: the same rows in the same order
        assert len(shown) == min(per_page, total - len(seen))
        first = len(seen) + 1
        assert paging == {
            "total": total,
            "page": number,
            "per_page": per_page,
            "pages": pages,
            "first": first if shown else 0,
            "last": len(seen) + len(shown),
        }
        if total:
            assert f" {first}\u2013{len(seen) + len(shown)} of {total}" in html
        assert ('rel="next"' in html) == (number < pages)
        assert ('rel="prev"' in html) == (number > 1)
        seen += shown
    assert seen == first_rows  # page 2 holds the rows after page 1's, and so on
    return total
