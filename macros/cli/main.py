"""The `sotay` command: check the data, import a document, build or serve the site. Messages are Vietnamese; exit status
0 when all is well, 1 when the data has problems or the build fails, 2 on a usage error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from macros.core.diagnostics import echo
from macros.core.report import FORMATS
from macros.core.schemas import stale_schemas, write_schemas
from macros.core.status import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .build import run_mkdocs
from .check import run_check
from .importing import add_parser as add_import_parser, run_import
from .publish import add_parser as add_publish_parser, run_publish
from .scaffold import KINDS as SCAFFOLD_KINDS, ScaffoldError, new_record


class VietnameseParser(argparse.ArgumentParser):
    """argparse speaks English; editors read Vietnamese."""

    def error(self, message: str) -> NoReturn:
        translated = (message.replace("the following arguments are required", "thiếu tham số bắt buộc")
                      .replace("unrecognized arguments", "tham số không hiểu được")
                      .replace("invalid choice", "lựa chọn không hợp lệ")
                      .replace("choose from", "chọn một trong"))
        self.print_usage(sys.stderr)
        print(f"{self.prog}: lỗi: {translated}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> VietnameseParser:
    parser = VietnameseParser(prog="sotay", description="Sổ tay tuyên truyền: kiểm tra dữ liệu và dựng trang web.",
                              add_help=False)
    parser.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=VietnameseParser)
    check = commands.add_parser("check", help="kiểm tra toàn bộ dữ liệu trong data/", add_help=False)
    check.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    check.add_argument("data", nargs="?", default="data", help="thư mục dữ liệu (mặc định: data)")
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="cách in lỗi: text (mặc định), github, gitlab (báo cáo Code Quality JSON), json")
    check.add_argument("--changed", nargs="+", metavar="TỆP",
                       help="chỉ báo lỗi của các tệp này và các tệp tham chiếu tới mục trong chúng")
    check.add_argument("--refuse-marks", action="store_true",
                       help="coi mỗi dấu \"# KIỂM TRA\" do sotay import để lại là một lỗi (dùng cho pre-commit, CI)")
    schema = commands.add_parser("schema", help="ghi lại JSON Schema của các loại tệp dữ liệu vào data/schemas/",
                                 add_help=False)
    schema.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    schema.add_argument("--check", action="store_true", help="chỉ kiểm tra các schema còn khớp với mô hình")
    schema.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    new = commands.add_parser("new", help="tạo một tệp dữ liệu mới có sẵn các trường bắt buộc", add_help=False)
    new.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    new.add_argument("kind", choices=list(SCAFFOLD_KINDS), metavar="LOẠI",
                     help=", ".join(f"{name} ({kind.what})" for name, kind in SCAFFOLD_KINDS.items()))
    new.add_argument("title", metavar="TIÊU-ĐỀ", help="tiêu đề hoặc tên, trong ngoặc kép")
    new.add_argument("--id", help="mã (mặc định: tạo từ tiêu đề)")
    new.add_argument("--plan", help="mã kế hoạch (bắt buộc với task)")
    new.add_argument("--issuer", help="mã cơ quan ban hành (với plan)")
    new.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    for name, what in (("build", "kiểm tra dữ liệu rồi dựng trang web vào site/"),
                       ("serve", "kiểm tra dữ liệu rồi mở trang web xem thử tại http://127.0.0.1:8000")):
        sub = commands.add_parser(name, help=what, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
        sub.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định: mkdocs.yml)")
    add_publish_parser(commands)
    add_import_parser(commands)
    return parser


def run_schema(data: str, check_only: bool) -> int:
    data_dir = Path(data)
    if check_only:
        stale = stale_schemas(data_dir)
        for name in stale:
            print(f"{data_dir / 'schemas' / name}: schema cũ hoặc thiếu; chạy \"sotay schema\" để ghi lại")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for path in write_schemas(data_dir):
        print(f"Đã ghi {path}")
    return EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    try:
        made = new_record(Path(args.data), args.kind, args.title, args.id, args.plan, args.issuer)
    except ScaffoldError as exc:
        print(f"sotay: lỗi: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Đã tạo {echo(made.path, 200)} (mã \"{made.record_id}\"). Điền các trường theo chú thích trong tệp rồi chạy "
          "\"sotay check\".")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.data, args.format, args.changed, args.refuse_marks)
        if args.command == "schema":
            return run_schema(args.data, args.check)
        if args.command == "new":
            return run_new(args)
        if args.command == "import":
            return run_import(args)
        if args.command == "publish":
            return run_publish(args, check=run_check)
        if args.command in ("build", "serve"):
            return run_mkdocs(args.command, args.config)
        parser.print_help()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_PROBLEMS
    except Exception as exc:  # never show a traceback to an editor; say what happened and where to report it
        print(f"sotay: lỗi nội bộ ({type(exc).__name__}: {exc}). Đây là lỗi của chương trình, không phải của dữ liệu; "
              "hãy báo cho người quản trị kèm thông báo này.", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
