"""Builds the shipped site at two revisions (or a revision and the working tree) and shows every difference.

    .venv/bin/python tests/compare_builds.py REV [REV2]     # REV2 defaults to the working tree

Both builds use the same build date and print the PDFs. Files are compared byte for byte, except what carries the
time of the build: a PDF is compared by its pages' text (Chromium writes the time and its own node numbers into
it), the offline zip member by member under the same rule, and the sizes that follow from the PDFs' bytes (the
zip's size in the page footers and in tai-ve/ban-ngoai-tuyen.json) are set aside. Exit status 0 when nothing else
differs. Not part of the test suite: a refactoring's proof of "no change in behaviour".

`compare(before, after, ignore_generator=True)` also sets aside the generator meta tag of every page, which names the
engine and its version: tests/test_second_engine.py compares the builds of MkDocs and ProperDocs with it.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2024-05-01"
# The zip's size, which follows from the PDFs' bytes.
_SIZES = re.compile(r"(Tải bản ngoại tuyến|giải nén ra|Tệp <code>[^<]*</code>,) \(?\d+,\d MB\)?")
# Material's <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.7.7">: ProperDocs writes
# "mkdocs-ProperDocs 1.6.7" there.
_GENERATOR = re.compile(r'(<meta name="generator" content=")[^"]*(">)')


def checkout(rev: str | None, where: Path) -> Path:
    """The project at `rev`, or the working tree (tracked and untracked files, as git sees them) when None."""
    target = where / (rev or "worktree")
    if rev is None:
        files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                               capture_output=True).stdout.decode().split("\0")
        for name in filter(None, files):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        # "Cập nhật lần cuối" comes from git history: give the copy the same history.
        subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(target / ".git")], check=True)
        subprocess.run(["git", "config", "--bool", "core.bare", "false"], cwd=target, check=True)
        return target
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "checkout", "-q", rev], cwd=target, check=True)
    return target


def build(project: Path) -> Path:
    site = project.parent / f"{project.name}-site"
    env = {**os.environ, "SOTAY_BUILD_DATE": BUILD_DATE, "SOTAY_PDF": "1", "NO_MKDOCS_2_WARNING": "true",
           "PYTHONPATH": str(project)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                   env=env, check=True)
    return site


def pdf_text(data: bytes) -> list[str]:
    from pypdf import PdfReader
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def differences(name: str, before: bytes, after: bytes, ignore_generator: bool = False) -> list[str]:
    if before == after:
        return []
    if name.endswith(".pdf"):
        return [] if pdf_text(before) == pdf_text(after) else [f"{name}: the text of the PDF differs"]
    if name.endswith(".zip"):
        return compare_zips(name, before, after, ignore_generator)
    if name.endswith("ban-ngoai-tuyen.json"):
        drop = ("size", "size_text", "content_size")
        a, b = ({k: v for k, v in json.loads(x).items() if k not in drop} for x in (before, after))
        return [] if a == b else [f"{name}: {a} != {b}"]
    a, b = (_SIZES.sub(r"\1 (…)", x.decode("utf-8", "replace")) for x in (before, after))
    if ignore_generator:
        a, b = (_GENERATOR.sub(r"\1…\2", x) for x in (a, b))
    if a == b:
        return []
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), name, name, lineterm="", n=0)
    return ["\n".join(list(diff)[:40])]


def compare_zips(name: str, before: bytes, after: bytes, ignore_generator: bool = False) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(before)) as a, zipfile.ZipFile(io.BytesIO(after)) as b:
        found = [f"{name}: members differ: {sorted(set(a.namelist()) ^ set(b.namelist()))}"] \
            if set(a.namelist()) != set(b.namelist()) else []
        for member in sorted(set(a.namelist()) & set(b.namelist())):
            found += differences(f"{name}!{member}", a.read(member), b.read(member), ignore_generator)
    return found


def compare(before: Path, after: Path, ignore_generator: bool = False) -> list[str]:
    names = {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
    others = {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    found = [f"only before: {n}" for n in sorted(names - others)] + [f"only after: {n}" for n in sorted(others - names)]
    for name in sorted(names & others):
        found += differences(name, (before / name).read_bytes(), (after / name).read_bytes(), ignore_generator)
    return found


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="sotay-compare-") as work:
        sites = [build(checkout(rev, Path(work))) for rev in (argv[0], argv[1] if len(argv) == 2 else None)]
        found = compare(*sites)
        files = sum(1 for p in sites[0].rglob("*") if p.is_file())
    for line in found:
        print(line)
    print(f"{files} files compared; {len(found)} differences.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
