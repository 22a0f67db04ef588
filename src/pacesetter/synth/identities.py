"""Unique people names and emails, and unique account names, from the built-in word lists."""

import math
import random
import unicodedata

from pacesetter.synth.names import (
    ACCOUNT_PREFIXES,
    ACCOUNT_STEMS,
    FIRST_NAMES,
    INDUSTRIES,
    LAST_NAMES,
)

NAME_RETRIES = 5


class PeopleNamer:
    """Hands out full names and `first.last@domain` emails; a clash gets a number (`ana.silva2`)."""

    def __init__(self, rng: random.Random, domain: str) -> None:
        self._rng = rng
        self._domain = domain
        self._names_taken: set[str] = set()  # membership only, never iterated
        self._email_uses: dict[str, int] = {}

    def next(self) -> tuple[str, str]:
        first, last = self._draw()
        for _ in range(NAME_RETRIES):
            if f"{first} {last}" not in self._names_taken:
                break
            first, last = self._draw()
        self._names_taken.add(f"{first} {last}")
        return f"{first} {last}", self._email(first, last)

    def _draw(self) -> tuple[str, str]:
        return self._rng.choice(FIRST_NAMES), self._rng.choice(LAST_NAMES)

    def _email(self, first: str, last: str) -> str:
        local = f"{_ascii(first)}.{_ascii(last)}"
        uses = self._email_uses.get(local, 0) + 1
        self._email_uses[local] = uses
        return f"{local}{uses if uses > 1 else ''}@{self._domain}"


def _ascii(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


class AccountNamer:
    """Unique account names without remembering them: index i maps to a distinct word triple.

    Stepping through all triples with a stride coprime to their count visits each exactly once,
    so 200,000 accounts need no set of names in memory.
    """

    def __init__(self, rng: random.Random) -> None:
        self._total = len(ACCOUNT_PREFIXES) * len(ACCOUNT_STEMS) * len(INDUSTRIES)
        self._offset = rng.randrange(self._total)
        self._stride = _coprime_stride(self._total, rng)

    def name(self, index: int) -> str:
        lap, position = divmod(index, self._total)
        code = (self._offset + position * self._stride) % self._total
        code, industry = divmod(code, len(INDUSTRIES))
        prefix, stem = divmod(code, len(ACCOUNT_STEMS))
        base = f"{ACCOUNT_PREFIXES[prefix]}{ACCOUNT_STEMS[stem]} {INDUSTRIES[industry]}"
        return base if lap == 0 else f"{base} {lap + 1}"


def _coprime_stride(total: int, rng: random.Random) -> int:
    stride = rng.randrange(total // 3, total // 2)
    while math.gcd(stride, total) != 1:
        stride += 1
    return stride
