"""PDFs of built pages: Chromium's own print to PDF, driven by Playwright, offline.

The browser is Debian's /usr/bin/chromium (package `chromium`, installed by ./setup.sh); Playwright never
downloads one. Pages are served from the built site on 127.0.0.1 (a port chosen by the system) and printed
with their print stylesheet (assets/sotay-print.css): A4, the @page margins and page numbers, the shipped
Liberation Serif, which Chromium embeds as a subset. Nothing here knows MkDocs; macros/print_hooks.py calls
`print_pdfs` after the build.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (root in containers), nothing that would reach the network on its own.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--font-render-hinting=none",
]
# The family the print stylesheet declares with @font-face; printing waits until it has loaded.
PRINT_FONT = '14pt "Sotay Serif"'
PAGE_TIMEOUT_MS = 60_000


class PdfError(RuntimeError):
    """A PDF could not be made; the message says why in Vietnamese (the build shows it to editors)."""


@dataclass(frozen=True)
class PdfJob:
    page: str  # the page's URL path inside the site, e.g. "ke-hoach/171-kh-btgtu/"
    pdf: str  # where the PDF goes, relative to the site folder, e.g. "ke-hoach/171-kh-btgtu.pdf"


@dataclass(frozen=True)
class PdfResult:
    job: PdfJob
    path: Path
    seconds: float
    size: int


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """http://127.0.0.1:<free port>/ serving `directory` from a thread, stopped on leaving."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="sotay-pdf-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextlib.contextmanager
def launch_chromium(executable: Path = DEFAULT_CHROMIUM) -> Iterator[Any]:
    """A headless Chromium browser (Playwright's Browser), closed on leaving."""
    if not executable.exists():
        raise PdfError(f"không thấy trình duyệt Chromium tại {executable}; cài gói chromium "
                       "(./setup.sh build tự cài) hoặc đặt biến SOTAY_CHROMIUM tới trình duyệt")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise PdfError("thiếu gói Python playwright; chạy ./setup.sh build để cài") from error
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS,
                                             timeout=PAGE_TIMEOUT_MS)
        try:
            yield browser
        finally:
            browser.close()


def print_page(page: Any, url: str) -> bytes:
    """Open `url` in a Playwright page and print it to PDF with the page's own @page rules."""
    page.emulate_media(media="print")
    response = page.goto(url, wait_until="load", timeout=PAGE_TIMEOUT_MS)
    if response is None or not response.ok:
        status = response.status if response is not None else "không có phản hồi"
        raise PdfError(f"không mở được trang {url} ({status})")
    # @font-face fonts load when first used; wait for the shipped serif so it is the one embedded.
    loaded = page.evaluate("""async (font) => {
        await document.fonts.load(font);
        await document.fonts.ready;
        return document.fonts.check(font);
    }""", PRINT_FONT)
    if not loaded:
        raise PdfError(f"phông chữ in (assets/fonts/) không tải được trên trang {url}")
    # A PDF to hand out: links are text (they would point at this temporary local server), and its title is the
    # page's heading, without the site name.
    page.evaluate("""() => {
        for (const a of document.querySelectorAll("a[href]")) a.removeAttribute("href");
        const heading = document.querySelector("article h1");
        if (heading) document.title = heading.textContent.replace("\u00b6", "").trim();
    }""")
    # As the print dialog does by default: no background graphics (the layout has none that matter).
    return page.pdf(prefer_css_page_size=True, print_background=False, tagged=True, outline=True)


def print_pdfs(site_dir: Path, jobs: Sequence[PdfJob], browser: Any | None = None,
               out_dir: Path | None = None, chromium: Path = DEFAULT_CHROMIUM) -> list[PdfResult]:
    """Print each job's page of the built site in `site_dir` to its PDF, under `out_dir` (default: the site
    itself); returns what was written, with timings. `browser`: a Playwright Browser to reuse."""
    site_dir = Path(site_dir)
    out_dir = Path(out_dir) if out_dir is not None else site_dir
    results: list[PdfResult] = []
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(launch_chromium(chromium))
        base = stack.enter_context(serve_directory(site_dir))
        context = browser.new_context(locale="vi-VN", java_script_enabled=True, service_workers="block")
        stack.callback(context.close)
        # Offline by construction: the page may load only what the local server has.
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page = context.new_page()
        for job in jobs:
            started = time.perf_counter()
            data = print_page(page, base + job.page)
            target = out_dir / job.pdf
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            results.append(PdfResult(job, target, time.perf_counter() - started, len(data)))
    return results
