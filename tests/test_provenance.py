"""Each page links to the file it comes from ("Sửa trang này") and says when that file last changed, from git."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from macros.provenance import edit_url, last_changed, newest_under

from .conftest import ROOT


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "btv@example.invalid",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "btv@example.invalid"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    for name in ("docs", "data", "overrides", "macros"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Dữ liệu ban đầu", when="2024-03-05T10:00:00+07:00")
    event = repo / "data" / "events" / "ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
    event.write_text(event.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Sửa sự kiện", when="2024-04-20T09:00:00+07:00")
    git(repo, "remote", "add", "origin", "https://git.example.invalid/tinh/sotay.git")
    site = repo / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(ROOT), "SOTAY_BUILD_DATE": "2024-05-01"}
    env.pop("SOTAY_REPO_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def footer(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<aside class="md-source-file sotay-provenance">(.*?)</aside>', html, flags=re.S)
    assert match, url
    return " ".join(match.group(1).split())


@pytest.mark.parametrize(("url", "updated", "edit"), [
    ("su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu", "ngày 20/4/2024",
     "https://git.example.invalid/tinh/sotay/edit/main/data/events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml"),
    ("don-vi/bao-lai-chau", "ngày 05/3/2024", "https://git.example.invalid/tinh/sotay/edit/main/data/organisations.yml"),
    ("ke-hoach/171-kh-btgtu", "ngày 05/3/2024", "https://git.example.invalid/tinh/sotay/edit/main/data/plans/171-kh-btgtu.yml"),
    ("du-lieu", "ngày 05/3/2024", "https://git.example.invalid/tinh/sotay/edit/main/docs/du-lieu.md"),
    ("su-kien", "ngày 20/4/2024", None),
])
def test_page_says_where_it_comes_from_and_when_it_changed(repo_site: Path, url: str, updated: str,
                                                         edit: str | None) -> None:
    text = footer(repo_site, url)
    assert f"Cập nhật lần cuối: {updated}" in text
    if edit:
        assert f'href="{edit}"' in text and "Sửa trang này" in text
    else:
        assert "Sửa trang này" not in text


@pytest.mark.parametrize(("base", "template", "path", "expected"), [
    ("https://git.x/t/s", None, "data/a.yml", "https://git.x/t/s/edit/main/data/a.yml"),
    ("https://gitlab.x/t/s", "-/edit/{branch}/{path}", "docs/a.md", "https://gitlab.x/t/s/-/edit/main/docs/a.md"),
    (None, None, "data/a.yml", None),
])
def test_edit_url(base, template, path, expected, monkeypatch) -> None:
    monkeypatch.delenv("SOTAY_EDIT_TEMPLATE", raising=False)
    assert edit_url(base, template, "main", path) == expected


def test_without_git_there_are_no_dates(tmp_path: Path) -> None:
    assert last_changed(tmp_path) == {}
    assert newest_under({"data/a.yml": date(2024, 1, 2), "docs/b.md": date(2025, 1, 1)}, "data") == date(2024, 1, 2)
