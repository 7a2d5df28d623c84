"""Calendar feeds (iCalendar, RFC 5545) of the handbook, for Outlook, Google Calendar and phones: one of every event
(its day and its focus window), one per organisation (the deadlines of the tasks it leads or supports) and one
per plan (its tasks' deadlines). No MkDocs here, and no import of the views: the plugin hands in the build's
`Site`, whose rules (`SiteRules` below: resolved deadlines, activities, who leads and supports what) the feeds
follow, so a feed says what the pages say. Where each feed is written is macros/views/calendar_links.py.

What becomes an entry (an all-day VEVENT):

- a time on the calendar goes on the LAST day of its period: a day on that day, a month on its last day, a
  quarter, a year or "Năm 2023 và năm 2024" on their last day, a range on its last day, "Trước ngày X" on the day
  before X, and a "(hoàn thành trước X)" on the day before X whatever the period; times counted from an event
  are first resolved against it (`site.tasks.deadline`), so "Ra trước lễ kỷ niệm 05 ngày" lands 5 days before the
  event day and "Kết thúc đợt tuyên truyền" on the last day of the focus window. The wording of the plan stays in
  the DESCRIPTION, with the day it was placed on;
- a start with no end ("Sau ngày 7/5/2024") goes on its first day, as a start, not a deadline;
- "Hằng tháng / quý / năm" becomes one entry repeating (RRULE) on the last day of each month, quarter or year of
  the plan's period (`plan_period`); a plan whose period has no known end gives none;
- "Thường xuyên", an unknown time, and a time counted from an event whose day is unknown give no entry: the
  feed's description (X-WR-CALDESC) counts them.

Tasks already done (status "da-thuc-hien") stay, marked "(đã thực hiện)": a feed is the plan's list of deadlines,
the same whatever has been reported, and an entry that vanished would silently leave subscribers' calendars.

UIDs come from the record, never from time or chance: "event-<id>", "focus-<id>", "task-<plan id>.<task id>"
(the task's key, unique in the data set; ids never hold a dot), all "@so-tay-tuyen-truyen". An activity the plan
writes in several places is one entry, under its first place's key, in every feed that lists it, with the same
text everywhere. DTSTAMP is the build date at 00:00 UTC, so the same data built on the same day gives the same
bytes. Text is escaped and lines folded (at 75 octets, never inside a character) by icalendar.
"""

from __future__ import annotations

import calendar as gregorian
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Protocol
from urllib.parse import urljoin

from icalendar import Calendar, Event as VEvent, vText

from macros.core import dates
from macros.core.anniversaries import FocusWindow
from macros.core.dates import FuzzyDate, shift
from macros.core.model import Dataset, Document, Event, Organisation, Plan, Task

__all__ = ["UID_DOMAIN", "PRODID", "Entry", "Feed", "Placement", "SiteRules", "place", "plan_period",
           "event_feed", "organisation_feed", "plan_feed", "feeds", "to_ical"]

UID_DOMAIN = "so-tay-tuyen-truyen"
PRODID = "-//So tay tuyen truyen//Lich tuyen truyen//VI"
DONE = "da-thuc-hien"
# How often a subscribed calendar should look for changes: the site is rebuilt every day.
REFRESH = timedelta(days=1)

# The kinds of time (macros/core/dates.py KINDS) a calendar cannot place, with how the feed's description counts
# the tasks left out for each.
_LEFT_OUT = {
    "unknown": "{n} nhiệm vụ chưa rõ thời gian",
    "ongoing": "{n} nhiệm vụ thực hiện thường xuyên",
    "unresolved": "{n} nhiệm vụ tính từ một sự kiện chưa rõ ngày",
    "recurring": "{n} nhiệm vụ định kỳ của kế hoạch chưa rõ thời gian kết thúc",
}
_EVENTS_LEFT_OUT = "{n} sự kiện chưa rõ ngày diễn ra"
_RECURRING_UNITS = {"month": ("tháng", 1), "quarter": ("quý", 3), "year": ("năm", 12)}


# ---------------------------------------------------------------------------------------------------------------
# What the feeds read from the build's views (macros/views/site.py `Site`): structural, so no import of the views
# ---------------------------------------------------------------------------------------------------------------

class _Tasks(Protocol):
    def led_by(self, org_id: str) -> Sequence[Any]: ...
    def supported_by(self, org_id: str) -> Sequence[Any]: ...
    def entries(self, tasks: Iterable[Task]) -> Sequence[Any]: ...
    def deadline(self, task: Any) -> FuzzyDate | None: ...

    def status_of(self, task: Any) -> str | None: ...
    def when_text(self, task: Any) -> str: ...
    def sorted(self, tasks: Iterable[Any]) -> list[Any]: ...


class _Events(Protocol):
    def title(self, event: Event) -> str: ...
    def kind_label(self, event: Event) -> str: ...
    def day(self, event: Event) -> date | None: ...
    def focus(self, event: Event) -> FocusWindow | None: ...
    def window_note(self, event: Event) -> str: ...
    def sorted(self, events: Iterable[Event] | None = None) -> list[Event]: ...


class _Organisations(Protocol):
    def name(self, org_id: str) -> str: ...


class _Documents(Protocol):
    def cite_label(self, doc: Document) -> str: ...


class _Plans(Protocol):
    def task_anchor(self, task: Task) -> str: ...
    def events(self, plan: Plan) -> list[Event]: ...


class SiteRules(Protocol):
    """What a feed reads of the build: the data set and the views' rules (macros/views/site.py `Site` is one)."""

    data: Dataset
    today: date
    tasks: _Tasks
    events: _Events
    organisations: _Organisations
    documents: _Documents
    plans: _Plans


# (kind of record, id) -> the page's address inside the site, "don-vi/so-van-hoa/" (the plugin knows the URLs).
PageUrl = Callable[[str, str], str]


# ---------------------------------------------------------------------------------------------------------------
# Entries and feeds
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One all-day VEVENT: from `first` to `last` (both included), repeating by `rrule` when set."""

    uid: str
    summary: str
    first: date
    last: date
    description: str
    url: str | None = None
    tentative: bool = False
    category: str = ""
    rrule: dict[str, Any] | None = None


@dataclass(frozen=True)
class Feed:
    """One .ics file: `kind` and `id` say whose it is ("event", None: every event; "organisation" or "plan" and its
    id), macros/views/calendar_links.py where it is written."""

    kind: str
    id: str | None
    name: str
    description: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Placement:
    """Where a (resolved) time goes on the calendar: "due" on its last day, "start" on its first day (no end), or
    "recurring" on the last day of each month, quarter or year (the unit is `when.granularity`)."""

    how: str
    day: date | None = None


def place(when: FuzzyDate | None) -> Placement | None:
    """Where a resolved time goes, or None when it cannot be placed (thường xuyên, unknown, counted from an event
    whose day is unknown)."""
    if when is None:
        return None
    if when.finish_by is not None:  # "(hoàn thành trước 30/10/2023)": the day before, as "Trước ngày 30/10/2023"
        return Placement("due", shift(when.finish_by, -1))
    if when.kind == "recurring":
        return Placement("recurring")
    if when.end is not None:  # day, range, month, quarter, year, years, before ("Trước ngày X" ends on X - 1)
        return Placement("due", when.end)
    if when.start is not None:  # after: a start with no end
        return Placement("start", when.start)
    return None


def _left_out_reason(when: FuzzyDate | None) -> str:
    if when is None or when.kind == "unknown":
        return "unknown"
    if when.kind in ("ongoing", "recurring"):
        return when.kind
    return "unresolved"  # relative, end-of-window, after-window: the event's day or window is unknown


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, gregorian.monthrange(year, month)[1])


def _first_period_end(granularity: str, day: date) -> date:
    """The last day of the month, quarter or year that holds `day`."""
    if granularity == "month":
        return _last_of_month(day.year, day.month)
    if granularity == "quarter":
        return _last_of_month(day.year, 3 * ((day.month - 1) // 3 + 1))
    return date(day.year, 12, 31)


def _rrule(granularity: str, until: date) -> dict[str, Any]:
    if granularity == "year":
        return {"FREQ": "YEARLY", "BYMONTH": 12, "BYMONTHDAY": 31, "UNTIL": until}
    interval = _RECURRING_UNITS[granularity][1]
    rule: dict[str, Any] = {"FREQ": "MONTHLY"}
    if interval > 1:
        rule["INTERVAL"] = interval
    rule.update(BYMONTHDAY=-1, UNTIL=until)
    return rule


def plan_period(site: SiteRules, plan: Plan) -> tuple[date, date] | None:
    """The period a plan's recurring duties run in: from the plan's date (else its earliest dated time) to the
    last day of its latest dated time: its tasks' resolved deadlines, its phases, the focus windows and days of its
    events. None when none of those has a last day: the plan says nothing of when it ends."""
    firsts: list[date] = []
    lasts: list[date] = []
    for task in site.data.tasks:
        if task.plan_id != plan.id:
            continue
        when = site.tasks.deadline(task)
        if when is not None and when.kind != "recurring":
            firsts += [d for d in (when.start,) if d is not None]
            lasts += [d for d in (when.finish_by, when.end) if d is not None]
    for phase in plan.phases:
        firsts += [phase.start.start] if phase.start is not None and phase.start.start is not None else []
        lasts += [phase.end.end] if phase.end is not None and phase.end.end is not None else []
    for event in site.plans.events(plan):
        window, day = site.events.focus(event), site.events.day(event)
        firsts += [d for d in (window.first_day if window else None, day) if d is not None]
        lasts += [d for d in (window.last_day if window else None, day) if d is not None]
    if not lasts:
        return None
    first = plan.date if isinstance(plan.date, date) else min(firsts or lasts)
    return first, max(lasts)


# ---------------------------------------------------------------------------------------------------------------
# Building the feeds
# ---------------------------------------------------------------------------------------------------------------

class _Builder:
    """The feeds of one build: the site's rules, the pages' addresses, the plans' periods (computed once)."""

    def __init__(self, site: SiteRules, page_url: PageUrl, base_url: str | None, site_name: str) -> None:
        self.site = site
        self.page_url = page_url
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.site_name = site_name
        self.periods: dict[str, tuple[date, date] | None] = {}

    # ---- addresses ----

    def _address(self, kind: str, record_id: str, anchor: str | None = None) -> tuple[str | None, str]:
        """(the URL property, when the site's address is known; the line of the description naming the page)."""
        path = self.page_url(kind, record_id) + (f"#{anchor}" if anchor else "")
        if self.base_url is None:
            return None, f"Trang trong {self.site_name}: {path or './'}"
        url = urljoin(self.base_url, path)
        return url, f"Xem: {url}"

    def _period(self, plan: Plan) -> tuple[date, date] | None:
        if plan.id not in self.periods:
            self.periods[plan.id] = plan_period(self.site, plan)
        return self.periods[plan.id]

    # ---- events ----

    def event_entries(self) -> tuple[list[Entry], int]:
        """The entries of every event (its day, its focus window) and the number of events with neither."""
        site = self.site
        entries: list[Entry] = []
        undated = 0
        for event in site.events.sorted():
            title = site.events.title(event)
            day, window = site.events.day(event), site.events.focus(event)
            url, where = self._address("event", event.id)
            window_text = None
            if window is not None and window.first_day is not None and window.last_day is not None:
                window_text = " ".join(filter(None, (window.render(), site.events.window_note(event))))
            if day is not None:
                lines = [site.events.kind_label(event), f"Ngày diễn ra: {dates.format_date(day)}"]
                if window_text:
                    lines.append(f"Tuyên truyền sâu đậm: {window_text}")
                entries.append(Entry(f"event-{event.id}@{UID_DOMAIN}", title, day, day, "\n".join([*lines, where]),
                                     url, category="Sự kiện"))
            if window_text and window is not None and window.first_day and window.last_day:
                lines = [f"Thời gian tuyên truyền sâu đậm: {window_text}",
                         f"Sự kiện: {title}" + (f", ngày {dates.format_date(day)}" if day else "")]
                entries.append(Entry(f"focus-{event.id}@{UID_DOMAIN}", f"Tuyên truyền sâu đậm: {title}",
                                     window.first_day, window.last_day, "\n".join([*lines, where]), url,
                                     category="Tuyên truyền sâu đậm"))
            elif day is None:
                undated += 1
        return entries, undated

    # ---- tasks ----

    def task_entry(self, task: Any) -> tuple[Entry | None, str | None]:
        """The entry of a task or activity (views/tasks.py TaskEntry), or None and why it is left out."""
        site = self.site
        when = site.tasks.deadline(task)
        placed = place(when)
        if placed is None:
            return None, _left_out_reason(when)
        assert when is not None
        first = task.members[0] if hasattr(task, "members") else task
        plan = site.data.plans.get(first.plan_id)
        wording = site.tasks.when_text(task)
        rrule = None
        if placed.how == "recurring":
            unit = when.granularity or "year"
            period = self._period(plan) if plan is not None else None
            start = _first_period_end(unit, period[0]) if period else None
            if period is None or start is None or start > period[1]:
                return None, "recurring"
            day = start
            rrule = _rrule(unit, period[1])
            placed_line = (f"Lịch ghi vào ngày cuối mỗi {_RECURRING_UNITS[unit][0]}, từ {dates.format_date(start)} "
                           f"đến hết {dates.format_date(period[1])} (thời gian của kế hoạch).")
        else:
            assert placed.day is not None
            day = placed.day
            if placed.how == "start":
                placed_line = f"Lịch ghi vào ngày bắt đầu, {dates.format_date(day)} (kế hoạch không ghi hạn cuối)."
            elif when.kind == "day" and when.finish_by is None:
                placed_line = ""
            else:
                placed_line = f"Lịch ghi vào ngày cuối của thời hạn này: {dates.format_date(day)}."
        done = site.tasks.status_of(task) == DONE  # a recorded result counts as done
        lead = "; ".join(site.organisations.name(ref.id) for ref in task.lead)
        support = "; ".join(site.organisations.name(ref.id) for ref in task.support)
        lines = [f"Thời gian theo kế hoạch: {wording}", placed_line]
        if plan is not None:
            section = f", mục {task.section}" if task.section else ""
            lines.append(f"Kế hoạch: {site.documents.cite_label(plan)}{section}")
        lines += [f"Chủ trì: {lead or 'kế hoạch không nêu'}", f"Phối hợp: {support}" if support else ""]
        events = [site.data.events[ref.id] for ref in task.events if ref.id in site.data.events]
        if events:
            lines.append("Sự kiện: " + "; ".join(site.events.title(event) for event in site.events.sorted(events)))
        if done:
            lines.append("Tình trạng: đã thực hiện")
        url, where = (self._address("plan", plan.id, site.plans.task_anchor(first)) if plan is not None
                      else (None, ""))
        prefix = {"due": "Hạn", "start": "Bắt đầu", "recurring": "Định kỳ"}[placed.how]
        summary = f"{prefix}: {task.title}" + (" (đã thực hiện)" if done else "")
        uid = f"task-{first.key.replace('/', '.')}@{UID_DOMAIN}"
        description = "\n".join(line for line in [*lines, where] if line)
        return Entry(uid, summary, day, day, description, url, tentative=when.tentative and not done,
                     category="Nhiệm vụ", rrule=rrule), None

    def task_feed(self, kind: str, record_id: str, name: str, what: str, activities: Iterable[Any]) -> Feed:
        entries: list[Entry] = []
        left_out: Counter[str] = Counter()
        for activity in activities:
            entry, reason = self.task_entry(activity)
            if entry is not None:
                entries.append(entry)
            elif reason is not None:
                left_out[reason] += 1
        notes = [_LEFT_OUT[reason].format(n=left_out[reason]) for reason in _LEFT_OUT if left_out[reason]]
        description = (f"{what}, theo {self.site_name} (dữ liệu ngày {dates.format_date(self.site.today)}). Thời "
                       "hạn ghi theo tháng, quý, năm hay một khoảng thời gian được ghi vào ngày cuối của khoảng đó; "
                       "nguyên văn thời hạn ở phần mô tả của từng mục.")
        if notes:
            description += " Không có trong lịch: " + ", ".join(notes) + "."
        return Feed(kind, record_id, name, description, _ordered(entries))

    def organisation_feed(self, org: Organisation) -> Feed:
        site = self.site
        activities = [*site.tasks.led_by(org.id), *site.tasks.supported_by(org.id)]
        unique = list({_activity_key(a): a for a in activities}.values())
        name = site.organisations.name(org.id)
        return self.task_feed("organisation", org.id, f"Nhiệm vụ: {name}",
                              f"Hạn các nhiệm vụ {name} chủ trì hoặc phối hợp", unique)

    def plan_feed(self, plan: Plan) -> Feed:
        site = self.site
        label = site.documents.cite_label(plan)
        activities = site.tasks.entries(t for t in site.data.tasks if t.plan_id == plan.id)
        return self.task_feed("plan", plan.id, f"Nhiệm vụ theo {label}", f"Hạn các nhiệm vụ của {label}", activities)

    def event_feed(self) -> Feed:
        entries, undated = self.event_entries()
        description = (f"Ngày diễn ra và thời gian tuyên truyền sâu đậm của các sự kiện, theo {self.site_name} "
                       f"(dữ liệu ngày {dates.format_date(self.site.today)}).")
        if undated:
            description += " Không có trong lịch: " + _EVENTS_LEFT_OUT.format(n=undated) + "."
        return Feed("event", None, f"Sự kiện tuyên truyền - {self.site_name}", description, _ordered(entries))


def _activity_key(activity: Any) -> str:
    return activity.members[0].key if hasattr(activity, "members") else activity.key


def _ordered(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda entry: (entry.first, entry.last, entry.uid)))


def event_feed(site: SiteRules, page_url: PageUrl, base_url: str | None = None,
               site_name: str = "Sổ tay tuyên truyền") -> Feed:
    """Every event's day and focus window."""
    return _Builder(site, page_url, base_url, site_name).event_feed()


def organisation_feed(site: SiteRules, org: Organisation, page_url: PageUrl, base_url: str | None = None,
                      site_name: str = "Sổ tay tuyên truyền") -> Feed:
    """The deadlines of what the unit leads or supports (`site.tasks.led_by`, `supported_by`)."""
    return _Builder(site, page_url, base_url, site_name).organisation_feed(org)


def plan_feed(site: SiteRules, plan: Plan, page_url: PageUrl, base_url: str | None = None,
              site_name: str = "Sổ tay tuyên truyền") -> Feed:
    """The deadlines of the plan's tasks (with the tasks of data/tasks/ given to it)."""
    return _Builder(site, page_url, base_url, site_name).plan_feed(plan)


def feeds(site: SiteRules, page_url: PageUrl, base_url: str | None = None,
          site_name: str = "Sổ tay tuyên truyền") -> list[Feed]:
    """Every feed of the build: the events', then one per organisation and one per plan, by id. `page_url(kind,
    id)` is a record's page inside the site; `base_url` the site's own address (mkdocs.yml site_url), without
    which entries name their page in the description but carry no URL (a calendar cannot follow a relative one)."""
    builder = _Builder(site, page_url, base_url, site_name)
    return [builder.event_feed(),
            *(builder.organisation_feed(site.data.organisations[i]) for i in sorted(site.data.organisations)),
            *(builder.plan_feed(site.data.plans[i]) for i in sorted(site.data.plans))]


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

def to_ical(feed: Feed, build_date: date) -> bytes:
    """The feed as an iCalendar file (CRLF lines folded at 75 octets, UTF-8). DTSTAMP is `build_date` at 00:00
    UTC, so two builds of the same data on the same day give the same bytes."""
    return FeedWriter(build_date).to_ical(feed)


_END = b"END:VCALENDAR\r\n"


class FeedWriter:
    """`to_ical` for the feeds of one build: an entry found in several feeds (a task in the feed of each unit it
    reaches and in its plan's) is written out once. icalendar folds lines character by character: writing the same
    entries again was a third of the feeds' time (647 feeds at 1,000 pages: 0.30 s, 0.19 s written once)."""

    def __init__(self, build_date: date) -> None:
        self.stamp = datetime(build_date.year, build_date.month, build_date.day, tzinfo=timezone.utc)
        self._written: dict[tuple[Any, ...], bytes] = {}

    def to_ical(self, feed: Feed) -> bytes:
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        # NAME, DESCRIPTION (RFC 7986) and their older X-WR- forms, all TEXT: vText, or icalendar writes NAME and
        # the X- properties unescaped.
        cal.add("name", vText(feed.name))
        cal.add("x-wr-calname", vText(feed.name))
        cal.add("description", vText(feed.description))
        cal.add("x-wr-caldesc", vText(feed.description))
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
        # icalendar writes the components after the properties, just before END:VCALENDAR.
        head = cal.to_ical().removesuffix(_END)
        return b"".join([head, *(self._entry(entry) for entry in feed.entries), _END])

    def _entry(self, entry: Entry) -> bytes:
        key = (entry.uid, entry.summary, entry.first, entry.last, entry.description, entry.url, entry.tentative,
               entry.category, repr(entry.rrule))
        written = self._written.get(key)
        if written is None:
            written = self._written[key] = self._event(entry).to_ical()
        return written

    def _event(self, entry: Entry) -> VEvent:
        event = VEvent()
        event.add("uid", entry.uid)
        event.add("dtstamp", self.stamp)
        event.add("dtstart", entry.first)
        event.add("dtend", shift(entry.last, 1))  # all-day: DTEND is the day after the last day
        if entry.rrule:
            event.add("rrule", entry.rrule)
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.category:
            event.add("categories", [entry.category])
        event.add("status", "TENTATIVE" if entry.tentative else "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        return event
