"""The official header block of a document, as its page and its print show it: the issuer block (the superior's
line over the issuer's), the national line, the number line, the place and date line, the kind and the subject;
and the authority line over the signer's title that the issuer imposes (T/M BAN THƯỜNG VỤ). Everything is worked
out from the organisation data (level, sector, parent, names, group); a document's own `header` overrides the two
issuer lines. No MkDocs here.

The rules, and where they come from:

Party documents: Hướng dẫn 36-HD/VPTW ngày 03/4/2018 của Văn phòng Trung ương Đảng, "Thể thức và kỹ thuật trình
bày văn bản của Đảng", mục II.1.2 (tên cơ quan ban hành văn bản). The issuer is named as the Điều lệ Đảng names it,
in capitals, with a "*" under it; over it, the organisation it belongs to:

  - a Party committee (cấp ủy) and a chi bộ: the Party organisation (đảng bộ) of the committee directly above,
    "ĐẢNG BỘ TỈNH LAI CHÂU" over "HUYỆN ỦY TAM ĐƯỜNG", "ĐẢNG BỘ TỈNH LAI CHÂU" over "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
    "ĐẢNG BỘ HUYỆN TAM ĐƯỜNG" over "ĐẢNG ỦY XÃ BẢN GIANG" (a commune's đảng bộ is under the Tỉnh ủy itself since the
    district level ended on 01/7/2025: then "ĐẢNG BỘ TỈNH LAI CHÂU"), "ĐẢNG BỘ XÃ …" over "CHI BỘ …";
  - a committee directly under the Central Committee prints its name alone: "TỈNH ỦY LAI CHÂU";
  - the Ban Thường vụ, the Thường trực and the Ban Chấp hành of a committee write in the committee's name ("văn bản
    của ban chấp hành, ban thường vụ … ghi chung là tên cấp ủy"): a document of the Ban Thường vụ Tỉnh ủy is headed
    "TỈNH ỦY LAI CHÂU" and signed "T/M BAN THƯỜNG VỤ" over the signer's title (mục II.1, thẩm quyền ký). The
    Central Committee, the Bộ Chính trị and the Ban Bí thư all write "BAN CHẤP HÀNH TRUNG ƯƠNG";
  - a body serving a committee (ban, văn phòng, cơ quan tham mưu, giúp việc) is headed by that committee, and names
    itself without the committee: "TỈNH ỦY LAI CHÂU" over "BAN TUYÊN GIÁO", as HD 36 itself is headed "BAN CHẤP HÀNH
    TRUNG ƯƠNG" over "VĂN PHÒNG".

State documents: Nghị định 30/2020/NĐ-CP về công tác văn thư, Phụ lục I, phần I, mục II.2 (tên cơ quan, tổ chức
ban hành văn bản). The issuer's official name in capitals, bold, a short rule under it; over it, not bold, the
"cơ quan, tổ chức chủ quản trực tiếp (nếu có)", with its province or district when it is a local body and the
abbreviations UBND, HĐND allowed there: "UBND TỈNH LAI CHÂU" over "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" (the locality
is carried by the upper line, so the issuer's own name drops it). A people's committee or council has no chủ quản
printed, at any level: "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG" alone, whatever parent the
data gives it.

The Mặt trận and the mass organisations print the national motto and lay their header out as state bodies do, with
no star: their documents print it so, and for want of their own regulations to cite the rule applies Nghị định
30/2020/NĐ-CP to them: "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH LAI CHÂU" alone, a body under its parent's name. The one exception is the Đoàn TNCS Hồ Chí Minh,
whose "Quy định về ban hành văn bản của Đoàn" (Quyết định 367-QĐ/TWĐTN-VP ngày 29/10/2013 của Ban Bí thư Trung ương
Đoàn) gives it a Party-like header: "ĐOÀN TNCS HỒ CHÍ MINH" top right, its Ban Chấp hành top left with "***" under
it ("BAN CHẤP HÀNH TRUNG ƯƠNG", and at the province "BCH ĐOÀN TỈNH LAI CHÂU"), a number such as
"Số: 225-KH/TWĐTN-CTTN". Where sources disagree on a wording (some provinces print "TỈNH ĐOÀN LAI CHÂU"; some
Mặt trận documents abbreviate "ỦY BAN MTTQ VIỆT NAM TỈNH …" or add "BAN THƯỜNG TRỰC" as the lower line), the rule
takes the form of the regulation above, and an editor copies the printed form into the document's `header`.

What is unknown is written in square brackets, the editor's mark, in the place of what the document prints:
"Số [chưa rõ]", "[chưa rõ địa danh], ngày 30 tháng 5 năm 2023", "Tam Đường, [chưa rõ ngày ban hành]",
"Tam Đường, [ban hành sau ngày 30/5/2023]", "[Trích yếu do người biên tập ghi: …]". No kind word is invented for a
document that prints none. See `Header` for the lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from macros.core import dates
from macros.core.model import Document, Organisation
from macros.core.unknown import UNKNOWN
from macros.core.vietnamese import fold, nfc

# The national line of each system: HD 36-HD/VPTW mục II.1.1, NĐ 30/2020 Phụ lục I mục II.1, QĐ 367-QĐ/TWĐTN-VP.
PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)
STATE_MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
YOUTH_MOTTO = ("ĐOÀN TNCS HỒ CHÍ MINH",)
MOTTOS = {"party": PARTY_MOTTO, "state": STATE_MOTTO, "youth": YOUTH_MOTTO}
# The mark under the issuer: one star for the Party (HD 36), three for the Đoàn; a rule (CSS) for the State.
STARS = {"party": "*", "youth": "***"}
CENTRAL_COMMITTEE = "BAN CHẤP HÀNH TRUNG ƯƠNG"
BTV_AUTHORITY = "T/M BAN THƯỜNG VỤ"  # HD 36 mục II.1 (thẩm quyền ký): the Ban Thường vụ signs for the collective

# The editor's words in a header, in square brackets.
NUMBER_UNKNOWN = "[chưa rõ]"
PLACE_UNKNOWN = "[chưa rõ địa danh]"
DATE_UNKNOWN = "[chưa rõ ngày ban hành]"
PLACE_AND_DATE_UNKNOWN = "[chưa rõ địa danh và ngày ban hành]"
SUBJECT_UNKNOWN = "[Chưa rõ trích yếu]"
ISSUER_UNKNOWN = "[chưa rõ cơ quan ban hành]"
EDITOR_SUBJECT = "[Trích yếu do người biên tập ghi: {}]"

# Abbreviations the superior line of a state document may use (NĐ 30/2020, Phụ lục I, mục II.2.a).
_SUPERIOR_ABBREVIATIONS = (("ủy ban nhân dân", "UBND"), ("uỷ ban nhân dân", "UBND"), ("hội đồng nhân dân", "HĐND"))
# A committee's first words, and the Party organisation (đảng bộ) it leads, by the Điều lệ Đảng's naming.
_COMMITTEES = (
    ("tinh uy", "Đảng bộ tỉnh"),
    ("thanh uy", "Đảng bộ thành phố"),
    ("huyen uy", "Đảng bộ huyện"),
    ("quan uy", "Đảng bộ quận"),
    ("thi uy", "Đảng bộ thị xã"),
    ("dang uy", "Đảng bộ"),
    ("ban chap hanh dang bo", "Đảng bộ"),
    ("chi bo", None),  # a chi bộ leads no đảng bộ: what is under it is headed by its own name
)
_CENTRAL = ("ban chap hanh trung uong", "bo chinh tri", "ban bi thu")
# The collective organs of a committee, which write in its name.
_COLLECTIVE = ("ban thuong vu", "thuong truc", "ban chap hanh")
_PEOPLES_BODIES = ("uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd")
_YOUTH_UNION = ("doan thanh nien cong san ho chi minh", "doan tncs ho chi minh")
# The words that open a locality in a name ("… tỉnh Lai Châu", "… thị xã Mường Lay").
_LOCALITY_PAIRS = frozenset({("thành", "phố"), ("thị", "xã"), ("thị", "trấn")})
_LOCALITY_WORDS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường"})


def upper(text: str | None) -> str:
    """Upper case for Vietnamese headers: NFC first, so a decomposed "ủ" becomes "Ủ", not "U" plus marks."""
    return nfc(text or "").upper()


@dataclass(frozen=True)
class Header:
    """The header block of a document, line by line, as printed (upper case where the rules say so).

    The issuer block: `superior` (None when the issuer is printed alone) over `issuer`, then `star`. The national
    line(s) on the right: `motto`. Then the number line, the place and date line, the kind (None when the document
    prints none) and the subject. `number_known`, `date_known` and `subject_printed` say whether the line is the
    document's own or holds the editor's words in square brackets."""

    system: str  # "party", "state" or "youth" (Đoàn TNCS Hồ Chí Minh): the layout
    superior: str | None  # "TỈNH ỦY LAI CHÂU", "UBND TỈNH LAI CHÂU", "ĐẢNG BỘ TỈNH LAI CHÂU"
    issuer: str  # "BAN TUYÊN GIÁO", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "HUYỆN ỦY TAM ĐƯỜNG"
    star: str | None  # "*", "***" or None
    motto: tuple[str, ...]
    number_line: str  # "Số 171-KH/BTGTU", "Số: 125/QĐ-UBND", "Số [chưa rõ]"
    number_known: bool
    date_line: str  # "Lai Châu, ngày 30 tháng 5 năm 2023", "Tam Đường, [ban hành sau ngày 30/5/2023]"
    date_known: bool
    kind: str | None  # "KẾ HOẠCH"
    subject: str  # the trích yếu; "[Trích yếu do người biên tập ghi: …]"; "[Chưa rõ trích yếu]"
    subject_printed: bool

    @property
    def issuer_lines(self) -> tuple[str | None, str]:
        return self.superior, self.issuer


# ---- reading names ----

def _words(text: str) -> list[str]:
    return nfc(text).split()


def _opening(name: str, phrases: Iterable[str]) -> str | None:
    """The folded phrase that `name` opens with (whole words), if any."""
    folded = fold(name).split()
    for phrase in phrases:
        words = phrase.split()
        if folded[:len(words)] == words:
            return phrase
    return None


def _without_opening(name: str, phrase: str) -> str:
    return " ".join(_words(name)[len(phrase.split()):])


def _strip_suffix(name: str, suffixes: Iterable[str]) -> str | None:
    """The name without a trailing superior name ("Ban Tuyên giáo Tỉnh ủy Lai Châu" - "Tỉnh ủy Lai Châu")."""
    folded = fold(name)
    for suffix in sorted({s for s in suffixes if s}, key=len, reverse=True):
        tail = fold(suffix)
        if folded.endswith(" " + tail) and len(folded) > len(tail) + 1:
            return nfc(name)[: len(nfc(name)) - len(nfc(suffix))].rstrip(" ,-–")
    return None


def _locality(name: str) -> str | None:
    """The locality a name ends with: "tỉnh Lai Châu" in "Ủy ban nhân dân tỉnh Lai Châu", "thị xã Mường Lay"."""
    words = _words(name)
    lowered = [w.lower() for w in words]
    for start in range(len(words) - 2, -1, -1):
        if start > 0 and (lowered[start - 1], lowered[start]) in _LOCALITY_PAIRS:
            return " ".join(words[start - 1:])
        if lowered[start] in _LOCALITY_WORDS:
            return " ".join(words[start:])
    return None


def _superior_name(org: Organisation) -> str:
    """An organisation's name on the superior line of a state document, UBND and HĐND abbreviated: "UBND tỉnh Lai
    Châu", "Văn phòng UBND tỉnh Lai Châu"."""
    name = nfc(org.name)
    for long, short in _SUPERIOR_ABBREVIATIONS:
        name = re.sub(re.escape(long), short, name, flags=re.IGNORECASE)
    return name


def _own_name(org: Organisation, superior: Organisation, superior_line: str) -> str:
    """The issuer's line under a superior: its name without the superior's name or the locality that the superior's
    line already carries ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu" under "UBND TỈNH LAI CHÂU"), else its
    short name (the same stripped), else its full name."""
    names = [superior.name, superior.short or "", *superior.aliases]
    locality = _locality(superior_line)
    if locality:
        names.append(locality)
    for candidate in (org.name, org.short):
        if candidate:
            own = _strip_suffix(candidate, names)
            if own:
                return own
    return org.short or org.name


# ---- kinds of organisation ----

def _is_party(org: Organisation) -> bool:
    return org.sector == "dang"


def _is_central(org: Organisation) -> bool:
    return _is_party(org) and org.level == "trung-uong" and _opening(org.name, _CENTRAL) is not None


def _is_committee(org: Organisation) -> bool:
    """A Party committee (cấp ủy) or chi bộ: "Tỉnh ủy …", "Huyện ủy …", "Đảng ủy …", "Chi bộ …"."""
    return _is_party(org) and (_is_central(org) or _opening(org.name, (c for c, _ in _COMMITTEES)) is not None)


def _is_collective_organ(org: Organisation, parent: Organisation | None) -> bool:
    """The Ban Thường vụ, Thường trực or Ban Chấp hành of a committee (of the Party or the Đoàn)."""
    return (parent is not None and (_is_party(org) or _in_youth_union(org, parent))
            and not _is_committee(org) and _opening(org.name, _COLLECTIVE) is not None)


def _is_youth_union(org: Organisation) -> bool:
    return any(phrase in fold(org.name) for phrase in _YOUTH_UNION)


def _in_youth_union(org: Organisation, parent: Organisation | None) -> bool:
    return _is_youth_union(org) or (parent is not None and _is_youth_union(parent))


def _is_peoples_body(org: Organisation) -> bool:
    return org.sector == "nha-nuoc" and _opening(org.name, _PEOPLES_BODIES) is not None


def _party_organisation(committee: Organisation) -> str | None:
    """The đảng bộ a committee leads, by name: "Tỉnh ủy Lai Châu" → "Đảng bộ tỉnh Lai Châu"; None for the
    Central Committee (the committees under it print no upper line)."""
    if _is_central(committee) or committee.level == "trung-uong":
        return None
    opening = _opening(committee.name, (c for c, _ in _COMMITTEES))
    organisation = dict(_COMMITTEES).get(opening or "")
    if organisation is None:
        return committee.name
    return f"{organisation} {_without_opening(committee.name, opening or '')}".strip()


def _committee_line(committee: Organisation) -> str:
    """How a committee prints its own name: "TỈNH ỦY LAI CHÂU", "BAN CHẤP HÀNH TRUNG ƯƠNG"."""
    return CENTRAL_COMMITTEE if _is_central(committee) else upper(committee.name)


def _youth_line(org: Organisation) -> str:
    """The Đoàn's own line: its Ban Chấp hành and locality, "BCH ĐOÀN TỈNH LAI CHÂU" (QĐ 367-QĐ/TWĐTN-VP)."""
    locality = _locality(org.name)
    if org.level == "trung-uong" or not locality:
        return CENTRAL_COMMITTEE if org.level == "trung-uong" else upper(org.name)
    return upper(f"BCH Đoàn {locality}")


# ---- the issuer block ----

class _Chain:
    """An organisation's ancestors through the data's `parent` links, groups skipped, loops cut."""

    def __init__(self, organisations: Mapping[str, Organisation]) -> None:
        self.organisations = organisations

    def parent(self, org: Organisation) -> Organisation | None:
        seen = {org.id}
        current = org
        while current.parent is not None:
            found = self.organisations.get(current.parent.id)
            if found is None or found.id in seen:
                return None
            if not found.group:
                return found
            seen.add(found.id)
            current = found
        return None


def issuer_lines(doc: Document, organisations: Mapping[str, Organisation]) -> tuple[str | None, str]:
    """The issuer block of the header, both lines upper case: (superior or None, issuer). The document's own
    `header` comes first; then the rules of the module's docstring, for the first issuer."""
    if doc.header is not None:
        return (upper(doc.header.upper) if doc.header.upper else None), upper(doc.header.lower)
    if not doc.issuer:
        return None, ISSUER_UNKNOWN
    org = organisations.get(doc.issuer[0].id)
    if org is None:
        return None, upper(doc.issuer[0].id)
    return _org_lines(org, _Chain(organisations))


def _org_lines(org: Organisation, chain: _Chain, depth: int = 0) -> tuple[str | None, str]:
    parent = chain.parent(org)
    # A collective organ writes in its committee's name (HD 36 mục II.1.2), and so does the Đoàn's; a body placed
    # under one in the data belongs to that committee.
    if parent is not None and depth < 8 and _is_collective_organ(org, parent):
        return _org_lines(parent, chain, depth + 1)
    for _ in range(8):
        above = chain.parent(parent) if parent is not None else None
        if parent is None or not _is_collective_organ(parent, above):
            break
        parent = above
    if _is_central(org):
        return None, CENTRAL_COMMITTEE
    if _is_youth_union(org):
        return None, _youth_line(org)
    if _is_committee(org):
        organisation = _party_organisation(parent) if parent is not None and _is_committee(parent) else None
        return (upper(organisation) if organisation else None), upper(org.name)
    if _is_peoples_body(org) or parent is None:
        return None, upper(org.name)
    if _is_party(org) and _is_committee(parent):
        return _committee_line(parent), upper(_own_name(org, parent, parent.name))
    if _is_youth_union(parent):
        return _youth_line(parent), upper(_own_name(org, parent, parent.name))
    superior = _superior_name(parent)
    return upper(superior), upper(_own_name(org, parent, superior))


def system(doc: Document, organisations: Mapping[str, Organisation], number_system: str) -> str:
    """The header's layout: "youth" for the Đoàn's documents (their numbers read as Party ones), else the system
    the number's grammar or the issuer's sector gives (`Documents.system`)."""
    if doc.issuer:
        org = organisations.get(doc.issuer[0].id)
        if org is not None and _in_youth_union(org, _Chain(organisations).parent(org)):
            return "youth"
    return number_system


# ---- number, place and date, subject ----

def number_line(doc: Document, layout: str) -> str:
    """"Số 171-KH/BTGTU" (Party: no colon, HD 36 mục II.1.3), "Số: 125/QĐ-UBND" (State, NĐ 30/2020 Phụ lục I
    mục II.3; the Đoàn writes the colon too); the number in square brackets when unknown."""
    value = NUMBER_UNKNOWN if doc.number is UNKNOWN else nfc(str(doc.number)).strip()
    return f"Số {value}" if layout == "party" else f"Số: {value}"


def bound_phrase(doc: Document) -> str | None:
    """The issue date known only as a bound: "ban hành sau ngày 30/5/2023", "… và trước ngày …"; None if none
    (or if the date itself is known)."""
    if isinstance(doc.date, date):
        return None
    parts = []
    if doc.issued_after is not None:
        parts.append(f"sau ngày {dates.format_date(doc.issued_after)}")
    if doc.issued_before is not None:
        parts.append(f"trước ngày {dates.format_date(doc.issued_before)}")
    return "ban hành " + " và ".join(parts) if parts else None


def _place(doc: Document) -> str | None:
    place = getattr(doc, "place", None)
    if place is None or place is UNKNOWN or not str(place).strip():
        return None
    return " ".join(nfc(str(place)).split())


def date_line(doc: Document) -> str:
    """The place and date line (HD 36 mục II.1.4, NĐ 30/2020 Phụ lục I mục II.4): "Lai Châu, ngày 30 tháng 5 năm
    2023"; what is unknown in square brackets in its place, never "chưa rõ, chưa rõ ngày ban hành"."""
    place = _place(doc)
    if isinstance(doc.date, date):
        return dates.format_date_header(doc.date, place or PLACE_UNKNOWN)
    bound = bound_phrase(doc)
    if place:
        return f"{place}, [{bound}]" if bound else f"{place}, {DATE_UNKNOWN}"
    return f"[chưa rõ địa danh; {bound}]" if bound else PLACE_AND_DATE_UNKNOWN


def editor_subject(doc: Document) -> str | None:
    """The editor's subject line for a document without a trích yếu, marked as the editor's."""
    if doc.title is UNKNOWN and doc.editor_title:
        return EDITOR_SUBJECT.format(" ".join(nfc(doc.editor_title).split()))
    return None


def subject(doc: Document) -> tuple[str, bool]:
    """(the subject line, whether it is the document's own trích yếu)."""
    if doc.title is not UNKNOWN and str(doc.title).strip():
        return str(doc.title), True
    return editor_subject(doc) or SUBJECT_UNKNOWN, False


def make_header(doc: Document, organisations: Mapping[str, Organisation], *, number_system: str,
                kind_name: str | None) -> Header:
    """The header of `doc`. `number_system` is "party" or "state" (from its number, else its issuer's sector);
    `kind_name` the kind in words ("kế hoạch"), None when the document prints none."""
    layout = system(doc, organisations, number_system)
    superior, issuer = issuer_lines(doc, organisations)
    text, printed = subject(doc)
    return Header(system=layout, superior=superior, issuer=issuer, star=STARS.get(layout), motto=MOTTOS[layout],
                  number_line=number_line(doc, layout), number_known=doc.number is not UNKNOWN,
                  date_line=date_line(doc), date_known=isinstance(doc.date, date),
                  kind=upper(kind_name) if kind_name else None, subject=text, subject_printed=printed)


# ---- the signature ----

def signer_authority(doc: Document, organisations: Mapping[str, Organisation]) -> str | None:
    """The line over the signer's title: the data's `authority`, else the one the issuer imposes: "T/M BAN THƯỜNG
    VỤ" for a Party committee's Ban Thường vụ (HD 36 mục II.1, thẩm quyền ký)."""
    signer = getattr(doc, "signer", None)
    if signer is None:
        return None
    if signer.authority:
        return signer.authority
    org = organisations.get(doc.issuer[0].id) if doc.issuer else None
    if org is None:
        return None
    parent = _Chain(organisations).parent(org)
    if _is_party(org) and parent is not None and _is_collective_organ(org, parent) \
            and _opening(org.name, ("ban thuong vu",)):
        return BTV_AUTHORITY
    return None
