"""What the print side of the site shows: the print pack for chi bộ meetings ("Tài liệu sinh hoạt chi bộ")
of each event, and which pages get a PDF. No MkDocs here; the plugin (macros/plugin/plugin.py) adds the pages
and prints the PDFs.

The pack of an event gathers, on as few pages as it takes: the key dates (the event, its focus window, the
historical milestones), the event's outlines in full, and what cells are asked to do: the tasks for the event
whose lead is a cell-level unit, and the forms of propaganda of the event's plans that mention "chi bộ".
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.core.model import Dataset, Event, Organisation, Paragraph, Plan, Task
from macros.core.vietnamese import fold
from .paths import PRINT_PACK_SECTION, page_path

if TYPE_CHECKING:
    from .site import Site

PACK_TITLE = "Tài liệu sinh hoạt chi bộ"
# Units whose tasks reach the chi bộ: district, commune and grassroots level (where cells meet), and groups of the Party,
# state and mass-organisation bodies of the province ("Các sở, ban, ngành, đoàn thể tỉnh": each has its cells).
# Groups of newspapers, of "units concerned" or of organising-committee members are not cells.
CELL_LEVELS = ("huyen", "xa", "co-so")
CELL_GROUP_SECTORS = ("dang", "nha-nuoc", "mat-tran-doan-the")
CELL_WORDS = "chi bo"  # folded: "chi bộ", "Chi bộ", "chi bô"


def pack_path(event_id: str) -> str:
    """The Markdown source path of an event's print pack, relative to docs/."""
    return f"{PRINT_PACK_SECTION}/{event_id}.md"


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


def page_url(page: str, use_directory_urls: bool = True) -> str:
    """The URL path of a page inside the built site: "ke-hoach/171-kh-btgtu/" (or ".html")."""
    root, _ = posixpath.splitext(page)
    if posixpath.basename(root) == "index":
        return posixpath.dirname(root) + "/" if posixpath.dirname(root) else ""
    return root + "/" if use_directory_urls else root + ".html"


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
    """What an event's print pack asks of cells."""

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


# ---- links the page templates ask for ----

class PrintLinks:
    """Given to the page templates (Jinja global `sotay_print`): the "Tải PDF" link of a page, when the build
    makes PDFs, and the link to an event's print pack. Links are relative to the page's Markdown source, so
    MkDocs checks and rewrites them like any other Markdown link."""

    def __init__(self, pdf_pages: frozenset[str] | set[str] = frozenset()) -> None:
        self._pdf_pages = frozenset(pdf_pages)

    @property
    def makes_pdfs(self) -> bool:
        return bool(self._pdf_pages)

    def pdf(self, here: str) -> str | None:
        """ "171-kh-btgtu.pdf" on ke-hoach/171-kh-btgtu.md when its PDF is built, else None."""
        if here not in self._pdf_pages:
            return None
        return posixpath.relpath(pdf_path(here), posixpath.dirname(here) or ".")

    def pack(self, here: str, event_id: str) -> str:
        """The link from `here` to the event's print pack."""
        return posixpath.relpath(pack_path(event_id), posixpath.dirname(here) or ".")
