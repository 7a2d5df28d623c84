"""`sotay publish DEST`: put a fresh build of the site where the intranet's web server reads it, in one atomic
step, keeping earlier versions for `sotay publish DEST --rollback`.

DEST is a symbolic link to one folder of DEST.versions/ (a sibling folder), named by the time of publishing:

    /srv/sotay -> sotay.versions/20240501-063000
    /srv/sotay.versions/20240430-063000/   the previous version
    /srv/sotay.versions/20240501-063000/   the published one

Publishing checks the data, builds into a temporary folder inside DEST.versions/ (the same disk, so renaming it is
instant), then points DEST at it by renaming a new symbolic link over the old one (os.replace: rename(2), which
is atomic: a reader gets the old site or the new one, never half of each). When the check or the build fails
nothing in DEST changes and the message says so. Rolling back points DEST at the newest version older than the
current one. The newest KEEP versions are kept (and always the published one); older ones are removed.

No MkDocs here: the command line (macros/cli.py) passes in the check and the build.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
KEEP = 5
_VERSION = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")
_STAGING_PREFIX = ".dang-dung-"


class PublishError(Exception):
    """A Vietnamese message for the person publishing, and the exit status."""

    def __init__(self, message: str, status: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Switch:
    dest: Path
    version: Path  # what DEST points at now
    previous: Path | None  # what it pointed at before


def versions_dir(dest: Path) -> Path:
    return dest.with_name(dest.name + ".versions")


def _order(version: Path) -> tuple[str, int]:
    """20240501-063000 < 20240501-063000-2 < 20240501-063000-10 (publishes within one second)."""
    stamp, n = version.name[:15], version.name[16:]
    return stamp, int(n) if n else 1


def list_versions(dest: Path) -> list[Path]:
    """The published versions kept beside DEST, oldest first."""
    folder = versions_dir(dest)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _VERSION.match(p.name) and p.is_dir() and not p.is_symlink()),
                  key=_order)


def current_version(dest: Path) -> Path | None:
    """The version DEST points at, or None when nothing was published there yet."""
    if not dest.is_symlink():
        return None
    target = Path(os.readlink(dest))
    if not target.is_absolute():
        target = dest.parent / target
    return Path(os.path.normpath(target))


def _describe(dest: Path) -> str:
    current = current_version(dest)
    if current is None:
        return f"{dest} không thay đổi (chưa có bản nào được xuất bản ở đó)."
    return f"{dest} không thay đổi (vẫn là bản {current.name})."


def check_destination(dest: Path) -> None:
    """DEST must be missing (first publish) or a link made by an earlier publish."""
    if not dest.parent.is_dir():
        raise PublishError(f"không có thư mục {dest.parent}; hãy tạo nó trước (ví dụ: sudo mkdir -p {dest.parent})",
                           EXIT_USAGE)
    if dest.is_symlink():
        current = current_version(dest)
        if current is None or current.parent != versions_dir(dest) or not _VERSION.match(current.name):
            raise PublishError(f"{dest} là liên kết tới {os.readlink(dest)}, không phải tới một bản trong "
                               f"{versions_dir(dest)}; sotay publish không ghi đè nó. Hãy xóa liên kết hoặc chọn "
                               "nơi xuất bản khác.", EXIT_USAGE)
        return
    if dest.exists():
        raise PublishError(f"{dest} đã có và không phải liên kết do sotay publish tạo; sotay publish không ghi đè "
                           f"nó. Hãy đổi tên nó (ví dụ: mv {dest} {dest}.cu) hoặc chọn nơi xuất bản khác.",
                           EXIT_USAGE)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One publish or rollback at a time (a daily job and a person may start one together)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    with open(folder / ".khoa", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"đang có một lần xuất bản khác vào {folder.parent} chạy; chờ nó xong rồi chạy "
                               "lại.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _new_name(folder: Path, now: float) -> str:
    name = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    candidate, n = name, 1
    while (folder / candidate).exists():
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def _readable(tree: Path) -> None:
    """The web server (another user) must read every file, whatever the umask of the person publishing."""
    for folder, dirs, files in os.walk(tree):
        os.chmod(folder, 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def point(dest: Path, version: Path) -> None:
    """Make DEST point at `version` in one step: a new link beside it, renamed over it."""
    target = os.path.relpath(version, dest.parent)
    temporary = dest.with_name(f".{dest.name}.moi-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    os.symlink(target, temporary, target_is_directory=True)
    try:
        os.replace(temporary, dest)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename durable
        descriptor = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def prune(dest: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` versions, never the published one. Returns what was removed."""
    current = current_version(dest)
    versions = list_versions(dest)
    removed = [v for v in versions[:-keep] if v != current] if keep > 0 else []
    for version in removed:
        shutil.rmtree(version)
    return removed


def publish(dest: Path, build: Callable[[Path], bool], *, keep: int = KEEP, now: float | None = None) -> Switch:
    """Build with `build(folder)` (True when it succeeded) into a new version and point DEST at it."""
    dest = Path(os.path.abspath(dest))
    check_destination(dest)
    folder = versions_dir(dest)
    created = not folder.exists()
    folder.mkdir(exist_ok=True)
    try:
        with _locked(folder):
            for stale in folder.glob(_STAGING_PREFIX + "*"):  # left by an interrupted publish
                shutil.rmtree(stale, ignore_errors=True)
            name = _new_name(folder, time.time() if now is None else now)
            staging = folder / f"{_STAGING_PREFIX}{name}"
            try:
                if not build(staging):
                    raise PublishError(f"dựng trang web không thành công (xem thông báo phía trên). "
                                       f"{_describe(dest)}")
                if not (staging / "index.html").is_file():
                    raise PublishError(f"bản dựng không có trang chủ index.html. {_describe(dest)}")
                _readable(staging)
                version = folder / name
                staging.rename(version)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
            previous = current_version(dest)
            point(dest, version)
            prune(dest, keep)
            return Switch(dest, version, previous)
    except BaseException:
        if created:  # a first publish that failed leaves nothing behind
            with contextlib.suppress(OSError):
                (folder / ".khoa").unlink(missing_ok=True)
                folder.rmdir()
        raise


def rollback(dest: Path) -> Switch:
    """Point DEST at the newest version older than the one it points at."""
    dest = Path(os.path.abspath(dest))
    check_destination(dest)
    current = current_version(dest)
    if current is None:
        raise PublishError(f"chưa có bản nào được xuất bản vào {dest}, nên không có bản nào để quay lại.")
    with _locked(versions_dir(dest)):
        older = [v for v in list_versions(dest) if _order(v) < _order(current)]
        if not older:
            raise PublishError(f"không còn bản nào cũ hơn bản {current.name} trong {versions_dir(dest)} để quay "
                               f"lại. {_describe(dest)}")
        point(dest, older[-1])
        return Switch(dest, older[-1], current)


# ---------------------------------------------------------------------------------------------------------------
# Command line (wired in macros/cli.py)
# ---------------------------------------------------------------------------------------------------------------

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


def build_site(config: str, target: Path) -> bool:
    """`mkdocs build --strict` of `config` into `target`; its messages go to the terminal."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", str(target)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    return subprocess.run(args, env=env).returncode == 0


def run_publish(args: argparse.Namespace, check: Callable[[str], int]) -> int:
    dest = Path(os.path.abspath(args.dest))
    try:
        if args.rollback:
            switch = rollback(dest)
            print(f"Đã quay lại: {dest} nay là bản {switch.version.name} (bản {switch.previous.name} vẫn được giữ "
                  f"trong {versions_dir(dest)}).", file=sys.stderr)
            return EXIT_OK
        if args.keep < 2:
            raise PublishError("--keep phải từ 2 trở lên: cần giữ bản trước để quay lại", EXIT_USAGE)
        if not Path(args.config).is_file():
            raise PublishError(f"không thấy tệp cấu hình \"{args.config}\"; hãy chạy lệnh trong thư mục dự án",
                               EXIT_USAGE)
        check_destination(dest)
        status = check(str(Path(args.config).parent / "data"))
        if status != EXIT_OK:
            raise PublishError(f"dữ liệu còn lỗi, trang web chưa được dựng. {_describe(dest)}", status)
        switch = publish(dest, lambda target: build_site(args.config, target), keep=args.keep)
    except PublishError as error:
        print(f"sotay publish: chưa xuất bản: {error}" if not args.rollback else f"sotay publish: {error}",
              file=sys.stderr)
        return error.status
    kept = (f" Bản trước ({switch.previous.name}) được giữ lại; quay lại bằng: sotay publish {args.dest} --rollback"
            if switch.previous else "")
    print(f"Đã xuất bản: {dest} nay là bản {switch.version.name} ({switch.version}).{kept}", file=sys.stderr)
    return EXIT_OK
