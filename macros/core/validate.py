"""Checks across records: references, document numbers, dates that contradict each other, anniversaries,
focus windows, task units, organisations used outside their lifetime, and `implements` cycles."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any, Iterator

from . import dates
from .anniversaries import event_date, event_milestones, focus_window
from .diagnostics import Problems, echo
from .docnumber import KINDS, DocNumberError, parse_number
from .kinds import BY_NAME, referred_as, where_written
from .fields import Ref
from .unknown import UNKNOWN
from .model import Dataset, Document, Event, Organisation, OutlineSection, Plan
from .vietnamese import closest

MAX_OUTLINE_DEPTH = 4  # I., 1., a), -


def validate(dataset: Dataset, problems: Problems) -> None:
    check_references(dataset, problems)
    check_documents(dataset, problems)
    check_implements_cycles(dataset, problems)
    check_organisations(dataset, problems)
    check_lifetimes(dataset, problems)
    check_events(dataset, problems)
    check_tasks(dataset, problems)
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
            kind = BY_NAME[ref.target]
            table = kind.records(dataset)
            if ref.id in table or unreadable(dataset, ref.target, ref.id):
                continue
            near = ", ".join(f'"{echo(n)}"' for n in closest(ref.id, table))
            hint = f"; có phải ý bạn là {near}?" if near else f"; hãy thêm nó vào {where_written(kind)} hoặc sửa mã"
            problems.add(ref.pos, f"không có {kind.what} nào mang mã \"{echo(ref.id)}\"{hint}")


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
    numbers: dict[str, Document] = {}
    for doc in dataset.documents.values():
        number_pos = doc.positions.get("number", doc.pos)
        if doc.kind is not None and doc.kind not in KINDS:
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
        if parsed.canonical in numbers:
            first = numbers[parsed.canonical]
            problems.add(number_pos, f"số văn bản \"{echo(parsed.canonical)}\" bị trùng với văn bản "
                                     f"\"{echo(first.id)}\" ({first.positions.get('number', first.pos)}); mỗi số chỉ "
                                     "khai báo một lần")
        else:
            numbers[parsed.canonical] = doc
        if doc.kind is not None and doc.kind != parsed.kind_or_letter:
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
        if not isinstance(doc.date, date):
            continue
        for ref in doc.cited:
            cited = dataset.documents.get(ref.id)
            if cited is not None and isinstance(cited.date, date) and cited.date > doc.date:
                problems.add(ref.pos, f"văn bản đề ngày {dates.format_date(doc.date)} không thể thực hiện hay căn cứ "
                                      f"\"{echo(cited.id)}\" ban hành sau đó ({dates.format_date(cited.date)})")


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

def check_organisations(dataset: Dataset, problems: Problems) -> None:
    for org in dataset.organisations.values():
        if isinstance(org.valid_from, date) and isinstance(org.valid_to, date) and org.valid_to < org.valid_from:
            problems.add(org.positions["valid_to"], f"ngày kết thúc {dates.format_date(org.valid_to)} trước ngày bắt "
                                                    f"đầu {dates.format_date(org.valid_from)}")
        if org.parent is not None and org.parent.id == org.id:
            problems.add(org.parent.pos, "một đơn vị không thể là cấp trên của chính nó")
        for ref in org.successor:
            if ref.id == org.id:
                problems.add(ref.pos, "một đơn vị không thể kế tục chính nó")


def predecessors(org_id: str, dataset: Dataset) -> list[Organisation]:
    return [o for o in dataset.organisations.values() if any(r.id == org_id for r in o.successor)]


def document_date_bounds(doc: Document, dataset: Dataset) -> tuple[date | None, bool]:
    """The document's date, or, when unknown, the latest date of what it implements (it cannot be earlier)."""
    if isinstance(doc.date, date):
        return doc.date, True
    cited = [dataset.documents[r.id].date for r in doc.cited if r.id in dataset.documents]
    known = [d for d in cited if isinstance(d, date)]
    return (max(known) if known else None), False


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
        day, exact = document_date_bounds(doc, dataset)
        if day is None:
            continue
        for ref in _orgs_used(doc):
            org = dataset.organisations.get(ref.id)
            if org is None:
                continue
            message = _lifetime_problem(org, day, exact, dataset)
            if message:
                problems.add(ref.pos, message)


def _lifetime_problem(org: Organisation, day: date, exact: bool, dataset: Dataset) -> str | None:
    shown = dates.format_date(day)
    when = f"văn bản đề ngày {shown}" if exact else f"văn bản ban hành sau {shown} (ngày của văn bản nó thực hiện)"
    if exact and isinstance(org.valid_from, date) and day < org.valid_from:
        before = predecessors(org.id, dataset)
        hint = f"; lúc đó dùng \"{echo(before[0].id)}\"" if before else ""
        return f"\"{echo(org.display_name)}\" chỉ có từ {dates.format_date(org.valid_from)}, nhưng {when}{hint}"
    if isinstance(org.valid_to, date) and day > org.valid_to:
        after = [r.id for r in org.successor]
        hint = f"; lúc đó dùng \"{echo(after[0])}\"" if after else ""
        return (f"\"{echo(org.display_name)}\" đã kết thúc hoạt động ngày {dates.format_date(org.valid_to)}, nhưng "
                f"{when}{hint}")
    return None


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
        if not task.lead:
            problems.add(task.positions.get("lead", task.pos), "nhiệm vụ phải có ít nhất một đơn vị chủ trì (lead)")
        when = task.when
        if when is not None and when.kind == "relative":
            known = [d for d in (event_date(dataset.events[r.id], dataset) for r in task.events
                                 if r.id in dataset.events) if d is not None]
            if not task.events:
                problems.add(task.positions["when"], f"thời gian \"{echo(when.render())}\" tính theo sự kiện nên nhiệm "
                                                     "vụ phải ghi \"events\": sự kiện làm mốc")
            elif not known and not any(_depends_on_unreadable(dataset, r.id) for r in task.events):
                problems.add(task.positions["when"], f"thời gian \"{echo(when.render())}\" tính theo sự kiện nhưng sự "
                                                     "kiện của nhiệm vụ chưa rõ ngày")


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
