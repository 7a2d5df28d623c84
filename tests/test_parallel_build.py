"""Building with helper processes (SOTAY_JOBS, macros/plugin/parallel.py), which render the pages and then write
them out with the theme, makes the same site as building in one process: every file byte for byte (pages, search
index, calendar feeds, offline zip); warnings raised while a helper renders a page are reported by the build and
stop it in strict mode; an error on a page gives the same one Vietnamese message, no traceback, and leaves no
process behind."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .compare_builds import compare
from .sites import ROOT, build, make_project

pytestmark = pytest.mark.site

PAGES = 80  # hand-written pages added to the mini project: with its generated pages, a helper renders some of them
PROCESSES = re.compile(r"Đã dựng (\d+) trang bằng (\d+) tiến trình song song \((\d+) trang do tiến trình phụ dựng\)")
WRITERS = re.compile(r"Đã ghi (\d+) trang bằng (\d+) tiến trình song song \((\d+) trang do tiến trình phụ ghi\)")


def helper_share(messages: str, line: re.Pattern[str] = PROCESSES) -> tuple[int, int, int]:
    """(pages, processes, pages rendered, or written out, by helpers) from the build's log line."""
    match = line.search(messages)
    assert match, f"no line saying how the pages were shared:\n{messages}"
    return int(match[1]), int(match[2]), int(match[3])


def children() -> set[int]:
    """The living child processes of this process (zombies included: a helper never waited for)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(status.parent.name))
    return found


def test_the_shipped_site_is_the_same_with_helpers(tmp_path: Path, shipped_site: Path) -> None:
    serial = build(ROOT, tmp_path / "serial", SOTAY_JOBS="1")
    three = build(ROOT, tmp_path / "three", SOTAY_JOBS="3")
    assert serial.ok and three.ok, serial.log + three.log
    assert "song song" not in serial.messages
    pages, processes, by_helpers = helper_share(three.messages)
    assert processes == 3 and 0 < by_helpers < pages
    written, processes, by_helpers = helper_share(three.messages, WRITERS)
    assert written == pages and processes == 3 and 0 < by_helpers < pages
    assert compare(serial.site, three.site) == []
    assert compare(serial.site, shipped_site) == []  # the session's build, with one process per core


def page_with_link(n: int) -> str:
    """A page with a broken link, long enough (a table of 300 rows) that rendering it takes a while."""
    rows = "".join(f"| {k} | Tuyên truyền kỷ niệm **{k}** năm | [mục {k}](#muc-{k}) |\n" for k in range(300))
    return f"# Trang {n}\n\nXem [trang không có](khong-co-{n}.md).\n\n| Số | Nội dung | Mục |\n|---|---|---|\n{rows}"


def test_warnings_on_pages_a_helper_rendered_stop_the_build(tmp_path: Path) -> None:
    logs = {}
    for jobs in ("1", "2"):
        project = make_project(tmp_path / f"j{jobs}")
        for n in range(PAGES):
            (project / "docs" / f"trang-{n:03}.md").write_text(page_with_link(n), encoding="utf-8")
        result = build(project, SOTAY_JOBS=jobs)
        assert not result.ok and "strict mode" in result.log
        logs[jobs] = result
    missing = {jobs: sorted(set(re.findall(r"'khong-co-\d+\.md'", result.log))) for jobs, result in logs.items()}
    assert len(missing["1"]) == PAGES and missing["2"] == missing["1"]
    pages, processes, by_helpers = helper_share(logs["2"].messages)
    assert processes == 2 and by_helpers > pages - PAGES, "no hand-written page was rendered by the helper"
    assert sorted(logs["2"].log.splitlines()) == sorted(logs["1"].log.splitlines())


def test_an_error_on_a_page_is_reported_once_and_no_helper_is_left(tmp_path: Path) -> None:
    before = children()
    logs = {}
    for jobs in ("1", "2"):
        project = make_project(tmp_path / f"j{jobs}")
        for n in range(PAGES):
            text = "# Trang lỗi\n\n{{ 1/0 }}\n" if n == PAGES - 10 else f"# Trang {n}\n"
            (project / "docs" / f"trang-{n:03}.md").write_text(text, encoding="utf-8")
        result = build(project, SOTAY_JOBS=jobs)
        assert not result.ok
        assert "Traceback" not in result.messages
        logs[jobs] = [line for line in result.log.splitlines() if "trang-070.md" in line]
    assert logs["1"] and logs["2"] == logs["1"]
    assert children() == before
