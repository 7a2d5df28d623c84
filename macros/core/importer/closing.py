"""The end of an issued document: the "Nơi nhận:" lines kept as printed (each with the units it names), the signer
block (the authority T/M, TM., KT., K/T, TL., TUQ.; the position line or lines; the name last), and the money
figures of the budget ("1500 triệu đồng")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..unknown import UNKNOWN_TEXT
from .draft import Path
from .source import Line
from .units import UnitIndex
from .wording import clean, is_upper_line

RECIPIENTS_SECTION = "Nơi nhận"
_RECIPIENTS = re.compile(r"^\s*Nơi\s+nhận\s*:?\s*", re.I)
_AUTHORITY = re.compile(r"^(?P<authority>(?:T/M|TM\.?|KT\.?|K/T|TL\.?|TUQ\.?|Q\.|THỪA LỆNH|THỪA ỦY QUYỀN|THỪA UỶ QUYỀN)"
                        r"\s+\S.*)$")
_SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký|ký tên|ký, ghi rõ họ tên|ký tên, đóng dấu)[^)]*\)?$", re.I)
_ITEM = re.compile(r"^[-–—•+]\s*")
_UNIT_FREE = re.compile(r"^(?:lưu|như trên|như kính gửi)\b", re.I)
_FIGURE = re.compile(r"\b\d[\d.,]*\s*(?:triệu|tỷ|tỉ|nghìn|ngàn)?\s*(?:đồng|VNĐ|VND)\b", re.I)


@dataclass
class Closing:
    recipients: list[dict[str, Any]] = field(default_factory=list)
    signer: dict[str, Any] | None = None
    marks: dict[Path, str] = field(default_factory=dict)  # paths from the record's root


def closing_start(lines: list[Line], start: int) -> int:
    """Where the closing blocks begin: the "Nơi nhận:" line, or a signer's authority line near the end; the number
    of lines when there is none."""
    for index in range(start, len(lines)):
        if _RECIPIENTS.match(lines[index].text):
            return index
    tail = max(start, len(lines) - 12)
    for index in range(tail, len(lines)):
        if _AUTHORITY.match(clean(lines[index].text)):
            return index
    return len(lines)


def read_closing(lines: list[Line], units: UnitIndex) -> Closing:
    """The recipients and the signer from the lines of the closing blocks."""
    closing = Closing()
    items: list[str] = []
    signer: list[str] = []
    authority: str | None = None
    names: list[str] = []
    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        if _RECIPIENTS.match(text):
            rest = _RECIPIENTS.sub("", text)
            if rest:
                items.append(_ITEM.sub("", rest))
            continue
        if _SIGNED.match(text):
            continue
        if _ITEM.match(text):
            items.append(_ITEM.sub("", text))
            continue
        found = _AUTHORITY.match(text)
        if found is not None and is_upper_line(text):
            authority = found["authority"]
            continue
        if is_upper_line(text):
            signer.append(text)
            continue
        if items and _carried_over(items[-1], text, line, line is lines[-1]):
            items[-1] = clean(f"{items[-1]} {text}")  # a recipient line carried over
        elif _is_name(text):
            names.append(text)
    for item in items:
        _add_recipient(closing, item, units)
    closing.signer = _signer(authority, signer, names, closing)
    return closing


def _add_recipient(closing: Closing, item: str, units: UnitIndex) -> None:
    text = item.strip().rstrip(",;").strip()
    if not text:
        return
    record: dict[str, Any] = {"text": text}
    if not _UNIT_FREE.match(text):
        hits = units.scanned(text, RECIPIENTS_SECTION)
        if hits:
            record["orgs"] = [hit.org_id for hit in hits]
    closing.recipients.append(record)


def _carried_over(item: str, text: str, line: Line, last: bool) -> bool:
    """Whether a line without a dash goes on the recipient line above: it starts in lower case, or the line above
    is not finished (no comma, semicolon or full stop at its end) and this is not the signer's name (bold, or the
    last line). A PDF of the two columns side by side gives their lines in turns."""
    if text[:1].islower():
        return True
    if item.rstrip().endswith((",", ";", ".")):
        return False
    return not (_is_name(text) and (line.bold or last))


def _is_name(text: str) -> bool:
    """A person's name as signed: two to six words, each starting with a capital, no digits."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(word[:1].isupper() and word.isalpha() for word in words)


def _signer(authority: str | None, titles: list[str], names: list[str], closing: Closing) -> dict[str, Any] | None:
    if authority is None and not titles and not names:
        return None
    signer: dict[str, Any] = {}
    if authority:
        signer["authority"] = authority
    if titles:
        signer["title"] = titles[0]
    elif authority:
        signer["title"] = authority.split(None, 1)[-1]
        closing.marks[("signer", "title")] = "không thấy dòng chức vụ dưới thẩm quyền ký; hãy ghi chức vụ người ký"
    if len(titles) > 1:
        signer["extra_title"] = " ".join(titles[1:])
        closing.marks[("signer", "extra_title")] = ("dòng in dưới chức vụ, trên họ tên: thường là chức vụ kiêm "
                                                   "nhiệm; kiểm tra")
    if names:
        signer["name"] = names[-1]
    else:
        signer["name"] = UNKNOWN_TEXT
        closing.marks[("signer", "name")] = "không thấy họ tên người ký"
    return signer


def figures(text: str) -> list[str]:
    """The sums of money a paragraph names ("1500 triệu đồng", "960 triệu")."""
    return [clean(found.group()) for found in _FIGURE.finditer(text)]
