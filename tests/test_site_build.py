"""The shipped site as MkDocs builds it: Vietnamese pages, the data page's counts, nothing fetched from a web font
service or a CDN; and broken data stopping the build with a located message instead of a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .sites import build, copy_project, edit

pytestmark = pytest.mark.site


def test_home_page_is_vietnamese(shipped_site: Path) -> None:
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "Sổ tay tuyên truyền" in html


def test_data_page_counts_the_shipped_data(shipped_site: Path) -> None:
    html = (shipped_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    cells = dict(re.findall(r"<td>([^<]+)</td>\s*<td[^>]*>(\d+)</td>", html))
    assert cells["Kế hoạch"] == "3"
    assert int(cells["Nhiệm vụ"]) > 100
    assert cells["Đề cương tuyên truyền"] == "6"


def test_no_web_fonts_or_cdn(shipped_site: Path) -> None:
    for page in shipped_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not re.search(r'<script[^>]+src="https?://', html), page


def test_bad_data_stops_the_build_with_located_message(tmp_path: Path) -> None:
    """The build stops with MkDocs' own error (one message, which `mkdocs build` prints without a traceback; any
    other exception would propagate from `build` and fail here)."""
    project = copy_project(tmp_path)
    edit(project / "data" / "milestones" / "chien-thang-dien-bien-phu.yml", "date: 7/5/1954", "date: 31/02/1954")
    result = build(project)
    assert not result.ok
    assert "data/milestones/chien-thang-dien-bien-phu.yml:" in result.log
    assert "ngày 31/02/1954 không tồn tại" in result.log
    assert "Traceback" not in result.log
    assert not (result.site / "index.html").exists()
