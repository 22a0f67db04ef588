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
2. Add its name and class to `_CLASSES` below. The CLI, the service, mappings and presets pick
   it up. A kind's module is imported the first time `KINDS[name]` is asked for: importing
   people does not load the goals service, nor listing the kinds any of them.
3. Document its columns in docs/importing.md and add its tests to tests/ingest/.
"""

from collections.abc import Iterator, Mapping
from importlib import import_module

from pacesetter.domain.errors import Invalid
from pacesetter.ingest.kinds.base import Kind, KindContext

# name (the module's too) -> the Kind subclass in it, in the order the kinds are listed.
_CLASSES = {
    "people": "People",
    "accounts": "Accounts",
    "deals": "Deals",
    "activities": "Activities",
    "forecasts": "Forecasts",
    "goals": "Goals",
    "plans": "Plans",
    "coaching": "Coaching",
}


class _Kinds(Mapping[str, type[Kind]]):
    """Kind name -> its class, the class's module imported when it is first looked up."""

    def __getitem__(self, name: str) -> type[Kind]:
        class_name = _CLASSES[name]  # an unknown name is a KeyError, before any import
        kind: type[Kind] = getattr(import_module(f"{__name__}.{name}"), class_name)
        return kind

    def __contains__(self, name: object) -> bool:
        return name in _CLASSES

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASSES)

    def __len__(self) -> int:
        return len(_CLASSES)


KINDS: Mapping[str, type[Kind]] = _Kinds()


def kind_named(name: str) -> type[Kind]:
    try:
        return KINDS[name]
    except KeyError:
        raise Invalid(f"unknown kind {name!r} (kinds: {', '.join(KINDS)})") from None


__all__ = ["KINDS", "Kind", "KindContext", "kind_named"]
