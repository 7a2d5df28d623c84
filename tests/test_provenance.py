"""Each page links to the file it comes from ("Sửa trang này") and says when that file last changed, from git."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from macros.outputs.provenance import edit_url, last_changed, newest_under

from .sites import SiteConfig, build, copy_project, edit, make_project, site_text


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "btv@example.invalid",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "btv@example.invalid"}
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def repository(where: Path) -> Path:
    """A copy of the shipped project in a git repository of two commits (5/3/2024: everything; 20/4/2024: one
    event), with an https origin remote."""
    repo = copy_project(where)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Dữ liệu ban đầu", when="2024-03-05T10:00:00+07:00")
    event = repo / "data" / "events" / "ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
    event.write_text(event.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Sửa sự kiện", when="2024-04-20T09:00:00+07:00")
    git(repo, "remote", "add", "origin", "https://git.example.invalid/tinh/sotay.git")
    return repo


REPOSITORY_SITE = SiteConfig("shipped-in-git", repository)


@pytest.fixture(scope="module")
def repo_site(sites) -> Path:
    return sites.site(REPOSITORY_SITE)


def footer(site: Path, url: str) -> str:
    html = (site / url / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<aside class="md-source-file sotay-provenance">(.*?)</aside>', html, flags=re.S)
    assert match, url
    return " ".join(match.group(1).split())


@pytest.mark.site
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


# ---------------------------------------------------------------------------------------------------------------
# A repository address with credentials: the secret never reaches a page or the offline copy.
# ---------------------------------------------------------------------------------------------------------------

SECRET = "glpat-Bi-Mat-0123456789"


@pytest.mark.parametrize(("url", "expected"), [
    ("https://git.x/tinh/sotay.git", "https://git.x/tinh/sotay"),
    (f"https://oauth2:{SECRET}@git.x/tinh/sotay.git", "https://git.x/tinh/sotay"),
    (f"https://{SECRET}@git.x/tinh/sotay", "https://git.x/tinh/sotay"),
    (f"https://:{SECRET}@git.x/tinh/sotay", "https://git.x/tinh/sotay"),
    (f"https://git.x/tinh/sotay.git?private_token={SECRET}", "https://git.x/tinh/sotay"),
    (f"https://git.x/tinh/sotay#{SECRET}", "https://git.x/tinh/sotay"),
    (f"https://u:{SECRET}@git.x:8443/tinh/sotay/", "https://git.x:8443/tinh/sotay"),
    ("HTTP://Git.Example/tinh/sotay", "http://git.example/tinh/sotay"),
    ("http://[::1]:3000/tinh/sotay", "http://[::1]:3000/tinh/sotay"),
    (f"https://git.x/tinh/{SECRET}@sotay", None),
    (f"https://git.x/tinh/%40{SECRET}", None),
    (f"ssh://git:{SECRET}@git.x/tinh/sotay", None),
    ("git@git.x:tinh/sotay.git", None),
    ("https://git x/tinh", None),
    ("https://git.x:99999/tinh", None),
    ("file:///srv/sotay", None),
])
def test_clean_url(url: str, expected: str | None) -> None:
    from macros.outputs.provenance import clean_url
    assert clean_url(url) == expected


def secret_project(tmp_path: Path, origin: str | None, repo_url: str | None = None) -> Path:
    project = make_project(tmp_path, "# Trang thử nghiệm\n\nNội dung.\n")
    if repo_url is not None:  # the sotay plugin's repo_url option in mkdocs.yml
        edit(project / "mkdocs.yml", "repo_url: !ENV [SOTAY_REPO_URL, null]",
             f'repo_url: !ENV [SOTAY_REPO_URL, "{repo_url}"]')
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Dữ liệu", when="2024-03-05T10:00:00+07:00")
    if origin is not None:
        git(project, "remote", "add", "origin", origin)
    return project


EDIT = "https://git.x/tinh/sotay/edit/main/docs/thu-nghiem.md"
CREDENTIALS = [
    # (origin remote, SOTAY_REPO_URL, the plugin's repo_url in mkdocs.yml, the edit link expected on thu-nghiem/,
    # warning expected)
    (f"https://oauth2:{SECRET}@git.x/tinh/sotay.git", None, None, EDIT, False),
    (f"https://{SECRET}@git.x/tinh/sotay.git", None, None, EDIT, False),
    (f"https://git.x/tinh/sotay.git?private_token={SECRET}", None, None, EDIT, False),
    (f"https://git.x/tinh/sotay.git#{SECRET}", None, None, EDIT, False),
    (None, f"https://ci:{SECRET}@git.x/tinh/sotay", None, EDIT, False),
    (None, f"https://git.x/tinh/sotay?token={SECRET}", None, EDIT, False),
    (None, None, f"https://admin:{SECRET}@git.x/tinh/sotay", EDIT, False),
    (f"https://git.x/tinh/{SECRET}@sotay.git", None, None, None, True),
    (None, f"ssh://git:{SECRET}@git.x/tinh/sotay", None, None, True),
    (f"ssh://git:{SECRET}@git.x/tinh/sotay", None, None, None, False),
]


@pytest.mark.site
@pytest.mark.parametrize(("origin", "env_url", "repo_url", "edit", "warned"), CREDENTIALS)
def test_credentials_never_reach_the_site(tmp_path: Path, origin, env_url, repo_url, edit, warned) -> None:
    project = secret_project(tmp_path, origin, repo_url)  # build() removes every SOTAY_* variable it is not given
    result = build(project, **({"SOTAY_REPO_URL": env_url} if env_url else {}))
    assert result.ok, result.log
    assert SECRET not in site_text(result.site), "a credential reached the site or the offline zip"
    assert SECRET not in result.log
    page = (result.site / "thu-nghiem" / "index.html").read_text(encoding="utf-8")
    if edit:
        assert f'href="{edit}"' in page
    else:
        assert "Sửa trang này" not in page
    warning = [line for line in result.log.splitlines() if line.startswith("Cảnh báo: địa chỉ kho mã")]
    assert len(warning) == (1 if warned else 0), result.log
