"""The main kinds of page, opened in a real browser at desktop and phone widths, as a reader sees them:
the page loads (a missing page fails), no script error, a visible Vietnamese main heading, nothing fetched from
any host but the local server; a full-page screenshot of each is kept in test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PAGES = {
    "trang-chu": "",
    "ke-hoach": "ke-hoach/171-kh-btgtu/",
    "don-vi": "don-vi/bao-lai-chau/",
    "su-kien": "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/",
    "dong-thoi-gian": "dong-thoi-gian/2024/",
}
VIEWPORTS = {"desktop": (1280, 900), "phone": (360, 780)}

# Letters only Vietnamese uses among the Latin scripts (with their tone marks), lower case.
_VIETNAMESE = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def is_vietnamese(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text) and bool(_VIETNAMESE.search(text.lower()))


@pytest.mark.parametrize("width, height", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_page_in_browser(browser, site_url: str, screenshots: Path, name: str, width: int, height: int) -> None:
    url = site_url + PAGES[name]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN",
                                  service_workers="block")
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    requested: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: errors.append(f"console.{message.type}: {message.text} {message.location}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    try:
        response = page.goto(url, wait_until="networkidle")
        page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)

        assert response is not None, url
        assert response.status == 200, f"{url}: HTTP {response.status}"
        assert page.locator("html").get_attribute("lang") == "vi"

        heading = page.locator(".md-content h1").first
        assert heading.is_visible(), f"{url}: no visible main heading"
        text = heading.inner_text().strip()
        assert is_vietnamese(text), f"{url}: main heading {text!r} is not Vietnamese (NFC, with diacritics)"
        assert is_vietnamese(page.title()), page.title()

        assert errors == [], f"{url}: script errors"
        foreign = [u for u in requested if urlsplit(u).scheme not in ("data", "blob", "about")
                   and urlsplit(u).hostname != "127.0.0.1"]
        assert foreign == [], f"{url}: requests to other hosts"
        assert failed == [], f"{url}: failed requests"
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------------------
# Data with script and HTML in its text fields: nothing of it runs in the browser, on any page it reaches,
# nor in the search box's results.
# ---------------------------------------------------------------------------------------------------------------

def _watch(page) -> list[str]:
    ran: list[str] = []

    def on_dialog(dialog) -> None:
        ran.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: ran.append(f"pageerror: {error}"))
    return ran


def test_payloads_from_data_do_not_run(browser, payload_site: Path, payload_site_url: str) -> None:
    from ..test_security import MARKERS

    reached = sorted(page.relative_to(payload_site).as_posix() for page in payload_site.rglob("*.html")
                     if any(marker in page.read_text(encoding="utf-8") for marker in MARKERS))
    assert len(reached) >= len(MARKERS), reached
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    ran: list[str] = []
    try:
        for relative in reached:
            page = context.new_page()
            found = _watch(page)
            page.goto(payload_site_url + relative.removesuffix("index.html"), wait_until="networkidle")
            page.wait_for_timeout(200)  # an <img src=x onerror> fires once the image has failed
            ran += [f"{relative}: {message}" for message in found]
            page.close()
    finally:
        context.close()
    assert ran == [], "script from data ran in the browser"


@pytest.mark.parametrize("marker", ["ten-don-vi", "ten-su-kien", "mo-ta-su-kien"])
def test_search_results_show_payloads_as_text(browser, payload_site_url: str, marker: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        ran = _watch(page)
        page.goto(payload_site_url, wait_until="networkidle")
        search = page.locator("input.md-search__input")
        search.click()
        results = page.locator(".md-search-result__item")
        for _ in range(20):  # the search worker may still be indexing: type again until it answers
            search.fill("")
            search.type(marker)
            page.wait_for_timeout(1000)
            if results.count():
                break
        assert results.count(), "the search box found nothing"
        assert marker in page.locator(".md-search-result").inner_text()
        assert ran == [], "script from data ran in the search results"
    finally:
        context.close()
