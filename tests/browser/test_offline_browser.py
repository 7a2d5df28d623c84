"""Nothing fetched from another host, and the offline copy as a reader uses it.

- Every kind of page, over http://127.0.0.1 and from file:// (the unzipped offline copy), with every request
  recorded: a request to any other host fails the test.
- The zip from the build, unzipped into a temporary folder and browsed from file:// in Chromium: home, an event,
  a plan, an organisation, the timeline, a search typed without diacritics; each page loads with no script error,
  and every link on it reaches an existing file (never a folder).
- A benchmark printing the size of the site and of the zip, and the bytes a first visit to the home page
  transfers, with and without gzip (through nginx with the intranet configuration when it is installed).
"""

from __future__ import annotations

import gzip
import shutil
import zipfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ..test_nginx import fetch, running_nginx

# One page of every kind (folder-style paths, as on the site).
PAGES = {
    "trang-chu": "",
    "su-kien": "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/",
    "ke-hoach": "ke-hoach/171-kh-btgtu/",
    "van-ban": "van-ban/18-nq-tw/",
    "don-vi": "don-vi/bao-lai-chau/",
    "de-cuong": "de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu/",
    "dong-thoi-gian-nam": "dong-thoi-gian/2024/",
    "danh-muc-su-kien": "su-kien/",
    "danh-muc-ke-hoach": "ke-hoach/",
    "danh-muc-van-ban": "van-ban/",
    "danh-muc-don-vi": "don-vi/",
    "danh-muc-de-cuong": "de-cuong/",
    "dong-thoi-gian": "dong-thoi-gian/",
    "ky-niem-sap-toi": "ky-niem-sap-toi/",
    "tai-lieu-chi-bo": "tai-lieu-chi-bo/ky-niem-70-nam-chien-thang-dien-bien-phu/",
    "huong-dan": "huong-dan/xuat-ban/",
    "tai-ve": "tai-ve/",
}
BROWSED = ["trang-chu", "su-kien", "ke-hoach", "don-vi", "dong-thoi-gian", "dong-thoi-gian-nam"]
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture(scope="session")
def offline_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip the build put in tai-ve/, unzipped as a reader would; returns the folder holding index.html."""
    zips = sorted((built_site / "tai-ve").glob("so-tay-tuyen-truyen-*.zip"))
    assert len(zips) == 1, zips
    target = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(target)
    folder = target / zips[0].stem
    assert (folder / "index.html").is_file()
    return folder


class Recorder:
    """Everything a page asks for or complains about."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(f"{request.url}: {request.failure}"))
        page.on("console", lambda message: self.errors.append(f"console.{message.type}: {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def foreign(self, scheme: str, host: str | None) -> list[str]:
        """Requests that left the site: any other scheme, or another host."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in LOCAL_SCHEMES
                and (urlsplit(url).scheme != scheme or urlsplit(url).hostname != host)]


def new_page(browser, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN", service_workers="block")
    context.set_default_timeout(30_000)
    return context, context.new_page()


def file_url(folder: Path, path: str) -> str:
    return (folder / path / "index.html").as_uri()


@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_site(browser, site_url: str, offline_copy: Path, name: str, where: str) -> None:
    url = site_url + PAGES[name] if where == "http" else file_url(offline_copy, PAGES[name])
    context, page = new_page(browser)
    seen = Recorder(page)
    try:
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(200)
        assert page.locator(".md-content h1").first.is_visible(), f"{url}: no main heading"
        scheme, host = ("http", "127.0.0.1") if where == "http" else ("file", None)
        assert seen.foreign(scheme, host) == [], f"{url}: requests that left the site"
        assert seen.failed == [], f"{url}: failed requests"
        assert seen.errors == [], f"{url}: script errors"
    finally:
        context.close()


def local_targets(page, folder: Path) -> list[str]:
    """Every file:// link of the page that does not reach an existing file (a folder counts as missing)."""
    # An SVG <a> (the timeline's rows) has an SVGAnimatedString for href: resolve its text against the page.
    hrefs = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => typeof e.href === 'string' ? "
                                      "e.href : new URL(e.href.baseVal, document.baseURI).href)")
    hrefs += page.eval_on_selector_all("script[src], img[src], iframe[src]", "els => els.map(e => e.src)")
    missing = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme != "file":
            continue
        target = Path(unquote(parts.path))
        if not target.is_file():
            missing.append(href)
        elif not target.resolve().is_relative_to(folder.resolve()):
            missing.append(f"{href} (outside the offline copy)")
    return missing


@pytest.mark.parametrize("name", BROWSED)
def test_offline_copy_from_file(browser, offline_copy: Path, screenshots: Path, name: str) -> None:
    url = file_url(offline_copy, PAGES[name])
    context, page = new_page(browser)
    seen = Recorder(page)
    try:
        page.goto(url, wait_until="networkidle")
        page.screenshot(path=str(screenshots / f"ngoai-tuyen-{name}.png"), full_page=False)
        assert page.locator(".md-content h1").first.is_visible(), f"{url}: no main heading"
        assert page.locator("html").get_attribute("lang") == "vi"
        assert local_targets(page, offline_copy) == [], f"{url}: links to missing files or folders"
        footer = page.locator(".sotay-offline-link").inner_text()
        assert footer.startswith("Bản ngoại tuyến dựng ngày"), footer
        assert seen.foreign("file", None) == [] and seen.failed == [] and seen.errors == [], url
    finally:
        context.close()


def test_offline_copy_navigation_by_clicks(browser, offline_copy: Path) -> None:
    """A reader clicks through: tab, an event card's link, back home by the logo; every step lands on a page."""
    context, page = new_page(browser)
    seen = Recorder(page)
    try:
        page.goto(file_url(offline_copy, ""), wait_until="networkidle")
        page.locator(".md-tabs__link", has_text="Sự kiện").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/su-kien/index.html"), page.url
        page.locator(".md-content a[href*='ky-niem-70-nam-chien-thang-dien-bien-phu']").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/index.html"), page.url
        assert "Điện Biên Phủ" in page.locator(".md-content h1").first.inner_text()
        page.locator("a.md-header__button.md-logo").first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == file_url(offline_copy, ""), page.url
        page.locator(".sotay-offline-link").click()
        page.wait_for_load_state("networkidle")
        assert page.url.endswith("/tai-ve/index.html")
        assert "Bạn đang xem bản ngoại tuyến" in page.locator(".md-content").inner_text()
        assert seen.foreign("file", None) == [] and seen.failed == [] and seen.errors == []
    finally:
        context.close()


def test_offline_copy_search_without_diacritics(browser, offline_copy: Path, screenshots: Path) -> None:
    context, page = new_page(browser)
    seen = Recorder(page)
    try:
        page.goto(file_url(offline_copy, ""), wait_until="networkidle")
        search = page.locator("input.md-search__input")
        assert search.count() == 1, "the offline copy has no search box"
        search.click()
        results = page.locator(".md-search-result__item")
        for _ in range(20):  # the index script may still be loading: type again until it answers
            search.fill("")
            search.type("dien bien phu")
            page.wait_for_timeout(500)
            if results.count():
                break
        assert results.count(), "the search found nothing for 'dien bien phu'"
        assert "Điện Biên Phủ" in page.locator(".md-search-result").inner_text()
        page.screenshot(path=str(screenshots / "ngoai-tuyen-tim-kiem.png"))
        link = page.locator(".md-search-result__link").first
        href = link.evaluate("a => a.href")
        assert urlsplit(href).scheme == "file" and Path(unquote(urlsplit(href).path)).is_file(), href
        link.click()
        page.wait_for_load_state("networkidle")
        assert Path(unquote(urlsplit(page.url).path)).is_file(), page.url
        assert page.locator(".md-content h1").first.is_visible()
        assert seen.foreign("file", None) == [] and seen.failed == [] and seen.errors == []
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------------------------
# Benchmark: sizes and the bytes of a first visit. Prints figures; asserts nothing about speed.
# ---------------------------------------------------------------------------------------------------------------

KINDS = {".html": "HTML", ".css": "CSS", ".js": "JS", ".ttf": "phông", ".woff": "phông", ".woff2": "phông"}


def _kind(url: str) -> str:
    path = urlsplit(url).path
    if path.endswith("/"):
        return "HTML"
    return KINDS.get(Path(path).suffix, "khác")


@pytest.mark.benchmark
def test_benchmark_sizes_and_first_visit(browser, built_site: Path, site_url: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    zip_file = next((built_site / "tai-ve").glob("*.zip"))
    files = [p for p in built_site.rglob("*") if p.is_file() and p != zip_file]
    # What a first visit to the home page asks for (no cache): recorded in Chromium.
    context, page = new_page(browser)
    seen = Recorder(page)
    try:
        page.goto(site_url, wait_until="networkidle")
    finally:
        context.close()
    paths = sorted({urlsplit(url).path for url in seen.requests if urlsplit(url).hostname == "127.0.0.1"})
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
        how = "measured through nginx (docs/huong-dan/nginx-sotay.conf)"
        with running_nginx(built_site, tmp_path / "nginx") as port:
            for path in paths:
                for i, gzip_ok in enumerate((False, True)):
                    status, headers, body = fetch(port, path, gzip_ok=gzip_ok)
                    assert status == 200, path
                    totals[_kind(path)][i] += len(body)
    else:
        how = "computed (nginx is not installed): gzip level 5 for HTML, CSS, JS, SVG, JSON"
        for path in paths:
            local = built_site / path.lstrip("/")
            data = (local / "index.html" if local.is_dir() else local).read_bytes()
            zipped = len(gzip.compress(data, 5)) if _kind(path) in ("HTML", "CSS", "JS") else len(data)
            totals[_kind(path)][0] += len(data)
            totals[_kind(path)][1] += zipped
    plain, zipped = sum(t[0] for t in totals.values()), sum(t[1] for t in totals.values())
    with capsys.disabled():
        print(f"\n[benchmark] site: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files; "
              f"offline zip {zip_file.name}: {zip_file.stat().st_size / 1e6:.1f} MB")
        print(f"[benchmark] first visit to the home page, {len(paths)} requests, {how}:")
        for kind in ("HTML", "CSS", "JS", "phông", "khác"):
            if kind in totals or kind != "khác":
                print(f"[benchmark]   {kind:6} {totals[kind][0] / 1000:8.1f} kB without gzip, "
                      f"{totals[kind][1] / 1000:8.1f} kB with gzip")
        print(f"[benchmark]   total  {plain / 1000:8.1f} kB without gzip, {zipped / 1000:8.1f} kB with gzip")
    assert plain > 0 and zipped <= plain
