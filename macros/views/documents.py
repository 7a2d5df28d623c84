"""What the site shows about documents: how they are cited ("Kế hoạch số 171-KH/BTGTU") and how their number,
date, kind and subject read when part of them is unknown, the official header a plan page prints (its rules are in
header.py), which documents implement which (read both ways), and the order documents are listed in. No MkDocs here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, TypeVar

from macros.core import dates
from macros.core.docnumber import DocNumberError, kind_name as _kind_name, parse_number
from macros.core.unknown import UNKNOWN, UNKNOWN_TEXT
from macros.core.kinds import kind_of
from macros.core.model import LEVELS, SECTORS, Document, Organisation, Plan
from macros.core.vietnamese import capitalise
from . import header as header_rules
from .header import Header, upper  # noqa: F401 - upper: also used as documents.upper
from .years import NO_YEAR, newest_first, year_label

if TYPE_CHECKING:
    from .site import Site

D = TypeVar("D", bound=Document)
LATEST_PLANS = 5
# Past this many documents the index lists each issuer's years, and each issuer's documents of one year have a page
# of their own (year_pages): a province issues a few hundred documents a year, so one page would grow without end.
INDEX_LIMIT = 300
YEAR_FOLDER = "van-ban/theo-nam"
NO_ISSUER = "chua-ro-co-quan"


def year_page_path(issuer: str, year: str) -> str:
    return f"{YEAR_FOLDER}/{issuer}-{year}.md"


@dataclass(frozen=True)
class Link:
    doc: Document
    relation: str  # "Thực hiện", "Căn cứ", "Trích dẫn"
    sections: tuple[str, ...] = ()


class Documents:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data
        self.collation = site.collation
        # document id -> its place in `sorted`: documents are listed on most pages, each keyed once per build.
        self._order_keys: dict[str, tuple] = {}

    # ---- naming ----

    def page_kind(self, doc: Document) -> str:
        """The kind whose page shows the document: "plan" for a plan, "document" for one known by citation."""
        return kind_of(doc).name

    def system(self, doc: Document) -> str:
        """"party" or "state": from the number's grammar, else from the issuer's sector."""
        if doc.number is not UNKNOWN:
            try:
                return parse_number(doc.number).system
            except DocNumberError:
                pass
        issuers = [self.data.organisations[r.id] for r in doc.issuer if r.id in self.data.organisations]
        return "party" if issuers and issuers[0].sector == "dang" else "state"

    def kind_name(self, doc: Document) -> str | None:
        """The document kind in Vietnamese ("kế hoạch", "chỉ thị"), from the number, else from `kind`."""
        if doc.number is not UNKNOWN:
            try:
                return parse_number(doc.number).kind_name
            except DocNumberError:
                pass
        if doc.kind:
            try:
                return _kind_name(doc.kind, self.system(doc))
            except (DocNumberError, ValueError):
                return None
        return None

    def label(self, doc: Document) -> str:
        """How documents cite each other: the number, or the kind and issuer when the number is unknown."""
        if doc.number is not UNKNOWN:
            return str(doc.number)
        kind = _kind_name(doc.kind, self.system(doc)) if doc.kind else "văn bản"
        return f"{capitalise(kind)} của {self.site.organisations.name(doc.issuer[0].id)} (chưa rõ số)"

    def cite_label(self, doc: Document) -> str:
        """How a citation, and the document's page heading, names it: "Chỉ thị số 11-CT/TU"; the kind and issuer
        when the number is unknown."""
        if doc.number is UNKNOWN:
            return self.label(doc)
        kind = self.kind_name(doc)
        return f"{capitalise(kind)} số {doc.number}" if kind else f"Văn bản số {doc.number}"

    def number_text(self, doc: Document) -> str:
        """The number as the facts of a plan page and of a cited document's page give it: "171-KH/BTGTU", "chưa rõ"
        (the header's own line is `header(doc).number_line`)."""
        return UNKNOWN_TEXT if doc.number is UNKNOWN else str(doc.number)

    def kind_text(self, doc: Document) -> str:
        """The kind for a list of facts: "Kế hoạch"; "Chưa rõ (văn bản không in tên loại)" for a document that prints
        none (`kind: chưa rõ`)."""
        kind = self.kind_name(doc)
        if kind:
            return capitalise(kind)
        if doc.kind is UNKNOWN:
            return f"{capitalise(UNKNOWN_TEXT)} (văn bản không in tên loại)"
        return capitalise(UNKNOWN_TEXT)

    def date_text(self, doc: Document) -> str:
        """ "15/6/2022"; "Chưa rõ (ban hành sau ngày 30/5/2023)" when only a bound is known; "Chưa rõ"."""
        if isinstance(doc.date, date):
            return dates.format_date(doc.date)
        bound = header_rules.bound_phrase(doc)
        return f"{capitalise(UNKNOWN_TEXT)} ({bound})" if bound else capitalise(UNKNOWN_TEXT)

    def date_phrase(self, doc: Document) -> str:
        """ "ngày 15/6/2022" in a sentence; "ban hành sau ngày 30/5/2023" when only a bound is known; "chưa rõ ngày
        ban hành"."""
        if isinstance(doc.date, date):
            return f"ngày {dates.format_date(doc.date)}"
        return header_rules.bound_phrase(doc) or "chưa rõ ngày ban hành"

    def title_text(self, doc: Document) -> str | None:
        """The trích yếu; for a document without one, the editor's subject marked as the editor's ("[Trích yếu do
        người biên tập ghi: …]"); None when neither is known."""
        if doc.title is not UNKNOWN:
            return str(doc.title)
        return header_rules.editor_subject(doc)

    def issuers(self, doc: Document) -> list[str]:
        """Issuer ids in the order the document names them."""
        return [ref.id for ref in doc.issuer]

    def co_issuers(self, doc: Document) -> list[str]:
        """Issuers after the first (a joint conclusion of the Bộ Chính trị and the Ban Bí thư)."""
        return [ref.id for ref in doc.issuer[1:]]

    # ---- the official header (macros/views/header.py holds the rules) ----

    def issuer_lines(self, doc: Document) -> tuple[str | None, str]:
        """The issuer block of the header: the superior body (if any) and the issuer, both upper case."""
        return header_rules.issuer_lines(doc, self.data.organisations)

    def header(self, doc: Document) -> Header:
        return header_rules.make_header(doc, self.data.organisations, number_system=self.system(doc),
                                  kind_name=self.kind_name(doc))

    def signer_authority(self, doc: Document) -> str | None:
        """The line over the signer's title ("T/M BAN THƯỜNG VỤ", "KT. GIÁM ĐỐC"), or None."""
        return header_rules.signer_authority(doc, self.data.organisations)

    # ---- order ----

    def sorted(self, docs: Iterable[D]) -> list[D]:
        """By date of issue (unknown dates last), then by label."""
        return sorted(docs, key=self._order_key)

    def _order_key(self, doc: Document) -> tuple:
        own = self.data.documents.get(doc.id) is doc  # a changed copy (in a test) is keyed afresh
        key = self._order_keys.get(doc.id) if own else None
        if key is None:
            # A date known only as a bound sorts at the bound, where it was issued at the earliest (or latest).
            day = doc.date if isinstance(doc.date, date) else (doc.issued_after or doc.issued_before or date.max)
            key = (day, self.collation.key(self.label(doc)))
            if own:
                self._order_keys[doc.id] = key
        return key

    def _by_first_issuer(self, docs: Iterable[D]) -> list[tuple[str, list[D]]]:
        """Documents under their first issuer's id ("" for none), issuers in the order of the hierarchy (Trung
        ương, then the province, then lower levels: model.LEVELS; within a level Party bodies, then the State, then
        the Front…: model.SECTORS; then a body before the bodies under it; then by name in Vietnamese order),
        unknown issuers last; each list sorted."""
        groups: dict[str, list[D]] = defaultdict(list)
        for doc in docs:
            groups[doc.issuer[0].id if doc.issuer else ""].append(doc)
        names = self.site.organisations.name
        levels, sectors = list(LEVELS), list(SECTORS)

        def rank(org_id: str) -> tuple[int, int, int, tuple]:
            org = self.data.organisations.get(org_id)
            if org is None:
                return (len(levels), len(sectors), 0, self.collation.key(names(org_id)))
            level = levels.index(org.level) if org.level in levels else len(levels)
            sector = sectors.index(org.sector) if org.sector in sectors else len(sectors)
            return (level, sector, self._depth(org), self.collation.key(names(org_id)))
        return [(org_id, self.sorted(groups[org_id])) for org_id in sorted(groups, key=rank)]

    def _depth(self, org: Organisation) -> int:
        """How many bodies are above `org` along its `parent` chain (a loop, which the checker reports, stops it)."""
        seen = {org.id}
        while org.parent is not None and org.parent.id in self.data.organisations and org.parent.id not in seen:
            org = self.data.organisations[org.parent.id]
            seen.add(org.id)
        return len(seen) - 1

    def by_issuer(self) -> list[tuple[Organisation | None, list[Document]]]:
        return self._issuer_groups

    @cached_property
    def _issuer_groups(self) -> list[tuple[Organisation | None, list[Document]]]:
        # The index and, when it is split, each of its pages read it: grouped and sorted once per build.
        return [(self.data.organisations.get(org_id), docs)
                for org_id, docs in self._by_first_issuer(self.data.documents.values())]

    # ---- a split index (more than INDEX_LIMIT documents) ----

    def index_split(self) -> bool:
        return len(self.data.documents) > INDEX_LIMIT

    @staticmethod
    def year_key(doc: Document) -> str:
        """The year a document is filed under: of its date of issue, or NO_YEAR."""
        return str(doc.date.year) if isinstance(doc.date, date) else NO_YEAR

    year_label = staticmethod(year_label)  # for the templates: documents.year_label(key)

    def by_year(self, docs: list[Document]) -> list[tuple[str, list[Document]]]:
        """An issuer's documents by year of issue, the latest year first, documents of unknown year last."""
        groups: dict[str, list[Document]] = {}
        for doc in docs:
            groups.setdefault(self.year_key(doc), []).append(doc)
        return sorted(groups.items(), key=lambda item: newest_first(item[0]))

    def year_page_path(self, org: Organisation | None, year: str) -> str:
        return year_page_path(org.id if org else NO_ISSUER, year)

    def year_pages(self) -> list[tuple[str, str]]:
        """(issuer id or NO_ISSUER, year key) of every page of a split index."""
        if not self.index_split():
            return []
        return [(issuer, year) for issuer, (_, years) in self._years.items() for year in years]

    def year_page(self, issuer: str, year: str) -> tuple[Organisation | None, list[Document]]:
        org, years = self._years.get(issuer, (None, {}))
        return org, years.get(year, [])

    @cached_property
    def _years(self) -> dict[str, tuple[Organisation | None, dict[str, list[Document]]]]:
        """Issuer id (or NO_ISSUER) -> the issuer and its documents by year: once per build for every page."""
        return {(org.id if org else NO_ISSUER): (org, dict(self.by_year(docs))) for org, docs in self.by_issuer()}

    def plans_by_issuer(self) -> list[tuple[str, list[Plan]]]:
        return self._by_first_issuer(self.data.plans.values())

    def counts(self) -> tuple[int, int]:
        """(plans with full text, documents known only by citation)."""
        plans = len(self.data.plans)
        return plans, len(self.data.documents) - plans

    def latest_plans(self, limit: int = LATEST_PLANS) -> list[Plan]:
        """Plans newest first by date of issue (or the bound it is known by, `issued_after`). A plan with neither
        is placed by its year: the earliest year of the events it concerns (a plan is issued no later than the
        year of its first event), else of its tasks' times, at the start of that year, so below the dated plans of
        that year; a plan with no year at all comes last. Ties by label."""
        def year_of(plan: Plan) -> int | None:
            years = [e.year for e in self.site.plans.events(plan) if isinstance(e.year, int)]
            if not years:
                years = [d.year for task in plan.tasks if task.when is not None
                         for d in (task.when.start, task.when.end) if d is not None]
            return min(years, default=None)

        def key(plan: Plan):
            day = plan.date if isinstance(plan.date, date) else plan.issued_after
            if day is None and (year := year_of(plan)) is not None:
                day = date(year, 1, 1)
            return (day is None, -day.toordinal() if day else 0, self.collation.key(self.label(plan)))
        return sorted(self.data.plans.values(), key=key)[:limit]

    def issued_by(self, org_id: str) -> list[Document]:
        """The documents the unit issued, alone or with others, by date."""
        return self._issued.get(org_id, [])

    @cached_property
    def _issued(self) -> dict[str, list[Document]]:
        # Every unit page, and a split one's year pages, read it: once per build rather than a pass over every
        # document for each unit.
        table: dict[str, list[Document]] = defaultdict(list)
        for doc in self.data.documents.values():
            for org_id in dict.fromkeys(ref.id for ref in doc.issuer):
                table[org_id].append(doc)
        return {org_id: self.sorted(docs) for org_id, docs in table.items()}

    # ---- lineage, read both ways ----

    @cached_property
    def _implementers(self) -> dict[str, list[Document]]:
        table: dict[str, list[Document]] = defaultdict(list)
        for doc in self.data.documents.values():
            for ref in doc.cited:
                table[ref.id].append(doc)
        return table

    def implementers_of(self, doc_id: str) -> list[Document]:
        return self.sorted(self._implementers.get(doc_id, []))

    def cites(self, doc: Document) -> list[Link]:
        """The documents this one implements and is based on, in that order, each list by date."""
        found: list[Link] = []
        for relation, refs in (("Thực hiện", doc.implements), ("Căn cứ", doc.based_on)):
            targets = [self.data.documents[r.id] for r in refs if r.id in self.data.documents]
            found += [Link(target, relation) for target in self.sorted(targets)]
        return found

    def cited_by(self, doc: Document) -> list[Link]:
        """The documents that implement this one or are based on it, with the relation."""
        return [Link(other, "Thực hiện" if any(r.id == doc.id for r in other.implements) else "Căn cứ")
                for other in self.implementers_of(doc.id)]

    def mentioned_in(self, plan: Document) -> list[Link]:
        """Documents whose data names this plan as where they are cited, other than the ones it implements or
        is based on: the directives a plan quotes in its content ("Chú thích 1", "II.1")."""
        direct = {r.id for r in plan.cited} | {plan.id}
        sections: dict[str, list[str]] = defaultdict(list)
        for doc in self.data.documents.values():
            if doc.id in direct:
                continue
            for source in doc.source:
                if source.document.id == plan.id and source.section not in sections[doc.id]:
                    sections[doc.id].append(source.section)
        docs = self.sorted(self.data.documents[doc_id] for doc_id in sections)
        return [Link(doc, "Trích dẫn", tuple(sections[doc.id])) for doc in docs]
