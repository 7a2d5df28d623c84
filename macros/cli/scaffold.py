"""`sotay new`: writes a new data file with the required fields and a comment on each, ready to fill in.

The id comes from the title (ASCII slug); an existing file is never overwritten. Every id given on the
command line must be a valid id (the rule of the data checker): it becomes a file name and is written into
the file, so `--id ../../x` or a `--plan` carrying a line break would write outside data/ or inject YAML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from macros.core.diagnostics import echo
from macros.core.fields import ID_RE, MAX_ID_LENGTH
from macros.core.kinds import SCAFFOLDS
from macros.core.schemas import schema_line
from macros.core.load import load_data
from macros.core.model import LEVELS, SECTORS, Organisation
from macros.core.vietnamese import capitalise, match_key, nfc, slugify

KINDS = {kind.name: kind for kind in SCAFFOLDS}
PLACEHOLDER_DOCUMENT = "ma-van-ban-nguon"
TEMPLATES = Path(__file__).parent / "templates"


class ScaffoldError(Exception):
    """A Vietnamese message for the editor: what is wrong with the request."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path
    record_id: str


def _environment() -> SandboxedEnvironment:
    # YAML, not HTML: values are quoted with json.dumps (valid YAML), so no HTML escaping here.
    return SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                                keep_trailing_newline=True, autoescape=False)


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def event_name(title: str) -> str:
    """What an event commemorates: the title without "Kỷ niệm N năm", which the site computes."""
    name = re.sub(r"^\s*kỷ niệm\s+\d+\s+năm\s+", "", title, flags=re.IGNORECASE)
    return capitalise(name) if name else title


def _require_id(value: str, option: str) -> str:
    if not ID_RE.match(value):
        example = slugify(value)[:MAX_ID_LENGTH].strip("-") or "ky-niem-70-nam"
        raise ScaffoldError(f"{option} \"{echo(value)}\" không phải mã hợp lệ: chỉ dùng chữ thường không dấu, chữ số "
                            f"và dấu gạch ngang, ví dụ \"{echo(example)}\"")
    if len(value) > MAX_ID_LENGTH:
        raise ScaffoldError(f"{option} \"{echo(value)}\" dài {len(value)} ký tự, quá giới hạn {MAX_ID_LENGTH} ký tự; "
                            "hãy đặt mã ngắn hơn")
    return value


def id_from_title(title: str) -> str:
    """The title's slug, cut at a word boundary to the id length limit."""
    slug = slugify(title)
    if len(slug) <= MAX_ID_LENGTH:
        return slug
    cut = slug[:MAX_ID_LENGTH + 1]
    return cut[:cut.rfind("-")] if "-" in cut else cut[:MAX_ID_LENGTH]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


# ---- what a unit's name says about it (`sotay new organisation`) ----

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


def _organisations(data_dir: Path) -> dict[str, Organisation]:
    """The data's units, to name a new unit's parent; none when the data cannot be read (the checker says why)."""
    if not data_dir.is_dir():
        return {}
    return load_data(data_dir).dataset.organisations


def new_record(data_dir: Path, kind: str, title: str, record_id: str | None = None, plan: str | None = None,
               issuer: str | None = None) -> Scaffolded:
    if kind not in KINDS:
        raise ScaffoldError(f"không có loại \"{kind}\"; chọn một trong: {', '.join(KINDS)}")
    title = nfc(title).strip()
    if not title:
        raise ScaffoldError("cần một tiêu đề, ví dụ: sotay new event \"Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ\"")
    if bad := _CONTROL.search(title):
        raise ScaffoldError(f"tiêu đề có ký tự điều khiển vô hình U+{ord(bad.group()):04X}; hãy gõ lại tiêu đề")
    if record_id:
        record_id = _require_id(record_id, "mã")
    else:
        record_id = id_from_title(title)
        if not record_id:
            raise ScaffoldError(f"không tạo được mã từ tiêu đề \"{echo(title)}\"; hãy ghi mã bằng --id")
    if kind == "task" and not plan:
        raise ScaffoldError("nhiệm vụ cần mã kế hoạch giao nó: thêm --plan MÃ-KẾ-HOẠCH")
    if plan is not None:
        plan = _require_id(plan, "mã kế hoạch (--plan)")
    if issuer is not None:
        issuer = _require_id(issuer, "mã cơ quan ban hành (--issuer)")
    relative = f"{KINDS[kind].folder}/{record_id}.yml"
    path = data_dir / relative
    if path.exists():
        raise ScaffoldError(f"tệp {echo(path, 200)} đã có; không ghi đè. Hãy sửa tệp đó hoặc chọn mã khác bằng --id")
    inferred = infer_organisation(title, _organisations(data_dir)) if kind == "organisation" else Inferred()
    text = _environment().get_template(f"{kind}.yml.j2").render(
        schema_line=schema_line(relative), id=record_id, title=yaml_string(title), name=yaml_string(event_name(title)),
        title_comment=title.replace("\n", " "), plan=plan or "", issuer=issuer or "ma-co-quan-ban-hanh",
        document=plan or PLACEHOLDER_DOCUMENT, inferred=inferred,
        levels=", ".join(f"{key} ({label})" for key, label in LEVELS.items()),
        sectors=", ".join(f"{key} ({label})" for key, label in SECTORS.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return Scaffolded(path, record_id)
