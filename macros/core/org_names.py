"""What an organisation's name tells about it: level, sector, whether it is a group of units, and the unit it
belongs to ("Huyện ủy Tam Đường": cấp huyện, cơ quan Đảng). Used by `sotay new organisation` and by the importer
when a document names a unit the data does not have yet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Organisation
from .vietnamese import match_key


@dataclass(frozen=True)
class Inferred:
    """The fields of an organisation its name tells: None (or False) where it does not."""

    level: str | None = None
    sector: str | None = None
    group: bool = False
    parent: str | None = None


def _words(*phrases: str) -> str:
    """A regex matching any of `phrases` as whole words (Vietnamese letters included)."""
    return r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)"


# The first of these words in the name gives the level: "Phòng Văn hóa và Thông tin huyện Tam Đường" is a district
# unit, "Phòng Thông tin - Báo chí, Sở Văn hóa…" a department of a provincial one. "Xã hội" is no commune, "cơ sở"
# no Sở.
_LEVEL_WORDS = [
    ("trung-uong", _words("trung ương")),
    ("tinh", _words("tỉnh", r"(?<!cơ )sở")),
    ("huyen", _words("huyện", "thị xã", "thành phố", "quận")),
    ("xa", _words(r"xã(?! hội)", "phường", "thị trấn")),
]
_LEVEL_RE = re.compile("|".join(f"(?P<{level.replace('-', '_')}>{pattern})" for level, pattern in _LEVEL_WORDS))
# Grassroots Party organisations: chi bộ, đảng bộ (đảng ủy) cơ sở.
_GRASSROOTS = ("chi bộ", "đảng bộ cơ sở", "đảng ủy cơ sở")
# Sectors, tried in this order: a name starting with (or, for the Party, naming) one of these words.
_PARTY_STARTS = ("chi bộ", "đảng bộ", "đảng ủy", "đảng đoàn", "ban cán sự đảng", "tỉnh ủy", "huyện ủy", "thành ủy",
                 "thị ủy", "quận ủy", "bộ chính trị", "ban bí thư", "ban chấp hành trung ương")
_PARTY_NAMES = re.compile(_words("tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy", "trung ương đảng"))
_STATE_STARTS = ("ủy ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "thường trực hội đồng nhân dân",
                 "thường trực hđnd", "văn phòng ủy ban nhân dân", "văn phòng ubnd", "sở", "phòng", "công an",
                 "bộ chỉ huy", "bộ", "cục", "chi cục", "đoàn đại biểu quốc hội", "thanh tra", "kho bạc", "tòa án",
                 "viện kiểm sát")
_FRONT = re.compile(_words("mặt trận tổ quốc", "đoàn thanh niên", "tỉnh đoàn", "huyện đoàn", "hội liên hiệp phụ nữ",
                           "hội nông dân", "hội cựu chiến binh", "liên đoàn lao động", "tổ chức chính trị - xã hội",
                           "đoàn thể"))
_PRESS_STARTS = ("báo", "đài phát thanh", "đài truyền hình", "đài truyền thanh", "tạp chí", "cơ quan báo chí")
_PUBLIC_SERVICE_STARTS = ("trường", "trung tâm", "ban quản lý", "bệnh viện", "thư viện", "bảo tàng", "nhà văn hóa")
_BUSINESS_STARTS = ("công ty", "tổng công ty", "doanh nghiệp")


def _starts(text: str, *phrases: str) -> bool:
    """Whether `text` starts with one of `phrases` as whole words ("sở, ban, ngành" starts with "sở")."""
    return re.match(_words(*phrases), text) is not None


def _sector(rest: str) -> str | None:
    if _starts(rest, *_PARTY_STARTS) or _PARTY_NAMES.search(rest) or (_starts(rest, "ban") and "trung ương" in rest):
        return "dang"
    if _starts(rest, *_STATE_STARTS):
        return "nha-nuoc"
    if _FRONT.search(rest) or (_starts(rest, "hội") and not _starts(rest, "hội đồng")):
        return "mat-tran-doan-the"
    if _starts(rest, *_PRESS_STARTS):
        return "bao-chi"
    if _starts(rest, *_PUBLIC_SERVICE_STARTS):
        return "su-nghiep"
    if _starts(rest, *_BUSINESS_STARTS):
        return "doanh-nghiep"
    return None


def _level(rest: str) -> str | None:
    if _starts(rest, *_GRASSROOTS):
        return "co-so"
    found = _LEVEL_RE.search(rest)
    if found:
        return next(name for name, value in found.groupdict().items() if value is not None).replace("_", "-")
    if _starts(rest, "bộ") and not _starts(rest, "bộ chỉ huy"):
        return "trung-uong"  # a ministry
    return None


def _names_of(org: Organisation) -> list[str]:
    return [match_key(text) for text in (org.name, org.short, *org.aliases) if text]


def _find_unit(orgs: dict[str, Organisation], usual_id: str, level: str, sector: str,
               starts: tuple[str, ...]) -> str | None:
    """The id of a unit: `usual_id` when the data has it, else the one unit of that level and sector named so."""
    if usual_id in orgs:
        return usual_id
    found = [org.id for org in orgs.values() if org.level == level and org.sector == sector and not org.group
             and any(name.startswith(starts) for name in _names_of(org))]
    return found[0] if len(found) == 1 else None


def _parent(rest: str, level: str | None, sector: str | None,
            orgs: dict[str, Organisation]) -> str | None:
    """The unit it belongs to, when the name says: a Ban, Văn phòng… of the Tỉnh ủy; a Sở of the UBND tỉnh; a Phòng
    of a Sở the data has."""
    if sector == "dang" and re.search(_words("tỉnh ủy"), rest) and not _starts(rest, "tỉnh ủy"):
        return _find_unit(orgs, "tinh-uy", "tinh", "dang", ("tỉnh ủy",))
    if _starts(rest, "sở"):
        return _find_unit(orgs, "ubnd-tinh", "tinh", "nha-nuoc", ("ủy ban nhân dân tỉnh", "ubnd tỉnh"))
    if _starts(rest, "phòng") and level == "tinh":
        named = [org.id for org in orgs.values() if not org.group
                 and any(name.startswith("sở ") and name in rest for name in _names_of(org))]
        return named[0] if len(set(named)) == 1 else None
    return None


def infer_organisation(name: str, orgs: dict[str, Organisation] | None = None) -> Inferred:
    """Level, sector, group and parent as far as the name tells ("Huyện ủy Tam Đường": cấp huyện, cơ quan Đảng);
    `orgs` (the data's units by id) lets it name the parent."""
    key = match_key(name)
    group = key.startswith("các ") or bool(re.match(r"(ủy ban nhân dân|ubnd) các ", key))
    rest = key.removeprefix("các ")
    sector, level = _sector(rest), _level(rest)
    parent = None if group else _parent(rest, level, sector, orgs or {})
    return Inferred(level, sector, group, parent)
