"""What `sotay import` tells the editor: what it found in each part, how the units named were matched (with their
scores), every mark to check with its file and line, and what it wrote; as Vietnamese text, or as JSON for tools."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import echo
from .draft import MARK_WORD, Draft
from .source import SourceText
from .writing import Clash, Written

# The parts the report counts, in the order of a plan, with their Vietnamese names.
PARTS = (
    ("printed", "mục như bản in"), ("implements", "văn bản được thực hiện"), ("based_on", "văn bản làm căn cứ"),
    ("purposes", "đoạn mục đích"), ("requirements", "đoạn yêu cầu"), ("content", "mục nội dung"),
    ("forms", "đoạn hình thức"), ("timing", "thời gian tuyên truyền"), ("phases", "đợt tuyên truyền"),
    ("tasks", "nhiệm vụ"), ("budget", "kinh phí"), ("recipients", "dòng nơi nhận"), ("signer", "người ký"),
)
HEADER_FIELDS = (("number", "Số"), ("kind", "Loại"), ("issuer", "Cơ quan ban hành"), ("date", "Ngày ban hành"),
                 ("place", "Địa danh"), ("title", "Trích yếu"))


@dataclass
class ImportReport:
    source: SourceText
    draft: Draft
    files: list[Written] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    written: bool = False
    seconds: float = 0.0

    @property
    def mark_count(self) -> int:
        return sum(len(f.marks) for f in self.files)


def _shown(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_text(report: ImportReport, base: Path) -> str:
    source, draft, record = report.source, report.draft, report.draft.record
    lines = [f"Đã đọc {echo(source.path, 100)} ({source.format}, {len(source.lines)} dòng"
             + (f", {source.pages} trang" if source.pages else "") + f") trong {report.seconds:.2f} giây.",
             *[f"  {note}" for note in source.notes], "",
             "Phần đầu văn bản:"]
    for key, name in HEADER_FIELDS:
        value = record.get(key)
        if value is not None:
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            lines.append(f"  {name}: {echo(shown, 100)}")
    lines += ["", "Đã nhận ra:"]
    for key, name in PARTS:
        count = draft.found.get(key)
        if count:
            lines.append(f"  {count} {name}")
    if draft.matches:
        matched = [m for m in draft.matches if m.org_id]
        lines += ["", f"Đơn vị được nhắc đến: {len(draft.matches)} ({len(matched)} khớp với dữ liệu, "
                      f"{len(draft.matches) - len(matched)} đề xuất thêm mới):"]
        for match in sorted(draft.matches, key=lambda m: (m.org_id is not None, m.score)):
            target = f"→ {match.org_id} ({match.score:.0f}/100)" if match.org_id else "→ chưa có, đề xuất thêm mới"
            lines.append(f"  [{match.where}] \"{echo(match.written, 70)}\" {target}")
    if draft.proposed:
        lines += ["", "Đề xuất thêm vào dữ liệu:"]
        lines += [f"  {p.kind} \"{p.record.get('id')}\": {p.reason}" for p in draft.proposed]
    if draft.notes:
        lines += ["", "Ghi chú:", *[f"  {note}" for note in draft.notes]]
    if report.clashes:
        lines += ["", "Không ghi tệp nào vì trùng với dữ liệu đã có:"]
        lines += [f"  {_shown(c.path, base)}: {c.reason}" for c in report.clashes]
        lines.append("Hãy đổi tên hoặc dời tệp cũ, hoặc chọn thư mục khác bằng --out, rồi nhập lại.")
        return "\n".join(lines) + "\n"
    marks = [(f, line, reason) for f in report.files for line, reason in f.marks]
    if marks:
        lines += ["", f"Cần kiểm tra {len(marks)} chỗ (mỗi chỗ có dòng \"# {MARK_WORD}: …\" trong tệp):"]
        lines += [f"  {_shown(f.path, base)}:{line}: {echo(reason, 160)}" for f, line, reason in marks]
    verb = "Đã ghi" if report.written else "Sẽ ghi"
    lines += ["", f"{verb} {len(report.files)} tệp:"] + [f"  {_shown(f.path, base)}" for f in report.files]
    if report.written:
        lines += ["", f"Bước tiếp theo: mở từng tệp, đối chiếu với văn bản gốc, sửa chỗ cần sửa và xóa các dòng "
                      f"\"# {MARK_WORD}\"; rồi chạy \"sotay check\". Dữ liệu còn dấu {MARK_WORD} không được "
                      "nhận vào kho (pre-commit và CI từ chối)."]
    return "\n".join(lines) + "\n"


def format_json(report: ImportReport, base: Path) -> str:
    draft = report.draft
    data: dict[str, Any] = {
        "source": {"path": report.source.path, "format": report.source.format, "lines": len(report.source.lines),
                   "pages": report.source.pages, "notes": report.source.notes},
        "kind": draft.kind,
        "id": draft.record.get("id"),
        "header": {key: draft.record.get(key) for key, _ in HEADER_FIELDS},
        "found": draft.found,
        "units": [{"written": m.written, "organisation": m.org_id, "score": round(m.score, 1), "section": m.where}
                  for m in draft.matches],
        "proposed": [{"kind": p.kind, "id": p.record.get("id"), "reason": p.reason} for p in draft.proposed],
        "notes": draft.notes,
        "marks": [{"path": _shown(f.path, base), "line": line, "reason": reason}
                  for f in report.files for line, reason in f.marks],
        "files": [_shown(f.path, base) for f in report.files],
        "written": report.written,
        "clashes": [{"path": _shown(c.path, base), "reason": c.reason} for c in report.clashes],
        "seconds": round(report.seconds, 3),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
