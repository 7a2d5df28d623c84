"""`sotay check`: every problem of data/ at once, printed for people or for CI, and a summary of what was read."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Sequence

from macros.core.check import check_data
from macros.core.marks import check_marks
from macros.core.diagnostics import echo
from macros.core.model import Dataset
from macros.core.report import format_problems, limit_to_changed
from macros.core.status import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def summarise(dataset: Dataset) -> str:
    return (f"{len(dataset.organisations)} cơ quan, đơn vị; {len(dataset.documents) - len(dataset.plans)} văn bản "
            f"trích dẫn; {len(dataset.plans)} kế hoạch; {len(dataset.tasks)} nhiệm vụ; {len(dataset.milestones)} mốc "
            f"lịch sử; {len(dataset.events)} sự kiện; {len(dataset.outlines)} đề cương")


def run_check(data: str, output: str = "text", changed: Sequence[str] | None = None,
              refuse_marks: bool = False) -> int:
    data_dir = Path(data)
    if not data_dir.is_dir():
        print(f"sotay: lỗi: không thấy thư mục dữ liệu \"{echo(data)}\"; hãy chạy lệnh trong thư mục dự án "
              "hoặc ghi đường dẫn tới thư mục data", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    dataset, problems, files = check_data(data_dir)
    check_marks(files, problems, refuse_marks)
    files = len(files)
    elapsed = time.perf_counter() - started
    shown, notes = problems.sorted(), problems.sorted_notes()
    if changed is not None:
        shown = limit_to_changed(shown, dataset, changed)
        notes = limit_to_changed(notes, dataset, changed)
    text = format_problems(shown + notes, output)
    if text:
        print(text)
    remark = f" Có {len(notes)} ghi chú (không phải lỗi) để người biên tập xem lại." if notes else ""
    if shown:
        paths = {p.pos.path for p in shown}
        print(f"Tìm thấy {len(shown)} lỗi trong {len(paths)} tệp. Sửa các dòng trên rồi chạy lại "
              f"\"sotay check\".{remark}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Dữ liệu hợp lệ: {files} tệp; {summarise(dataset)} (kiểm tra trong {elapsed:.2f} giây).{remark}",
          file=sys.stderr)
    return EXIT_OK
