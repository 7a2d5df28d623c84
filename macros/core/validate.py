"""Checks across records: references, document numbers, dates that contradict each other, anniversaries,
focus windows, task units, organisations used outside their lifetime, and `implements` cycles."""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterator

from . import dates, deadlines
from .activities import check_same_as
from .anniversaries import event_date, event_milestones, focus_window
from .diagnostics import Pos, Problems, echo
from .docnumber import KINDS, DocNumber, DocNumberError, parse_number
from .kinds import BY_NAME, referred_as, where_written
from .fields import Ref, WrittenName, target_name
from .unknown import UNKNOWN
from .model import Dataset, Document, Event, Organisation, OutlineSection, Plan
from .printed import check_printed
from .vietnamese import closest, fold, slugify

MAX_OUTLINE_DEPTH = 4  # I., 1., a), -


def validate(dataset: Dataset, problems: Problems) -> None:
    check_references(dataset, problems)
    check_documents(dataset, problems)
    check_implements_cycles(dataset, problems)
    check_organisations(dataset, problems)
    check_lifetimes(dataset, problems)
    check_events(dataset, problems)
    check_national_days(dataset, problems)
    check_tasks(dataset, problems)
    check_periods(dataset, problems)
    check_same_as(dataset, problems)
    check_printed(dataset, problems)
    check_outlines(dataset, problems)


# ---- references ----

def iter_refs(record: Any) -> Iterator[Ref]:
    """Every Ref inside a record, however deeply nested."""
    if isinstance(record, Ref):
        yield record
    elif isinstance(record, list):
        for item in record:
            yield from iter_refs(item)
    elif dataclasses.is_dataclass(record) and not isinstance(record, type):
        for f in dataclasses.fields(record):
            if f.name not in ("pos", "positions"):
                yield from iter_refs(getattr(record, f.name))


def all_records(dataset: Dataset) -> Iterator[Any]:
    yield from dataset.organisations.values()
    yield from dataset.documents.values()  # includes plans, and so the tasks inside them
    yield from dataset.milestones.values()
    yield from dataset.events.values()
    yield from dataset.outlines.values()
    yield from (task for task in dataset.tasks if not task.plan_id or task.plan_id not in dataset.plans
                or task not in dataset.plans[task.plan_id].tasks)


def unreadable(dataset: Dataset, target: str, record_id: str) -> bool:
    """Whether the record may be in a file that could not be read, whose own problem already says what to fix."""
    target = referred_as(BY_NAME[target]).name
    return bool({(target, record_id), (target, "*")} & dataset.unreadable)


def check_references(dataset: Dataset, problems: Problems) -> None:
    for record in all_records(dataset):
        for ref in iter_refs(record):
            if isinstance(ref, WrittenName):
                problems.add(ref.pos, written_name_problem(ref, dataset))
                continue
            kind = BY_NAME[ref.target]
            table = kind.records(dataset)
            if ref.id in table or unreadable(dataset, ref.target, ref.id):
                continue
            near = ", ".join(f'"{echo(n)}"' for n in closest(ref.id, table))
            hint = f"; có phải ý bạn là {near}?" if near else f"; hãy thêm nó vào {where_written(kind)} hoặc sửa mã"
            problems.add(ref.pos, f"không có {kind.what} nào mang mã \"{echo(ref.id)}\"{hint}")


# ---- references written as names ----

# What an editor copying from a document writes where an id belongs, by the kind referred to: the fields of the
# records that text is compared with (folded: case, accents and spacing aside) and what each is called.
NAME_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "organisation": (("name", "tên"), ("short", "tên ngắn"), ("aliases", "một tên khác"), ("symbol", "ký hiệu")),
    "document": (("number", "số"), ("title", "trích yếu"), ("editor_title", "dòng tóm tắt")),
    "plan": (("number", "số"), ("title", "trích yếu"), ("editor_title", "dòng tóm tắt")),
    "event": (("name", "tên"), ("title", "tiêu đề")),
    "milestone": (("title", "tên"),),
    "outline": (("title", "tiêu đề"),),
}
# What the message says was written instead of the id.
WRITTEN_INSTEAD = {"organisation": "tên", "document": "số hay trích yếu", "plan": "số hay trích yếu",
                   "event": "tên", "milestone": "tên", "outline": "tiêu đề"}
MAX_SUGGESTIONS = 3
NAME_LIKENESS = 0.5  # share of words in common for a name to be suggested
ID_LIKENESS = 0.8  # letters in common for an id to be suggested: a typo, not another unit


def _name_key(text: str) -> str:
    return " ".join(fold(text).split())


def _number_key(text: str) -> tuple | None:
    try:
        return parse_number(text).key
    except DocNumberError:
        return None


def _names(record: Any, target: str) -> Iterator[tuple[str, str, str]]:
    """(field, what it is called, text) of every name a reference to `record` may be mistaken for."""
    for attr, label in NAME_FIELDS.get(target, ()):
        value = getattr(record, attr, None)
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and text.strip():
                yield attr, label, text


def _shown_name(record: Any) -> str:
    """How a suggestion names its record beside the id: the unit's short name, the document's number."""
    for attr in ("short", "name", "number", "title"):
        value = getattr(record, attr, None)
        if isinstance(value, str) and value.strip():
            return value
    return ""


def records_named(ref: WrittenName, dataset: Dataset) -> list[tuple[str, str]]:
    """(id, what the written text is of it) of every record whose name, short name, alias, symbol, number or title
    is what `ref` holds, compared folded; a document number also in any punctuation ("171/KH-BTGTU")."""
    table = BY_NAME[ref.target].records(dataset)
    wanted, number = _name_key(ref.id), _number_key(ref.id)
    found: dict[str, str] = {}
    for record_id, record in table.items():
        for attr, label, text in _names(record, ref.target):
            if _name_key(text) == wanted or (attr == "number" and number is not None and _number_key(text) == number):
                found.setdefault(record_id, label)
    return list(found.items())


def _word_likeness(written: list[str], text: str) -> float:
    return difflib.SequenceMatcher(None, written, _name_key(text).split(), autojunk=False).ratio()


def _near_records(ref: WrittenName, dataset: Dataset) -> list[str]:
    """Ids of the records whose names resemble what `ref` holds word for word ("Ban Dân vận Huyện ủy" and "Ban Tuyên
    giáo Huyện ủy Tam Đường" share three of five words), best first; and of the ids its slug nearly is (a typo).
    Compared letter by letter, long names that share no word look alike; word by word they do not."""
    table = BY_NAME[ref.target].records(dataset)
    written = _name_key(ref.id).split()
    scored = []
    for record_id, record in table.items():
        texts = [text for _, _, text in _names(record, ref.target)] + [record_id.replace("-", " ")]
        score = max(_word_likeness(written, text) for text in texts)
        if score >= NAME_LIKENESS:
            scored.append((-score, record_id))
    near = [record_id for _, record_id in sorted(scored)]
    near += closest(slugify(ref.id), table, cutoff=ID_LIKENESS)
    return list(dict.fromkeys(near))[:MAX_SUGGESTIONS]


def written_name_problem(ref: WrittenName, dataset: Dataset) -> str:
    """The one message for a reference written as a name: the id of the record bearing that name, or the closest
    existing ids; never an id that does not exist."""
    kind = BY_NAME[ref.target]
    table = kind.records(dataset)
    key, value = echo(ref.key), echo(ref.id)
    slug = slugify(ref.id)
    if not slug:  # no letter or digit: no name either
        return (f"\"{key}\" phải là mã của {target_name(ref.target)} (chữ thường không dấu, gạch ngang); ở đây là "
                f"\"{value}\"")
    head = f"\"{key}\" phải ghi mã, không ghi {WRITTEN_INSTEAD.get(ref.target, 'tên')}"
    named = records_named(ref, dataset)
    if len(named) == 1:
        record_id, label = named[0]
        return (f"{head}: \"{value}\" là {label} của {kind.what} mang mã \"{echo(record_id)}\"; hãy viết "
                f"\"{echo(record_id)}\"")
    if named:
        listed = ", ".join(f"\"{echo(record_id)}\" ({label})" for record_id, label in named[:MAX_SUGGESTIONS])
        return (f"{head}: \"{value}\" là tên của nhiều {kind.what}: {listed}; hãy viết mã của đúng {kind.what} "
                "văn bản nói tới")
    if slug in table:
        return (f"\"{key}\" phải là mã (chữ thường không dấu, chữ số, gạch ngang): \"{value}\" là mã "
                f"\"{echo(slug)}\" viết sai dạng; hãy viết \"{echo(slug)}\"")
    near = _near_records(ref, dataset)
    if near:
        listed = ", ".join(f"\"{echo(n)}\" ({echo(_shown_name(table[n]), 60)})" if _shown_name(table[n]) else
                           f"\"{echo(n)}\"" for n in near)
        return f"{head}, và không có {kind.what} nào mang tên \"{value}\"; có phải ý bạn là {listed}?"
    if unreadable(dataset, ref.target, "*"):
        return f"{head}: hãy viết mã của {kind.what} (trong {where_written(kind)}); ở đây là \"{value}\""
    return (f"{head}, và không có {kind.what} nào mang tên \"{value}\"; hãy tìm mã trong {where_written(kind)} "
            f"hoặc thêm {kind.what} này vào đó rồi ghi mã của nó")


# ---- documents ----

def _issuer_symbols(doc: Document, dataset: Dataset) -> set[str]:
    """Symbols of the issuers and of their parents: 11-CT/TU is issued by the Ban Thường vụ of the Tỉnh ủy (TU)."""
    symbols: set[str] = set()
    for ref in doc.issuer:
        org = dataset.organisations.get(ref.id)
        seen: set[str] = set()
        while org is not None and org.id not in seen:
            seen.add(org.id)
            if org.symbol:
                symbols.add(org.symbol)
            org = dataset.organisations.get(org.parent.id) if org.parent else None
    return symbols


def check_documents(dataset: Dataset, problems: Problems) -> None:
    numbers: dict[tuple, tuple[Document, DocNumber]] = {}
    for doc in dataset.documents.values():
        number_pos = doc.positions.get("number", doc.pos)
        _check_issue_bounds(doc, dataset, problems)
        # "chưa rõ": the document does not print its kind (the model allows it; the number may still tell it).
        kind = doc.kind if isinstance(doc.kind, str) else None
        if kind is not None and kind not in KINDS:
            problems.add(doc.positions["kind"], f"loại văn bản \"{echo(doc.kind)}\" không có trong danh mục; các loại "
                                                f"hợp lệ: {', '.join(KINDS)}")
        if doc.number is UNKNOWN:
            if doc.kind is None:
                problems.add(doc.pos, "số văn bản chưa rõ nên phải ghi \"kind\" (loại văn bản: KH, CT, QĐ…)")
            continue
        try:
            parsed = parse_number(doc.number)
        except DocNumberError as exc:
            problems.add(number_pos, str(exc))
            continue
        # Compared whatever the punctuation: "171/KH-BTGTU" is the number 171-KH/BTGTU written as a State one.
        if parsed.key in numbers:
            first, first_number = numbers[parsed.key]
            where = f"\"{echo(first.id)}\" ({first.positions.get('number', first.pos)})"
            if first_number.canonical == parsed.canonical:
                problems.add(number_pos, f"số văn bản \"{echo(parsed.canonical)}\" bị trùng với văn bản {where}; mỗi "
                                         "số chỉ khai báo một lần")
            else:
                problems.add(number_pos, f"số văn bản \"{echo(parsed.canonical)}\" bị trùng với số "
                                         f"\"{echo(first_number.canonical)}\" của văn bản {where}, chỉ khác cách viết; "
                                         "mỗi số chỉ khai báo một lần")
        else:
            numbers[parsed.key] = (doc, parsed)
        _check_numbering_system(doc, parsed, number_pos, dataset, problems)
        if kind is not None and kind != parsed.kind_or_letter:
            problems.add(doc.positions["kind"], f"\"kind\" ghi {echo(doc.kind)} nhưng số "
                                                f"\"{echo(parsed.canonical)}\" là loại {parsed.kind_or_letter}; bỏ "
                                                "\"kind\" hoặc sửa cho khớp")
        symbols = _issuer_symbols(doc, dataset)
        if symbols and parsed.issuer not in symbols:
            problems.add(number_pos, f"số \"{echo(parsed.canonical)}\" mang ký hiệu cơ quan {echo(parsed.issuer)} "
                                     f"nhưng cơ quan ban hành có ký hiệu {echo(', '.join(sorted(symbols)))}; kiểm tra lại số "
                                     "hoặc \"issuer\"")
        if isinstance(doc.date, date) and parsed.year is not None and parsed.year != doc.date.year:
            problems.add(number_pos, f"số \"{echo(parsed.canonical)}\" ghi năm {parsed.year} nhưng văn bản đề ngày "
                                     f"{dates.format_date(doc.date)}")
    for doc in dataset.documents.values():
        issued = issue_date(doc, dataset)
        if issued.latest is None:
            continue
        for ref in doc.cited:
            cited = dataset.documents.get(ref.id)
            if cited is None:
                continue
            before = issue_date(cited, dataset)
            if before.earliest is not None and before.earliest > issued.latest:
                problems.add(ref.pos, _cites_a_later_document(issued, cited, before))


def _cites_a_later_document(issued: IssueDate, cited: Document, before: IssueDate) -> str:
    """A document issued (at the latest) before a document it implements or is based on was issued (at the
    earliest)."""
    later = dates.format_date(before.earliest) if before.earliest else ""
    if before.exact:
        when = f"ban hành sau đó ({later})"
    elif before.earliest_from == "issued_after":
        when = f"ban hành sau {later} (\"issued_after\" của văn bản đó)"
    else:
        when = f"ban hành sau {later} (ngày của văn bản mà nó thực hiện)"
    message = f"{issued.latest_phrase} không thể thực hiện hay căn cứ \"{echo(cited.id)}\" {when}"
    if issued.exact and before.exact:
        return message
    return f"{message}; hãy kiểm tra lại ngày ban hành, \"issued_after\", \"issued_before\" hoặc liên kết này"


# Which numbering a body's documents follow: Party bodies "171-KH/BTGTU" (Hướng dẫn 36-HD/VPTW), State bodies
# "125/QĐ-UBND" (Nghị định 30/2020/NĐ-CP). The Mặt trận and the đoàn thể follow rules of their own: not judged.
NUMBERING = {"dang": "party", "nha-nuoc": "state"}
# Nor are coordinating bodies (ban chỉ đạo, ban tổ chức, hội đồng, tiểu ban, tổ công tác): they number as the body
# that set them up or leads them decides. The Ban Tổ chức kỷ niệm 20 năm, set up by the UBND tỉnh, issued
# "06-KH/BTC" (cited so in 171-KH/BTGTU).
COORDINATING = ("ban chi dao", "ban to chuc", "hoi dong", "tieu ban", "to cong tac")
NUMBERING_NAMES = {"party": "văn bản của Đảng", "state": "văn bản nhà nước"}
NUMBERING_SHAPES = {"party": "số-LOẠI/CƠ QUAN", "state": "số/LOẠI-CƠ QUAN"}
SECTOR_NAMES = {"party": "cơ quan Đảng", "state": "cơ quan nhà nước"}


def _numbering_of(doc: Document, parsed: DocNumber, dataset: Dataset) -> tuple[str, str] | None:
    """The numbering the document must follow and why ("Tỉnh ủy Lai Châu" is a Party body), from its issuers, or
    failing them from the bodies whose symbol its number carries; None when they do not agree."""
    issuers = [dataset.organisations[r.id] for r in doc.issuer if r.id in dataset.organisations]
    if any(_coordinating(org) for org in issuers):
        return None
    systems = {NUMBERING.get(org.sector) for org in issuers}
    if len(systems) == 1 and None not in systems:
        system = systems.pop()
        return system, f"\"{echo(issuers[0].display_name)}\" là {SECTOR_NAMES[system]}"
    if issuers:
        return None  # a joint document, or an issuer whose numbering is its own
    bearers = [org for org in dataset.organisations.values() if org.symbol == parsed.issuer]
    if any(_coordinating(org) for org in bearers):
        return None
    systems = {NUMBERING.get(org.sector) for org in bearers}
    if len(systems) == 1 and None not in systems:
        system = systems.pop()
        bearer = echo(bearers[0].display_name)
        return system, f"ký hiệu {echo(parsed.issuer)} là của \"{bearer}\", {SECTOR_NAMES[system]}"
    return None


def _coordinating(org: Organisation) -> bool:
    return _name_key(org.name).startswith(COORDINATING)


def _check_numbering_system(doc: Document, parsed: DocNumber, pos: Pos, dataset: Dataset, problems: Problems) -> None:
    """A Party body's number written in State punctuation ("11/CT-TU"), or the reverse, with the right spelling."""
    expected = _numbering_of(doc, parsed, dataset)
    if expected is None or expected[0] == parsed.system:
        return
    system, why = expected
    right = parsed.written_as(system)  # type: ignore[arg-type]
    if right is None:
        return
    problems.add(pos, f"số \"{echo(parsed.canonical)}\" viết theo cách của {NUMBERING_NAMES[parsed.system]} "
                      f"({NUMBERING_SHAPES[parsed.system]}) nhưng {why}: {NUMBERING_NAMES[system]} viết "
                      f"{NUMBERING_SHAPES[system]}, hãy viết \"{echo(right.canonical)}\"")


def check_implements_cycles(dataset: Dataset, problems: Problems) -> None:
    """A document cannot, through a chain of "Thực hiện…" and "Căn cứ…", implement itself."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    reported: set[frozenset[str]] = set()
    # Depth-first with an explicit stack: a chain of thousands of documents must not exhaust Python's recursion.
    for root in dataset.documents:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        pending = [iter(dataset.documents[root].cited)]
        while pending:
            ref = next(pending[-1], None)
            if ref is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            if ref.id not in dataset.documents:
                continue
            if state.get(ref.id) == 1:
                cycle = path[path.index(ref.id):] + [ref.id]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    problems.add(ref.pos, f"vòng lặp văn bản thực hiện lẫn nhau: {' → '.join(map(echo, cycle))}; "
                                          "một văn bản không thể thực hiện chính nó, hãy bỏ một liên kết")
            elif ref.id not in state:
                state[ref.id] = 1
                path.append(ref.id)
                pending.append(iter(dataset.documents[ref.id].cited))


# ---- organisations and their lifetimes ----

# Since 01/7/2025 local government has two levels, tỉnh and xã (the 2025 amendment of the Constitution and the Luật
# Tổ chức chính quyền địa phương 2025, in force from that day): the district Party committees, People's Committees,
# their departments and the district Mặt trận and đoàn thể ended on 30/6/2025. A unit may have ended earlier (merged
# before), so the checker only asks the editor, in a note.
LAST_DISTRICT_DAY = date(2025, 6, 30)
DISTRICT_SECTORS = ("dang", "nha-nuoc", "mat-tran-doan-the")


def check_organisations(dataset: Dataset, problems: Problems) -> None:
    for org in dataset.organisations.values():
        _note_district_level(org, problems)
        if isinstance(org.valid_from, date) and isinstance(org.valid_to, date) and org.valid_to < org.valid_from:
            problems.add(org.positions["valid_to"], f"ngày kết thúc {dates.format_date(org.valid_to)} trước ngày bắt "
                                                    f"đầu {dates.format_date(org.valid_from)}")
        if org.parent is not None and org.parent.id == org.id:
            problems.add(org.parent.pos, "một đơn vị không thể là cấp trên của chính nó")
        for ref in org.successor:
            if ref.id == org.id:
                problems.add(ref.pos, "một đơn vị không thể kế tục chính nó")


def _note_district_level(org: Organisation, problems: Problems) -> None:
    """A district-level unit said to work on after 30/6/2025: a note (the date is the editor's to confirm)."""
    if org.level != "huyen" or org.sector not in DISTRICT_SECTORS:
        return
    last = dates.format_date(LAST_DISTRICT_DAY)
    why = (f"từ 01/7/2025 chính quyền địa phương chỉ còn hai cấp (tỉnh, xã), các đơn vị cấp huyện kết thúc hoạt "
           f"động ngày {last}")
    if org.valid_to is None:
        problems.note(org.positions.get("level", org.pos),
                      f"đơn vị cấp huyện chưa ghi ngày kết thúc hoạt động: {why}; nếu đúng với đơn vị này, hãy ghi "
                      f"\"valid_to: {last}\" (và \"successor\" nếu có đơn vị kế tục)")
    elif isinstance(org.valid_to, date) and org.valid_to > LAST_DISTRICT_DAY:
        problems.note(org.positions.get("valid_to", org.pos),
                      f"đơn vị cấp huyện ghi ngày kết thúc hoạt động {dates.format_date(org.valid_to)}, sau ngày "
                      f"{last}: {why}; nếu đúng với đơn vị này, hãy sửa thành \"valid_to: {last}\"")


def predecessors(org_id: str, dataset: Dataset) -> list[Organisation]:
    return [o for o in dataset.organisations.values() if any(r.id == org_id for r in o.successor)]


@dataclass(frozen=True)
class IssueDate:
    """When a document was issued, as far as the data says: its date; or, when that is "chưa rõ", the bounds known:
    not before `earliest` (its `issued_after`, or the latest date of the documents it implements or is based on)
    and not after `latest` (its `issued_before`). The bounds are taken as inclusive, so only a sure contradiction is
    reported."""

    earliest: date | None
    latest: date | None
    exact: bool
    earliest_from: str = ""  # where `earliest` comes from: "date", "issued_after" or "cited"

    @property
    def earliest_phrase(self) -> str:
        day = dates.format_date(self.earliest) if self.earliest else ""
        if self.exact:
            return f"văn bản đề ngày {day}"
        if self.earliest_from == "issued_after":
            return f"văn bản ban hành sau {day} (\"issued_after\")"
        return f"văn bản ban hành sau {day} (ngày của văn bản nó thực hiện)"

    @property
    def latest_phrase(self) -> str:
        day = dates.format_date(self.latest) if self.latest else ""
        return f"văn bản đề ngày {day}" if self.exact else f"văn bản ban hành trước {day} (\"issued_before\")"


def _cited_dates(doc: Document, dataset: Dataset) -> list[tuple[date, str]]:
    """(date, id) of the documents `doc` implements or is based on whose date is known."""
    found = []
    for ref in doc.cited:
        cited = dataset.documents.get(ref.id)
        if cited is not None and isinstance(cited.date, date):
            found.append((cited.date, cited.id))
    return found


def issue_date(doc: Document, dataset: Dataset) -> IssueDate:
    """What the data says of when `doc` was issued (the bounds of the documents it cites are not followed further:
    their dates, when known, are bounds enough)."""
    if isinstance(doc.date, date):
        return IssueDate(doc.date, doc.date, True, "date")
    lower: list[tuple[date, str]] = [(d, "cited") for d, _ in _cited_dates(doc, dataset)]
    if doc.issued_after is not None:
        lower.append((doc.issued_after, "issued_after"))
    # The latest lower bound; on a tie the document it implements, which says why (its `issued_after` is often
    # that very date).
    earliest, earliest_from = max(lower, key=lambda item: (item[0], item[1] == "cited"), default=(None, ""))
    return IssueDate(earliest, doc.issued_before, False, earliest_from)


def document_date_bounds(doc: Document, dataset: Dataset) -> tuple[date | None, bool]:
    """The document's date, or, when unknown, the earliest it can have been issued (its `issued_after`, or the
    latest date of what it implements); and whether that is its date."""
    issued = issue_date(doc, dataset)
    return issued.earliest, issued.exact


def _check_issue_bounds(doc: Document, dataset: Dataset, problems: Problems) -> None:
    """`issued_after`, `issued_before`: only when the date is "chưa rõ", and not contradicting each other."""
    after, before = doc.issued_after, doc.issued_before
    after_pos, before_pos = doc.positions.get("issued_after", doc.pos), doc.positions.get("issued_before", doc.pos)
    if isinstance(doc.date, date):
        if after is not None:
            problems.add(after_pos, _bound_with_date("issued_after", "sau", after, doc.date, after > doc.date))
        if before is not None:
            problems.add(before_pos, _bound_with_date("issued_before", "trước", before, doc.date, before < doc.date))
        return
    if after is not None and before is not None:
        if after > before:
            problems.add(before_pos, f"văn bản không thể ban hành sau {dates.format_date(after)} (\"issued_after\") mà "
                                     f"lại trước {dates.format_date(before)} (\"issued_before\"); hãy sửa một trong "
                                     "hai ngày")
        elif after == before:
            problems.add(before_pos, f"\"issued_after\" và \"issued_before\" cùng là {dates.format_date(after)}: nếu "
                                     f"văn bản ban hành đúng ngày đó thì ghi \"date: {dates.format_date(after)}\" và "
                                     "bỏ hai khóa này")
    if after is not None:
        cited = max(_cited_dates(doc, dataset), default=None)
        if cited is not None and cited[0] > after:
            problems.note(after_pos, f"\"issued_after\" ({dates.format_date(after)}) sớm hơn ngày của văn bản "
                                     f"\"{echo(cited[1])}\" mà văn bản này thực hiện hay căn cứ "
                                     f"({dates.format_date(cited[0])}), nên không nói thêm được gì: văn bản chắc chắn "
                                     f"ban hành sau {dates.format_date(cited[0])}; hãy bỏ \"issued_after\" hoặc ghi "
                                     "mốc muộn hơn mà văn bản nguồn cho biết")


def _bound_with_date(key: str, word: str, bound: date, day: date, contradicts: bool) -> str:
    shown, bound_shown = dates.format_date(day), dates.format_date(bound)
    if contradicts:
        return (f"\"{key}\" ghi văn bản ban hành {word} {bound_shown}, mâu thuẫn với ngày ban hành {shown} ở "
                f"\"date\"; ngày ban hành đã rõ thì bỏ \"{key}\" (kiểm tra lại \"date\" nếu cần)")
    return (f"ngày ban hành đã rõ ({shown}) nên không ghi \"{key}\"; khóa này chỉ dùng khi \"date\" là \"chưa "
            "rõ\": hãy bỏ nó")


def _orgs_used(doc: Document) -> Iterator[Ref]:
    yield from doc.issuer
    if isinstance(doc, Plan):
        for task in doc.tasks:
            yield from task.lead
            yield from task.support
        for recipient in doc.recipients:
            yield from recipient.orgs


def check_lifetimes(dataset: Dataset, problems: Problems) -> None:
    for doc in dataset.documents.values():
        issued = issue_date(doc, dataset)
        if issued.earliest is None and issued.latest is None:
            continue
        for ref in _orgs_used(doc):
            org = dataset.organisations.get(ref.id)
            if org is None:
                continue
            message = _lifetime_problem(org, issued, dataset)
            if message:
                problems.add(ref.pos, message)


def _lifetime_problem(org: Organisation, issued: IssueDate, dataset: Dataset) -> str | None:
    """A unit named by a document issued (surely) before it was set up or after it ended."""
    if issued.latest is not None and isinstance(org.valid_from, date) and issued.latest < org.valid_from:
        before = predecessors(org.id, dataset)
        hint = f"; lúc đó dùng \"{echo(before[0].id)}\"" if before else ""
        return (f"\"{echo(org.display_name)}\" chỉ có từ {dates.format_date(org.valid_from)}, nhưng "
                f"{issued.latest_phrase}{hint}")
    if issued.earliest is not None and isinstance(org.valid_to, date) and issued.earliest > org.valid_to:
        after = [r.id for r in org.successor]
        hint = f"; lúc đó dùng \"{echo(after[0])}\"" if after else ""
        return (f"\"{echo(org.display_name)}\" đã kết thúc hoạt động ngày {dates.format_date(org.valid_to)}, nhưng "
                f"{issued.earliest_phrase}{hint}")
    return None


# ---- milestones ----

def check_national_days(dataset: Dataset, problems: Problems) -> None:
    """A national day is set by a central body: a provincial document cannot make a milestone national."""
    for milestone in dataset.milestones.values():
        source = milestone.national_day
        document = dataset.documents.get(source.document.id) if source is not None else None
        if document is None:
            continue  # no national_day, or a reference already reported
        issuers = [dataset.organisations[ref.id] for ref in document.issuer if ref.id in dataset.organisations]
        if issuers and not any(org.level == "trung-uong" for org in issuers):
            problems.add(milestone.positions["national_day"],
                         f"\"national_day\" phải là văn bản của cơ quan Trung ương (cấp trung-uong); văn bản "
                         f"{document.id} do {', '.join(org.name for org in issuers)} ban hành. Bỏ dòng này nếu đây "
                         f"là mốc của địa phương")


# ---- events ----



def check_events(dataset: Dataset, problems: Problems) -> None:
    for event in dataset.events.values():
        milestones = event_milestones(event, dataset)
        if event.kind == "anniversary":
            _check_anniversary(event, milestones, dataset, problems)
        elif event.n is not None:
            problems.add(event.positions["n"], "chỉ sự kiện kỷ niệm (kind: anniversary) mới có \"n\"")
        day = event.date if isinstance(event.date, date) else None
        if day is not None and isinstance(event.year, int) and day.year != event.year:
            problems.add(event.positions["date"], f"ngày {dates.format_date(day)} không thuộc năm {event.year} của sự kiện")
        _check_focus(event, dataset, problems)


def _check_anniversary(event: Event, milestones: list, dataset: Dataset, problems: Problems) -> None:
    if not event.milestones:
        problems.add(event.pos, "sự kiện kỷ niệm phải có \"milestones\": mã mốc lịch sử được kỷ niệm")
        return
    if not milestones or not isinstance(event.year, int):
        if event.year is UNKNOWN:
            problems.add(event.positions["year"], "sự kiện kỷ niệm phải có năm cụ thể để tính số năm kỷ niệm")
        return
    numbers = {event.year - m.date.year for m in milestones}
    if len(numbers) > 1:
        problems.add(event.positions["milestones"], "các mốc của một sự kiện kỷ niệm phải cùng năm để có chung số năm "
                                                    "kỷ niệm; hãy tách thành các sự kiện riêng")
    n = event.year - milestones[0].date.year
    if n <= 0:
        problems.add(event.positions["year"], f"năm {event.year} không sau năm của mốc lịch sử "
                                              f"({milestones[0].date.year}); không thể kỷ niệm")
        return
    if event.n is not None and event.n != n:
        problems.add(event.positions["n"], f"kỷ niệm {event.n} năm không khớp: từ mốc "
                                           f"{dates.format_date(milestones[0].date)} đến năm {event.year} là {n} năm")
    if event.title:
        _check_title(event, n, milestones[0].date, event_date(event, dataset), problems)


def _check_title(event: Event, n: int, start: date, day: date | None, problems: Problems) -> None:
    pos = event.positions["title"]
    match = dates.YEARS_RE.search(event.title or "")
    # Compared as text: int() of thousands of digits is slow or refused.
    if match and match.group(1).lstrip("0") != str(n):
        problems.add(pos, f"tiêu đề ghi {echo(match.group(1))} năm nhưng từ mốc {dates.format_date(start)} đến năm "
                          f"{event.year} là {n} năm")
    for found in dates.ANNIVERSARY_SPAN_RE.finditer(event.title or ""):
        try:
            first, last = dates.parse_date(found.group(1)), dates.parse_date(found.group(2))
        except dates.DateError:
            continue
        expected = f"({dates.format_date(start)} - {dates.format_date(day)})" if day else None
        if first != start or (day is not None and last != day):
            problems.add(pos, f"tiêu đề ghi {echo(found.group(0))} nhưng mốc lịch sử là {dates.format_date(start)}"
                              f"{f' và sự kiện diễn ra {dates.format_date(day)}; viết đúng là {expected}' if day else ''}")


def _check_focus(event: Event, dataset: Dataset, problems: Problems) -> None:
    focus = event.focus
    if focus is None:
        return
    pos = focus.pos
    if (focus.start is None) != (focus.end is None):
        problems.add(pos, "\"focus\" phải có cả \"from\" và \"to\", hoặc chỉ dùng \"before\"/\"after\" (số ngày)")
        return
    if focus.start is not None and (focus.before is not None or focus.after is not None):
        problems.add(pos, "\"focus\" ghi ngày cụ thể (from, to) thì không ghi thêm số ngày (before, after)")
    window = focus_window(event, dataset)
    if window is None or not window.explicit:
        return
    if window.first_day and window.last_day and window.last_day < window.first_day:
        problems.add(focus.positions.get("end", pos),
                     f"thời gian tuyên truyền sâu đậm kết thúc ({echo(window.end.render())}) trước khi bắt đầu "
                     f"({echo(window.start.render())})")
        return
    day = event_date(event, dataset)
    if day is not None and not window.contains(day):
        problems.add(pos, f"thời gian tuyên truyền sâu đậm {echo(window.render(), 120)} không chứa ngày diễn ra sự "
                          f"kiện {dates.format_date(day)}; hãy sửa \"from\"/\"to\" để bao gồm ngày đó")


# ---- tasks ----

def check_tasks(dataset: Dataset, problems: Problems) -> None:
    for task in dataset.tasks:
        lead_ids = {ref.id for ref in task.lead}
        for ref in task.support:
            if ref.id in lead_ids:
                problems.add(ref.pos, f"đơn vị \"{echo(ref.id)}\" vừa chủ trì (lead) vừa phối hợp (support) trong cùng "
                                      "một nhiệm vụ; hãy bỏ nó khỏi \"support\"")
        # A name written for an id stays in `lead` (as a WrittenName with its own message), so this is only for a
        # lead left out or left empty.
        if not task.lead and not task.lead_implied:
            problems.add(task.positions.get("lead", task.pos),
                         "nhiệm vụ phải có ít nhất một đơn vị chủ trì (lead); nếu văn bản giao việc cho chính các đơn "
                         "vị nhận văn bản thì ghi các đơn vị đó ở \"addressees\" của kế hoạch và bỏ \"lead\"")
        when = task.when
        if when is not None and deadlines.ANCHORS.get(when.kind) == "focus-end" and not task.events:
            problems.add(task.positions["when"], f"thời gian \"{echo(when.render())}\" tính theo thời gian tuyên "
                                                 "truyền sâu đậm của sự kiện nên nhiệm vụ phải ghi \"events\": sự kiện "
                                                 "đó")
        if when is not None and when.kind == "relative":
            known = [d for d in (event_date(dataset.events[r.id], dataset) for r in task.events
                                 if r.id in dataset.events) if d is not None]
            if not task.events:
                problems.add(task.positions["when"], f"thời gian \"{echo(when.render())}\" tính theo sự kiện nên nhiệm "
                                                     "vụ phải ghi \"events\": sự kiện làm mốc")
            elif not known and not any(_depends_on_unreadable(dataset, r.id) for r in task.events):
                problems.add(task.positions["when"], f"thời gian \"{echo(when.render())}\" tính theo sự kiện nhưng sự "
                                                     "kiện của nhiệm vụ chưa rõ ngày")
        if task.result is not None:
            _check_result(task, dataset, problems)


def _check_result(task: Any, dataset: Dataset, problems: Problems) -> None:
    """A result recorded is work done (the views judge such a task "da-thuc-hien", macros/views/tasks.py
    status_of), so it contradicts any other status written. It cannot come before the plan was issued."""
    result = task.result
    if task.status is not None and task.status != "da-thuc-hien":
        problems.add(task.positions.get("status", task.pos),
                     f"nhiệm vụ đã ghi kết quả (result) nhưng tình trạng (status) là \"{echo(task.status)}\"; hãy "
                     "ghi \"da-thuc-hien\" hoặc bỏ \"status\"")
    plan = dataset.plans.get(task.plan_id)
    if plan is not None and isinstance(plan.date, date) and result.date < plan.date:
        problems.add(result.positions.get("date", result.pos),
                     f"ngày hoàn thành {dates.format_date(result.date)} (result.date) trước ngày ban hành kế hoạch "
                     f"{dates.format_date(plan.date)}; hãy kiểm tra lại ngày hoàn thành")


# What a period on the calendar (a phase, a focus window) may be: a day, a month, a quarter, one or more years,
# a range of them, or unknown. "Thường xuyên", "Hằng tháng", "Sau ngày …" or a time counted from an event are
# deadlines, not periods.
CALENDAR_KINDS = ("day", "range", "month", "quarter", "year", "years", "unknown")


def check_periods(dataset: Dataset, problems: Problems) -> None:
    periods: list[tuple[Any, str, str]] = []
    for plan in dataset.plans.values():
        periods += [(phase, name, "đợt tuyên truyền") for phase in plan.phases for name in ("start", "end")]
    for event in dataset.events.values():
        if event.focus is not None:
            periods += [(event.focus, name, "thời gian tuyên truyền sâu đậm") for name in ("start", "end")]
    for doc in dataset.documents.values():
        periods += [(focus, name, "thời gian tuyên truyền sâu đậm") for focus in doc.focus for name in ("start", "end")]
        for focus in doc.focus:
            if (focus.start.start and focus.end.end and focus.end.end < focus.start.start):
                problems.add(focus.positions.get("end", focus.pos),
                             f"thời gian tuyên truyền sâu đậm kết thúc ({echo(focus.end.render())}) trước khi bắt đầu "
                             f"({echo(focus.start.render())}); hãy đổi chỗ \"from\" và \"to\" hoặc sửa ngày")
    for record, name, what in periods:
        value = getattr(record, name)
        if value is not None and value.kind not in CALENDAR_KINDS:
            key = "from" if name == "start" else "to"
            problems.add(record.positions.get(name, record.pos),
                         f"\"{key}\" của {what} phải là một ngày, tháng, quý, năm hoặc khoảng thời gian, ví dụ "
                         f"01/5/2024 hoặc Tháng 12/2023; \"{echo(value.render())}\" là cách ghi thời hạn của nhiệm vụ")


def _depends_on_unreadable(dataset: Dataset, event_id: str) -> bool:
    """Whether the event, or a milestone that dates it, is in a file that could not be read."""
    if unreadable(dataset, "event", event_id):
        return True
    event = dataset.events.get(event_id)
    return event is not None and any(unreadable(dataset, "milestone", ref.id) for ref in event.milestones)


# ---- outlines ----

def check_outlines(dataset: Dataset, problems: Problems) -> None:
    for outline in dataset.outlines.values():
        _check_depth(outline.sections, 1, problems)


def _check_depth(sections: list[OutlineSection], depth: int, problems: Problems) -> None:
    for section in sections:
        if depth > MAX_OUTLINE_DEPTH:
            problems.add(section.pos, f"đề cương chỉ có tối đa {MAX_OUTLINE_DEPTH} cấp (I., 1., a), -); "
                                      "hãy gộp mục này vào mục cha")
            continue
        if re.match(r"^\s*(?:[IVXLC]+|\d+|[a-zđ])\s*[.)]\s", section.title):
            problems.add(section.positions["title"], f"tiêu đề \"{echo(section.title)}\" có số thứ tự gõ tay; số thứ "
                                                     "tự được tính tự động theo cấp, hãy bỏ nó")
        _check_depth(section.sections, depth + 1, problems)
