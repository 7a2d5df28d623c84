"""Parse Vietnamese document numbers ("số và ký hiệu văn bản") of the Party
("171-KH/BTGTU") and the State ("125/QĐ-UBND", "30/2020/NĐ-CP")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .diagnostics import echo
from .vietnamese import nfc, search_fold, slugify

__all__ = [
    "KINDS",
    "PARTY_KINDS",
    "STATE_KINDS",
    "LETTER_KIND",
    "System",
    "DocNumber",
    "DocNumberError",
    "kind_name",
    "parse_number",
    "number_search_key",
]

System = Literal["party", "state"]

# Kind codes as written officially (case matters: "QĐi" is not "QĐI"), with the
# State reading of "TT"; the Party reading comes from kind_name().
KINDS: dict[str, str] = {
    "KH": "kế hoạch",
    "CT": "chỉ thị",
    "CV": "công văn",
    "TB": "thông báo",
    "QĐ": "quyết định",
    "NQ": "nghị quyết",
    "KL": "kết luận",
    "HD": "hướng dẫn",
    "QĐi": "quy định",
    "QyĐ": "quy định",
    "NĐ": "nghị định",
    "TT": "thông tư",
    "BC": "báo cáo",
    "CTr": "chương trình",
    "TTr": "tờ trình",
    "ĐA": "đề án",
    "PA": "phương án",
    "QC": "quy chế",
    "BB": "biên bản",
    "CĐ": "công điện",
    "GM": "giấy mời",
    "TC": "thông cáo",
    "HĐ": "hợp đồng",
}

# Party regulations are "QĐi", State ones "QyĐ"; decrees are State-only.
_PARTY_ONLY = frozenset({"QĐi"})
_STATE_ONLY = frozenset({"QyĐ", "NĐ"})
PARTY_KINDS: tuple[str, ...] = tuple(code for code in KINDS if code not in _STATE_ONLY)
STATE_KINDS: tuple[str, ...] = tuple(code for code in KINDS if code not in _PARTY_ONLY)

# What a State official letter (no kind code in its number) is called.
LETTER_KIND = "CV"

_SYSTEM_LABEL: dict[str, str] = {"party": "văn bản của Đảng", "state": "văn bản nhà nước"}

# Codes are case-sensitive officially, but authors type "Qđ", "qđ", "QĐI".
_CODE_BY_FOLDED: dict[str, str] = {code.casefold(): code for code in KINDS}

# Word processors turn hyphens into dashes; treat them all as the hyphen.
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_NUMBER_LABEL = re.compile(r"^số\s*:?\s*", re.IGNORECASE)
_TOKEN = r"[^\W\d_][^\W_]*"
_PARTY = re.compile(
    rf"(?P<serial>\d+)\s*-\s*(?P<kind>{_TOKEN})\s*/\s*(?P<issuer>{_TOKEN})"
    rf"(?:\s*-\s*(?P<unit>{_TOKEN}))?"
)
_STATE = re.compile(
    rf"(?P<serial>\d+)\s*/\s*(?:(?P<year>\d{{4}})\s*/\s*)?(?P<first>{_TOKEN})"
    rf"(?:\s*-\s*(?P<second>{_TOKEN}))?(?:\s*-\s*(?P<third>{_TOKEN}))?"
)

_SHAPES = (
    'văn bản của Đảng viết "171-KH/BTGTU" (số-LOẠI/CƠ QUAN), '
    'văn bản nhà nước viết "125/QĐ-UBND" hoặc "30/2020/NĐ-CP" (số/LOẠI-CƠ QUAN)'
)


class DocNumberError(ValueError):
    """A document number or kind code that does not follow the official grammar."""


@dataclass(frozen=True)
class DocNumber:
    """A parsed document number; equality ignores how `raw` was spelled."""

    raw: str = field(compare=False)
    system: System
    serial: str
    year: int | None
    kind: str | None
    issuer: str
    unit: str | None = None

    @property
    def kind_or_letter(self) -> str:
        """The kind code, or "CV" for a State official letter that carries none."""
        return self.kind or LETTER_KIND

    @property
    def kind_name(self) -> str:
        """Vietnamese name of the document kind, e.g. "kế hoạch"."""
        return kind_name(self.kind_or_letter, self.system)

    @property
    def canonical(self) -> str:
        """Official spelling: NFC, no inner spaces, e.g. "126-KL/TW", "30/2020/NĐ-CP"."""
        tail = f"-{self.unit}" if self.unit else ""
        if self.system == "party":
            return f"{self.serial}-{self.kind}/{self.issuer}{tail}"
        year = f"{self.year}/" if self.year is not None else ""
        kind = f"{self.kind}-" if self.kind else ""
        return f"{self.serial}/{year}{kind}{self.issuer}{tail}"

    @property
    def key(self) -> tuple[str, int | None, str | None, str, str | None]:
        """What identifies the number whatever its punctuation: "171/KH-BTGTU" (State punctuation) and
        "171-KH/BTGTU" (Party) have the same key, as have "05-KH/TU" and "5-KH/TU". Duplicates are found on it."""
        return ((self.serial.lstrip("0") or "0"), self.year, self.kind, self.issuer.casefold(),
                self.unit.casefold() if self.unit else None)

    def written_as(self, system: System) -> "DocNumber | None":
        """The same number in the punctuation of `system` ("11/CT-TU" as a Party number is "11-CT/TU"), or None
        when that system cannot write it: a State number with a year or without a kind code, or a kind code the
        other system does not use."""
        if system == self.system:
            return self
        if self.kind is None or self.year is not None:
            return None
        if self.kind not in (PARTY_KINDS if system == "party" else STATE_KINDS):
            return None
        return DocNumber(raw=self.raw, system=system, serial=self.serial, year=None, kind=self.kind,
                         issuer=self.issuer, unit=self.unit)

    @property
    def search_key(self) -> str:
        """The number as the search matches it: the parts of `key` run together, folded ("171-KH/BTGTU" and
        "171/KH-BTGTU" -> "171khbtgtu", "30/2020/NĐ-CP" -> "302020ndcp"). A reader's "171/KH" or "171KH" gives a
        start of it (number_search_key), so a number typed in part and in any punctuation finds the document."""
        serial, year, kind, issuer, unit = self.key
        return search_fold(f"{serial}{year or ''}{kind or ''}{issuer}{unit or ''}")

    @property
    def slug(self) -> str:
        """ASCII URL slug of the canonical spelling, e.g. "125-qd-ubnd"."""
        return slugify(self.canonical)

    def __str__(self) -> str:
        return self.canonical


def _canonical_kind(code: str) -> str | None:
    """Map a kind code typed in any case to its official spelling, if known."""
    return _CODE_BY_FOLDED.get(nfc(code).casefold())


def _unknown_kind(code: str, system: System) -> DocNumberError:
    valid = PARTY_KINDS if system == "party" else STATE_KINDS
    return DocNumberError(
        f'loại văn bản "{echo(code)}" không có trong danh mục; các loại hợp lệ: {", ".join(valid)}'
    )


def _foreign_kind(code: str, system: System) -> DocNumberError:
    other: System = "state" if system == "party" else "party"
    valid = PARTY_KINDS if system == "party" else STATE_KINDS
    return DocNumberError(
        f'loại văn bản "{code}" ({KINDS[code]}) chỉ dùng cho {_SYSTEM_LABEL[other]}; '
        f'{_SYSTEM_LABEL[system]} dùng: {", ".join(valid)}'
    )


def _bad_shape(raw: str) -> DocNumberError:
    return DocNumberError(f'số hiệu "{echo(raw)}" không đúng dạng: {_SHAPES}')


def _require_kind(code: str, system: System) -> str:
    """Return the official spelling of `code`, or raise if `system` does not use it."""
    kind = _canonical_kind(code)
    if kind is None:
        raise _unknown_kind(code, system)
    if kind not in (PARTY_KINDS if system == "party" else STATE_KINDS):
        raise _foreign_kind(kind, system)
    return kind


def kind_name(code: str, system: System) -> str:
    """Vietnamese name of a kind code; "TT" is "thông tri" for the Party and
    "thông tư" for the State."""
    if system not in _SYSTEM_LABEL:
        raise ValueError(f'hệ văn bản "{system}" không hợp lệ; dùng "party" hoặc "state"')
    kind = _canonical_kind(code)
    if kind is None:
        raise _unknown_kind(code, system)
    if kind == "TT" and system == "party":
        return "thông tri"
    return KINDS[kind]


def _clean(text: str) -> str:
    """NFC, trimmed, dashes unified and a leading "Số:" label removed."""
    text = _DASHES.sub("-", nfc(text).strip())
    return _NUMBER_LABEL.sub("", text)


def _parse_party(raw: str, match: re.Match[str]) -> DocNumber:
    return DocNumber(
        raw=raw,
        system="party",
        serial=match["serial"],
        year=None,
        kind=_require_kind(match["kind"], "party"),
        issuer=match["issuer"],
        unit=match["unit"],
    )


def _parse_state(raw: str, match: re.Match[str]) -> DocNumber:
    year = int(match["year"]) if match["year"] else None
    first, second, third = match["first"], match["second"], match["third"]
    if _canonical_kind(first) is not None:
        if second is None:
            raise _bad_shape(raw)
        kind: str | None = _require_kind(first, "state")
        issuer, unit = second, third
    elif year is not None:
        # A number carrying a year is a legal/normative document, so it must
        # have a kind; an unknown first segment is a misspelt kind, not an issuer.
        if second is None:
            raise _bad_shape(raw)
        raise _unknown_kind(first, "state")
    else:
        # Official letters: "125/SGDĐT-VP" is issuer SGDĐT, drafting unit VP.
        if third is not None:
            raise _bad_shape(raw)
        kind, issuer, unit = None, first, second
    return DocNumber(
        raw=raw, system="state", serial=match["serial"], year=year,
        kind=kind, issuer=issuer, unit=unit,
    )


# A number as readers type it into the search box, whole or in part: digits, then (after an optional 4-digit year)
# letters, whatever "-", "/", "." or spaces separate the parts ("171/KH", "171KH", "805-KH-SVHTTDL", "11/CT-TU").
# docs/assets/sotay-search.js has the same expression (DOC_NUMBER).
_SEARCH_NUMBER = re.compile(r"0*([0-9]+)[-/. ]*(?:([0-9]{4})[-/. ]+)?([^\W\d_][^\W_]*(?:[-/. ]+[^\W_]+)*)")
_SEARCH_SEPARATORS = re.compile(r"[-/. ]+")


def number_search_key(text: str) -> str | None:
    """The search key of a document number written in any punctuation, complete or cut short after the kind or any
    later part, or None when `text` does not look like one. For a complete number it equals
    `parse_number(text).search_key`; for a part of one it is a start of it ("171/KH" -> "171kh")."""
    match = _SEARCH_NUMBER.fullmatch(_DASHES.sub("-", nfc(text).strip()))
    if match is None:
        return None
    serial, year, rest = match.groups()
    return search_fold(serial + (year or "") + _SEARCH_SEPARATORS.sub("", rest))


def parse_number(text: str) -> DocNumber:
    """Parse a Party ("171-KH/BTGTU") or State ("125/QĐ-UBND", "30/2020/NĐ-CP",
    "125/SGDĐT-VP") document number; raise DocNumberError with a Vietnamese
    explanation otherwise."""
    raw = nfc(text)
    cleaned = _clean(text)
    if not cleaned:
        raise DocNumberError(f"số hiệu văn bản để trống: {_SHAPES}")
    if match := _PARTY.fullmatch(cleaned):
        return _parse_party(raw, match)
    if match := _STATE.fullmatch(cleaned):
        return _parse_state(raw, match)
    raise _bad_shape(raw.strip())
