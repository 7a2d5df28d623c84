"""What the recogniser makes of a document: the draft record in the project's own data format, the records it
proposes (organisations, cited documents, events), every mark the editor must check, and the figures the report
prints. Written to files by write_draft (writing.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A path inside a record, as keys and list indexes: ("tasks", 3, "lead").
Path = tuple[str | int, ...]

MARK_WORD = "KIỂM TRA"  # every mark in a written draft reads "# KIỂM TRA: <reason>"


@dataclass
class Proposed:
    """A record the document needs that the data does not have yet: an organisation, a cited document, an event."""

    kind: str  # "organisation", "document", "event"
    record: dict[str, Any]  # YAML-ready, keys in data-file order
    marks: dict[Path, str] = field(default_factory=dict)  # inside the record
    reason: str = ""  # Vietnamese: why it is proposed ("tên đơn vị ở mục III.2 không khớp đơn vị nào")


@dataclass
class UnitMatch:
    """How a unit named in the document was matched to an organisation."""

    written: str  # as the document writes it
    org_id: str | None  # the organisation matched, or None (then a Proposed organisation)
    score: float  # 0-100
    where: str  # the section it was named in ("III.2")


@dataclass
class Draft:
    kind: str  # "plan" or "document"
    record: dict[str, Any]  # YAML-ready mapping in data-file key order (id, number, kind, issuer, date, …)
    marks: dict[Path, str] = field(default_factory=dict)  # path in `record` -> reason to check it (Vietnamese)
    proposed: list[Proposed] = field(default_factory=list)
    matches: list[UnitMatch] = field(default_factory=list)
    found: dict[str, int] = field(default_factory=dict)  # part -> count, for the report ("tasks": 13, …)
    notes: list[str] = field(default_factory=list)  # Vietnamese remarks for the report
