"""What a plan page shows of the plan's progress: its activities counted by state, and by lead unit and state, with
who has recorded a result (`result` of a task: "đã báo cáo"), and a small horizontal bar chart of the states drawn
at build time as inline SVG (macros/views/templates/partials/plan_progress.md.j2). States are the build date's,
`Tasks.state`; an activity written in several places (`same_as`) counts once. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from macros.core import deadlines
from macros.core.model import Plan, Task, TaskResult
from .tasks import TaskEntry

if TYPE_CHECKING:
    from .site import Site

# The colour of each state: the same as its text in docs/assets/sotay.css (`.sotay-state--<code>`), tested; a state
# not listed here is drawn in grey. Each state also has a fill pattern of its own and its name and count written
# beside the bar, so the chart reads in black-and-white print.
STATE_COLOURS: dict[str, str] = {
    "overdue": "#b71c1c",
    "due-soon": "#e65100",
    "upcoming": "#1b5e20",
    "ongoing": "#0d47a1",
    "recurring": "#4a148c",
    "unknown": "#757575",
    "done": "#37474f",
    "no-report": "#546e7a",
}
DEFAULT_COLOUR = "#616161"
# The pattern drawn over a light ground in the state's colour: "solid", "cross" (cross-hatch), "diagonal",
# "back-diagonal", "horizontal", "vertical", "dots", "none" (outline only).
STATE_PATTERNS: dict[str, str] = {
    "overdue": "cross",
    "due-soon": "diagonal",
    "upcoming": "dots",
    "ongoing": "horizontal",
    "recurring": "vertical",
    "unknown": "none",
    "done": "solid",
    "no-report": "back-diagonal",
}
DEFAULT_PATTERN = "back-diagonal"

# Chart geometry, in SVG user units (the chart scales to the page width).
WIDTH = 640
LABEL_RIGHT = 150  # state names end here
PLOT_LEFT = 160
PLOT_WIDTH = 340  # a bar as wide as this is every activity of the plan
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8
FONT_SIZE = 13


@dataclass(frozen=True)
class StateCount:
    code: str
    label: str  # as the state spans write it: "Quá hạn"
    count: int


@dataclass(frozen=True)
class Bar:
    code: str
    label: str
    count: int
    percent: int  # of all the plan's activities, rounded
    y: float  # top of the bar
    width: float
    colour: str
    pattern: str
    fill: str  # the SVG fill: the colour (solid) or the url of the state's pattern

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35

    @property
    def value_x(self) -> float:
        return PLOT_LEFT + self.width + 6

    @property
    def value_text(self) -> str:
        return f"{self.count} ({self.percent}%)"


@dataclass(frozen=True)
class Chart:
    id_prefix: str
    bars: list[Bar]
    total: int
    day: date
    width: int = WIDTH
    label_right: int = LABEL_RIGHT
    plot_left: int = PLOT_LEFT
    plot_width: int = PLOT_WIDTH
    bar_height: int = BAR_HEIGHT
    font_size: int = FONT_SIZE

    @property
    def height(self) -> float:
        return TOP * 2 + ROW_HEIGHT * len(self.bars)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height:g}"

    @property
    def patterns(self) -> list[Bar]:
        """The bars drawn with a pattern (one <pattern> each)."""
        return [bar for bar in self.bars if bar.pattern != "solid"]


@dataclass(frozen=True)
class LeadRow:
    org_id: str
    counts: list[int]  # in the order of PlanProgress.states
    total: int
    reported: int  # activities with a recorded result

    @property
    def report_text(self) -> str:
        if self.reported == 0:
            return f"Chưa báo cáo (0/{self.total})"
        if self.reported == self.total:
            return f"Đã báo cáo ({self.reported}/{self.total})"
        return f"Đã báo cáo {self.reported}/{self.total}, chưa {self.total - self.reported}"


@dataclass(frozen=True)
class Reported:
    """An activity with its result, as the list under the table shows it."""

    entry: TaskEntry
    result: TaskResult


@dataclass(frozen=True)
class PlanProgress:
    plan: Plan
    day: date  # the day the states are judged on
    total: int
    states: list[StateCount]  # the states that occur, most urgent first
    leads: list[LeadRow]
    reported: list[Reported]
    chart: Chart

    @property
    def reported_count(self) -> int:
        return len(self.reported)


def result_of(entry: TaskEntry | Task) -> TaskResult | None:
    """The result recorded for an activity: the latest of its places' results."""
    members = entry.members if isinstance(entry, TaskEntry) else (entry,)
    results = [task.result for task in members if task.result is not None]
    return max(results, key=lambda result: result.date) if results else None


def _order(codes: set[str]) -> list[str]:
    known = [code for code in deadlines.STATE_ORDER if code in codes]
    return known + sorted(codes - set(known))


def _bar(code: str, label: str, count: int, total: int, index: int, prefix: str) -> Bar:
    pattern = STATE_PATTERNS.get(code, DEFAULT_PATTERN)
    colour = STATE_COLOURS.get(code, DEFAULT_COLOUR)
    width = round(PLOT_WIDTH * count / total, 1) if total else 0.0
    return Bar(code=code, label=label, count=count, percent=round(100 * count / total) if total else 0,
               y=TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2, width=width, colour=colour,
               pattern=pattern, fill=colour if pattern == "solid" else f"url(#{prefix}-{code})")


class Progress:
    def __init__(self, site: "Site") -> None:
        self.site = site

    def of(self, plan: Plan) -> PlanProgress:
        tasks = self.site.tasks
        entries = tasks.entries(plan.tasks)
        states = {entry.task.key: tasks.state(entry) for entry in entries}
        labels = {state.code: state.label for state in states.values()}
        codes = _order(set(labels))
        counted = [StateCount(code, labels[code], sum(1 for s in states.values() if s.code == code))
                   for code in codes]
        leads = []
        for org_id, led in tasks.by_lead(plan.tasks):
            counts = [sum(1 for entry in led if states[entry.task.key].code == code) for code in codes]
            leads.append(LeadRow(org_id, counts, len(led), sum(1 for entry in led if result_of(entry))))
        reported = [Reported(entry, result) for entry in tasks.sorted(entries)
                    if (result := result_of(entry)) is not None]
        prefix = f"sotay-progress-{plan.id}"
        chart = Chart(prefix, [_bar(s.code, s.label, s.count, len(entries), i, prefix) for i, s in enumerate(counted)],
                      len(entries), self.site.today)
        return PlanProgress(plan, self.site.today, len(entries), counted, leads, reported, chart)
