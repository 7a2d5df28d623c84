"""`sotay publish` under faults (macros/outputs/publish.py, macros/cli/publish.py): a full disk, `ulimit -f`, folders that cannot be written, a
read-only file system, DEST.versions being a file, kill -9, SIGTERM and SIGINT, two publishes at once. Each
failure is one Vietnamese line saying what failed and that DEST is unchanged, with no traceback and nothing left
behind, and the next publish succeeds.

The faults are real wherever this machine allows it: a small tmpfs for a full disk (blocks or inodes) and a
read-only file system (mounting needs root or CAP_SYS_ADMIN: skipped otherwise), RLIMIT_FSIZE set in the
publishing process for `ulimit -f`, `chattr +i` as root (root ignores permissions) or chmod otherwise for folders
that cannot be written. Only an I/O error and a disk quota are stand-ins (os.replace or the build raising them).

Each publish of the fault table is a process of its own, so that its exit status and stderr are what an
administrator sees: `drive` (tests/publish_driver.py), run with `python -c`, is `sotay publish` with
run_publish's `build` parameter set to one of the stand-in builds there. The tests that stop a publish run the real
command (`python -m macros.cli.main publish`) on a small MkDocs project whose hook makes the build wait: they build
a site, and are marked `site`.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from macros.outputs import publish
from macros.core.status import EXIT_PROBLEMS, EXIT_USAGE

from .publish_driver import DRIVER, allow_writing, fast, forbid_writing
from .sites import FIXTURES, ROOT, building

DISK_SIZE = 4 << 20  # the small tmpfs; more than publish's "nearly full" margin (1 MiB) when empty
FILE_SIZE_LIMIT = 64 << 10  # RLIMIT_FSIZE of the publishing process in the `ulimit -f` rows


# ---------------------------------------------------------------------------------------------------------------
# Where the faults are made
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scene:
    root: Path  # the file system under test: tmp_path or a small tmpfs
    config: Path  # outside it, so that a full or read-only disk does not hide it

    @property
    def www(self) -> Path:
        return self.root / "www"

    @property
    def dest(self) -> Path:
        return self.www / "sotay"

    @property
    def versions(self) -> Path:
        return self.www / "sotay.versions"

    @property
    def filler(self) -> Path:
        return self.root / "filler"

    @property
    def aside(self) -> Path:
        return self.root / "versions-aside"


def sotay(scene: Scene, build: str = "fast", inject: str = "", *extra: str,
          file_size_limit: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1",
           "SOTAY_TEST_FILLER": str(scene.filler)}

    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run([sys.executable, "-c", DRIVER, str(scene.config), build, inject, str(scene.dest), *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=limit if file_size_limit else None)


def require_forbidding(tmp_path: Path) -> None:
    probe = tmp_path / "probe"
    probe.mkdir()
    try:
        forbid_writing(probe)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"a folder cannot be made unwritable here (as root only chattr +i can, and it failed): {error}")
    try:
        if os.access(probe, os.W_OK) and os.geteuid() != 0:
            pytest.skip("chmod 555 does not stop this user from writing")
        try:
            (probe / "x").mkdir()
        except OSError:
            pass
        else:
            pytest.skip("the folder made unwritable still takes new entries here")
    finally:
        allow_writing(probe)
        probe.rmdir()


@pytest.fixture
def small_disk(tmp_path: Path):
    """A tmpfs of DISK_SIZE bytes and 256 inodes, to fill up and to remount read-only."""
    mountpoint = tmp_path / "disk"
    mountpoint.mkdir()
    if not shutil.which("mount"):
        pytest.skip("no mount command to make a small file system")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE},nr_inodes=256,mode=0755", "tmpfs",
                           str(mountpoint)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip("mounting a small tmpfs to fill up needs root or CAP_SYS_ADMIN, which this run does not have: "
                    + " ".join(made.stderr.split()))
    try:
        yield mountpoint
    finally:
        if subprocess.run(["umount", str(mountpoint)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def fill_disk(scene: Scene) -> None:
    with open(scene.filler, "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(bytes(1 << 16))
        except OSError as error:
            assert error.errno == errno.ENOSPC, error


def remove_filler(scene: Scene) -> None:
    if scene.filler.is_dir():
        shutil.rmtree(scene.filler)
    else:
        scene.filler.unlink(missing_ok=True)


def remount(mode: str) -> Callable[[Scene], None]:
    def run(scene: Scene) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(scene.root)], check=True, capture_output=True)
    return run


def versions_become_a_file(scene: Scene) -> None:
    scene.versions.rename(scene.aside)
    scene.versions.write_text("không phải thư mục\n", encoding="utf-8")


def versions_back(scene: Scene) -> None:
    scene.versions.unlink()
    scene.aside.rename(scene.versions)


def nothing(scene: Scene) -> None:
    pass


# ---------------------------------------------------------------------------------------------------------------
# The fault table
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    id: str
    explanation: Callable[[Scene], str]  # between "chưa xuất bản: " and ". DEST không thay đổi (…)."
    arrange: Callable[[Scene], None] = nothing  # in the test process, after a first good publish
    clear: Callable[[Scene], None] = nothing  # undone after the faulty publish, before the next one
    build: str = "fast"
    inject: str = ""
    file_size_limit: int | None = None
    small_disk: bool = False
    forbids: bool = False
    status: int = EXIT_PROBLEMS
    build_says: tuple[str, ...] = field(default=())  # what the stand-in build child prints before the line


FAULTS = [
    Fault("disk-full-during-build", lambda s: f"ổ đĩa chứa {s.versions} đã đầy",
          arrange=fill_disk, clear=remove_filler, small_disk=True),
    Fault("disk-full-in-build-child",
          lambda s: f"dựng trang web không thành công (xem thông báo phía trên): ổ đĩa chứa {s.versions} đã đầy",
          build="big_child", small_disk=True, build_says=("build-status=1",)),
    Fault("disk-full-at-switch", lambda s: f"ổ đĩa chứa {s.www} đã đầy",
          build="fill_inodes", clear=remove_filler, small_disk=True),
    Fault("file-size-limit", lambda s: f"tệp vượt giới hạn kích thước khi ghi vào {s.versions} (giới hạn của tiến "
                                       f"trình: {FILE_SIZE_LIMIT} byte, xem ulimit -f)",
          build="big", file_size_limit=FILE_SIZE_LIMIT),
    Fault("file-size-limit-in-build-child",
          lambda s: f"dựng trang web không thành công (xem thông báo phía trên): tệp index.html vượt giới hạn kích "
                    f"thước (giới hạn của tiến trình: {FILE_SIZE_LIMIT} byte, xem ulimit -f)",
          build="big_child", file_size_limit=FILE_SIZE_LIMIT, build_says=("build-status=1",)),
    Fault("versions-not-writable", lambda s: f"không có quyền ghi vào {s.versions}", build="must_not_run",
          arrange=lambda s: forbid_writing(s.versions), clear=lambda s: allow_writing(s.versions), forbids=True),
    Fault("parent-not-writable", lambda s: f"không có quyền ghi vào {s.www}", build="must_not_run",
          arrange=lambda s: forbid_writing(s.www), clear=lambda s: allow_writing(s.www), forbids=True),
    Fault("parent-not-writable-at-switch", lambda s: f"không có quyền ghi vào {s.www}",
          build="forbid_parent", clear=lambda s: allow_writing(s.www), forbids=True),
    Fault("read-only-file-system", lambda s: f"ổ đĩa chứa {s.versions} chỉ cho phép đọc", build="must_not_run",
          arrange=remount("ro"), clear=remount("rw"), small_disk=True),
    Fault("versions-is-a-file", lambda s: f"{s.versions} là một tệp, không phải thư mục (sotay publish giữ các bản "
                                          "trong thư mục này; hãy đổi tên hoặc xóa tệp đó)",
          build="must_not_run", arrange=versions_become_a_file, clear=versions_back, status=EXIT_USAGE),
    Fault("io-error-at-switch (stand-in)", lambda s: f"lỗi hệ thống EIO khi ghi vào {s.www}",
          inject="io_error_on_switch"),
    Fault("disk-quota (stand-in)",
          lambda s: f"đã hết hạn mức dung lượng (quota) trên ổ đĩa chứa {s.versions}", build="over_quota"),
]


def shown(dest: Path) -> str:
    return (dest / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.id)
def test_a_fault_fails_cleanly(fault: Fault, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    root = request.getfixturevalue("small_disk") if fault.small_disk else tmp_path / "fs"
    if fault.forbids:
        require_forbidding(tmp_path)
    root.mkdir(exist_ok=True)
    scene = Scene(root, tmp_path / "mkdocs.yml")
    scene.config.write_text("site_name: Thử\n", encoding="utf-8")
    scene.www.mkdir()
    publish.publish(scene.dest, fast)  # a first good version (in this process: the faulty publish is under test)
    published, page = os.readlink(scene.dest), shown(scene.dest)

    fault.arrange(scene)
    try:
        result = sotay(scene, fault.build, fault.inject, file_size_limit=fault.file_size_limit)
    finally:
        fault.clear(scene)

    line = (f"sotay publish: chưa xuất bản: {fault.explanation(scene)}. {scene.dest} không thay đổi (vẫn là bản "
            f"{Path(published).name}).")
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == \
        (fault.status, "", [*fault.build_says, line])
    assert unicodedata.is_normalized("NFC", line)
    assert os.readlink(scene.dest) == published and shown(scene.dest) == page
    assert sorted(p.name for p in scene.versions.iterdir()) == [".khoa", Path(published).name], \
        "a temporary folder or an unpublished version was left behind"
    assert sorted(p.name for p in scene.www.iterdir()) == ["sotay", "sotay.versions"]

    after = sotay(scene)
    assert (after.returncode, after.stderr.count("\n")) == (0, 1), after.stderr
    assert os.readlink(scene.dest) != published and shown(scene.dest) != page
    assert len(publish.list_versions(scene.dest)) == 2


def test_a_first_publish_into_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    require_forbidding(tmp_path)
    scene = Scene(tmp_path / "fs", tmp_path / "mkdocs.yml")
    scene.config.write_text("site_name: Thử\n", encoding="utf-8")
    scene.www.mkdir(parents=True)
    forbid_writing(scene.www)
    try:
        result = sotay(scene, "must_not_run")
    finally:
        allow_writing(scene.www)
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        f"sotay publish: chưa xuất bản: không có quyền ghi vào {scene.www}. {scene.dest} không thay đổi (chưa có bản "
        "nào được xuất bản ở đó)."])
    assert list(scene.www.iterdir()) == []
    assert sotay(scene).returncode == 0 and shown(scene.dest).startswith("<p>")


def test_a_fault_while_rolling_back(tmp_path: Path) -> None:
    require_forbidding(tmp_path)
    scene = Scene(tmp_path / "fs", tmp_path / "mkdocs.yml")
    scene.config.write_text("site_name: Thử\n", encoding="utf-8")
    scene.www.mkdir(parents=True)
    for n in range(2):  # two good versions (in this process: the rollback is under test)
        publish.publish(scene.dest, fast, now=1714521600 + n)
    published = os.readlink(scene.dest)
    forbid_writing(scene.www)
    try:
        result = sotay(scene, "fast", "", "--rollback")
    finally:
        allow_writing(scene.www)
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        f"sotay publish: chưa quay lại được: không có quyền ghi vào {scene.www}. {scene.dest} không thay đổi (vẫn là "
        f"bản {Path(published).name})."])
    assert os.readlink(scene.dest) == published
    assert sorted(p.name for p in scene.www.iterdir()) == ["sotay", "sotay.versions"]
    assert sotay(scene, "fast", "", "--rollback").returncode == 0 and os.readlink(scene.dest) != published


@pytest.mark.parametrize(("error", "clause"), [
    (OSError(errno.ENOSPC, "", "/srv/sotay.versions/.dang-dung-1/a.html"), "ổ đĩa chứa /srv/sotay.versions đã đầy"),
    (OSError(errno.EDQUOT, ""), "đã hết hạn mức dung lượng (quota) trên ổ đĩa chứa /srv/sotay.versions"),
    (OSError(errno.EACCES, "", "sotay.versions", None, "/srv/.sotay.moi-7"), "không có quyền ghi vào /srv"),
    (OSError(errno.EPERM, "", "/srv/sotay.versions/20240501-063000"), "không có quyền ghi vào /srv/sotay.versions"),
    (OSError(errno.EROFS, "", "/srv/sotay.versions"), "ổ đĩa chứa /srv chỉ cho phép đọc"),
    (OSError(errno.EEXIST, "", "/srv/sotay.versions/.dang-dung-1", None, "/srv/sotay.versions/20240501-063000"),
     "/srv/sotay.versions/20240501-063000 đã có, sotay publish không ghi đè"),
    (OSError(errno.EIO, "", "/srv/sotay"), "lỗi hệ thống EIO khi ghi vào /srv"),
])
def test_errors_in_vietnamese(error: OSError, clause: str) -> None:
    assert publish.explain(error, Path("/srv/sotay")) == clause


def test_not_a_folder_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("", encoding="utf-8")
    error = OSError(errno.ENOTDIR, "", str(tmp_path / "tep" / "sotay.versions" / ".khoa"))
    assert publish.explain(error, tmp_path / "tep" / "sotay") == f"{tmp_path / 'tep'} là một tệp, không phải thư mục"


# ---------------------------------------------------------------------------------------------------------------
# After the switch: old versions
# ---------------------------------------------------------------------------------------------------------------

def test_old_versions_that_cannot_be_removed_do_not_undo_the_publish(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "sotay"
    for n in range(2):
        publish.publish(dest, fast, keep=2, now=1714521600 + n)

    def refuse(version: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(version))

    monkeypatch.setattr(publish, "_discard", refuse)
    switch = publish.publish(dest, fast, keep=2, now=1714521600 + 2)
    assert publish.current_version(dest) == switch.version
    assert switch.leftover == f"không có quyền ghi vào {tmp_path / 'sotay.versions'}"


def test_a_half_removed_version_is_never_rolled_back_to(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    made = [publish.publish(dest, fast, keep=2, now=1714521600 + n).version for n in range(2)]
    (tmp_path / "sotay.versions" / ".dang-xoa-20240430-000000").mkdir()  # a publish killed while pruning
    assert publish.list_versions(dest) == made
    publish.publish(dest, fast, keep=2, now=1714521600 + 2)
    assert not list((tmp_path / "sotay.versions").glob(".dang-*")), "the next publish removes it"
    assert not made[0].exists() and not (tmp_path / "sotay.versions" / f".dang-xoa-{made[0].name}").exists()


# ---------------------------------------------------------------------------------------------------------------
# Stopping a publish; two at once (the real command, a build that waits)
# ---------------------------------------------------------------------------------------------------------------

SLOW_HOOK = '''\
"""Test hook: with SLOW_BUILD_PIDS set, the build starts a helper, says its own and the helper's process ids,
then waits (a build of several minutes)."""
import os
import subprocess
import time
from pathlib import Path


def on_pre_build(config):
    pids = os.environ.get("SLOW_BUILD_PIDS")
    if pids:
        helper = subprocess.Popen(["sleep", "120"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        Path(pids + ".tmp").write_text(f"{os.getpid()} {helper.pid}")
        os.replace(pids + ".tmp", pids)
        time.sleep(120)
'''


def small_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    shutil.copytree(FIXTURES / "mini", project / "data")
    (project / "slow.py").write_text(SLOW_HOOK, encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Thử\ntheme:\n  name: mkdocs\nhooks:\n  - slow.py\n",
                                        encoding="utf-8")
    return project


def command(project: Path, dest: Path) -> list[str]:
    return [sys.executable, "-m", "macros.cli.main", "publish", str(dest), "--config", str(project / "mkdocs.yml")]


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("SOTAY_PDF", "SLOW_BUILD_PIDS")}
    return {**env, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "true", **extra}


def real_sotay(project: Path, dest: Path) -> subprocess.CompletedProcess:
    building("sotay publish of a small MkDocs project")
    return subprocess.run(command(project, dest), cwd=project, env=environment(), capture_output=True, text=True,
                          timeout=120)


def start_slow(project: Path, dest: Path, pids: Path, log: Path) -> subprocess.Popen:
    """Output to a file, not a pipe: a pipe would stay open as long as anything the build started lives."""
    building("sotay publish of a small MkDocs project")
    with open(log, "w", encoding="utf-8") as output:
        return subprocess.Popen(command(project, dest), cwd=project, env=environment(SLOW_BUILD_PIDS=str(pids)),
                                stdout=output, stderr=output)


def wait_for_build(running: subprocess.Popen, pids: Path, log: Path) -> tuple[int, int]:
    deadline = time.monotonic() + 60
    while not pids.exists():
        assert running.poll() is None, log.read_text(encoding="utf-8")
        assert time.monotonic() < deadline, "the build never started"
        time.sleep(0.05)
    build, helper = pids.read_text(encoding="utf-8").split()
    return int(build), int(helper)


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "\nState:\tZ" not in status


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def end_helper(pid: int) -> None:
    """The test's own `sleep`, if something left it running; checked by name so as not to hit a reused id."""
    try:
        if alive(pid) and Path(f"/proc/{pid}/cmdline").read_bytes().startswith(b"sleep\0"):
            os.kill(pid, signal.SIGKILL)
    except (FileNotFoundError, ProcessLookupError):
        pass


@pytest.mark.site
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dying with the parent is PR_SET_PDEATHSIG, Linux's")
@pytest.mark.parametrize("stop", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_stopping_a_publish_stops_its_build(tmp_path: Path, stop: str) -> None:
    project = small_project(tmp_path)
    www = tmp_path / "www"
    www.mkdir()
    dest, versions = www / "sotay", www / "sotay.versions"
    first = real_sotay(project, dest)
    assert first.returncode == 0, first.stderr
    published = os.readlink(dest)

    log, pids = tmp_path / "publish.log", tmp_path / "pids"
    running = start_slow(project, dest, pids, log)
    helper = 0
    try:
        build, helper = wait_for_build(running, pids, log)
        assert len(list(versions.glob(".dang-dung-*"))) == 1
        running.send_signal(getattr(signal, stop))
        running.wait(timeout=30)
        assert gone_within(build, 5), f"the build child outlived sotay publish ({stop})"
        said = log.read_text(encoding="utf-8")
        assert "Traceback" not in said, said
        if stop == "SIGKILL":
            assert running.returncode == -signal.SIGKILL
            assert len(list(versions.glob(".dang-dung-*"))) == 1, "a killed publish cannot clean up after itself"
        else:
            assert running.returncode == 1
            assert said.splitlines()[-1] == (f"sotay publish: chưa xuất bản: đã dừng theo yêu cầu (tín hiệu {stop}). "
                                             f"{dest} không thay đổi (vẫn là bản {Path(published).name}).")
            assert gone_within(helper, 5), "what the build started outlived it"
            assert not list(versions.glob(".dang-dung-*"))
    finally:
        if running.poll() is None:
            running.kill()
            running.wait()
        end_helper(helper)
    assert os.readlink(dest) == published

    # As if killed between making the new link and renaming it over DEST.
    (www / ".sotay.moi-4194303").symlink_to(f"sotay.versions/{Path(published).name}")
    after = real_sotay(project, dest)
    assert after.returncode == 0, after.stderr
    assert os.readlink(dest) != published
    assert sorted(p.name for p in www.iterdir()) == ["sotay", "sotay.versions"]
    assert not list(versions.glob(".dang-*"))


@pytest.mark.site
def test_a_second_publish_names_the_site_being_published(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    www = tmp_path / "www"
    www.mkdir()
    dest = www / "sotay"
    log, pids = tmp_path / "publish.log", tmp_path / "pids"
    running = start_slow(project, dest, pids, log)
    try:
        wait_for_build(running, pids, log)
        second = real_sotay(project, dest)
        running.send_signal(signal.SIGTERM)
        running.wait(timeout=30)
    finally:
        if running.poll() is None:
            running.kill()
            running.wait()
    lines = second.stderr.splitlines()
    assert second.returncode == 1 and len(lines) == 2 and lines[0].startswith("Dữ liệu hợp lệ:"), second.stderr
    assert lines[1] == (f"sotay publish: chưa xuất bản: đang có một lần xuất bản khác vào {dest} chạy; chờ nó xong "
                        "rồi chạy lại.")
    assert running.returncode == 1
    assert list(www.iterdir()) == [], "a first publish that was stopped leaves nothing"
