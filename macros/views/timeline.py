"""The timeline of one year, laid out for an SVG drawn at build time (no JavaScript, no CDN).

`layout_year(site, year)` does all the arithmetic: a day maps to an x by its day of the year, each event
gets a row with a marker on its day and a bar for its focus window (clipped to the year, flagged when it
continues into the previous or next year), dated campaign phases get bars, and everything that cannot be
placed on the calendar (unknown day, undated phases) is collected for the list under the chart. The
templates (partials/timeline_*.j2) only print these numbers. No MkDocs here.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from macros.core import dates
from macros.core.anniversaries import FocusWindow
from macros.core.model import Event, Phase, Plan
from macros.core.validate import document_date_bounds

if TYPE_CHECKING:
    from .site import Site

# ---- geometry (SVG user units; the drawing scales to the page width through its viewBox) ----

WIDTH = 800
EDGE = 24.0  # room outside the plot for the arrows that say a bar goes on into another year
PLOT_LEFT = EDGE
PLOT_RIGHT = WIDTH - EDGE
PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT
HEADER_HEIGHT = 36.0  # month labels
ROW_HEIGHT = 48.0  # one event or phase: label line, then the bar
LABEL_OFFSET = 17.0  # baseline of the row label below the row top
BAR_OFFSET = 24.0  # top of the bar below the row top
BAR_HEIGHT = 14.0
MARKER_RADIUS = 8.0  # half the diagonal of the diamond on the event day
SECTION_HEIGHT = 28.0  # the "Các đợt tuyên truyền" caption line
TODAY_LABEL_HEIGHT = 20.0
LEGEND_HEIGHT = 34.0
LEGEND_SYMBOL_WIDTH = 22.0
ARROW_GAP = 9.0  # between the plot's edge and the arrow that says a bar goes on into another year
ARROW_LENGTH = 10.0
FONT_SIZE = 16.0
CHAR_WIDTH = 0.48 * FONT_SIZE  # an estimate of a serif character's advance, to place labels without measuring
# Longer titles are cut at a word and end with "…" (the full title is in the tooltip and the list); the 10% spare
# room absorbs the error of the width estimate.
MAX_LABEL_CHARS = int(0.9 * PLOT_WIDTH / CHAR_WIDTH)

MONTH_LABELS = tuple(f"Th {m}" for m in range(1, 13))
MONTH_NAMES = tuple(f"Tháng {m}" for m in range(1, 13))


# ---- day → x ----

def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def day_width(year: int) -> float:
    return PLOT_WIDTH / days_in_year(year)


def day_x(year: int, day: date) -> float:
    """The left edge of `day` in the chart of `year`: 01/01 is PLOT_LEFT, the day after 31/12 is PLOT_RIGHT."""
    return PLOT_LEFT + (day - date(year, 1, 1)).days * day_width(year)


def day_end_x(year: int, day: date) -> float:
    """The right edge of `day`: a bar that ends on `day` covers it."""
    return day_x(year, day) + day_width(year)


def day_mid_x(year: int, day: date) -> float:
    return day_x(year, day) + day_width(year) / 2


def _r(value: float) -> float:
    return round(value, 2)


def arrow_points(side: str, y_mid: float) -> str:
    """A small triangle just outside the plot, pointing left ("before") or right ("after")."""
    half = BAR_HEIGHT / 2
    if side == "before":
        base, tip = PLOT_LEFT - ARROW_GAP, PLOT_LEFT - ARROW_GAP - ARROW_LENGTH
    else:
        base, tip = PLOT_RIGHT + ARROW_GAP, PLOT_RIGHT + ARROW_GAP + ARROW_LENGTH
    return f"{_r(base)},{_r(y_mid - half)} {_r(tip)},{_r(y_mid)} {_r(base)},{_r(y_mid + half)}"


def shorten(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """Cut a long title at a word boundary and mark the cut with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-–(") + "…"


# ---- what the template receives ----

@dataclass(frozen=True)
class Month:
    number: int
    label: str  # "Th 5"
    name: str  # "Tháng 5"
    x: float
    width: float
    label_x: float
    shaded: bool  # every other month gets a light grey band


@dataclass(frozen=True)
class Span:
    """A bar clipped to the year: from x to x + width; the flags say the real period goes on beyond."""

    first: date
    last: date
    x: float
    width: float
    continues_before: bool
    continues_after: bool

    @property
    def end_x(self) -> float:
        return _r(self.x + self.width)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    anchor: str  # "start" or "end"


@dataclass(frozen=True)
class EventRow:
    event: Event
    title: str  # full title: tooltip and list
    label: Label  # shortened title placed beside the bar
    day: date | None  # the event day, wherever it falls
    marker_x: float | None  # the day's centre, when the day is in this year
    focus: Span | None  # the focus window within this year
    window: FocusWindow | None  # the whole focus window, for the list
    other_year: int | None  # the event's year when it is not the chart's year
    top: float  # row geometry
    label_y: float
    bar_y: float
    bar_height: float
    marker_y: float

    def arrow(self, side: str) -> str:
        return arrow_points(side, self.bar_y + self.bar_height / 2)

    @property
    def list_day(self) -> date:
        """Where the row goes in the list by month: the event day when it is in this year, else the first day of
        its focus window in the year (one of the two is always drawn)."""
        if self.marker_x is not None and self.day is not None:
            return self.day
        assert self.focus is not None
        return self.focus.first

    @property
    def marker_points(self) -> str:
        """The diamond on the event day, as SVG polygon points."""
        assert self.marker_x is not None
        x, y, r = self.marker_x, self.marker_y, MARKER_RADIUS
        return f"{_r(x)},{_r(y - r)} {_r(x + r)},{_r(y)} {_r(x)},{_r(y + r)} {_r(x - r)},{_r(y)}"


@dataclass(frozen=True)
class PhaseRow:
    plan: Plan
    phase: Phase
    label: Label
    span: Span
    top: float
    label_y: float
    bar_y: float
    bar_height: float

    def arrow(self, side: str) -> str:
        return arrow_points(side, self.bar_y + self.bar_height / 2)


@dataclass(frozen=True)
class PhaseItem:
    """A phase that cannot be drawn: its times are unknown or only tied to events without a date."""

    plan: Plan
    phase: Phase
    start_text: str | None  # a known bound, rendered
    end_text: str | None
    after_event: Event | None
    until_event: Event | None


@dataclass(frozen=True)
class LegendItem:
    """One key of the legend: a symbol drawn like the chart's, then its text."""

    kind: str  # "marker", "focus", "phase", "today"
    text: str
    x: float  # the symbol's left edge
    y: float  # the text baseline
    text_x: float

    @property
    def symbol_box(self) -> tuple[float, float, float, float]:
        """x, y, width, height of a bar sample (focus, phase)."""
        return (self.x, _r(self.y - BAR_HEIGHT + 2), LEGEND_SYMBOL_WIDTH, BAR_HEIGHT)

    @property
    def marker_points(self) -> str:
        x, y, r = self.x + LEGEND_SYMBOL_WIDTH / 2, self.y - BAR_HEIGHT / 2 + 2, MARKER_RADIUS
        return f"{_r(x)},{_r(y - r)} {_r(x + r)},{_r(y)} {_r(x)},{_r(y + r)} {_r(x - r)},{_r(y)}"

    @property
    def line(self) -> tuple[float, float, float]:
        """x, y1, y2 of a "today" sample."""
        x = _r(self.x + LEGEND_SYMBOL_WIDTH / 2)
        return (x, _r(self.y - BAR_HEIGHT - 2), _r(self.y + 4))


@dataclass(frozen=True)
class MonthGroup:
    """The events of one month in the list under the chart (on a phone: the vertical timeline, in place of the
    chart)."""

    year: int
    month: int
    rows: list[EventRow]

    @property
    def label(self) -> str:
        """ "Tháng 01/2024", "Tháng 5/2024": the month as dated text writes it (dates.format_month)."""
        return f"Tháng {dates.format_month(date(self.year, self.month, 1))}"


@dataclass(frozen=True)
class TodayLine:
    day: date
    x: float
    top: float
    bottom: float
    label_y: float
    label_x: float
    anchor: str


@dataclass
class YearChart:
    year: int
    width: int
    height: float
    plot_left: float
    plot_right: float
    header_height: float
    grid_top: float
    grid_bottom: float
    months: list[Month]
    rows: list[EventRow]
    phase_rows: list[PhaseRow]
    phase_caption_y: float | None
    undated_events: list[Event]  # "Chưa rõ ngày": events of the year with no day and no dated window
    undated_phases: list[PhaseItem]
    today: TodayLine | None
    legend: list[LegendItem]
    legend_y: float
    prev_year: int | None
    next_year: int | None
    id_prefix: str  # unique ids for <title>, <desc> and patterns
    font_size: float = FONT_SIZE
    marker_radius: float = MARKER_RADIUS
    row_height: float = ROW_HEIGHT  # a row's whole height, the area that links it to its page

    @property
    def drawn(self) -> bool:
        """Whether there is anything to put on the calendar (else the page says so in a sentence)."""
        return bool(self.rows or self.phase_rows)

    @property
    def empty(self) -> bool:
        return not (self.rows or self.phase_rows or self.undated_events or self.undated_phases)

    @property
    def month_groups(self) -> list[MonthGroup]:
        """The drawn events by the month of their list day, in calendar order (within a month, in row order)."""
        groups: dict[int, list[EventRow]] = {}
        for row in self.rows:
            groups.setdefault(row.list_day.month, []).append(row)
        return [MonthGroup(self.year, month, groups[month]) for month in sorted(groups)]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {_r(self.height)}"


# ---- layout ----

def clip(year: int, first: date, last: date) -> Span | None:
    """The part of [first, last] inside `year`, or None when the period misses the year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if last < start or first > end or last < first:
        return None
    shown_first, shown_last = max(first, start), min(last, end)
    x = day_x(year, shown_first)
    return Span(shown_first, shown_last, _r(x), _r(day_end_x(year, shown_last) - x),
                continues_before=first < start, continues_after=last > end)


def place_label(title: str, left: float, right: float) -> Label:
    """The row's title above its bar: from the bar's left end when it fits before the plot's right edge, else
    ending at the bar's right end, else ending at the plot's right edge (as close to the bar as it fits; a
    label is never longer than the plot is wide)."""
    text = shorten(title)
    width = len(text) * CHAR_WIDTH
    if left + width <= PLOT_RIGHT:
        return Label(text, _r(left), "start")
    if right - width >= PLOT_LEFT:
        return Label(text, _r(right), "end")
    return Label(text, PLOT_RIGHT, "end")


def months_of(year: int) -> list[Month]:
    months = []
    for m in range(1, 13):
        first = date(year, m, 1)
        x = day_x(year, first)
        width = calendar.monthrange(year, m)[1] * day_width(year)
        months.append(Month(m, MONTH_LABELS[m - 1], MONTH_NAMES[m - 1], _r(x), _r(width), _r(x + width / 2),
                            shaded=m % 2 == 0))
    return months


def _window_bounds(window: FocusWindow | None) -> tuple[date, date] | None:
    if window is None or window.first_day is None or window.last_day is None:
        return None
    return window.first_day, window.last_day


def events_in_year(site: Site, year: int) -> tuple[list[Event], list[Event]]:
    """(drawn, undated): events placed on this year's calendar, and events of this year with no place on it.

    Drawn: an event whose day or focus window falls in the year, whatever its own year (the 20th anniversary of
    01/01/2004 is held in 2024, its focus window opens on 01/12/2023). Undated: events of this year with
    neither a day nor a dated focus window.
    """
    drawn, undated = [], []
    for event in site.data.events.values():
        day = site.events.day(event)
        bounds = _window_bounds(site.events.focus(event))
        if (day is not None and day.year == year) or (bounds is not None and clip(year, *bounds) is not None):
            drawn.append(event)
        elif event.year == year and day is None and bounds is None:
            undated.append(event)
    return site.events.sorted(drawn), site.events.sorted(undated)


def _event_row(site: Site, event: Event, year: int, top: float) -> EventRow:
    title = site.events.title(event)
    day = site.events.day(event)
    window = site.events.focus(event)
    bounds = _window_bounds(window)
    focus = clip(year, *bounds) if bounds is not None else None
    marker_x = _r(day_mid_x(year, day)) if day is not None and day.year == year else None
    left = min(v for v in (focus.x if focus else None, marker_x) if v is not None)
    right = max(v for v in (focus.end_x if focus else None, marker_x) if v is not None)
    if marker_x is not None:
        left, right = min(left, marker_x - MARKER_RADIUS), max(right, marker_x + MARKER_RADIUS)
    other_year = event.year if isinstance(event.year, int) and event.year != year else None
    return EventRow(
        event=event, title=title, label=place_label(title, max(left, PLOT_LEFT), min(right, PLOT_RIGHT)),
        day=day, marker_x=marker_x, focus=focus, window=window, other_year=other_year,
        top=_r(top), label_y=_r(top + LABEL_OFFSET), bar_y=_r(top + BAR_OFFSET), bar_height=BAR_HEIGHT,
        marker_y=_r(top + BAR_OFFSET + BAR_HEIGHT / 2))


# ---- campaign phases ----

def phase_bounds(site: Site, phase: Phase) -> tuple[date | None, date | None]:
    """A phase's first and last day: its own dates, else the day after the event it follows and the day of the
    event it runs until. None where neither is known."""
    first = phase.start.start if phase.start is not None else None
    last = phase.end.end if phase.end is not None else None
    if first is None and (after := site.events.of_ref(phase.after_event)) is not None:
        day = site.events.day(after)
        first = day + timedelta(days=1) if day is not None else None
    if last is None and (until := site.events.of_ref(phase.until_event)) is not None:
        last = site.events.day(until)
    return first, last


def plan_years(site: Site, plan: Plan) -> set[int]:
    """The years a plan belongs to, for listing its undated phases: the year it was issued; when that is
    unknown, the years of its content and of the events it names; failing that, the year of the latest document
    it implements or is based on (a plan is issued after the documents it carries out)."""
    if isinstance(plan.date, date):
        return {plan.date.year}
    years = {item.year for item in plan.content if isinstance(item.year, int)}
    years |= {e.year for e in site.plans.events(plan) if isinstance(e.year, int)}
    if years:
        return years
    latest, _ = document_date_bounds(plan, site.data)
    return {latest.year} if latest else set()


def phases_in_year(site: Site, year: int) -> tuple[list[tuple[Plan, Phase, Span]], list[PhaseItem]]:
    drawn, listed = [], []
    for plan in site.documents.sorted(site.data.plans.values()):
        belongs = year in plan_years(site, plan)
        for phase in plan.phases:
            first, last = phase_bounds(site, phase)
            if first is not None and last is not None:
                span = clip(year, first, last)
                if span is not None:
                    drawn.append((plan, phase, span))
                continue
            if belongs or any(d is not None and d.year == year for d in (first, last)):
                listed.append(PhaseItem(
                    plan, phase,
                    start_text=dates.format_date(first) if first is not None else None,
                    end_text=dates.format_date(last) if last is not None else None,
                    after_event=site.events.of_ref(phase.after_event), until_event=site.events.of_ref(phase.until_event)))
    return drawn, listed


def phase_label(site: Site, plan: Plan, phase: Phase) -> str:
    return f"{phase.name} ({site.documents.label(plan)})"


# ---- the chart ----

def neighbours(site: Site, year: int) -> tuple[int | None, int | None]:
    """The nearest years before and after that have a timeline page."""
    years = site.events.years()
    before = [y for y in years if y < year]
    after = [y for y in years if y > year]
    return (before[-1] if before else None, after[0] if after else None)


def _legend(has_phases: bool, today: date | None, y: float) -> list[LegendItem]:
    items = [("marker", "Ngày diễn ra"), ("focus", "Tuyên truyền sâu đậm")]
    if has_phases:
        items.append(("phase", "Đợt tuyên truyền"))
    if today is not None:
        items.append(("today", f"Hôm nay ({dates.format_date(today)})"))
    legend, x = [], PLOT_LEFT
    for kind, text in items:
        legend.append(LegendItem(kind, text, _r(x), y, _r(x + LEGEND_SYMBOL_WIDTH + 6)))
        x += LEGEND_SYMBOL_WIDTH + 6 + len(text) * CHAR_WIDTH + 24
    return legend


def layout_year(site: Site, year: int) -> YearChart:
    drawn_events, undated_events = events_in_year(site, year)
    drawn_phases, undated_phases = phases_in_year(site, year)

    top = HEADER_HEIGHT
    rows = []
    for event in drawn_events:
        rows.append(_event_row(site, event, year, top))
        top += ROW_HEIGHT

    phase_rows, caption_y = [], None
    if drawn_phases:
        caption_y = _r(top + SECTION_HEIGHT - 8)
        top += SECTION_HEIGHT
        for plan, phase, span in drawn_phases:
            label = place_label(phase_label(site, plan, phase), span.x, span.end_x)
            phase_rows.append(PhaseRow(plan, phase, label, span, _r(top), _r(top + LABEL_OFFSET),
                                       _r(top + BAR_OFFSET), BAR_HEIGHT))
            top += ROW_HEIGHT

    grid_bottom = top + 6
    today = None
    if site.today.year == year and (rows or phase_rows):
        x = _r(day_mid_x(year, site.today))
        text_width = len("Hôm nay") * CHAR_WIDTH
        anchor = "middle"
        if x - text_width / 2 < PLOT_LEFT:
            anchor = "start"
        elif x + text_width / 2 > PLOT_RIGHT:
            anchor = "end"
        today = TodayLine(site.today, x, HEADER_HEIGHT - 10, _r(grid_bottom), _r(grid_bottom + 15), x, anchor)
        top = grid_bottom + TODAY_LABEL_HEIGHT
    else:
        top = grid_bottom

    legend_y = _r(top + LEGEND_HEIGHT / 2 + 4)
    height = top + LEGEND_HEIGHT
    prev_year, next_year = neighbours(site, year)
    return YearChart(
        year=year, width=WIDTH, height=_r(height), plot_left=PLOT_LEFT, plot_right=PLOT_RIGHT,
        header_height=HEADER_HEIGHT, grid_top=HEADER_HEIGHT - 12, grid_bottom=_r(grid_bottom),
        months=months_of(year), rows=rows, phase_rows=phase_rows, phase_caption_y=caption_y,
        undated_events=undated_events, undated_phases=undated_phases, today=today,
        legend=_legend(bool(phase_rows), today.day if today else None, legend_y), legend_y=legend_y,
        prev_year=prev_year, next_year=next_year, id_prefix=f"sotay-tl-{year}")


def current_year_chart(site: Site) -> YearChart | None:
    """The chart of the build date's year, when that year has a timeline page (for the timeline index)."""
    year = site.today.year
    return layout_year(site, year) if year in site.events.years() else None
