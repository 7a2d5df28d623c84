"""The sections of an issued document as printed, and where each typed part of a plan (a purpose, a content item,
a task…) sits in them: an issued document is shown in its own order, with its own headings and numbers.

A part is placed by its `section`: in the printed section with that `ref`, or else in the nearest enclosing one
("B.I.2.1.a" → "B.I.2.1"), where the part itself stands for the numbered sub-section. Inside a section come its
own text, then its parts in the order the file writes them, then its sub-sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .diagnostics import Pos, Problems, echo
from .model import Dataset, Plan, PrintedSection
from .unknown import UNKNOWN
from .vietnamese import closest

# The typed parts of a plan, in the order a plan written in the handbook itself lists them.
PART_FIELDS = ("purposes", "requirements", "content", "forms", "phases", "timing", "tasks", "budget")
PART_NAMES = {
    "purposes": "đoạn mục đích (purposes)",
    "requirements": "đoạn yêu cầu (requirements)",
    "content": "mục nội dung (content)",
    "forms": "đoạn hình thức (forms)",
    "phases": "đợt tuyên truyền (phases)",
    "timing": "thời gian tuyên truyền (timing)",
    "tasks": "nhiệm vụ (tasks)",
    "budget": "kinh phí (budget)",
}

# Vietnamese documents letter their points a), b), c), d), đ), e), g), h), i), k)… (Nghị định 30/2020/NĐ-CP,
# Phụ lục I); many leave out "đ", so it is optional in a sequence.
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Part:
    kind: str  # one of PART_FIELDS
    record: Any
    order: tuple[int, int]  # (line, column) in the file: the document's order

    @property
    def section(self) -> str | None:
        return getattr(self.record, "section", None)


@dataclass
class Placed:
    """A printed section with the parts placed in it, and its sub-sections."""

    section: PrintedSection
    depth: int  # 1 for the top level
    parts: list[Part] = field(default_factory=list)
    children: list["Placed"] = field(default_factory=list)


def typed_parts(plan: Plan) -> list[Part]:
    """Every typed part of the plan, each list in the order the file writes it."""
    found: list[Part] = []
    for name in PART_FIELDS:
        value = getattr(plan, name)
        records = value if isinstance(value, list) else ([value] if value is not None else [])
        found += [Part(name, record, (record.pos.line, record.pos.column)) for record in records]
    return found


def walk(sections: list[PrintedSection], depth: int = 1) -> Iterator[tuple[PrintedSection, int]]:
    for section in sections:
        yield section, depth
        yield from walk(section.sections, depth + 1)


def enclosing(ref: str, refs: set[str]) -> str | None:
    """The printed section a part with `section: ref` goes into: that ref, or the nearest enclosing one."""
    parts = ref.strip().split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in refs:
            return candidate
        parts.pop()
    return None


def place(plan: Plan) -> tuple[list[Placed], list[Part]]:
    """The printed tree with every part in its section, and the parts that fit nowhere (the checker reports them)."""
    by_ref: dict[str, Placed] = {}

    def build(sections: list[PrintedSection], depth: int) -> list[Placed]:
        nodes = []
        for section in sections:
            node = Placed(section, depth)
            by_ref.setdefault(section.ref.strip(), node)
            node.children = build(section.sections, depth + 1)
            nodes.append(node)
        return nodes

    tree = build(plan.printed, 1)
    unplaced: list[Part] = []
    for part in sorted(typed_parts(plan), key=lambda p: p.order):
        target = enclosing(part.section, set(by_ref)) if part.section else None
        if target is None:
            unplaced.append(part)
        else:
            by_ref[target].parts.append(part)
    return tree, unplaced


# ---- the checks ----

def check_printed(dataset: Dataset, problems: Problems) -> None:
    for plan in dataset.plans.values():
        if plan.printed:
            _check_refs(plan, problems)
            _check_placement(plan, problems)
            _check_numbering(plan.printed, problems)
        elif plan.number is not UNKNOWN:
            problems.note(plan.positions.get("number", plan.pos),
                          f"kế hoạch số {echo(plan.number)} là văn bản đã ban hành nhưng chưa ghi \"printed\" (các mục "
                          "của văn bản như bản in); trang kế hoạch đang dùng bố cục chuẩn I-V thay cho bố cục của "
                          "bản in. Xem hướng dẫn \"Thêm kế hoạch\", phần \"Các mục như bản in\"")


def _check_refs(plan: Plan, problems: Problems) -> None:
    seen: dict[str, Pos] = {}
    for section, _ in walk(plan.printed):
        ref = section.ref.strip()
        pos = section.positions.get("ref", section.pos)
        if ref in seen:
            problems.add(pos, f"mục \"{echo(ref)}\" đã ghi tại {seen[ref]}; mỗi mục của văn bản (printed) phải có "
                              "\"ref\" riêng")
        else:
            seen[ref] = pos


def _check_placement(plan: Plan, problems: Problems) -> None:
    refs = sorted({section.ref.strip() for section, _ in walk(plan.printed)})
    _, unplaced = place(plan)
    for part in unplaced:
        what = PART_NAMES[part.kind]
        if not part.section:
            problems.add(part.record.pos, f"{what} chưa ghi \"section\": kế hoạch có các mục như bản in (printed) "
                                          f"nên mỗi phần phải ghi mục nơi nó được in, một trong: {_list(refs)}")
            continue
        near = closest(part.section, refs)
        hint = f"; có phải ý bạn là \"{near[0]}\"?" if near else f"; các mục đã ghi: {_list(refs)}"
        problems.add(part.record.positions.get("section", part.record.pos),
                     f"{what} ghi \"section: {echo(part.section)}\" nhưng \"printed\" không có mục này hay mục nào "
                     f"chứa nó{hint}")


def _list(refs: list[str], limit: int = 12) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (", …" if len(refs) > limit else "")


def label_value(label: str | None) -> tuple[str, int] | None:
    """A printed number as (style, value): ("roman", 4) for "IV-", ("arabic", 3) for "1.3.", ("letter", 2) for
    "b)". None for bullets ("-", "+") and anything else that is not a number."""
    text = (label or "").strip().rstrip(".-)–:").strip()
    if not text:
        return None
    if all(char in _ROMAN for char in text):
        return ("roman", _roman_value(text))
    if len(text) == 1 and text.isupper() and text.lower() in _LETTERS:
        return ("capital", _LETTERS.index(text.lower()) + 1)  # A., B., … (C. is read as a Roman C: no note)
    last = text.split(".")[-1]
    if last.isdigit():
        return ("arabic", int(last))
    if len(last) == 1 and last.lower() in _LETTERS:
        return ("letter", _LETTERS.index(last.lower()) + 1)
    return None


def _roman_value(text: str) -> int:
    total = 0
    for char, following in zip(text, [*text[1:], ""]):
        value = _ROMAN[char]
        total += -value if following and _ROMAN[following] > value else value
    return total


def _expected_next(style: str, previous: int, value: int) -> bool:
    if style in ("letter", "capital") and previous == _LETTERS.index("d") + 1:
        return value in (previous + 1, previous + 2)  # d) → đ) or d) → e)
    return value == previous + 1


def _check_numbering(sections: list[PrintedSection], problems: Problems) -> None:
    """A jump or a repeat in the printed numbers is the document's own: a note for editors, not an error."""
    previous: tuple[str, int, str] | None = None
    for section in sections:
        value = label_value(section.label)
        if value is not None:
            style, number = value
            if (previous is not None and previous[0] == style and not _expected_next(style, previous[1], number)
                    and not section.note):  # the editor has written down why: no need to say it again
                problems.note(section.positions.get("label", section.pos),
                              f"số mục \"{echo(section.label)}\" in ngay sau \"{echo(previous[2])}\": bản in đánh số "
                              "không liên tục. Trang giữ đúng số như bản in; nếu đây là lỗi gõ của người nhập "
                              "liệu (không phải của văn bản) thì sửa \"label\"; nếu đúng như bản in, ghi lại điều đó ở "
                              "\"note\" của mục để ghi chú này không nhắc lại")
            previous = (style, number, section.label or "")
        _check_numbering(section.sections, problems)
