"""What the site shows about tasks: their deadline with relative times resolved against the event, their state
against the build date, the order they are listed in, and who leads or supports what. No MkDocs here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

from macros.core import dates
from macros.core.dates import FuzzyDate
from macros.core.unknown import UNKNOWN_TEXT
from macros.core.model import Event, Organisation, Plan, Task
from macros.core.vietnamese import capitalise, lower_first, sort_key

if TYPE_CHECKING:
    from .site import Site

DUE_SOON_DAYS = 30
STATE_ORDER = ("overdue", "due-soon", "upcoming", "unknown", "done")  # most urgent first
STATE_LABELS = {
    "done": "Đã thực hiện",
    "overdue": "Quá hạn",
    "due-soon": "Sắp đến hạn",
    "upcoming": "Sắp tới",
    "unknown": "Chưa rõ thời hạn",
}
_UNKNOWN_TIME = dates.parse_fuzzy(UNKNOWN_TEXT)


@dataclass(frozen=True)
class TaskState:
    code: str  # "done", "overdue", "due-soon", "upcoming", "unknown"
    label: str


class Tasks:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data
        self.today = site.today

    # ---- time and state ----

    def deadline(self, task: Task) -> FuzzyDate | None:
        """The task's time with relative dates resolved against the event it is tied to."""
        when = task.when
        if when is None or when.kind != "relative":
            return when
        for ref in task.events:
            event = self.data.events.get(ref.id)
            day = self.site.events.day(event) if event else None
            if day is not None:
                return when.resolve(day)
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
        return [(code, lower_first(STATE_LABELS[code]), counts[code]) for code in STATE_ORDER if counts[code]]

    def when_text(self, task: Task) -> str:
        if task.when is None:
            return capitalise(UNKNOWN_TEXT)
        text = task.when.render()
        resolved = self.deadline(task)
        if task.when.kind == "relative" and resolved is not None and resolved.kind == "day":
            text += f" (khoảng {dates.format_date(resolved.start)})"
        return text

    # ---- order and grouping ----

    def sorted(self, tasks: Iterable[Task]) -> list[Task]:
        """By deadline (unknown last), then by title."""
        def key(task: Task):
            when = self.deadline(task)
            return ((when or _UNKNOWN_TIME).sort_key(), sort_key(task.title))
        return sorted(tasks, key=key)

    def by_lead(self, tasks: Iterable[Task]) -> list[tuple[str, list[Task]]]:
        """Tasks under each lead unit's id (a task led jointly under each of its leads), units in Vietnamese order
        of their names, tasks sorted."""
        groups: dict[str, list[Task]] = defaultdict(list)
        for task in tasks:
            for ref in task.lead:
                groups[ref.id].append(task)
        names = self.site.organisations.name
        return [(org_id, self.sorted(groups[org_id])) for org_id in sorted(groups, key=lambda i: sort_key(names(i)))]

    # ---- relations ----

    def plan_of(self, task: Task) -> Plan | None:
        return self.data.plans.get(task.plan_id)

    def events(self, task: Task) -> list[Event]:
        return self.site.events.of_refs(task.events)

    @cached_property
    def _by_event(self) -> dict[str, list[Task]]:
        table: dict[str, list[Task]] = defaultdict(list)
        for task in self.data.tasks:
            for ref in task.events:
                table[ref.id].append(task)
        return table

    def for_event(self, event_id: str) -> list[Task]:
        return self.sorted(self._by_event.get(event_id, []))

    def for_event_by_lead(self, event_id: str) -> list[tuple[Organisation | None, str, list[Task]]]:
        return [(self.data.organisations.get(org_id), org_id, tasks)
                for org_id, tasks in self.by_lead(self._by_event.get(event_id, []))]

    def led_by(self, org_id: str) -> list[Task]:
        return self.sorted(t for t in self.data.tasks if any(r.id == org_id for r in t.lead))

    def supported_by(self, org_id: str) -> list[Task]:
        return self.sorted(t for t in self.data.tasks if any(r.id == org_id for r in t.support))

    def others(self, task: Task, org_id: str, role: str) -> list[str]:
        """The ids in the task's lead or support list other than this unit, in the order the plan gives them."""
        refs = task.lead if role == "lead" else task.support
        return [r.id for r in refs if r.id != org_id]
