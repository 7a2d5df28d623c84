"""What the site shows about tasks: their deadline with relative times resolved against the event, their state
against the build date (and, as data attributes, what the reader's browser needs to judge it again on the day of
reading: docs/assets/sotay-states.js), the order they are listed in, and who leads or supports what. No MkDocs
here."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

from markupsafe import Markup, escape

from macros.core import dates, deadlines
from macros.core.dates import FuzzyDate
from macros.core.unknown import UNKNOWN_TEXT
from macros.core.activities import activity_groups
from macros.core.fields import Ref
from macros.core.model import Event, Organisation, Plan, Task
from macros.core.vietnamese import capitalise, lower_first
from .text import section_phrase

if TYPE_CHECKING:
    from .site import Site

T = TypeVar("T")

# The states and their rules are macros/core/deadlines.py (plain data, shared with the browser).
DUE_SOON_DAYS = deadlines.DUE_SOON_DAYS
STATE_ORDER = deadlines.STATE_ORDER  # most urgent first
STATE_LABELS = deadlines.STATE_LABELS
_UNKNOWN_TIME = dates.parse_fuzzy(UNKNOWN_TEXT)
# A page listing more tasks than this shows them folded by unit, each unit with its count (tasks.folds).
FOLD_AFTER = 12


@dataclass(frozen=True)
class TaskState:
    code: str  # deadlines.STATE_ORDER: "overdue", "due-soon", "upcoming", …, "no-report", "done"
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

    @cached_property
    def lead(self) -> list[Ref]:
        return _union(ref for task in self.members for ref in task.lead)

    @cached_property
    def support(self) -> list[Ref]:
        leads = {ref.id for ref in self.lead}
        return [ref for ref in _union(r for task in self.members for r in task.support) if ref.id not in leads]

    @cached_property
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

    @cached_property
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
        self._plan_ends: dict[str, date | None] = {}
        # A task's state, its data for the browser and whether it is past work are read several times on each
        # page that lists it (counts, summary, list, "Việc của đơn vị") and on many pages: judged once per build,
        # by `_memo_key`. So is the sorted list of what reaches a unit, read by its page, its years and its work.
        self._states: dict[object, TaskState] = {}
        self._state_data: dict[object, dict[str, str]] = {}
        self._state_attrs: dict[object, Markup] = {}
        self._past: dict[object, bool] = {}
        self._reached: dict[tuple[str, str], list[TaskEntry]] = {}

    def _memo_key(self, task: Task) -> object:
        """What a task's judgements are remembered by: its key when it is the data's own task (or an activity of
        the data's tasks), else None, and nothing is remembered (a changed copy has the key of its original). An
        activity written in several places has its own deadline (the latest), status and plans, so it is keyed
        apart from its first place."""
        if isinstance(task, TaskEntry):
            first = task.members[0]
            group = self._activities.get(first.key, (first,))
            if len(group) != len(task.members) or any(a is not b for a, b in zip(group, task.members)) or \
                    self._data_tasks.get(first.key) is not first:
                return None
            return ("entry", first.key)
        return task.key if self._data_tasks.get(task.key) is task else None

    def _remembered(self, store: dict[object, T], task: Task, judge: Callable[[], T]) -> T:
        """judge(), the judgement of `task`, kept in `store` for the build (when `_memo_key` allows)."""
        key = self._memo_key(task)
        if key is None:
            return judge()
        found = store.get(key)
        if found is None:
            found = store[key] = judge()
        return found

    @cached_property
    def _data_tasks(self) -> dict[str, Task]:
        return {task.key: task for task in self.data.tasks}

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

    def plan_end(self, plan: Plan | None) -> date | None:
        """The last day of a plan's period: the latest of the last days of the focus windows of the events its
        tasks, phases and focus entries serve, of its phases, of its tasks' (resolved) times, and 31 December of the
        latest year its title states ("trong năm 2023 - 2024": 31/12/2024). None when none is known: such a plan
        is never over (deadlines.period_end)."""
        if plan is None:
            return None
        if plan.id not in self._plan_ends:
            event_ids = [ref.id for task in plan.tasks for ref in task.events]
            event_ids += [ref.id for phase in plan.phases for ref in (phase.after_event, phase.until_event) if ref]
            event_ids += [focus.event.id for focus in plan.focus]
            days: list[date | None] = []
            for event_id in dict.fromkeys(event_ids):
                event = self.data.events.get(event_id)
                window = self.site.events.focus(event) if event is not None else None
                days.append(window.last_day if window is not None else None)
            days += [deadlines.last_day(phase.end) or deadlines.last_day(phase.start) for phase in plan.phases]
            days += [focus.end.end for focus in plan.focus]
            days += [deadlines.last_day(self.deadline(task)) for task in plan.tasks]
            days.append(deadlines.stated_years_end(plan.title if isinstance(plan.title, str) else None))
            self._plan_ends[plan.id] = deadlines.period_end(days)
        return self._plan_ends[plan.id]

    def past_from(self, task: Task) -> date | None:
        """The day from which the task belongs to the past (deadlines.PAST_STATE unless done): the day after its
        plan's period (`plan_end`); for an activity written in several plans, after the latest of them. None when
        a plan's period has no known end."""
        members = task.members if isinstance(task, TaskEntry) else (task,)
        ends = [self.plan_end(self.plan_of(member)) for member in members]
        if not ends or any(end is None for end in ends):
            return None
        return dates.shift(max(ends), 1)  # type: ignore[type-var]

    @staticmethod
    def status_of(task: Task) -> str | None:
        """The status the state is judged by: the one written, or "da-thuc-hien" when a result (`result`, with
        the day done) is recorded for the task or, for an activity written in several places, for any of them."""
        members = task.members if isinstance(task, TaskEntry) else (task,)
        if any(getattr(member, "result", None) is not None for member in members):
            return "da-thuc-hien"
        return task.status

    def state(self, task: Task) -> TaskState:
        """Judged on the build date by macros/core/deadlines.py: a status in the data, then the past state after
        the plan's period (`past_from`), then the rule of the (resolved) time's kind."""
        def judge() -> TaskState:
            code = deadlines.state_of(self.deadline(task), self.today, self.status_of(task), DUE_SOON_DAYS,
                                      past_from=self.past_from(task))
            return TaskState(code, STATE_LABELS[code])
        return self._remembered(self._states, task, judge)

    def state_data(self, task: Task) -> dict[str, str]:
        """What the reader's browser needs to judge the state again (docs/assets/sotay-states.js, same rules):
        the resolved time's kind and ISO days, the status, and the day the task belongs to the past from."""
        def data() -> dict[str, str]:
            when = self.deadline(task) or _UNKNOWN_TIME
            values = {"kind": when.kind, "start": when.start, "end": when.end, "finish": when.finish_by,
                      "status": self.status_of(task), "past-from": self.past_from(task)}
            return {name: value.isoformat() if isinstance(value, date) else str(value)
                    for name, value in values.items() if value is not None}
        return dict(self._remembered(self._state_data, task, data))

    def state_attrs(self, task: Task) -> Markup:
        """The attributes of a state element (`<span class="sotay-state …" {{ tasks.state_attrs(task) }}>`):
        `data-*` from `state_data` and a title saying which day the state is judged on, which the script
        updates."""
        def attributes() -> Markup:
            attrs = {f"data-{name}": value for name, value in self.state_data(task).items()}
            attrs["data-day"] = self.today.isoformat()
            attrs["title"] = f"Tình trạng tính đến ngày {dates.format_date(self.today)}"
            return Markup(" ".join(f'{name}="{escape(value)}"' for name, value in attrs.items()))
        return self._remembered(self._state_attrs, task, attributes)

    def day_attrs(self) -> Markup:
        """The attributes of the element that prints the day states are judged on ("Tình trạng tính đến ngày
        <span class="sotay-state-day" {{ tasks.day_attrs() }}>…</span>"): the script writes the reader's day."""
        return Markup(f'data-day="{self.today.isoformat()}"')

    def summary_attrs(self, tasks: Iterable[Task]) -> Markup:
        """The attributes of an element holding `state_counts(tasks)` ("3 quá hạn, 1 sắp đến hạn"): the tasks'
        `state_data` as JSON, for the script to count again."""
        rows = [self.state_data(task) for task in tasks]
        return Markup(f'data-sotay-tasks="{escape(json.dumps(rows, separators=(",", ":")))}"')

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
        return sorted(tasks, key=self._sort_key)

    def _sort_key(self, task: Task) -> tuple:
        # Lists are sorted on nearly every page: each task's key is computed once per build.
        cache_key = self._memo_key(task)
        key = self._sort_keys.get(cache_key) if cache_key is not None else None
        if key is None:
            when = self.deadline(task)
            key = ((when or _UNKNOWN_TIME).sort_key(), self.site.collation.key(task.title))
            if cache_key is not None:
                self._sort_keys[cache_key] = key
        return key

    @cached_property
    def _sort_keys(self) -> dict[object, tuple]:
        return {}

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

    @cached_property
    def _all_entries(self) -> list[TaskEntry]:
        """Every activity of the data, made once per build: unit pages, the unit index and the feeds all read it."""
        return self.entries(self.data.tasks)

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
        names, collate = self.site.organisations.name, self.site.collation.key
        return [(org_id, self.sorted(groups[org_id])) for org_id in sorted(groups, key=lambda i: collate(names(i)))]

    def by_plan(self, tasks: Iterable[Task]) -> list[tuple[Plan | None, list[Task]]]:
        """The tasks under the plan each comes from, so that a list names each plan once: plans in the order their
        first task comes, tasks in their own order."""
        groups: dict[str, list[Task]] = {}
        for task in tasks:
            groups.setdefault(task.plan_id, []).append(task)
        return [(self.data.plans.get(plan_id), items) for plan_id, items in groups.items()]

    def folds(self, groups: Iterable[tuple[object, ...]]) -> bool:
        """Whether a page's task groups (each ending with its list of tasks) start folded: more than FOLD_AFTER
        tasks in all would make a phone scroll through metres of lists; a few stay open."""
        return sum(len(group[-1]) for group in groups) > FOLD_AFTER

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

    @cached_property
    def _entries_by_unit(self) -> dict[tuple[str, str], list[TaskEntry]]:
        """(unit id, "lead" or "support") -> the activities naming the unit in that role, in data order: made once,
        so that a unit's page, its feed and the unit index do not each scan every activity."""
        table: dict[tuple[str, str], list[TaskEntry]] = defaultdict(list)
        for entry in self._all_entries:
            for role, refs in (("lead", entry.lead), ("support", entry.support)):
                for ref in refs:
                    table[(ref.id, role)].append(entry)
        return table

    def led_by(self, org_id: str) -> list[TaskEntry]:
        """Activities this unit leads in any of the places the document writes them."""
        return self.sorted(self._entries_by_unit.get((org_id, "lead"), ()))

    def supported_by(self, org_id: str) -> list[TaskEntry]:
        return self.sorted(self._entries_by_unit.get((org_id, "support"), ()))

    def others(self, task: Task, org_id: str, role: str) -> list[str]:
        """The ids in the task's lead or support list other than this unit, in the order the plan gives them."""
        refs = task.lead if role == "lead" else task.support
        return [r.id for r in refs if r.id != org_id]

    # ---- everything that reaches a unit, current and past, "Việc của đơn vị" ----

    def reaching(self, org_id: str) -> dict[str, "Reach"]:
        """How each activity reaches the unit, by the key of its first place: directly (the unit leads or
        supports it), through a sub-unit (one down the `parent` chain, at any depth, leads or supports it) or
        through a group it belongs to (`member_of`); the first of these that holds, leading before supporting."""
        if org_id not in self._reaches:
            orgs = self.site.organisations
            routes = (("direct", [org_id]), ("sub-unit", orgs.descendant_ids(org_id)),
                      ("group", orgs.group_ids(org_id)))
            found: dict[str, Reach] = {}
            # Only the activities that name one of these units can reach it; taken in data order.
            ids_all = {i for _, ids in routes for i in ids}
            candidates = {id(e): e for i in ids_all for role in ("lead", "support")
                          for e in self._entries_by_unit.get((i, role), ())}
            order = self._entry_order
            for entry in sorted(candidates.values(), key=lambda e: order[id(e)]):
                for how, ids in routes:
                    reach = next((Reach(how, role, tuple(r.id for r in refs if r.id in ids))
                                  for role, refs in (("lead", entry.lead), ("support", entry.support))
                                  if any(r.id in ids for r in refs)), None)
                    if reach is not None:
                        found[entry.task.key] = reach
                        break
            self._reaches[org_id] = found
        return self._reaches[org_id]

    @cached_property
    def _reaches(self) -> dict[str, dict[str, "Reach"]]:
        return {}

    def reached(self, org_id: str, role: str) -> list[TaskEntry]:
        """The activities that reach the unit in this role ("lead" or "support"), sorted: its own, its sub-units'
        and its groups'. One that reaches it as a lead is not listed again as supported."""
        found = self._reached.get((org_id, role))
        if found is None:
            reaches = self.reaching(org_id)
            by_key = self._entry_by_key
            found = self._reached[(org_id, role)] = self.sorted(by_key[key] for key, reach in reaches.items()
                                                                if reach.role == role)
        return list(found)

    @cached_property
    def _entry_order(self) -> dict[int, int]:
        return {id(entry): n for n, entry in enumerate(self._all_entries)}

    @cached_property
    def _entry_by_key(self) -> dict[str, TaskEntry]:
        return {entry.task.key: entry for entry in self._all_entries}

    def reach(self, task: Task, org_id: str) -> "Reach | None":
        return self.reaching(org_id).get(task.task.key if isinstance(task, TaskEntry) else task.key)

    def is_past(self, task: Task) -> bool:
        """Work of the past: done, in a past state (its plan is over), or with a time that ended before the build
        date's year."""
        def past() -> bool:
            when = self.deadline(task)
            return (self.state(task).code not in CURRENT_STATES
                    or when is not None and when.end is not None and when.end.year < self.today.year)
        return self._remembered(self._past, task, past)

    def year_of(self, task: Task) -> int | None:
        when = self.deadline(task)
        day = (when.end or when.start) if when is not None else None
        if day is None and hasattr(self, "plan_end"):  # no time of its own: the end of its plan's period
            members = task.members if isinstance(task, TaskEntry) else (task,)
            day = self.plan_end(self.plan_of(members[0]))
        return day.year if day is not None else None

    def by_time(self, tasks: Iterable[Task], history: bool = False) -> "TimeSplit":
        """Current and coming work (in the order given), and past work by year, latest year first, work of an
        unknown year last. With `history` (a unit that no longer works) all of it is past."""
        current: list[Task] = []
        past: dict[int | None, list[Task]] = defaultdict(list)
        for task in tasks:
            if history or self.is_past(task):
                past[self.year_of(task)].append(task)
            else:
                current.append(task)
        years = sorted(past, key=lambda y: (y is None, -(y or 0)))
        return TimeSplit(current, [(f"Năm {y}" if y is not None else "Chưa rõ năm", past[y]) for y in years])

    def unit_work(self, org_id: str) -> "UnitWork":
        """"Việc của đơn vị" at the build date: overdue, due this month, due next month, recurring and ongoing,
        among every current activity that reaches the unit (lead first, then supported)."""
        this_month = self.today.replace(day=1)
        next_month = (this_month + timedelta(days=32)).replace(day=1)
        after_next = (next_month + timedelta(days=32)).replace(day=1)
        work = UnitWork(this_month, next_month, [], [], [], [])
        for entry in [*self.reached(org_id, "lead"), *self.reached(org_id, "support")]:
            if self.is_past(entry):
                continue
            code = self.state(entry).code
            when = self.deadline(entry)
            end = when.end if when is not None else None
            if code == "overdue":
                work.overdue.append(entry)
            elif code in ("recurring", "ongoing"):
                work.recurring.append(entry)
            elif end is not None and this_month <= end < next_month:
                work.this_month.append(entry)
            elif end is not None and next_month <= end < after_next:
                work.next_month.append(entry)
        for name in ("overdue", "this_month", "next_month", "recurring"):
            setattr(work, name, self.sorted(getattr(work, name)))
        return work


# The states of current and coming work; any other (done, the past state) is work of the past.
CURRENT_STATES = frozenset({"overdue", "due-soon", "upcoming", "ongoing", "recurring", "unknown"})
REACH_LABELS = {"direct": "trực tiếp", "sub-unit": "qua đơn vị trực thuộc", "group": "qua nhóm"}


@dataclass(frozen=True)
class Reach:
    """How an activity reaches a unit: `how` "direct", "sub-unit" or "group", in which `role` ("lead",
    "support"), and `via` the sub-units or groups named in the task (empty when direct)."""

    how: str
    role: str
    via: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return REACH_LABELS[self.how]

    @property
    def role_label(self) -> str:
        return "Chủ trì" if self.role == "lead" else "Phối hợp"


@dataclass(frozen=True)
class TimeSplit:
    current: list
    past: list  # [(label "Năm 2024" / "Chưa rõ năm", tasks)]


@dataclass
class UnitWork:
    this_month_start: date
    next_month_start: date
    overdue: list
    this_month: list
    next_month: list
    recurring: list

    @property
    def this_month_label(self) -> str:
        return dates.format_month(self.this_month_start)

    @property
    def next_month_label(self) -> str:
        return dates.format_month(self.next_month_start)

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.this_month) + len(self.next_month) + len(self.recurring)
