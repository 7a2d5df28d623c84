"""What the site shows about tasks: their deadline with relative times resolved against the event, their state
against the build date, the order they are listed in, and who leads or supports what. No MkDocs here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable

from macros.core import dates, deadlines
from macros.core.dates import FuzzyDate
from macros.core.unknown import UNKNOWN_TEXT
from macros.core.activities import activity_groups
from macros.core.fields import Ref
from macros.core.model import Event, Organisation, Plan, Task
from macros.core.vietnamese import capitalise, lower_first, sort_key
from .text import section_phrase

if TYPE_CHECKING:
    from .site import Site

# The states and their rules are macros/core/deadlines.py (plain data, shared with the browser).
DUE_SOON_DAYS = deadlines.DUE_SOON_DAYS
STATE_ORDER = deadlines.STATE_ORDER  # most urgent first
STATE_LABELS = deadlines.STATE_LABELS
_UNKNOWN_TIME = dates.parse_fuzzy(UNKNOWN_TEXT)


@dataclass(frozen=True)
class TaskState:
    code: str  # deadlines.STATE_ORDER: "overdue", "due-soon", "upcoming", "ongoing", "recurring", "unknown", "done"
    label: str


@dataclass(frozen=True)
class TaskEntry:
    """One activity as a list shows it: a task, or the tasks a document writes in several places (`same_as`),
    merged so the activity is listed once with every place and every lead. Reads like a Task in templates."""

    members: tuple[Task, ...]

    @property
    def task(self) -> Task:
        return self.members[0]  # the first place the data writes it

    def __getattr__(self, name: str):
        # title, details, notes, place, budget, id, key, plan_id, label… are the first place's.
        if name.startswith("__") or name == "members":
            raise AttributeError(name)
        return getattr(self.members[0], name)

    @property
    def lead(self) -> list[Ref]:
        return _union(ref for task in self.members for ref in task.lead)

    @property
    def support(self) -> list[Ref]:
        leads = {ref.id for ref in self.lead}
        return [ref for ref in _union(r for task in self.members for r in task.support) if ref.id not in leads]

    @property
    def events(self) -> list[Ref]:
        return _union(ref for task in self.members for ref in task.events)

    @property
    def when(self) -> FuzzyDate | None:
        """The first known time among the places: section B may date an activity that section D does not."""
        known = [task.when for task in self.members if task.when is not None and task.when.is_known]
        return known[0] if known else self.members[0].when

    @property
    def status(self) -> str | None:
        statuses = {task.status for task in self.members}
        return statuses.pop() if len(statuses) == 1 else next((s for s in statuses if s != "da-thuc-hien"), None)

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(task.section for task in self.members if task.section))

    @property
    def section(self) -> str | None:
        """ "B.I.2.2, D.19": every place, so "mục …" cites them all."""
        return ", ".join(self.sections) or None

    @property
    def leads_differ(self) -> bool:
        return len({frozenset(ref.id for ref in task.lead) for task in self.members}) > 1

    def lead_places(self, org_id: str) -> list[str]:
        """The sections that name this unit as a lead, when the places disagree on the leads."""
        return [task.section for task in self.members if task.section and any(r.id == org_id for r in task.lead)]


def _union(refs: Iterable[Ref]) -> list[Ref]:
    seen: dict[str, Ref] = {}
    for ref in refs:
        seen.setdefault(ref.id, ref)
    return list(seen.values())


class Tasks:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data
        self.today = site.today

    # ---- time and state ----

    def deadline(self, task: Task) -> FuzzyDate | None:
        """The task's time with times counted from an event resolved against the first of its events that has the
        day it counts from (deadlines.ANCHORS): the event day, or the last day of the event's focus window.
        An activity written in several places takes the latest of their times: the document's last word."""
        if isinstance(task, TaskEntry) and len(task.members) > 1:
            times = [t for t in (self.deadline(member) for member in task.members) if t is not None]
            dated = [t for t in times if t.end is not None]
            return max(dated, key=lambda t: t.end) if dated else (times[0] if times else None)
        when = task.when
        anchor = deadlines.ANCHORS.get(when.kind) if when is not None else None
        if when is None or anchor is None:
            return when
        for ref in task.events:
            event = self.data.events.get(ref.id)
            if event is None:
                continue
            if anchor == "event-day":
                day = self.site.events.day(event)
            else:
                window = self.site.events.focus(event)
                day = window.last_day if window is not None else None
            if day is not None:
                return when.resolve(day)
        return when

    def state(self, task: Task) -> TaskState:
        """Judged on the build date by the rule of the (resolved) time's kind, macros/core/deadlines.py."""
        code = deadlines.state_of(self.deadline(task), self.today, task.status, DUE_SOON_DAYS)
        return TaskState(code, STATE_LABELS[code])

    def state_counts(self, tasks: Iterable[Task]) -> list[tuple[str, str, int]]:
        """(state code, lower-case label, count) for the states that occur, most urgent first."""
        counts = Counter(self.state(task).code for task in tasks)
        return [(code, lower_first(STATE_LABELS[code]), counts[code]) for code in STATE_ORDER if counts[code]]

    def when_text(self, task: Task) -> str:
        if isinstance(task, TaskEntry) and len(task.members) > 1:
            # The places may give different times (seed 002: "Năm 2023" in B.II.1, "vào năm 2024" in D.5): each
            # with its place.
            texts = [(member, self.when_text(member)) for member in task.members if member.when is not None]
            if len({text for _, text in texts}) > 1:
                return "; ".join(f"{text} ({section_phrase(m.section)})" if m.section else text for m, text in texts)
            return texts[0][1] if texts else capitalise(UNKNOWN_TEXT)
        if task.when is None:
            return capitalise(UNKNOWN_TEXT)
        text = task.when.render()
        resolved = self.deadline(task)
        note = deadlines.RESOLVED_NOTES.get(task.when.kind)
        # Resolved: a time counted from an event became a day ("relative", "end-of-window") or a start ("after").
        if note and resolved is not None and resolved.kind != task.when.kind and resolved.start is not None:
            text += f" ({note.format(day=dates.format_date(resolved.start))})"
        return text

    # ---- order and grouping ----

    def sorted(self, tasks: Iterable[Task]) -> list[Task]:
        """By deadline (unknown last), then by title."""
        def key(task: Task):
            when = self.deadline(task)
            return ((when or _UNKNOWN_TIME).sort_key(), sort_key(task.title))
        return sorted(tasks, key=key)

    @cached_property
    def _activities(self) -> dict[str, tuple[Task, ...]]:
        return activity_groups(self.data)

    def entries(self, tasks: Iterable[Task]) -> list[TaskEntry]:
        """The tasks as activities: tasks linked by `same_as` become one entry (with all of its places, even
        those not among `tasks`), each listed once, in the order of `tasks`."""
        found: dict[str, TaskEntry] = {}
        for task in tasks:
            members = self._activities.get(task.key, (task,))
            found.setdefault(members[0].key, TaskEntry(members))
        return list(found.values())

    def same_as(self, task: Task) -> list[Task]:
        """The other places the document writes this activity."""
        return [other for other in self._activities.get(task.key, ()) if other is not task]

    def by_lead(self, tasks: Iterable[Task]) -> list[tuple[str, list[TaskEntry]]]:
        """Activities under each lead unit's id (one led jointly under each of its leads), units in Vietnamese
        order of their names, activities sorted."""
        groups: dict[str, list[TaskEntry]] = defaultdict(list)
        for entry in self.entries(tasks):
            for ref in entry.lead:
                groups[ref.id].append(entry)
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

    def entries_for_event(self, event_id: str) -> list[TaskEntry]:
        return self.sorted(self.entries(self._by_event.get(event_id, [])))

    def for_event_by_lead(self, event_id: str) -> list[tuple[Organisation | None, str, list[Task]]]:
        return [(self.data.organisations.get(org_id), org_id, tasks)
                for org_id, tasks in self.by_lead(self._by_event.get(event_id, []))]

    def led_by(self, org_id: str) -> list[TaskEntry]:
        """Activities this unit leads in any of the places the document writes them."""
        return self.sorted(e for e in self.entries(self.data.tasks) if any(r.id == org_id for r in e.lead))

    def supported_by(self, org_id: str) -> list[TaskEntry]:
        return self.sorted(e for e in self.entries(self.data.tasks) if any(r.id == org_id for r in e.support))

    def others(self, task: Task, org_id: str, role: str) -> list[str]:
        """The ids in the task's lead or support list other than this unit, in the order the plan gives them."""
        refs = task.lead if role == "lead" else task.support
        return [r.id for r in refs if r.id != org_id]
