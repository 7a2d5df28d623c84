"""Outline numbering is computed from depth: I., 1., a), -."""

from __future__ import annotations

import pytest

from macros.core.numbering import letter, number_label, number_tree, roman


@pytest.mark.parametrize(("n", "expected"), [
    (1, "I"), (2, "II"), (3, "III"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV"), (15, "XV"), (40, "XL"), (1954, "MCMLIV"),
])
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected


@pytest.mark.parametrize(("n", "expected"), [(1, "a"), (4, "d"), (5, "đ"), (6, "e"), (7, "g"), (10, "k"), (23, "y"),
                                             (24, "aa"), (25, "ab")])
def test_letters_follow_the_vietnamese_alphabet(n: int, expected: str) -> None:
    assert letter(n) == expected


@pytest.mark.parametrize(("depth", "index", "expected"), [
    (1, 1, "I."), (1, 4, "IV."), (2, 1, "1."), (2, 12, "12."), (3, 1, "a)"), (3, 5, "đ)"), (4, 1, "-"), (5, 3, "-"),
])
def test_number_label(depth: int, index: int, expected: str) -> None:
    assert number_label(depth, index) == expected


def test_number_tree_numbers_each_level_from_one() -> None:
    tree = {"A": ["A1", "A2"], "B": ["B1"], "A1": ["x", "y"], "A2": [], "B1": [], "x": ["deep"], "y": [], "deep": []}
    numbered = number_tree(["A", "B"], lambda item: tree[item])
    flat = []

    def walk(nodes):
        for node in nodes:
            flat.append((node.label, node.item))
            walk(node.children)

    walk(numbered)
    assert flat == [("I.", "A"), ("1.", "A1"), ("a)", "x"), ("-", "deep"), ("b)", "y"), ("2.", "A2"),
                    ("II.", "B"), ("1.", "B1")]
