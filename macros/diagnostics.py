"""Problems found in data files, each tied to a place, printed as `path:line:column: message`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Pos:
    """A place in a data file; line and column count from 1, as editors show them."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    pos: Pos
    message: str

    def format(self) -> str:
        return f"{self.pos}: {self.message}"


@dataclass
class Problems:
    """Collects every problem so the editor sees them all at once, not one per run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, pos: Pos, message: str) -> None:
        self.items.append(Problem(pos, message))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        # The same problem can be reached twice (e.g. a shared alias); report it once.
        return sorted(set(self.items))
