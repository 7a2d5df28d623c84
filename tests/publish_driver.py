"""The stand-in `sotay publish` of tests/test_publish_faults.py's fault table, run with `python -c DRIVER` in a
process of its own, so that its exit status and stderr are what an administrator sees: `drive` is `sotay publish`
with run_publish's `build` parameter set to one of the stand-in builds of BUILDS, and no data check.

It imports only the standard library and what `sotay publish` itself runs (macros/cli/publish.py, its arguments
declared there; not the whole command line, nor pytest or the test helpers): the fault table starts some thirty of
these processes, each in about a tenth of a second.
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from pathlib import Path

from macros.cli import publish as publish_command
from macros.outputs import publish

BUILD_WRITES = 8 << 20  # what the building child writes: more than the small disk and the `ulimit -f` limit


def fast(target: Path) -> bool:
    (target / "index.html").write_text(f"<p>{target.name}</p>", encoding="utf-8")
    return True


def big(target: Path) -> bool:
    fast(target)
    (target / "so-tay.zip").write_bytes(bytes(1 << 20))
    return True


def big_child(target: Path) -> bool:
    """A build child (started the way `mkdocs build` is) that reports how its big write ended: status 1 when the
    write failed (ENOSPC, EFBIG), 153 when SIGXFSZ killed the writer."""
    script = (f'head -c {BUILD_WRITES} /dev/zero > "$1/index.html" 2>/dev/null; '
              's=$?; echo "build-status=$s" >&2; exit $s')
    return publish.run_build(["sh", "-c", script, "sh", str(target)])


def fill_inodes(target: Path) -> bool:
    """Builds, then the disk fills up (another program's files) before DEST is switched."""
    fast(target)
    filler = Path(os.environ["SOTAY_TEST_FILLER"])
    filler.mkdir()
    for n in range(1 << 20):
        try:
            (filler / str(n)).touch()
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
            return True
    raise AssertionError("the small disk never filled up")


def forbid_parent(target: Path) -> bool:
    """Builds, then DEST's folder stops being writable (an administrator, another program) before the switch."""
    fast(target)
    forbid_writing(target.parent.parent)
    return True


def over_quota(target: Path) -> bool:
    fast(target)
    raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))


def must_not_run(target: Path) -> bool:
    raise AssertionError("a folder that cannot be written must stop the publish before a build of minutes")


BUILDS: dict[str, Callable[[Path], bool]] = {f.__name__: f for f in (fast, big, big_child, fill_inodes,
                                                                    forbid_parent, over_quota, must_not_run)}


def io_error_on_switch() -> None:
    def replace(source, target) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO), source, target)
    os.replace = replace


INJECTIONS: dict[str, Callable[[], None]] = {"io_error_on_switch": io_error_on_switch}


def drive(config: str, build: str, inject: str, *arguments: str) -> int:
    """`sotay publish ARGUMENTS --config CONFIG` with the stand-in build BUILDS[build] and no data check."""
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # as under a parent that does not ignore it: publish must
    if inject:
        INJECTIONS[inject]()
    parser = argparse.ArgumentParser(prog="sotay")
    publish_command.add_parser(parser.add_subparsers(dest="command"))  # `sotay publish`'s own arguments
    args = parser.parse_args(["publish", *arguments, "--config", config])
    return publish_command.run_publish(args, check=lambda data: 0, build=BUILDS[build])


# What the tests run with `python -c`, from the project root.
DRIVER = "import sys; from tests.publish_driver import drive; sys.exit(drive(*sys.argv[1:]))"


def forbid_writing(folder: Path) -> None:
    """Make `folder` refuse new entries: chmod for a user, chattr +i for root (whom permissions do not stop)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True, capture_output=True)
    else:
        folder.chmod(0o555)


def allow_writing(folder: Path) -> None:
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)
