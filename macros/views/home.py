"""What the home page and the event cards say against the build date: which outlines a chi bộ needs this month,
how many days a focus window still runs, how far an event is. No MkDocs here."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING

from macros.core.dates import FuzzyDate
from macros.core.model import Event, Outline
from macros.core.vietnamese import lower_first

if TYPE_CHECKING:
    from .site import Site


def month_span(day: date) -> tuple[date, date]:
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return month_span(day)[1] + timedelta(days=1)


class Home:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.today = site.today

    # ---- this month ----

    def month_label(self, day: date) -> str:
        """"tháng 5/2024", "tháng 01/2024": as plans write a month, lower case for use mid-sentence."""
        first, last = month_span(day)
        return lower_first(FuzzyDate("month", first, last, granularity="month").render())

    def focus_overlaps(self, event: Event, first: date, last: date) -> bool:
        """Whether the event's focus window shares a day with first..last (an open end runs forever)."""
        window = self.site.events.focus(event)
        if window is None or (window.first_day is None and window.last_day is None):
            return False
        starts_in_time = window.first_day is None or window.first_day <= last
        return starts_in_time and (window.last_day is None or first <= window.last_day)

    def falls_in_month(self, event: Event, month: date) -> bool:
        day = self.site.events.day(event)
        return day is not None and (day.year, day.month) == (month.year, month.month)

    def month_events(self, outline: Outline, day: date | None = None) -> list[Event]:
        """The outline's events that make it needed in `day`'s month: the focus window overlaps the month,
        or the event falls in this month or the next."""
        day = day or self.today
        first, last = month_span(day)
        return [e for e in self.site.outlines.events(outline)
                if self.focus_overlaps(e, first, last) or self.falls_in_month(e, day)
                or self.falls_in_month(e, next_month(day))]

    def outlines_this_month(self, day: date | None = None) -> list[Outline]:
        """Outlines for chi bộ meetings in the build date's month, in the order of their events."""
        return [o for o in self.site.outlines.sorted() if self.month_events(o, day)]

    # ---- counting days from the build date ----

    def focus_days_left(self, event: Event, day: date | None = None) -> int | None:
        """Days from `day` to the last day of the focus window, when `day` is inside it; else None."""
        day = day or self.today
        window = self.site.events.focus(event)
        if window is None or not window.contains(day) or window.last_day is None:
            return None
        return (window.last_day - day).days

    def days_until(self, event: Event, day: date | None = None) -> int | None:
        """Days from `day` to the event (negative once it has passed); None when its day is unknown."""
        event_day = self.site.events.day(event)
        return None if event_day is None else (event_day - (day or self.today)).days

    def days_left_text(self, n: int | None) -> str:
        """How long a focus window still runs: "còn 11 ngày", "hôm nay là ngày cuối"."""
        if n is None:
            return ""
        return "hôm nay là ngày cuối" if n <= 0 else f"còn {n} ngày"

    def days_until_text(self, n: int | None) -> str:
        """How far an event is: "còn 6 ngày nữa", "ngày mai", "hôm nay", "đã diễn ra 3 ngày trước"."""
        if n is None:
            return "chưa rõ ngày"
        if n == 0:
            return "hôm nay"
        if n == 1:
            return "ngày mai"
        if n > 1:
            return f"còn {n} ngày nữa"
        return f"đã diễn ra {-n} ngày trước"
