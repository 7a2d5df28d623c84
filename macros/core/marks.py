"""The "# KIỂM TRA: …" marks `sotay import` leaves in a draft: found in the data files, reported by `sotay check`
as notes while the editor works through them, and as errors where a draft must not be accepted (pre-commit, CI:
`sotay check --refuse-marks`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .diagnostics import Pos, Problems, echo
from .importer.draft import MARK_WORD

# A comment line whose text starts with the mark word; "#   …" continuation lines belong to the mark above.
_MARK = re.compile(rf"^(\s*)#\s*{MARK_WORD}\s*:?\s*(.*)$")


def find_marks(text: str) -> Iterable[tuple[int, int, str]]:
    """(line, column, reason) of every mark in a file's text."""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _MARK.match(line):
            yield number, len(match.group(1)) + 1, match.group(2).strip()


def check_marks(paths: Iterable[str], problems: Problems, refuse: bool) -> None:
    for shown in paths:
        try:
            text = Path(shown).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the loader has said why the file cannot be read
        for line, column, reason in find_marks(text):
            message = (f"còn dấu \"{MARK_WORD}\" của sotay import: {echo(reason, 120)}; hãy đối chiếu với văn bản "
                       "gốc, sửa nếu cần, rồi xóa dòng chú thích này")
            (problems.add if refuse else problems.note)(Pos(shown, line, column), message)
