"""Section numbering of outlines and plans, computed from depth as official documents number them:
I., II. at the first level; 1., 2. at the second; a), b) at the third; a dash below that.

Never typed by hand: seed 000 jumps from II to IV because someone did.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Sequence, TypeVar

# Nghị định 30/2020/NĐ-CP letters the third level with the Vietnamese alphabet (đ included, no f, j, w, z).
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]

T = TypeVar("T")


def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def letter(n: int) -> str:
    """a, b, …, y, then aa, ab, … for the rare list longer than the alphabet."""
    base = len(LETTERS)
    if n <= base:
        return LETTERS[n - 1]
    return letter((n - 1) // base) + LETTERS[(n - 1) % base]


def number_label(depth: int, index: int) -> str:
    """The label of the `index`-th item (from 1) at `depth` (from 1)."""
    if depth == 1:
        return f"{roman(index)}."
    if depth == 2:
        return f"{index}."
    if depth == 3:
        return f"{letter(index)})"
    return "-"


@dataclass(frozen=True)
class Numbered(Generic[T]):
    label: str
    depth: int
    item: T
    children: tuple["Numbered[T]", ...]


def number_tree(items: Sequence[T], children_of, depth: int = 1) -> tuple[Numbered[T], ...]:
    """Number a tree of sections; `children_of(item)` gives an item's subsections."""
    return tuple(Numbered(number_label(depth, i), depth, item, number_tree(children_of(item), children_of, depth + 1))
                 for i, item in enumerate(items, start=1))
