"""Where a reader is: the breadcrumb and the highlighted tab of every kind of page, the pages kept out of the
navigation (an event, a plan, a cited document, a unit, an outline, a print pack, a timeline year) included, with
the section shown in the sidebar; and the order of the index lists (events and outlines newest first, documents by
the hierarchy of their issuers). Read from the shipped site; the breadcrumb's groups also without a build."""

from __future__ import annotations

import posixpath
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from macros.views import breadcrumbs
from macros.views.site import make_site

from .sites import SHIPPED_BUILD_DATE, article, page, text_of

DBP_EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"
DBP_TITLE = "Kỷ niệm 70 năm Ngày Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2024)"


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


def trail(html: str) -> list[tuple[str, str | None]]:
    """The breadcrumb as [(text, href or None)], the current page last."""
    found = re.findall(r'<nav class="md-path sotay-path" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert len(found) == 1, "one breadcrumb"
    label, inner = found[0]
    assert label == "Vị trí trang"
    steps = []
    for item in re.findall(r'<li class="md-path__item[^"]*"[^>]*>(.*?)</li>', inner, re.S):
        href = re.search(r'<a href="([^"]*)"', item)
        steps.append((text_of(item), unescape(href.group(1)) if href else None))
    return steps


def current(html: str) -> str:
    return text_of(re.search(r'<li class="md-path__item sotay-path__here" aria-current="page">(.*?)</li>', html,
                             re.S).group(1))


def active_tabs(html: str) -> list[str]:
    return [text_of(t) for t in re.findall(r'<li class="md-tabs__item md-tabs__item--active">(.*?)</li>', html, re.S)]


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


# (url of the page, its breadcrumb without the page itself: (text, href), the highlighted tab)
DETAIL_PAGES = [
    (f"su-kien/{DBP_EVENT}", [("Sự kiện", "../"), ("Năm 2024", "../#năm-2024")], "Sự kiện"),
    ("ke-hoach/171-kh-btgtu", [("Kế hoạch", "../"), ("Ban Tuyên giáo Tỉnh ủy", "../#ban-tuyen-giao-tinh-uy")],
     "Kế hoạch"),
    ("van-ban/18-nq-tw", [("Kế hoạch", "../../ke-hoach/"), ("Văn bản", "../"),
                          ("Ban Chấp hành Trung ương Đảng", "../#ban-chap-hanh-trung-uong")], "Kế hoạch"),
    ("don-vi/so-noi-vu", [("Đơn vị", "../"), ("Cấp tỉnh", "../#cấp-tỉnh")], "Đơn vị"),
    ("de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu",
     [("Đề cương", "../"), (DBP_TITLE, f"../#{DBP_EVENT}")],
     "Đề cương"),
    (f"tai-lieu-chi-bo/{DBP_EVENT}", [("Đề cương", "../../de-cuong/"), ("Tài liệu sinh hoạt chi bộ", "../")],
     "Đề cương"),
    ("dong-thoi-gian/2024", [("Dòng thời gian", "../")], "Dòng thời gian"),
]


@pytest.mark.site
@pytest.mark.parametrize("url, steps, tab", DETAIL_PAGES, ids=[p[0].split("/")[0] for p in DETAIL_PAGES])
def test_detail_page_has_breadcrumb_and_active_tab(site: Path, url: str, steps: list, tab: str) -> None:
    html = page(site, url)
    found = trail(html)
    assert found[:-1] == steps
    title = text_of(re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).rstrip("¶ ")
    assert found[-1] == (current(html), None) and current(html) == title
    assert active_tabs(html) == [tab]
    # Every link of the breadcrumb leads to a page of the site, and to a heading that is there.
    for _, href in steps:
        target, _, anchor = href.partition("#")
        target_page = posixpath.normpath(posixpath.join(url, target))
        assert (site / target_page / "index.html").is_file(), href
        if anchor:
            assert anchor in ids(article(site, target_page)), href


@pytest.mark.site
@pytest.mark.parametrize("url, steps, tab", DETAIL_PAGES, ids=[p[0].split("/")[0] for p in DETAIL_PAGES])
def test_detail_page_sidebar_shows_its_section(site: Path, url: str, steps: list, tab: str) -> None:
    """With tabs, Material's sidebar shows only the active section: a page outside the navigation has one."""
    html = page(site, url)
    sidebar = html[html.index('data-md-type="navigation"'):html.index('data-md-type="toc"')]
    active = re.findall(r'<li class="md-nav__item md-nav__item--active[^"]*">(.*?)</a>', sidebar, re.S)
    assert [text_of(a) for a in active][:1] == [tab]
    assert "md-nav__link--active" not in sidebar  # the page itself is not in the navigation


@pytest.mark.site
@pytest.mark.parametrize("url, steps", [
    ("ky-niem-sap-toi", [("Sự kiện", "../su-kien/")]),
    ("van-ban", [("Kế hoạch", "../ke-hoach/")]),
    ("huong-dan/thoi-han", [("Hướng dẫn", "../")]),
])
def test_page_of_the_navigation_has_the_breadcrumb_of_its_sections(site: Path, url: str, steps: list) -> None:
    assert trail(page(site, url))[:-1] == steps


@pytest.mark.site
@pytest.mark.parametrize("url", ["", "su-kien", "don-vi", "dong-thoi-gian"])
def test_home_and_top_level_pages_have_no_breadcrumb(site: Path, url: str) -> None:
    assert 'class="md-path' not in page(site, url)


@pytest.mark.site
def test_no_tab_stays_active_on_a_later_page(site: Path) -> None:
    """A section marked active for a page outside the navigation is cleared after it: the guide's pages, written
    after the records' pages, highlight their own tab only."""
    assert active_tabs(page(site, "huong-dan/thoi-han")) == ["Hướng dẫn"]
    assert active_tabs(page(site, "")) == ["Trang chủ"]


# ---- the order of the index lists ----

def event_links(html: str) -> list[str]:
    return re.findall(r'<td><a href="([a-z0-9-]+)/">', html)


@pytest.mark.site
def test_events_index_lists_newest_first(site: Path, dataset) -> None:
    v = make_site(dataset, date.fromisoformat(SHIPPED_BUILD_DATE))
    order = event_links(article(site, "su-kien"))
    assert sorted(order) == sorted(dataset.events)
    days = [v.events.when(dataset.events[e]).sort_key()[1:3] for e in order
            if v.events.when(dataset.events[e]).sort_key()[0] == 0]
    assert days == sorted(days, reverse=True) and len(days) >= 8
    assert order[:4] == ["dai-hoi-thi-dua-yeu-nuoc-tinh-lan-thu-vi", "ky-niem-75-nam-thanh-lap-dang-bo-tinh",
                         "ky-niem-115-nam-thanh-lap-tinh", DBP_EVENT]


@pytest.mark.site
def test_outlines_index_lists_events_newest_first(site: Path) -> None:
    html = article(site, "de-cuong")
    events = re.findall(r'<a href="\.\./su-kien/([a-z0-9-]+)/">Xem trang sự kiện</a>', html)
    assert events == ["ky-niem-75-nam-thanh-lap-dang-bo-tinh", "ky-niem-115-nam-thanh-lap-tinh", DBP_EVENT,
                      "ky-niem-20-nam-chia-tach-thanh-lap-tinh",
                      "ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho", "so-ket-giua-nhiem-ky-2020-2025"]


@pytest.mark.site
def test_documents_index_lists_issuers_by_the_hierarchy(site: Path, dataset) -> None:
    html = article(site, "van-ban")
    issuers = re.findall(r'<h2 id="[^"]*"><a href="\.\./don-vi/([a-z0-9-]+)/">', html)
    levels = [dataset.organisations[i].level for i in issuers]
    order = ["trung-uong", "tinh", "huyen", "xa", "co-so"]
    assert levels == sorted(levels, key=order.index) and levels[0] == "trung-uong" and "tinh" in levels
    names = [text_of(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    assert names[:5] == ["Ban Chấp hành Trung ương Đảng ¶", "Ban Tuyên giáo Trung ương ¶", "Bộ Chính trị ¶",
                         "Bộ Công Thương ¶", "Chính phủ ¶"]
    # The province: Tỉnh ủy before the bodies under it, the Party before the State.
    assert names.index("Tỉnh ủy ¶") < names.index("Ban Tuyên giáo Tỉnh ủy ¶") < names.index("UBND tỉnh ¶")


# ---- the breadcrumb's groups, without a build ----

@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


@pytest.mark.parametrize("path, expected", [
    (f"su-kien/{DBP_EVENT}.md", [("Năm 2024", "su-kien/index.md", "năm-2024")]),
    ("su-kien/dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv.md", [("Chưa rõ năm", "su-kien/index.md", "chưa-rõ-năm")]),
    ("ke-hoach/171-kh-btgtu.md", [("Ban Tuyên giáo Tỉnh ủy", "ke-hoach/index.md", "ban-tuyen-giao-tinh-uy")]),
    ("van-ban/18-nq-tw.md", [("Ban Chấp hành Trung ương Đảng", "van-ban/index.md", "ban-chap-hanh-trung-uong")]),
    ("don-vi/so-noi-vu.md", [("Cấp tỉnh", "don-vi/index.md", "cấp-tỉnh")]),
    ("de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu.md", [(DBP_TITLE, "de-cuong/index.md", DBP_EVENT)]),
    (f"tai-lieu-chi-bo/{DBP_EVENT}.md", []),
    ("dong-thoi-gian/2024.md", []),
    ("su-kien/index.md", []),
    ("su-kien/khong-co.md", []),
    ("huong-dan/thoi-han.md", []),
])
def test_breadcrumb_group_of_a_generated_page(dataset, path: str, expected: list) -> None:
    site = make_site(dataset, date.fromisoformat(SHIPPED_BUILD_DATE))
    assert [(c.title, c.target, c.anchor) for c in breadcrumbs.trail(site, path)] == expected


@pytest.mark.site
def test_download_page_says_the_zip_is_the_copy_to_open_from_disk(site: Path) -> None:
    """The built folder's links end in "/" (a web server turns them into pages); from file:// only the zip's do."""
    text = text_of(article(site, "tai-ve"))
    assert "Để đọc trên máy không có mạng, hãy dùng bản ngoại tuyến này." in text
    assert "chỉ dùng được qua máy chủ web" in text
