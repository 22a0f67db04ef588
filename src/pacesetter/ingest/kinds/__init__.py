"""The kinds of file Pacesetter imports: one module per kind, one entry in `KINDS`.

Adding a kind:

1. Write `kinds/<name>.py` with a subclass of `kinds.base.Kind` that declares
   - `name` (the word used by `pacesetter import NAME` and the API), `table` (the Core table
     written), `required` and `optional` columns (data-formats.md);
   - `key` (the table columns of the natural key; `external_id` by default) and, when it is not
     `external_id`, `key_columns` (the file columns that give it) and `key_label`;
   - `parse(row)`: one row into a dict of table values, with `row.text/number/day/moment/
     choice/flag/ref(...)`, which record every bad cell; cross-field checks call `row.fail`;
   - references, as directories loaded once in `__init__` (`refs.load_people` ...).
   A kind whose rows refer to one another overrides `keep` and `check_rows` (see `people`); one
   that keeps a history of changes overrides `on_update` (see `deals`); one that must write
   otherwise than by natural-key upsert overrides `write(records, upserter)`, where iterating
   `records` gives the checked records chunk by chunk (see `people`, and `goals`, which writes
   through the goals service).
2. Add the class to `KINDS` below. The CLI, the service, mappings and presets pick it up.
3. Document its columns in docs/importing.md and add its tests to tests/ingest/.
"""

from pacesetter.domain.errors import Invalid
from pacesetter.ingest.kinds.accounts import Accounts
from pacesetter.ingest.kinds.activities import Activities
from pacesetter.ingest.kinds.base import Kind, KindContext
from pacesetter.ingest.kinds.coaching import Coaching
from pacesetter.ingest.kinds.deals import Deals
from pacesetter.ingest.kinds.forecasts import Forecasts
from pacesetter.ingest.kinds.goals import Goals
from pacesetter.ingest.kinds.people import People
from pacesetter.ingest.kinds.plans import Plans

KINDS: dict[str, type[Kind]] = {
    kind.name: kind
    for kind in (People, Accounts, Deals, Activities, Forecasts, Goals, Plans, Coaching)
}


def kind_named(name: str) -> type[Kind]:
    try:
        return KINDS[name]
    except KeyError:
        raise Invalid(f"unknown kind {name!r} (kinds: {', '.join(KINDS)})") from None


__all__ = ["KINDS", "Kind", "KindContext", "kind_named"]
