"""Every kind of page on a 360 px phone and on a 1280 px screen, in Chromium: the page never scrolls sideways on the
phone (wide content may scroll inside its own box), and a full-page screenshot of each is kept under
test-artifacts/screenshots/ (phone-NAME-WIDTH.png) for a person to look at. On a phone, text is never justified
(justified lines leave wide gaps in a narrow column; print justifies), a document number never breaks across lines,
and the long task lists of event and plan pages are folded by lead unit, each unit with its count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PHONE = (360, 780)
DESKTOP = (1280, 800)
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# One page of every kind the site has (there is no search page: search is a box in the header).
PAGES = {
    "trang-chu": "",
    "su-kien-muc-luc": "su-kien/",
    "su-kien": "su-kien/ky-niem-20-nam-chia-tach-thanh-lap-tinh/",
    "ke-hoach-muc-luc": "ke-hoach/",
    "ke-hoach": "ke-hoach/kh-btc-20-nam-chia-tach/",
    "van-ban-muc-luc": "van-ban/",
    "van-ban": "van-ban/11-ct-tu/",
    "don-vi-muc-luc": "don-vi/",
    "don-vi": "don-vi/ubnd-tinh/",
    "de-cuong-muc-luc": "de-cuong/",
    "de-cuong": "de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu/",
    "tai-lieu-chi-bo-muc-luc": "tai-lieu-chi-bo/",
    "tai-lieu-chi-bo": "tai-lieu-chi-bo/ky-niem-20-nam-chia-tach-thanh-lap-tinh/",
    "dong-thoi-gian-muc-luc": "dong-thoi-gian/",
    "dong-thoi-gian": "dong-thoi-gian/2024/",
    "ky-niem-sap-toi": "ky-niem-sap-toi/",
    "huong-dan": "huong-dan/thong-bao-loi/",
    "khong-tim-thay": "404.html",
}

# Elements of the page wider than the viewport that do not sit inside a box that scrolls sideways itself.
OVERFLOWING = """(width) => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let up = el.parentElement, scrolls = false;
    while (up && up !== document.body) {
      const x = getComputedStyle(up).overflowX;
      if ((x === "auto" || x === "scroll" || x === "hidden") && up.getBoundingClientRect().right <= width + 1) {
        scrolls = true;
        break;
      }
      up = up.parentElement;
    }
    if (!scrolls) found.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className) : ""));
  }
  return found.slice(0, 10);
}"""


def open_page(browser, url: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="vi-VN",
                                  service_workers="block")
    context.set_default_timeout(30_000)
    page = context.new_page()
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, url
    return context, page


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen(browser, site_url: str, screenshots: Path, name: str, viewport: str) -> None:
    width, height = VIEWPORTS[viewport]
    context, page = open_page(browser, site_url + PAGES[name], (width, height))
    try:
        page.screenshot(path=str(screenshots / f"phone-{name}-{width}.png"), full_page=True)
        if viewport == "phone":
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, (name, scroll_width, page.evaluate(OVERFLOWING, width))
            justified = page.evaluate("""Array.from(document.querySelectorAll('.md-typeset p, .md-typeset li'))
                .filter(el => getComputedStyle(el).textAlign === 'justify').length""")
            assert justified == 0, f"{name}: {justified} justified paragraphs on screen"
    finally:
        context.close()


@pytest.mark.parametrize("path", [PAGES["ke-hoach"], "ke-hoach/171-kh-btgtu/", PAGES["van-ban"], PAGES["su-kien"]])
def test_document_numbers_never_break_on_a_phone(browser, site_url: str, path: str) -> None:
    context, page = open_page(browser, site_url + path, PHONE)
    try:
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        lines = page.evaluate("""Array.from(document.querySelectorAll('.md-content .sotay-docno'))
            .filter(el => el.offsetParent !== null)
            .map(el => [el.textContent, el.getClientRects().length])""")
        assert lines, f"{path}: no document number found"
        assert all(count == 1 for _, count in lines), [item for item in lines if item[1] != 1]
        # The number reads, and copies, as written.
        assert page.evaluate("window.getComputedStyle(document.querySelector('.sotay-docno')).whiteSpace") == "nowrap"
    finally:
        context.close()


def test_event_tasks_fold_by_lead_unit_and_keep_their_states(browser, site_url: str) -> None:
    context, page = open_page(browser, site_url + PAGES["su-kien"], PHONE)
    try:
        groups = page.locator(".md-content details.sotay-lead")
        assert groups.count() > 5
        assert page.locator(".md-content details.sotay-lead[open]").count() == 0  # folded: a long page
        summary = groups.first.locator("summary").inner_text()
        assert summary.endswith(" nhiệm vụ)"), summary
        tasks_shown = page.locator(".md-content details.sotay-lead .sotay-state")
        assert tasks_shown.count() > groups.count()
        groups.first.locator("summary").click()
        assert groups.first.locator(".sotay-state").first.is_visible()
        # sotay-states.js judged every state again on the reader's day, folded ones too.
        today = page.evaluate("window.SotayStates.today()")
        days = page.evaluate("""Array.from(document.querySelectorAll('.md-content details.sotay-lead .sotay-state'))
            .map(el => el.getAttribute('data-day'))""")
        assert set(days) == {today}
        # A task list is no table any more: nothing squeezes its text into a narrow column.
        assert page.locator(".md-content details.sotay-lead table").count() == 0
    finally:
        context.close()


def test_plan_task_details_open_in_place(browser, site_url: str) -> None:
    context, page = open_page(browser, site_url + PAGES["ke-hoach"], PHONE)
    try:
        meta = page.locator(".md-content details.sotay-task-meta").first
        assert not meta.locator("p").first.is_visible()
        assert meta.locator("summary .sotay-state").is_visible()
        meta.locator("summary").click()
        assert meta.locator("p").first.is_visible()
        assert "Chủ trì:" in meta.locator("p").first.inner_text()
        # The per-unit view is on the plan's page of progress, an index to the tasks of the plan's page, folded.
        assert page.locator(".md-content details.sotay-lead").count() == 0
        page.locator(".md-content a.sotay-progress-link").click()
        page.wait_for_url("**/tien-do/")
        assert page.locator(".md-content details.sotay-lead").count() > 5
        assert page.locator(".md-content details.sotay-lead[open]").count() == 0
        lead = page.locator(".md-content details.sotay-lead").first
        lead.locator("summary").click()
        lead.locator("li a").first.click()  # back to the task's place in the document
        page.wait_for_url("**/kh-btc-20-nam-chia-tach/#nv-*")
        assert page.locator(".md-content details.sotay-task-meta").count() > 5
    finally:
        context.close()
