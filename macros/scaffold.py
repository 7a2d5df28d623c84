"""`sotay new`: writes a new data file with the required fields and a comment on each, ready to fill in.

The id comes from the title (ASCII slug); an existing file is never overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .render import TEMPLATES
from .schemas import schema_line
from .vietnamese import nfc, slugify

FOLDERS = {"event": "events", "plan": "plans", "organisation": "organisations", "outline": "outlines",
           "task": "tasks"}
WHAT = {"event": "sự kiện", "plan": "kế hoạch", "organisation": "cơ quan, đơn vị", "outline": "đề cương",
        "task": "nhiệm vụ"}
PLACEHOLDER_DOCUMENT = "ma-van-ban-nguon"


class ScaffoldError(Exception):
    """A Vietnamese message for the editor: what is wrong with the request."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path
    record_id: str


def _environment() -> SandboxedEnvironment:
    # YAML, not HTML: values are quoted with json.dumps (valid YAML), so no HTML escaping here.
    return SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES / "scaffold"), undefined=StrictUndefined,
                                keep_trailing_newline=True, autoescape=False)


def yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def event_name(title: str) -> str:
    """What an event commemorates: the title without "Kỷ niệm N năm", which the site computes."""
    name = re.sub(r"^\s*kỷ niệm\s+\d+\s+năm\s+", "", title, flags=re.IGNORECASE)
    return name[:1].upper() + name[1:] if name else title


def new_record(data_dir: Path, kind: str, title: str, record_id: str | None = None, plan: str | None = None,
               issuer: str | None = None) -> Scaffolded:
    if kind not in FOLDERS:
        raise ScaffoldError(f"không có loại \"{kind}\"; chọn một trong: {', '.join(FOLDERS)}")
    title = nfc(title).strip()
    if not title:
        raise ScaffoldError("cần một tiêu đề, ví dụ: sotay new event \"Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ\"")
    record_id = record_id or slugify(title)
    if not record_id:
        raise ScaffoldError(f"không tạo được mã từ tiêu đề \"{title}\"; hãy ghi mã bằng --id")
    if kind == "task" and not plan:
        raise ScaffoldError("nhiệm vụ cần mã kế hoạch giao nó: thêm --plan MÃ-KẾ-HOẠCH")
    relative = f"{FOLDERS[kind]}/{record_id}.yml"
    path = data_dir / relative
    if path.exists():
        raise ScaffoldError(f"tệp {path} đã có; không ghi đè. Hãy sửa tệp đó hoặc chọn mã khác bằng --id")
    text = _environment().get_template(f"{kind}.yml.j2").render(
        schema_line=schema_line(relative), id=record_id, title=yaml_string(title), name=yaml_string(event_name(title)),
        title_comment=title.replace("\n", " "), plan=plan or "", issuer=issuer or "ma-co-quan-ban-hanh",
        document=plan or PLACEHOLDER_DOCUMENT)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite, even in a race
        handle.write(text)
    return Scaffolded(path, record_id)
