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
from macros.core.org_names import Inferred, infer_organisation
from macros.core.vietnamese import capitalise, nfc, slugify

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
