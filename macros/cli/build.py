"""`sotay build` and `sotay serve`: check the data, then build the site into a folder beside the target and put it
in place only when the whole build succeeded, or serve it for a preview."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import yaml

from macros.core.diagnostics import echo
from macros.core.load import display_path
from macros.core.status import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from macros.outputs.publish import build_site
from .check import run_check


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
    args = [sys.executable, "-P", "-m", "mkdocs", command, "--config-file", config, "--dev-addr", "127.0.0.1:8000"]
    # Material 9.7 prints an English banner about MkDocs 2.0; the project pins MkDocs 1.6, so it is noise here.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    if subprocess.run(args, env=env).returncode != 0:
        print("Dựng trang web không thành công; xem thông báo phía trên.", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
