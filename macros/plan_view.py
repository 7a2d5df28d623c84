"""View helpers for the plan pages, the cited-document pages and their two indexes.

Each function that needs lookups takes the Views object `v` first; templates call them as
`plan_view.fn(v, …)`. Everything shown is read from the data: the official header is assembled from
the issuer and its superior body, section numbers are computed from depth (macros.numbering), never
copied from the source. No MkDocs here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from . import dates
from .docnumber import DocNumberError, kind_name as _kind_name, parse_number
from .fields import UNKNOWN
from .model import Document, Event, Organisation, Paragraph, Plan, Task
from .numbering import number_label
from .vietnamese import fold, nfc, sort_key

UNKNOWN_TEXT = "Chưa rõ"
# The national line of each system, as Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP print them.
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# Abbreviations the header of a state document uses for the superior body (Nghị định 30/2020/NĐ-CP, Phụ lục I).
_SUPERIOR_ABBREVIATIONS = (("ủy ban nhân dân", "UBND"), ("uỷ ban nhân dân", "UBND"),
                           ("hội đồng nhân dân", "HĐND"))


# ---- text ----

def upper(text: str | None) -> str:
    """Upper case for Vietnamese headers: NFC first, so a decomposed "ủ" becomes "Ủ", not "U" plus marks."""
    return nfc(text or "").upper()


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def section_name(section: str) -> str:
    """ "mục II.1.1.2.2"; a named part ("Phần mở đầu", "Chú thích 1") as it is."""
    return section if _starts_with_word(section) else f"mục {section}"


def section_note(section: str | None) -> str:
    """ "(mục II.1.1.2.2 trong văn bản gốc)", or "" when the data gives no section."""
    if not section:
        return ""
    return f"({section_name(section)} trong văn bản gốc)"


def _starts_with_word(section: str) -> bool:
    """ "Phần mở đầu", "Chú thích 1" read as they are; "II.1", "B.I.2" take "mục" in front."""
    head = section.split()[0] if section.split() else section
    return len(section.split()) > 1 and head[:1].isupper() and head.isalpha() and len(head) > 2


# ---- documents ----

def kind_name(v, doc: Document) -> str | None:
    """The document kind in Vietnamese ("kế hoạch", "chỉ thị"), from the number, else from `kind`."""
    if doc.number is not UNKNOWN:
        try:
            return parse_number(doc.number).kind_name
        except DocNumberError:
            pass
    if doc.kind:
        try:
            return _kind_name(doc.kind, v.system(doc))
        except (DocNumberError, ValueError):
            return None
    return None


def cite_label(v, doc: Document) -> str:
    """How a citation names a document: "Chỉ thị số 11-CT/TU"; the kind and issuer when the number is unknown."""
    if doc.number is UNKNOWN:
        return v.document_label(doc)
    kind = kind_name(v, doc)
    return f"{capitalise(kind)} số {doc.number}" if kind else f"Văn bản số {doc.number}"


def number_text(doc: Document) -> str:
    return UNKNOWN_TEXT.lower() if doc.number is UNKNOWN else str(doc.number)


def date_text(doc: Document) -> str:
    return dates.format_date(doc.date) if isinstance(doc.date, date) else UNKNOWN_TEXT


def date_phrase(doc: Document) -> str:
    """ "ngày 15/6/2022" in a citation, or "chưa rõ ngày ban hành"."""
    return f"ngày {dates.format_date(doc.date)}" if isinstance(doc.date, date) else "chưa rõ ngày ban hành"


def title_text(doc: Document) -> str | None:
    return None if doc.title is UNKNOWN else str(doc.title)


def issuers(v, doc: Document) -> list[str]:
    """Issuer ids in the order the document names them."""
    return [ref.id for ref in doc.issuer]


def page_title(v, doc: Document) -> str:
    """The page heading: "Kế hoạch số 171-KH/BTGTU", or "Kế hoạch của … (chưa rõ số)"."""
    return cite_label(v, doc)


# ---- the official header ----

@dataclass(frozen=True)
class Header:
    system: str  # "party" or "state"
    superior: str | None  # "TỈNH ỦY LAI CHÂU", "UBND TỈNH LAI CHÂU"
    issuer: str  # "BAN TUYÊN GIÁO", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    motto: tuple[str, ...]  # the national line(s) on the right
    number_line: str  # "Số 171-KH/BTGTU", "Số: chưa rõ"
    date_line: str  # "Lai Châu, ngày 30 tháng 5 năm 2023", "Chưa rõ ngày ban hành"
    date_known: bool
    kind: str | None  # "KẾ HOẠCH"
    subject: str | None  # the title


def _strip_suffix(name: str, suffixes: Iterable[str]) -> str | None:
    """The name without a trailing superior name ("Ban Tuyên giáo Tỉnh ủy Lai Châu" - "Tỉnh ủy Lai Châu")."""
    folded = fold(name)
    for suffix in sorted({s for s in suffixes if s}, key=len, reverse=True):
        tail = fold(suffix)
        if folded.endswith(" " + tail) and len(folded) > len(tail) + 1:
            return name[: len(name) - len(suffix)].rstrip(" ,-")
    return None


def _superior_name(org: Organisation) -> str:
    name = nfc(org.name)
    for long, short in _SUPERIOR_ABBREVIATIONS:
        if name.lower().startswith(long):
            return short + name[len(long):]
    return name


def issuer_lines(v, doc: Document) -> tuple[str | None, str]:
    """The issuer block of the header: the superior body (if any) and the issuer, both upper case.

    The issuer line is its name without the superior's name ("Ban Tuyên giáo" under "Tỉnh ủy Lai Châu"),
    else its short name, else its full name.
    """
    if not doc.issuer:
        return None, UNKNOWN_TEXT.upper()
    org = v.data.organisations.get(doc.issuer[0].id)
    if org is None:
        return None, upper(doc.issuer[0].id)
    parent = v.data.organisations.get(org.parent.id) if org.parent else None
    if parent is None:
        return None, upper(org.name)
    own = _strip_suffix(org.name, [parent.name, parent.short or "", *parent.aliases])
    if own is None and org.short:
        own = _strip_suffix(org.short, [parent.name, parent.short or "", *parent.aliases]) or org.short
    return upper(_superior_name(parent)), upper(own or org.name)


def header(v, doc: Document) -> Header:
    system = v.system(doc)
    superior, issuer = issuer_lines(v, doc)
    if doc.number is UNKNOWN:
        number_line = "Số: chưa rõ"
    elif system == "party":
        number_line = f"Số {doc.number}"
    else:
        number_line = f"Số: {doc.number}"
    place = getattr(doc, "place", None)
    if isinstance(doc.date, date):
        date_line = dates.format_date_header(doc.date, place)
    elif place:
        date_line = f"{nfc(place).strip()}, chưa rõ ngày ban hành"
    else:
        date_line = "Chưa rõ ngày ban hành"
    kind = kind_name(v, doc)
    return Header(
        system=system,
        superior=superior,
        issuer=issuer,
        motto=(PARTY_MOTTO,) if system == "party" else STATE_MOTTO,
        number_line=number_line,
        date_line=date_line,
        date_known=isinstance(doc.date, date),
        kind=upper(kind) if kind else None,
        subject=title_text(doc),
    )


# ---- lineage, read both ways ----

@dataclass(frozen=True)
class Link:
    doc: Document
    relation: str  # "Thực hiện", "Căn cứ", "Trích dẫn"
    sections: tuple[str, ...] = ()


def cites(v, doc: Document) -> list[Link]:
    """The documents this one implements and is based on, in that order, each list by date."""
    found: list[Link] = []
    for relation, refs in (("Thực hiện", doc.implements), ("Căn cứ", doc.based_on)):
        targets = [v.data.documents[r.id] for r in refs if r.id in v.data.documents]
        found += [Link(target, relation) for target in v.documents_sorted(targets)]
    return found


def cited_by(v, doc: Document) -> list[Link]:
    """The documents that implement this one or are based on it (v.implementers_of), with the relation."""
    links = []
    for other in v.implementers_of(doc.id):
        relation = "Thực hiện" if any(r.id == doc.id for r in other.implements) else "Căn cứ"
        links.append(Link(other, relation))
    return links


def mentioned_in(v, plan: Document) -> list[Link]:
    """Documents whose data names this plan as where they are cited, other than the ones it implements or
    is based on: the directives a plan quotes in its content ("Chú thích 1", "II.1")."""
    direct = {r.id for r in plan.cited} | {plan.id}
    sections: dict[str, list[str]] = defaultdict(list)
    for doc in v.data.documents.values():
        if doc.id in direct:
            continue
        for source in doc.source:
            if source.document.id == plan.id and source.section not in sections[doc.id]:
                sections[doc.id].append(source.section)
    docs = v.documents_sorted(v.data.documents[doc_id] for doc_id in sections)
    return [Link(doc, "Trích dẫn", tuple(sections[doc.id])) for doc in docs]


# ---- the body of a plan ----

@dataclass(frozen=True)
class Section:
    key: str  # "aims", "content", "phases", "forms", "timing", "tasks", "budget"
    label: str  # computed: "I.", "II.", …
    title: str


_SECTION_TITLES = (
    ("aims", "Mục đích, yêu cầu"),
    ("content", "Nội dung tuyên truyền"),
    ("phases", "Các đợt tuyên truyền"),
    ("forms", "Hình thức tuyên truyền"),
    ("timing", "Thời gian tuyên truyền"),
    ("tasks", "Tổ chức thực hiện"),
    ("budget", "Kinh phí"),
)


def sections(plan: Plan) -> list[Section]:
    """The numbered parts the plan has data for, in the standard order, numbered I., II., … from depth 1."""
    present = {
        "aims": bool(plan.purposes or plan.requirements),
        "content": bool(plan.content),
        "phases": bool(plan.phases),
        "forms": bool(plan.forms),
        "timing": plan.timing is not None,
        "tasks": bool(plan.tasks),
        "budget": plan.budget is not None,
    }
    kept = [(key, title) for key, title in _SECTION_TITLES if present[key]]
    return [Section(key, number_label(1, i), title) for i, (key, title) in enumerate(kept, start=1)]


def aims_parts(plan: Plan) -> list[tuple[str, str, list[Paragraph]]]:
    """ "1. Mục đích", "2. Yêu cầu" (only the ones with paragraphs), numbered at depth 2."""
    parts = [(title, paras) for title, paras in (("Mục đích", plan.purposes), ("Yêu cầu", plan.requirements))
             if paras]
    return [(number_label(2, i), title, paras) for i, (title, paras) in enumerate(parts, start=1)]


def shared_section(items: Sequence[object]) -> str | None:
    """The section all items share, so it is shown once under the heading; None if they differ."""
    found = {getattr(item, "section", None) for item in items}
    if len(found) == 1:
        return next(iter(found))
    return None


@dataclass(frozen=True)
class ContentGroup:
    label: str | None  # "1." when the items are grouped by year, else None
    title: str | None  # "Năm 2023"
    depth: int  # depth of the items: 2 without year groups, 3 with them
    items: list[tuple[str, object]]  # (computed label, ContentItem)


def content_groups(plan: Plan) -> list[ContentGroup]:
    """Content items, grouped under "1. Năm 2023", "2. Năm 2024" when every item has a year and the years
    differ (as plans spanning two years write them), else one run numbered 1., 2., …"""
    items = list(plan.content)
    years = [item.year for item in items]
    if items and all(isinstance(y, int) for y in years) and len(set(years)) > 1:
        groups = []
        for i, year in enumerate(sorted(set(years)), start=1):
            members = [item for item in items if item.year == year]
            groups.append(ContentGroup(number_label(2, i), f"Năm {year}", 3,
                                       [(number_label(3, j), item) for j, item in enumerate(members, start=1)]))
        return groups
    return [ContentGroup(None, None, 2, [(number_label(2, j), item) for j, item in enumerate(items, start=1)])]


def numbered(items: Sequence[object], depth: int = 2) -> list[tuple[str, object]]:
    return [(number_label(depth, i), item) for i, item in enumerate(items, start=1)]


def bullets(items: Sequence[str]) -> str:
    """Markdown items (each may hold several lines or a nested list) as one Markdown list, to be rendered
    with the `markdown` filter in one piece."""
    lines: list[str] = []
    for item in items:
        text = str(item).strip("\n")
        first, *rest = text.split("\n")
        lines.append(f"- {first}")
        lines += [f"    {line}" if line.strip() else "" for line in rest]
    return "\n".join(lines) + "\n"


def event_of(v, ref) -> Event | None:
    return v.data.events.get(ref.id) if ref is not None else None


def plan_events(v, plan: Plan) -> list[Event]:
    """Every event the plan's content, phases and tasks name, in date order."""
    ids = [r.id for item in plan.content for r in item.events]
    ids += [r.id for phase in plan.phases for r in (phase.after_event, phase.until_event) if r is not None]
    ids += [r.id for task in plan.tasks for r in task.events]
    return v.events_sorted({i: v.data.events[i] for i in ids if i in v.data.events}.values())


def focus_days(plan: Plan) -> str | None:
    """ "20 ngày trước và 5 ngày sau mỗi sự kiện", from the plan's timing."""
    timing = plan.timing
    if timing is None or (timing.focus_before is None and timing.focus_after is None):
        return None
    parts = []
    if timing.focus_before is not None:
        parts.append(f"{timing.focus_before} ngày trước")
    if timing.focus_after is not None:
        parts.append(f"{timing.focus_after} ngày sau")
    return " và ".join(parts) + " mỗi sự kiện"


# ---- tasks ----

@dataclass(frozen=True)
class TaskGroup:
    label: str  # computed: "1.", "2.", …
    org_id: str
    tasks: list[Task]


def task_groups(v, plan: Plan) -> list[TaskGroup]:
    """The plan's tasks under each lead unit (a task led jointly appears under each of its leads), units in
    Vietnamese order, tasks by deadline then title."""
    groups: dict[str, list[Task]] = defaultdict(list)
    for task in plan.tasks:
        for ref in task.lead:
            groups[ref.id].append(task)
    ordered = sorted(groups, key=lambda org_id: sort_key(v.org_name(org_id)))
    return [TaskGroup(number_label(2, i), org_id, v.tasks_sorted(groups[org_id]))
            for i, org_id in enumerate(ordered, start=1)]


def co_leads(task: Task, org_id: str) -> list[str]:
    return [ref.id for ref in task.lead if ref.id != org_id]


def has_details(task: Task) -> bool:
    return bool(task.details or task.notes or task.place or task.budget)



def lead_count(plan: Plan) -> int:
    return len({ref.id for task in plan.tasks for ref in task.lead})


# ---- signer ----

def signer_name(plan: Plan) -> str:
    signer = plan.signer
    if signer is None or signer.name is UNKNOWN:
        return "Chưa rõ họ tên người ký"
    return str(signer.name)


# ---- indexes ----

def plans_by_issuer(v) -> list[tuple[str, list[Plan]]]:
    """Plans under their (first) issuer, issuers in Vietnamese order, plans by date (unknown dates last)."""
    groups: dict[str, list[Plan]] = defaultdict(list)
    for plan in v.data.plans.values():
        groups[plan.issuer[0].id if plan.issuer else ""].append(plan)
    return [(org_id, v.documents_sorted(groups[org_id]))
            for org_id in sorted(groups, key=lambda org_id: sort_key(v.org_name(org_id)))]


def co_issuers(doc: Document) -> list[str]:
    """Issuers after the first (a joint conclusion of the Bộ Chính trị and the Ban Bí thư)."""
    return [ref.id for ref in doc.issuer[1:]]


def document_counts(v) -> tuple[int, int]:
    """(plans with full text, documents known only by citation)."""
    plans = len(v.data.plans)
    return plans, len(v.data.documents) - plans
