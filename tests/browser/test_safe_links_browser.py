"""Chromium clicks every link on the pages that carry the obfuscated script URLs of tests/test_safe_links.py, over
http and from the unzipped offline copy: no dialog opens, no script runs."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.outputs.pdf import serve_directory

from ..test_safe_links import LINKS_SITE

MARKERS = ("bấm truong-", "bấm trang-")


@pytest.fixture(scope="module")
def links_site(sites) -> Path:
    """The small project whose data fields and hand-written page carry every obfuscated script URL, in every
    context (tests/test_safe_links.py builds and reads the same site)."""
    return sites.site(LINKS_SITE)


@pytest.fixture(scope="module")
def affected(links_site: Path) -> list[str]:
    """Site-relative paths of the pages that show the payloads."""
    pages = [p.relative_to(links_site).as_posix() for p in sorted(links_site.rglob("index.html"))
             if any(marker in p.read_text(encoding="utf-8") for marker in MARKERS)]
    assert len(pages) >= 5, pages
    return pages


@pytest.fixture(scope="module")
def offline_copy(links_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    [archive] = list((links_site / "tai-ve").glob("*.zip"))
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    [folder] = list(target.iterdir())
    return folder


@pytest.fixture(scope="module")
def links_url(links_site: Path) -> Iterator[str]:
    with serve_directory(links_site) as url:
        yield url


def click_every_link(browser, url: str) -> tuple[int, list[str]]:
    """Open `url`, click each link of the article in turn (reopening the page each time); (links clicked, dialogs)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(locale="vi-VN", service_workers="block")
    context.set_default_timeout(15_000)
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url)
        count = page.locator("article a").count()
        for index in range(count):
            page.goto(url)
            try:
                # Wait for the navigation the click starts (a script URL would run instead of navigating).
                with page.expect_event("framenavigated", timeout=2_000):
                    page.locator("article a").nth(index).evaluate("a => a.click()")
            except PlaywrightTimeout:
                pass
            page.wait_for_load_state()
        return count, dialogs
    finally:
        context.close()


def test_the_check_sees_a_dialog(browser) -> None:
    """The control: a script link that did run would be seen."""
    context = browser.new_context()
    dialogs: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_content('<article><a href="&#106;avascript:alert(1)">x</a></article>')
    page.locator("article a").first.evaluate("a => a.click()")
    page.wait_for_timeout(200)
    context.close()
    assert dialogs == ["1"]


def test_no_link_runs_script_over_http(browser, links_url: str, affected: list[str]) -> None:
    clicked = 0
    for path in affected:
        count, dialogs = click_every_link(browser, links_url + path)
        clicked += count
        assert dialogs == [], path
    assert clicked > 0


def test_no_link_runs_script_in_the_offline_copy(browser, offline_copy: Path, affected: list[str]) -> None:
    clicked = 0
    for path in affected:
        count, dialogs = click_every_link(browser, (offline_copy / path).as_uri())
        clicked += count
        assert dialogs == [], path
    assert clicked > 0
