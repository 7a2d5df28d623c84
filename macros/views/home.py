"""What the home page and the event cards say against the build date: which outlines a chi bộ needs this month,
what is coming (the events in the data and the năm chẵn anniversaries no event commemorates yet), the latest
outlines, how many days a focus window still runs, how far an event is. No MkDocs here.

The home page is never empty while the data has something ahead: when nothing is in focus it still lists what is
coming in the next months (or, when the next months hold nothing, the nearest coming dates however far), and the
latest outlines when no outline is needed this month."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from macros.core.dates import FuzzyDate
from macros.core.model import Event, Outline
from macros.core.vietnamese import heading_anchor, lower_first
from . import anniversaries_ahead
from .anniversaries_ahead import Anniversary

if TYPE_CHECKING:
    from .site import Site

COMING_MONTHS = 3  # "Sắp diễn ra" lists everything up to the end of the month two months after this one…
COMING_AT_LEAST = 5  # …and at least this many dates, however far
COUNT_DAYS_UP_TO = 90  # "còn 6 ngày nữa" for the dates this close; a date further off is shown without a count
LATEST_OUTLINES = 3


@dataclass(frozen=True)
class Coming:
    """One date of "Sắp diễn ra": an event of the data, or a năm chẵn anniversary no event commemorates yet."""

    day: date
    title: str
    event: Event | None = None
    anniversary: Anniversary | None = None


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

    def following_month(self, day: date | None = None) -> date:
        """The first day of the month after `day`'s (the build date's)."""
        return next_month(day or self.today)

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

    def latest_outlines(self, limit: int = LATEST_OUTLINES) -> list[Outline]:
        """The outlines of the latest events, newest first (by the latest known start of their events); outlines
        whose events have no known time are left out."""
        def latest(outline: Outline) -> date | None:
            events = self.site.events
            days = [events.day(e) or events.when(e).start for e in self.site.outlines.events(outline)]
            return max((d for d in days if d is not None), default=None)

        dated = [(day, outline) for outline in self.site.outlines.sorted() if (day := latest(outline)) is not None]
        dated.sort(key=lambda pair: (-pair[0].toordinal(), self.site.collation.key(pair[1].title)))
        return [outline for _, outline in dated[:limit]]

    # ---- what is coming ----

    def coming_until(self, day: date | None = None) -> date:
        """The last day "Sắp diễn ra" lists in full: the end of the month COMING_MONTHS - 1 months after `day`'s."""
        last = day or self.today
        for _ in range(COMING_MONTHS - 1):
            last = next_month(last)
        return month_span(last)[1]

    def coming(self, day: date | None = None) -> list[Coming]:
        """From `day` on, in date order: the events of the data with a known day, and the năm chẵn anniversaries
        of the milestones that no event of the data commemorates; everything up to `coming_until`, and at least
        COMING_AT_LEAST dates however far (within the years the anniversaries ahead cover)."""
        day = day or self.today
        events = self.site.events
        found = [Coming(d, events.title(e), event=e) for e in events.sorted()
                 if (d := events.day(e)) is not None and d >= day]
        for year in anniversaries_ahead.years_ahead(self.site):
            found += [Coming(a.day, a.title, anniversary=a) for a in anniversaries_ahead.for_year(self.site, year)
                      if a.event is None and a.day is not None and a.day >= day]
        found.sort(key=lambda item: (item.day, item.anniversary is not None, self.site.collation.key(item.title)))
        until = self.coming_until(day)
        return [item for i, item in enumerate(found) if i < COMING_AT_LEAST or item.day <= until]

    def count_text(self, item: Coming, day: date | None = None) -> str:
        """ "còn 6 ngày nữa", "hôm nay" for a date up to COUNT_DAYS_UP_TO days away; "" for one further off."""
        n = (item.day - (day or self.today)).days
        return self.days_until_text(n) if n <= COUNT_DAYS_UP_TO else ""

    def anniversaries_anchor(self, year: int) -> str:
        """The anchor of `year`'s heading on the page of the anniversaries ahead ("## Năm 2028")."""
        return heading_anchor(f"Năm {year}")

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
