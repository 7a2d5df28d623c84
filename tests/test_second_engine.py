"""ProperDocs, the maintained fork of MkDocs 1.6 (the `engine2` extra, which ./setup.sh test installs), builds the
shipped site as MkDocs does: the same files, every page the same HTML but for the generator meta tag that names the
engine, the same search index and the same offline copy. Material, mkdocs-macros and the `sotay` plugin load under it
through the `mkdocs.themes` and `mkdocs.plugins` entry points, and it reads mkdocs.yml as it is.

ProperDocs runs in a subprocess, as `properdocs build --strict` on the command line: once imported, it redirects
every `mkdocs.*` import of the process to itself, which would change the in-process MkDocs builds of the other tests.
The MkDocs side is the session's shared build of the shipped site (`shipped_site`, same build date, no PDFs)."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .compare_builds import compare
from .sites import BASE_ENVIRONMENT, ROOT, SHIPPED_BUILD_DATE, building

pytestmark = pytest.mark.site

SEARCH = "search"  # the folder of the search index (macros/outputs/search_index.py)


@dataclass(frozen=True)
class EngineBuild:
    site: Path
    output: str  # what `properdocs build` printed, stdout and stderr


def _require_properdocs() -> str:
    """The installed ProperDocs version; the test is skipped without it, and fails under CI, where ./setup.sh test
    must have installed it."""
    if importlib.util.find_spec("properdocs") is None:  # finds the package without importing it
        reason = "ProperDocs is not installed: pip install -c constraints.txt -e '.[test,engine2]'"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return importlib.metadata.version("properdocs")


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> EngineBuild:
    """The shipped project built in place by `properdocs build --strict -f mkdocs.yml`, with the environment of the
    shared MkDocs build: SOTAY_BUILD_DATE=2024-05-01, no PDFs, no other SOTAY_* variable."""
    _require_properdocs()
    building("properdocs build of the shipped site")
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {name: value for name, value in os.environ.items() if not name.startswith("SOTAY_")}
    env.update(BASE_ENVIRONMENT, SOTAY_BUILD_DATE=SHIPPED_BUILD_DATE)
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"properdocs build failed:\n{output[-5000:]}"
    return EngineBuild(site, output)


def _pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def _digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): f"{path.stat().st_size} bytes, sha256 "
            f"{hashlib.sha256(path.read_bytes()).hexdigest()}" for path in sorted(folder.rglob("*")) if path.is_file()}


def test_properdocs_built_the_site_with_the_projects_plugins(properdocs_build: EngineBuild) -> None:
    version = importlib.metadata.version("properdocs")
    home = (properdocs_build.site / "index.html").read_text(encoding="utf-8")
    # The theme names the engine that rendered it: this is ProperDocs' build, not MkDocs' under another name.
    assert f'<meta name="generator" content="mkdocs-ProperDocs {version}, mkdocs-material-' in home
    # The sotay plugin ran to the end (the offline copy is its last step), without a warning (--strict).
    assert "Đã tạo bản ngoại tuyến tai-ve/so-tay-tuyen-truyen-2024-05-01.zip" in properdocs_build.output
    assert "WARNING" not in properdocs_build.output, properdocs_build.output


def test_properdocs_builds_the_same_pages(shipped_site: Path, properdocs_build: EngineBuild) -> None:
    mkdocs_pages, properdocs_pages = _pages(shipped_site), _pages(properdocs_build.site)
    assert len(mkdocs_pages) > 100
    assert sorted(mkdocs_pages - properdocs_pages) == [] and sorted(properdocs_pages - mkdocs_pages) == []


def test_properdocs_builds_the_same_search_index(shipped_site: Path, properdocs_build: EngineBuild) -> None:
    # Every file of search/ (one index script today, shards and their manifest if it is ever split), compared by
    # size and digest: the index is one line of almost 2 MB, too long for a readable diff.
    mkdocs_index, properdocs_index = (_digests(site / SEARCH) for site in (shipped_site, properdocs_build.site))
    assert mkdocs_index, f"the MkDocs build has no {SEARCH}/ folder"
    assert properdocs_index == mkdocs_index


def test_properdocs_builds_every_file_as_mkdocs_does(shipped_site: Path, properdocs_build: EngineBuild) -> None:
    # Byte for byte, the offline zip member by member, the generator meta tag set aside (tests/compare_builds.py).
    found = compare(shipped_site, properdocs_build.site, ignore_generator=True)
    # Both build the working tree in place: a file edited while the tests ran shows up here too, so run again first.
    shown = "\n".join(difference[:600] for difference in found[:20])  # the search index is one long line
    assert found == [], f"{len(found)} differences between MkDocs' and ProperDocs' builds:\n{shown}"
