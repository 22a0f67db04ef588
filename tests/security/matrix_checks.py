"""What the permission matrix asserts about one answer, and the tally it reports at the end of
the run (the figures in docs/security.md come from it).

- Nothing of a person outside the viewer's scope appears in any answer: not their email, not
  their external id, not their name (except the viewer's own managers' names, which a person's
  page shows). Headers count too (a download's file name), and a zipped download (XLSX) is read
  inside.
- An object outside the scope, or one that does not exist, is 404 when the route is about it.
- A change naming an object outside the scope is refused (403, 404 or 422) and changes nothing.
- No answer is a server error.
"""

import io
import zipfile
from collections import Counter
from dataclasses import dataclass

from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from pacesetter.store.models import Base

REFUSED = {403, 404, 422}
TALLY: Counter[str] = Counter()


@dataclass(frozen=True)
class Expectation:
    """What a request may answer, given the scope of what it names."""

    names_hidden: bool  # some object it names is outside the scope (or missing)
    addresses_hidden: bool  # ...and the route is about that object, not filtering by it
    is_write: bool


def snapshot(db: Session) -> dict[str, list[str]]:
    """Every row of every table, to prove that a refused change changed nothing."""
    db.flush()
    return {
        table.name: sorted(repr(tuple(row)) for row in db.execute(select(table)))
        for table in Base.metadata.sorted_tables
    }


def body_text(response: Response) -> str:
    """What a person could read in the answer: headers and body, a zipped file unpacked."""
    content = response.content
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = [archive.read(name) for name in archive.namelist()]
        content = b"\n".join(parts)
    return f"{response.headers}\n{content.decode('utf-8', 'replace')}"


def leaks(response: Response, secrets: dict[str, list[str]]) -> list[str]:
    text = body_text(response)
    return sorted({name for name, values in secrets.items() if any(v in text for v in values)})


def problems_with(
    response: Response, expected: Expectation, secrets: dict[str, list[str]], changed: bool
) -> list[str]:
    """Every rule the answer breaks (empty: it keeps them all)."""
    status, found = response.status_code, []
    if status >= 500:
        found.append(f"server error {status}")
    if leaked := leaks(response, secrets):
        found.append(f"leaks {', '.join(leaked)} (status {status})")
    if expected.names_hidden and expected.is_write and status not in REFUSED:
        found.append(f"a change outside the scope answered {status}")
    if changed:
        found.append("a change outside the scope changed the database")
    if expected.addresses_hidden and not expected.is_write and status != 404:
        found.append(f"a read outside the scope answered {status}, not 404")
    TALLY["requests"] += 1
    TALLY["leaks"] += bool(leaked)
    TALLY["refused outside the scope"] += expected.names_hidden
    return found
