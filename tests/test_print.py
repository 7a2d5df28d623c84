"""Print layout, print packs and the "In" button, without a browser: the stylesheet's page rules, the shipped
font and its licence, the print pack's choices (macros/views/print_pack.py) and the built pages (no PDFs: a quick
build). The PDFs themselves are checked in Chromium by tests/browser/test_print_pdf.py."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.views import print_pack
from macros.views.site import Site, make_site

from .sites import ROOT, SHIPPED_BUILD_DATE, article, page, text_of

BUILD_DATE = SHIPPED_BUILD_DATE
DBP_EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"
DBP_OUTLINE = "de-cuong-70-nam-chien-thang-dien-bien-phu"
TWENTY_EVENT = "ky-niem-20-nam-chia-tach-thanh-lap-tinh"
CONGRESS_EVENT = "dai-hoi-thi-dua-yeu-nuoc-tinh-lan-thu-vi"  # no outline, no plan, no task
PLAN = "171-kh-btgtu"
CSS = ROOT / "docs" / "assets" / "sotay-print.css"
JS = ROOT / "docs" / "assets" / "sotay-print.js"
FONTS = ROOT / "docs" / "assets" / "fonts"
FONT_FILES = ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
              "LiberationSerif-BoldItalic.ttf"]
# Every Vietnamese letter with a diacritic, upper and lower case (U+1EA0-U+1EF9 plus the Latin-1/Extended-A ones).
VIETNAMESE = ("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
              + "".join(chr(c) for c in range(0x1EA0, 0x1EFA)))


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


@pytest.fixture(scope="module")
def v(dataset) -> Site:
    return make_site(dataset, date.fromisoformat(BUILD_DATE))


# ---- the stylesheet ----

def css_rules() -> str:
    return re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)


def test_page_is_a4_portrait_with_the_official_margins() -> None:
    css = css_rules()
    page_rule = re.search(r"@page\s*\{(.*?)\n\}", css, re.S).group(1)
    assert re.search(r"size:\s*A4 portrait;", page_rule)
    assert re.search(r"margin:\s*20mm 15mm 20mm 30mm;", page_rule)  # top, right, bottom, left
    assert re.search(r"@top-center\s*\{[^}]*content:\s*counter\(page\)", page_rule)
    first = re.search(r"@page :first\s*\{(.*?)\n\}", css, re.S).group(1)
    assert re.search(r'@top-center\s*\{\s*content:\s*"";', first)  # no number on page 1
    assert re.search(r'@bottom-center\s*\{\s*content:\s*"";', page_rule)  # keeps the browser's footer out


def test_body_is_14pt_justified_with_first_line_indent() -> None:
    css = css_rules()
    assert re.search(r"\.md-typeset \{[^}]*font-family:\s*\"Sotay Serif\", \"Times New Roman\"[^}]*font-size:\s*14pt",
                     css, re.S)
    assert re.search(r"\.md-typeset p \{[^}]*text-align:\s*justify;[^}]*text-indent:\s*10mm", css)


def test_headings_never_stranded_rows_never_split_site_parts_never_printed() -> None:
    css = css_rules()
    assert re.search(r"\.md-typeset h6 \{[^}]*break-after:\s*avoid", css)
    assert re.search(r"table:not\(\[class\]\) tr \{[^}]*break-inside:\s*avoid", css)
    hidden = re.search(r"@media print \{.*?\n  (\.md-header,.*?)\{\s*display:\s*none !important;", css, re.S).group(1)
    for part in (".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top", ".headerlink",
                 ".md-source-file", ".md-content__button", ".sotay-print-bar", ".sotay-print-button"):
        assert part in hidden, part
    assert re.search(r"\.md-typeset a, \.md-typeset a:visited \{[^}]*color:\s*inherit", css)
    assert re.search(r"\.md-typeset a::after, \.md-typeset a::before \{\s*content:\s*none", css)


def test_fonts_are_shipped_with_their_licence_and_referenced_relatively() -> None:
    css = css_rules()
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert sorted(urls) == sorted(f"fonts/{name}" for name in FONT_FILES)
    for name in FONT_FILES:
        data = (FONTS / name).read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00", name  # TrueType
        assert len(data) > 100_000, name
    licence = (FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Reserved Font Name Liberation" in licence


def _cmap(font: bytes) -> set[int]:
    """The code points of a TrueType font's Unicode cmap (format 4 or 12): enough to check Vietnamese coverage."""
    import struct
    tables = {font[12 + 16 * i:16 + 16 * i]: struct.unpack(">II", font[20 + 16 * i:28 + 16 * i])
              for i in range(struct.unpack(">H", font[4:6])[0])}
    offset = tables[b"cmap"][0]
    found: set[int] = set()
    for i in range(struct.unpack(">H", font[offset + 2:offset + 4])[0]):
        platform, encoding, sub = struct.unpack(">HHI", font[offset + 4 + 8 * i:offset + 12 + 8 * i])
        at = offset + sub
        fmt = struct.unpack(">H", font[at:at + 2])[0]
        if fmt == 4:
            segments = struct.unpack(">H", font[at + 6:at + 8])[0] // 2
            ends = struct.unpack(f">{segments}H", font[at + 14:at + 14 + 2 * segments])
            starts = struct.unpack(f">{segments}H", font[at + 16 + 2 * segments:at + 16 + 4 * segments])
            for start, end in zip(starts, ends):
                found.update(range(start, end + 1))
        elif fmt == 12:
            groups = struct.unpack(">I", font[at + 12:at + 16])[0]
            for g in range(groups):
                start, end, _ = struct.unpack(">III", font[at + 16 + 12 * g:at + 28 + 12 * g])
                found.update(range(start, end + 1))
    return found


@pytest.mark.parametrize("name", FONT_FILES)
def test_shipped_font_has_every_vietnamese_letter(name: str) -> None:
    covered = _cmap((FONTS / name).read_bytes())
    missing = [ch for ch in VIETNAMESE if ord(ch) not in covered]
    assert missing == [], name


def test_print_script_binds_the_button_without_inline_handlers() -> None:
    js = JS.read_text(encoding="utf-8")
    assert 'querySelectorAll(".sotay-print-button")' in js
    assert 'addEventListener("click"' in js and "window.print()" in js
    assert "innerHTML" not in js and "eval(" not in js


# ---- what the print pack chooses ----

def test_cell_units_are_district_commune_and_political_groups(dataset) -> None:
    orgs = dataset.organisations
    assert print_pack.is_cell_unit(orgs["ubnd-cac-xa-phuong"])  # commune level
    assert print_pack.is_cell_unit(orgs["cac-huyen-uy-thanh-uy-dang-uy-truc-thuoc"])  # district level
    assert print_pack.is_cell_unit(orgs["cac-so-ban-nganh-doan-the-tinh"])  # group of state bodies
    assert not print_pack.is_cell_unit(orgs["cac-co-quan-bao-chi-trong-tinh"])  # group of newspapers
    assert not print_pack.is_cell_unit(orgs["cac-co-quan-bao-chi-tw-thuong-tru"])
    assert not print_pack.is_cell_unit(orgs["ban-tuyen-giao-tinh-uy"])  # one provincial office
    assert not print_pack.is_cell_unit(None)


def test_cell_tasks_of_an_event(v) -> None:
    event = v.data.events[TWENTY_EVENT]
    tasks = v.packs.cell_tasks(event)
    titles = [t.title for t in tasks]
    assert any(t.startswith("Cấp huyện: tổ chức các hoạt động kỷ niệm") for t in titles)
    assert all(v.packs.cell_leads(t) for t in tasks)
    assert tasks == [t for t in v.tasks.for_event(TWENTY_EVENT) if t in tasks]  # the views' order
    assert len(tasks) < len(v.tasks.for_event(TWENTY_EVENT))


def test_cell_forms_mention_chi_bo(v) -> None:
    forms = v.packs.cell_forms(v.data.events[DBP_EVENT])
    assert [f.plan.id for f in forms] == [PLAN]
    assert "sinh hoạt chi bộ" in forms[0].paragraph.text
    assert v.packs.cell_forms(v.data.events[CONGRESS_EVENT]) == []


def test_paths_and_links() -> None:
    assert print_pack.pack_path(DBP_EVENT) == f"tai-lieu-chi-bo/{DBP_EVENT}.md"
    assert print_pack.pdf_path("ke-hoach/171-kh-btgtu.md") == "ke-hoach/171-kh-btgtu.pdf"
    assert print_pack.page_url("ke-hoach/171-kh-btgtu.md") == "ke-hoach/171-kh-btgtu/"
    assert print_pack.page_url("ke-hoach/171-kh-btgtu.md", use_directory_urls=False) == "ke-hoach/171-kh-btgtu.html"
    assert print_pack.page_url("ke-hoach/index.md") == "ke-hoach/"
    links = print_pack.PrintLinks({"ke-hoach/171-kh-btgtu.md"})
    assert links.makes_pdfs
    assert links.pdf("ke-hoach/171-kh-btgtu.md") == "171-kh-btgtu.pdf"
    assert links.pdf("de-cuong/x.md") is None
    assert not print_pack.PrintLinks().makes_pdfs
    assert links.pack(f"su-kien/{DBP_EVENT}.md", DBP_EVENT) == f"../tai-lieu-chi-bo/{DBP_EVENT}.md"


def test_pdf_pages_are_every_plan_outline_and_pack(dataset) -> None:
    pages = print_pack.pdf_pages(dataset)
    assert len(pages) == len(dataset.plans) + len(dataset.outlines) + len(dataset.events)
    assert f"ke-hoach/{PLAN}.md" in pages and f"de-cuong/{DBP_OUTLINE}.md" in pages
    assert f"tai-lieu-chi-bo/{DBP_EVENT}.md" in pages


# ---- the built pages (no PDFs) ----

PRINTABLE = [f"ke-hoach/{PLAN}", f"de-cuong/{DBP_OUTLINE}", f"su-kien/{DBP_EVENT}", "don-vi/bao-lai-chau",
             f"tai-lieu-chi-bo/{DBP_EVENT}"]


@pytest.mark.site
@pytest.mark.parametrize("path", PRINTABLE)
def test_printable_pages_have_a_hidden_print_button_and_the_script(site: Path, path: str) -> None:
    html = page(site, path)
    button = re.search(r"<button[^>]*sotay-print-button[^>]*>([^<]*)</button>", html)
    assert button and button.group(1) == "In"
    assert " hidden" in button.group(0) and "type=\"button\"" in button.group(0)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", article(site, path), re.I)
    assert re.search(r'<script src="[./]*assets/sotay-print\.js"></script>', html)
    assert "Tải PDF" not in html  # a quick build makes no PDFs, so it links none


@pytest.mark.site
def test_plan_page_marks_what_is_not_printed(site: Path) -> None:
    html = article(site, f"ke-hoach/{PLAN}")
    assert re.search(r'<h2 class="sotay-print-skip-from"[^>]*>Kế hoạch này thực hiện / căn cứ', html)
    assert html.index("sotay-print-skip-from") < html.index('<div class="sotay-print-skip-to"></div>') \
        < html.index("I- MỤC ĐÍCH, YÊU CẦU")
    assert re.search(r'<h2 class="sotay-screen-only"[^>]*>Phần mở đầu', html)
    # Everything from the link to the plan's page of progress on is the site's, not the document's: the sources
    # too. On that page the progress prints, the per-unit view does not.
    assert re.search(r'<h2 class="sotay-print-stop"[^>]*>Tiến độ thực hiện', html)
    assert html.index("sotay-print-stop") < html.index(">Nguồn")
    progress = article(site, f"ke-hoach/{PLAN}/tien-do")
    assert progress.index('<figure class="sotay-progress">') < progress.index("sotay-print-stop")
    assert re.search(r'<h2 class="sotay-print-stop"[^>]*>Theo đơn vị chủ trì', progress)
    # Who leads each task and its state are reading aids, not the document's text.
    assert 'class="sotay-task-meta sotay-screen-only"' in html
    # The end of the document: signature block, then "Nơi nhận".
    assert html.index("sotay-plan-signer") < html.index("Nơi nhận:") < html.index("sotay-print-stop")


@pytest.mark.site
def test_event_page_links_its_print_pack(site: Path) -> None:
    html = article(site, f"su-kien/{DBP_EVENT}")
    assert f'href="../../tai-lieu-chi-bo/{DBP_EVENT}/">Tài liệu sinh hoạt chi bộ</a>' in html


@pytest.mark.site
def test_every_event_has_a_print_pack_outside_the_navigation(site: Path, dataset) -> None:
    for event_id in dataset.events:
        assert (site / "tai-lieu-chi-bo" / event_id / "index.html").is_file(), event_id
    home = page(site, "")
    sidebar = home[:home.index("<article")]
    # Packs are reached from event pages, outline pages, the home page and their index; the sidebar has the index.
    assert not any(f"tai-lieu-chi-bo/{event_id}/" in sidebar for event_id in dataset.events)
    assert 'href="tai-lieu-chi-bo/"' in sidebar


@pytest.mark.site
def test_print_pack_holds_dates_outline_and_cell_work(site: Path, v) -> None:
    html = article(site, f"tai-lieu-chi-bo/{DBP_EVENT}")
    text = text_of(html)
    assert text.startswith(f"Tài liệu sinh hoạt chi bộ: {v.events.title(v.data.events[DBP_EVENT])}")
    assert "Thời gian diễn ra: 07/5/2024" in text
    assert "Tuyên truyền sâu đậm: 17/4/2024 - 12/5/2024" in text
    assert "Mốc lịch sử: Chiến thắng Điện Biên Phủ, ngày 07/5/1954" in text
    outline = v.data.outlines[DBP_OUTLINE]
    assert outline.title in text
    # The outline's numbers are computed: I., II. for its parts, 1., 2. under each.
    for i, (roman, section) in enumerate(zip(["I.", "II.", "III.", "IV."], outline.sections)):
        assert f"{roman} {section.title}" in text, roman
    assert f"1. {outline.sections[0].sections[0].title}" in text
    assert "Việc chi bộ, cơ sở cần làm" in text and "Lồng ghép trong sinh hoạt chi bộ" in text
    assert "sotay-source" not in html  # a pack to print carries no source notes


@pytest.mark.site
def test_print_pack_lists_the_cell_tasks(site: Path, v) -> None:
    html = article(site, f"tai-lieu-chi-bo/{TWENTY_EVENT}")
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    expected = v.packs.cell_tasks(v.data.events[TWENTY_EVENT])
    assert [text_of(re.findall(r"<td>(.*?)</td>", row, re.S)[0]) for row in rows] == [t.title for t in expected]


@pytest.mark.site
def test_print_pack_of_an_event_with_nothing_says_so(site: Path) -> None:
    text = text_of(article(site, f"tai-lieu-chi-bo/{CONGRESS_EVENT}"))
    assert "Chưa có đề cương hay nội dung tuyên truyền nào cho sự kiện này" in text
    assert "chưa giao việc riêng cho chi bộ, cơ sở" in text


@pytest.mark.site
def test_fonts_and_script_are_in_the_built_site(site: Path) -> None:
    for name in [*FONT_FILES, "LICENSE.txt"]:
        assert (site / "assets" / "fonts" / name).is_file(), name
    assert (site / "assets" / "sotay-print.js").is_file()
