"""The text of a document as the importer reads it, whatever the file format: lines in reading order, each with
what the format tells about it (bold, italic, Word's own numbering, the table cell it sits in, its alignment).
The readers (reading.py) make it; the recogniser (recognise.py) reads only this, never a file."""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportProblem(Exception):
    """A file the importer cannot read: the message (Vietnamese) says what to do instead."""


@dataclass(frozen=True)
class Line:
    """One line (a paragraph of a Word file, a line of a PDF or text file), NFC, spaces collapsed, not empty."""

    text: str
    bold: bool = False  # the whole line is bold (a heading, the kind word, the issuer's name)
    italic: bool = False  # the whole line is italic (the place-and-date line)
    label: str | None = None  # Word's automatic number as it would print ("1.", "a)", "-"), not part of `text`
    level: int | None = None  # Word's numbering level of `label` (0 is the outermost)
    table: int | None = None  # index of the table the line is in, counted from 0 in the document
    row: int | None = None  # row and cell of that table, from 0
    cell: int | None = None
    align: str | None = None  # "left", "center", "right", "justify" when the format says
    page: int | None = None  # page number from 1 (PDF)
    number: int = 0  # position in the document, from 1; what messages and marks cite ("dòng 12")


@dataclass
class SourceText:
    """A document's lines in reading order, and what the reader noticed about the file."""

    path: str  # as the editor wrote it on the command line
    format: str  # "docx", "pdf", "txt", "md"
    lines: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # Vietnamese, for the report (e.g. "đã bỏ 12 dấu gạch nối cuối dòng")
    pages: int | None = None
