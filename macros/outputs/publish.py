"""`sotay publish DEST`: put a fresh build of the site where the intranet's web server reads it, in one atomic
step, keeping earlier versions for `sotay publish DEST --rollback`.

DEST is a symbolic link to one folder of DEST.versions/ (a sibling folder), named by the time of publishing:

    /srv/sotay -> sotay.versions/20240501-063000
    /srv/sotay.versions/20240430-063000/   the previous version
    /srv/sotay.versions/20240501-063000/   the published one

Publishing checks the data, builds into a temporary folder inside DEST.versions/ (the same disk, so renaming it is
instant), then points DEST at it by renaming a new symbolic link over the old one (os.replace: rename(2), which
is atomic: a reader gets the old site or the new one, never half of each). Rolling back points DEST at the newest
version older than the current one. The newest KEEP versions are kept (and always the published one); older ones
are renamed out of the way, then removed, so that a half-removed folder is never taken for a version.

Failing is as clean as succeeding. Whatever goes wrong before DEST is switched (the check, the build, a full disk,
`ulimit -f`, a folder that cannot be written, DEST.versions being a file, SIGTERM, SIGINT or SIGHUP) ends in one
Vietnamese line naming the cause and saying that DEST is unchanged, with nothing left in DEST.versions/: the
temporary folder is removed, and a version made but not pointed at is removed too. After the rename that makes
the new version, those signals no longer stop the publish: finishing takes a moment and is cleaner than stopping
half-way. The build (a `mkdocs build` child) runs in its own process group, which is stopped when publishing is
interrupted; on Linux the build also dies with its parent on kill -9 (PR_SET_PDEATHSIG). Anything a killed
publish leaves (the temporary folder, the temporary link, a folder being removed) is cleaned by the next one.
SIGXFSZ is ignored, in the publish and in the build, so that writing past `ulimit -f` fails with EFBIG and is
reported rather than killing the process without a word.

No MkDocs here: the command line (macros/cli.py) passes in the check, and `run_publish` takes the build as a
parameter (by default `mkdocs build` of the configuration; tests pass stand-ins).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from macros.core.status import EXIT_PROBLEMS, EXIT_USAGE

KEEP = 5
_VERSION = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")
_STAGING_PREFIX = ".dang-dung-"
_TRASH_PREFIX = ".dang-xoa-"
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_STOP_GRACE = 5.0  # seconds the interrupted build gets to exit on SIGTERM before SIGKILL
_NEARLY_FULL = 1 << 20  # bytes: less than this free after a failed build means the disk filled up


class PublishError(Exception):
    """A Vietnamese message for the person publishing, and the exit status."""

    def __init__(self, message: str, status: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.status = status


class Interrupted(BaseException):
    """SIGTERM, SIGINT or SIGHUP arrived while the publish could still be abandoned without changing DEST."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@dataclass(frozen=True)
class Switch:
    dest: Path
    version: Path  # what DEST points at now
    previous: Path | None  # what it pointed at before
    leftover: str | None = None  # why old versions could not all be removed (DEST was switched all the same)


class Stopping:
    """Turns SIGTERM, SIGINT and SIGHUP into Interrupted until the point of no return (`commit`), and ignores
    them after it; the first one stops the work, the ones after it do not interrupt the cleaning up."""

    def __init__(self) -> None:
        self.committed = False
        self.stopping = False

    def _handle(self, signum: int, frame) -> None:
        if self.committed or self.stopping:
            return
        self.stopping = True
        raise Interrupted(signum)

    def commit(self) -> None:
        self.committed = True

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():  # signal handlers are the main thread's
            yield
            return
        self.committed = self.stopping = False
        signals = _STOP_SIGNALS + ((signal.SIGXFSZ,) if hasattr(signal, "SIGXFSZ") else ())
        previous = {number: signal.getsignal(number) for number in signals}
        for number in _STOP_SIGNALS:
            signal.signal(number, self._handle)
        if hasattr(signal, "SIGXFSZ"):  # Python ignores it already; an embedding program may not
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        try:
            yield
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler if handler is not None else signal.SIG_DFL)
            self.committed = self.stopping = False


def versions_dir(dest: Path) -> Path:
    return dest.with_name(dest.name + ".versions")


def _temporary_link(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.moi-{os.getpid()}")


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


def describe(dest: Path) -> str:
    try:
        current = current_version(dest)
    except OSError:  # DEST cannot even be read; it was not touched either
        return f"{dest} không thay đổi."
    if current is None:
        return f"{dest} không thay đổi (chưa có bản nào được xuất bản ở đó)."
    return f"{dest} không thay đổi (vẫn là bản {current.name})."


# ---------------------------------------------------------------------------------------------------------------
# What the operating system refused, in Vietnamese
# ---------------------------------------------------------------------------------------------------------------

def _file_size_limit() -> int | None:
    """RLIMIT_FSIZE (`ulimit -f`) in bytes, or None when there is none."""
    try:
        import resource
    except ImportError:  # not POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return None if soft == resource.RLIM_INFINITY else soft


def _where(raw: str | bytes | int | None, dest: Path) -> Path:
    """The folder the administrator has to act on: the versions folder for anything inside it (temporary names
    mean nothing to them), DEST's folder for entries made or replaced there (DEST, the temporary link)."""
    folder = versions_dir(dest)
    if raw is None or isinstance(raw, int):
        return folder
    path = Path(os.path.abspath(os.fsdecode(raw)))
    if folder in path.parents:
        return folder
    if path.parent == dest.parent and not (path == folder and folder.is_dir()):
        return dest.parent
    return path


def _not_a_folder(raw: str | bytes | int | None, dest: Path) -> Path:
    """The part of a path that exists but is not a folder (ENOTDIR names the whole path)."""
    if raw is None or isinstance(raw, int):
        return versions_dir(dest)
    path = Path(os.path.abspath(os.fsdecode(raw)))
    for part in reversed((path, *path.parents)):
        if os.path.lexists(part) and not os.path.isdir(part):
            return part
    return path


def explain(error: OSError, dest: Path) -> str:
    """One Vietnamese clause (no final full stop) saying what failed and where."""
    raw = error.filename2 if error.filename2 is not None else error.filename  # symlink(2): the link is the 2nd
    where = _where(raw, dest)
    code = error.errno
    if code == errno.ENOSPC:
        return f"ổ đĩa chứa {where} đã đầy"
    if code == getattr(errno, "EDQUOT", None):
        return f"đã hết hạn mức dung lượng (quota) trên ổ đĩa chứa {where}"
    if code == errno.EFBIG:
        limit = _file_size_limit()
        return f"tệp vượt giới hạn kích thước khi ghi vào {where}" + (
            f" (giới hạn của tiến trình: {limit} byte, xem ulimit -f)" if limit is not None else "")
    if code in (errno.EACCES, errno.EPERM):
        return f"không có quyền ghi vào {where}"
    if code == errno.EROFS:
        return f"ổ đĩa chứa {where} chỉ cho phép đọc"
    if code == errno.ENOTDIR:
        return f"{_not_a_folder(raw, dest)} là một tệp, không phải thư mục"
    if code in (errno.EEXIST, errno.ENOTEMPTY):
        exists = Path(os.path.abspath(os.fsdecode(raw))) if isinstance(raw, (str, bytes)) else where
        return f"{exists} đã có, sotay publish không ghi đè"
    return f"lỗi hệ thống {errno.errorcode.get(code, code)} khi ghi vào {where}"


def _disk_full(folder: Path) -> bool:
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    privileged = hasattr(os, "geteuid") and os.geteuid() == 0  # root writes into the blocks kept for root
    blocks, inodes = (stats.f_bfree, stats.f_ffree) if privileged else (stats.f_bavail, stats.f_favail)
    return blocks * stats.f_frsize < _NEARLY_FULL or (stats.f_files > 0 and inodes == 0)


def _build_failure_cause(staging: Path, dest: Path) -> str:
    """Why a build child failed, when the operating system says so: a file cut at `ulimit -f`, or a full disk."""
    limit = _file_size_limit()
    if limit is not None:
        for folder, _, files in os.walk(staging):
            for name in sorted(files):
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    if os.lstat(path).st_size >= limit:
                        return (f": tệp {os.path.relpath(path, staging)} vượt giới hạn kích thước "
                                f"(giới hạn của tiến trình: {limit} byte, xem ulimit -f)")
    if _disk_full(staging):
        return f": ổ đĩa chứa {versions_dir(dest)} đã đầy"
    return ""


# ---------------------------------------------------------------------------------------------------------------
# Publishing
# ---------------------------------------------------------------------------------------------------------------

def check_destination(dest: Path) -> None:
    """DEST must be missing (first publish) or a link made by an earlier publish, DEST.versions a folder if any."""
    if not dest.parent.is_dir():
        raise PublishError(f"không có thư mục {dest.parent}; hãy tạo nó trước (ví dụ: sudo mkdir -p {dest.parent})",
                           EXIT_USAGE)
    folder = versions_dir(dest)
    if os.path.lexists(folder) and not folder.is_dir():
        raise PublishError(f"{folder} là một tệp, không phải thư mục (sotay publish giữ các bản trong thư mục này; "
                           f"hãy đổi tên hoặc xóa tệp đó). {describe(dest)}", EXIT_USAGE)
    if dest.is_symlink():
        current = current_version(dest)
        if current is None or current.parent != folder or not _VERSION.match(current.name):
            raise PublishError(f"{dest} là liên kết tới {os.readlink(dest)}, không phải tới một bản trong "
                               f"{folder}; sotay publish không ghi đè nó. Hãy xóa liên kết hoặc chọn "
                               "nơi xuất bản khác.", EXIT_USAGE)
        return
    if dest.exists():
        raise PublishError(f"{dest} đã có và không phải liên kết do sotay publish tạo; sotay publish không ghi đè "
                           f"nó. Hãy đổi tên nó (ví dụ: mv {dest} {dest}.cu) hoặc chọn nơi xuất bản khác.",
                           EXIT_USAGE)


@contextlib.contextmanager
def _locked(dest: Path) -> Iterator[None]:
    """One publish or rollback of DEST at a time (a daily job and a person may start one together). flock(2) is
    released when its holder dies, so a publish killed with kill -9 leaves no stale lock."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    descriptor = os.open(versions_dir(dest) / ".khoa", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"đang có một lần xuất bản khác vào {dest} chạy; chờ nó xong rồi chạy lại.") from None
        yield
    finally:
        os.close(descriptor)


def _clean_leftovers(dest: Path) -> None:
    """What a killed publish left: its temporary folder, a version being removed, its temporary link. Called with
    the lock held, so nothing of it belongs to a publish still running."""
    folder = versions_dir(dest)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.name.startswith((_STAGING_PREFIX, _TRASH_PREFIX)):
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        entry.unlink()
    prefix = f".{dest.name}.moi-"
    with contextlib.suppress(OSError):
        for entry in dest.parent.iterdir():
            if entry.name.startswith(prefix) and entry.name[len(prefix):].isdigit() and entry.is_symlink():
                with contextlib.suppress(OSError):
                    entry.unlink()


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


def _discard(version: Path) -> None:
    """Remove a version folder; renamed first so that, if removing stops half-way, what is left no longer looks
    like a version that --rollback could point at."""
    trash = version.with_name(_TRASH_PREFIX + version.name)
    version.rename(trash)
    shutil.rmtree(trash, ignore_errors=True)  # the rest goes with the next publish's clean-up


def _probe_switch(dest: Path) -> None:
    """Fail before a build of several minutes, not after it, when DEST's folder refuses the new link."""
    link = _temporary_link(dest)
    link.unlink(missing_ok=True)
    os.symlink(versions_dir(dest).name, link, target_is_directory=True)
    link.unlink()


def point(dest: Path, version: Path) -> None:
    """Make DEST point at `version` in one step: a new link beside it, renamed over it."""
    target = os.path.relpath(version, dest.parent)
    temporary = _temporary_link(dest)
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary, target_is_directory=True)
    try:
        os.replace(temporary, dest)
    except BaseException:
        with contextlib.suppress(OSError):  # the error to report is the rename's
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
        _discard(version)
    return removed


def publish(dest: Path, build: Callable[[Path], bool], *, keep: int = KEEP, now: float | None = None,
            commit: Callable[[], None] = lambda: None) -> Switch:
    """Build with `build(folder)` (into an existing empty folder; True when it succeeded) into a new version and
    point DEST at it. A failure leaves DEST and DEST.versions/ as they were and raises PublishError (OSError
    included, explained), Interrupted, or whatever else `build` raised. `commit()` is called at the point of no
    return (Stopping.commit: signals no longer stop the publish)."""
    dest = Path(os.path.abspath(dest))
    folder = versions_dir(dest)
    created = False
    try:
        try:
            check_destination(dest)
            if not folder.is_dir():
                folder.mkdir()
                created = True
            with _locked(dest):
                return _publish_locked(dest, build, keep, time.time() if now is None else now, commit)
        except OSError as error:
            raise PublishError(f"{explain(error, dest)}. {describe(dest)}") from None
    except BaseException:
        if created:  # a first publish that failed leaves nothing behind
            with contextlib.suppress(OSError):
                (folder / ".khoa").unlink(missing_ok=True)
                folder.rmdir()
        raise


def _publish_locked(dest: Path, build: Callable[[Path], bool], keep: int, now: float,
                    commit: Callable[[], None]) -> Switch:
    folder = versions_dir(dest)
    _clean_leftovers(dest)
    name = _new_name(folder, now)
    staging = folder / f"{_STAGING_PREFIX}{name}"
    try:
        staging.mkdir()
        _probe_switch(dest)
        if not build(staging):
            raise PublishError(f"dựng trang web không thành công (xem thông báo phía trên)"
                               f"{_build_failure_cause(staging, dest)}. {describe(dest)}")
        if not (staging / "index.html").is_file():
            raise PublishError(f"bản dựng không có trang chủ index.html. {describe(dest)}")
        _readable(staging)
        commit()
        previous = current_version(dest)
        version = folder / name
        staging.rename(version)
        try:
            point(dest, version)
        except BaseException:
            try:
                _discard(version)
            except OSError:  # the error to report is the switch's; a version DEST never showed must not stay
                shutil.rmtree(version, ignore_errors=True)
            raise
    finally:
        if os.path.lexists(staging):
            shutil.rmtree(staging, ignore_errors=True)
    try:
        prune(dest, keep)
    except OSError as error:  # DEST is switched; old versions wait for the next publish
        return Switch(dest, version, previous, explain(error, dest))
    return Switch(dest, version, previous)


def rollback(dest: Path, commit: Callable[[], None] = lambda: None) -> Switch:
    """Point DEST at the newest version older than the one it points at; `commit()` as for publish."""
    dest = Path(os.path.abspath(dest))
    try:
        check_destination(dest)
        current = current_version(dest)
        if current is None:
            raise PublishError(f"chưa có bản nào được xuất bản vào {dest}, nên không có bản nào để quay lại.")
        with _locked(dest):
            _clean_leftovers(dest)
            older = [v for v in list_versions(dest) if _order(v) < _order(current)]
            if not older:
                raise PublishError(f"không còn bản nào cũ hơn bản {current.name} trong {versions_dir(dest)} để "
                                   f"quay lại. {describe(dest)}")
            commit()
            point(dest, older[-1])
            return Switch(dest, older[-1], current)
    except OSError as error:
        raise PublishError(f"chưa quay lại được: {explain(error, dest)}. {describe(dest)}") from None


# ---------------------------------------------------------------------------------------------------------------
# The build child
# ---------------------------------------------------------------------------------------------------------------

def _child_setup() -> Callable[[], None] | None:
    """What the build child does between fork and exec (POSIX only)."""
    if os.name != "posix":
        return None
    prctl = None
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up here: the child only calls it
            ulong = ctypes.c_ulong
        except (ImportError, OSError, AttributeError):
            prctl = None
    parent = os.getpid()

    def setup() -> None:
        if hasattr(signal, "SIGXFSZ"):  # subprocess restored the default, which kills without a word
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, ulong(signal.SIGKILL), ulong(0), ulong(0), ulong(0))
            if os.getppid() != parent:  # the parent died before prctl: no signal will come
                os.kill(os.getpid(), signal.SIGKILL)

    return setup


def _stop_group(process: subprocess.Popen) -> None:
    """Stop the build and whatever it started: SIGTERM to its process group, SIGKILL if it lingers."""
    def send(number: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, number)
            elif process.poll() is None:
                process.terminate()

    send(signal.SIGTERM)
    try:
        process.wait(timeout=_STOP_GRACE)
    except subprocess.TimeoutExpired:
        send(getattr(signal, "SIGKILL", signal.SIGTERM))
        process.wait()
    # A group id stays taken while any member lives, so this reaches only what the build left behind.
    send(getattr(signal, "SIGKILL", signal.SIGTERM))


def run_build(args: Sequence[str], env: dict[str, str] | None = None) -> bool:
    """Run one build command; True when it exits with status 0. Its messages go to the terminal. It runs in its
    own session and process group, so that a Ctrl-C reaches sotay publish alone, which then stops the whole
    group; on Linux it dies with sotay publish even on kill -9."""
    options: dict = {"start_new_session": True} if os.name == "posix" else {}
    setup = _child_setup()
    if setup is not None:
        options["preexec_fn"] = setup
    process = subprocess.Popen(list(args), env=env, **options)
    try:
        return process.wait() == 0
    except BaseException:
        _stop_group(process)
        raise


def build_site(config: str, target: Path) -> bool:
    """`mkdocs build --strict` of `config` into `target`; its messages go to the terminal."""
    # -P: the project folder is not put on sys.path, so no file in it can stand in for a module MkDocs imports.
    args = [sys.executable, "-P", "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir",
            str(target)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
    return run_build(args, env)
