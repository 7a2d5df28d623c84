"""What the site shows about documents: how they are cited ("Kế hoạch số 171-KH/BTGTU"), the official header a
document page prints, which documents implement which (read both ways), and the order documents are listed in.
No MkDocs here.
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
from macros.core.model import Document, Organisation, Plan
from macros.core.vietnamese import capitalise, fold, nfc, sort_key

if TYPE_CHECKING:
    from .site import Site

D = TypeVar("D", bound=Document)
LATEST_PLANS = 5
# The national line of each system, as Hướng dẫn 36-HD/VPTW and Nghị định 30/2020/NĐ-CP print them.
PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# Abbreviations the header of a state document uses for the superior body (Nghị định 30/2020/NĐ-CP, Phụ lục I).
_SUPERIOR_ABBREVIATIONS = (("ủy ban nhân dân", "UBND"), ("uỷ ban nhân dân", "UBND"),
                           ("hội đồng nhân dân", "HĐND"))


def upper(text: str | None) -> str:
    """Upper case for Vietnamese headers: NFC first, so a decomposed "ủ" becomes "Ủ", not "U" plus marks."""
    return nfc(text or "").upper()


@dataclass(frozen=True)
class Header:
    system: str  # "party" or "state"
    superior: str | None  # "TỈNH ỦY LAI CHÂU", "UBND TỈNH LAI CHÂU"
    issuer: str  # "BAN TUYÊN GIÁO", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    motto: tuple[str, ...]  # the national line(s) on the right
    number_line: str  # "Số 171-KH/BTGTU", "Số: chưa rõ"
    date_line: str  # "Lai Châu, ngày 30 tháng 5 năm 2023", "Chưa rõ ngày ban hành"
    date_known: bool
    kind: str | None  # "KẾ HOẠCH"
    subject: str | None  # the title


@dataclass(frozen=True)
class Link:
    doc: Document
    relation: str  # "Thực hiện", "Căn cứ", "Trích dẫn"
    sections: tuple[str, ...] = ()


def _strip_suffix(name: str, suffixes: Iterable[str]) -> str | None:
    """The name without a trailing superior name ("Ban Tuyên giáo Tỉnh ủy Lai Châu" - "Tỉnh ủy Lai Châu")."""
    folded = fold(name)
    for suffix in sorted({s for s in suffixes if s}, key=len, reverse=True):
        tail = fold(suffix)
        if folded.endswith(" " + tail) and len(folded) > len(tail) + 1:
            return name[: len(name) - len(suffix)].rstrip(" ,-")
    return None


def _superior_name(org: Organisation) -> str:
    name = nfc(org.name)
    for long, short in _SUPERIOR_ABBREVIATIONS:
        if name.lower().startswith(long):
            return short + name[len(long):]
    return name


class Documents:
    def __init__(self, site: "Site") -> None:
        self.site = site
        self.data = site.data

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
        return UNKNOWN_TEXT if doc.number is UNKNOWN else str(doc.number)

    def date_text(self, doc: Document) -> str:
        return dates.format_date(doc.date) if isinstance(doc.date, date) else capitalise(UNKNOWN_TEXT)

    def date_phrase(self, doc: Document) -> str:
        """ "ngày 15/6/2022" in a sentence, or "chưa rõ ngày ban hành"."""
        return f"ngày {dates.format_date(doc.date)}" if isinstance(doc.date, date) else "chưa rõ ngày ban hành"

    def title_text(self, doc: Document) -> str | None:
        return None if doc.title is UNKNOWN else str(doc.title)

    def issuers(self, doc: Document) -> list[str]:
        """Issuer ids in the order the document names them."""
        return [ref.id for ref in doc.issuer]

    def co_issuers(self, doc: Document) -> list[str]:
        """Issuers after the first (a joint conclusion of the Bộ Chính trị and the Ban Bí thư)."""
        return [ref.id for ref in doc.issuer[1:]]

    # ---- the official header ----

    def issuer_lines(self, doc: Document) -> tuple[str | None, str]:
        """The issuer block of the header: the superior body (if any) and the issuer, both upper case.

        The issuer line is its name without the superior's name ("Ban Tuyên giáo" under "Tỉnh ủy Lai Châu"),
        else its short name, else its full name.
        """
        if not doc.issuer:
            return None, UNKNOWN_TEXT.upper()
        org = self.data.organisations.get(doc.issuer[0].id)
        if org is None:
            return None, upper(doc.issuer[0].id)
        parent = self.data.organisations.get(org.parent.id) if org.parent else None
        if parent is None:
            return None, upper(org.name)
        own = _strip_suffix(org.name, [parent.name, parent.short or "", *parent.aliases])
        if own is None and org.short:
            own = _strip_suffix(org.short, [parent.name, parent.short or "", *parent.aliases]) or org.short
        return upper(_superior_name(parent)), upper(own or org.name)

    def header(self, doc: Document) -> Header:
        system = self.system(doc)
        superior, issuer = self.issuer_lines(doc)
        if doc.number is UNKNOWN:
            number_line = f"Số: {UNKNOWN_TEXT}"
        elif system == "party":
            number_line = f"Số {doc.number}"
        else:
            number_line = f"Số: {doc.number}"
        place = getattr(doc, "place", None)
        if isinstance(doc.date, date):
            date_line = dates.format_date_header(doc.date, place)
        elif place:
            date_line = f"{nfc(place).strip()}, chưa rõ ngày ban hành"
        else:
            date_line = "Chưa rõ ngày ban hành"
        kind = self.kind_name(doc)
        return Header(system=system, superior=superior, issuer=issuer,
                      motto=(PARTY_MOTTO,) if system == "party" else STATE_MOTTO, number_line=number_line,
                      date_line=date_line, date_known=isinstance(doc.date, date), kind=upper(kind) if kind else None,
                      subject=self.title_text(doc))

    # ---- order ----

    def sorted(self, docs: Iterable[D]) -> list[D]:
        """By date of issue (unknown dates last), then by label."""
        def key(doc: Document):
            day = doc.date if isinstance(doc.date, date) else date.max
            return (day, sort_key(self.label(doc)))
        return sorted(docs, key=key)

    def _by_first_issuer(self, docs: Iterable[D]) -> list[tuple[str, list[D]]]:
        """Documents under their first issuer's id ("" for none), issuers in Vietnamese order, each list sorted."""
        groups: dict[str, list[D]] = defaultdict(list)
        for doc in docs:
            groups[doc.issuer[0].id if doc.issuer else ""].append(doc)
        names = self.site.organisations.name
        return [(org_id, self.sorted(groups[org_id])) for org_id in sorted(groups, key=lambda i: sort_key(names(i)))]

    def by_issuer(self) -> list[tuple[Organisation | None, list[Document]]]:
        return [(self.data.organisations.get(org_id), docs)
                for org_id, docs in self._by_first_issuer(self.data.documents.values())]

    def plans_by_issuer(self) -> list[tuple[str, list[Plan]]]:
        return self._by_first_issuer(self.data.plans.values())

    def counts(self) -> tuple[int, int]:
        """(plans with full text, documents known only by citation)."""
        plans = len(self.data.plans)
        return plans, len(self.data.documents) - plans

    def latest_plans(self, limit: int = LATEST_PLANS) -> list[Plan]:
        """Plans newest first by date of issue; those with an unknown date last, by label."""
        def key(plan: Plan):
            known = isinstance(plan.date, date)
            return (not known, -plan.date.toordinal() if known else 0, sort_key(self.label(plan)))
        return sorted(self.data.plans.values(), key=key)[:limit]

    def issued_by(self, org_id: str) -> list[Document]:
        return self.sorted(d for d in self.data.documents.values() if any(r.id == org_id for r in d.issuer))

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
