"""Shared test helpers: the project root and a copy of the small sample data set."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent / "seeds"


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini, a small valid data set, to break in one place per test."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", target)
    return target


SHIPPED_BUILD_DATE = "2024-05-01"  # the date the shipped-site tests judge task states and focus windows by


def build_site(out: Path, build_date: str = SHIPPED_BUILD_DATE, **env_extra: str) -> Path:
    """`mkdocs build --strict` of the project into `out`; a quick build (no PDFs) unless asked."""
    env = {key: value for key, value in os.environ.items() if key != "SOTAY_PDF"}
    env.update(NO_MKDOCS_2_WARNING="true", SOTAY_BUILD_DATE=build_date, PYTHONPATH=str(ROOT), **env_extra)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped site, built once for every test that only reads its HTML (never write into it)."""
    return build_site(tmp_path_factory.mktemp("shipped-site"))


@pytest.fixture(scope="session")
def shipped_dataset():
    from macros.core.check import check_data
    data, problems, _ = check_data(ROOT / "data")
    assert not problems, "\n".join(p.format() for p in problems.sorted())
    return data


def article(site: Path, url: str) -> str:
    """The page's <article>, where the content is (no navigation, no footer)."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def text_of(html: str) -> str:
    """Visible text, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
