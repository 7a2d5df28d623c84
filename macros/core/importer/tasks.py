"""The tasks of an issued document, as it assigns them: one per paragraph under a unit's section ("1. Ban Tuyên giáo
Tỉnh uỷ" then its paragraphs), one per numbered or lettered activity followed by "- Đơn vị thực hiện: …", "- Đơn vị
phối hợp: …", "- Thời gian (hoàn thành|thực hiện): …" lines (seed 002, section B), or one per row of a task table.
`details` is the paragraph verbatim, `title` its first clause (marked: the editor shortens it), lead and support
units from the section heading, the paragraph's first words, the "Đơn vị …" lines or the units it works with
("phối hợp với …"), and the time through the project's own fuzzy-date reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..dates import DateError, parse_fuzzy
from ..vietnamese import capitalise, fold
from .draft import Path
from .blocks import Block
from .structure import Node, keeps_own_section
from .units import Hit, UnitIndex, looks_like_unit
from .wording import clean, first_clause, trim, without_end_mark

_FIELD = re.compile(r"^(?P<name>đơn vị (?:thực hiện|chủ trì|phối hợp)|cơ quan (?:thực hiện|chủ trì|phối hợp)|"
                    r"chủ trì|phối hợp|thời gian(?: (?:thực hiện|hoàn thành|tổ chức))?|thời hạn(?: hoàn thành)?|"
                    r"địa điểm|kinh phí|chương trình|sản phẩm)\s*:\s*(?P<value>.*)$", re.I)
_INLINE_TIME = (
    re.compile(r"thời gian(?: (?:tổ chức|thực hiện|hoàn thành))?:?\s+(?P<time>(?:dự kiến\s+)?(?:tháng|quý|năm|"
               r"từ|trước|trong)\b[^.;()]*?\d{4})(?P<note>\s*\([^)]*\))?", re.I),
    re.compile(r"\bvào\s+(?P<time>(?:(?:đầu|giữa|cuối)\s+)?năm\s+\d{4}|tháng\s+\d{1,2}\s*/\s*\d{4})", re.I),
    re.compile(r"\b(?P<time>trước ngày\s+\d{1,2}/\d{1,2}/\d{4})", re.I),
)
_BUDGET = re.compile(r"\bkinh phí\s+(?P<budget>\d[\d.,]*\s*(?:triệu|tỷ|tỉ|nghìn)?\s*đồng.*?)(?=\.\s|\.$|$)", re.I)
# A paragraph that names whom it asks: "Đề nghị …", "Khuyến khích …", "Yêu cầu …".
_ADDRESSED = re.compile(r"(?:đề nghị|khuyến khích|yêu cầu)\s+(?=các\s|[^\W\d_]*[A-ZĐ])", re.I)
_DONE = re.compile(r"\(\s*đã thực hiện\s*\)", re.I)
ANNEX = re.compile(r"^\(.*kèm theo.*\)\.?$", re.I)
# A heading of this many words or more is an activity itself, not the title of a group ("Cấp huyện", "Năm 2024").
LONG_HEADING = 10
# A unit's name the data does not have is taken as one up to this many words; a longer phrase is a sentence.
UNIT_WORDS = 12


@dataclass
class Item:
    """A piece of work as printed: its paragraphs (the first says what to do) and its "Đơn vị …" lines."""

    blocks: list[Block] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    programme: list[str] = field(default_factory=list)
    heading: str | None = None  # the lead-in of an activity whose heading ends with ":" ("Khen thưởng cấp tỉnh:")

    @property
    def text(self) -> str:
        parts = [self.heading] if self.heading else []
        return clean(" ".join([*parts, *(block.text for block in self.blocks[:1])]))


@dataclass
class Drafted:
    """A task record and its marks (paths inside the task)."""

    record: dict[str, Any]
    marks: dict[Path, str] = field(default_factory=dict)


@dataclass
class TaskContext:
    units: UnitIndex
    main_events: list[str]  # the events the document is about, for times counted from "the event"


def field_of(block: Block) -> tuple[str, str] | None:
    """The name and value of an "Đơn vị thực hiện: …" or "Thời gian: …" line."""
    if block.label is not None and block.label.style not in ("dash", "plus"):
        return None
    found = _FIELD.match(block.text)
    if found is None:
        return None
    name = fold(found["name"])
    if "phoi hop" in name:
        key = "support"
    elif "thuc hien" in name and "thoi" not in name or "chu tri" in name:
        key = "lead"
    elif name.startswith(("thoi gian", "thoi han")):
        key = "when"
    elif name == "dia diem":
        key = "place"
    elif name == "kinh phi":
        key = "budget"
    else:
        key = "programme"
    return key, found["value"].strip()


def items_of(node: Node) -> tuple[Item | None, list[Item], list[Block]]:
    """The node's own activity (when "Đơn vị …" lines follow its heading), the items of its body, and the paragraphs
    that are the section's own text (a lead-in ending with ":" before its items, an annex note)."""
    own: Item | None = None
    items: list[Item] = []
    text: list[Block] = []
    current: Item | None = None
    for block in node.body:
        found = field_of(block)
        if found is not None:
            target = current
            if target is None:
                own = own or Item([])
                target = own
            key, value = found
            if key == "programme":
                if value:
                    target.programme.append(value)
                target.fields.setdefault("programme", "")
            else:
                target.fields[key] = clean(f"{target.fields[key]}; {value}") if key in target.fields else value
            continue
        if block.label is not None and block.label.style in ("plus", "paren") and current is not None:
            if "programme" in current.fields and block.label.style == "plus" and _last_is_field(node, block):
                current.programme.append(block.text)
            else:
                current.blocks.append(block)
            continue
        if block.label is not None and block.label.style == "plus" and own is not None and "programme" in own.fields:
            own.programme.append(block.text)
            continue
        if ANNEX.match(block.text):
            text.append(block)
            continue
        current = Item([block])
        items.append(current)
    # A lead-in ending with ":" before bullets is the section's text ("Là cơ quan thường trực …, có nhiệm vụ sau:").
    while items and not items[0].fields and items[0].blocks[0].label is None \
            and items[0].blocks[0].text.rstrip().endswith(":") and len(items) > 1 \
            and items[1].blocks[0].label is not None:
        text.append(items.pop(0).blocks[0])
    return own, items, text


def _last_is_field(node: Node, block: Block) -> bool:
    """Whether the block follows a "Chương trình:" line or another programme line (the items of the programme)."""
    index = node.body.index(block)
    for previous in reversed(node.body[:index]):
        found = field_of(previous)
        if found is not None:
            return found[0] == "programme"
        if previous.label is None or previous.label.style != "plus":
            return False
    return False


def is_activity(node: Node, units: UnitIndex) -> bool:
    """Whether a numbered section is itself one activity (its heading says what to do): "Đơn vị …" lines follow the
    heading; or the heading is a lead-in ("Khen thưởng cấp tỉnh:") to the one paragraph that has them; or it is a
    long sentence with no unit in it and no sub-section under it."""
    if node.children or node.block is None:
        return False
    own, items, _ = items_of(node)
    if own is not None and own.fields:
        return True
    if node.heading.rstrip().endswith(":") and len(items) == 1 and items[0].fields:
        return True
    if heading_units(node, units, record=False):
        return False
    return len(node.heading.split()) >= LONG_HEADING and not any(item.fields for item in items)


def heading_units(node: Node, units: UnitIndex, record: bool = True) -> list[Hit]:
    """The units a section heading names ("Ban Tuyên giáo Tỉnh uỷ", "Đề nghị các sở, ngành trên địa bàn tỉnh"):
    only when the whole heading is a list of units."""
    heading = node.heading.strip().rstrip(".")
    if not heading or not looks_like_unit(heading):
        return []
    probe = units.listed(heading, node.ref, record=False)
    if any(hit.proposed and (len(hit.written.split()) > UNIT_WORDS or not looks_like_unit(hit.written))
           for hit in probe):
        return []  # a sentence that starts with a unit ("Các cơ quan, đơn vị căn cứ kế hoạch này …"), not a list
    return units.listed(heading, node.ref) if record else probe


def read_tasks(node: Node, context: TaskContext) -> list[Drafted]:
    """The tasks of one section of the organisation part (its sub-sections are read on their own)."""
    units = context.units
    own, items, text_blocks = items_of(node)
    node.text_blocks += text_blocks
    if is_activity(node, units):
        node.is_part = True
        return [_activity(node, own, items, context)]
    heading_lead = heading_units(node, units) if items else []
    return [_paragraph_task(node, item, heading_lead, context) for item in items]


def _activity(node: Node, own: Item | None, items: list[Item], context: TaskContext) -> Drafted:
    """The task of a section that is itself an activity: its heading says what to do."""
    assert node.block is not None
    if own is None or not own.fields:
        if node.heading.rstrip().endswith(":") and len(items) == 1 and items[0].fields:
            own = items[0]
            own.heading = node.heading
            items = []
        else:
            own = own or Item([])
    heading = node.heading
    body = [_item_text(item) for item in items] + [block.text for block in own.blocks]
    if own.heading:
        title = clean(own.heading.rstrip(": ") + ": " + first_clause(own.blocks[0].text))
        full = own.blocks[0].text
    else:
        title = first_clause(heading)
        full = "\n\n".join([heading, *body]) if body else heading
    record: dict[str, Any] = {}
    marks: dict[Path, str] = {}
    if not keeps_own_section(node) and node.label is not None:
        record["label"] = node.label.text
    else:
        node.heading_is_part = not own.heading
    record["title"] = title
    if own.heading or body or _shortened(title, heading):
        record["details"] = without_end_mark(full)
    if title != heading.rstrip(". ") and not own.heading:
        marks[("title",)] = "tiêu đề lấy từ câu đầu của mục; hãy rút gọn cho đúng việc cần làm"
    elif own.heading:
        marks[("title",)] = "tiêu đề ghép từ tiêu đề mục và câu đầu đoạn văn; hãy rút gọn"
    _assign_units(record, marks, own, node, [], full, context)
    _assign_when(record, marks, own, full, context)
    _assign_place_and_programme(record, own)
    _assign_budget(record, marks, full)
    if node.ref:
        record["section"] = node.ref
    return Drafted(_ordered(record), marks)


def _paragraph_task(node: Node, item: Item, heading_lead: list[Hit], context: TaskContext) -> Drafted:
    """A task written as a paragraph (or a bullet) under a section."""
    text = _item_text(item)
    record: dict[str, Any] = {}
    marks: dict[Path, str] = {}
    title = first_clause(item.text)
    record["title"] = title
    assigned = "lead" in item.fields or "when" in item.fields
    if not assigned or _shortened(title, text):
        # A paragraph of the organisation part is kept whole; an activity with its own "Đơn vị …" lines is its title.
        record["details"] = without_end_mark(text)
        marks[("title",)] = "tiêu đề lấy từ câu đầu của đoạn giao việc; hãy rút gọn cho đúng việc cần làm"
    _assign_units(record, marks, item, node, heading_lead, item.text, context)
    _assign_when(record, marks, item, item.text, context)
    _assign_place_and_programme(record, item)
    _assign_budget(record, marks, text)
    if node.ref:
        record["section"] = node.ref
    return Drafted(_ordered(record), marks)


def _item_text(item: Item) -> str:
    """An item's paragraphs as Markdown: the first as written, its sub-items as a list."""
    if not item.blocks:
        return ""
    first = item.blocks[0].text
    rest = [f"- {block.full if block.label and block.label.style == 'paren' else block.text}"
            for block in item.blocks[1:]]
    return "\n\n".join([first, "\n".join(rest)]) if rest else first


def _shortened(title: str, text: str) -> bool:
    return title != text.rstrip(". ")


def _assign_units(record: dict[str, Any], marks: dict[Path, str], item: Item, node: Node, heading_lead: list[Hit],
                  text: str, context: TaskContext) -> None:
    units = context.units
    where = node.ref
    leads: list[Hit] = []
    notes: list[str] = []
    addressed = _ADDRESSED.match(text)
    if "lead" in item.fields:
        leads = units.listed(item.fields["lead"], where)
    elif addressed is not None:
        # "Đề nghị các cơ quan báo chí Trung ương …", "Khuyến khích các tập thể, cá nhân …": the paragraph assigns
        # the units it names, not those of the section heading.
        leading = units.leading(text[addressed.end():], where)
        if leading is not None:
            units.record(leading, where)
            leads = [leading]
        else:
            notes.append(f"đoạn văn giao việc cho \"{first_clause(text[addressed.end():], 60)}\", không phải các đơn "
                         "vị của tiêu đề mục; ghi mã đơn vị đó (thêm vào dữ liệu nếu chưa có)")
    else:
        leading = units.leading(text, where)
        heading_ids = {hit.org_id for hit in heading_lead}
        if leading is not None and (not heading_lead or leading.org_id in heading_ids
                                    or text[leading.end:].lstrip().startswith(":")):
            units.record(leading, where)
            leads = [leading]
            if heading_lead and leading.org_id in heading_ids and len(heading_lead) > 1:
                notes.append(f"đoạn văn mở đầu bằng \"{leading.written}\": chỉ giao đơn vị này trong số các đơn vị "
                             "của tiêu đề mục")
        elif heading_lead:
            leads = heading_lead
    if leads:
        record["lead"] = [hit.org_id for hit in leads]
        notes += _match_notes(leads)
    elif not notes:
        notes.append("văn bản không ghi rõ đơn vị chủ trì ở đây; ghi mã đơn vị (hoặc bỏ trống nếu giao cho chính "
                     "các đơn vị nhận kế hoạch)")
    if notes:
        marks[("lead",)] = "; ".join(notes)
    lead_ids = set(record.get("lead", []))
    if "support" in item.fields:
        supports = units.listed(item.fields["support"], where)
        support_notes = _match_notes(supports)
    else:
        supports, unknown = units.cooperating(text, where)
        support_notes = _match_notes(supports) + [f"\"{chunk}\" có thể là đơn vị phối hợp chưa có trong dữ liệu"
                                                  for chunk in unknown]
    supports = [hit for hit in supports if hit.org_id not in lead_ids]
    if supports:
        record["support"] = [hit.org_id for hit in supports]
    if support_notes:
        marks[("support",) if supports else ("lead",)] = "; ".join(
            [*([marks[("lead",)]] if not supports and ("lead",) in marks else []), *support_notes])


def _match_notes(hits: list[Hit]) -> list[str]:
    notes = []
    for hit in hits:
        if hit.proposed:
            notes.append(f"đơn vị \"{hit.written}\" chưa có trong dữ liệu: đề xuất thêm mới với mã \"{hit.org_id}\"")
        elif hit.score < 100:
            notes.append(f"đơn vị \"{hit.written}\" khớp \"{hit.org_id}\" với điểm {hit.score:.0f}/100")
    return notes


def read_when(text: str) -> tuple[str | None, str | None]:
    """A time as written, checked by the project's fuzzy-date reader: (the time, a bracketed remark kept apart), or
    (None, None) when it cannot be read."""
    value = trim(text).rstrip(".").strip()
    value = _DONE.sub("", value).strip()
    if not value:
        return None, None
    for candidate, note in _when_candidates(value):
        try:
            parse_fuzzy(candidate)
        except DateError:
            continue
        return capitalise(candidate), note
    return None, None


def _when_candidates(value: str) -> list[tuple[str, str | None]]:
    found = [(value, None)]
    bracket = re.search(r"\s*(\([^()]*\))\s*$", value)
    if bracket is not None and not re.search(r"\(\s*(?:hoàn thành\s+)?trước", bracket.group(1), re.I):
        found.append((value[:bracket.start()].strip(), bracket.group(1)))
    return found


def _assign_when(record: dict[str, Any], marks: dict[Path, str], item: Item, text: str,
                 context: TaskContext) -> None:
    written = item.fields.get("when")
    inline = False
    if written is None:
        for pattern in _INLINE_TIME:
            found = pattern.search(text)
            if found is not None:
                written, inline = found["time"], True
                break
    if written is None:
        return
    when, note = read_when(written)
    if when is None:
        marks[("title",)] = "; ".join(filter(None, [marks.get(("title",)), f"thời gian ghi \"{trim(written)}\" chưa "
                                                    "đọc được theo các dạng thời gian của sổ tay; ghi \"when\" theo "
                                                    "một dạng như \"Quý III năm 2023\", \"Tháng 12/2023\""]))
        return
    record["when"] = when
    if inline:
        marks[("when",)] = f"thời gian lấy từ câu \"…{trim(written)}…\" trong đoạn văn; kiểm tra đây là hạn của việc này"
    if note:
        record["notes"] = note
    if _DONE.search(text) or _DONE.search(item.fields.get("when", "")):
        record["status"] = "da-thuc-hien"
        marks[("status",)] = "văn bản ghi \"(Đã thực hiện)\""
    kind = parse_fuzzy(when).kind
    if kind in ("relative", "end-of-window", "after-window") and context.main_events:
        record["events"] = list(context.main_events)
        marks[("events",)] = "thời gian tính theo sự kiện; sự kiện lấy theo trích yếu của văn bản, hãy kiểm tra"


def _assign_budget(record: dict[str, Any], marks: dict[Path, str], text: str) -> None:
    """"… với kinh phí 1500 triệu đồng (…), từ nguồn …": the sum and its source, as the task's budget."""
    if "budget" in record:
        return
    found = _BUDGET.search(text)
    if found is not None:
        record["budget"] = clean(found["budget"]).rstrip(" ,;.")
        marks[("budget",)] = "kinh phí lấy từ đoạn văn; kiểm tra"


def _assign_place_and_programme(record: dict[str, Any], item: Item) -> None:
    if item.fields.get("place"):
        record["place"] = trim(item.fields["place"]).rstrip(".")
    if item.fields.get("budget"):
        record["budget"] = trim(item.fields["budget"]).rstrip(".")
    if item.programme:
        lines = [f"- {line}" for line in item.programme]
        programme = "Chương trình:\n\n" + "\n".join(lines)
        record["details"] = f"{record['details']}\n\n{programme}" if record.get("details") else programme


# The keys of a task in the order of the data files.
_ORDER = ("id", "label", "title", "details", "lead", "support", "when", "events", "status", "place", "budget",
          "notes", "section", "same_as")


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record[key] for key in _ORDER if key in record}
