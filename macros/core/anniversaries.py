"""Anniversaries: the N of "Kỷ niệm N năm", its class (năm tròn, năm lẻ 5), event dates and focus windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import dates
from .dates import FuzzyDate
from .unknown import UNKNOWN, UNKNOWN_TEXT
from .model import Dataset, Event, Milestone

DEFAULT_FOCUS_BEFORE = 20  # seed 000 II.3: "trước từng sự kiện 20 ngày và sau mỗi sự kiện 5 ngày"
DEFAULT_FOCUS_AFTER = 5


def anniversary_number(year: int, milestone: Milestone) -> int:
    return year - milestone.date.year


def anniversary_class(n: int) -> str | None:
    """N ending in 0 is a "năm tròn", in 5 a "năm lẻ 5"; both are the "năm chẵn" commemorated at scale."""
    if n > 0 and n % 10 == 0:
        return "năm tròn"
    if n > 0 and n % 5 == 0:
        return "năm lẻ 5"
    return None


NATIONAL = "quốc gia"
LOCAL = "địa phương"


def milestone_scope(milestone: Milestone) -> str:
    """National when a central body's document names the day as one the whole country commemorates
    (`national_day`, checked to be central by validate.check_national_days); local otherwise."""
    return NATIONAL if milestone.national_day is not None else LOCAL


def event_milestones(event: Event, dataset: Dataset) -> list[Milestone]:
    return [dataset.milestones[ref.id] for ref in event.milestones if ref.id in dataset.milestones]


def event_number(event: Event, dataset: Dataset) -> int | None:
    milestones = event_milestones(event, dataset)
    if event.kind != "anniversary" or not milestones or event.year is UNKNOWN:
        return None
    return anniversary_number(event.year, milestones[0])


def event_date(event: Event, dataset: Dataset) -> date | None:
    """The day the event falls on, when known: the explicit date, else the milestone's day in the event year."""
    if isinstance(event.date, date):
        return event.date
    if event.date is UNKNOWN or event.kind != "anniversary" or event.year is UNKNOWN:
        return None
    milestones = event_milestones(event, dataset)
    return dates.same_day_in(event.year, milestones[0].date) if milestones else None


def event_when(event: Event, dataset: Dataset) -> FuzzyDate:
    """The event's time as a fuzzy date: its day when known, else its year, else unknown."""
    day = event_date(event, dataset)
    if day is not None:
        return dates.fuzzy_from_date(day)
    if isinstance(event.year, int):
        return dates.parse_fuzzy(f"Năm {event.year}")
    return dates.parse_fuzzy(UNKNOWN_TEXT)


@dataclass(frozen=True)
class FocusWindow:
    start: FuzzyDate
    end: FuzzyDate
    explicit: bool  # set in the data (e.g. seed 000's 01/12/2023 - 10/01/2024) rather than the default
    before: int | None = None  # for a window computed from the event day: the days before and after it
    after: int | None = None

    @property
    def first_day(self) -> date | None:
        return self.start.start

    @property
    def last_day(self) -> date | None:
        return self.end.end

    def contains(self, day: date) -> bool:
        return (self.first_day is None or self.first_day <= day) and (self.last_day is None or day <= self.last_day)

    def render(self) -> str:
        first, last = self.first_day, self.last_day
        if self.start.kind == "day" and self.end.kind == "day" and first and last:
            return f"{dates.format_date(first)} - {dates.format_date(last)}"
        return f"{self.start.render()} - {self.end.render()}"


def focus_window(event: Event, dataset: Dataset) -> FocusWindow | None:
    focus = event.focus
    if focus is not None and focus.start is not None and focus.end is not None:
        return FocusWindow(focus.start, focus.end, explicit=True)
    day = event_date(event, dataset)
    if day is None:
        return None
    before = focus.before if focus is not None and focus.before is not None else DEFAULT_FOCUS_BEFORE
    after = focus.after if focus is not None and focus.after is not None else DEFAULT_FOCUS_AFTER
    return FocusWindow(dates.fuzzy_from_date(dates.shift(day, -before)),
                       dates.fuzzy_from_date(dates.shift(day, after)), explicit=False, before=before, after=after)


def event_title(event: Event, dataset: Dataset) -> str:
    """The title as documents write it: `Kỷ niệm N năm <name> (d/m/Y0 - d/m/Y)`."""
    if event.title:
        return event.title
    n = event_number(event, dataset)
    milestones = event_milestones(event, dataset)
    day = event_date(event, dataset)
    if n is None:
        return event.name
    span = ""
    if day is not None and len({m.date for m in milestones}) == 1:
        span = f" ({dates.format_date(milestones[0].date)} - {dates.format_date(day)})"
    return f"Kỷ niệm {n} năm {event.name}{span}"
