"""The ready nginx configuration of the docs (docs/huong-dan/nginx-sotay.conf), run for real: Debian's nginx
(installed by ./setup.sh test) started on 127.0.0.1 with that file, over a folder published by `sotay publish`'s
machinery (a copy of the session's shipped build).
Every kind of page comes back 200 with the right type, compressed when the browser accepts gzip, with cache
headers suited to a site rebuilt daily; switching the published version needs no reload.

Without nginx the tests are skipped on a developer's machine and fail under CI=true."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.outputs import publish

from .sites import ROOT

pytestmark = pytest.mark.site

CONFIG = ROOT / "docs" / "huong-dan" / "nginx-sotay.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)
    if found is None or not MIME_TYPES.exists():
        reason = "nginx is missing: install Debian's package nginx (./setup.sh test does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI=true: the nginx tests must run)", pytrace=False)
        pytest.skip(reason)
    return found


def site_config(root: Path, port: int) -> str:
    """The docs' configuration, listening on 127.0.0.1:<port> and serving `root`: only those two lines change."""
    text = CONFIG.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\g<1>listen 127.0.0.1:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", lambda m: f"{m.group(1)}root {root};", text, flags=re.M)
    assert (listens, roots) == (1, 1), "nginx-sotay.conf must have one listen and one root line"
    return text


def main_config(work: Path, site: Path) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private temporary folders
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"daemon off;\n{user}worker_processes 1;\npid {work / 'nginx.pid'};\n"
            f"error_log {work / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
            f"http {{\n  access_log off;\n  {temp}\n  include {site};\n}}\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_nginx(root: Path, work: Path) -> Iterator[int]:
    """nginx in the foreground on 127.0.0.1:<free port> serving `root`; yields the port; stopped on leaving."""
    binary = nginx_binary()
    work.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):
        port = _free_port()
        (work / "sotay.conf").write_text(site_config(root, port), encoding="utf-8")
        (work / "nginx.conf").write_text(main_config(work, work / "sotay.conf"), encoding="utf-8")
        command = [binary, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
        assert "[warn]" not in checked.stderr, checked.stderr
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        if process.poll() is None:
            break
        message = process.stderr.read() + (work / "error.log").read_text(errors="replace")
        if "Address already in use" not in message or attempt == 2:
            pytest.fail(f"nginx did not start: {message}")
    try:
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stderr.close()


def fetch(port: int, path: str, gzip_ok: bool = False, headers: dict[str, str] | None = None
          ) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body as sent on the wire)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        sent = {"Accept-Encoding": "gzip" if gzip_ok else "identity", **(headers or {})}
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def published(shipped_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site published with `sotay publish`'s machinery into <tmp>/www/sotay (the build: a copy of the
    session's shared build); plus a calendar and a PDF file when the build made none (PDFs need SOTAY_PDF=1)."""
    nginx_binary()
    www = tmp_path_factory.mktemp("www")
    dest = www / "sotay"

    def build_into(target: Path) -> bool:
        shutil.copytree(shipped_site, target, dirs_exist_ok=True)
        return True

    publish.publish(dest, build_into)
    version = publish.current_version(dest)
    if not list(version.rglob("*.ics")):
        (version / "tai-ve" / "lich.ics").write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sotay//VI\r\n"
                                                     "END:VCALENDAR\r\n", encoding="utf-8")
    if not list(version.rglob("*.pdf")):
        (version / "tai-ve" / "thu.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 2000 + b"\n%%EOF\n")
    return dest


@pytest.fixture(scope="module")
def port(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with running_nginx(published, tmp_path_factory.mktemp("nginx")) as port:
        yield port


def page_paths(site: Path) -> list[str]:
    """One page of every kind: home, every index, one entity page of every section, the guide, the download page."""
    paths = ["/", "/ky-niem-sap-toi/", "/tai-ve/", "/huong-dan/xuat-ban/"]
    for section in ("su-kien", "ke-hoach", "van-ban", "don-vi", "de-cuong", "dong-thoi-gian", "tai-lieu-chi-bo"):
        if (site / section / "index.html").exists():
            paths.append(f"/{section}/")
        first = next(iter(sorted(p.parent.name for p in (site / section).glob("*/index.html"))), None)
        assert first, f"no page in {section}/"
        paths.append(f"/{section}/{first}/")
    return paths


def test_every_kind_of_page(port: int, published: Path) -> None:
    for path in page_paths(published):
        status, headers, body = fetch(port, path)
        assert status == 200, path
        assert headers["content-type"] == "text/html; charset=utf-8", path
        assert headers["cache-control"] == "no-cache", path
        assert "content-encoding" not in headers, path
        assert body == (published / path.strip("/") / "index.html").read_bytes(), path

        status, headers, zipped = fetch(port, path, gzip_ok=True)
        assert status == 200 and headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        assert gzip.decompress(zipped) == body and len(zipped) < len(body) / 2, path


def test_pages_are_revalidated_not_downloaded_again(port: int) -> None:
    status, headers, _ = fetch(port, "/su-kien/")
    assert "etag" in headers and "last-modified" in headers
    status, _, body = fetch(port, "/su-kien/", headers={"If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


@pytest.mark.parametrize("kind, types, compressed, cache", [
    ("css", ("text/css; charset=utf-8",), True, "public, max-age=600"),
    ("sotay-js", ("application/javascript; charset=utf-8", "text/javascript; charset=utf-8"), True,
     "public, max-age=600"),
    ("bundle", ("application/javascript; charset=utf-8", "text/javascript; charset=utf-8"), True,
     "public, max-age=31536000, immutable"),
    ("search-index", ("application/javascript; charset=utf-8", "text/javascript; charset=utf-8"), True, "no-cache"),
    ("json", ("application/json; charset=utf-8",), None, "no-cache"),  # under gzip_min_length
    ("zip", ("application/zip",), False, "no-cache"),
    ("pdf", ("application/pdf",), False, "no-cache"),
    ("ics", ("text/calendar; charset=utf-8",), None, "no-cache"),
    ("font", ("font/ttf", "application/octet-stream", "application/x-font-ttf"), False, "public, max-age=600"),
])
def test_types_compression_and_cache(port: int, published: Path, kind: str, types: tuple[str, ...],
                                     compressed: bool | None, cache: str) -> None:
    pattern = {"css": "assets/sotay.css", "sotay-js": "assets/sotay-search.js",
               "bundle": "assets/javascripts/bundle.*.min.js", "search-index": "search/*.js",
               "json": "tai-ve/*.json", "zip": "tai-ve/*.zip", "pdf": "**/*.pdf", "ics": "**/*.ics",
               "font": "assets/fonts/*.ttf"}[kind]
    files = sorted(published.glob(pattern))
    assert files, f"no {pattern} in the published site"
    path = "/" + files[0].relative_to(published).as_posix()
    status, headers, body = fetch(port, path, gzip_ok=True)
    assert status == 200, path
    assert headers["content-type"] in types, (path, headers["content-type"])
    assert headers["cache-control"] == cache, path
    if compressed is not None:
        assert (headers.get("content-encoding") == "gzip") is compressed, path
    raw = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
    assert raw == files[0].read_bytes(), path


def test_folders_missing_pages_and_headers(port: int) -> None:
    status, headers, _ = fetch(port, "/su-kien")
    assert status == 301 and headers["location"] == "/su-kien/"  # relative: right behind a proxy too
    status, headers, body = fetch(port, "/khong-co-trang-nay/")
    assert status == 404 and b"404" in body and headers["content-type"].startswith("text/html")
    _, headers, _ = fetch(port, "/")
    assert headers["server"] == "nginx" and headers["x-content-type-options"] == "nosniff"


def test_a_new_version_is_served_without_reloading_nginx(port: int, published: Path) -> None:
    old = publish.current_version(published)
    new = old.with_name(old.name + "-2")
    shutil.copytree(old, new)
    (new / "index.html").write_text("<!doctype html><title>Bản mới</title>", encoding="utf-8")
    try:
        publish.point(published, new)
        assert fetch(port, "/")[2] == "<!doctype html><title>Bản mới</title>".encode()
        publish.point(published, old)
        assert fetch(port, "/")[2] == (old / "index.html").read_bytes()
    finally:
        publish.point(published, old)
        shutil.rmtree(new)
