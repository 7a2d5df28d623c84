"""Shared fixtures and the session's bookkeeping: a copy of the small sample data set, the shipped data checked once,
the sites built once per session (tests/sites.py), the checks that keep slow tests out of the fast suite, and a
summary of the time spent by kind of test and of the builds made."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from .checker import reused_composition
from .sites import FAST_SUITE, FIXTURES, SHIPPED, SLOW_MARKS, Session, SiteCache
from .sites import ROOT  # noqa: F401 - also imported from here (tests/test_architecture.py)


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini, a small valid data set, to break in one place per test."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def shipped_dataset():
    """The shipped data, checked once (read it, never change it)."""
    from macros.core.check import check_data
    data, problems, _ = check_data(ROOT / "data", base=ROOT)
    assert not problems, "\n".join(p.format() for p in problems.sorted())
    return data


@pytest.fixture
def compose_once() -> Iterator[None]:
    """For the length of the test, YAML files the checker already composed (same path and text) are not composed
    again (tests/checker.py): for tests that change one file of the shipped data and check all of it."""
    with reused_composition():
        yield


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteCache]:
    """The sites built once per session, by configuration (tests/sites.py). Tests using it are marked `site`; none
    may write into a shared build (checked when the session ends)."""
    cache = SiteCache(tmp_path_factory)
    yield cache
    changed = cache.changed()
    assert not changed, "a test wrote into a shared build (copy it first):\n  " + "\n  ".join(changed[:20])


@pytest.fixture(scope="session")
def shipped_site(sites: SiteCache) -> Path:
    """The shipped site at 2024-05-01 without PDFs, built once for every test that only reads its HTML."""
    return sites.site(SHIPPED)


# ---------------------------------------------------------------------------------------------------------------
# The marks that keep a test out of the fast suite: checked at collection and, for builds, when a build starts.
# ---------------------------------------------------------------------------------------------------------------

def pytest_configure(config: pytest.Config) -> None:
    Session.active = True
    Session.markexpr = config.option.markexpr or ""


def pytest_unconfigure(config: pytest.Config) -> None:
    Session.active = False


# Fixtures that build, or start Chromium, and the mark a test using them (directly or through another fixture) must
# carry: checked at collection, in every run.
MARK_OF_FIXTURE = {"sites": "site", "browser": "browser", "js": "browser"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop at collection, in every run, when a test lacks the mark that keeps it out of the fast suite."""
    unmarked = [f"{item.nodeid} (uses {fixture}: mark it {mark})" for item in items
                for fixture, mark in MARK_OF_FIXTURE.items()
                if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(mark) is None]
    unmarked += [f"{item.nodeid} (a benchmark: mark it benchmark)" for item in items
                 if item.name.startswith("test_benchmark") and item.get_closest_marker("benchmark") is None]
    if unmarked:
        raise pytest.UsageError("tests without the mark that keeps them out of the fast suite:\n  "
                                + "\n  ".join(unmarked))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Tell tests/sites.py which test runs (its build guard), and note the test's kind for the summary."""
    Session.item = item
    _kind[item.nodeid] = next((kind for kind in SLOW_MARKS if item.get_closest_marker(kind)), "fast")
    try:
        return (yield)
    finally:
        Session.item = None


# ---------------------------------------------------------------------------------------------------------------
# Time by kind of test, and the builds
# ---------------------------------------------------------------------------------------------------------------

_seconds: dict[str, float] = defaultdict(float)
_kind: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _seconds[report.nodeid] += report.duration


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if not _seconds:
        return
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", "time by kind of test (setup, call and teardown; builds count in the test "
                                    "that first needs them)")
    for kind in ("fast", *reversed(SLOW_MARKS)):
        names = [name for name, found in _kind.items() if found == kind and name in _seconds]
        if names:
            label = f"{kind} (-m \"{FAST_SUITE}\")" if kind == "fast" else kind
            write(f"{label}: {len(names)} tests, {sum(_seconds[n] for n in names):.1f} s")
    write(f"all: {len(_seconds)} tests, {sum(_seconds.values()):.1f} s")
    shared = [b for b in Session.builds if b.shared]
    single = [b for b in Session.builds if not b.shared]
    write(f"site builds in this process: {len(Session.builds)} "
          f"({len(shared)} shared configurations, {sum(b.seconds for b in shared):.1f} s: "
          f"{', '.join(f'{b.label} {b.seconds:.1f} s' for b in shared) or 'none'}; "
          f"{len(single)} for one test each, {sum(b.seconds for b in single):.1f} s)")
