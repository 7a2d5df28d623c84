"""What the print side of the site shows: the print pack for chi bộ meetings ("Tài liệu sinh hoạt chi bộ")
of each event, the index of the packs by month, and which pages get a PDF. No MkDocs here; the plugin
(macros/plugin/plugin.py) adds the pages and prints the PDFs.

The pack of an event gathers, on as few pages as it takes: the key dates (the event, its focus window, the
historical milestones), the event's outlines in full, and what cells are asked to do: the tasks for the event
whose lead is a cell-level unit, and the forms of propaganda of the event's plans that mention "chi bộ".

A chi bộ meets every month, so the packs are indexed by month (tai-lieu-chi-bo/): the month the event falls in
(for an event whose day is unknown, the month its focus window starts), counted from the build date: this month
and the next at the top, then the later months that have packs, then the past months year by year, newest first.
Every event brings a pack, so past INDEX_LIMIT packs the index lists the past years as links with their counts, and
each past year (and the packs of unknown time, when there are many) has a page of its own (year_pages).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from macros.core.dates import FuzzyDate
from macros.core.model import Dataset, Event, Organisation, Paragraph, Plan, Task
from macros.core.vietnamese import fold, lower_first
from .paths import PRINT_PACK_SECTION, page_path, page_url, relative_link  # noqa: F401 - page_url: print_pack.page_url

if TYPE_CHECKING:
    from .site import Site

PACK_TITLE = "Tài liệu sinh hoạt chi bộ"
# Units whose tasks reach the chi bộ: district, commune and grassroots level (where cells meet), and groups of the Party,
# state and mass-organisation bodies of the province ("Các sở, ban, ngành, đoàn thể tỉnh": each has its cells).
# Groups of newspapers, of "units concerned" or of organising-committee members are not cells.
CELL_LEVELS = ("huyen", "xa", "co-so")
CELL_GROUP_SECTORS = ("dang", "nha-nuoc", "mat-tran-doan-the")
CELL_WORDS = "chi bo"  # folded: "chi bộ", "Chi bộ", "chi bô"
# Past this many packs (one per event) the index lists the past years as links, each year a page of its own: at
# 5,000 pages the index was 175 KB and grew with every event. The shipped data has 11.
INDEX_LIMIT = 150
# On a split index, the packs of unknown time get a page of their own past this many; fewer stay on the index.
UNDATED_LIMIT = 20
YEAR_FOLDER = f"{PRINT_PACK_SECTION}/theo-nam"  # a folder: an event's id can never clash with a year page
NO_TIME = "chua-ro-thoi-gian"  # the key of the page of the packs whose time is unknown


def pack_path(event_id: str) -> str:
    """The Markdown source path of an event's print pack, relative to docs/."""
    return f"{PRINT_PACK_SECTION}/{event_id}.md"


def index_path() -> str:
    """The Markdown source path of the index of the print packs by month."""
    return f"{PRINT_PACK_SECTION}/index.md"


def year_page_path(key: str) -> str:
    """The Markdown source path of a page of a split index: a past year ("2023") or NO_TIME."""
    return f"{YEAR_FOLDER}/{key}.md"


def pdf_path(page: str) -> str:
    """The PDF beside a generated page: "ke-hoach/171-kh-btgtu.md" -> "ke-hoach/171-kh-btgtu.pdf"."""
    root, _ = posixpath.splitext(page)
    return root + ".pdf"


def pdf_pages(dataset: Dataset) -> list[str]:
    """The pages printed to PDF by a full build: every plan, every outline and every print pack."""
    pages = [page_path("plan", plan_id) for plan_id in sorted(dataset.plans)]
    pages += [page_path("outline", outline_id) for outline_id in sorted(dataset.outlines)]
    pages += [pack_path(event_id) for event_id in sorted(dataset.events)]
    return pages


# ---- the packs by month ----

Month = tuple[int, int | None]  # (year, month); month None: the year is known, not the month


def month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class PackMonth:
    """The packs of one month: its events in date order. `month` None: the events of `year` whose month is
    unknown. `when` says where the month stands from the build date: "this", "next", "later" or "past"."""

    year: int
    month: int | None
    events: tuple[Event, ...]
    when: str

    @property
    def label(self) -> str:
        """ "Tháng 5/2024", "Tháng 01/2024" (as plans write a month); "Năm 2025, chưa rõ tháng"."""
        if self.month is None:
            return f"Năm {self.year}, chưa rõ tháng"
        first = date(self.year, self.month, 1)
        return FuzzyDate("month", first, first, granularity="month").render()


@dataclass(frozen=True)
class PackIndex:
    """The index page's groups: this month and the next (always, even when empty), then the later months with
    packs (a later year's packs of unknown month after its months); the past months by year, newest first; the
    events whose time is unknown."""

    coming: list[PackMonth]
    past: list[tuple[int, list[PackMonth]]]
    undated: list[Event]


@dataclass(frozen=True)
class PackYear:
    """A page of a split index: the packs of one past year by month, as the index lists them, or (key NO_TIME) the
    packs whose time is unknown. `current`: the year of the build date, whose past months only are here."""

    key: str  # "2023" or NO_TIME
    months: list[PackMonth]
    undated: list[Event]
    current: bool = False

    @property
    def unknown_time(self) -> bool:
        """The page of the packs whose time is unknown, not a year's."""
        return self.key == NO_TIME

    @property
    def label(self) -> str:
        """ "Năm 2023", "Năm 2026 (các tháng đã qua)", "Chưa rõ thời gian": the heading the index gives it."""
        if self.unknown_time:
            return "Chưa rõ thời gian"
        return f"Năm {self.key}" + (" (các tháng đã qua)" if self.current else "")

    @property
    def count(self) -> int:
        return sum(len(group.events) for group in self.months) + len(self.undated)


# ---- what cells are asked to do ----

def is_cell_unit(org: Organisation | None) -> bool:
    if org is None:
        return False
    if org.level in CELL_LEVELS:
        return True
    return bool(org.group) and org.level == "tinh" and org.sector in CELL_GROUP_SECTORS


@dataclass(frozen=True)
class CellForm:
    plan: Plan
    paragraph: Paragraph


class PrintPacks:
    """What an event's print pack asks of cells, and the packs by month counted from the build date."""

    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data

    def cell_leads(self, task: Task) -> list[str]:
        """The task's lead units that are cell-level units, in the order the task names them."""
        return [ref.id for ref in task.lead if is_cell_unit(self.data.organisations.get(ref.id))]

    def cell_tasks(self, event: Event) -> list[Task]:
        """Tasks for the event led by a cell-level unit, by deadline then title."""
        return [task for task in self.site.tasks.for_event(event.id) if self.cell_leads(task)]

    def cell_forms(self, event: Event) -> list[CellForm]:
        """The paragraphs of "Hình thức tuyên truyền" of the event's plans that mention chi bộ."""
        return [CellForm(plan, para) for plan in self.site.plans.for_event(event.id) for para in plan.forms
                if CELL_WORDS in fold(para.text)]

    def has_cell_work(self, event: Event) -> bool:
        return bool(self.cell_tasks(event) or self.cell_forms(event))

    # ---- by month ----

    def month_of(self, event: Event) -> Month | None:
        """The month the event's pack is filed under: the month of the event day; for an event whose day is
        unknown, the month its focus window starts; else its year alone; None when even the year is unknown."""
        day = self.site.events.day(event)
        if day is None:
            window = self.site.events.focus(event)
            day = window.first_day if window is not None else None
        if day is not None:
            return day.year, day.month
        return (event.year, None) if isinstance(event.year, int) else None

    def month_text(self, event: Event) -> str:
        """The month of the event's pack in a sentence: "tháng 5/2024", "năm 2025"; "" when the time is unknown."""
        key = self.month_of(event)
        if key is None:
            return ""
        return f"năm {key[0]}" if key[1] is None else lower_first(PackMonth(*key, (), "").label)

    @cached_property
    def _by_month(self) -> dict[Month | None, list[Event]]:
        groups: dict[Month | None, list[Event]] = {}
        for event in self.site.events.sorted():
            groups.setdefault(self.month_of(event), []).append(event)
        return groups

    def month(self, year: int, month: int | None, when: str = "") -> PackMonth:
        return PackMonth(year, month, tuple(self._by_month.get((year, month), ())), when)

    def index(self, day: date | None = None) -> PackIndex:
        """The packs by month, counted from `day` (the build date)."""
        day = day or self.site.today
        this = (day.year, day.month)
        following = month_after(*this)

        def order(key: Month) -> tuple[int, int]:
            return key[0], 13 if key[1] is None else key[1]  # a year's unknown month after its months

        dated = [key for key in self._by_month if key is not None and key not in (this, following)]
        later = sorted((key for key in dated if order(key) > order(this)), key=order)
        # Newest first, a past year's unknown month at the end of that year; this year's is among the coming months.
        earlier = sorted((key for key in dated if order(key) < order(this)),
                         key=lambda key: (-key[0], key[1] is None, -(key[1] or 0)))
        coming = [self.month(*this, "this"), self.month(*following, "next")]
        coming += [self.month(*key, "later") for key in later]
        past: list[tuple[int, list[PackMonth]]] = []
        for key in earlier:
            if not past or past[-1][0] != key[0]:
                past.append((key[0], []))
            past[-1][1].append(self.month(*key, "past"))
        return PackIndex(coming, past, list(self._by_month.get(None, ())))

    # ---- a split index (more than INDEX_LIMIT packs) ----

    def index_split(self) -> bool:
        return len(self.data.events) > INDEX_LIMIT

    def years(self, day: date | None = None) -> list[PackYear]:
        """The past years of the index (newest first), each with its months, as the pages of a split index list
        them; then the packs of unknown time when they have a page of their own."""
        day = day or self.site.today
        found = self.index(day)
        years = [PackYear(str(year), groups, [], year == day.year) for year, groups in found.past]
        if len(found.undated) > UNDATED_LIMIT:
            years.append(PackYear(NO_TIME, [], found.undated))
        return years

    @cached_property
    def _years_now(self) -> list[PackYear]:
        """years() at the build date, grouped once per build for the index, the year pages and the breadcrumbs."""
        return self.years()

    @cached_property
    def _year_by_event(self) -> dict[str, PackYear]:
        return {event.id: year for year in self._years_now
                for event in [*year.undated, *(e for group in year.months for e in group.events)]}

    def year_pages(self) -> list[str]:
        """The key of every page of a split index, at the build date."""
        return [year.key for year in self._years_now] if self.index_split() else []

    def year_page(self, key: str) -> PackYear:
        return next((year for year in self._years_now if year.key == key), PackYear(key, [], []))

    def year_of(self, event_id: str) -> PackYear | None:
        """The page of a split index that lists the event's pack; None when the index itself lists it."""
        return self._year_by_event.get(event_id) if self.index_split() else None

    @staticmethod
    def year_page_path(key: str) -> str:
        return year_page_path(key)

    def for_home(self, day: date | None = None) -> list[Event]:
        """The packs a chi bộ needs now: the events of this month and the next, and those of earlier months whose
        focus window still runs; in date order."""
        day = day or self.site.today
        this = (day.year, day.month)
        months = (this, month_after(*this))
        return [event for event in self.site.events.sorted()
                if self.month_of(event) in months
                or ((window := self.site.events.focus(event)) is not None and window.contains(day))]

    def nearest(self, day: date | None = None) -> PackMonth | None:
        """When this month and the next have no pack: the nearest later month that has packs, else the latest
        past month (a month, not a year whose month is unknown); None when there is neither."""
        found = self.index(day)
        later = [group for group in found.coming[2:] if group.events]
        past = [group for _, groups in found.past for group in groups if group.month is not None]
        return later[0] if later else (past[0] if past else None)


# ---- links the page templates ask for ----

class PrintLinks:
    """Given to the page templates (Jinja global `sotay_print`): the "Tải PDF" link of a page, when the build
    makes PDFs, the links to an event's print pack and its PDF, and to the index of the packs. Links are relative
    to the page's Markdown source, so MkDocs checks and rewrites them like any other Markdown link."""

    def __init__(self, pdf_pages: frozenset[str] | set[str] = frozenset()) -> None:
        self._pdf_pages = frozenset(pdf_pages)

    @property
    def makes_pdfs(self) -> bool:
        return bool(self._pdf_pages)

    def pdf(self, here: str) -> str | None:
        """ "171-kh-btgtu.pdf" on ke-hoach/171-kh-btgtu.md when its PDF is built, else None."""
        target = self.pdf_file(here)
        return relative_link(here, target) if target else None

    def pdf_file(self, page: str) -> str | None:
        """The site path of `page`'s PDF ("ke-hoach/171-kh-btgtu.pdf") when the build makes it, else None: for a
        link in raw HTML (html_file_link)."""
        return pdf_path(page) if page in self._pdf_pages else None

    def pack(self, here: str, event_id: str) -> str:
        """The link from `here` to the event's print pack."""
        return relative_link(here, pack_path(event_id))

    def pack_page(self, event_id: str) -> str:
        """The Markdown source path of the event's print pack: for a link in raw HTML (html_path_link)."""
        return pack_path(event_id)

    def pack_pdf(self, here: str, event_id: str) -> str | None:
        """The link from `here` to the PDF of the event's print pack, when the build makes it; else None."""
        if pack_path(event_id) not in self._pdf_pages:
            return None
        return relative_link(here, pdf_path(pack_path(event_id)))

    def index(self, here: str) -> str:
        """The link from `here` to the index of the print packs by month."""
        return relative_link(here, index_path())

    def index_page(self) -> str:
        """The Markdown source path of the index of the print packs: for a link in raw HTML (html_path_link)."""
        return index_path()
