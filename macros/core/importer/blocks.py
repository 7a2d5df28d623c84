"""A paragraph as the author wrote it: its printed label apart from its text, and the printed lines (or Word
paragraphs, or table cells) it was read from, which marks and messages cite."""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import Label
from .source import Line
from .wording import is_upper_line


@dataclass
class Block:
    """A paragraph as the author wrote it: its label, its text (without the label), the printed lines it spans."""

    text: str
    label: Label | None = None
    lines: list[Line] = field(default_factory=list)
    bold: bool = False

    @property
    def number(self) -> int:
        return self.lines[0].number if self.lines else 0

    @property
    def table(self) -> tuple[int, int, int] | None:
        line = self.lines[0] if self.lines else None
        if line is None or line.table is None:
            return None
        return (line.table, line.row or 0, line.cell or 0)

    @property
    def heading_like(self) -> bool:
        """A numbered heading, a line in capitals or in bold: where a line break often ends the paragraph."""
        return (self.label is not None and not self.label.is_bullet) or self.bold or is_upper_line(self.text)

    @property
    def full(self) -> str:
        """The paragraph as printed, label included."""
        return f"{self.label.text} {self.text}" if self.label is not None else self.text
