"""The documents an issued document carries out or rests on, read from its opening sentences: "Thực hiện Chỉ thị số
11-CT/TU, ngày 15/6/2022 của Ban Thường vụ Tỉnh ủy về …; Kế hoạch số 06-KH/BTC, ngày 10/5/2023 của …" and "Căn cứ
Quyết định số 125/QĐ-UBND …". Each reference becomes an `implements` or `based_on` id: a document of the data
when its number is the same in canonical form ("171/KH-BTGTU" is 171-KH/BTGTU), else a proposed cited document with
its number, kind, issuer, date and trích yếu."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..dates import format_date
from ..docnumber import DocNumber, DocNumberError, parse_number
from ..model import Dataset
from ..unknown import UNKNOWN, UNKNOWN_TEXT
from ..vietnamese import fold
from .draft import Path, Proposed
from .header import kind_codes
from .units import UnitIndex
from .wording import clean

PREAMBLE_SECTION = "Phần mở đầu"
_KIND_WORDS = ("chỉ thị", "kế hoạch", "thông báo", "quyết định", "nghị quyết", "kết luận", "hướng dẫn", "công văn",
               "nghị định", "thông tư", "thông tri", "quy định", "chương trình", "đề án", "báo cáo", "quy chế",
               "công điện", "tờ trình", "phương án")
_REFERENCE = re.compile(
    r"(?P<kind>" + "|".join(_KIND_WORDS) + r")\s+(?:số\s*:?\s*)?"
    r"(?P<number>\d+(?:\s*/\s*\d{4})?\s*[-/]\s*[^\W\d_][\w]*(?:\s*[-/]\s*[^\W\d_][\w]*){0,2})"
    r"(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?",
    re.I)
_VERB = re.compile(r"(?P<verb>thực hiện|căn cứ)\b", re.I)
_ABOUT = re.compile(r"\s+về\s+", re.I)
_OF = re.compile(r"^\s*,?\s*của\s+", re.I)
# Where the trích yếu of a reference ends: a semicolon, the end of a sentence, or the clause in which the document's
# own issuer says what it does ("…, Ban Tuyên giáo Tỉnh ủy ban hành kế hoạch…").
_TITLE_END = re.compile(r";|\.(?=\s+[^\W\d_])|\.$|,\s+(?=[^,;]*?\b(?:ban hành|xây dựng)\b)", re.I)
_ISSUING = re.compile(r"\b(?:ban hành|xây dựng)\s+(?:kế hoạch|chỉ thị|hướng dẫn|thông báo|quyết định|công văn|"
                      r"chương trình|đề án|quy định|nghị quyết)\b", re.I)


@dataclass
class Reference:
    """One document cited in the opening sentences."""

    relation: str  # "implements" or "based_on"
    kind_word: str
    number: DocNumber | None
    number_text: str
    day: date | None
    issuer_text: str | None
    title: str | None
    doc_id: str = ""
    known: bool = False


@dataclass
class Lineage:
    implements: list[str] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    proposed: list[Proposed] = field(default_factory=list)
    marks: dict[Path, str] = field(default_factory=dict)
    issuer_text: str | None = None  # who "ban hành kế hoạch …" in the last opening sentence


def read_lineage(paragraphs: list[str], dataset: Dataset, units: UnitIndex, document_id: str) -> Lineage:
    """The references of the preamble's paragraphs, matched to the data's documents by number."""
    lineage = Lineage()
    by_key = _documents_by_key(dataset)
    for paragraph in paragraphs:
        relation = "implements"
        for piece in re.split(r";\s*", paragraph):
            verb = _VERB.match(piece.strip())
            if verb is not None:
                relation = "based_on" if fold(verb["verb"]) == fold("căn cứ") else "implements"
            for reference in _references(piece, relation):
                _resolve(reference, by_key, units, document_id, lineage)
        issuer = _issuing_unit(paragraph, units)
        if issuer:
            lineage.issuer_text = issuer
    return lineage


def _documents_by_key(dataset: Dataset) -> dict[tuple, str]:
    found: dict[tuple, str] = {}
    for doc in dataset.documents.values():
        if isinstance(doc.number, str):
            try:
                found.setdefault(parse_number(doc.number).key, doc.id)
            except DocNumberError:
                continue
    return found


def _references(piece: str, relation: str) -> list[Reference]:
    found = []
    matches = list(_REFERENCE.finditer(piece))
    for index, match in enumerate(matches):
        tail_end = matches[index + 1].start() if index + 1 < len(matches) else len(piece)
        tail = piece[match.end():tail_end]
        issuer_text, title = _issuer_and_title(tail)
        number_text = re.sub(r"\s+", "", match["number"])
        try:
            number: DocNumber | None = parse_number(number_text)
        except DocNumberError:
            number = None
        found.append(Reference(relation, match["kind"], number, number_text, _day(match["date"]), issuer_text,
                               title))
    return found


def _issuer_and_title(tail: str) -> tuple[str | None, str | None]:
    """"của Ban Thường vụ Tỉnh ủy về tổ chức kỷ niệm …" → the issuer as written and the trích yếu ("về …")."""
    of = _OF.match(tail)
    rest = tail[of.end():] if of else tail
    about = _ABOUT.search(rest)
    end = _TITLE_END.search(rest)
    title = None
    if about is not None and (end is None or about.start() < end.start()):
        after = rest[about.end():]
        title_end = _TITLE_END.search(after)
        title = clean("về " + (after[:title_end.start()] if title_end else after)).rstrip(" ,.")
        issuer = rest[:about.start()] if of else None
    else:
        issuer = rest[:end.start()] if (of and end) else (rest if of else None)
    issuer = clean(issuer).strip(" ,.") if issuer else None
    return issuer or None, title or None


def _day(text: str | None) -> date | None:
    if not text:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    try:
        return date(numbers[2], numbers[1], numbers[0])
    except (ValueError, IndexError):
        return None


def _resolve(reference: Reference, by_key: dict[tuple, str], units: UnitIndex, document_id: str,
             lineage: Lineage) -> None:
    known = by_key.get(reference.number.key) if reference.number is not None else None
    if known is not None:
        reference.doc_id, reference.known = known, True
    else:
        proposal = _proposal(reference, units, document_id)
        reference.doc_id = proposal.record["id"]
        if all(p.record["id"] != reference.doc_id for p in lineage.proposed):
            lineage.proposed.append(proposal)
    target = lineage.implements if reference.relation == "implements" else lineage.based_on
    if reference.doc_id not in target:
        target.append(reference.doc_id)
        lineage.references.append(reference)


def _proposal(reference: Reference, units: UnitIndex, document_id: str) -> Proposed:
    marks: dict[Path, str] = {}
    number = reference.number.canonical if reference.number is not None else reference.number_text
    if reference.number is not None:
        doc_id = reference.number.slug
    else:
        doc_id = re.sub(r"[^a-z0-9]+", "-", fold(reference.number_text)).strip("-") or "van-ban-trich-dan"
        marks[("number",)] = f"số \"{reference.number_text}\" không đúng dạng số văn bản; hãy sửa theo văn bản gốc"
    kind = kind_codes().get(fold(reference.kind_word))
    record: dict[str, object] = {"id": doc_id, "number": number}
    if kind and (reference.number is None or reference.number.kind is None):
        record["kind"] = kind
    issuer: object = UNKNOWN_TEXT
    if reference.issuer_text:
        hit = units.listed(reference.issuer_text, PREAMBLE_SECTION)
        issuer = [h.org_id for h in hit] if len(hit) > 1 else (hit[0].org_id if hit else UNKNOWN_TEXT)
        if any(h.proposed or h.score < 100 for h in hit):
            marks[("issuer",)] = f"cơ quan ban hành ghi \"{reference.issuer_text}\"; kiểm tra đơn vị đã chọn"
    if issuer == UNKNOWN_TEXT:
        issuer = []
        marks[("issuer",)] = "văn bản trích dẫn không nói cơ quan ban hành; ghi mã cơ quan ban hành"
    record["issuer"] = issuer
    record["date"] = format_date(reference.day) if reference.day else UNKNOWN_TEXT
    if reference.day is None:
        marks[("date",)] = "văn bản trích dẫn không nêu ngày ban hành"
    record["title"] = reference.title or UNKNOWN_TEXT
    record["source"] = {"document": document_id, "section": PREAMBLE_SECTION}
    reason = (f"{reference.kind_word.lower()} số {number} được dẫn ở phần mở đầu "
              f"(\"{'thực hiện' if reference.relation == 'implements' else 'căn cứ'}\") nhưng chưa có trong dữ liệu")
    return Proposed("document", record, marks, reason)


def _issuing_unit(paragraph: str, units: UnitIndex) -> str | None:
    """Who issues the document, as the last opening sentence says: "…, Ban Tuyên giáo Tỉnh ủy ban hành kế hoạch …",
    "Sở Văn hóa, Thể thao và Du lịch ban hành Kế hoạch …": the longest name of the data that ends just before the
    verb (names hold commas), else the words after the last comma."""
    found = _ISSUING.search(paragraph)
    if found is None:
        return None
    before = paragraph[:found.start()].rstrip(" ,")
    cut = max(before.rfind(". "), before.rfind("; "))
    before = before[cut + 2:] if cut >= 0 else before
    starts = [0] + [m.end() for m in re.finditer(r",\s+", before)]
    for start in starts:  # the longest first
        candidate = before[start:].strip()
        if _REFERENCE.search(candidate) or not candidate:
            continue
        org_id, score = units.score(candidate)
        if org_id is not None and score >= 100:
            return clean(candidate)
    tail = before[starts[-1]:].strip()
    return clean(tail).strip(" ,.") or None


def issued_after(lineage: Lineage, dataset: Dataset) -> date | None:
    """The latest date among the documents carried out or rested on: the document was issued after it."""
    days = [reference.day for reference in lineage.references if reference.day is not None]
    for reference in lineage.references:
        doc = dataset.documents.get(reference.doc_id)
        if doc is not None and isinstance(doc.date, date) and doc.date is not UNKNOWN:
            days.append(doc.date)
    return max(days) if days else None
