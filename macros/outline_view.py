"""View helpers for the outline pages, the outlines index, the event card and the home page.

Section numbers are computed from depth (macros.numbering), never read from data. The home page's
"this month" logic lives here too: which outlines a chi bộ needs for the build date's month, how many
days a focus window still runs, the latest plans. Every function takes the Views object `v` first
(when it needs one) and is reachable in templates as `outline_view.fn(v, …)`. No MkDocs here.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Sequence

from markupsafe import Markup

from .anniversaries import DEFAULT_FOCUS_AFTER, DEFAULT_FOCUS_BEFORE
from .dates import FuzzyDate, format_date
from .model import Document, Event, Outline, OutlineSection, Plan, Source
from .numbering import Numbered, number_tree
from .views import Views
from .vietnamese import sort_key

LATEST_PLANS = 5
KIND_LABELS = {
    "anniversary": "Kỷ niệm",
    "congress": "Đại hội",
    "review": "Sơ kết, tổng kết",
    "other": "Sự kiện",
}
# A run-in label ends with a full stop unless the title already ends with punctuation.
_CLOSING_PUNCTUATION = ".:;?!…"


# ---- outline sections ----

def numbered_sections(sections: Sequence[OutlineSection]) -> list[Numbered[OutlineSection]]:
    """All sections in reading order, each with its computed label (I., 1., a), -) and depth."""
    flat: list[Numbered[OutlineSection]] = []

    def walk(nodes: Iterable[Numbered[OutlineSection]]) -> None:
        for node in nodes:
            flat.append(node)
            walk(node.children)

    walk(number_tree(sections, lambda section: section.sections))
    return flat


def run_in(label: str, title: str, body_html: str | None = None, depth: int = 3) -> Markup:
    """A bold run-in label ("a) Title.") opening the first paragraph of the section body, as HTML.

    `body_html` is the body already rendered by the `markdown` filter (safe HTML). When the body does
    not open with a paragraph (a list, nothing), the label stands as a paragraph of its own.
    """
    title = " ".join(str(title).split())
    if title and title[-1] not in _CLOSING_PUNCTUATION:
        title += "."
    opening = Markup('<p class="sotay-outline-runin sotay-outline-runin--{}">').format(min(int(depth), 4))
    head = Markup('<strong class="sotay-outline-label">{} {}</strong>').format(label, title)
    body = Markup(body_html or "")
    if body.startswith("<p>"):
        return opening + head + Markup(" ") + Markup(body[len("<p>"):])
    if body:
        return opening + head + Markup("</p>\n") + body
    return opening + head + Markup("</p>")


def sources_by_document(v: Views, sources: Iterable[Source]) -> list[tuple[Document, list[tuple[str, str | None]]]]:
    """Sources grouped by document in the order first cited: [(doc, [(section, note), …]), …]."""
    groups: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for source in sources:
        parts = groups[source.document.id]
        if (source.section, source.note) not in parts:
            parts.append((source.section, source.note))
    return [(v.data.documents[doc_id], parts) for doc_id, parts in groups.items() if doc_id in v.data.documents]


# ---- events of an outline ----

def outline_events(v: Views, outline: Outline) -> list[Event]:
    return v.events_sorted(v.data.events[r.id] for r in outline.events if r.id in v.data.events)


def outlines_by_event(v: Views) -> list[tuple[Event | None, list[Outline]]]:
    """Outlines grouped by the events they serve, events in date order; an outline serving two events is
    listed under both. Outlines whose events are all missing come last under None."""
    ordered = v.outlines_sorted()
    events = v.events_sorted({r.id: v.data.events[r.id] for o in ordered for r in o.events
                              if r.id in v.data.events}.values())
    groups: list[tuple[Event | None, list[Outline]]] = [
        (event, [o for o in ordered if any(r.id == event.id for r in o.events)]) for event in events]
    orphans = [o for o in ordered if not any(r.id in v.data.events for r in o.events)]
    if orphans:
        groups.append((None, orphans))
    return groups


def window_note(v: Views, event: Event) -> str:
    """For a focus window computed from the event day: "(20 ngày trước và 5 ngày sau sự kiện)"."""
    window = v.focus(event)
    if window is None or window.explicit:
        return ""
    focus = event.focus
    before = focus.before if focus is not None and focus.before is not None else DEFAULT_FOCUS_BEFORE
    after = focus.after if focus is not None and focus.after is not None else DEFAULT_FOCUS_AFTER
    return f"({before} ngày trước và {after} ngày sau sự kiện)"


def kind_label(v: Views, event: Event) -> str:
    """"Kỷ niệm 70 năm", "Đại hội", "Sơ kết, tổng kết"…"""
    label = KIND_LABELS.get(event.kind, "Sự kiện")
    n = v.number(event)
    return f"{label} {n} năm" if n else label


# ---- the build date's month ----

def month_span(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return month_span(day)[1] + timedelta(days=1)


def month_label(day: date) -> str:
    """"tháng 5/2024", "tháng 01/2024": as plans write a month, lower case for use mid-sentence."""
    first, last = month_span(day)
    text = FuzzyDate("month", first, last, granularity="month").render()
    return text[:1].lower() + text[1:]


def focus_overlaps(v: Views, event: Event, first: date, last: date) -> bool:
    """Whether the event's focus window shares a day with first..last (an open end runs forever)."""
    window = v.focus(event)
    if window is None or (window.first_day is None and window.last_day is None):
        return False
    starts_in_time = window.first_day is None or window.first_day <= last
    return starts_in_time and (window.last_day is None or first <= window.last_day)


def falls_in_month(v: Views, event: Event, month: date) -> bool:
    day = v.event_day(event)
    return day is not None and (day.year, day.month) == (month.year, month.month)


def month_events(v: Views, outline: Outline, day: date | None = None) -> list[Event]:
    """The outline's events that make it needed in `day`'s month: the focus window overlaps the month,
    or the event falls in this month or the next."""
    day = day or v.today
    first, last = month_span(day)
    return [e for e in outline_events(v, outline)
            if focus_overlaps(v, e, first, last) or falls_in_month(v, e, day) or falls_in_month(v, e, next_month(day))]


def outlines_this_month(v: Views, day: date | None = None) -> list[Outline]:
    """Outlines for chi bộ meetings in the build date's month, in the order of their events."""
    return [o for o in v.outlines_sorted() if month_events(v, o, day)]


# ---- counting days from the build date ----

def focus_days_left(v: Views, event: Event, day: date | None = None) -> int | None:
    """Days from `day` to the last day of the focus window, when `day` is inside it; else None."""
    day = day or v.today
    window = v.focus(event)
    if window is None or not window.contains(day) or window.last_day is None:
        return None
    return (window.last_day - day).days


def days_until(v: Views, event: Event, day: date | None = None) -> int | None:
    """Days from `day` to the event (negative once it has passed); None when its day is unknown."""
    event_day = v.event_day(event)
    return None if event_day is None else (event_day - (day or v.today)).days


def days_left_text(n: int | None) -> str:
    """How long a focus window still runs: "còn 11 ngày", "hôm nay là ngày cuối"."""
    if n is None:
        return ""
    return "hôm nay là ngày cuối" if n <= 0 else f"còn {n} ngày"


def days_until_text(n: int | None) -> str:
    """How far an event is: "còn 6 ngày nữa", "ngày mai", "hôm nay", "đã diễn ra 3 ngày trước"."""
    if n is None:
        return "chưa rõ ngày"
    if n == 0:
        return "hôm nay"
    if n == 1:
        return "ngày mai"
    if n > 1:
        return f"còn {n} ngày nữa"
    return f"đã diễn ra {-n} ngày trước"


# ---- plans ----

def latest_plans(v: Views, limit: int = LATEST_PLANS) -> list[Plan]:
    """Plans newest first by date of issue; those with an unknown date last, by label."""
    def key(plan: Plan):
        known = isinstance(plan.date, date)
        return (not known, -plan.date.toordinal() if known else 0, sort_key(v.document_label(plan)))
    return sorted(v.data.plans.values(), key=key)[:limit]


def issued_text(doc: Document) -> str:
    return f"ngày {format_date(doc.date)}" if isinstance(doc.date, date) else "chưa rõ ngày ban hành"

