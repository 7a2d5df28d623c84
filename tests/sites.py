"""Test sites: copies of the project, in-process MkDocs builds of them, and a cache that builds each configuration
once per session.

Two projects are built here:

- the shipped project: the repository's docs/, data/, overrides/ and mkdocs.yml. Unchanged, it is built in place
  (its git history gives the "Cập nhật lần cuối" dates); changed, it is copied first (`copy_project`);
- the small project (`make_project`): the mini data set of tests/fixtures/mini, a home page, the pages the
  offline-copy page links to and, when given, one page under test (docs/thu-nghiem.md), with the project's own
  mkdocs.yml (nav cut down) and theme overrides. A build takes about a second, so a table of cases can each have
  a real build of its own.

`build` runs MkDocs' own `build` in strict mode in this process, as `mkdocs build --strict` does (plugins'
startup and shutdown included), with the environment variables of the build set only while it runs and every
other SOTAY_* variable removed, so that a developer's environment cannot change what is tested. It returns the
site folder and what MkDocs and the project logged. A failed build is a result, not an exception: MkDocs' own
errors (a BuildError, a plugin's error, strict mode's abort) are what the command line prints as one message
without a traceback; any other exception is a crash, which the command line would print as a traceback, and it
propagates.

`SiteCache` (the session fixture `sites` of tests/conftest.py) builds each `SiteConfig` once per session: the
shipped site at 2024-05-01 without PDFs is built once for every test that reads it. A shared build is read-only:
a test that changes a site copies it first (checked when the session ends).

Every test that builds, or needs a built site, is marked `site`; `build` fails a test that is not, and
tests/conftest.py stops the collection of one that uses `sites` without the mark, so the fast suite
(FAST_SUITE below) can never build by accident.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import pytest

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent / "seeds"

SHIPPED_BUILD_DATE = "2024-05-01"  # the date the shipped-site tests judge task states and focus windows by
# The marks that keep a test out of the fast suite (in the time summary a test with several counts under the first),
# and the fast suite's selection: what CI runs as "Kiểm thử nhanh".
SLOW_MARKS = ("network", "browser", "site", "benchmark")
FAST_SUITE = "not site and not browser and not network and not benchmark"
TEST_PAGE = "thu-nghiem.md"
HOME = "# Sổ tay thử nghiệm\n\n{{ data_summary() }}\n"
GUIDES = ("xuat-ban.md", "giay-phep.md", "nginx-sotay.conf")  # the offline-copy page links to these
# Set for every build: no notice from Material about MkDocs 2.0 in the log.
BASE_ENVIRONMENT = {"NO_MKDOCS_2_WARNING": "true"}


# ---------------------------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------------------------

def in_own_thread(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` in a thread of its own, its exception raised here: Playwright's sync API cannot start in a
    thread where it already drives the session's browser (tests/browser/conftest.py)."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="sotay-test-playwright")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def copy_project(where: Path) -> Path:
    """where/project: the shipped project's docs/, data/, overrides/ and mkdocs.yml (code comes from the installed
    package, as in a real checkout)."""
    project = where / "project"
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def make_project(where: Path, page: str | None = None, data: Path | None = None) -> Path:
    """where/project: data/ (a copy of `data`, default the mini set), docs/ with index.md, the assets, the guides
    the offline-copy page links to and, when `page` is given, docs/thu-nghiem.md holding it; the project's
    mkdocs.yml with its nav cut down to those pages and the theme overrides taken from the repository."""
    project = where / "project"
    shutil.copytree(data or FIXTURES / "mini", project / "data")
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (project / "docs" / "huong-dan").mkdir()
    for name in GUIDES:
        shutil.copy(ROOT / "docs" / "huong-dan" / name, project / "docs" / "huong-dan" / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  custom_dir: overrides\n" in config, "mkdocs.yml's custom_dir changed; update tests/sites.py"
    config = config.replace("  custom_dir: overrides\n", f"  custom_dir: {ROOT / 'overrides'}\n")
    nav = "nav:\n  - Trang chủ: index.md\n  - ky-niem-sap-toi.md\n" + "".join(
        f"  - huong-dan/{name}\n" for name in GUIDES if name.endswith(".md"))
    if page is not None:
        (project / "docs" / TEST_PAGE).write_text(page, encoding="utf-8")
        nav += f"  - Thử nghiệm: {TEST_PAGE}\n"
    config, replaced = re.subn(r"^nav:\n(?:  .*\n)+", nav, config, flags=re.M)
    assert replaced == 1, "mkdocs.yml has no nav: section to cut down; update tests/sites.py"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence, so a change in the shipped data or configuration shows up as a clear
    failure."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Reading a built site
# ---------------------------------------------------------------------------------------------------------------

def page(site: Path, url: str) -> str:
    """The HTML of the page at `url` ("" for the home page)."""
    return (site / url / "index.html").read_text(encoding="utf-8")


def article(site: Path, url: str) -> str:
    """The page's <article>, where the content is (no navigation, no footer)."""
    html = page(site, url)
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    """Visible text, whitespace collapsed. A document number's nowrap span (macros/views/doc_numbers.py) is inline
    and adds no space: "số 171-KH/BTGTU, mục 2" reads as written."""
    html = re.sub(r'<span class="sotay-docno">([^<]*)</span>', r"\1", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def site_text(site: Path) -> str:
    """Every text file of the built site and of the offline zip inside it, as one string (for leak checks)."""
    parts: list[str] = []
    for path in sorted(site.rglob("*")) if site.exists() else []:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        elif path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Build:
    ok: bool
    log: str  # every message MkDocs and the project logged at WARNING and above, one per line
    site: Path
    messages: str = ""  # every message at INFO and above (what `mkdocs build` prints), one per line
    seconds: float = 0.0


@dataclass
class BuildRecord:
    label: str  # the configuration's name, or the test that built
    seconds: float
    shared: bool  # built for SiteCache (once per session) or for one test


class Session:
    """What tests/conftest.py tells this module about the running session, and what was built in it."""

    active = False  # inside a pytest session that loaded tests/conftest.py
    item: pytest.Item | None = None  # the test being set up, run or torn down
    markexpr = ""  # the -m expression of the run
    builds: list[BuildRecord] = []


def building(what: str) -> None:
    """Say that the running test builds a site; fails it when it is not marked `site`. `build` calls this; a test
    that builds in a subprocess (the command line under test) calls it itself."""
    if not Session.active:
        return
    item = Session.item
    selected = f" (this run: -m {Session.markexpr!r})" if Session.markexpr else ""
    if item is None:
        pytest.fail(f"{what}: a site is built outside any test (at import or collection time){selected}",
                    pytrace=False)
    if item.get_closest_marker("site") is None:
        pytest.fail(f"{item.nodeid} builds a site ({what}) but is not marked `site`: add @pytest.mark.site (or "
                    f"pytestmark = pytest.mark.site) so that the fast suite leaves it out{selected}", pytrace=False)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with `values` set and every other SOTAY_* variable removed; restored on leaving."""
    names = set(values) | {name for name in os.environ if name.startswith("SOTAY_")}
    saved = {name: os.environ.get(name) for name in names}
    for name in names - set(values):
        del os.environ[name]
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def _logging_into(collect: _Collect) -> Iterator[None]:
    """MkDocs' and the project's loggers at INFO (what `mkdocs build` shows) into `collect`."""
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("sotay")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(collect)
        logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.removeHandler(collect)
            logger.setLevel(level)


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    """Run in the project folder, as an editor runs `mkdocs build`: anything a build wrongly wrote to a relative
    path would land there, where the tests look for it."""
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _run_mkdocs(config_file: Path, site: Path) -> None:
    """What `mkdocs build --strict -f CONFIG -d SITE` does, minus the command line."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def build(project: Path, site: Path | None = None, *, build_date: str = SHIPPED_BUILD_DATE, pdf: bool = False,
          **env: str) -> Build:
    """`mkdocs build --strict` of `project` into `site` (default: beside the project) in this process, with
    SOTAY_BUILD_DATE=`build_date`, SOTAY_PDF=1 when `pdf`, and `env`. A build MkDocs stops is a result (ok False,
    its message in the log); a crash propagates."""
    from mkdocs.exceptions import MkDocsException

    building(f"mkdocs build of {project}")
    site = site or project.parent / "site"
    values = {**BASE_ENVIRONMENT, "SOTAY_BUILD_DATE": build_date, **({"SOTAY_PDF": "1"} if pdf else {}), **env}
    collect = _Collect()
    outcome: dict[str, object] = {"ok": False}

    def run() -> None:
        try:
            _run_mkdocs(project / "mkdocs.yml", site)
            outcome["ok"] = True
        except (MkDocsException, SystemExit) as error:  # what the command line prints as one message
            collect.records.append((logging.ERROR, str(error)))
        except BaseException as error:  # a crash: the command line would print a traceback
            outcome["crash"] = error

    started = time.perf_counter()
    with _environment(values), _logging_into(collect), _working_directory(project):
        # In a thread of its own: Playwright's sync API (the PDFs) cannot start in a thread where it already
        # drives the browser of the browser tests.
        worker = threading.Thread(target=run, name="sotay-test-build")
        worker.start()
        worker.join()
    seconds = time.perf_counter() - started
    if "crash" in outcome:
        raise outcome["crash"]  # type: ignore[misc]
    label = Session.item.nodeid if Session.item is not None else str(project)
    Session.builds.append(BuildRecord(label, seconds, shared=False))
    return Build(bool(outcome["ok"]), "\n".join(m for level, m in collect.records if level >= logging.WARNING),
                 site, "\n".join(m for _, m in collect.records), seconds)


# ---------------------------------------------------------------------------------------------------------------
# Configurations built once per session
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteConfig:
    """A site the tests share. `project` makes the project in the folder it is given and returns it; None builds
    the repository itself, in place. Two equal configurations are one build: define each once, at module level
    (the `project` function is compared by identity)."""

    name: str
    project: Callable[[Path], Path] | None = None
    build_date: str = SHIPPED_BUILD_DATE
    pdf: bool = False
    env: tuple[tuple[str, str], ...] = ()

    def build(self, where: Path) -> Build:
        """A fresh build of this configuration under `where` (not shared)."""
        project = ROOT if self.project is None else self.project(where)
        return build(project, where / "site", build_date=self.build_date, pdf=self.pdf, **dict(self.env))


SHIPPED = SiteConfig("shipped")
SHIPPED_2026 = SiteConfig("shipped-2026-11-22", build_date="2026-11-22")  # nothing in focus, no outline that month
SHIPPED_PDF = SiteConfig("shipped-pdf", pdf=True)


def _snapshot(site: Path) -> dict[str, tuple[int, int]]:
    """Every file of a site folder with its size and time of last change."""
    return {path.relative_to(site).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in sorted(site.rglob("*")) if path.is_file()}


@dataclass
class SiteCache:
    """Each configuration built once, on first use; later calls get the same build. Never write into it:
    `changed()` (checked when the session ends) names any file of a shared build that was written since."""

    tmp_path_factory: pytest.TempPathFactory
    built: dict[SiteConfig, Build] = field(default_factory=dict)
    snapshots: dict[SiteConfig, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def get(self, config: SiteConfig) -> Build:
        if config not in self.built:
            result = config.build(self.tmp_path_factory.mktemp(f"site-{config.name}"))
            Session.builds[-1].shared = True
            Session.builds[-1].label = config.name
            self.built[config] = result
            self.snapshots[config] = _snapshot(result.site)
        result = self.built[config]
        assert result.ok, f"the {config.name} site did not build:\n{result.log}"
        return result

    def site(self, config: SiteConfig) -> Path:
        return self.get(config).site

    def changed(self) -> list[str]:
        """Files of the shared builds added, removed or written since they were built."""
        found = []
        for config, before in self.snapshots.items():
            after = _snapshot(self.built[config].site)
            found += [f"{config.name}: {name}" for name in sorted(set(before) | set(after))
                      if before.get(name) != after.get(name)]
        return found
