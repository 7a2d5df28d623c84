"""Builds the shipped site with MkDocs into a temporary folder and looks at the HTML."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


def test_home_page_is_vietnamese(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "Sổ tay tuyên truyền" in html


def test_data_page_counts_the_shipped_data(built_site: Path) -> None:
    html = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    cells = dict(re.findall(r"<td>([^<]+)</td>\s*<td[^>]*>(\d+)</td>", html))
    assert cells["Kế hoạch"] == "3"
    assert int(cells["Nhiệm vụ"]) > 100
    assert cells["Đề cương tuyên truyền"] == "6"


def test_no_web_fonts_or_cdn(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not re.search(r'<script[^>]+src="https?://', html), page


def test_bad_data_stops_the_build_with_located_message(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("docs", "data", "overrides", "macros"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    milestone = project / "data" / "milestones" / "chien-thang-dien-bien-phu.yml"
    milestone.write_text(milestone.read_text(encoding="utf-8").replace("7/5/1954", "31/02/1954"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/milestones/chien-thang-dien-bien-phu.yml:" in result.stderr
    assert "ngày 31/02/1954 không tồn tại" in result.stderr
    assert "Traceback" not in result.stderr
