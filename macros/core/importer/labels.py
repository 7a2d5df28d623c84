"""The numbers and marks printed at the head of a paragraph ("I-", "II.", "A.", "1.", "1.1.", "a)", "(1)", "-",
"+"): read from the start of a line, or from Word's own numbering, into a label with a style and a value, so the
structure can nest sections as the document numbers them and build the refs the data uses ("II.1.2", "B.I.2.1")."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vietnamese documents letter their points a), b), c), d), đ), e), g)… (Nghị định 30/2020/NĐ-CP, Phụ lục I).
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# A printed number is at most this (seed 002's section D runs to 26); larger numbers at a line start are years or
# figures that a line break put there ("2025. Kết quả…").
MAX_NUMBER = 60

# A label is followed by a capital letter (maybe after a quote or a parenthesis): "- xã hội" at a line start is the
# end of "kinh tế - xã hội", not a bullet. `_upper_follows` checks that after the pattern matched.
_ROMAN = re.compile(r"(?P<core>[IVXLC]{1,6})\s*[.\-–)]\s*")
_CAPITAL = re.compile(r"(?P<core>[A-HK-UWYĐ])\s*[.)]\s*")
_ARABIC = re.compile(r"(?P<core2>\d{1,2}(?:\.\d{1,2})+)\s+|(?P<core>\d{1,2}(?:\.\d{1,2})*)(?P<end>\.|\))\s*")
_LETTER = re.compile(r"(?P<core>[a-zđ])\s*\)\s*")
_PAREN = re.compile(r"\((?P<core>\d{1,2})\)\s*\.?\s*")
_DASH = re.compile(r"[-–—•]\s*")
_PLUS = re.compile(r"\+\s*")
_OPENERS = "\"“‘'(«"
_WORD_LABEL = re.compile(r"(?P<core>[IVXLC]{1,6}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*|[a-zđ]|\(\d{1,2}\))\s*[.\-–)]*\s*$")

BULLETS = ("dash", "plus", "paren")  # list items inside a section, never a section of their own


@dataclass(frozen=True)
class Label:
    """A printed label: its text as printed ("IV-", "1.1.", "a)", "-"), its style and the parts of its number."""

    text: str
    style: str  # "roman", "capital", "arabic", "letter", "paren", "dash", "plus"
    parts: tuple[str, ...] = ()  # ("IV",), ("1", "1"), ("a",), () for bullets

    @property
    def key(self) -> str:
        """What nests alike: "arabic2" for every "1.1.", "letter" for every "a)"."""
        return f"arabic{len(self.parts)}" if self.style == "arabic" else self.style

    @property
    def core(self) -> str:
        """The label as a ref writes it: "IV", "1.1", "a"."""
        return ".".join(self.parts)

    @property
    def value(self) -> int:
        """The value of the last part: 4 for "IV-", 2 for "1.2.", 2 for "b)"; 0 for bullets."""
        if not self.parts:
            return 0
        last = self.parts[-1]
        if self.style == "roman":
            return roman_value(last)
        if self.style in ("capital", "letter"):
            return _LETTERS.index(last.lower()) + 1 if last.lower() in _LETTERS else 0
        return int(last) if last.isdigit() else 0

    @property
    def is_bullet(self) -> bool:
        return self.style in BULLETS


def roman_value(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""]):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def split_label(text: str, previous_capital: int = 0) -> tuple[Label | None, str]:
    """The label at the start of a printed line and the rest of the line; (None, text) when there is none.
    `previous_capital` is the value of the last "A.", "B." label seen, which tells "C." (after "B.") from the Roman
    hundred."""
    for reader in (_read_paren, _read_arabic, _read_roman_or_capital, _read_letter, _read_bullet):
        found = reader(text, previous_capital)
        if found is not None:
            return found
    return None, text


def word_label(label_text: str, text: str) -> tuple[Label | None, str]:
    """A label Word numbers by itself (`Line.label`), given apart from the text."""
    mark = label_text.strip()
    if not mark:
        return None, text
    if mark in ("-", "–", "—", "•", "·", "o", "▪", "●", "◦", "*"):
        return Label(mark if mark in "-–—" else "-", "dash"), text
    if mark == "+":
        return Label("+", "plus"), text
    found = _WORD_LABEL.match(mark)
    if found is None:
        return Label(mark, "dash"), text
    core = found["core"]
    if core.startswith("("):
        return Label(mark, "paren", (core.strip("()"),)), text
    if core[0].isdigit():
        return Label(mark, "arabic", tuple(core.split("."))), text
    if all(c in "IVXLC" for c in core):
        return Label(mark, "roman", (core,)), text
    if core.isupper():
        return Label(mark, "capital", (core,)), text
    return Label(mark, "letter", (core,)), text


def _rest(text: str, end: int) -> str:
    return text[end:].strip()


def _upper_follows(text: str, found: re.Match[str] | None) -> bool:
    """Whether the pattern matched and a capital letter (maybe after a quote) follows it."""
    if found is None:
        return False
    rest = text[found.end():].lstrip(_OPENERS)
    return bool(rest) and rest[0].isalpha() and rest[0].isupper()


def _read_paren(text: str, _: int) -> tuple[Label, str] | None:
    found = _PAREN.match(text)
    if not _upper_follows(text, found):
        return None
    return Label(text[:found.end()].strip(), "paren", (found["core"],)), _rest(text, found.end())


def _read_arabic(text: str, _: int) -> tuple[Label, str] | None:
    found = _ARABIC.match(text)
    if not _upper_follows(text, found):
        return None
    core = found["core"] or found["core2"]
    parts = tuple(core.split("."))
    if any(int(part) > MAX_NUMBER or int(part) == 0 for part in parts):
        return None
    return Label(text[:found.end()].strip(), "arabic", parts), _rest(text, found.end())


def _read_roman_or_capital(text: str, previous_capital: int) -> tuple[Label, str] | None:
    roman = _ROMAN.match(text)
    if _upper_follows(text, roman):
        core = roman["core"]
        follows_capital = len(core) == 1 and core in "CDL" and previous_capital \
            and _LETTERS.index(core.lower()) + 1 == previous_capital + 1
        if not follows_capital and _is_roman(core):
            return Label(text[:roman.end()].strip(), "roman", (core,)), _rest(text, roman.end())
        if follows_capital:
            return Label(text[:roman.end()].strip(), "capital", (core,)), _rest(text, roman.end())
    capital = _CAPITAL.match(text)
    if _upper_follows(text, capital):
        return Label(text[:capital.end()].strip(), "capital", (capital["core"],)), _rest(text, capital.end())
    return None


def _is_roman(core: str) -> bool:
    """Whether `core` is a well-formed Roman numeral up to 89 (no "IIII", no "VV")."""
    return re.fullmatch(r"L?X{0,3}(?:IX|IV|V?I{0,3})", core) is not None and core != ""


def _read_letter(text: str, _: int) -> tuple[Label, str] | None:
    found = _LETTER.match(text)
    if not _upper_follows(text, found):
        return None
    return Label(text[:found.end()].strip(), "letter", (found["core"],)), _rest(text, found.end())


def _read_bullet(text: str, _: int) -> tuple[Label, str] | None:
    found = _DASH.match(text)
    if _upper_follows(text, found):
        return Label("-", "dash"), _rest(text, found.end())
    found = _PLUS.match(text)
    if _upper_follows(text, found):
        return Label("+", "plus"), _rest(text, found.end())
    return None
