"""Writes an import draft as data files in the project's own format: the schema line, a comment saying where the
draft comes from, the record in data-file key order, and a "# KIỂM TRA: …" comment above every value the importer is
unsure of. Nothing existing is ever overwritten: every target is checked before the first file is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import dates
from ..diagnostics import echo
from ..docnumber import DocNumberError, parse_number
from ..kinds import BY_NAME
from ..unknown import UNKNOWN, UNKNOWN_TEXT
from ..vietnamese import fold
from .draft import MARK_WORD, Draft, Path as KeyPath, Proposed

# One record per file (data/plans/<id>.yml; a list of one in data/organisations/<id>.yml…), so a proposal can be
# reviewed, kept or deleted on its own. Folders, schemas and list-ness come from the kinds registry.
_USES = {"plan": "trang kế hoạch, trang sự kiện, danh sách nhiệm vụ của từng đơn vị.",
         "document": "trang văn bản, liên kết giữa các văn bản.",
         "organisation": "trang đơn vị, các bảng nhiệm vụ.",
         "event": "trang sự kiện, dòng thời gian."}
# A scalar YAML would read as something else, or that needs quotes: numbers, dates, booleans, "null", a leading
# indicator, ": " or " #" inside, leading or trailing spaces.
_PLAIN_OK = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9./-]*$")
_NEEDS_QUOTES = re.compile(r"(?::\s|\s#|:$|^(?:true|false|yes|no|on|off|null|~)$|^[0-9][0-9./ -]*$)", re.I)


@dataclass
class Written:
    """One file the draft writes: where, its text, and the line of each mark in it."""

    kind: str
    path: Path
    text: str
    marks: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)


@dataclass
class Clash:
    path: Path
    reason: str  # Vietnamese


def scalar(value: Any) -> str:
    """A scalar as YAML, quoted only when it would otherwise be read as something else."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    text = str(value)
    if _PLAIN_OK.match(text) and not _NEEDS_QUOTES.search(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


class _Emitter:
    """Block-style YAML of plain data, with the marks of `marks` as comments above the keys they name."""

    def __init__(self, marks: dict[KeyPath, str]) -> None:
        self.marks = marks
        self.lines: list[str] = []
        self.mark_lines: list[tuple[int, str]] = []

    def mark(self, path: KeyPath, indent: str) -> None:
        reason = self.marks.get(path)
        if reason:
            for i, part in enumerate(_wrap(reason)):
                self.lines.append(f"{indent}# {MARK_WORD}: {part}" if i == 0 else f"{indent}#   {part}")
            self.mark_lines.append((len(self.lines) - len(_wrap(reason)) + 1, reason))

    def mapping(self, value: dict[str, Any], path: KeyPath, indent: str, first_prefix: str | None = None) -> None:
        for i, (key, item) in enumerate(value.items()):
            lead = first_prefix if (i == 0 and first_prefix is not None) else indent
            if not (i == 0 and first_prefix is not None):
                self.mark((*path, key), indent)
            self.entry(key, item, (*path, key), indent, lead)

    def entry(self, key: str, item: Any, path: KeyPath, indent: str, lead: str) -> None:
        if isinstance(item, dict) and item:
            self.lines.append(f"{lead}{key}:")
            self.mapping(item, path, indent + "  ")
        elif isinstance(item, list) and item and all(isinstance(x, int) or (isinstance(x, str) and _ID.match(x))
                                                     for x in item):
            # Lists of ids stay on one line, as the data writes them ("lead: [a, b]"); texts go one per line.
            self.lines.append(f"{lead}{key}: [{', '.join(scalar(x) for x in item)}]")
        elif isinstance(item, list) and item:
            self.lines.append(f"{lead}{key}:")
            self.sequence(item, path, indent + "  ")
        elif isinstance(item, (list, dict)):
            self.lines.append(f"{lead}{key}: {'[]' if isinstance(item, list) else '{}'}")
        elif isinstance(item, str) and "\n" in item.strip("\n"):
            self.lines.append(f"{lead}{key}: |")
            self.lines += [f"{indent}  {line}" if line.strip() else "" for line in item.strip("\n").split("\n")]
        else:
            self.lines.append(f"{lead}{key}: {scalar(item)}")

    def sequence(self, items: list[Any], path: KeyPath, indent: str) -> None:
        for index, item in enumerate(items):
            self.mark((*path, index), indent)
            if isinstance(item, dict) and item:
                first = next(iter(item))
                self.mark((*path, index, first), indent)
                self.mapping(item, (*path, index), indent + "  ", first_prefix=f"{indent}- ")
            elif isinstance(item, str) and "\n" in item.strip("\n"):
                self.lines.append(f"{indent}- |")
                self.lines += [f"{indent}  {line}" if line.strip() else "" for line in item.strip("\n").split("\n")]
            else:
                self.lines.append(f"{indent}- {scalar(item)}")


def _wrap(text: str, width: int = 100) -> list[str]:
    """A long reason over several comment lines, cut at spaces."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines or [""]


def render_record(kind: str, record: dict[str, Any], marks: dict[KeyPath, str], header: list[str],
                  as_list: bool) -> tuple[str, list[tuple[int, str]]]:
    """The file text of one record and the (line, reason) of each of its marks."""
    emitter = _Emitter(marks)
    emitter.lines.append(f"# yaml-language-server: $schema=../schemas/{BY_NAME[kind].schema}.schema.json")
    emitter.lines += [f"# {line}" if line else "#" for line in header]
    emitter.mark((), "")
    if as_list:
        first = next(iter(record))
        emitter.mark((first,), "")
        emitter.mapping(record, (), "  ", first_prefix="- ")
    else:
        emitter.mapping(record, (), "")
    return "\n".join(emitter.lines) + "\n", emitter.mark_lines


def plan_files(draft: Draft, out: Path, source_name: str, today: date) -> list[Written]:
    """Every file the draft would write under `out`, the main record first."""
    files = [_file(draft.kind, draft.record, draft.marks, out, _header(draft.kind, draft.record, source_name, today,
                                                                        None))]
    for proposed in draft.proposed:
        files.append(_file(proposed.kind, proposed.record, proposed.marks, out,
                           _header(proposed.kind, proposed.record, source_name, today, proposed)))
    return files


def _file(kind: str, record: dict[str, Any], marks: dict[KeyPath, str], out: Path, header: list[str]) -> Written:
    found = BY_NAME[kind]
    path = out / found.folder / f"{record['id']}.yml"
    text, mark_lines = render_record(kind, record, marks, header, found.many)
    return Written(kind, path, text, mark_lines)


def _header(kind: str, record: dict[str, Any], source_name: str, today: date, proposed: Proposed | None) -> list[str]:
    name = record.get("title") or record.get("name") or record.get("number") or record["id"]
    what = BY_NAME[kind].what
    lines = [f"{what[:1].upper()}{what[1:]}: {echo(name, 100)}."]
    if proposed is not None:
        lines.append(f"Do sotay import đề xuất khi nhập tệp {echo(source_name, 100)} ngày "
                     f"{dates.format_date(today)}: {proposed.reason}")
        lines.append("Nếu dữ liệu đã có mục này dưới tên khác, xóa tệp này và sửa mã trong bản nháp kế hoạch.")
    else:
        lines.append(f"Nguồn: nhập từ tệp {echo(source_name, 100)} bằng sotay import ngày "
                     f"{dates.format_date(today)}; đối chiếu với văn bản gốc trước khi dùng.")
    lines.append(f"Mỗi dòng \"{MARK_WORD}: …\" là một điều cần người biên tập xem lại: sửa nếu cần rồi xóa dòng đó.")
    lines.append("Dùng cho: " + _USES[kind])
    return lines


def clashes(files: list[Written], known: dict[str, set[str]]) -> list[Clash]:
    """Files that exist already, and records whose id the data already uses: nothing is written if there is one."""
    found = []
    for written in files:
        if written.path.exists():
            found.append(Clash(written.path, "tệp đã có; sotay import không ghi đè tệp nào"))
        record_id = written.path.stem
        if record_id in known.get(written.kind, set()):
            found.append(Clash(written.path, f"dữ liệu đã có {BY_NAME[written.kind].what} mang mã \"{record_id}\""))
    return found


def same_document(record: dict[str, Any], documents: dict[str, Any]) -> str | None:
    """The id of a document the data already has that the draft is a copy of: same number (canonical), or, for
    documents without a number, same issuer and same trích yếu (folded)."""
    number = record.get("number")
    key = _number_key(number) if number and number != UNKNOWN_TEXT else None
    title = fold(str(record.get("title") or ""))
    issuers = record.get("issuer") if isinstance(record.get("issuer"), list) else [record.get("issuer")]
    for doc in documents.values():
        if key and doc.number is not UNKNOWN and _number_key(str(doc.number)) == key:
            return doc.id
        if title and doc.title is not UNKNOWN and fold(str(doc.title)) == title \
                and {r.id for r in doc.issuer} & set(issuers):
            return doc.id
    return None


def _number_key(number: str) -> str:
    try:
        return parse_number(number).key
    except DocNumberError:
        return fold(number).replace(" ", "")


def write_files(files: list[Written]) -> None:
    for written in files:
        written.path.parent.mkdir(parents=True, exist_ok=True)
        with open(written.path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(written.text)
