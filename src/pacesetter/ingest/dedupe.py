"""Finding natural keys given twice in one file, in about 8 bytes per row.

A set of ten million external ids would take about a gigabyte; their 64-bit hashes, kept in
256 arrays by low byte and sorted one array at a time at the end, take 80 MB. Equal hashes are
only suspects: the caller rescans the file for the suspect keys to confirm duplicates and find
their lines, so a hash collision costs a rescan, never a false error.
"""

from array import array
from collections.abc import Hashable
from itertools import pairwise

_PARTS = 256


class KeyHashes:
    def __init__(self) -> None:
        self._parts = [array("q") for _ in range(_PARTS)]

    def add(self, key: Hashable) -> None:
        digest = hash(key)
        self._parts[digest & (_PARTS - 1)].append(digest)

    def suspects(self) -> set[int]:
        """Hashes seen more than once (a set per part says whether there are any, quickly)."""
        repeated: set[int] = set()
        for part in self._parts:
            if len(set(part)) < len(part):
                ordered = sorted(part)
                repeated.update(a for a, b in pairwise(ordered) if a == b)
        return repeated
