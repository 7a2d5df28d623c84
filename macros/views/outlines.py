"""What the site shows about outlines: their sections numbered from depth (I., 1., a), -), never typed, the
events they serve, and the order they are listed in. No MkDocs here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Sequence

from macros.core.model import Document, Event, Outline, OutlineSection, Source
from macros.core.numbering import Numbered, number_tree
from .years import NO_YEAR, newest_first, year_label as _year_label

if TYPE_CHECKING:
    from .site import Site

# A run-in label ends with a full stop unless the title already ends with punctuation.
_CLOSING_PUNCTUATION = ".:;?!…"
# Past this many outlines the index lists only the years of their events, and each year has a page of its own
# (year_pages): every event brings one or two outlines, so one page would grow without end. The shipped data has 6.
INDEX_LIMIT = 200
YEAR_FOLDER = "de-cuong/theo-nam"
NO_EVENT = "chua-gan-su-kien"  # outlines whose events are all missing


def year_page_path(year: str) -> str:
    return f"{YEAR_FOLDER}/{year}.md"


def year_label(key: str) -> str:
    """The heading of a year on the index (and its page's title): breadcrumbs.py names the same heading."""
    return "Chưa gắn với sự kiện" if key == NO_EVENT else _year_label(key)


@dataclass(frozen=True)
class OutlineYear:
    """The outlines of the events of one year, as a page of a split index lists them."""

    key: str  # "2024", NO_YEAR or NO_EVENT
    groups: list  # [(event or None, outlines)] in the index's order

    @property
    def label(self) -> str:
        return year_label(self.key)

    @property
    def outline_count(self) -> int:
        return len({o.id for _, outlines in self.groups for o in outlines})

    @property
    def event_count(self) -> int:
        return sum(1 for event, _ in self.groups if event is not None)


class Outlines:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data

    # ---- sections ----

    def numbered_sections(self, sections: Sequence[OutlineSection]) -> list[Numbered[OutlineSection]]:
        """All sections in reading order, each with its computed label (I., 1., a), -) and depth."""
        flat: list[Numbered[OutlineSection]] = []

        def walk(nodes: Iterable[Numbered[OutlineSection]]) -> None:
            for node in nodes:
                flat.append(node)
                walk(node.children)

        walk(number_tree(sections, lambda section: section.sections))
        return flat

    def run_in_title(self, title: str) -> str:
        """A section title as a run-in label prints it: one line, ending with a full stop."""
        title = " ".join(str(title).split())
        if title and title[-1] not in _CLOSING_PUNCTUATION:
            title += "."
        return title

    def sources_by_document(self, sources: Iterable[Source]) -> list[tuple[Document, list[tuple[str, str | None]]]]:
        """Sources grouped by document in the order first cited: [(doc, [(section, note), …]), …]."""
        groups: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for source in sources:
            parts = groups[source.document.id]
            if (source.section, source.note) not in parts:
                parts.append((source.section, source.note))
        return [(self.data.documents[doc_id], parts) for doc_id, parts in groups.items()
                if doc_id in self.data.documents]

    # ---- outlines and events ----

    def events(self, outline: Outline) -> list[Event]:
        return self.site.events.of_refs(outline.events)

    def for_event(self, event_id: str) -> list[Outline]:
        return list(self._for_events.get(event_id, ()))

    @cached_property
    def _for_events(self) -> dict[str, list[Outline]]:
        """Event id -> the outlines serving it, by title: every event page and print pack reads it, so it is made
        in one pass per build."""
        table: dict[str, list[Outline]] = {}
        for outline in self.data.outlines.values():
            for event_id in dict.fromkeys(r.id for r in outline.events):
                table.setdefault(event_id, []).append(outline)
        return {event_id: self.site.collation.sort_by(outlines, lambda outline: outline.title)
                for event_id, outlines in table.items()}

    def sorted(self) -> list[Outline]:
        """By the first of their events, then by title; outlines with no known event last."""
        def key(outline: Outline):
            events = [self.data.events[r.id] for r in outline.events if r.id in self.data.events]
            first = min((self.site.events.when(e).sort_key() for e in events), default=None)
            return (first is None, first or (), self.site.collation.key(outline.title))
        return sorted(self.data.outlines.values(), key=key)

    def by_event(self) -> list[tuple[Event | None, list[Outline]]]:
        return self._by_event

    @cached_property
    def _by_event(self) -> list[tuple[Event | None, list[Outline]]]:
        """Outlines grouped by the events they serve, newest event first (as the events index lists them); an
        outline serving two events is listed under both. Outlines whose events are all missing come last under
        None."""
        ordered = self.sorted()
        events = self.site.events.newest_first({r.id: self.data.events[r.id] for o in ordered for r in o.events
                                                if r.id in self.data.events}.values())
        groups: list[tuple[Event | None, list[Outline]]] = [
            (event, [o for o in ordered if any(r.id == event.id for r in o.events)]) for event in events]
        orphans = [o for o in ordered if not any(r.id in self.data.events for r in o.events)]
        if orphans:
            groups.append((None, orphans))
        return groups

    # ---- a split index (more than INDEX_LIMIT outlines) ----

    def index_split(self) -> bool:
        return len(self.data.outlines) > INDEX_LIMIT

    @staticmethod
    def year_key(event: Event | None) -> str:
        """The year an event's outlines are filed under on a split index."""
        if event is None:
            return NO_EVENT
        return str(event.year) if isinstance(event.year, int) else NO_YEAR

    def by_year(self) -> list[OutlineYear]:
        """by_event cut into the years of the events, in its order (newest first, unknown year and outlines of
        no event last)."""
        return list(self._years.values())

    @cached_property
    def _years(self) -> dict[str, OutlineYear]:
        years: dict[str, list] = {}
        for event, outlines in self.by_event():
            years.setdefault(self.year_key(event), []).append((event, outlines))
        keys = sorted(years, key=lambda k: (k == NO_EVENT, *newest_first(k)))
        return {key: OutlineYear(key, years[key]) for key in keys}

    def year_pages(self) -> list[str]:
        """The year key of every page of a split index."""
        return list(self._years) if self.index_split() else []

    def year_page(self, key: str) -> OutlineYear:
        return self._years.get(key, OutlineYear(key, []))

    @staticmethod
    def year_page_path(key: str) -> str:
        return year_page_path(key)
