"""Browser tests: the shipped site, built once per session (tests/sites.py), served on 127.0.0.1, opened in
Debian's Chromium by Playwright. Every test here is marked `browser` and `site` (it needs a built site), so the
fast suite leaves them all out.

Playwright never downloads a browser here: it drives /usr/bin/chromium (Debian package `chromium`, installed by
`./setup.sh test`). Without that browser the tests are skipped on a developer's machine and fail under CI=true.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.outputs.pdf import serve_directory as serve

from ..sites import ROOT, SHIPPED_BUILD_DATE

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
BUILD_DATE = SHIPPED_BUILD_DATE
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of tests/browser `browser` and `site`."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.site)


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine; under CI a missing browser is a broken setup, so fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI=true: the browser tests must run; ./setup.sh test installs it)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def built_site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The shipped site, served for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def payload_site(sites) -> Path:
    """The site built from data with script and HTML payloads in its text fields (see tests/test_security.py)."""
    from ..test_security import PAYLOAD_SITE
    return sites.site(PAYLOAD_SITE)


@pytest.fixture(scope="session")
def payload_site_url(payload_site: Path) -> Iterator[str]:
    with serve(payload_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's package chromium (./setup.sh test does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is missing: pip install -e '.[test]' -c constraints.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                              timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
