"""What the site shows about events: titles as documents write them, the day and the focus window, the order
events are listed in, and which are in focus or coming. No MkDocs here."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Iterable

from macros.core.anniversaries import (FocusWindow, anniversary_class, event_date, event_milestones, event_number,
                                       event_title, event_when)
from macros.core.anniversaries import focus_window as _focus_window
from macros.core.dates import FuzzyDate
from macros.core.fields import Ref
from macros.core.model import Document, DocumentFocus, Event, Milestone, Plan

if TYPE_CHECKING:
    from .site import Site

# The short name of each kind of event, as a heading or a card says it.
KIND_WORDS = {
    "anniversary": "Kỷ niệm",
    "congress": "Đại hội",
    "review": "Sơ kết, tổng kết",
    "other": "Sự kiện",
}


class Events:
    def __init__(self, site: "Site") -> None:
        self.data = site.data
        self.today = site.today
        self.collation = site.collation
        # event id -> its place in `sorted`: events are listed on most pages, each keyed once per build.
        self._order_keys: dict[str, tuple] = {}

    def title(self, event: Event) -> str:
        return event_title(event, self.data)

    def number(self, event: Event) -> int | None:
        return event_number(event, self.data)

    def anniversary_class(self, event: Event) -> str | None:
        n = self.number(event)
        return anniversary_class(n) if n else None

    def kind_word(self, event: Event) -> str:
        """"Kỷ niệm", "Đại hội", "Sơ kết, tổng kết"…"""
        return KIND_WORDS.get(event.kind, KIND_WORDS["other"])

    def kind_label(self, event: Event) -> str:
        """"Kỷ niệm 70 năm", "Đại hội", "Sơ kết, tổng kết"…"""
        n = self.number(event)
        return f"{self.kind_word(event)} {n} năm" if n else self.kind_word(event)

    def day(self, event: Event) -> date | None:
        return event_date(event, self.data)

    def when(self, event: Event) -> FuzzyDate:
        return event_when(event, self.data)

    def focus(self, event: Event) -> FocusWindow | None:
        return _focus_window(event, self.data)

    def window_note(self, event: Event) -> str:
        """For a focus window computed from the event day: "(20 ngày trước và 5 ngày sau sự kiện)"."""
        window = self.focus(event)
        if window is None or window.explicit:
            return ""
        return f"({window.before} ngày trước và {window.after} ngày sau sự kiện)"

    def document_windows(self, event: Event) -> list[tuple[Document, DocumentFocus]]:
        """The focus windows documents set for their own addressees (a bloc's directive: 01/5 - 07/5/2024), next
        to the event's own window; documents by date."""
        docs = sorted(self.data.documents.values(),
                      key=lambda doc: (doc.date if isinstance(doc.date, date) else date.max, doc.id))
        return [(doc, focus) for doc in docs for focus in doc.focus if focus.event.id == event.id]

    def window_orgs(self, doc: Document, focus: DocumentFocus) -> list[str]:
        """Whom a document's window applies to: the units it names, else the plan's addressees, else its
        recipients' units."""
        if focus.orgs:
            return [ref.id for ref in focus.orgs]
        if isinstance(doc, Plan) and doc.addressees:
            return [ref.id for ref in doc.addressees]
        if isinstance(doc, Plan):
            return list(dict.fromkeys(ref.id for r in doc.recipients for ref in r.orgs))
        return []

    def milestones(self, event: Event) -> list[Milestone]:
        return event_milestones(event, self.data)

    def of_ref(self, ref: Ref | None) -> Event | None:
        return self.data.events.get(ref.id) if ref is not None else None

    def of_refs(self, refs: Iterable[Ref]) -> list[Event]:
        """The events named, in date order (unknown ids left out: the checker reports them)."""
        return self.sorted(self.data.events[r.id] for r in refs if r.id in self.data.events)

    # ---- order ----

    def sorted(self, events: Iterable[Event] | None = None) -> list[Event]:
        events = self.data.events.values() if events is None else events
        return sorted(events, key=self._order_key)

    def _order_key(self, event: Event) -> tuple:
        own = self.data.events.get(event.id) is event  # a changed copy (in a test) is keyed afresh
        key = self._order_keys.get(event.id) if own else None
        if key is None:
            key = (self.when(event).sort_key(), self.collation.key(self.title(event)))
            if own:
                self._order_keys[event.id] = key
        return key

    def newest_first(self, events: Iterable[Event] | None = None) -> list[Event]:
        """Newest first, as the events index lists them; events whose time is not on the calendar (unknown, or
        only known as a year) after the dated ones, in date order."""
        ordered = self.sorted(events)
        dated = [e for e in ordered if self.when(e).sort_key()[0] == 0]
        return dated[::-1] + [e for e in ordered if self.when(e).sort_key()[0] != 0]

    def by_year(self) -> list[tuple[int | None, list[Event]]]:
        """Events by year, newest year first and newest first within a year (newest_first); unknown year last."""
        groups: dict[int | None, list[Event]] = defaultdict(list)
        for event in self.data.events.values():
            groups[event.year if isinstance(event.year, int) else None].append(event)
        years = sorted((y for y in groups if y is not None), reverse=True)
        ordered = [(y, self.newest_first(groups[y])) for y in years]
        if None in groups:
            ordered.append((None, self.newest_first(groups[None])))
        return ordered

    def years(self) -> list[int]:
        """Years that have something to draw: events with a year."""
        return sorted({e.year for e in self.data.events.values() if isinstance(e.year, int)})

    # ---- against the build date ----

    def in_focus(self, day: date | None = None) -> list[Event]:
        day = day or self.today
        return self.sorted(e for e in self.data.events.values()
                           if (w := self.focus(e)) is not None and w.contains(day))

    def upcoming(self, day: date | None = None, limit: int = 5) -> list[Event]:
        day = day or self.today
        later = [e for e in self.data.events.values() if (d := self.day(e)) is not None and d > day]
        return self.sorted(later)[:limit]
