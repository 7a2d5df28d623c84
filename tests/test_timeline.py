"""The year timeline: the day → x arithmetic, clipping of focus windows and phases to the year, what is listed
instead of drawn, and the year pages of the shipped site (inline SVG, list with links, year navigation)."""

from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest

from macros.views import timeline
from macros.core.dates import parse_fuzzy
from macros.core.diagnostics import Pos
from macros.core.fields import UNKNOWN, Ref
from macros.core.model import Dataset, Event, Focus, Milestone, Organisation, Phase, Plan
from macros.views.paths import page_url, relative_url
from macros.views.safe_html import sanitise_html
from macros.views.timeline import PLOT_LEFT, PLOT_RIGHT, PLOT_WIDTH, day_end_x, day_mid_x, day_x
from macros.views.site import Site, make_site

from .sites import SiteConfig, article, copy_project, text_of


# ---- a small data set ----

def ref(target: str, entity_id: str) -> Ref:
    return Ref(target, entity_id, Pos(""))


def milestone(milestone_id: str, day: date) -> Milestone:
    return Milestone(id=milestone_id, title=milestone_id.replace("-", " ").capitalize(), date=day, source=[])


def anniversary(event_id: str, milestone_id: str, year: int, focus: tuple[str, str] | None = None) -> Event:
    return Event(id=event_id, kind="anniversary", name=event_id, milestones=[ref("milestone", milestone_id)],
                 year=year, focus=Focus(parse_fuzzy(focus[0]), parse_fuzzy(focus[1])) if focus else None,
                 source=[])


def build_views(today: date = date(2024, 5, 1), plans: list[Plan] = ()) -> Site:
    data = Dataset()
    data.organisations["btgtu"] = Organisation(id="btgtu", name="Ban Tuyên giáo Tỉnh ủy", level="tinh",
                                               sector="dang", source=[])
    for m in (milestone("chia-tach", date(2004, 1, 1)), milestone("dien-bien-phu", date(1954, 5, 7))):
        data.milestones[m.id] = m
    events = [
        anniversary("20-nam", "chia-tach", 2024, ("01/12/2023", "10/01/2024")),
        anniversary("70-nam-dbp", "dien-bien-phu", 2024),
        Event(id="dai-hoi-thi-dua", kind="other", name="Đại hội Thi đua yêu nước", year=2025, date=UNKNOWN,
              source=[]),
        Event(id="dai-hoi-chua-ro", kind="congress", name="Đại hội chưa rõ năm", year=UNKNOWN, date=UNKNOWN,
              source=[]),
        Event(id="so-ket", kind="review", name="Sơ kết giữa nhiệm kỳ", year=2023, date=UNKNOWN,
              focus=Focus(parse_fuzzy("Tháng 6/2023"), parse_fuzzy("Tháng 8/2023")), source=[]),
    ]
    for event in events:
        data.events[event.id] = event
    for plan in plans:
        data.plans[plan.id] = plan
        data.documents[plan.id] = plan
    return make_site(data, today)


def plan_with_phases(plan_date, *phases: Phase) -> Plan:
    return Plan(id="kh-thu", number="99-KH/BTGTU", kind="KH", issuer=[ref("organisation", "btgtu")], date=plan_date,
                title="Kế hoạch thử", source=[], phases=list(phases))


@pytest.fixture
def views() -> Site:
    return build_views()


# ---- day → x ----

@pytest.mark.parametrize(("year", "day", "expected"), [
    (2023, date(2023, 1, 1), PLOT_LEFT),
    (2024, date(2024, 1, 1), PLOT_LEFT),
    (2023, date(2023, 12, 31), PLOT_RIGHT - PLOT_WIDTH / 365),
    (2024, date(2024, 12, 31), PLOT_RIGHT - PLOT_WIDTH / 366),
    (2024, date(2024, 2, 29), PLOT_LEFT + 59 * PLOT_WIDTH / 366),  # the leap day: 31 + 28 days before it
    (2024, date(2024, 3, 1), PLOT_LEFT + 60 * PLOT_WIDTH / 366),
    (2023, date(2023, 3, 1), PLOT_LEFT + 59 * PLOT_WIDTH / 365),
    (2024, date(2024, 7, 2), PLOT_LEFT + 183 * PLOT_WIDTH / 366),  # 2/7 is the middle of a leap year
])
def test_day_x_is_proportional_to_the_day_of_the_year(year: int, day: date, expected: float) -> None:
    assert day_x(year, day) == pytest.approx(expected)


@pytest.mark.parametrize("year", [2023, 2024])
def test_the_last_day_ends_at_the_right_edge(year: int) -> None:
    assert day_end_x(year, date(year, 12, 31)) == pytest.approx(PLOT_RIGHT)
    assert day_mid_x(year, date(year, 1, 1)) == pytest.approx(PLOT_LEFT + PLOT_WIDTH / timeline.days_in_year(year) / 2)


@pytest.mark.parametrize(("year", "widths"), [
    (2023, {1: 31, 2: 28, 3: 31, 12: 31}),
    (2024, {1: 31, 2: 29, 4: 30, 12: 31}),
])
def test_month_columns_follow_the_calendar(year: int, widths: dict[int, int]) -> None:
    months = timeline.months_of(year)
    assert [m.label for m in months] == [f"Th {n}" for n in range(1, 13)]
    assert months[0].x == PLOT_LEFT
    assert months[-1].x + months[-1].width == pytest.approx(PLOT_RIGHT, abs=0.02)
    for number, days in widths.items():
        assert months[number - 1].width == pytest.approx(days * PLOT_WIDTH / timeline.days_in_year(year), abs=0.01)


# ---- clipping ----

@pytest.mark.parametrize(("year", "first", "last", "shown", "before", "after"), [
    (2023, date(2023, 12, 1), date(2024, 1, 10), (date(2023, 12, 1), date(2023, 12, 31)), False, True),
    (2024, date(2023, 12, 1), date(2024, 1, 10), (date(2024, 1, 1), date(2024, 1, 10)), True, False),
    (2024, date(2024, 4, 17), date(2024, 5, 12), (date(2024, 4, 17), date(2024, 5, 12)), False, False),
    (2024, date(2023, 1, 1), date(2025, 12, 31), (date(2024, 1, 1), date(2024, 12, 31)), True, True),
])
def test_clip_keeps_the_part_in_the_year_and_flags_the_rest(year, first, last, shown, before, after) -> None:
    span = timeline.clip(year, first, last)
    assert (span.first, span.last) == shown
    assert (span.continues_before, span.continues_after) == (before, after)
    assert span.x == pytest.approx(day_x(year, shown[0]), abs=0.01)
    assert span.end_x == pytest.approx(day_end_x(year, shown[1]), abs=0.02)


@pytest.mark.parametrize(("year", "first", "last"), [
    (2025, date(2023, 12, 1), date(2024, 1, 10)),
    (2022, date(2023, 12, 1), date(2024, 1, 10)),
])
def test_clip_of_a_period_outside_the_year_is_none(year, first, last) -> None:
    assert timeline.clip(year, first, last) is None


def test_20th_anniversary_focus_window_in_the_2023_chart(views: Site) -> None:
    chart = timeline.layout_year(views, 2023)
    row = next(r for r in chart.rows if r.event.id == "20-nam")
    assert row.marker_x is None  # 01/01/2024 is not in 2023
    assert row.other_year == 2024
    assert (row.focus.first, row.focus.last) == (date(2023, 12, 1), date(2023, 12, 31))
    assert row.focus.continues_after and not row.focus.continues_before
    assert row.focus.x == pytest.approx(day_x(2023, date(2023, 12, 1)), abs=0.01)
    assert row.focus.end_x == pytest.approx(PLOT_RIGHT, abs=0.02)


def test_20th_anniversary_focus_window_in_the_2024_chart(views: Site) -> None:
    chart = timeline.layout_year(views, 2024)
    row = next(r for r in chart.rows if r.event.id == "20-nam")
    assert row.marker_x == pytest.approx(day_mid_x(2024, date(2024, 1, 1)), abs=0.01)
    assert (row.focus.first, row.focus.last) == (date(2024, 1, 1), date(2024, 1, 10))
    assert row.focus.continues_before and not row.focus.continues_after
    assert row.focus.x == PLOT_LEFT
    assert row.focus.width == pytest.approx(10 * PLOT_WIDTH / 366, abs=0.01)
    assert row.other_year is None


def test_default_focus_window_is_20_days_before_and_5_after(views: Site) -> None:
    row = next(r for r in timeline.layout_year(views, 2024).rows if r.event.id == "70-nam-dbp")
    assert (row.focus.first, row.focus.last) == (date(2024, 4, 17), date(2024, 5, 12))
    assert row.marker_x == pytest.approx(day_mid_x(2024, date(2024, 5, 7)), abs=0.01)


@pytest.mark.parametrize(("year", "rows"), [
    (2023, ["so-ket", "20-nam"]),  # the window of a 2024 event opens in 2023
    (2024, ["20-nam", "70-nam-dbp"]),
    (2025, []),
])
def test_one_row_per_event_on_the_calendar_of_the_year(views: Site, year: int, rows: list[str]) -> None:
    assert [r.event.id for r in timeline.layout_year(views, year).rows] == rows


def test_an_event_with_a_window_but_no_day_gets_a_bar_and_no_marker(views: Site) -> None:
    row = timeline.layout_year(views, 2023).rows[0]
    assert row.event.id == "so-ket" and row.day is None and row.marker_x is None
    assert (row.focus.first, row.focus.last) == (date(2023, 6, 1), date(2023, 8, 31))


def test_events_with_unknown_day_are_listed_not_drawn(views: Site) -> None:
    chart = timeline.layout_year(views, 2025)
    assert [e.id for e in chart.undated_events] == ["dai-hoi-thi-dua"]
    assert chart.rows == [] and not chart.drawn and not chart.empty
    assert all(e.id != "dai-hoi-chua-ro" for y in (2023, 2024, 2025)
               for e in timeline.layout_year(views, y).undated_events)


# ---- today, neighbours, labels ----

@pytest.mark.parametrize(("today", "year", "drawn"), [
    (date(2024, 5, 1), 2024, True),
    (date(2024, 5, 1), 2023, False),
    (date(2025, 3, 1), 2025, False),  # nothing on the 2025 calendar, so no line either
])
def test_today_line_only_in_its_year(today: date, year: int, drawn: bool) -> None:
    chart = timeline.layout_year(build_views(today), year)
    assert (chart.today is not None) == drawn
    if drawn:
        assert chart.today.x == pytest.approx(day_mid_x(year, today), abs=0.01)
        assert any(item.kind == "today" and "01/5/2024" in item.text for item in chart.legend)


@pytest.mark.parametrize(("year", "prev", "next_"), [(2023, None, 2024), (2024, 2023, 2025), (2025, 2024, None)])
def test_neighbouring_years_are_those_with_pages(views: Site, year: int, prev, next_) -> None:
    chart = timeline.layout_year(views, year)
    assert (chart.prev_year, chart.next_year) == (prev, next_)


def test_long_titles_are_shortened_with_an_ellipsis() -> None:
    title = "Kỷ niệm 70 năm ngày giải phóng thị trấn Lai Châu gắn với 70 năm ngày Bác Hồ gửi thư " * 2
    short = timeline.shorten(title)
    assert short.endswith("…") and len(short) <= timeline.MAX_LABEL_CHARS
    assert title.startswith(short[:-1])
    assert timeline.shorten("Kỷ niệm 20 năm") == "Kỷ niệm 20 năm"


@pytest.mark.parametrize(("left", "right", "anchor"), [
    (PLOT_LEFT, PLOT_LEFT + 20, "start"),  # room to the right of the bar
    (PLOT_RIGHT - 20, PLOT_RIGHT, "end"),  # at the end of the year: the label ends at the bar
])
def test_labels_stay_beside_their_bar_inside_the_plot(left: float, right: float, anchor: str) -> None:
    label = timeline.place_label("Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)", left, right)
    assert label.anchor == anchor
    assert label.x == pytest.approx(left if anchor == "start" else right)


# ---- campaign phases ----

def test_dated_phase_is_drawn_and_clipped_in_both_years() -> None:
    phase = Phase(name="Đợt 1", start=parse_fuzzy("Tháng 11/2024"), end=parse_fuzzy("Tháng 02/2025"))
    views = build_views(plans=[plan_with_phases(date(2024, 10, 1), phase)])
    row_2024 = timeline.layout_year(views, 2024).phase_rows[0]
    assert (row_2024.span.first, row_2024.span.last) == (date(2024, 11, 1), date(2024, 12, 31))
    assert row_2024.span.continues_after and row_2024.label.text.startswith("Đợt 1 (99-KH/BTGTU)")
    chart_2025 = timeline.layout_year(views, 2025)
    assert chart_2025.drawn and chart_2025.phase_rows[0].span.continues_before
    assert chart_2025.phase_rows[0].span.last == date(2025, 2, 28)


def test_phase_bounded_by_dated_events_is_drawn() -> None:
    phase = Phase(name="Đợt 2", after_event=ref("event", "20-nam"), until_event=ref("event", "70-nam-dbp"))
    views = build_views(plans=[plan_with_phases(UNKNOWN, phase)])
    span = timeline.layout_year(views, 2024).phase_rows[0].span
    assert (span.first, span.last) == (date(2024, 1, 2), date(2024, 5, 7))


def test_undated_phases_are_listed_in_the_plan_year() -> None:
    phase = Phase(name="Đợt 3", title="Sau khi bế mạc Đại hội", after_event=ref("event", "dai-hoi-chua-ro"))
    views = build_views(plans=[plan_with_phases(date(2025, 7, 1), phase)])
    chart = timeline.layout_year(views, 2025)
    assert [item.phase.name for item in chart.undated_phases] == ["Đợt 3"]
    assert chart.undated_phases[0].after_event.id == "dai-hoi-chua-ro"
    assert chart.phase_rows == []
    assert timeline.layout_year(views, 2024).undated_phases == []


# ---- the shipped site ----

@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


SHIPPED_2024 = ["ky-niem-20-nam-chia-tach-thanh-lap-tinh", "ky-niem-70-nam-chien-thang-dien-bien-phu",
                "ky-niem-115-nam-thanh-lap-tinh", "ky-niem-75-nam-thanh-lap-dang-bo-tinh"]


@pytest.mark.site
def test_year_page_has_an_accessible_svg_with_one_row_per_event(site: Path) -> None:
    html = article(site, "dong-thoi-gian/2024")
    assert "Dòng thời gian năm 2024" in text_of(html)
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == 1
    svg = svgs[0]
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="sotay-tl-2024-title sotay-tl-2024-desc"', svg)
    assert '<title id="sotay-tl-2024-title">Dòng thời gian năm 2024</title>' in svg
    assert re.findall(r'class="sotay-tl-event" data-event="([a-z0-9-]+)"', svg) == SHIPPED_2024
    # Every row is a link to its event's page, relative to the page; pointer only (the list holds the same links).
    assert re.findall(r'<a class="sotay-tl-link" href="([^"]*)" tabindex="-1">\s*<g class="sotay-tl-event" '
                      r'data-event="([a-z0-9-]+)"', svg) == [(f"../../su-kien/{e}/", e) for e in SHIPPED_2024]
    assert svg.count("<a ") == svg.count("</a>") == len(SHIPPED_2024)
    assert "Hôm nay" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.site
def test_year_page_markers_sit_on_the_event_days(site: Path) -> None:
    svg = re.search(r"<svg\b.*?</svg>", article(site, "dong-thoi-gian/2024"), re.S).group(0)
    dbp = re.search(r'data-event="ky-niem-70-nam-chien-thang-dien-bien-phu">.*?</g>', svg, re.S).group(0)
    x = float(re.search(r'class="sotay-tl-marker" points="([0-9.]+),', dbp).group(1))
    assert x == pytest.approx(day_mid_x(2024, date(2024, 5, 7)), abs=0.01)
    first = re.search(r'data-event="ky-niem-20-nam-chia-tach-thanh-lap-tinh">.*?</g>', svg, re.S).group(0)
    assert 'class="sotay-tl-continues"' in first  # the window began in December 2023


@pytest.mark.site
def test_year_page_lists_and_links_every_event(site: Path) -> None:
    html = article(site, "dong-thoi-gian/2024")
    links = re.findall(r'<li><a href="\.\./\.\./su-kien/([a-z0-9-]+)/">', html)
    assert links == SHIPPED_2024
    for event_id in links:
        assert (site / "su-kien" / event_id / "index.html").is_file()
    # The list is the vertical timeline of a phone: after the marked heading, one marker per month.
    assert re.search(r'<h2 class="sotay-tl-head" id="[^"]+">Các sự kiện trên dòng thời gian<a [^>]*>¶</a></h2>\s*'
                     r'<ul>\s*<li><strong>Tháng 01/2024</strong><ul>\s*<li><a href="\.\./\.\./su-kien/'
                     r'ky-niem-20-nam-chia-tach-thanh-lap-tinh/">', html)
    assert re.findall(r"<li><strong>(Tháng [0-9/]+)</strong>", html) == [
        "Tháng 01/2024", "Tháng 5/2024", "Tháng 6/2024", "Tháng 10/2024"]
    text = text_of(html)
    assert "ngày 07/5/2024; tuyên truyền sâu đậm 17/4/2024 - 12/5/2024" in text
    assert "01/12/2023 - 10/01/2024 (bắt đầu từ năm 2023)" in text


@pytest.mark.site
def test_year_navigation_links_to_existing_year_pages(site: Path) -> None:
    html = article(site, "dong-thoi-gian/2024")
    assert '<a href="../2023/">← Năm 2023</a>' in html
    assert '<a href="../2025/">Năm 2025 →</a>' in html
    assert (site / "dong-thoi-gian" / "2023" / "index.html").is_file()
    assert (site / "dong-thoi-gian" / "2025" / "index.html").is_file()
    first = article(site, "dong-thoi-gian/2023")
    assert "← Năm" not in first and '<a href="../2024/">Năm 2024 →</a>' in first
    assert "Năm 2026 →" not in article(site, "dong-thoi-gian/2025")


@pytest.mark.site
def test_2023_page_shows_the_start_of_the_20th_anniversary_window(site: Path) -> None:
    html = article(site, "dong-thoi-gian/2023")
    svg = re.search(r"<svg\b.*?</svg>", html, re.S).group(0)
    assert 'data-event="ky-niem-20-nam-chia-tach-thanh-lap-tinh"' in svg
    assert "ngày 01/01/2024 (năm 2024)" in text_of(html)


@pytest.mark.site
def test_2025_page_lists_undated_event_and_phases(site: Path) -> None:
    html = article(site, "dong-thoi-gian/2025")
    text = text_of(html)
    assert "<svg" not in html
    assert "Chưa rõ ngày" in text and "Đại hội Thi đua yêu nước tỉnh Lai Châu lần thứ VI" in text
    assert 'href="../../su-kien/dai-hoi-thi-dua-yeu-nuoc-tinh-lan-thu-vi/"' in html
    for name in ("Đợt 1", "Đợt 2", "Đợt 3"):
        assert name in text
    assert 'href="../../ke-hoach/kh-svhttdl-tuyen-truyen-dai-hoi-2025/"' in html


@pytest.mark.site
def test_timeline_index_lists_years_with_links(site: Path) -> None:
    html = article(site, "dong-thoi-gian")
    for year in (2023, 2024, 2025):
        assert f'<a href="{year}/">Năm {year}</a>' in html


@pytest.mark.site
def test_timeline_pages_have_no_script(site: Path) -> None:
    for url in ("dong-thoi-gian", "dong-thoi-gian/2023", "dong-thoi-gian/2024", "dong-thoi-gian/2025"):
        assert "<script" not in article(site, url)


# ---- the macros for hand-written pages ----

HAND_WRITTEN = """# Thử các macro

## Năm 2024

{{ year_timeline(2024) }}

## Năm 2030

{{ year_timeline(2030) }}

## Kỷ niệm năm 2029

{{ anniversaries(2029) }}

## Kỷ niệm năm 2026

{{ anniversaries(2026) }}
"""


def macro_project(where: Path) -> Path:
    """The shipped project with HAND_WRITTEN as docs/dong-thoi-gian/thu-macro.md (dong-thoi-gian/*.md is kept out
    of the navigation, so strict mode accepts a page there)."""
    project = copy_project(where)
    (project / "docs" / "dong-thoi-gian").mkdir(exist_ok=True)
    (project / "docs" / "dong-thoi-gian" / "thu-macro.md").write_text(HAND_WRITTEN, encoding="utf-8")
    return project


MACRO_SITE = SiteConfig("shipped-timeline-macros", macro_project)


@pytest.fixture(scope="module")
def hand_written(sites) -> str:
    return article(sites.site(MACRO_SITE), "dong-thoi-gian/thu-macro")


@pytest.mark.site
def test_year_timeline_macro_draws_the_chart_without_a_title(hand_written: str) -> None:
    part = hand_written.split('id="năm-2024"', 1)[1].split("<h2", 1)[0]
    assert part.count("<svg") == 1 and "<h1" not in part
    assert re.findall(r'<li><a href="\.\./\.\./su-kien/([a-z0-9-]+)/">', part) == SHIPPED_2024


@pytest.mark.site
def test_year_timeline_macro_for_a_year_without_events(hand_written: str) -> None:
    part = hand_written.split('id="năm-2030"', 1)[1].split("<h2", 1)[0]
    assert "<svg" not in part and "Năm 2030 chưa có sự kiện" in text_of(part)


@pytest.mark.site
def test_anniversaries_macro(hand_written: str) -> None:
    part = hand_written.split('id="kỷ-niệm-năm-2029"', 1)[1].split("<h2", 1)[0]
    assert "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)" in text_of(part)
    empty = hand_written.split('id="kỷ-niệm-năm-2026"', 1)[1]
    assert "<table" not in empty and "không có ngày kỷ niệm" in text_of(empty)


def test_timeline_index_shows_the_current_year_chart_when_given_one(views: Site) -> None:
    here = "dong-thoi-gian/index.md"
    with_chart = views.render("pages/timeline_index.md.j2", here, chart=timeline.current_year_chart(views))
    assert "## Năm nay (2024)" in with_chart and with_chart.count("<svg") == 1
    assert "[trang dòng thời gian năm 2024](2024.md)" in with_chart
    without = views.render("pages/timeline_index.md.j2", here)
    assert "<svg" not in without and "[Năm 2024](2024.md)" in without
    assert timeline.current_year_chart(build_views(date(2030, 1, 1))) is None


# ---- links from the chart (raw HTML, so the built page's URL) and from the list ----

@pytest.mark.parametrize(("page", "directory_urls", "url"), [
    ("su-kien/x.md", True, "su-kien/x/"),
    ("su-kien/x.md", False, "su-kien/x.html"),
    ("su-kien/index.md", True, "su-kien/"),
    ("su-kien/index.md", False, "su-kien/"),
    ("index.md", True, ""),
    ("dong-thoi-gian/2024.md", True, "dong-thoi-gian/2024/"),
])
def test_page_url_is_where_mkdocs_writes_the_page(page: str, directory_urls: bool, url: str) -> None:
    assert page_url(page, directory_urls) == url


@pytest.mark.parametrize(("here", "target", "directory_urls", "link"), [
    ("dong-thoi-gian/2024.md", "su-kien/x.md", True, "../../su-kien/x/"),
    ("dong-thoi-gian/2024.md", "su-kien/x.md", False, "../su-kien/x.html"),
    ("dong-thoi-gian/index.md", "ke-hoach/k.md", True, "../ke-hoach/k/"),
    ("dong-thoi-gian/index.md", "ke-hoach/k.md", False, "../ke-hoach/k.html"),
    ("index.md", "su-kien/x.md", True, "su-kien/x/"),
    ("index.md", "su-kien/x.md", False, "su-kien/x.html"),
    ("gioi-thieu.md", "su-kien/x.md", True, "../su-kien/x/"),
    ("gioi-thieu.md", "su-kien/x.md", False, "su-kien/x.html"),
    ("dong-thoi-gian/2024.md", "dong-thoi-gian/2023.md", True, "../2023/"),
    ("a/b/c.md", "index.md", True, "../../../"),
])
def test_relative_url_from_one_built_page_to_another(here: str, target: str, directory_urls: bool, link: str) -> None:
    assert relative_url(here, target, directory_urls) == link


@pytest.mark.parametrize(("year", "groups"), [
    (2023, [("Tháng 6/2023", ["so-ket"]), ("Tháng 12/2023", ["20-nam"])]),  # the 2024 event, by its window
    (2024, [("Tháng 01/2024", ["20-nam"]), ("Tháng 5/2024", ["70-nam-dbp"])]),  # by the day, not the window
    (2025, []),
])
def test_list_groups_events_by_month(views: Site, year: int, groups: list) -> None:
    chart = timeline.layout_year(views, year)
    assert [(g.label, [r.event.id for r in g.rows]) for g in chart.month_groups] == groups


def _chart_links(svg: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="sotay-tl-link" href="([^"]*)" tabindex="-1">\s*<g class="(sotay-tl-\w+)"', svg)


@pytest.mark.parametrize(("directory_urls", "event_link", "plan_link"), [
    (True, "../../su-kien/{}/", "../../ke-hoach/kh-thu/"),
    (False, "../su-kien/{}.html", "../ke-hoach/kh-thu.html"),
])
def test_every_row_of_the_chart_links_to_its_page(directory_urls: bool, event_link: str, plan_link: str) -> None:
    phase = Phase(name="Đợt 1", start=parse_fuzzy("Tháng 3/2024"), end=parse_fuzzy("Tháng 4/2024"))
    views = build_views(plans=[plan_with_phases(date(2024, 2, 1), phase)])
    views.directory_urls = directory_urls
    svg = views.render("partials/timeline_svg.html.j2", "dong-thoi-gian/2024.md",
                       chart=timeline.layout_year(views, 2024))
    assert _chart_links(svg) == [(event_link.format("20-nam"), "sotay-tl-event"),
                                 (event_link.format("70-nam-dbp"), "sotay-tl-event"),
                                 (plan_link, "sotay-tl-phase")]
    assert svg.count("<a ") == svg.count("</a>") == 3
    # The plugin re-serialises every page's HTML: the links come through it unchanged.
    assert _chart_links(sanitise_html(svg)) == _chart_links(svg)


TIMELINE_PAGES = ["dong-thoi-gian", "dong-thoi-gian/2023", "dong-thoi-gian/2024", "dong-thoi-gian/2025"]


def _page_file(url: str) -> str:
    return f"{url}/index.html"


def _list_items(html: str) -> list[str]:
    """The items of the vertical timeline: the list right after the heading (or bold line) marked .sotay-tl-head."""
    lists = re.findall(r'class="sotay-tl-head"[^>]*>.*?</(?:h\d|p)>\s*<ul>\s*(<li><strong>.*?</ul>\s*</li>)\s*</ul>',
                       html, re.S)
    return [item for part in lists for item in re.findall(r"<li>(<a .*?)</li>", part, re.S)]


def _resolves(site: Path, page: str, href: str) -> bool:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return (site / target / "index.html").is_file() if href.endswith("/") else (site / target).is_file()


@pytest.mark.site
@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_every_timeline_item_links_to_an_existing_page(site: Path, url: str) -> None:
    html = article(site, url)
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    rows = sum(svg.count('<g class="sotay-tl-event"') + svg.count('<g class="sotay-tl-phase"') for svg in svgs)
    links = [link for svg in svgs for link in _chart_links(svg)]
    assert len(links) == rows == len(_list_items(html))
    for href, _ in links:
        assert not href.startswith("/") and ":" not in href and _resolves(site, _page_file(url), href), href
    for item in _list_items(html):
        href = re.match(r'<a href="([^"]+)">', item).group(1)
        assert _resolves(site, _page_file(url), href), href


@pytest.mark.site
def test_pages_without_a_chart_draw_no_list_either(site: Path) -> None:
    assert "<svg" not in article(site, "dong-thoi-gian/2025") and _list_items(article(site, "dong-thoi-gian/2025")) == []
    assert len(_list_items(article(site, "dong-thoi-gian/2024"))) == len(SHIPPED_2024)


@pytest.mark.site
def test_chart_links_work_from_file_in_the_offline_copy(site: Path) -> None:
    """From file:// a folder link shows no page: in the zip each chart link names the index.html it opens."""
    archive = zipfile.ZipFile(next((site / "tai-ve").glob("*.zip")))
    top = archive.namelist()[0].split("/")[0]
    names = set(archive.namelist())
    page = "dong-thoi-gian/2024/index.html"
    html = archive.read(f"{top}/{page}").decode("utf-8")
    svg = re.search(r'<svg\b[^>]*class="sotay-timeline__svg".*?</svg>', html, re.S).group(0)
    hrefs = re.findall(r'<a class="sotay-tl-link" href="([^"]*)"', svg)
    assert hrefs == [f"../../su-kien/{e}/index.html" for e in SHIPPED_2024]
    for href in hrefs:
        assert f"{top}/{posixpath.normpath(posixpath.join(posixpath.dirname(page), href))}" in names


@pytest.mark.site
def test_year_timeline_macro_links_chart_rows_from_its_own_page(hand_written: str) -> None:
    part = hand_written.split('id="năm-2024"', 1)[1].split("<h2", 1)[0]
    assert [href for href, _ in _chart_links(part)] == [f"../../su-kien/{e}/" for e in SHIPPED_2024]
    assert re.search(r'<p class="sotay-tl-head"><strong>Các sự kiện trên dòng thời gian</strong></p>\s*<ul>', part)
    assert len(_list_items(part)) == len(SHIPPED_2024)
