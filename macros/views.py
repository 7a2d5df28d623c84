"""What the site shows, computed from the data set: where each entity's page lives, the relations read
both ways (who implements a document, which tasks a unit leads), Vietnamese ordering, and the state of
each task against the build date. No MkDocs here: templates receive these views.
"""

from __future__ import annotations

import os
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Iterable, TypeVar

from . import dates
from .anniversaries import (anniversary_class, event_date, event_milestones, event_number, event_title, event_when,
                            focus_window)
from .dates import FuzzyDate
from .docnumber import DocNumberError, parse_number
from .fields import UNKNOWN
from .model import Dataset, Document, Event, Organisation, Outline, Plan, Task
from .vietnamese import sort_key

T = TypeVar("T")

SECTIONS = {
    "event": "su-kien",
    "plan": "ke-hoach",
    "document": "van-ban",
    "organisation": "don-vi",
    "outline": "de-cuong",
    "timeline": "dong-thoi-gian",
}
DUE_SOON_DAYS = 30
BUILD_DATE_ENV = "SOTAY_BUILD_DATE"


def build_date(configured: object = None) -> date:
    """The date tasks are judged against: SOTAY_BUILD_DATE, else the configured value, else today.

    A fixed date makes builds reproducible (tests and archived copies).
    """
    value = os.environ.get(BUILD_DATE_ENV) or configured
    if isinstance(value, date):
        return value
    if value:
        return dates.parse_date(str(value))
    return date.today()


def page_path(kind: str, entity_id: str) -> str:
    """The Markdown source path of an entity's generated page, relative to docs/."""
    return f"{SECTIONS[kind]}/{entity_id}.md"


def index_path(kind: str) -> str:
    return f"{SECTIONS[kind]}/index.md"


def relative_link(here: str, target: str) -> str:
    """A link from one Markdown source to another, as MkDocs resolves and checks them."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


@dataclass(frozen=True)
class TaskState:
    code: str  # "done", "overdue", "due-soon", "upcoming", "unknown"
    label: str


STATE_ORDER = ("overdue", "due-soon", "upcoming", "unknown", "done")  # most urgent first
STATE_LABELS = {
    "done": "Đã thực hiện",
    "overdue": "Quá hạn",
    "due-soon": "Sắp đến hạn",
    "upcoming": "Sắp tới",
    "unknown": "Chưa rõ thời hạn",
}


class Views:
    """Read-only lookups over one checked data set, for one build date."""

    def __init__(self, dataset: Dataset, today: date) -> None:
        self.data = dataset
        self.today = today

    # ---- ordering ----

    @staticmethod
    def by_name(items: Iterable[T], name=lambda item: item.name) -> list[T]:
        return sorted(items, key=lambda item: sort_key(name(item)))

    def org_name(self, org_id: str) -> str:
        org = self.data.organisations.get(org_id)
        return org.display_name if org else org_id

    # ---- events ----

    def title(self, event: Event) -> str:
        return event_title(event, self.data)

    def number(self, event: Event) -> int | None:
        return event_number(event, self.data)

    def anniversary_class(self, event: Event) -> str | None:
        n = self.number(event)
        return anniversary_class(n) if n else None

    def event_day(self, event: Event) -> date | None:
        return event_date(event, self.data)

    def event_when(self, event: Event) -> FuzzyDate:
        return event_when(event, self.data)

    def focus(self, event: Event):
        return focus_window(event, self.data)

    def milestones(self, event: Event):
        return event_milestones(event, self.data)

    def events_sorted(self, events: Iterable[Event] | None = None) -> list[Event]:
        events = self.data.events.values() if events is None else events
        return sorted(events, key=lambda e: (self.event_when(e).sort_key(), sort_key(self.title(e))))

    def events_by_year(self) -> list[tuple[int | None, list[Event]]]:
        groups: dict[int | None, list[Event]] = defaultdict(list)
        for event in self.data.events.values():
            groups[event.year if isinstance(event.year, int) else None].append(event)
        years = sorted((y for y in groups if y is not None), reverse=True)
        ordered = [(y, self.events_sorted(groups[y])) for y in years]
        if None in groups:
            ordered.append((None, self.events_sorted(groups[None])))
        return ordered

    def years(self) -> list[int]:
        """Years that have something to draw: events with a year, or tasks with a date."""
        found = {e.year for e in self.data.events.values() if isinstance(e.year, int)}
        return sorted(found)

    def in_focus(self, day: date | None = None) -> list[Event]:
        day = day or self.today
        return self.events_sorted(e for e in self.data.events.values()
                                  if (w := self.focus(e)) is not None and w.contains(day))

    def upcoming_events(self, day: date | None = None, limit: int = 5) -> list[Event]:
        day = day or self.today
        later = [e for e in self.data.events.values() if (d := self.event_day(e)) is not None and d > day]
        return self.events_sorted(later)[:limit]

    # ---- relations read both ways ----

    @cached_property
    def _tasks_by_event(self) -> dict[str, list[Task]]:
        table: dict[str, list[Task]] = defaultdict(list)
        for task in self.data.tasks:
            for ref in task.events:
                table[ref.id].append(task)
        return table

    def tasks_for_event(self, event_id: str) -> list[Task]:
        return self.tasks_sorted(self._tasks_by_event.get(event_id, []))

    def tasks_for_event_by_lead(self, event_id: str) -> list[tuple[Organisation | None, str, list[Task]]]:
        groups: dict[str, list[Task]] = defaultdict(list)
        for task in self.tasks_for_event(event_id):
            for ref in task.lead:
                groups[ref.id].append(task)
        return [(self.data.organisations.get(org_id), org_id, tasks)
                for org_id, tasks in sorted(groups.items(), key=lambda kv: sort_key(self.org_name(kv[0])))]

    def plans_for_event(self, event_id: str) -> list[Plan]:
        found = []
        for plan in self.data.plans.values():
            refs = [r for item in plan.content for r in item.events]
            refs += [r for task in plan.tasks for r in task.events]
            refs += [r for phase in plan.phases for r in (phase.after_event, phase.until_event) if r is not None]
            if any(r.id == event_id for r in refs):
                found.append(plan)
        return self.documents_sorted(found)

    def content_for_event(self, event_id: str) -> list[tuple[Plan, object]]:
        return [(plan, item) for plan in self.plans_for_event(event_id) for item in plan.content
                if any(r.id == event_id for r in item.events)]

    def outlines_for_event(self, event_id: str) -> list[Outline]:
        return self.by_name((o for o in self.data.outlines.values() if any(r.id == event_id for r in o.events)),
                            name=lambda o: o.title)

    @cached_property
    def _implementers(self) -> dict[str, list[Document]]:
        table: dict[str, list[Document]] = defaultdict(list)
        for doc in self.data.documents.values():
            for ref in doc.cited:
                table[ref.id].append(doc)
        return table

    def implementers_of(self, doc_id: str) -> list[Document]:
        return self.documents_sorted(self._implementers.get(doc_id, []))

    def documents_issued_by(self, org_id: str) -> list[Document]:
        return self.documents_sorted(d for d in self.data.documents.values() if any(r.id == org_id for r in d.issuer))

    def predecessors(self, org_id: str) -> list[Organisation]:
        return self.by_name((o for o in self.data.organisations.values() if any(r.id == org_id for r in o.successor)))

    def children(self, org_id: str) -> list[Organisation]:
        return self.by_name(o for o in self.data.organisations.values() if o.parent and o.parent.id == org_id)

    def tasks_led_by(self, org_id: str) -> list[Task]:
        return self.tasks_sorted(t for t in self.data.tasks if any(r.id == org_id for r in t.lead))

    def tasks_supported_by(self, org_id: str) -> list[Task]:
        return self.tasks_sorted(t for t in self.data.tasks if any(r.id == org_id for r in t.support))

    def organisations_by_level(self) -> list[tuple[str, list[Organisation]]]:
        from .model import LEVELS
        return [(label, self.by_name((o for o in self.data.organisations.values() if o.level == level),
                                     name=lambda o: o.name))
                for level, label in LEVELS.items()]

    # ---- documents ----

    def is_plan(self, doc: Document) -> bool:
        return isinstance(doc, Plan)

    def system(self, doc: Document) -> str:
        """"party" or "state": from the number's grammar, else from the issuer's sector."""
        if doc.number is not UNKNOWN:
            try:
                return parse_number(doc.number).system
            except DocNumberError:
                pass
        issuers = [self.data.organisations[r.id] for r in doc.issuer if r.id in self.data.organisations]
        return "party" if issuers and issuers[0].sector == "dang" else "state"

    def document_label(self, doc: Document) -> str:
        """How documents cite each other: the number, or the kind and issuer when the number is unknown."""
        if doc.number is not UNKNOWN:
            return str(doc.number)
        from .docnumber import kind_name
        kind = kind_name(doc.kind, self.system(doc)) if doc.kind else "văn bản"
        return f"{kind.capitalize()} của {self.org_name(doc.issuer[0].id)} (chưa rõ số)"

    def documents_sorted(self, docs: Iterable[Document]) -> list[Document]:
        def key(doc: Document):
            day = doc.date if isinstance(doc.date, date) else date.max
            return (day, sort_key(self.document_label(doc)))
        return sorted(docs, key=key)

    def documents_by_issuer(self) -> list[tuple[Organisation | None, list[Document]]]:
        groups: dict[str, list[Document]] = defaultdict(list)
        for doc in self.data.documents.values():
            groups[doc.issuer[0].id if doc.issuer else ""].append(doc)
        return [(self.data.organisations.get(org_id), self.documents_sorted(docs))
                for org_id, docs in sorted(groups.items(), key=lambda kv: sort_key(self.org_name(kv[0])))]

    def page_kind(self, doc: Document) -> str:
        return "plan" if isinstance(doc, Plan) else "document"

    # ---- tasks ----

    def deadline(self, task: Task) -> FuzzyDate | None:
        """The task's time with relative dates resolved against the event it is tied to."""
        when = task.when
        if when is None:
            return None
        if when.kind == "relative":
            for ref in task.events:
                event = self.data.events.get(ref.id)
                day = self.event_day(event) if event else None
                if day is not None:
                    return when.resolve(day)
            return when
        return when

    def state(self, task: Task) -> TaskState:
        if task.status == "da-thuc-hien":
            return TaskState("done", STATE_LABELS["done"])
        when = self.deadline(task)
        last = (when.finish_by or when.end) if when is not None else None
        if when is None or last is None:
            return TaskState("unknown", STATE_LABELS["unknown"])
        if last < self.today:
            return TaskState("overdue", STATE_LABELS["overdue"])
        if last <= dates.shift(self.today, DUE_SOON_DAYS) or (when.start and when.start <= self.today):
            return TaskState("due-soon", STATE_LABELS["due-soon"])
        return TaskState("upcoming", STATE_LABELS["upcoming"])

    def state_counts(self, tasks: Iterable[Task]) -> list[tuple[str, str, int]]:
        """(state code, lower-case label, count) for the states that occur, most urgent first."""
        counts = Counter(self.state(task).code for task in tasks)
        return [(code, STATE_LABELS[code][:1].lower() + STATE_LABELS[code][1:], counts[code])
                for code in STATE_ORDER if counts[code]]

    def tasks_sorted(self, tasks: Iterable[Task]) -> list[Task]:
        def key(task: Task):
            when = self.deadline(task)
            return (when.sort_key() if when is not None else dates.parse_fuzzy("chưa rõ").sort_key(),
                    sort_key(task.title))
        return sorted(tasks, key=key)

    def task_plan(self, task: Task) -> Plan | None:
        return self.data.plans.get(task.plan_id)

    def when_text(self, task: Task) -> str:
        if task.when is None:
            return "Chưa rõ"
        text = task.when.render()
        resolved = self.deadline(task)
        if task.when.kind == "relative" and resolved is not None and resolved.kind == "day":
            text += f" (khoảng {dates.format_date(resolved.start)})"
        return text

    # ---- outlines ----

    def outlines_sorted(self) -> list[Outline]:
        def key(outline: Outline):
            events = [self.data.events[r.id] for r in outline.events if r.id in self.data.events]
            first = min((self.event_when(e).sort_key() for e in events), default=None)
            return (first is None, first or (), sort_key(outline.title))
        return sorted(self.data.outlines.values(), key=key)
