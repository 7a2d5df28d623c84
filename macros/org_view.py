"""View helpers for the organisation pages and the organisations index.

Each function takes the Views object `v` first; templates call them as `org_view.fn(v, …)`. No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import dates
from .model import LEVELS, SECTORS, Organisation, Task

# The order task states are counted and listed in: what needs attention first.
UNKNOWN_TEXT = "chưa rõ"


@dataclass(frozen=True)
class Lifetime:
    """Whether a unit is working at the build date, and the dates as the data gives them."""

    code: str  # "active", "not-started", "ending" (ends after the build date), "ended"
    start: str  # "01/3/2025" or "chưa rõ"
    end: str | None  # "28/02/2025", "chưa rõ" (ended, day unknown) or None (still working)

    @property
    def ended(self) -> bool:
        return self.code == "ended"


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


def lifetime(v, org: Organisation) -> Lifetime:
    """An end date in the data ends the unit on that day; a successor without an end date ends it on a day
    the sources do not give. A unit with neither is still working."""
    start = _day(org.valid_from)
    end = _day(org.valid_to)
    start_text = dates.format_date(start) if start else UNKNOWN_TEXT
    if end is not None:
        code = "ended" if end < v.today else "ending"
        return Lifetime(code, start_text, dates.format_date(end))
    if org.valid_to is not None or org.successor:  # "chưa rõ", or a successor with no date
        return Lifetime("ended", start_text, UNKNOWN_TEXT)
    if start is not None and start > v.today:
        return Lifetime("not-started", start_text, None)
    return Lifetime("active", start_text, None)


def level_label(org: Organisation) -> str:
    label = LEVELS.get(org.level, org.level)
    return label[:1].upper() + label[1:]


def sector_label(org_or_sector: Organisation | str) -> str:
    sector = org_or_sector if isinstance(org_or_sector, str) else org_or_sector.sector
    label = SECTORS.get(sector, sector)
    return label[:1].upper() + label[1:]


def successors(v, org: Organisation) -> list[Organisation]:
    return v.by_name(v.data.organisations[r.id] for r in org.successor if r.id in v.data.organisations)


def parent(v, org: Organisation) -> Organisation | None:
    return v.data.organisations.get(org.parent.id) if org.parent else None



def others(task: Task, org_id: str, role: str) -> list[str]:
    """The ids in the task's lead or support list other than this unit, in the order the plan gives them."""
    refs = task.lead if role == "lead" else task.support
    return [r.id for r in refs if r.id != org_id]


def task_events(v, task: Task):
    return v.events_sorted(v.data.events[r.id] for r in task.events if r.id in v.data.events)


def by_sector(v, orgs: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
    """A level's units grouped by sector (in the order of model.SECTORS), names in Vietnamese order."""
    groups: dict[str, list[Organisation]] = {}
    for org in orgs:
        groups.setdefault(org.sector, []).append(org)
    order = list(SECTORS)
    keys = sorted(groups, key=lambda s: order.index(s) if s in order else len(order))
    return [(sector_label(s), v.by_name(groups[s])) for s in keys]


def task_counts(v, org_id: str) -> tuple[int, int]:
    return len(v.tasks_led_by(org_id)), len(v.tasks_supported_by(org_id))
