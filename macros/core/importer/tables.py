"""Task tables ("TT | Nội dung | Đơn vị thực hiện | Đơn vị phối hợp | Thời gian") read into the paragraphs the rest
of the recogniser reads: a row that only carries a heading ("2.1. Năm 2023") becomes that heading; a task row
becomes its text (numbered as its TT cell says) followed by "- Đơn vị thực hiện: …", "- Đơn vị phối hợp: …",
"- Thời gian: …" lines, exactly as a plan writes them without a table. A table without such a header row is read
cell by cell as ordinary paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..vietnamese import fold
from .labels import Label, split_label, word_label
from .blocks import Block
from .source import Line
from .wording import clean

# The columns of a task table, by the words of their header cell, and the line each becomes.
_COLUMNS = (
    ("label", ("tt", "stt", "so tt")),
    ("lead", ("don vi thuc hien", "don vi chu tri", "co quan chu tri", "co quan thuc hien", "chu tri",
              "thuc hien")),
    ("support", ("don vi phoi hop", "co quan phoi hop", "phoi hop")),
    ("when", ("thoi gian", "thoi han")),
    ("place", ("dia diem",)),
    ("budget", ("kinh phi",)),
    ("text", ("noi dung", "nhiem vu", "hoat dong", "cong viec", "ten hoat dong")),
)
_FIELD_WORDS = {"lead": "Đơn vị thực hiện", "support": "Đơn vị phối hợp", "when": "Thời gian", "place": "Địa điểm",
                "budget": "Kinh phí"}


@dataclass
class _Row:
    number: int
    cells: dict[int, list[Line]] = field(default_factory=dict)

    def text(self, cell: int) -> str:
        return clean(" ".join(line.text for line in self.cells.get(cell, [])))

    @property
    def filled(self) -> list[int]:
        return [cell for cell in sorted(self.cells) if self.text(cell)]


def table_lines(lines: list[Line], start: int) -> int:
    """The index after the last line of the table that starts at `start`."""
    table = lines[start].table
    end = start
    while end < len(lines) and lines[end].table == table:
        end += 1
    return end


def table_blocks(lines: list[Line]) -> list[Block] | None:
    """The paragraphs of one table's lines, or None when it is not a task table."""
    rows = _rows(lines)
    if not rows:
        return None
    columns = _columns(rows[0])
    if "text" not in columns or not ({"lead", "when"} & set(columns)):
        return None
    blocks: list[Block] = []
    for row in rows[1:]:
        blocks += _row_blocks(row, columns)
    return blocks


def _rows(lines: list[Line]) -> list[_Row]:
    rows: dict[int, _Row] = {}
    for line in lines:
        row = rows.setdefault(line.row or 0, _Row(line.row or 0))
        row.cells.setdefault(line.cell or 0, []).append(line)
    return [rows[key] for key in sorted(rows)]


def _columns(header: _Row) -> dict[str, int]:
    found: dict[str, int] = {}
    for cell in header.filled:
        words = fold(header.text(cell)).strip(" .:")
        for name, options in _COLUMNS:
            if name not in found and any(words == option or words.startswith(option + " ") for option in options):
                found[name] = cell
                break
    return found


def _row_blocks(row: _Row, columns: dict[str, int]) -> list[Block]:
    filled = row.filled
    lines = [line for cell in filled for line in row.cells[cell]]
    if not filled:
        return []
    text_cell = columns["text"]
    label_text = row.text(columns["label"]) if "label" in columns else ""
    text = row.text(text_cell)
    others = [cell for cell in filled if cell not in (text_cell, columns.get("label"))]
    if not text and not others:
        # A heading row ("2.1. Năm 2023" across the table): the heading as printed.
        heading = " ".join(row.text(cell) for cell in filled)
        label, rest = split_label(heading)
        return [Block(clean(rest), label, lines, all(line.bold for line in lines))]
    label = _row_label(label_text)
    blocks = [Block(text, label, row.cells.get(text_cell, lines[:1]), False)]
    for name in ("lead", "support", "when", "place", "budget"):
        if name in columns and row.text(columns[name]):
            value = row.text(columns[name])
            blocks.append(Block(f"{_FIELD_WORDS[name]}: {value}", Label("-", "dash"), row.cells[columns[name]]))
    return blocks


def _row_label(text: str) -> Label | None:
    """A row's TT cell as a label: a letter ("a)") or a Roman number numbers a section; a plain number ("1", "2")
    only counts the rows, so the row is an item of the section it is in."""
    if not text:
        return None
    label, _ = word_label(text, "")
    if label is None or label.style in ("arabic", "paren", "dash", "plus"):
        return None
    return label
