"""The offline copy (macros/outputs/offline.py, written by the sotay plugin) and the promise that the site fetches nothing from
another host: link rewriting for file://, the zip's layout and determinism, and a static scan of the built site.
Browsing the unzipped copy in Chromium is tests/browser/test_offline_browser.py."""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from macros.outputs import offline, zipping

from .sites import ROOT, SHIPPED, SHIPPED_BUILD_DATE

BUILD_DATE = SHIPPED_BUILD_DATE
ZIP_NAME = "so-tay-tuyen-truyen-2024-05-01.zip"
TOP = "so-tay-tuyen-truyen-2024-05-01/"


@pytest.fixture(scope="module")
def built_site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def offline_zip(built_site: Path) -> zipfile.ZipFile:
    with zipfile.ZipFile(built_site / "tai-ve" / ZIP_NAME) as archive:
        yield archive


# ---------------------------------------------------------------------------------------------------------------
# Links for file://
# ---------------------------------------------------------------------------------------------------------------

FOLDERS = {"", "su-kien", "su-kien/ky-niem", "ke-hoach", "ke-hoach/171-kh-btgtu", "assets"}
PAGE = "ke-hoach/171-kh-btgtu/index.html"


@pytest.mark.parametrize("link, expected", [
    ("../../su-kien/", "../../su-kien/index.html"),
    ("../../su-kien", "../../su-kien/index.html"),  # a folder even without its slash
    ("../", "../index.html"),
    ("..", "../index.html"),
    (".", "index.html"),
    ("./", "index.html"),
    ("../../", "../../index.html"),
    ("../../su-kien/ky-niem/?h=dien%20bien#muc-1", "../../su-kien/ky-niem/index.html?h=dien%20bien#muc-1"),
    ("../../su-kien/ky-niem/#muc-1", "../../su-kien/ky-niem/index.html#muc-1"),
    ("/su-kien/", "../../su-kien/index.html"),  # root-absolute: made relative
    ("/", "../../index.html"),
    ("/assets/sotay.css", "../../assets/sotay.css"),
    ("../../assets/sotay.css", "../../assets/sotay.css"),
    ("171-kh-btgtu.pdf", "171-kh-btgtu.pdf"),
    ("#muc-1", "#muc-1"),
    ("?h=x", "?h=x"),
    ("https://example.org/", "https://example.org/"),
    ("//example.org/x/", "//example.org/x/"),
    ("mailto:a@b.vn", "mailto:a@b.vn"),
    ("../../../../ngoai-trang/", "../../../../ngoai-trang/"),  # above the site: left alone
])
def test_offline_link(link: str, expected: str) -> None:
    assert offline.offline_link(link, PAGE, FOLDERS.__contains__) == expected


def test_offline_link_at_the_root() -> None:
    assert offline.offline_link(".", "index.html", FOLDERS.__contains__) == "index.html"
    assert offline.offline_link("su-kien/", "index.html", FOLDERS.__contains__) == "su-kien/index.html"
    assert offline.offline_link("/", "404.html", FOLDERS.__contains__) == "index.html"


LINKS = ["../", "../../", "../../../", "../../su-kien/", "../../su-kien", "../x/", "../x", "x/", "x", "171-kh-btgtu.pdf",
         "../../assets/sotay.css", "../su-kien/?h=a&amp;b#m", "#m", "?h=x", "", ".", "./", "..", "../..", "/", "/su-kien/",
         "a/../b/", "../a/./b/", "&#46;&#46;/", "..//x", " ../x ", "../x y/", "mailto:a@b.vn", "x/..", "...", "..x/",
         "a..b/", "ky-niem/", "../ky-niem", "//example.org/"]
PAGES = ["index.html", "404.html", "su-kien/index.html", "su-kien/ky-niem/index.html", "ke-hoach/x.html", PAGE,
         "ke-hoach/171-kh-btgtu/a/index.html", "assets/index.html"]


def test_remembered_links_are_the_links_offline_link_gives() -> None:
    # One rewriter for all the pages, in two orders: what it remembers from one page must hold on every other.
    for pages in (PAGES, PAGES[::-1]):
        rewriter = offline.LinkRewriter(FOLDERS.__contains__)
        for _ in range(2):
            for page in pages:
                for link in LINKS:
                    assert rewriter.link(link, page) == offline.offline_link(link, page, FOLDERS.__contains__), \
                        (link, page)


def test_rewrite_touches_only_href_and_src_of_tags() -> None:
    html = ("<!doctype html><html><head>\n"
            '<link rel="stylesheet" href="../../assets/sotay.css">\n'
            '<script id="__config" type="application/json">{"base": "../.."}</script>\n'
            '<script>var a = \'<a href="../">\';</script>\n'
            "</head><body>\n"
            "<!-- <a href=\"../\"> -->\n"
            '<div data-sotay-base="../.." data-sotay-index="../../search/sotay-index.js"></div>\n'
            '<a href="../" class="x" title="a > b">lên</a> <a href=\'../../su-kien/\'>sự kiện</a> <a href=.>đây</a>\n'
            '<a class="md-button" HREF="../../">trang chủ</a>\n'
            "<p>href=\"../\" trong chữ</p>\n"
            '<script src="../../assets/sotay-search.js"></script>\n'
            "</body></html>")
    out = offline.rewrite_links(html, PAGE, FOLDERS.__contains__)
    assert '<a href="../index.html" class="x" title="a > b">' in out
    assert "<a href='../../su-kien/index.html'>" in out
    assert "<a href=index.html>" in out
    assert 'HREF="../../index.html"' in out
    # untouched: scripts' text, comments, data attributes, text
    assert 'var a = \'<a href="../">\';' in out
    assert '<!-- <a href="../"> -->' in out
    assert 'data-sotay-base="../.."' in out and 'data-sotay-index="../../search/sotay-index.js"' in out
    assert '<p>href="../" trong chữ</p>' in out
    assert '<script src="../../assets/sotay-search.js"></script>' in out
    assert '<link rel="stylesheet" href="../../assets/sotay.css">' in out


@pytest.mark.parametrize("html, expected", [
    # another attribute's value is text, even where it reads like a link, on a tag with or without a link
    ('<div title=" href=../">x</div>', '<div title=" href=../">x</div>'),
    ("<img alt=' src=..' src=\"../\">", "<img alt=' src=..' src=\"../index.html\">"),
    ('<a title="&lt;a href=../&gt;" href="../" data-x=" src=.">',
     '<a title="&lt;a href=../&gt;" href="../index.html" data-x=" src=.">'),
    ('<a title="x > y" href=../ class=a>', '<a title="x > y" href=../index.html class=a>'),
    # two links in one tag, spaces around "=", capitals, a tab or a new line before the name
    ('<a href="../" src=".">', '<a href="../index.html" src="index.html">'),
    ('<a href = "../">', '<a href = "../index.html">'),
    ('<A\tHREF="../">', '<A\tHREF="../index.html">'),
    ('<a\nhref="../">', '<a\nhref="../index.html">'),
    # not a link attribute: no space before the name, or a longer name
    ('<a data-href="../" xsrc="../">', '<a data-href="../" xsrc="../">'),
    # inside raw text or a comment: left alone; a raw-text element's own tag is rewritten
    ('<textarea><a href="../"></textarea>', '<textarea><a href="../"></textarea>'),
    ('<title>a <a href="../"></title>', '<title>a <a href="../"></title>'),
    ('<style>a{}</style><a href="../">', '<style>a{}</style><a href="../index.html">'),
    ('<script src="../"></script>', '<script src="../index.html"></script>'),
    ('<titlex href="../">', '<titlex href="../index.html">'),
    # left open: a comment or a script hides nothing after it; a tag left open is read as text
    ('<!-- <a href="../">', '<!-- <a href="../index.html">'),
    ('<script><a href="../">', '<script><a href="../index.html">'),
    ('<a href="../" <a href="../">', '<a href="../index.html" <a href="../index.html">'),
    ('a < b <a href="../">', 'a < b <a href="../index.html">'),
    ('<a href="../', '<a href="../'),
    ('', ''),
])
def test_rewrite_table(html: str, expected: str) -> None:
    assert offline.rewrite_links(html, PAGE, FOLDERS.__contains__) == expected


# ---------------------------------------------------------------------------------------------------------------
# The zip, on a small made-up site
# ---------------------------------------------------------------------------------------------------------------

def make_site(root: Path, order: list[str] | None = None) -> Path:
    files = {
        "index.html": '<html><head><title>Trang chủ</title></head><body><a href="su-kien/">Sự kiện</a>'
                      '<a href="tai-lieu/a/">A</a><a href="/">Về đầu</a></body></html>',
        "su-kien/index.html": '<html><head><title>Sự kiện - Sổ tay tuyên truyền</title></head>'
                              '<body><a href="../">lên</a><a href="x/">x</a></body></html>',
        "su-kien/x/index.html": '<title>X</title><a href="../../">Trang chủ</a><a href="..">Sự kiện</a>',
        "tai-lieu/b/index.html": "<title>Bê</title><p>b</p>",
        "tai-lieu/a/index.html": "<title>Ăn</title><p>a</p>",
        "assets/sotay.css": "body{}",
        "assets/x.png": "PNG",
        "tai-ve/old.zip": "not me",
    }
    for name in order or sorted(files):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8")
    return root


def test_zip_layout_links_and_folder_indexes(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    copy = offline.make_offline_zip(site, site / "tai-ve" / "copy.zip", date(2024, 5, 1), exclude=["tai-ve/*.zip"],
                                    transform=lambda path, text: text.replace("Trang chủ", "TRANG CHỦ"))
    assert copy.size == copy.path.stat().st_size and copy.files == 8
    with zipfile.ZipFile(copy.path) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert all(name.startswith(TOP) for name in names)
        assert f"{TOP}tai-ve/old.zip" not in names and f"{TOP}tai-ve/copy.zip" not in names  # never itself
        home = archive.read(f"{TOP}index.html").decode()
        assert 'href="su-kien/index.html"' in home and 'href="tai-lieu/a/index.html"' in home
        assert 'href="index.html"' in home and "TRANG CHỦ" in home
        event = archive.read(f"{TOP}su-kien/x/index.html").decode()
        assert 'href="../../index.html"' in event and 'href="../index.html"' in event
        # tai-lieu/ has pages but no index.html of its own: it gets a list of them, in Vietnamese order
        listing = archive.read(f"{TOP}tai-lieu/index.html").decode()
        assert listing.index('href="a/index.html">Ăn') < listing.index('href="b/index.html">Bê')
        assert 'href="../index.html"' in listing and 'lang="vi"' in listing
        assert f"{TOP}assets/index.html" not in names  # no pages there
        info = archive.getinfo(f"{TOP}index.html")
        assert info.date_time == (2024, 5, 1, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
        assert archive.getinfo(f"{TOP}assets/x.png").compress_type == zipfile.ZIP_STORED
        assert archive.testzip() is None
    assert not list((site / "tai-ve").glob("*.tmp")), "the temporary zip was left behind"


def test_zip_is_deterministic(tmp_path: Path) -> None:
    first = make_site(tmp_path / "a")
    names = ["tai-lieu/b/index.html", "assets/x.png", "index.html", "su-kien/x/index.html", "assets/sotay.css",
             "su-kien/index.html", "tai-lieu/a/index.html", "tai-ve/old.zip"]
    second = make_site(tmp_path / "b", order=names)  # written in another order, at other times
    os.utime(second / "index.html", (1_000_000_000, 1_000_000_000))
    os.chmod(second / "assets" / "sotay.css", 0o600)
    a = offline.make_offline_zip(first, tmp_path / "a.zip", date(2024, 5, 1))
    b = offline.make_offline_zip(second, tmp_path / "b.zip", date(2024, 5, 1))
    assert a.path.read_bytes() == b.path.read_bytes()
    c = offline.make_offline_zip(first, tmp_path / "c.zip", date(2024, 5, 2))
    assert c.path.read_bytes() != a.path.read_bytes()
    # The same bytes whatever the number of processes that prepared and compressed the files.
    for jobs in (2, 3, 8):
        d = offline.make_offline_zip(first, tmp_path / f"d{jobs}.zip", date(2024, 5, 1), jobs=jobs)
        assert d.path.read_bytes() == a.path.read_bytes()
        assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "a helper's file was left"


def fill(path: str, text: str) -> str:
    return text.replace("Trang chủ", "TRANG CHỦ")


def zip_of(site: Path, target: Path, early: offline.EarlyPages | None = None) -> bytes:
    return offline.make_offline_zip(site, target, date(2024, 5, 1), exclude=["tai-ve/*.zip"], transform=fill,
                                    jobs=2, early=early).path.read_bytes()


def test_pages_packed_early_make_the_same_zip(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    # Packed while the search index is still to come: its folder is named in advance.
    early = offline.pack_pages_early(site, exclude=["tai-ve/*.zip"], folders_to_come=["search"], transform=fill)
    assert sorted(early.members) == ["index.html", "su-kien/index.html", "su-kien/x/index.html",
                                     "tai-lieu/a/index.html", "tai-lieu/b/index.html"]
    (site / "search").mkdir()
    (site / "search" / "index.js").write_text("var x;", encoding="utf-8")
    assert zip_of(site, tmp_path / "early.zip", early) == zip_of(site, tmp_path / "plain.zip")
    none = offline.pack_pages_early(site, exclude=["tai-ve/*.zip"], transform=fill, until=lambda: True)
    assert none.members == {}


def test_a_page_packed_early_is_used_only_while_it_still_holds(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    early = offline.pack_pages_early(site, exclude=["tai-ve/*.zip"], folders_to_come=["search"], transform=fill)
    stamp, _ = early.members["tai-lieu/b/index.html"]
    marked = zipping.pack(b"<title>packed early</title>", True, 6)  # stored: readable in the zip
    early.members["tai-lieu/b/index.html"] = (stamp, marked)
    (site / "search").mkdir()
    (site / "search" / "index.js").write_text("var x;", encoding="utf-8")
    assert b"packed early" in zip_of(site, tmp_path / "used.zip", early)  # the folders came as expected
    # The site's folders are not those the links were judged against: nothing packed early is used.
    (site / "lich").mkdir()
    (site / "lich" / "a.ics").write_text("BEGIN:VCALENDAR", encoding="utf-8")
    assert zip_of(site, tmp_path / "folders.zip", early) == zip_of(site, tmp_path / "plain1.zip")
    # The page changed after it was packed.
    early = offline.pack_pages_early(site, exclude=["tai-ve/*.zip"], transform=fill)
    stamp, _ = early.members["tai-lieu/b/index.html"]
    early.members["tai-lieu/b/index.html"] = (stamp, marked)
    (site / "tai-lieu" / "b" / "index.html").write_text("<title>Bê</title><p>b, sửa</p>", encoding="utf-8")
    assert zip_of(site, tmp_path / "changed.zip", early) == zip_of(site, tmp_path / "plain2.zip")


REGIONS = {"link": "Tải bản ngoại tuyến (54,1 MB)", "download": "<p>Tệp x.zip, 54,1 MB</p>"}


@pytest.mark.parametrize("page, expected", [
    # the footer's region, after the page's text
    ("<p>Điện Biên Phủ</p><footer><!--sotay-offline:link-->Tải<!--/sotay-offline:link--></footer>\n",
     "<p>Điện Biên Phủ</p><footer><!--sotay-offline:link-->Tải bản ngoại tuyến (54,1 MB)<!--/sotay-offline:link-->"
     "</footer>\n"),
    # two regions, the first in the middle of the page; the text grows, then shrinks, as the regions are filled
    ("<!--sotay-offline:download--><p>một đoạn rất dài rất dài rất dài rất dài rất dài rất dài rất dài</p>"
     "<!--/sotay-offline:download--><p>ở giữa</p><!--sotay-offline:link--><!--/sotay-offline:link-->",
     "<!--sotay-offline:download--><p>Tệp x.zip, 54,1 MB</p><!--/sotay-offline:download--><p>ở giữa</p>"
     "<!--sotay-offline:link-->Tải bản ngoại tuyến (54,1 MB)<!--/sotay-offline:link-->"),
    # a region whose name is not given, and a page without a region: as they were
    ("<p>a</p><!--sotay-offline:other-->x<!--/sotay-offline:other-->", "<p>a</p><!--sotay-offline:other-->x"
     "<!--/sotay-offline:other-->"),
    ("<p>Không có vùng nào</p>", "<p>Không có vùng nào</p>"),
])
def test_fill_page_regions(tmp_path: Path, page: str, expected: str) -> None:
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    offline.fill_page_regions([path], REGIONS)
    assert path.read_text(encoding="utf-8") == expected == offline.fill_regions(page, REGIONS)
    offline.fill_page_regions([path], {"link": "", "download": ""})  # shorter again: nothing left of the longer text
    assert path.read_text(encoding="utf-8") == offline.fill_regions(page, {"link": "", "download": ""})


def test_names_and_sizes() -> None:
    assert offline.zip_name(date(2024, 5, 1)) == ZIP_NAME
    assert offline.format_size(2_441_492) == "2,4 MB"
    assert offline.format_size(12_345_678) == "12,3 MB"
    assert offline.format_size(10) == "0,1 MB"


# ---------------------------------------------------------------------------------------------------------------
# The built site and its zip
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.site
def test_site_links_to_its_offline_copy_with_size(built_site: Path, offline_zip: zipfile.ZipFile) -> None:
    info = json.loads((built_site / "tai-ve" / "ban-ngoai-tuyen.json").read_text(encoding="utf-8"))
    size = (built_site / "tai-ve" / ZIP_NAME).stat().st_size
    assert info["name"] == ZIP_NAME and info["size"] == size and info["build_date"] == BUILD_DATE
    shown = offline.format_size(size)
    assert re.fullmatch(r"\d+,\d MB", shown)
    for page in ["index.html", "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/index.html", "404.html"]:
        html = (built_site / page).read_text(encoding="utf-8")
        assert f"Tải bản ngoại tuyến ({shown})" in html, page
        assert "tai-ve/" in re.search(r'<a class="sotay-offline-link" href="([^"]+)"', html).group(1)
    download = (built_site / "tai-ve" / "index.html").read_text(encoding="utf-8")
    assert f'href="{ZIP_NAME}"' in download and shown in download and "dựng ngày 01/5/2024" in download


@pytest.mark.site
def test_zip_never_holds_itself_and_says_it_is_the_offline_copy(offline_zip: zipfile.ZipFile) -> None:
    names = offline_zip.namelist()
    assert all(name.startswith(TOP) for name in names)
    assert not [n for n in names if n.endswith(".zip")]
    assert f"{TOP}sitemap.xml.gz" not in names
    home = offline_zip.read(f"{TOP}index.html").decode()
    assert "Bản ngoại tuyến dựng ngày 01/5/2024" in home and "Tải bản ngoại tuyến (" not in home
    download = offline_zip.read(f"{TOP}tai-ve/index.html").decode()
    assert "Bạn đang xem bản ngoại tuyến" in download and ".zip\"" not in download


@pytest.mark.site
def test_every_link_in_the_zip_reaches_a_file(offline_zip: zipfile.ZipFile) -> None:
    names = {name.removeprefix(TOP) for name in offline_zip.namelist()}
    folders = {posixpath.dirname(n) for n in names}
    broken, to_folders = [], []
    for name in sorted(n for n in names if n.endswith(".html")):
        html = offline_zip.read(TOP + name).decode()
        for target in offline.internal_links(html, name):
            if target in folders or target == "":
                to_folders.append(f"{name} -> {target}")
            elif target not in names:
                broken.append(f"{name} -> {target}")
    assert to_folders == [], "links to folders (they show a file list from file://)"
    assert broken == [], "links to files missing from the offline copy"
    pages = {posixpath.dirname(n) for n in names if n.endswith(".html")}
    assert sorted(f for f in pages if f"{f}/index.html".lstrip("/") not in names) == [], "folders without index.html"


@pytest.mark.site
def test_zip_paths_suit_windows(offline_zip: zipfile.ZipFile) -> None:
    names = offline_zip.namelist()
    assert not [n for n in names if re.search(r'[<>:"\\|?*\x00-\x1f]', n)]
    lowered = [n.lower() for n in names]
    assert len(set(lowered)) == len(lowered), "names that differ only in case collide on Windows"
    # C:\Users\<name>\Downloads\so-tay-...\so-tay-...\ is about 90 characters; Windows stops at 260.
    assert max(len(n) for n in names) < 150


@pytest.mark.site
def test_same_site_same_zip(built_site: Path, tmp_path: Path) -> None:
    """A second build of the same project on the same date (a fresh one, not the shared build) makes the same
    zip, byte for byte."""
    again = SHIPPED.build(tmp_path)
    assert again.ok, again.log
    assert (again.site / "tai-ve" / ZIP_NAME).read_bytes() == (built_site / "tai-ve" / ZIP_NAME).read_bytes()


# ---------------------------------------------------------------------------------------------------------------
# Nothing from another host
# ---------------------------------------------------------------------------------------------------------------

# Elements and attributes that make a browser fetch something.
_FETCHING = re.compile(r"<(script|link|img|iframe|source|embed|object|audio|video|track|input|frame)\b"
                       r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.I | re.S)
_FETCH_ATTR = re.compile(r"\s(src|href|srcset|data|poster)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)
_CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')\s]+)""", re.I)
_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.I)


def external_fetches(text: str, kind: str) -> list[str]:
    found = []
    if kind == "html":
        for tag in _FETCHING.finditer(text):
            if tag.group(1).lower() == "link" and re.search(r"\srel\s*=\s*[\"']?(canonical|alternate)\b",
                                                               tag.group(2), re.I):
                continue  # not fetched
            for attr in _FETCH_ATTR.finditer(tag.group(2)):
                values = [v.strip().split()[0] for v in attr.group(2).strip("\"'").split(",") if v.strip()]
                found += [f"<{tag.group(1)} {attr.group(1)}={v}>" for v in values if _EXTERNAL.match(v)]
        for style in re.findall(r"<style\b[^>]*>(.*?)</style>|\sstyle\s*=\s*\"([^\"]*)\"", text, re.S | re.I):
            found += external_fetches(" ".join(style), "css")
    else:
        for match in _CSS_URL.finditer(text):
            url = match.group(1) or match.group(2)
            if _EXTERNAL.match(url):
                found.append(f"url({url})")
    return found


def test_scanner_finds_what_it_must() -> None:
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//unpkg.com/x.js"></script>'
            '<img src="../a.png" srcset="a.png 1x, https://x.example/b.png 2x">'
            '<iframe src="https://x.example/"></iframe>'
            '<link rel="canonical" href="https://sotay.example/"><a href="https://example.org/">đọc thêm</a>'
            '<style>@import url("https://fonts.example/css");</style><div style="background:url(http://x/y.png)">')
    assert len(external_fetches(page, "html")) == 6
    assert external_fetches('@font-face{src:url(fonts/a.ttf)} @import "https://x/y.css";', "css") == \
        ["url(https://x/y.css)"]


@pytest.mark.site
def test_built_site_fetches_nothing_from_another_host(built_site: Path, offline_zip: zipfile.ZipFile) -> None:
    found = []
    for path in sorted(built_site.rglob("*")):
        kind = {".html": "html", ".css": "css"}.get(path.suffix)
        if kind:
            found += [f"{path.relative_to(built_site)}: {f}" for f in external_fetches(path.read_text("utf-8"), kind)]
    for name in offline_zip.namelist():
        kind = {".html": "html", ".css": "css"}.get(posixpath.splitext(name)[1])
        if kind:
            found += [f"zip {name}: {f}" for f in external_fetches(offline_zip.read(name).decode(), kind)]
    assert found == []


# Material's bundle fetches from the internet in three cases, none of which may happen here: a ResizeObserver
# polyfill in browsers without ResizeObserver (none of those Material supports: Chrome/Edge 79+, Firefox 69+,
# Safari 13.1+), Mermaid for a page with a diagram, and the GitHub or GitLab API for the repository widget.
MATERIAL_FETCHES = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid",
                    "https://api.github.com/repos/", "https://api.github.com/users/"}
_URL = re.compile(r"""https?://[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*""", re.I)


@pytest.mark.site
def test_scripts_fetch_nothing_from_another_host(built_site: Path) -> None:
    found = []
    for path in sorted(built_site.rglob("*.js")):
        text = path.read_text("utf-8")
        for url in _URL.findall(text):
            if path.parent.name == "javascripts" and path.name.startswith("bundle.") and \
                    any(url.startswith(known) for known in MATERIAL_FETCHES):
                continue
            if url.startswith(("http://www.w3.org/", "https://clipboardjs.com/")):  # namespaces, comments
                continue
            found.append(f"{path.relative_to(built_site)}: {url}")
    assert found == []
    for page in built_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r'class="[^"]*\bmermaid\b', html), f"{page}: a Mermaid diagram loads Mermaid from unpkg"
        assert 'data-md-component="source"' not in html, f"{page}: the repository widget calls the GitHub API"


# Third-party files in the built site, and how huong-dan/giay-phep.md names them. A new asset fails here until it
# is listed there with its licence.
THIRD_PARTY = {
    "assets/stylesheets/*": "Material for MkDocs",
    "assets/javascripts/*": "Material for MkDocs",
    "assets/images/favicon.png": "Material for MkDocs",
    "assets/fonts/*": "Liberation Serif",
}
OURS = ["assets/sotay*.css", "assets/sotay*.js", "search/sotay-index.js", "search/sotay-index/*", "tai-ve/*", "*.html", "sitemap.xml*",
        "huong-dan/nginx-sotay.conf", "*.pdf", "*.ics"]


@pytest.mark.site
def test_every_third_party_asset_is_listed_with_its_licence(built_site: Path) -> None:
    licences = (ROOT / "docs" / "huong-dan" / "giay-phep.md").read_text(encoding="utf-8")
    unlisted = []
    for path in sorted(p for p in built_site.rglob("*") if p.is_file()):
        relative = path.relative_to(built_site).as_posix()
        if any(fnmatch.fnmatchcase(relative, pattern) for pattern in OURS):
            continue
        names = [name for pattern, name in THIRD_PARTY.items() if fnmatch.fnmatchcase(relative, pattern)]
        if not names or names[0] not in licences:
            unlisted.append(relative)
    assert unlisted == [], "third-party files not listed in docs/huong-dan/giay-phep.md (add them, with licence)"
    for licence in ("MIT", "Apache 2.0", "SIL Open Font License"):
        assert licence in licences
    assert not (built_site / "assets" / "javascripts" / "lunr").exists(), "unused lunr files are shipped"
