"""The `sotay` command: check the data, build or serve the site. Messages are Vietnamese; exit status
0 when all is well, 1 when the data has problems or the build fails, 2 on a usage error."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import NoReturn, Sequence

from .diagnostics import Problems
from .load import load_data
from .model import Dataset
from .validate import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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
    for name, what in (("build", "kiểm tra dữ liệu rồi dựng trang web vào site/"),
                       ("serve", "kiểm tra dữ liệu rồi mở trang web xem thử tại http://127.0.0.1:8000")):
        sub = commands.add_parser(name, help=what, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
        sub.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định: mkdocs.yml)")
    return parser


def check_data(data_dir: Path) -> tuple[Dataset, Problems, int]:
    loaded = load_data(data_dir)
    validate(loaded.dataset, loaded.problems)
    return loaded.dataset, loaded.problems, len(loaded.files)


def summarise(dataset: Dataset) -> str:
    return (f"{len(dataset.organisations)} cơ quan, đơn vị; {len(dataset.documents) - len(dataset.plans)} văn bản "
            f"trích dẫn; {len(dataset.plans)} kế hoạch; {len(dataset.tasks)} nhiệm vụ; {len(dataset.milestones)} mốc "
            f"lịch sử; {len(dataset.events)} sự kiện; {len(dataset.outlines)} đề cương")


def run_check(data: str) -> int:
    data_dir = Path(data)
    if not data_dir.is_dir():
        print(f"sotay: lỗi: không thấy thư mục dữ liệu \"{data}\"; hãy chạy lệnh trong thư mục dự án "
              "hoặc ghi đường dẫn tới thư mục data", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    dataset, problems, files = check_data(data_dir)
    elapsed = time.perf_counter() - started
    for problem in problems.sorted():
        print(problem.format())
    if problems:
        shown = problems.sorted()
        paths = {p.pos.path for p in shown}
        print(f"Tìm thấy {len(shown)} lỗi trong {len(paths)} tệp. Sửa các dòng trên rồi chạy lại "
              "\"sotay check\".", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Dữ liệu hợp lệ: {files} tệp; {summarise(dataset)} (kiểm tra trong {elapsed:.2f} giây).",
          file=sys.stderr)
    return EXIT_OK


def run_mkdocs(command: str, config: str) -> int:
    if not Path(config).is_file():
        print(f"sotay: lỗi: không thấy tệp cấu hình \"{config}\"; hãy chạy lệnh trong thư mục dự án",
              file=sys.stderr)
        return EXIT_USAGE
    status = run_check("data")
    if status != EXIT_OK:
        print("Trang web chưa được dựng vì dữ liệu còn lỗi; bản đã xuất bản không bị thay đổi.", file=sys.stderr)
        return status
    args = [sys.executable, "-m", "mkdocs", command, "--config-file", config]
    if command == "build":
        args.append("--strict")
    else:
        args += ["--dev-addr", "127.0.0.1:8000"]
    # Material 9.7 prints an English banner about MkDocs 2.0; the project pins MkDocs 1.6, so it is noise here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(args, env=env)
    if result.returncode != 0:
        print("Dựng trang web không thành công; xem thông báo phía trên.", file=sys.stderr)
        return EXIT_PROBLEMS
    if command == "build":
        print("Đã dựng trang web vào thư mục site/. Mở site/index.html để xem.", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.data)
        if args.command in ("build", "serve"):
            return run_mkdocs(args.command, args.config)
        parser.print_help()
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_PROBLEMS
    except Exception as exc:  # never show a traceback to an editor; say what happened and where to report it
        print(f"sotay: lỗi nội bộ ({type(exc).__name__}: {exc}). Đây là lỗi của chương trình, không phải của dữ liệu; "
              "hãy báo cho người quản trị kèm thông báo này.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
