"""What a plan page shows of the plan's body, and which plans concern an event. An issued plan (one with `printed`)
is shown in its own sections, numbers and order (macros/core/printed.py); a plan written in the handbook itself
gets the standard parts with numbers computed from depth (macros/core/numbering.py). No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Sequence

from macros.core.unknown import UNKNOWN
from macros.core.model import ContentItem, Event, Paragraph, Plan, Task
from macros.core.numbering import number_label
from macros.core.printed import Placed, place
from .paths import SECTIONS
from .safe_markdown import md_escape

if TYPE_CHECKING:
    from .site import Site


def progress_page_path(plan_id: str) -> str:
    """The page of a plan's progress and its tasks by lead unit (ke-hoach/<id>/tien-do/): views the handbook makes
    of the plan, kept off the plan's page, which shows the document as issued."""
    return f"{SECTIONS['plan']}/{plan_id}/tien-do.md"


@dataclass(frozen=True)
class Section:
    key: str  # "aims", "content", "phases", "forms", "timing", "tasks", "budget"
    label: str  # computed: "I.", "II.", …
    title: str


@dataclass(frozen=True)
class ContentGroup:
    label: str | None  # "1." when the items are grouped by year, else None
    title: str | None  # "Năm 2023"
    depth: int  # depth of the items: 2 without year groups, 3 with them
    items: list[tuple[str, ContentItem]]  # (computed label, item)


_SECTION_TITLES = (
    ("aims", "Mục đích, yêu cầu"),
    ("content", "Nội dung tuyên truyền"),
    ("phases", "Các đợt tuyên truyền"),
    ("forms", "Hình thức tuyên truyền"),
    ("timing", "Thời gian tuyên truyền"),
    ("tasks", "Tổ chức thực hiện"),
    ("budget", "Kinh phí"),
)


class Plans:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data

    # ---- plans and events ----

    @cached_property
    def _event_ids(self) -> dict[str, set[str]]:
        """Plan id → the ids of the events its content, phases and tasks name."""
        table: dict[str, set[str]] = {}
        for plan in self.data.plans.values():
            ids = {r.id for item in plan.content for r in item.events}
            ids |= {r.id for phase in plan.phases for r in (phase.after_event, phase.until_event) if r is not None}
            ids |= {r.id for task in plan.tasks for r in task.events}
            table[plan.id] = ids
        return table

    def events(self, plan: Plan) -> list[Event]:
        """Every event the plan's content, phases and tasks name, in date order."""
        return self.site.events.sorted(self.data.events[i] for i in self._event_ids[plan.id] if i in self.data.events)

    def for_event(self, event_id: str) -> list[Plan]:
        return self.site.documents.sorted(p for p in self.data.plans.values() if event_id in self._event_ids[p.id])

    def content_for_event(self, event_id: str) -> list[tuple[Plan, ContentItem]]:
        return [(plan, item) for plan in self.for_event(event_id) for item in plan.content
                if any(r.id == event_id for r in item.events)]

    # ---- the body of a plan ----

    def sections(self, plan: Plan) -> list[Section]:
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

    def aims_parts(self, plan: Plan) -> list[tuple[str, str, list[Paragraph]]]:
        """ "1. Mục đích", "2. Yêu cầu" (only the ones with paragraphs), numbered at depth 2."""
        parts = [(title, paras) for title, paras in (("Mục đích", plan.purposes), ("Yêu cầu", plan.requirements))
                 if paras]
        return [(number_label(2, i), title, paras) for i, (title, paras) in enumerate(parts, start=1)]

    def shared_section(self, items: Sequence[object]) -> str | None:
        """The section all items share, so it is shown once under the heading; None if they differ."""
        found = {getattr(item, "section", None) for item in items}
        return next(iter(found)) if len(found) == 1 else None

    def content_groups(self, plan: Plan) -> list[ContentGroup]:
        """Content items, grouped under "1. Năm 2023", "2. Năm 2024" when every item has a year and the years
        differ (as plans spanning two years write them), else one run numbered 1., 2., …"""
        items = list(plan.content)
        years = [item.year for item in items]
        if items and all(isinstance(y, int) for y in years) and len(set(years)) > 1:
            groups = []
            for i, year in enumerate(sorted(set(years)), start=1):
                members = [item for item in items if item.year == year]
                groups.append(ContentGroup(number_label(2, i), f"Năm {year}", 3, self.numbered(members, 3)))
            return groups
        return [ContentGroup(None, None, 2, self.numbered(items, 2))]

    def numbered(self, items: Sequence[object], depth: int = 2) -> list[tuple[str, object]]:
        return [(number_label(depth, i), item) for i, item in enumerate(items, start=1)]

    def bullets(self, items: Sequence[str]) -> str:
        """Markdown items (each may hold several lines or a nested list) as one Markdown list, to be rendered
        with the `markdown` filter in one piece."""
        lines: list[str] = []
        for item in items:
            first, *rest = str(item).strip("\n").split("\n")
            lines.append(f"- {first}")
            lines += [f"    {line}" if line.strip() else "" for line in rest]
        return "\n".join(lines) + "\n"

    def focus_days(self, plan: Plan) -> str | None:
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

    # ---- the document as printed ----

    def printed(self, plan: Plan) -> list[Placed]:
        """The plan's printed sections with every typed part placed in its own (empty for a plan written in the
        handbook itself)."""
        return place(plan)[0] if plan.printed else []

    def heading(self, depth: int) -> str:
        """The Markdown heading of a printed section: "##" for the top level, at most "#####"."""
        return "#" * min(depth + 1, 5)

    # ---- tasks and signer ----

    def task_anchor(self, task: Task) -> str:
        """The id of a task's place on its plan page, for links from the per-unit view and between places."""
        return f"nv-{task.id}" if task.id else task.key.rsplit("/", 1)[-1]  # keys of unnamed tasks are "nv-3"

    def labelled_markdown(self, label: str | None, text: str) -> str:
        """Markdown of a paragraph with its printed label ("a)", "-", "1.2.") in front, escaped so that Markdown
        keeps it as written instead of making it a list item."""
        if not label:
            return text
        return f"{md_escape(label.strip())} {text.lstrip()}"

    @staticmethod
    def progress_page_path(plan_id: str) -> str:
        return progress_page_path(plan_id)

    def lead_count(self, plan: Plan) -> int:
        return len({ref.id for task in plan.tasks for ref in task.lead})

    def signer_name(self, plan: Plan) -> str:
        signer = plan.signer
        if signer is None or signer.name is UNKNOWN:
            return "Chưa rõ họ tên người ký"
        return str(signer.name)
