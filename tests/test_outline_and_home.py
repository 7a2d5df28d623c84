"""Outline pages, the outlines index, the home page and the macro guide, built from the shipped data and
read as HTML; and the outline_view helpers they use."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from markupsafe import Markup

from macros.core.model import Dataset, OutlineSection
from macros.views import home as home_view
from macros.views.site import Site, make_site

from .sites import ROOT, SHIPPED_2026, SHIPPED_BUILD_DATE, article, text_of

BUILD_DATE = SHIPPED_BUILD_DATE
DBP_EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"
DBP_OUTLINE = "de-cuong-70-nam-chien-thang-dien-bien-phu"
OUTLINE_IDS = sorted(p.stem for p in (ROOT / "data" / "outlines").glob("*.yml"))
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
# What a hand-typed number at the start of a title looks like: "I.", "IV.", "1.", "2.3.", "a)", "đ)", "- ".
TYPED_LABEL = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?\s|[a-zđ]\)|[-–—+*]\s)")


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def site_2026(sites) -> Path:
    return sites.site(SHIPPED_2026)


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


def views(dataset, day: str | date = BUILD_DATE) -> Site:
    return make_site(dataset, day if isinstance(day, date) else date.fromisoformat(day))


def block(html: str, heading: str) -> str:
    """The HTML from the h2 whose text starts with `heading` to the next h2."""
    start = re.search(r"<h2[^>]*>" + re.escape(heading), html)
    assert start, heading
    end = html.find("<h2", start.end())
    return html[start.start():end if end != -1 else len(html)]


def walk(sections, depth=1):
    for section in sections:
        yield depth, section
        yield from walk(section.sections, depth + 1)


def expected_labels(sections, depth=1) -> list[tuple[str, str]]:
    """(label, title) in reading order, numbered here independently of macros.core.numbering."""
    out = []
    for i, section in enumerate(sections, start=1):
        label = {1: f"{ROMAN[i - 1]}.", 2: f"{i}.", 3: f"{LETTERS[i - 1]})"}.get(depth, "-")
        out.append((label, section.title))
        out += expected_labels(section.sections, depth + 1)
    return out


def shown_labels(html: str) -> list[tuple[str, str]]:
    """(label, title) of the outline's headings and run-in labels, in page order."""
    found = re.findall(r'<h2 class="sotay-outline-l1"[^>]*>(.*?)<a class="headerlink"'
                       r'|<h3 class="sotay-outline-l2"[^>]*>(.*?)<a class="headerlink"'
                       r'|<strong class="sotay-outline-label">(.*?)</strong>', html)
    out = []
    for h2, h3, runin in found:
        text = unescape(h2 or h3 or runin)
        label, _, title = text.partition(" ")
        out.append((label, title[:-1] if runin and title.endswith(".") else title))
    return out


# ---- outline pages ----

@pytest.mark.site
def test_every_outline_has_a_page(site: Path, dataset) -> None:
    assert set(OUTLINE_IDS) == set(dataset.outlines)
    for outline in dataset.outlines.values():
        html = article(site, f"de-cuong/{outline.id}")
        h1 = re.search(r"<h1[^>]*>(.*?)<a", html).group(1)
        assert unescape(h1) == outline.title
        assert re.search(r'<h2[^>]*id="nguồn"', html)


@pytest.mark.site
@pytest.mark.parametrize("outline_id", OUTLINE_IDS)
def test_outline_sections_are_numbered_from_depth_in_order(site: Path, dataset, outline_id: str) -> None:
    outline = dataset.outlines[outline_id]
    html = article(site, f"de-cuong/{outline_id}")
    assert shown_labels(html) == expected_labels(outline.sections)
    top = [label for label, _ in shown_labels(html) if label.rstrip(".") in ROMAN]
    assert top[:2] == ["I.", "II."]
    assert re.search(r'<h3 class="sotay-outline-l2"[^>]*>1\. ', html)
    assert re.search(r'<h3 class="sotay-outline-l2"[^>]*>2\. ', html)


@pytest.mark.site
@pytest.mark.parametrize("outline_id", OUTLINE_IDS)
def test_no_label_is_typed_in_the_data(site: Path, dataset, outline_id: str) -> None:
    for _, section in walk(dataset.outlines[outline_id].sections):
        assert not TYPED_LABEL.match(section.title), section.title
    shown = shown_labels(article(site, f"de-cuong/{outline_id}"))
    assert shown and all(not TYPED_LABEL.match(title) for _, title in shown), shown


@pytest.mark.site
def test_outline_page_shows_its_events_intro_and_sources(site: Path, dataset) -> None:
    html = article(site, f"de-cuong/{DBP_OUTLINE}")
    head = html[:html.index('<div class="sotay-outline-intro">')]
    assert f'href="../../su-kien/{DBP_EVENT}/"' in head
    assert "07/5/2024" in text_of(head) and "17/4/2024 - 12/5/2024" in text_of(head)
    intro = dataset.outlines[DBP_OUTLINE].intro.split(".")[0]
    assert intro in text_of(html)
    assert 'class="sotay-source sotay-outline-source"' in html
    assert 'href="../../ke-hoach/171-kh-btgtu/"' in html
    assert "mục II.1.2.2" in text_of(html)


@pytest.mark.site
def test_section_bodies_are_markdown_and_level_three_runs_in(site: Path) -> None:
    html = article(site, "de-cuong/de-cuong-115-nam-thanh-lap-tinh")
    # "**28/6/1909**" in the body of "Các mốc thời gian cần ghi nhớ"
    assert "<strong>28/6/1909</strong>" in html
    runin = re.search(r'<p class="sotay-outline-runin[^"]*"><strong class="sotay-outline-label">a\) '
                      r'Sự ra đời của Ban cán sự Đảng Lai Châu\.</strong> Ngày 10/10/1949', html)
    assert runin
    assert re.search(r'<h2 class="sotay-outline-l1" id="[^"]+">V\. Các mốc thời gian cần ghi nhớ', html)


@pytest.mark.site
def test_outlines_index_groups_outlines_by_event_newest_first(site: Path, dataset) -> None:
    html = article(site, "de-cuong")
    events = re.findall(r'<a href="\.\./su-kien/([a-z0-9-]+)/">Xem trang sự kiện</a>', html)
    assert events == ["ky-niem-75-nam-thanh-lap-dang-bo-tinh", "ky-niem-115-nam-thanh-lap-tinh", DBP_EVENT,
                      "ky-niem-20-nam-chia-tach-thanh-lap-tinh", "ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho",
                      "so-ket-giua-nhiem-ky-2020-2025"]
    for outline in dataset.outlines.values():
        assert f'href="{outline.id}/"' in html
    dbp = block(html, "Kỷ niệm 70 năm Ngày Chiến thắng Điện Biên Phủ")
    assert f'href="{DBP_OUTLINE}/"' in dbp and "07/5/2024" in text_of(dbp)


# ---- home page ----

@pytest.mark.site
def test_home_shows_dien_bien_phu_in_focus_on_1_may_2024(site: Path) -> None:
    html = article(site, "")
    assert "Tính đến ngày 01/5/2024" in text_of(html)
    focus = block(html, "Đang tuyên truyền sâu đậm")
    assert f'href="su-kien/{DBP_EVENT}/"' in focus
    assert "17/4/2024 - 12/5/2024" in text_of(focus) and "còn 11 ngày" in text_of(focus)
    assert f'href="de-cuong/{DBP_OUTLINE}/"' in focus
    upcoming = block(html, "Sắp diễn ra")
    assert upcoming.index("ky-niem-70-nam-chien") < upcoming.index("ky-niem-115-nam") < upcoming.index("ky-niem-75-nam")


@pytest.mark.site
def test_home_lists_this_months_outlines(site: Path) -> None:
    month = block(article(site, ""), "Đề cương dùng trong sinh hoạt chi bộ tháng này")
    assert "tháng 5/2024" in text_of(month)
    assert f'href="de-cuong/{DBP_OUTLINE}/"' in month
    assert 'href="de-cuong/de-cuong-115-nam-thanh-lap-tinh/"' in month  # its event falls next month
    assert "de-cuong-20-nam-chia-tach" not in month


@pytest.mark.site
def test_home_lists_latest_plans_and_section_indexes(site: Path) -> None:
    html = article(site, "")
    plans = block(html, "Kế hoạch mới nhất")
    links = re.findall(r'href="ke-hoach/([a-z0-9-]+)/"', plans)
    assert links == ["kh-svhttdl-tuyen-truyen-dai-hoi-2025", "171-kh-btgtu", "kh-btc-20-nam-chia-tach"]
    assert "ban hành sau ngày 30/6/2025" in text_of(plans) and "chưa rõ ngày ban hành" in text_of(plans)
    for target in ("su-kien/", "ke-hoach/", "van-ban/", "don-vi/", "de-cuong/", "dong-thoi-gian/", "ky-niem-sap-toi/"):
        assert f'href="{target}"' in block(html, "Tra cứu")


@pytest.mark.site
def test_home_says_so_when_nothing_is_in_focus(site_2026: Path) -> None:
    """Nothing in focus is one line, not an empty section; what is coming and the latest outlines fill the page
    (tests/test_chi_bo_index_and_home.py checks it in full)."""
    html = article(site_2026, "")
    assert "Tính đến ngày 22/11/2026" in text_of(html)
    assert "Hiện không có sự kiện nào trong thời gian tuyên truyền sâu đậm." in text_of(html)
    assert not re.search(r"<h2[^>]*>Đang tuyên truyền sâu đậm", html)
    month = text_of(block(html, "Đề cương mới nhất"))
    assert "Không sự kiện nào có thời gian tuyên truyền sâu đậm trong tháng 11/2026" in month
    assert 'href="de-cuong/de-cuong-75-nam-thanh-lap-dang-bo-tinh/"' in block(html, "Đề cương mới nhất")
    coming = block(html, "Sắp diễn ra")
    assert "Không có sự kiện" not in text_of(coming)
    assert "12/12/2028" in text_of(coming) and "chưa có sự kiện trong sổ tay" in text_of(coming)


# ---- the macro guide ----

@pytest.mark.site
@pytest.mark.parametrize(("call", "live"), [
    (f'event_card("{DBP_EVENT}")', f'href="../../su-kien/{DBP_EVENT}/"'),
    ('task_table(unit="bao-lai-chau")', 'href="../../don-vi/bao-lai-chau/"'),
    ("year_timeline(2024)", "07/5/2024"),
    ("anniversaries(2029)", "120 năm"),
    ("data_summary()", "Đề cương tuyên truyền"),
])
def test_macro_guide_shows_each_example_as_code_then_its_result(site: Path, call: str, live: str) -> None:
    html = article(site, "huong-dan/macro")
    code = f'<code class="language-jinja">{{{{ {call} }}}}'
    assert code in html.replace("&quot;", '"'), call
    after = html.replace("&quot;", '"').split(code, 1)[1]
    result = after[after.index("Kết quả:"):]
    result = result[:result.find("<h2")]
    assert live in result, call
    assert "{{" not in result


@pytest.mark.site
def test_macro_guide_leaves_no_call_unrendered_outside_code(site: Path) -> None:
    html = article(site, "huong-dan/macro")
    outside = re.sub(r"<code[^>]*>.*?</code>", "", html, flags=re.S)
    assert "{{" not in outside and "{%" not in outside
    card = re.search(r'<div class="admonition sotay-card">(.*?)</div>', html, re.S).group(1)
    assert "17/4/2024 - 12/5/2024" in text_of(card) and "năm tròn" in text_of(card)
    text = text_of(html)
    assert "sandbox" in text and 'không có sự kiện nào mang mã "ky-niem-70-nam-dien-bien" trong data/' in text


# ---- the outline and home views ----

EMPTY = make_site(Dataset(), date(2024, 5, 1))


def run_in(label: str, title: str, body: str | None, depth: int = 3) -> str:
    """The run-in macro of the outline pages (partials/run_in.html.j2), as the templates call it."""
    macro = EMPTY.templates.env.get_template("partials/run_in.html.j2").module.run_in
    return macro(label, EMPTY.outlines.run_in_title(title), Markup(body) if body else body, depth)


def section(title: str, *children: OutlineSection) -> OutlineSection:
    return OutlineSection(title=title, sections=list(children))


def test_numbered_sections_count_each_level_from_one() -> None:
    tree = [section("A", section("A1", section("A1a"), section("A1b", section("deep"))), section("A2")), section("B")]
    got = [(n.label, n.depth, n.item.title) for n in EMPTY.outlines.numbered_sections(tree)]
    assert got == [("I.", 1, "A"), ("1.", 2, "A1"), ("a)", 3, "A1a"), ("b)", 3, "A1b"), ("-", 4, "deep"),
                   ("2.", 2, "A2"), ("II.", 1, "B")]


RUNIN = '<p class="sotay-outline-runin sotay-outline-runin--3"><strong class="sotay-outline-label">'


@pytest.mark.parametrize(("label", "title", "body", "expected"), [
    ("a)", "Tiêu đề", "<p>Nội dung.</p>", RUNIN + "a) Tiêu đề.</strong> Nội dung.</p>"),
    ("b)", "Có dấu hỏi?", None, RUNIN + "b) Có dấu hỏi?</strong></p>"),
    ("c)", "Danh sách", "<ul>\n<li>x</li>\n</ul>", RUNIN + "c) Danh sách.</strong></p>\n<ul>\n<li>x</li>\n</ul>"),
    ("a)", "<script>x</script> & co", "", RUNIN + "a) &lt;script&gt;x&lt;/script&gt; &amp; co.</strong></p>"),
])
def test_run_in_label_opens_the_first_paragraph(label, title, body, expected) -> None:
    assert str(run_in(label, title, body)) == expected


def test_run_in_depth_four_gets_its_own_class() -> None:
    assert "sotay-outline-runin--4" in run_in("-", "Ý", "<p>x</p>", depth=5)


@pytest.mark.parametrize(("day", "label", "following"), [
    (date(2024, 5, 1), "tháng 5/2024", date(2024, 6, 1)),
    (date(2024, 1, 31), "tháng 01/2024", date(2024, 2, 1)),
    (date(2024, 2, 29), "tháng 02/2024", date(2024, 3, 1)),
    (date(2024, 12, 31), "tháng 12/2024", date(2025, 1, 1)),
])
def test_month_label_and_next_month(day: date, label: str, following: date) -> None:
    assert EMPTY.home.month_label(day) == label
    assert home_view.next_month(day) == following


@pytest.mark.parametrize(("day", "expected"), [
    ("2024-05-01", [DBP_OUTLINE, "de-cuong-115-nam-thanh-lap-tinh"]),  # in focus; 28/6 falls next month
    ("2024-05-31", [DBP_OUTLINE, "de-cuong-115-nam-thanh-lap-tinh"]),
    ("2023-12-01", ["de-cuong-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho",
                    "de-cuong-20-nam-chia-tach-thanh-lap-tinh"]),
    ("2023-07-15", ["de-cuong-so-ket-giua-nhiem-ky-2020-2025"]),  # focus "Tháng 6/2023 - Tháng 8/2023"
    ("2024-08-10", []),  # 10/10 is two months away, its focus starts 20/9
    ("2024-09-05", ["de-cuong-75-nam-thanh-lap-dang-bo-tinh"]),
    ("2026-11-22", []),
])
def test_outlines_this_month(dataset, day: str, expected: list[str]) -> None:
    assert [o.id for o in views(dataset, day).home.outlines_this_month()] == expected


@pytest.mark.parametrize(("day", "left", "until"), [
    ("2024-04-16", None, 21), ("2024-04-17", 25, 20), ("2024-05-01", 11, 6), ("2024-05-07", 5, 0),
    ("2024-05-12", 0, -5), ("2024-05-13", None, -6),
])
def test_days_left_in_focus_and_until_the_event(dataset, day: str, left: int | None, until: int) -> None:
    v = views(dataset, day)
    event = dataset.events[DBP_EVENT]
    assert v.home.focus_days_left(event) == left
    assert v.home.days_until(event) == until


def test_days_are_unknown_without_an_event_day(dataset) -> None:
    v = views(dataset)
    event = dataset.events["dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv"]
    assert v.home.days_until(event) is None and v.home.focus_days_left(event) is None


@pytest.mark.parametrize(("n", "text"), [
    (None, ""), (0, "hôm nay là ngày cuối"), (1, "còn 1 ngày"), (11, "còn 11 ngày"),
])
def test_days_left_text(n, text) -> None:
    assert EMPTY.home.days_left_text(n) == text


@pytest.mark.parametrize(("n", "text"), [
    (None, "chưa rõ ngày"), (0, "hôm nay"), (1, "ngày mai"), (6, "còn 6 ngày nữa"),
    (-3, "đã diễn ra 3 ngày trước"),
])
def test_days_until_text(n, text) -> None:
    assert EMPTY.home.days_until_text(n) == text


def test_latest_plans_newest_first_undated_placed_by_year(dataset) -> None:
    """A plan known only to be issued after a day (`issued_after`) sorts at that day: the 2025 plan comes first. A
    plan with neither date nor bound sorts at the start of the year of its earliest event (kh-btc: 2023), below the
    plan of 30/5/2023 (tests/test_chi_bo_index_and_home.py moves that plan to 2022 to see it rise)."""
    v = views(dataset)
    plans = v.documents.latest_plans()
    assert [p.id for p in plans] == ["kh-svhttdl-tuyen-truyen-dai-hoi-2025", "171-kh-btgtu", "kh-btc-20-nam-chia-tach"]
    assert [p.id for p in v.documents.latest_plans(limit=1)] == ["kh-svhttdl-tuyen-truyen-dai-hoi-2025"]
    assert v.documents.date_phrase(plans[0]) == "ban hành sau ngày 30/6/2025"
    assert v.documents.date_phrase(plans[1]) == "ngày 30/5/2023"
    assert v.documents.date_phrase(plans[-1]) == "chưa rõ ngày ban hành"


def test_outlines_by_event_newest_event_first(dataset) -> None:
    groups = views(dataset).outlines.by_event()
    assert [(e.id, [o.id for o in outlines]) for e, outlines in groups][2] == (DBP_EVENT, [DBP_OUTLINE])
    assert len(groups) == 6 and all(e is not None for e, _ in groups)


def test_sources_are_grouped_by_document_in_citation_order(dataset) -> None:
    outline = dataset.outlines["de-cuong-115-nam-thanh-lap-tinh"]
    groups = views(dataset).outlines.sources_by_document(outline.source)
    assert [(doc.id, [s for s, _ in parts]) for doc, parts in groups] == [
        ("171-kh-btgtu", ["II.1.2.3", "II.2", "II.3"]), ("kh-btc-20-nam-chia-tach", ["B.I.1", "B.II.2.a"])]


@pytest.mark.parametrize(("event_id", "kind", "note"), [
    (DBP_EVENT, "Kỷ niệm 70 năm", "(20 ngày trước và 5 ngày sau sự kiện)"),
    ("ky-niem-20-nam-chia-tach-thanh-lap-tinh", "Kỷ niệm 20 năm", ""),  # explicit window in the data
    ("so-ket-giua-nhiem-ky-2020-2025", "Sơ kết, tổng kết", ""),
    ("dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv", "Đại hội", ""),
])
def test_kind_label_and_window_note(dataset, event_id: str, kind: str, note: str) -> None:
    v = views(dataset)
    event = dataset.events[event_id]
    assert v.events.kind_label(event) == kind
    assert v.events.window_note(event) == note
