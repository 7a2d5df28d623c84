"""Vietnamese alphabetical order for one build: each text's sort key (macros.core.vietnamese.sort_key, which
splits every word into letters and tones) computed once, however many pages list the same names and titles. The
Site holds one; nothing is kept between builds."""

from __future__ import annotations

from typing import Callable, Iterable, TypeVar

from macros.core.vietnamese import sort_key

T = TypeVar("T")


class Collation:
    def __init__(self) -> None:
        self._keys: dict[str, tuple] = {}
        self._words: dict[str, tuple] = {}  # the levels of each word (sort_key's `words`)

    def key(self, text: str) -> tuple:
        """sort_key(text), remembered for the build."""
        if not isinstance(text, str):  # not expected; computed each time rather than hashed
            return sort_key(text)
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = sort_key(text, self._words)
        return found

    def sort_by(self, items: Iterable[T], text: Callable[[T], str]) -> list[T]:
        """`items` in Vietnamese alphabetical order of `text(item)` (vietnamese.sort_by, keys remembered)."""
        return sorted(items, key=lambda item: self.key(text(item)))
