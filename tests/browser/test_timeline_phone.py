"""The timeline pages in Chromium at phone and desktop widths, and in print: on a phone the chart (which would
shrink to a few pixels a label) gives way to the vertical timeline, readable and no wider than the screen; on a
desktop the chart shows and each of its rows opens its page; on paper only the vertical timeline prints.
Full-page screenshots go to test-artifacts/screenshots/ (timeline-*.png).
"""

from __future__ import annotations

from pathlib import Path

import pytest

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 800}
PAGES = {"2024": "dong-thoi-gian/2024/", "2023": "dong-thoi-gian/2023/", "index": "dong-thoi-gian/"}
LIST = ".sotay-tl-head + ul"
ITEMS = f"{LIST} > li > ul > li"
MIN_FONT_PX = 12.0


@pytest.fixture
def new_page(browser):
    contexts = []

    def open_page(viewport: dict[str, int]):
        context = browser.new_context(viewport=viewport, locale="vi-VN", service_workers="block")
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_phone_shows_the_vertical_timeline_instead_of_the_chart(new_page, site_url: str, screenshots: Path,
                                                                name: str) -> None:
    page = new_page(PHONE)
    page.goto(site_url + PAGES[name], wait_until="networkidle")
    page.screenshot(path=str(screenshots / f"timeline-{name}-360.png"), full_page=True)

    assert page.locator("figure.sotay-timeline").count() == 1
    assert not page.locator("figure.sotay-timeline").is_visible(), "the shrunken chart is still shown"
    assert page.locator(LIST).is_visible()
    items = page.locator(ITEMS)
    assert items.count() >= 1
    for index in range(items.count()):
        item = items.nth(index)
        assert item.is_visible()
        link = item.locator("a").first
        assert link.is_visible() and link.get_attribute("href")
        for element in (item, link):
            size = float(element.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
            assert size >= MIN_FONT_PX, f"{PAGES[name]}: item {index} at {size}px"
    markers = page.locator(f"{LIST} > li > strong")
    assert markers.count() >= 1 and markers.first.inner_text().startswith("Tháng ")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{PAGES[name]}: the page scrolls sideways ({width}px)"


def test_desktop_chart_rows_open_their_pages(new_page, site_url: str, screenshots: Path) -> None:
    page = new_page(DESKTOP)
    page.goto(site_url + PAGES["2024"], wait_until="networkidle")
    page.screenshot(path=str(screenshots / "timeline-2024-1280.png"), full_page=True)
    chart = page.locator("figure.sotay-timeline svg")
    assert chart.is_visible()
    assert page.locator(LIST).is_visible()  # under the chart: the dates in words and the same links

    rows = chart.locator("a.sotay-tl-link")
    targets = [rows.nth(i).get_attribute("href") for i in range(rows.count())]
    assert len(targets) == 4
    label = chart.locator('g[data-event="ky-niem-70-nam-chien-thang-dien-bien-phu"] .sotay-tl-label')
    assert float(label.evaluate("e => e.getBoundingClientRect().height")) >= MIN_FONT_PX
    label.click()
    page.wait_for_url(site_url + "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/")
    assert "Điện Biên Phủ" in page.locator(".md-content h1").first.inner_text()

    # A click anywhere on a row, not only on its drawing, opens the row's page.
    page.go_back(wait_until="networkidle")
    row = chart.locator('g[data-event="ky-niem-75-nam-thanh-lap-dang-bo-tinh"] .sotay-tl-hit')
    box = row.bounding_box()
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)
    page.wait_for_url(site_url + "su-kien/ky-niem-75-nam-thanh-lap-dang-bo-tinh/")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_print_shows_one_form_of_the_timeline(new_page, site_url: str, viewport: dict[str, int]) -> None:
    page = new_page(viewport)
    page.goto(site_url + PAGES["2024"], wait_until="networkidle")
    page.emulate_media(media="print")
    assert not page.locator("figure.sotay-timeline").is_visible()
    assert page.locator(LIST).is_visible() and page.locator(ITEMS).count() == 4
