"""`sotay publish DEST` and `sotay publish DEST --rollback`: the command line of macros/outputs/publish.py."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

from macros.core.status import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from macros.outputs.publish import (KEEP, Interrupted, PublishError, Stopping, describe, explain, build_site,
                                    check_destination, publish, rollback, versions_dir)


def add_parser(commands) -> None:
    sub = commands.add_parser("publish", add_help=False,
                              help="kiểm tra dữ liệu, dựng trang web rồi thay bản đang xuất bản ở ĐÍCH trong một bước")
    sub.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    sub.add_argument("dest", metavar="ĐÍCH",
                     help="đường dẫn máy chủ web đọc (một liên kết tới ĐÍCH.versions/<thời điểm>/), ví dụ /srv/sotay")
    sub.add_argument("--rollback", action="store_true", help="quay lại bản đã xuất bản trước bản hiện tại")
    sub.add_argument("--keep", type=int, default=KEEP, metavar="SỐ",
                     help=f"số bản giữ lại trong ĐÍCH.versions/ (mặc định: {KEEP})")
    sub.add_argument("--config", default="mkdocs.yml", help="tệp cấu hình (mặc định: mkdocs.yml)")


def run_publish(args: argparse.Namespace, check: Callable[[str], int],
                build: Callable[[Path], bool] | None = None) -> int:
    """`sotay publish`. `check(data_folder)` returns an exit status; `build(folder)` builds the site into that
    folder and returns True on success (default: `mkdocs build` of args.config, see build_site)."""
    dest = Path(os.path.abspath(args.dest))
    failed = "sotay publish: " if args.rollback else "sotay publish: chưa xuất bản: "
    stopping = Stopping()
    with stopping.installed():
        try:
            if args.rollback:
                switch = rollback(dest, commit=stopping.commit)
                print(f"Đã quay lại: {dest} nay là bản {switch.version.name} (bản {switch.previous.name} vẫn được "
                      f"giữ trong {versions_dir(dest)}).", file=sys.stderr)
                return EXIT_OK
            if args.keep < 2:
                raise PublishError("--keep phải từ 2 trở lên: cần giữ bản trước để quay lại", EXIT_USAGE)
            if not Path(args.config).is_file():
                raise PublishError(f"không thấy tệp cấu hình \"{args.config}\"; hãy chạy lệnh trong thư mục dự án",
                                   EXIT_USAGE)
            check_destination(dest)
            status = check(str(Path(args.config).parent / "data"))
            if status != EXIT_OK:
                raise PublishError(f"dữ liệu còn lỗi, trang web chưa được dựng. {describe(dest)}", status)
            build = build or (lambda target: build_site(args.config, target))
            switch = publish(dest, build, keep=args.keep, commit=stopping.commit)
        except PublishError as error:
            print(f"{failed}{error}", file=sys.stderr)
            return error.status
        except Interrupted as stop:
            what = "chưa quay lại" if args.rollback else "chưa xuất bản"
            print(f"sotay publish: {what}: đã dừng theo yêu cầu (tín hiệu {stop.name}). {describe(dest)}",
                  file=sys.stderr)
            return EXIT_PROBLEMS
        except OSError as error:  # outside publish() and rollback(): checking DEST or reading the data
            print(f"{failed}{explain(error, dest)}. {describe(dest)}", file=sys.stderr)
            return EXIT_PROBLEMS
        kept = (f" Bản trước ({switch.previous.name}) được giữ lại; quay lại bằng: sotay publish {args.dest} "
                "--rollback" if switch.previous else "")
        print(f"Đã xuất bản: {dest} nay là bản {switch.version.name} ({switch.version}).{kept}", file=sys.stderr)
        if switch.leftover:
            print(f"sotay publish: cảnh báo: chưa xóa được các bản cũ ({switch.leftover}); lần xuất bản sau sẽ thử "
                  "lại.", file=sys.stderr)
        return EXIT_OK
