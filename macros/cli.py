"""The `sotay` command: check the data, build or serve the site. Messages are Vietnamese; exit status
0 when all is well, 1 when the data has problems or the build fails, 2 on a usage error."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, NoReturn, Sequence

import yaml

from .diagnostics import Problems, echo
from .load import display_path, load_data
from .model import Dataset
from .publish import add_parser as add_publish_parser, build_site, run_publish
from .report import FORMATS, format_problems, limit_to_changed
from .scaffold import FOLDERS, ScaffoldError, new_record
from .schemas import stale_schemas, write_schemas
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
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="cách in lỗi: text (mặc định), github, gitlab (báo cáo Code Quality JSON), json")
    check.add_argument("--changed", nargs="+", metavar="TỆP",
                       help="chỉ báo lỗi của các tệp này và các tệp tham chiếu tới mục trong chúng")
    schema = commands.add_parser("schema", help="ghi lại JSON Schema của các loại tệp dữ liệu vào data/schemas/",
                                 add_help=False)
    schema.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    schema.add_argument("--check", action="store_true", help="chỉ kiểm tra các schema còn khớp với mô hình")
    schema.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    new = commands.add_parser("new", help="tạo một tệp dữ liệu mới có sẵn các trường bắt buộc", add_help=False)
    new.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    new.add_argument("kind", choices=list(FOLDERS), metavar="LOẠI",
                     help="event (sự kiện), plan (kế hoạch), organisation (đơn vị), outline (đề cương), task (nhiệm vụ)")
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
    return parser


def check_data(data_dir: Path) -> tuple[Dataset, Problems, int]:
    loaded = load_data(data_dir)
    validate(loaded.dataset, loaded.problems)
    return loaded.dataset, loaded.problems, len(loaded.files)


def summarise(dataset: Dataset) -> str:
    return (f"{len(dataset.organisations)} cơ quan, đơn vị; {len(dataset.documents) - len(dataset.plans)} văn bản "
            f"trích dẫn; {len(dataset.plans)} kế hoạch; {len(dataset.tasks)} nhiệm vụ; {len(dataset.milestones)} mốc "
            f"lịch sử; {len(dataset.events)} sự kiện; {len(dataset.outlines)} đề cương")


def run_check(data: str, output: str = "text", changed: Sequence[str] | None = None) -> int:
    data_dir = Path(data)
    if not data_dir.is_dir():
        print(f"sotay: lỗi: không thấy thư mục dữ liệu \"{echo(data)}\"; hãy chạy lệnh trong thư mục dự án "
              "hoặc ghi đường dẫn tới thư mục data", file=sys.stderr)
        return EXIT_USAGE
    started = time.perf_counter()
    dataset, problems, files = check_data(data_dir)
    elapsed = time.perf_counter() - started
    shown = problems.sorted()
    if changed is not None:
        shown = limit_to_changed(shown, dataset, changed)
    text = format_problems(shown, output)
    if text:
        print(text)
    if shown:
        paths = {p.pos.path for p in shown}
        print(f"Tìm thấy {len(shown)} lỗi trong {len(paths)} tệp. Sửa các dòng trên rồi chạy lại "
              "\"sotay check\".", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"Dữ liệu hợp lệ: {files} tệp; {summarise(dataset)} (kiểm tra trong {elapsed:.2f} giây).",
          file=sys.stderr)
    return EXIT_OK


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for `site_dir` only: MkDocs' own tags (!ENV, !!python/name:…) are read as nothing."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_dir(config: str) -> Path:
    """Where `mkdocs build` writes: `site_dir` of the configuration (default "site"), beside the configuration."""
    with open(config, encoding="utf-8") as handle:
        settings = yaml.load(handle, Loader=_ConfigLoader)  # noqa: S506 - a loader that constructs nothing unsafe
    name = settings.get("site_dir") if isinstance(settings, dict) else None
    return Path(os.path.abspath(Path(config).parent / (name if isinstance(name, str) and name else "site")))


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return False  # signal 0 means something else on Windows; a leftover there waits for the next build
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(target: Path) -> list[Path]:
    """Temporary folders of earlier builds into `target` whose process is gone (a killed or crashed build)."""
    found = []
    for kind in ("building", "old"):
        for path in target.parent.glob(f".{target.name}.{kind}-*"):
            pid = path.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
                found.append(path)
    return found


def build_into(target: Path, build: Callable[[Path], bool]) -> bool:
    """Run `build(folder)` (True when it succeeded) into a new folder beside `target`, then put it in `target`'s place.

    The folder is on the same file system as `target`, so the swap is two renames: `target` is never half
    written, a failed or interrupted build leaves the previous site as it was, and its temporary folder is
    removed (by this run, or by the next one if this process was killed).
    """
    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _leftovers(target):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    previous = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if not build(staging) or not staging.is_dir():
            return False
        had_previous = target.exists() or target.is_symlink()
        if had_previous:
            os.rename(target, previous)
        try:
            os.rename(staging, target)
        except BaseException:
            if had_previous:
                os.rename(previous, target)
            raise
        if had_previous:
            if previous.is_dir() and not previous.is_symlink():
                shutil.rmtree(previous, ignore_errors=True)
            else:
                previous.unlink(missing_ok=True)
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def run_mkdocs(command: str, config: str, build: Callable[[str, Path], bool] = build_site) -> int:
    if not Path(config).is_file():
        print(f"sotay: lỗi: không thấy tệp cấu hình \"{echo(config)}\"; hãy chạy lệnh trong thư mục dự án",
              file=sys.stderr)
        return EXIT_USAGE
    status = run_check("data")
    if status != EXIT_OK:
        print("Trang web chưa được dựng vì dữ liệu còn lỗi; bản đã xuất bản không bị thay đổi.", file=sys.stderr)
        return status
    if command == "build":
        target = site_dir(config)
        shown = display_path(target, Path.cwd())
        if not build_into(target, lambda staging: build(config, staging)):
            print(f"Dựng trang web không thành công; xem thông báo phía trên. Thư mục {echo(shown)}/ không bị thay "
                  "đổi.", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"Đã dựng trang web vào thư mục {echo(shown)}/. Mở {echo(shown)}/index.html để xem.", file=sys.stderr)
        return EXIT_OK
    args = [sys.executable, "-m", "mkdocs", command, "--config-file", config, "--dev-addr", "127.0.0.1:8000"]
    # Material 9.7 prints an English banner about MkDocs 2.0; the project pins MkDocs 1.6, so it is noise here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    if subprocess.run(args, env=env).returncode != 0:
        print("Dựng trang web không thành công; xem thông báo phía trên.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


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
            return run_check(args.data, args.format, args.changed)
        if args.command == "schema":
            return run_schema(args.data, args.check)
        if args.command == "new":
            return run_new(args)
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
        return 3


if __name__ == "__main__":
    sys.exit(main())
