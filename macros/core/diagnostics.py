"""Problems found in data files, each tied to a place, printed as `path:line:column: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ECHO_LIMIT = 80  # characters of a data value quoted in a message; a whole paragraph would bury the message

# Characters that must never reach a terminal or a CI log raw: C0 and C1 controls (ESC starts the ANSI
# sequences that recolour or rewrite the screen), line and paragraph separators, surrogates (not encodable
# as UTF-8: printing one crashes), the non-characters U+FFFE/U+FFFF, the bidirectional overrides that make a
# line read differently from what it holds, and the zero-width spaces that would make `"id"` and `"\ufeffid"`
# look the same in a message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060"
                          "\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\x1b`, `\\u2028`), nothing shortened."""
    return _UNPRINTABLE.sub(_escape, text)


def echo(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value from the data as a message quotes it: at most about `limit` characters, control characters escaped."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + "…"
    return printable(text)


def char_name(char: str) -> str:
    """`U+001B`, as editors' "go to character" and Unicode tables name a character."""
    return f"U+{ord(char):04X}"


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a data file; line and column count from 1, as editors show them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


NOTE = "note"  # a remark for editors that does not fail the check: the data says what the document says
NOTE_PREFIX = "ghi chú: "


@dataclass(frozen=True, order=True)
class Problem:
    pos: Pos
    message: str
    severity: str = "error"  # "error" fails the check; NOTE does not

    def format(self) -> str:
        # Messages quote data through echo(); escaping the whole line again guards any path or message that did not.
        prefix = NOTE_PREFIX if self.severity == NOTE else ""
        return printable(f"{self.pos}: {prefix}{self.message}")


@dataclass
class Problems:
    """Collects every problem so the editor sees them all at once, not one per run."""

    items: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # remarks that do not fail the check

    def add(self, pos: Pos, message: str) -> None:
        self.items.append(Problem(pos, message))

    def note(self, pos: Pos, message: str) -> None:
        """A remark for editors (the document itself is faulty, or something is worth a second look): printed
        with the errors, marked "ghi chú", and never a reason to fail."""
        self.notes.append(Problem(pos, message, NOTE))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)
        self.notes.extend(other.notes)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        # The same problem can be reached twice (e.g. a shared alias); report it once.
        return sorted(set(self.items))

    def sorted_notes(self) -> list[Problem]:
        return sorted(set(self.notes))
