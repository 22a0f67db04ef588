"""The screen cache on its own (store/screen_cache.py): bounded, least recently used out first,
older versions of a database dropped once a newer one is stored, failed builds never kept, and
concurrent misses of one key built once."""

import threading
import time

import pytest

from pacesetter.store.screen_cache import ScreenCache


def key(screen: str, version: int, database: str = "db") -> tuple[str, str, int, tuple[()]]:
    return (screen, database, version, ())


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = ScreenCache(entries=2)
    cache.get_or_build(key("a", 1), lambda: "A")
    cache.get_or_build(key("b", 1), lambda: "B")
    cache.get_or_build(key("a", 1), lambda: "rebuilt")  # a is now the most recent
    cache.get_or_build(key("c", 1), lambda: "C")
    assert cache.get_or_build(key("a", 1), lambda: "rebuilt") == "A"
    assert cache.get_or_build(key("b", 1), lambda: "rebuilt") == "rebuilt"


def test_a_newer_version_drops_the_older_ones_of_its_database_only() -> None:
    cache = ScreenCache()
    cache.get_or_build(key("a", 1), lambda: "A1")
    cache.get_or_build(key("a", 1, "other"), lambda: "other A1")
    cache.get_or_build(key("b", 2), lambda: "B2")
    assert cache.get_or_build(key("a", 1), lambda: "rebuilt") == "rebuilt"
    assert cache.get_or_build(key("a", 1, "other"), lambda: "rebuilt") == "other A1"


def test_a_failed_build_is_not_kept() -> None:
    cache = ScreenCache()

    def refused() -> str:
        raise LookupError("not found")

    with pytest.raises(LookupError):
        cache.get_or_build(key("a", 1), refused)
    assert cache.get_or_build(key("a", 1), lambda: "A") == "A"


def test_concurrent_misses_of_one_key_build_it_once() -> None:
    cache, builds = ScreenCache(), []

    def slow() -> str:
        builds.append(1)
        time.sleep(0.05)
        return "A"

    found: list[str] = []
    threads = [
        threading.Thread(target=lambda: found.append(cache.get_or_build(key("a", 1), slow)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == ["A"] * 8 and len(builds) == 1
