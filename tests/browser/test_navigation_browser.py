"""Where a reader is, clicked in Chromium: from a page kept out of the navigation (an event, a cited document), the
breadcrumb and the highlighted tab lead back to the index page and to the heading that lists the page, over
http://127.0.0.1 and from file:// (the unzipped offline copy)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from .test_offline_browser import offline_copy  # noqa: F401 - the fixture: the zip of the build, unzipped

DBP_EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"


def address(where: str, site_url: str, folder: Path, path: str) -> str:
    """The address of the page at `path` ("su-kien/x/"): a folder over http, its index.html from file://."""
    if where == "http":
        return site_url + path
    return (folder / path / "index.html").as_uri()


def landed(page, where: str, path: str, anchor: str = "") -> None:
    """The browser shows the page at `path` (and the heading `anchor`), never a folder listing."""
    url = unquote(page.url)
    expected = path if where == "http" else path + "index.html"
    assert url.split("#")[0].endswith("/" + expected), url
    assert url.partition("#")[2] == anchor, url
    assert page.locator("article.md-content__inner h1").count() == 1, "a page of the site, not a file listing"
    if anchor:
        heading = page.locator(f'[id="{anchor}"]')
        assert heading.count() == 1 and heading.is_visible()


@pytest.mark.parametrize("where", ["http", "file"])
def test_breadcrumb_and_tab_lead_back_to_the_index(browser, site_url: str, offline_copy: Path,  # noqa: F811
                                                   where: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        start = address(where, site_url, offline_copy, f"su-kien/{DBP_EVENT}/")
        page.goto(start)
        crumbs = page.get_by_role("navigation", name="Vị trí trang")
        assert crumbs.get_by_role("listitem").all_inner_texts()[:2] == ["Sự kiện", "Năm 2024"]
        assert "Điện Biên Phủ" in crumbs.locator("[aria-current=page]").inner_text()

        crumbs.get_by_role("link", name="Năm 2024").click()
        page.wait_for_load_state()
        landed(page, where, "su-kien/", "năm-2024")
        assert page.locator(f'a[href^="{DBP_EVENT}/"]').count() >= 1  # the year's list names the event

        page.goto(start)
        tab = page.locator(".md-tabs__item--active .md-tabs__link")
        assert tab.inner_text().strip() == "Sự kiện"
        tab.click()
        page.wait_for_load_state()
        landed(page, where, "su-kien/")

        page.goto(address(where, site_url, offline_copy, "van-ban/18-nq-tw/"))
        assert page.locator(".md-tabs__item--active .md-tabs__link").inner_text().strip() == "Kế hoạch"
        crumbs = page.get_by_role("navigation", name="Vị trí trang")
        crumbs.get_by_role("link", name="Kế hoạch").click()
        page.wait_for_load_state()
        landed(page, where, "ke-hoach/")
        page.go_back()
        page.get_by_role("navigation", name="Vị trí trang").get_by_role("link", name="Văn bản").click()
        page.wait_for_load_state()
        landed(page, where, "van-ban/")
    finally:
        page.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_sidebar_of_a_record_page_shows_its_section(browser, site_url: str, offline_copy: Path,  # noqa: F811
                                                   where: str) -> None:
    """On a wide screen the left column is not empty: it shows the section of the highlighted tab."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        page.goto(address(where, site_url, offline_copy, f"su-kien/{DBP_EVENT}/"))
        sidebar = page.locator(".md-sidebar--primary")
        assert sidebar.is_visible()
        link = sidebar.get_by_role("link", name="Kỷ niệm sắp tới")
        assert link.is_visible()
        link.click()
        page.wait_for_load_state()
        landed(page, where, "ky-niem-sap-toi/")
    finally:
        page.close()
