"""Vietnamese text helpers: Unicode normalisation, search folding, tone placement,
alphabetical collation, URL slugs, heading anchors and "did you mean" lookups."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

__all__ = [
    "nfc",
    "fold",
    "search_fold",
    "normalize_tone_placement",
    "match_key",
    "sort_key",
    "slugify",
    "heading_anchor",
    "toc_slugify",
    "closest",
    "capitalise",
    "lower_first",
    "sort_by",
]

# Combining marks that carry a Vietnamese tone, valued in collation order:
# (no tone = 0), huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS: dict[str, int] = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_MARK_OF_TONE: dict[int, str] = {value: mark for mark, value in _TONE_MARKS.items()}

# The Vietnamese alphabet, with the foreign letters f, j, w, z slotted in where
# the Latin alphabet would put them so loanwords and codes still sort sensibly.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK: dict[str, int] = {letter: rank for rank, letter in enumerate(_ALPHABET)}

# Open diphthongs whose tone position differs between the old ("hoà", "uỷ")
# and the new ("hòa", "ủy") spelling conventions.
_SHIFTABLE_PAIRS = frozenset({("o", "a"), ("o", "e"), ("u", "y")})

_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_NON_ANCHOR = re.compile(r"[^\w\s-]")


def nfc(s: str) -> str:
    """Return `s` in Unicode NFC (precomposed) form."""
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Return an accent-free, case-folded form of `s` for loose search matching."""
    decomposed = unicodedata.normalize("NFD", nfc(s))
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    # đ/Đ have no canonical decomposition, so stripping marks leaves them alone.
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


# A syllable-final "y" after a consonant (or after the consonant "qu") may be written "i" as well: "kỷ niệm" and
# "kỉ niệm", "lý" and "lí", "Mỹ" and "Mĩ", "quy định" and "qui định". After a vowel the two are different words
# ("tay" is not "tai", "thủy" is not "thủi"), so only this case is merged. Applied to folded text (lower case, no
# marks); docs/assets/sotay-search.js has the same expression.
_FINAL_Y = re.compile(r"(?:(?<=[bcdghklmnprstvx])|(?<=qu))y(?![^\W_])")


def search_fold(s: str) -> str:
    """`fold(s)` with the i/y spelling variants merged ("Kỷ niệm" -> "ki niem", "lý" -> "li"): the key the search
    matches words under. Not for slugs: URLs keep the spelling as written."""
    return _FINAL_Y.sub("i", fold(s))


def _split_tone(cluster: str) -> tuple[str, int]:
    """Split a letter (plus any combining marks) into its toneless form and tone value."""
    tone = 0
    rest: list[str] = []
    for ch in unicodedata.normalize("NFD", cluster):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        else:
            rest.append(ch)
    return nfc("".join(rest)), tone


def _apply_tone(base: str, tone: int) -> str:
    """Put tone `tone` on the toneless letter `base`."""
    return nfc(base + _MARK_OF_TONE[tone]) if tone else base


def _retone_word(word: str) -> str:
    """Move an old-style tone in a word-final oa/oe/uy onto the first vowel."""
    if len(word) < 2:
        return word
    first, first_tone = _split_tone(word[-2])
    second, second_tone = _split_tone(word[-1])
    if first_tone or not second_tone:
        return word
    if (first.lower(), second.lower()) not in _SHIFTABLE_PAIRS:
        return word
    # In "quý", "quỷ" the u belongs to the consonant "qu"; the tone is already right.
    if first.lower() == "u" and word[:-2].lower().endswith("q"):
        return word
    return word[:-2] + _apply_tone(first, second_tone) + second


def normalize_tone_placement(s: str) -> str:
    """Rewrite old-style tone placement ("hoà", "khoẻ", "uỷ") to the new style
    ("hòa", "khỏe", "ủy"); only word-final oa/oe/uy are touched, since tone
    placement before a final consonant ("hoàng", "quyết") is not a convention."""
    return _LETTER_RUN.sub(lambda m: _retone_word(m.group(0)), nfc(s))


def match_key(s: str) -> str:
    """Return a key under which spellings that differ only in Unicode form, tone
    placement, letter case or runs of whitespace compare equal; diacritics are kept."""
    return " ".join(normalize_tone_placement(s).lower().split())


def _clusters_by_word(s: str) -> list[list[str]]:
    """Split NFC text into words, each a list of letter/digit clusters (a character
    plus any combining marks that NFC could not merge into it)."""
    words: list[list[str]] = []
    current: list[str] = []
    for ch in nfc(s):
        if unicodedata.category(ch).startswith("M") and current:
            current[-1] += ch
        elif ch.isalnum():
            current.append(ch)
        elif current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    return words


def _letter_weight(base: str) -> tuple[int, int, int]:
    """Primary weight of a toneless letter: Vietnamese alphabet first, then anything else."""
    lower = base.lower()
    if lower in _LETTER_RANK:
        return (1, _LETTER_RANK[lower], 0)
    folded = fold(lower)
    if folded in _LETTER_RANK:
        # Foreign accented letters ("ü", "ç") sit just after their plain letter.
        return (1, _LETTER_RANK[folded], ord(lower[0]))
    return (1, len(_ALPHABET), ord(lower[0]))


def _word_levels(clusters: list[str]) -> tuple[tuple, tuple[int, ...], tuple[int, ...]]:
    """Collation weights of one word: (letters, tones, cases)."""
    primary: list[tuple] = []
    tones: list[int] = []
    cases: list[int] = []
    digits = ""
    for cluster in clusters + [""]:
        if cluster and cluster[0].isdecimal():
            digits += str(unicodedata.decimal(cluster[0]))
            continue
        if digits:
            # Compare digit runs by value (2 before 10) without int(), which
            # refuses very long strings.
            significant = digits.lstrip("0") or "0"
            primary.append((0, len(significant), significant))
            digits = ""
        if not cluster:
            break
        base, tone = _split_tone(cluster)
        primary.append(_letter_weight(base))
        if tone:
            tones.append(tone)
        cases.append(0 if base == base.lower() else 1)
    return tuple(primary), tuple(tones), tuple(cases)


def sort_key(s: str, words: dict[str, tuple] | None = None) -> tuple[tuple, tuple, tuple, str]:
    """Key for `sorted()` following Vietnamese alphabetical order.

    Levels: base letters word by word (a ă â b c d đ e ê … digits before letters),
    then tones (none, huyền, hỏi, ngã, sắc, nặng), then case (lower first), and
    finally the canonical spelling so the order is total. NFC/NFD input and
    old/new tone placement give identical keys.

    `words`: the levels of each word already seen, kept by the caller (the same syllables recur in every title).
    """
    known: dict[str, tuple] = {} if words is None else words
    levels = []
    for clusters in _clusters_by_word(s):
        word = "".join(clusters)
        found = known.get(word)
        if found is None:
            found = known[word] = _word_levels(clusters)
        levels.append(found)
    primary = tuple(word[0] for word in levels)
    tones = tuple(word[1] for word in levels)
    cases = tuple(word[2] for word in levels)
    return primary, tones, cases, normalize_tone_placement(s)


def slugify(s: str) -> str:
    """Return an ASCII URL slug: accents dropped, đ→d, lower case, '-' between words."""
    return _NON_SLUG.sub("-", fold(s)).strip("-")


def heading_anchor(s: str, separator: str = "-") -> str:
    """Return a heading anchor that keeps Vietnamese letters (NFC, lower case),
    drops punctuation and joins words with `separator`."""
    text = _NON_ANCHOR.sub("", nfc(s).lower()).strip()
    text = re.sub(rf"[{re.escape(separator)}\s]+", separator, text)
    return text.strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """Python-Markdown toc `slugify` callable producing Vietnamese-preserving anchors."""
    return heading_anchor(value, separator)


def closest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Return up to `n` candidates resembling `word`, ignoring accents and case,
    best first, for "có phải ý bạn là …?" hints."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(fold(candidate), candidate)
    matches = difflib.get_close_matches(fold(word), list(by_folded), n=n, cutoff=cutoff)
    return [by_folded[match] for match in matches]


def capitalise(text: str) -> str:
    """The first letter upper case, the rest as written ("kế hoạch số 171" -> "Kế hoạch số 171")."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter lower case, for a phrase placed mid-sentence ("Phần mở đầu" -> "phần mở đầu")."""
    return text[:1].lower() + text[1:]


T = TypeVar("T")


def sort_by(items: Iterable[T], text: Callable[[T], str]) -> list[T]:
    """`items` in Vietnamese alphabetical order of `text(item)`."""
    return sorted(items, key=lambda item: sort_key(text(item)))
