"""The header block of an issued document: the issuer's lines (upper and lower), the Party motto "ĐẢNG CỘNG SẢN
VIỆT NAM" or the state motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", "Số …" in
either grammar, the place-and-date line "Lai Châu, ngày 30 tháng 5 năm 2023" (blanks allowed: "ngày   tháng   năm
2023"), the kind word (KẾ HOẠCH, CHỈ THỊ…) and the trích yếu under it. Works on the lines as read, whether a Word
header table or a PDF that ran the two columns into one line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..docnumber import KINDS, DocNumber, DocNumberError, parse_number
from ..vietnamese import fold, nfc
from .source import Line
from .wording import clean, is_upper_line

# How far into a document its header and kind word may be.
HEADER_LINES = 40
_PARTY_MOTTO = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.I)
_STATE_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*"
                          r"Hạnh\s+phúc", re.I)
_NUMBER = re.compile(r"\bSố\s*:?\s*(?P<number>[0-9.…_ ]*[-/]\s*[^\s,;]*(?:\s*/\s*[^\s,;]+)?)", re.I)
_DATE_LINE = re.compile(r"(?:(?P<place>[^\W\d_][^,\d]*?),\s*)?ngày\s*(?P<day>\d{1,2})?[\s.…_]*tháng\s*(?P<month>\d{1,2})?"
                        r"[\s.…_]*năm\s*(?P<year>\d{4})", re.I)
_REFERENCE = re.compile(r"^(?:V/v|Về việc)\s*:?\s*", re.I)
_SEPARATOR = re.compile(r"^[-–—_*=.•\s]{1,}$")
# A body starts with these words (the preamble) or with a label.
_OPENERS = re.compile(r"^(?:thực hiện|căn cứ|để|nhằm|theo|trong|sau|qua|ngày|năm|kính gửi|thi hành|tiếp theo|"
                      r"triển khai|nhân dịp|hưởng ứng|chào mừng)\b", re.I)
_TITLE_LINES = 4


@dataclass
class Header:
    """What the header block and the title say; None where the document does not print it."""

    system: str | None = None  # "party" or "state", from the motto (or the number)
    upper: str | None = None  # the issuer's lines as printed: "TỈNH ỦY LAI CHÂU" over "BAN TUYÊN GIÁO"
    lower: str | None = None
    number_text: str | None = None  # as printed after "Số"
    number: DocNumber | None = None
    number_problem: str | None = None  # why the printed number could not be read
    kind: str | None = None  # kind code: "KH"
    kind_word: str | None = None  # as printed: "KẾ HOẠCH"
    place: str | None = None
    day: date | None = None
    year: int | None = None  # when only the year of the date line is filled in
    date_text: str | None = None
    title: str | None = None
    body_start: int = 0  # index of the first line of the body in the lines given
    lines: list[int] = field(default_factory=list)  # numbers of the lines read as the header


def kind_codes() -> dict[str, str]:
    """The kind words as folded text ("ke hoach") → code ("KH"); "quy định" is the Party's QĐi."""
    codes: dict[str, str] = {}
    for code, name in KINDS.items():
        codes.setdefault(fold(name), code)
    codes[fold("thông tri")] = "TT"
    return codes


def read_header(lines: list[Line]) -> Header:
    """The header, the kind and the title, from the first lines of a document."""
    header = Header()
    codes = kind_codes()
    kind_at = _find_kind_word(lines, codes)
    top = lines[:kind_at] if kind_at is not None else _header_only(lines)
    _read_top(top, header)
    if kind_at is not None:
        word = lines[kind_at].text
        header.kind_word, rest = _split_kind_word(word, codes)
        header.kind = codes.get(fold(header.kind_word))
        if header.kind == "QĐi" and header.system == "state":
            header.kind = "QyĐ"
        header.title, header.body_start = _read_title(lines, kind_at + 1, rest)
        header.lines = [line.number for line in lines[:kind_at + 1]]
    else:
        header.body_start = len(top)
        header.title = _reference_title(top)
        header.lines = [line.number for line in top]
    if header.kind is None and header.number is not None:
        header.kind = header.number.kind_or_letter
    if header.system is None and header.number is not None:
        header.system = header.number.system
    return header


def _find_kind_word(lines: list[Line], codes: dict[str, str]) -> int | None:
    for index, line in enumerate(lines[:HEADER_LINES]):
        text = clean(line.text)
        if not is_upper_line(text) or _PARTY_MOTTO.search(text) or _STATE_MOTTO.search(text):
            continue
        word, _ = _split_kind_word(text, codes)
        if word:
            return index
    return None


def _split_kind_word(text: str, codes: dict[str, str]) -> tuple[str | None, str]:
    """"KẾ HOẠCH" and "" from "KẾ HOẠCH"; "KẾ HOẠCH" and "Tuyên truyền…" from "KẾ HOẠCH Tuyên truyền…"."""
    words = clean(text).split()
    for size in (3, 2, 1):
        head = " ".join(words[:size])
        if len(words) >= size and fold(head) in codes and head.isupper():
            return head, " ".join(words[size:])
    return None, text


def _header_number(text: str) -> re.Match[str] | None:
    """The "Số …" of a header line: "Số" capitalised, with nothing in lower case before it (a PDF may run the issuer
    column into the same line). "Thực hiện Kế hoạch số 171-KH/BTGTU…" in the body is not one."""
    found = _NUMBER.search(text)
    if found is None or not found.group(0).startswith("Số") or any(c.islower() for c in text[:found.start()]):
        return None
    return found


def _header_only(lines: list[Line]) -> list[Line]:
    """Without a kind word: the lines up to the last that is part of a header (motto, issuer, number, date)."""
    last = -1
    for index, line in enumerate(lines[:HEADER_LINES]):
        text = clean(line.text)
        if _PARTY_MOTTO.search(text) or _STATE_MOTTO.search(text) or _header_number(text) \
                or _DATE_LINE.search(text) or _REFERENCE.match(text):
            last = index
        elif not (is_upper_line(text) or _SEPARATOR.match(text)) and last < 0 and index > 6:
            break
    return lines[:last + 1]


def _read_top(lines: list[Line], header: Header) -> None:
    issuer: list[str] = []
    for line in lines:
        text = clean(line.text)
        if _PARTY_MOTTO.search(text):
            header.system = header.system or "party"
            text = _PARTY_MOTTO.sub(" ", text)
        if _STATE_MOTTO.search(text):
            header.system = "state"
            text = _STATE_MOTTO.sub(" ", text)
        if (found := _header_number(text)) is not None and header.number_text is None:
            _read_number(found["number"], header)
            text = text[:found.start()] + " " + text[found.end():]
        if (found := _DATE_LINE.search(text)) is not None and header.date_text is None:
            _read_date(found, header)
            text = text[:found.start()] + " " + text[found.end():]
        text = clean(text)
        if text and not _SEPARATOR.match(text) and is_upper_line(text):
            issuer.append(text)
    if issuer:
        header.upper, header.lower = (issuer[0], " ".join(issuer[1:])) if len(issuer) > 1 else (None, issuer[0])


def _read_date(found: re.Match[str], header: Header) -> None:
    header.date_text = clean(found.group())
    place = (found["place"] or "").strip()
    header.place = clean(place) or None
    header.year = int(found["year"])
    if found["day"] and found["month"]:
        try:
            header.day = date(header.year, int(found["month"]), int(found["day"]))
        except ValueError:
            header.day = None


def _read_number(text: str, header: Header) -> None:
    header.number_text = clean(text)
    try:
        header.number = parse_number(header.number_text)
    except DocNumberError as problem:
        header.number_problem = str(problem)
        kind = re.search(r"[-/]\s*([^\W\d_]+)\s*[/-]", header.number_text)
        if kind is not None and fold(kind.group(1)) in {fold(code) for code in KINDS}:
            header.kind = next(code for code in KINDS if fold(code) == fold(kind.group(1)))


def _read_title(lines: list[Line], start: int, first: str) -> tuple[str | None, int]:
    """The trích yếu: the lines under the kind word up to the body (a separator, a preamble opener, a label)."""
    parts = [first] if first else []
    index = start
    while index < len(lines) and len(parts) < _TITLE_LINES:
        text = clean(lines[index].text)
        if lines[index].table is not None:
            break  # a table under the title is part of the body (a task table)
        if _SEPARATOR.match(text):
            index += 1
            break
        if _OPENERS.match(text) or _starts_label(text) or (parts and _ends_title(lines, index, parts)):
            break
        parts.append(_REFERENCE.sub("", text))
        index += 1
    while index < len(lines) and _SEPARATOR.match(clean(lines[index].text)):
        index += 1
    title = clean(" ".join(parts)) if parts else None
    return title, index


def _ends_title(lines: list[Line], index: int, parts: list[str]) -> bool:
    """Whether the title ended before line `index`: the format says the title was bold or centred and this line is
    not, or the title's last line ended a sentence."""
    line, previous = lines[index], lines[index - 1]
    if previous.bold and not line.bold:
        return True
    if previous.align == "center" and line.align not in (None, "center"):
        return True
    return parts[-1].rstrip().endswith((".", ":", ";"))


def _starts_label(text: str) -> bool:
    return re.match(r"^(?:[IVX]+[.\-–]|[A-D]\.|\d{1,2}\.)\s", text) is not None


def _reference_title(lines: list[Line]) -> str | None:
    """The trích yếu of a letter: "V/v …" under its number."""
    for index, line in enumerate(lines):
        text = clean(line.text)
        if _REFERENCE.match(text):
            parts = [_REFERENCE.sub("", text)]
            for following in lines[index + 1:]:
                more = clean(following.text)
                if _DATE_LINE.search(more) or _NUMBER.search(more) or is_upper_line(more):
                    break
                parts.append(more)
            return clean(" ".join(parts))
    return None


def issuer_candidates(header: Header) -> list[str]:
    """The names the issuer's lines may stand for, most specific first: "BAN TUYÊN GIÁO TỈNH ỦY LAI CHÂU",
    "BAN TUYÊN GIÁO", "TỈNH ỦY LAI CHÂU"."""
    found = []
    if header.lower and header.upper:
        found.append(f"{header.lower} {header.upper}")
    if header.lower:
        found.append(header.lower)
    if header.upper and not header.lower:
        found.append(header.upper)
    return [nfc(name) for name in found]
