"""Printed lines joined back into the paragraphs the author wrote. A PDF or a text file gives one line per printed
line, so a paragraph is broken mid-sentence; a Word file gives whole paragraphs. A new paragraph starts at a label
("I-", "1.1.", "a)", "-", "+", "(1)"), at a change of bold, after a line ending a sentence when the next starts
with a capital, and after a heading whose line ends where a new sentence starts; a line ending with "của", "và"…
or inside a unit's name ("Mặt trận / Tổ quốc") continues. Page numbers, separators and footnotes are set apart."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block
from .labels import Label, split_label, word_label
from .tables import table_blocks, table_lines
from .source import Line
from .units import UnitIndex
from .wording import (clean, ends_open, ends_sentence, is_upper_line, starts_lower, starts_proper, starts_upper)

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$")
_SEPARATOR = re.compile(r"^[-–—_*=.•\s]{3,}$|^\*$")
_FOOTNOTE_MARK = re.compile(r"(?<=[a-zà-ỹđ”\")])(\d{1,2})$")
_FOOTNOTE_START = re.compile(r"^(\d{1,2})\s+(?=[^\W\d_])")
# Below this share of the usual full line, a printed line is the last of its paragraph; below the second, a heading
# has surely ended.
SHORT_LINE = 0.8
VERY_SHORT_LINE = 0.6
_OPENING = re.compile(r"(?:Thực hiện|Căn cứ|Trên đây|Nơi nhận)\b")


@dataclass
class Footnote:
    number: str
    text: str
    line: int


@dataclass
class Joined:
    blocks: list[Block]
    footnotes: list[Footnote]


def usual_width(lines: list[Line]) -> int:
    """The length of a full printed line: the longer lines of the body set it (first lines are indented, last lines
    short)."""
    lengths = sorted(len(line.text) for line in lines if line.table is None and len(line.text) > 20)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.75)]


def set_apart(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """The body lines without page numbers, separators and footnotes; the footnotes apart, their marks removed
    from the lines that carry them ("… Ban Bí thư1")."""
    kept: list[Line] = []
    marks: set[str] = set()
    footnotes: list[Footnote] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if line.table is None and (_PAGE_NUMBER.match(text) or _SEPARATOR.match(text)):
            index += 1
            continue
        start = _FOOTNOTE_START.match(text)
        if start is not None and start.group(1) in marks and line.table is None:
            index = _take_footnote(lines, index, start.group(1), footnotes)
            continue
        mark = _FOOTNOTE_MARK.search(text) if line.table is None else None
        if mark is not None and not text[:mark.start()].rstrip().endswith(("năm", "tháng", "ngày", "số")):
            marks.add(mark.group(1))
            line = _with_text(line, text[:mark.start()].rstrip())
        kept.append(line)
        index += 1
    return kept, footnotes


def _take_footnote(lines: list[Line], index: int, number: str, footnotes: list[Footnote]) -> int:
    first = lines[index]
    parts = [first.text.strip()[len(number):].strip()]
    index += 1
    while index < len(lines) and not ends_sentence(parts[-1]):
        parts.append(lines[index].text.strip())
        index += 1
    footnotes.append(Footnote(number, clean(" ".join(parts)), first.number))
    return index


def _with_text(line: Line, text: str) -> Line:
    return Line(text, line.bold, line.italic, line.label, line.level, line.table, line.row, line.cell, line.align,
                line.page, line.number)


def join_lines(lines: list[Line], whole: bool, units: UnitIndex) -> Joined:
    """The paragraphs of the body. `whole`: the lines are paragraphs already (a Word file)."""
    kept, footnotes = set_apart(lines)
    width = usual_width(kept)
    blocks: list[Block] = []
    previous_capital = 0
    index = 0
    while index < len(kept):
        line = kept[index]
        if line.table is not None:
            end = table_lines(kept, index)
            rows = table_blocks(kept[index:end])
            if rows is not None:
                blocks += rows
                index = end
                continue
        index += 1
        label, rest = _label_of(line, previous_capital)
        if label is not None and label.style == "capital":
            previous_capital = label.value
        current = blocks[-1] if blocks else None
        if current is not None and label is None and not whole and _continues(current, line, width, units):
            _extend(current, line)
            continue
        blocks.append(Block(clean(rest), label, [line], line.bold))
    return Joined(blocks, footnotes)


def _label_of(line: Line, previous_capital: int) -> tuple[Label | None, str]:
    if line.label:
        return word_label(line.label, line.text)
    return split_label(line.text.strip(), previous_capital)


def _extend(block: Block, line: Line) -> None:
    text = line.text.strip()
    previous = block.lines[-1].text.rstrip()
    glue = "" if re.search(r"\w-$", previous) and (text[:1].isdigit() or text[:1].isupper()) else " "
    block.text = clean(block.text + glue + text)
    block.lines.append(line)
    block.bold = block.bold and line.bold


def _continues(block: Block, line: Line, width: int, units: UnitIndex) -> bool:
    """Whether `line` (no label) goes on the paragraph `block`."""
    previous = block.lines[-1]
    if previous.table != line.table or previous.row != line.row or previous.cell != line.cell:
        return False
    before, after = previous.text.rstrip(), line.text.strip()
    if previous.bold != line.bold and (previous.bold or line.bold):
        return False
    if re.search(r"\w-$", before):
        return True  # "… ngày 23-" / "24/3/2023": a word cut at its hyphen
    if starts_lower(after):
        return True
    first = after[:1]
    if first in "(“\"‘":
        # "(Có đề cương … kèm theo)" after a full stop is a paragraph of its own; "(01/01/2004 - …)" goes on.
        return not (ends_sentence(before) and starts_upper(after))
    if not first.isalpha():
        return True  # "2024 (khoảng 1000 cuốn)", "7/5/2024)": a number or a bracket carried to the next line
    if block.text.count("(") > block.text.count(")"):
        return True  # "… (truyền hình trực tiếp trên sóng / VTV và LTV)."
    if ends_sentence(before):
        # A colon or semicolon that justified text put at the end of a long line is inside the paragraph ("… các
        # công trình: / Đường hành lang …; / Khu liên hiệp …"), unless a new opening sentence starts.
        return (before.rstrip()[-1:] in ":;" and len(before) >= SHORT_LINE * width and not block.heading_like
                and not _OPENING.match(after))
    if ends_open(before):
        return True
    if block.heading_like and len(before) < VERY_SHORT_LINE * width:
        return False
    if units.continues_name(before, after) or starts_proper(after):
        return True
    if is_upper_line(before) and is_upper_line(after) and block.heading_like:
        return True  # a heading in capitals over two lines
    if block.heading_like:
        return False  # a heading ends where a sentence starts with a capital
    return len(before) >= SHORT_LINE * width
