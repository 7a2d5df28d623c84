"""The sections of an issued plan sorted into the typed parts of the data model, by what their headings say:
purposes and requirements ("MỤC ĐÍCH, YÊU CẦU"), content ("Nội dung tuyên truyền", each item linked to the events
its heading names), forms ("Hình thức"), timing ("Thời gian"), phases ("LỘ TRÌNH", "Đợt 1. …"), budget ("KINH
PHÍ"), and the tasks of the organisation part and of activity sections (read by tasks.py). Every part keeps the ref
of the section it is printed in (`section`) and its label as printed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Dataset
from ..vietnamese import fold
from .draft import Path
from .event_links import events_in, year_in
from .blocks import Block
from .structure import Node, keeps_own_section
from .tasks import ANNEX, Drafted, TaskContext, is_activity, read_tasks
from .wording import clean, first_clause, without_end_mark

TASK_MODES = ("tasks", "activities")
# Headings that name a part; a longer heading is a sentence that happens to contain the words.
_SHORT_HEADING = 12
_FOCUS = re.compile(r"trước\s+(?:từng|mỗi|các)?\s*sự kiện\s+(?P<before>\d{1,3})\s+ngày\s+và\s+sau\s+(?:từng|mỗi|các)?"
                    r"\s*sự kiện\s+(?P<after>\d{1,3})\s+ngày", re.I)
_PHASE = re.compile(r"^(?P<name>Đợt\s+\d+|Giai đoạn\s+\d+)\s*[.:\-–]?\s*(?P<title>.*)$", re.I)


@dataclass
class Parts:
    """Everything typed a plan's sections hold, with the marks (paths from the record's root)."""

    purposes: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    content: list[dict[str, Any]] = field(default_factory=list)
    forms: list[dict[str, Any]] = field(default_factory=list)
    timing: dict[str, Any] | None = None
    phases: list[dict[str, Any]] = field(default_factory=list)
    tasks: list[Drafted] = field(default_factory=list)
    budget: dict[str, Any] | None = None
    marks: dict[Path, str] = field(default_factory=dict)


def mode_of(heading: str) -> str | None:
    """The part a heading names, or None when it names none."""
    words = fold(heading)
    if len(heading.split()) > _SHORT_HEADING:
        return None
    if "to chuc thuc hien" in words or "phan cong nhiem vu" in words:
        return "tasks"
    if "kinh phi" in words:
        return "budget"
    if "muc dich" in words and "yeu cau" in words:
        return "aims"
    if words.startswith("muc dich"):
        return "purposes"
    if words.startswith("yeu cau"):
        return "requirements"
    if "lo trinh" in words or _PHASE.match(heading):
        return "phases"
    if "noi dung" in words and ("hinh thuc" in words or "thoi gian" in words):
        return "container"
    if "hoat dong" in words or "to chuc le" in words or "cong tac tuyen truyen" in words:
        return "activities"
    if "noi dung" in words:
        return "content"
    if "hinh thuc" in words:
        return "forms"
    if "thoi gian" in words:
        return "timing"
    return None


def assign_modes(root: Node, context: TaskContext) -> None:
    """The part of every section, from its heading or its parent's, and which sections are parts themselves."""
    for node in root.walk():
        parent_mode = node.parent.mode if node.parent is not None else ""
        own = mode_of(node.heading)
        if parent_mode in TASK_MODES:
            node.mode = own if own in ("content", "purposes", "requirements") else parent_mode
        elif parent_mode == "phases" and own is None:
            node.mode = "phases"
        else:
            node.mode = own or parent_mode or "other"
        node.is_part = _is_part(node, own, context)


def _is_part(node: Node, own: str | None, context: TaskContext) -> bool:
    if node.children:
        return False
    if node.mode in TASK_MODES:
        return is_activity(node, context.units)
    if own is not None and node.mode != "phases":
        return False  # "1. Mục đích", "2. Hình thức tuyên truyền": a section holding its part
    if node.mode == "phases":
        return _PHASE.match(node.heading) is not None
    return node.mode in ("content", "forms", "purposes", "requirements", "aims")


def read_parts(root: Node, dataset: Dataset, context: TaskContext, year_hint: int | None) -> Parts:
    parts = Parts()
    for node in root.walk():
        _read_node(node, parts, dataset, context, year_hint)
    return parts


def _read_node(node: Node, parts: Parts, dataset: Dataset, context: TaskContext, year_hint: int | None) -> None:
    mode = node.mode
    if mode in TASK_MODES:
        if node.mode == "tasks" or node.body or node.is_part:
            parts.tasks += read_tasks(node, context)
        return
    if mode in ("aims", "purposes", "requirements"):
        _read_aims(node, parts)
    elif mode == "content":
        _read_content(node, parts, dataset, year_hint)
    elif mode == "forms":
        _read_forms(node, parts)
    elif mode == "timing":
        _read_timing(node, parts)
    elif mode == "phases":
        _read_phases(node, parts, dataset)
    elif mode == "budget":
        text = _joined(node.body)
        if text:
            parts.budget = {"text": text, "section": node.ref}
    elif node.body:
        node.text_blocks += node.body


def _label_of(node: Node) -> str | None:
    return node.label.text if node.label is not None and not keeps_own_section(node) else None


def _paragraph(block: Block, section: str) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if block.label is not None:
        record["label"] = block.label.text
    record["text"] = without_end_mark(block.text)
    record["section"] = section
    return record


def _read_aims(node: Node, parts: Parts) -> None:
    if node.is_part:
        target = parts.requirements if node.mode == "requirements" else parts.purposes
        record = {"label": _label_of(node), "text": _joined([node.block, *node.body]) if node.block else "",
                  "section": node.ref}
        target.append({key: value for key, value in record.items() if value})
        return
    for block in node.body:
        if node.mode == "requirements" or (node.mode == "aims" and re.search(r"\bphải\b", block.text)):
            parts.requirements.append(_paragraph(block, node.ref))
            if node.mode == "aims":
                parts.marks[("requirements", len(parts.requirements) - 1)] = (
                    "mục in chung mục đích và yêu cầu; đoạn này có chữ \"phải\" nên được xếp vào yêu cầu, hãy kiểm tra")
        else:
            parts.purposes.append(_paragraph(block, node.ref))


def _read_content(node: Node, parts: Parts, dataset: Dataset, year_hint: int | None) -> None:
    year = _year_of(node) or year_hint
    if node.is_part and node.block is not None:
        body = list(node.body)
        annex = body.pop() if body and ANNEX.match(body[-1].text) else None
        record: dict[str, Any] = {}
        label = _label_of(node)
        if label:
            record["label"] = label
        record["title"] = node.heading
        if body:
            record["text"] = _joined(body)
        _link_events(record, node.heading, dataset, parts, len(parts.content))
        if year:
            record["year"] = year
        record["section"] = node.ref
        parts.content.append(record)
        if annex is not None and node.parent is not None:
            _annex(annex, node.parent, parts, dataset, year)
        return
    for block in node.body:
        if ANNEX.match(block.text):
            _annex(block, node, parts, dataset, year)
            continue
        record: dict[str, Any] = {}
        if block.label is not None and not block.label.is_bullet:
            record["label"] = block.label.text
        record["title"] = first_clause(block.text) if not block.text.startswith("(") else block.text.strip("()")
        record["text"] = without_end_mark(block.text)
        _add_content(record, block, node, parts, dataset, year,
                     "tiêu đề lấy từ câu đầu của đoạn nội dung; hãy rút gọn")


def _annex(block: Block, node: Node, parts: Parts, dataset: Dataset, year: int | None) -> None:
    """"(Có đề cương tuyên truyền … kèm theo)": a content item of the section it closes."""
    record: dict[str, Any] = {"title": clean(block.text.strip("().")), "text": block.text}
    _add_content(record, block, node, parts, dataset, year, "ghi chú về tài liệu kèm theo; hãy đặt tiêu đề ngắn")


def _add_content(record: dict[str, Any], block: Block, node: Node, parts: Parts, dataset: Dataset,
                 year: int | None, title_mark: str) -> None:
    """A content item placed in its section: its events, its year, and the mark on the title the importer made."""
    index = len(parts.content)
    _link_events(record, block.text, dataset, parts, index)
    if year:
        record["year"] = year
    record["section"] = node.ref
    parts.content.append(record)
    parts.marks[("content", index, "title")] = title_mark


def _year_of(node: Node | None) -> int | None:
    while node is not None and node.block is not None:
        if (year := year_in(node.heading)) is not None:
            return year
        node = node.parent
    return None


def _link_events(record: dict[str, Any], text: str, dataset: Dataset, parts: Parts, index: int) -> None:
    found = events_in(text, dataset)
    if found:
        # Events go after the title and text, before the year, as the data files write them.
        record["events"] = found
        parts.marks[("content", index, "events")] = "sự kiện nhận ra từ tiêu đề (ngày tháng hoặc tên); hãy kiểm tra"


def _read_forms(node: Node, parts: Parts) -> None:
    if node.is_part and node.block is not None:
        record: dict[str, Any] = {}
        label = _label_of(node)
        if label:
            record["label"] = label
        record["text"] = _joined([node.block, *node.body])
        record["section"] = node.ref
        parts.forms.append(record)
        return
    for block in node.body:
        parts.forms.append(_paragraph(block, node.ref))


def _read_timing(node: Node, parts: Parts) -> None:
    text = _joined(node.body)
    if not text:
        return
    timing: dict[str, Any] = {"text": text}
    if (found := _FOCUS.search(text)) is not None:
        timing["focus_before"] = int(found["before"])
        timing["focus_after"] = int(found["after"])
    timing["section"] = node.ref
    parts.timing = timing


def _read_phases(node: Node, parts: Parts, dataset: Dataset) -> None:
    if not node.is_part:
        for block in node.body:  # what the section says after its phases ("Bên cạnh các nội dung …")
            index = len(parts.content)
            parts.content.append({"title": first_clause(block.text), "text": without_end_mark(block.text),
                                  "section": node.ref})
            _link_events(parts.content[-1], block.text, dataset, parts, index)
            parts.marks[("content", index, "title")] = "tiêu đề lấy từ câu đầu của đoạn; hãy rút gọn"
        return
    found = _PHASE.match(node.heading)
    assert found is not None
    record: dict[str, Any] = {}
    label = _label_of(node)
    if label:
        record["label"] = label
    record["name"] = found["name"]
    if found["title"]:
        record["title"] = found["title"].strip()
    body = list(node.body)
    if body and body[0].label is None and body[0].text.rstrip().endswith(":"):
        record["text"] = body.pop(0).text
    record["items"] = _items(body)
    record["section"] = node.ref
    parts.phases.append(record)


def _items(blocks: list[Block]) -> list[str]:
    """Bullets as the items of a list; "+" and "(1)" points go with the bullet above as a nested list, a paragraph
    without a label goes on the item above (a sentence that ended at a printed line's end)."""
    items: list[list[str]] = []
    for block in blocks:
        if items and block.label is None:
            items[-1][-1] = clean(f"{items[-1][-1]} {block.text}")
        elif items and block.label is not None and block.label.style in ("plus", "paren"):
            items[-1].append(f"- {block.full if block.label.style == 'paren' else block.text}")
        else:
            items.append([block.text])
    return [item[0] + ("\n\n" + "\n".join(item[1:]) if len(item) > 1 else "") for item in items]


def _joined(blocks: list[Block | None]) -> str:
    """Paragraphs as Markdown: one per paragraph, bullets as a list."""
    out: list[str] = []
    for block in blocks:
        if block is None:
            continue
        text = without_end_mark(block.text)
        if block.label is not None and block.label.is_bullet:
            line = f"- {block.full if block.label.style == 'paren' else text}"
            if out and out[-1].startswith("- "):
                out[-1] += "\n" + line
            else:
                out.append(line)
        else:
            out.append(clean(text))
    return "\n\n".join(out)
