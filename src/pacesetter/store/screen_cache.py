"""Built screens, kept per process and keyed by the data version, so none is ever served stale.

`@cached_screen("name")` wraps a builder whose first argument is the session. Its key is the
screen's name, the database, the data version the transaction reads (store/versioning.py: one
primary-key read) and every other argument as a value: the viewer's scope, the period, the
as-of date, a manager's id (the organisation's "today" reaches a builder only through them:
builders never read the clock). Any write that commits moves the version, so an entry can only
be found by a transaction that sees the very data it was built from; entries of older versions
are dropped when a newer one is stored.

A transaction that has written and not committed builds without the cache: what it sees may
still roll back. Concurrent requests for the same missing entry build it once (the others wait
for it); the cache is bounded (least recently used first out) and safe across threads. Cached
values are shared by every request that finds them: renderers only read them
(tests/store/test_screen_cache.py renders every format of each cached screen and compares it
with a fresh build afterwards).
"""

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from enum import Enum
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

from pacesetter.store.versioning import current_version, has_written

P = ParamSpec("P")
T = TypeVar("T")
Key = tuple[Hashable, ...]
ENTRIES = 128  # the director's screens at 5,000 reps are a few MB each
_PLAIN = (type(None), bool, int, float, str, date, Enum)


class ScreenCache:
    """A bounded LRU of built screens; each key is built by one thread at a time."""

    def __init__(self, entries: int = ENTRIES) -> None:
        self.entries = entries
        self.hits = self.misses = 0
        self._values: OrderedDict[Key, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Key, threading.Lock] = {}

    def get_or_build(self, key: Key, build: Callable[[], T]) -> T:
        found = self._get(key)
        if found is not None:
            return found[0]  # type: ignore[no-any-return]
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            found = self._get(key)  # built meanwhile by the thread this one waited for
            if found is not None:
                return found[0]  # type: ignore[no-any-return]
            try:
                value = build()  # a build that fails (a screen not found) is not kept
                with self._lock:
                    self.misses += 1
                    self._store(key, value)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def _get(self, key: Key) -> tuple[Any] | None:
        with self._lock:
            if key not in self._values:
                return None
            self.hits += 1
            self._values.move_to_end(key)
            return (self._values[key],)

    def _store(self, key: Key, value: Any) -> None:
        _, database, version, *_ = key
        stale = [k for k in self._values if k[1] == database and k[2] < version]  # type: ignore[operator]
        for old in stale:
            del self._values[old]
        self._values[key] = value
        while len(self._values) > self.entries:
            self._values.popitem(last=False)


SCREENS = ScreenCache()


def cached_screen(name: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Cache a builder `(session, *values) -> screen` in `SCREENS`; the uncached builder stays
    reachable as `__wrapped__`."""

    def decorate(build: Callable[P, T]) -> Callable[P, T]:
        @wraps(build)
        def cached(*args: P.args, **kwargs: P.kwargs) -> T:
            session = args[0]
            assert isinstance(session, Session)
            if has_written(session):
                return build(*args, **kwargs)
            values = (*args[1:], *sorted(kwargs.items()))
            key = (name, _database(session), current_version(session), _keyed(session, values))
            return SCREENS.get_or_build(key, lambda: build(*args, **kwargs))

        return cached

    return decorate


def _database(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def _keyed(session: Session, value: Any) -> Hashable:
    """`value` as a key: plain values as they are; a frozen dataclass (a scope, a period) by
    its fields; a stored object by its identity (its state is the data version's), an unsaved
    one by its columns; a query (a set of people) by its structure and bound values."""
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, tuple | list):
        return tuple(_keyed(session, item) for item in value)
    if isinstance(value, ClauseElement):
        return _query_key(session, value)
    if dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen:  # type: ignore[union-attr]
        fields = (getattr(value, field.name) for field in dataclasses.fields(value))
        return (type(value).__name__, *(_keyed(session, field) for field in fields))
    state = inspect(value, raiseerr=False)
    if state is not None and state.identity is not None:
        return (type(value).__name__, state.identity)
    if state is not None:  # unsaved (the organisation's default settings): by its columns
        columns = (getattr(value, column.key) for column in state.mapper.column_attrs)
        return (type(value).__name__, *(_keyed(session, column) for column in columns))
    raise TypeError(f"a cached screen cannot be keyed by {type(value).__name__}")


def _query_key(session: Session, query: ClauseElement) -> Hashable:
    """A query by the key SQLAlchemy's own statement cache uses (its structure, without the
    values) and its bound values: a few microseconds, where compiling it with the values
    inlined takes milliseconds. A construct SQLAlchemy cannot key is compiled."""
    found = query._generate_cache_key()
    if found is None:
        dialect = session.get_bind().dialect
        return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    return (found.key, _keyed(session, [bound.effective_value for bound in found.bindparams]))
