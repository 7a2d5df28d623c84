"""`sotay import FILE`: an issued document (Word, PDF, text) read into a draft in data/ for the editor to check.
Reads the data first (to match numbers and unit names), never overwrites a file, and prints what it found."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from macros.core.load import load_data
from macros.core.diagnostics import echo
from macros.core.importer.reading import read_file
from macros.core.importer.recognise import recognise
from macros.core.importer.report import ImportReport, format_json, format_text
from macros.core.importer.source import ImportProblem
from macros.core.importer.writing import Clash, clashes, plan_files, same_document, write_files
from macros.core.kinds import BY_NAME
from macros.core.status import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

KINDS = ("plan", "document")


def add_parser(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("import", help="nhập một văn bản từ tệp Word (.docx), PDF, .txt hoặc .md thành bản nháp "
                                             "trong data/ để người biên tập kiểm tra", add_help=False)
    sub.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    sub.add_argument("file", metavar="TỆP", help="tệp văn bản: .docx, .pdf (có lớp chữ), .txt hoặc .md")
    sub.add_argument("--kind", choices=KINDS, help="plan: kế hoạch chép đủ nội dung (mặc định khi văn bản có phần "
                                                   "tổ chức thực hiện); document: chỉ ghi văn bản được trích dẫn")
    sub.add_argument("--out", help="thư mục ghi bản nháp (mặc định: thư mục dữ liệu)")
    sub.add_argument("--data", default="data", help="thư mục dữ liệu để đối chiếu số văn bản và tên đơn vị "
                                                    "(mặc định: data)")
    sub.add_argument("--format", choices=("text", "json"), default="text",
                     help="cách in báo cáo: text (mặc định) hoặc json")
    sub.add_argument("--dry-run", action="store_true", help="chỉ in báo cáo, không ghi tệp nào")


def run_import(args: argparse.Namespace, today: date | None = None) -> int:
    data_dir = Path(args.data)
    if not data_dir.is_dir():
        print(f"sotay: lỗi: không thấy thư mục dữ liệu \"{echo(args.data)}\"; hãy chạy lệnh trong thư mục dự án "
              "hoặc ghi --data", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    try:
        source = read_file(Path(args.file))
    except ImportProblem as exc:
        print(f"sotay import: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    # Numbers and unit names are matched against what the data holds; checking it is `sotay check`'s job.
    dataset = load_data(data_dir).dataset
    draft = recognise(source, dataset, args.kind)
    out = Path(args.out) if args.out else data_dir
    files = plan_files(draft, out, Path(args.file).name, today or date.today())
    known = {name: set(BY_NAME[name].records(dataset)) for name in ("plan", "document", "organisation", "event")}
    known["plan"] |= known["document"]  # a plan's id is a document id too
    found = clashes(files, known)
    copy_of = same_document(draft.record, dataset.documents)
    if copy_of and copy_of != draft.record.get("id"):
        found.append(Clash(files[0].path, f"dữ liệu đã có văn bản này (cùng số, hoặc cùng cơ quan ban hành và trích "
                                          f"yếu) với mã \"{copy_of}\"; hãy sửa tệp đó thay vì nhập lại"))
    report = ImportReport(source, draft, files, found)
    if not report.clashes and not args.dry_run:
        write_files(files)
        report.written = True
    report.seconds = time.perf_counter() - started
    base = Path.cwd()
    print(format_json(report, base) if args.format == "json" else format_text(report, base), end="")
    return EXIT_PROBLEMS if report.clashes else EXIT_OK
