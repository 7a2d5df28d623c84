"""A document's text recognised into a draft record in the project's own format: header, lineage, the sections as
printed, the typed parts, the tasks, the closing blocks; every value the recogniser is unsure of marked for the
editor, every unit it matched listed with its score, and the records the document needs that the data lacks
proposed. Reads a SourceText only (reading.py makes it from a file) and the data set; writes nothing."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..dates import format_date
from ..fields import MAX_ID_LENGTH, check_anniversary_spans
from ..model import Dataset
from ..unknown import UNKNOWN_TEXT
from ..vietnamese import fold, slugify
from .closing import closing_start, figures, read_closing
from .draft import Draft, Path, Proposed, UnitMatch
from .event_links import events_in
from .header import Header, issuer_candidates, read_header
from .lineage import PREAMBLE_SECTION, Lineage, issued_after, read_lineage
from .blocks import Block
from .paragraphs import Footnote, join_lines
from .parts import Parts, assign_modes, read_parts
from .source import SourceText
from .structure import Node, build_tree, numbering_notes, printed_sections
from .tasks import ANNEX, TaskContext, field_of, read_tasks
from .units import MATCH_THRESHOLD, UnitIndex

HEADER_SECTION = "Phần đầu văn bản"
_CLOSING = re.compile(r"^trên đây là\b", re.I)
ID_WORDS = 60  # an id made from a title is cut at a word boundary below this many characters

# The keys of a plan and of a cited document, in the order of the data files.
PLAN_KEYS = ("id", "number", "kind", "issuer", "date", "issued_after", "issued_before", "place", "title", "header",
             "implements", "based_on", "source", "preamble", "printed", "purposes", "requirements", "content",
             "forms", "timing", "phases", "tasks", "budget", "closing", "recipients", "signer")
DOCUMENT_KEYS = ("id", "number", "kind", "issuer", "date", "issued_after", "issued_before", "title", "header",
                 "implements", "based_on", "source")


def recognise(source: SourceText, dataset: Dataset, kind: str | None = None) -> Draft:
    """The draft of the document `source`, matched against `dataset`. `kind`: "plan" (a full plan), "document" (a
    cited document: only its Document fields), or None to decide from the text (a plan when it assigns tasks or has
    numbered sections)."""
    lines = source.lines
    header = read_header(lines)
    record: dict[str, Any] = {}
    marks: dict[Path, str] = {}
    notes: list[str] = list(_header_notes(header))
    doc_id = _document_id(header, marks)
    units = UnitIndex(dataset, doc_id)
    body_lines = lines[header.body_start:]
    end = closing_start(body_lines, 0)
    joined = join_lines(body_lines[:end], whole=source.format == "docx", units=units)
    body, closing_blocks = _split_closing(joined.blocks)
    root = build_tree(body)
    preamble, flat = _flat_tasks(root)
    lineage = read_lineage([block.text for block in preamble], dataset, units, doc_id)

    record["id"] = doc_id
    _header_fields(record, marks, header, lineage, units, dataset)
    record["implements"] = lineage.implements
    record["based_on"] = lineage.based_on
    record["source"] = {"document": doc_id, "section": PREAMBLE_SECTION}
    if lineage.implements or lineage.based_on:
        _lineage_marks(marks, lineage)

    context = TaskContext(units, events_in(record.get("title", "") or "", dataset))
    assign_modes(root, context)
    chosen = kind or ("plan" if root.children or flat is not None else "document")
    found: dict[str, int] = {"implements": len(lineage.implements), "based_on": len(lineage.based_on)}
    if chosen == "plan":
        notes += numbering_notes(root)
        parts = read_parts(root, dataset, context, header.year)
        if flat is not None:
            parts.tasks = read_tasks(flat, context) + parts.tasks
        closing = read_closing(body_lines[end:], units)
        _plan_fields(record, marks, preamble, root, parts, closing_blocks, closing)
        found.update(_found(record, parts))
        notes += _budget_notes(parts)
        marks.update(closing.marks)
    notes += _footnote_notes(joined.footnotes)
    notes += _annex_notes(closing_blocks)
    notes += source.notes
    keys = PLAN_KEYS if chosen == "plan" else DOCUMENT_KEYS
    ordered = {key: record[key] for key in keys if key in record}
    _mark_spans(ordered, (), marks)
    marks = _placed(marks, ordered)
    proposed: list[Proposed] = [*units.proposals(), *lineage.proposed]
    return Draft(chosen, ordered, marks, proposed, _matches(units.matches), found, notes)


# ---- header ----

def _document_id(header: Header, marks: dict[Path, str]) -> str:
    """The id from the number ("171-kh-btgtu"), else from the kind and the title."""
    if header.number is not None:
        return header.number.slug
    title = header.title or "ban-nhap"
    slug = slugify(f"{header.kind or ''} {title}")
    if len(slug) > ID_WORDS:
        cut = slug[:ID_WORDS + 1]
        slug = cut[:cut.rfind("-")] if "-" in cut else cut[:ID_WORDS]
    marks[("id",)] = "văn bản không in số nên mã được đặt theo trích yếu; có thể đặt mã ngắn hơn"
    return slug[:MAX_ID_LENGTH] or "ban-nhap"


def _header_fields(record: dict[str, Any], marks: dict[Path, str], header: Header, lineage: Lineage,
                   units: UnitIndex, dataset: Dataset) -> None:
    if header.number is not None:
        record["number"] = header.number.canonical
    else:
        record["number"] = UNKNOWN_TEXT
        if header.number_text and header.number_text.lstrip()[:1] in "/-":
            marks[("number",)] = (f"bản in để trống số (\"Số: {header.number_text}\"): văn bản chưa được vào số; ghi số "
                                  "khi có bản đã ban hành")
        elif header.number_text:
            marks[("number",)] = f"số in \"{header.number_text}\" chưa đọc được: {header.number_problem}"
        else:
            marks[("number",)] = "văn bản không in số (hoặc tệp không có phần đầu văn bản)"
    if header.kind:
        record["kind"] = header.kind
    else:
        record["kind"] = UNKNOWN_TEXT
        marks[("kind",)] = "văn bản không in tên loại (KẾ HOẠCH, CHỈ THỊ…) và số không cho biết loại"
    record["issuer"] = _issuer(header, lineage, units, marks)
    if header.day is not None:
        record["date"] = format_date(header.day)
    else:
        record["date"] = UNKNOWN_TEXT
        bound = _date_bound(header, lineage, dataset)
        if bound is not None:
            record["issued_after"] = format_date(bound[0])
            marks[("issued_after",)] = bound[1]
        marks[("date",)] = ("bản in để trống ngày, tháng ban hành" if header.year else
                            "văn bản không in ngày ban hành (hoặc tệp không có phần đầu văn bản)")
    if header.year is not None and header.day is None:
        record["issued_before"] = format_date(date(header.year + 1, 1, 1))
        marks[("issued_before",)] = f"bản in chỉ ghi năm {header.year}"
    if header.place:
        record["place"] = header.place
    else:
        record["place"] = UNKNOWN_TEXT
        marks[("place",)] = "văn bản không in địa danh ở dòng ngày tháng (hoặc tệp không có phần đầu văn bản)"
    proposed_ids = {proposal.record["id"] for proposal in units.proposals()}
    if header.lower and record["issuer"] in proposed_ids:
        record["header"] = {**({"upper": header.upper} if header.upper else {}), "lower": header.lower}
        marks[("header",)] = ("tên cơ quan ở phần đầu văn bản, chép như bản in vì cơ quan ban hành chưa có trong dữ "
                              "liệu; xóa mục này nếu đúng theo quy tắc chung")
    if header.title:
        record["title"] = header.title
    else:
        record["title"] = UNKNOWN_TEXT
        marks[("title",)] = "không thấy trích yếu dưới tên loại văn bản; nếu văn bản không có trích yếu, ghi một " \
                            "dòng tóm tắt ở editor_title"


def _date_bound(header: Header, lineage: Lineage, dataset: Dataset) -> tuple[date, str] | None:
    after = issued_after(lineage, dataset)
    year_start = date(header.year - 1, 12, 31) if header.year else None
    if after is not None and (year_start is None or after >= year_start):
        return after, (f"văn bản thực hiện hoặc căn cứ văn bản ngày {format_date(after)} nên ban hành sau ngày đó; "
                       "kiểm tra")
    if year_start is not None:
        return year_start, f"bản in chỉ ghi năm {header.year}"
    return None


def _issuer(header: Header, lineage: Lineage, units: UnitIndex, marks: dict[Path, str]) -> Any:
    """The issuer from the header's lines, else from the number's symbol, else from the opening sentence ("…, Ban
    Tuyên giáo Tỉnh ủy ban hành kế hoạch…")."""
    scored = [(units.score(candidate), -index, candidate) for index, candidate in enumerate(issuer_candidates(header))]
    if scored:
        (org_id, score), _, candidate = max(scored, key=lambda found: (found[0][1], found[1]))
        if org_id is not None and score >= MATCH_THRESHOLD:
            units.matches.append(UnitMatch(candidate, org_id, score, HEADER_SECTION))
            if score < 100:
                marks[("issuer",)] = f"cơ quan ban hành \"{candidate}\" khớp \"{org_id}\" với điểm {score:.0f}/100"
            _check_symbol(header, org_id, units, marks)
            return org_id
    if header.number is not None:
        org_id, score = units.score(header.number.issuer)
        if org_id is not None and score >= 100:
            units.matches.append(UnitMatch(header.number.issuer, org_id, score, HEADER_SECTION))
            marks[("issuer",)] = (f"cơ quan ban hành lấy theo ký hiệu \"{header.number.issuer}\" trong số văn bản; "
                                  "kiểm tra")
            return org_id
    if lineage.issuer_text:
        hits = units.listed(lineage.issuer_text, PREAMBLE_SECTION)
        if hits:
            marks[("issuer",)] = (f"cơ quan ban hành lấy theo câu mở đầu (\"{lineage.issuer_text} ban hành …\") vì "
                                  "tệp không có phần đầu văn bản; kiểm tra")
            return hits[0].org_id if len(hits) == 1 else [hit.org_id for hit in hits]
    if header.lower:
        hit = units.propose(header.lower, HEADER_SECTION)
        marks[("issuer",)] = f"cơ quan ban hành \"{header.lower}\" chưa có trong dữ liệu: đề xuất thêm mới"
        return hit.org_id
    marks[("issuer",)] = "không thấy cơ quan ban hành; ghi mã cơ quan ban hành"
    return []


def _check_symbol(header: Header, org_id: str, units: UnitIndex, marks: dict[Path, str]) -> None:
    if header.number is None:
        return
    by_symbol, score = units.score(header.number.issuer)
    if by_symbol is not None and score >= 100 and by_symbol != org_id:
        marks[("issuer",)] = (f"phần đầu văn bản ghi \"{header.lower}\" ({org_id}) nhưng ký hiệu trong số là "
                              f"\"{header.number.issuer}\" ({by_symbol}); kiểm tra")


def _header_notes(header: Header) -> list[str]:
    notes = []
    if header.system:
        what = "văn bản của Đảng" if header.system == "party" else "văn bản nhà nước"
        lines = " / ".join(filter(None, [header.upper, header.lower]))
        notes.append(f"Phần đầu văn bản: {what}" + (f", cơ quan ban hành in \"{lines}\"" if lines else "") + ".")
    elif not header.lines or header.lines == [header.lines[0]]:
        notes.append("Tệp không có phần đầu văn bản (tên cơ quan, số, ngày): số, ngày, địa danh ghi \"chưa rõ\".")
    return notes


def _lineage_marks(marks: dict[Path, str], lineage: Lineage) -> None:
    for key in ("implements", "based_on"):
        new = [ref.doc_id for ref in lineage.references if not ref.known
               and (ref.relation == key)]
        if new:
            marks[(key,)] = (f"văn bản {', '.join(new)} chưa có trong dữ liệu: đã đề xuất thêm vào danh sách văn bản; "
                             "kiểm tra số, ngày, cơ quan ban hành và trích yếu")


# ---- body ----

def _split_closing(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The body, and the closing paragraphs ("Trên đây là Kế hoạch …", with an annex note printed just before)."""
    for index, block in enumerate(blocks):
        if block.label is None and _CLOSING.match(block.text):
            start = index - 1 if index > 0 and ANNEX.match(blocks[index - 1].text) else index
            return blocks[:start], blocks[start:]
    return blocks, []


def _flat_tasks(root: Node) -> tuple[list[Block], Node | None]:
    """The preamble, and for a document with no numbered sections whose paragraphs assign work ("- Đơn vị thực
    hiện: …" lines, a task table), a section without number holding them."""
    if root.children:
        return list(root.body), None
    first = next((index for index, block in enumerate(root.body) if field_of(block) is not None), None)
    if first is None:
        return list(root.body), None
    start = max(first - 1, 0)
    return root.body[:start], Node(None, None, body=root.body[start:], mode="tasks")


def _plan_fields(record: dict[str, Any], marks: dict[Path, str], preamble: list[Block], root: Node, parts: Parts,
                 closing_blocks: list[Block], closing: Any) -> None:
    if preamble:
        record["preamble"] = "\n\n".join(block.full for block in preamble)
    printed = printed_sections(root)
    if printed:
        record["printed"] = printed
    for key in ("purposes", "requirements", "content", "forms"):
        value = getattr(parts, key)
        if value:
            record[key] = value
    if parts.timing:
        record["timing"] = parts.timing
    if parts.phases:
        record["phases"] = parts.phases
    if parts.tasks:
        record["tasks"] = [drafted.record for drafted in parts.tasks]
        for index, drafted in enumerate(parts.tasks):
            for path, reason in drafted.marks.items():
                marks[("tasks", index, *path)] = reason
    if parts.budget:
        record["budget"] = parts.budget
    if closing_blocks:
        record["closing"] = "\n\n".join(block.full for block in closing_blocks)
    if closing.recipients:
        record["recipients"] = closing.recipients
    if closing.signer:
        record["signer"] = closing.signer
    marks.update(parts.marks)


def _found(record: dict[str, Any], parts: Parts) -> dict[str, int]:
    counted = {"printed": _count_sections(record.get("printed", [])),
               "purposes": len(parts.purposes), "requirements": len(parts.requirements),
               "content": len(parts.content), "forms": len(parts.forms), "timing": 1 if parts.timing else 0,
               "phases": len(parts.phases), "tasks": len(parts.tasks), "budget": 1 if parts.budget else 0,
               "recipients": len(record.get("recipients", [])), "signer": 1 if record.get("signer") else 0}
    return {key: value for key, value in counted.items() if value}


def _count_sections(sections: list[dict[str, Any]]) -> int:
    return sum(1 + _count_sections(section.get("sections", [])) for section in sections)


def _budget_notes(parts: Parts) -> list[str]:
    notes = []
    if parts.budget:
        sums = figures(parts.budget["text"])
        notes.append(f"Kinh phí (mục {parts.budget['section']}): " + (", ".join(sums) if sums else
                                                                      parts.budget["text"]))
    for drafted in parts.tasks:
        if drafted.record.get("budget"):
            notes.append(f"Kinh phí của nhiệm vụ ở mục {drafted.record['section']}: "
                         + ", ".join(figures(drafted.record["budget"])))
    return notes


def _footnote_notes(footnotes: list[Footnote]) -> list[str]:
    return [f"Chú thích {note.number} (dòng {note.line}) không chép vào bản nháp: {note.text}" for note in footnotes]


def _annex_notes(blocks: list[Block]) -> list[str]:
    return [f"Văn bản có phần kèm theo không nằm trong tệp: {block.text}" for block in blocks if ANNEX.match(block.text)]


def _mark_spans(value: Any, path: Path, marks: dict[Path, str]) -> None:
    """Anniversary spans the document itself gets wrong ("70 năm … (12/12/2023 - 12/12/2023)"): kept as printed,
    marked, as the checker will report them."""
    if isinstance(value, dict):
        for key, item in value.items():
            _mark_spans(item, (*path, key), marks)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _mark_spans(item, (*path, index), marks)
    elif isinstance(value, str):
        for _, message in check_anniversary_spans(value):
            reason = f"bản in ghi sai khoảng thời gian kỷ niệm ({message}); sổ tay chép đúng như bản in, hãy kiểm tra"
            marks[path] = f"{marks[path]}; {reason}" if path in marks else reason


def _placed(marks: dict[Path, str], record: dict[str, Any]) -> dict[Path, str]:
    """Every mark on a key the record has: a mark on a missing key ("lead" of a task with no lead) moves to the
    nearest enclosing one (the task), where the written draft can show it."""
    placed: dict[Path, str] = {}
    for path, reason in marks.items():
        while path and not _exists(record, path):
            path = path[:-1]
        if not path:
            continue
        placed[path] = f"{placed[path]}; {reason}" if path in placed else reason
    return placed


def _exists(record: Any, path: Path) -> bool:
    value = record
    for step in path:
        if isinstance(value, dict) and isinstance(step, str) and step in value:
            value = value[step]
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
        else:
            return False
    return True


def _matches(matches: list[UnitMatch]) -> list[UnitMatch]:
    """Each unit once per place it is named: the same name in the same section is one match."""
    seen: set[tuple[str, str | None, str]] = set()
    found = []
    for match in matches:
        key = (fold(match.written), match.org_id, match.where)
        if key not in seen:
            seen.add(key)
            found.append(match)
    return found
