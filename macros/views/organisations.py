"""What the site shows about organisations: their names, levels and sectors, whether a unit is working at the
build date, who came before and after it, and how many tasks it leads and supports. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import TYPE_CHECKING, Iterable

from macros.core import dates
from macros.core.unknown import UNKNOWN_TEXT
from macros.core.model import LEVELS, SECTORS, Organisation
from macros.core.vietnamese import capitalise, fold
from .years import NO_YEAR, newest_first, year_label

if TYPE_CHECKING:
    from .site import Site


INDEX_LIMIT = 400  # a province has a few hundred units; past that the unit index is split by level and initial
LETTER_FOLDER = "don-vi/theo-chu"
# A unit page that would grow with the data moves parts to pages of its own, under don-vi/<id>/:
# - past this many activities reaching the unit (led and supported), each year of its past work has a page
#   (nam-<year>); the shipped data's busiest unit has 54;
# - past this many documents it issued, each year of them has a page (van-ban-<year>): a Ban Tuyên giáo issues
#   a few hundred a year. The shipped data's units issued at most a handful.
TASKS_LIMIT = 80
ISSUED_LIMIT = 100


def unit_folder(org_id: str) -> str:
    return f"don-vi/{org_id}"


def past_year_path(org_id: str, year: str) -> str:
    return f"{unit_folder(org_id)}/nam-{year}.md"


def issued_year_path(org_id: str, year: str) -> str:
    return f"{unit_folder(org_id)}/van-ban-{year}.md"


@dataclass(frozen=True)
class PastYear:
    """One year of a unit's past work, on a page of its own (a split unit page)."""

    key: str  # "2023" or NO_YEAR
    led: list
    supported: list

    @property
    def label(self) -> str:
        return year_label(self.key)

    @property
    def count(self) -> int:
        return len(self.led) + len(self.supported)


@dataclass(frozen=True)
class IssuedYear:
    """One year of the documents a unit issued (any of their issuers), on a page of its own."""

    key: str
    docs: list

    @property
    def label(self) -> str:
        return year_label(self.key)


def initial(org: Organisation) -> str:
    """The first letter of the unit's name without diacritics, or "khac" when it does not start with a letter."""
    first = fold(org.name)[:1]
    return first if first.isalpha() and first.isascii() else "khac"


def letter_page_path(level: str, letter: str) -> str:
    return f"{LETTER_FOLDER}/{level}-{letter}.md"


@dataclass(frozen=True)
class Relations:
    """Unit id -> the units under it (`parent`), before it (their `successor` names it), in it (a group's
    `member_of`), each list in Vietnamese order of the full names."""

    children: dict[str, list[Organisation]]
    predecessors: dict[str, list[Organisation]]
    members: dict[str, list[Organisation]]


@dataclass(frozen=True)
class Lifetime:
    """Whether a unit is working at the build date, and the dates as the data gives them."""

    code: str  # "active", "not-started", "ending" (ends after the build date), "ended"
    start: str  # "01/3/2025" or "chưa rõ"
    end: str | None  # "28/02/2025", "chưa rõ" (ended, day unknown) or None (still working)

    @property
    def ended(self) -> bool:
        return self.code == "ended"

    @property
    def period(self) -> str:
        """The working period as a unit page states it: "Từ ngày 01/3/2025 đến nay", "Từ (chưa rõ ngày) đến
        ngày 28/02/2025"; a unit not yet working has no end ("Từ ngày 01/3/2025")."""
        since = "(chưa rõ ngày)" if self.start == UNKNOWN_TEXT else f"ngày {self.start}"
        if self.end == UNKNOWN_TEXT:
            until = " đến (chưa rõ ngày kết thúc)"
        elif self.end:
            until = f" đến ngày {self.end}"
        else:
            until = " đến nay" if self.code == "active" else ""
        return f"Từ {since}{until}"


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None


class Organisations:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data
        self.today = site.today
        # unit id -> its past years, its issued documents by year: for the unit page and each of its year pages
        self._past: dict[str, list[PastYear]] = {}
        self._issued: dict[str, list[IssuedYear]] = {}

    def _by_full_name(self, orgs: Iterable[Organisation]) -> list[Organisation]:
        return self.site.collation.sort_by(orgs, lambda org: org.name)

    def name(self, org_id: str) -> str:
        """The short name when there is one; the id of an unknown unit (the checker reports it)."""
        org = self.data.organisations.get(org_id)
        return org.display_name if org else org_id

    def level_label(self, org: Organisation) -> str:
        return capitalise(LEVELS.get(org.level, org.level))

    def sector_label(self, org_or_sector: Organisation | str) -> str:
        sector = org_or_sector if isinstance(org_or_sector, str) else org_or_sector.sector
        return capitalise(SECTORS.get(sector, sector))

    def lifetime(self, org: Organisation) -> Lifetime:
        """An end date in the data ends the unit on that day; a successor without an end date ends it on a day
        the sources do not give. A unit with neither is still working."""
        start = _day(org.valid_from)
        end = _day(org.valid_to)
        start_text = dates.format_date(start) if start else UNKNOWN_TEXT
        if end is not None:
            return Lifetime("ended" if end < self.today else "ending", start_text, dates.format_date(end))
        if org.valid_to is not None or org.successor:  # "chưa rõ", or a successor with no date
            return Lifetime("ended", start_text, UNKNOWN_TEXT)
        if start is not None and start > self.today:
            return Lifetime("not-started", start_text, None)
        return Lifetime("active", start_text, None)

    # ---- relations ----

    def parent(self, org: Organisation) -> Organisation | None:
        return self.data.organisations.get(org.parent.id) if org.parent else None

    def children(self, org_id: str) -> list[Organisation]:
        return list(self._relations.children.get(org_id, ()))

    def predecessors(self, org_id: str) -> list[Organisation]:
        """The units that name this one as a successor (validate.predecessors), in Vietnamese order."""
        return list(self._relations.predecessors.get(org_id, ()))

    def successors(self, org: Organisation) -> list[Organisation]:
        orgs = self.data.organisations
        return self._by_full_name(orgs[r.id] for r in org.successor if r.id in orgs)

    @cached_property
    def _relations(self) -> "Relations":
        """Every unit's sub-units, predecessors and group members, in Vietnamese order: found in one pass over the
        units per build rather than a pass on every unit page (and on every step down `descendant_ids`)."""
        children: dict[str, list[Organisation]] = {}
        before: dict[str, list[Organisation]] = {}
        members: dict[str, list[Organisation]] = {}
        for org in self.data.organisations.values():
            if org.parent:
                children.setdefault(org.parent.id, []).append(org)
            for successor_id in dict.fromkeys(ref.id for ref in org.successor):
                before.setdefault(successor_id, []).append(org)
            for group_id in dict.fromkeys(self.group_ids(org.id)):
                members.setdefault(group_id, []).append(org)
        return Relations(*({org_id: self._by_full_name(orgs) for org_id, orgs in table.items()}
                           for table in (children, before, members)))

    def descendant_ids(self, org_id: str) -> list[str]:
        """The units under this one down the `parent` chain, at any depth, nearest first."""
        found: list[str] = []
        level = [org_id]
        while level:
            level = [o.id for parent in level for o in self.children(parent) if o.id not in found and o.id != org_id]
            found += level
        return found

    def group_ids(self, org_id: str) -> list[str]:
        """The groups this unit belongs to (`member_of`; only units marked `group: true` count)."""
        org = self.data.organisations.get(org_id)
        groups = [self.data.organisations.get(ref.id) for ref in (org.member_of if org else [])]
        return [g.id for g in groups if g is not None and g.group]

    def members(self, group_id: str) -> list[Organisation]:
        """The units that name this group in `member_of`."""
        return list(self._relations.members.get(group_id, ()))

    def task_counts(self, org_id: str) -> tuple[int, int]:
        return len(self.site.tasks.led_by(org_id)), len(self.site.tasks.supported_by(org_id))

    def task_summary(self, org_id: str) -> str:
        """The unit's task counts as the index lists them: "chủ trì 3, phối hợp 2 nhiệm vụ"."""
        return task_count_text(*self.task_counts(org_id))

    # ---- a unit page split into years (TASKS_LIMIT, ISSUED_LIMIT) ----

    def past_split(self, org_id: str) -> bool:
        """So many activities reach the unit that its past years have pages of their own (past_years)."""
        led, supported = self._reached(org_id)
        return len(led) + len(supported) > TASKS_LIMIT

    def _reached(self, org_id: str) -> tuple[list, list]:
        tasks = self.site.tasks
        return tasks.reached(org_id, "lead"), tasks.reached(org_id, "support")

    def past_years(self, org_id: str) -> list[PastYear]:
        """The unit's past work by year, latest year first, unknown year last: every activity of an ended unit,
        else those tasks.is_past counts as past (as tasks.by_time folds them on an unsplit page)."""
        if org_id not in self._past:
            self._past[org_id] = self._past_years(org_id)
        return self._past[org_id]

    def _past_years(self, org_id: str) -> list[PastYear]:
        org = self.data.organisations.get(org_id)
        history = org is not None and self.lifetime(org).ended
        tasks = self.site.tasks
        years: dict[str, tuple[list, list]] = {}
        for role, entries in enumerate(self._reached(org_id)):
            for entry in entries:
                if history or tasks.is_past(entry):
                    year = tasks.year_of(entry)
                    years.setdefault(NO_YEAR if year is None else str(year), ([], []))[role].append(entry)
        keys = sorted(years, key=newest_first)
        return [PastYear(key, *years[key]) for key in keys]

    def past_year(self, org_id: str, key: str) -> PastYear:
        return next((year for year in self.past_years(org_id) if year.key == key), PastYear(key, [], []))

    def past_year_pages(self) -> list[tuple[str, str]]:
        """(unit id, year key) of every year page of past work."""
        return [(org_id, year.key) for org_id in self.data.organisations if self.past_split(org_id)
                for year in self.past_years(org_id)]

    @staticmethod
    def past_year_path(org_id: str, key: str) -> str:
        return past_year_path(org_id, key)

    def issued_split(self, org_id: str) -> bool:
        """The unit issued so many documents that they are listed by year, each year on a page of its own."""
        return len(self.site.documents.issued_by(org_id)) > ISSUED_LIMIT

    def issued_years(self, org_id: str) -> list[IssuedYear]:
        """The documents the unit issued by year of issue, latest first, unknown year last (documents.by_year)."""
        if org_id not in self._issued:
            documents = self.site.documents
            self._issued[org_id] = [IssuedYear(key, docs)
                                    for key, docs in documents.by_year(documents.issued_by(org_id))]
        return self._issued[org_id]

    def issued_year(self, org_id: str, key: str) -> IssuedYear:
        return next((year for year in self.issued_years(org_id) if year.key == key), IssuedYear(key, []))

    def issued_year_pages(self) -> list[tuple[str, str]]:
        """(unit id, year key) of every year page of issued documents."""
        return [(org_id, year.key) for org_id in self.data.organisations if self.issued_split(org_id)
                for year in self.issued_years(org_id)]

    @staticmethod
    def issued_year_path(org_id: str, key: str) -> str:
        return issued_year_path(org_id, key)

    # ---- the index ----

    def index_split(self) -> bool:
        """More units than INDEX_LIMIT: the index lists each level's initial letters, and each level's units under
        one letter have a page of their own (letter_pages), so that no page grows with the data."""
        return len(self.data.organisations) > INDEX_LIMIT

    def by_level_id(self) -> list[tuple[str, str, list[Organisation]]]:
        """The levels that have units, in the order of model.LEVELS: (id, label, units in Vietnamese order)."""
        return self._levels

    @cached_property
    def _levels(self) -> list[tuple[str, str, list[Organisation]]]:
        # The index and every page of a split index read it: grouped and sorted once per build.
        found = [(level, label, self._by_full_name(o for o in self.data.organisations.values() if o.level == level))
                 for level, label in LEVELS.items()]
        return [(level, label, orgs) for level, label, orgs in found if orgs]

    def by_initial(self, orgs: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
        """Units by the first letter of their name without diacritics ("Đảng ủy" under d), letters in order."""
        groups: dict[str, list[Organisation]] = {}
        for org in orgs:
            groups.setdefault(initial(org), []).append(org)
        return sorted(groups.items())

    @cached_property
    def _initials(self) -> dict[str, dict[str, list[Organisation]]]:
        """Level id -> initial -> that level's units under it."""
        return {level: dict(self.by_initial(orgs)) for level, _, orgs in self._levels}

    def letter_pages(self) -> list[tuple[str, str]]:
        """(level id, initial) of every page of a split index."""
        if not self.index_split():
            return []
        return [(level, letter) for level, letters in self._initials.items() for letter in letters]

    @staticmethod
    def letter_page_path(level: str, letter: str) -> str:
        return letter_page_path(level, letter)

    def letter_page(self, level: str, letter: str) -> tuple[str, list[Organisation]]:
        """The level's label and its units under the initial `letter`."""
        return LEVELS.get(level, level), self._initials.get(level, {}).get(letter, [])

    def by_level(self) -> list[tuple[str, list[Organisation]]]:
        """The levels that have units, in the order of model.LEVELS, each with its units."""
        return [(label, orgs) for _, label, orgs in self._levels]

    def by_sector(self, orgs: list[Organisation]) -> list[tuple[str, list[Organisation]]]:
        """A level's units grouped by sector (in the order of model.SECTORS), names in Vietnamese order."""
        groups: dict[str, list[Organisation]] = {}
        for org in orgs:
            groups.setdefault(org.sector, []).append(org)
        order = list(SECTORS)
        keys = sorted(groups, key=lambda s: order.index(s) if s in order else len(order))
        return [(self.sector_label(s), self._by_full_name(groups[s])) for s in keys]


def task_count_text(led: int, supported: int) -> str:
    """"chủ trì 3, phối hợp 2 nhiệm vụ"; a zero count is left out ("phối hợp 1 nhiệm vụ", not "chủ trì 0, …")."""
    parts = [f"{role} {count}" for role, count in (("chủ trì", led), ("phối hợp", supported)) if count]
    return f"{', '.join(parts)} nhiệm vụ" if parts else "chưa có nhiệm vụ"
