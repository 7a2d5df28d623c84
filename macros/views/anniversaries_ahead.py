"""The "năm chẵn" anniversaries ahead: for each coming year, every milestone whose anniversary that year is a
năm tròn (N ending in 0) or a năm lẻ 5 (N ending in 5), with the event that already commemorates it when the
data has one. It is the list a department draws up each year before planning. No MkDocs here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from macros.core import dates
from macros.core.anniversaries import anniversary_class, anniversary_number, milestone_scope
from macros.core.model import Event, Milestone
from macros.core.vietnamese import capitalise, fold, lower_first

if TYPE_CHECKING:
    from .site import Site

YEARS_AHEAD = 10  # the build date's year and the ten years after it

# A milestone title starting with one of these common words reads lower-case after "Kỷ niệm N năm", as plans
# write it ("Kỷ niệm 115 năm thành lập tỉnh Lai Châu"); a name such as "Chiến thắng Điện Biên Phủ" or
# "Bác Hồ gửi thư…" keeps its capital.
_COMMON_STARTS = ("thanh lap", "chia tach", "ngay", "giai phong", "khoi nghia", "ra doi")


@dataclass(frozen=True)
class Anniversary:
    milestone: Milestone
    year: int
    n: int
    klass: str  # "năm tròn" or "năm lẻ 5"
    day: date | None  # the milestone's day in `year` (None for 29/2 in a common year)
    event: Event | None  # the event in the data that commemorates this milestone in `year`

    @property
    def date_text(self) -> str:
        if self.day is not None:
            return dates.format_date(self.day)
        return f"Chưa rõ (ngày {dates.format_date(self.milestone.date)} không có trong năm {self.year})"

    @property
    def scope(self) -> str:
        """ "quốc gia" or "địa phương" (anniversaries.milestone_scope)."""
        return milestone_scope(self.milestone)

    @property
    def scope_label(self) -> str:
        return capitalise(self.scope)

    @property
    def title(self) -> str:
        """As documents write it: "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)"."""
        span = f" ({dates.format_date(self.milestone.date)} - {dates.format_date(self.day)})" if self.day else ""
        return f"Kỷ niệm {self.n} năm {_in_sentence(self.milestone.title)}{span}"


@dataclass(frozen=True)
class YearGroup:
    year: int
    items: list[Anniversary]


def _in_sentence(title: str) -> str:
    folded = fold(title)
    if any(folded.startswith(start) and not folded[len(start):len(start) + 1].isalnum() for start in _COMMON_STARTS):
        return lower_first(title)
    return title


def commemorating_event(site: Site, milestone: Milestone, year: int) -> Event | None:
    """The event of `year` that commemorates `milestone`, if the data has one."""
    found = [e for e in site.data.events.values()
             if e.year == year and any(ref.id == milestone.id for ref in e.milestones)]
    return site.events.sorted(found)[0] if found else None


def for_year(site: Site, year: int) -> list[Anniversary]:
    """Every milestone's năm tròn or năm lẻ 5 anniversary falling in `year`, by date then title."""
    items = []
    for milestone in site.data.milestones.values():
        n = anniversary_number(year, milestone)
        klass = anniversary_class(n)
        if klass is None:
            continue
        items.append(Anniversary(milestone, year, n, klass, dates.same_day_in(year, milestone.date),
                                 commemorating_event(site, milestone, year)))
    collate = site.collation.key
    return sorted(items, key=lambda a: ((a.milestone.date.month, a.milestone.date.day), collate(a.title)))


def years_ahead(site: Site) -> list[int]:
    first = site.today.year
    return list(range(first, first + YEARS_AHEAD + 1))


def ahead(site: Site) -> list[YearGroup]:
    """The anniversaries of the build date's year and the YEARS_AHEAD years after it (years with none included,
    so the page shows that nothing falls due)."""
    return [YearGroup(year, for_year(site, year)) for year in years_ahead(site)]
