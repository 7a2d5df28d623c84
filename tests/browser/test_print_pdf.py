"""Printing in Chromium, and the PDFs the build makes (SOTAY_PDF=1): A4 pages, the official margins measured on
the text, page numbers, the Party and state headers, nothing of the site printed, fonts embedded, Vietnamese text
extracted intact. The first page of each PDF is kept as a PNG in test-artifacts/print/ for a person to look at.
A benchmark prints how long the shipped data's PDFs take (figures only, no assertion on speed).

pdfminer.six returns the text of these PDFs in NFC (Chromium writes ToUnicode maps of precomposed letters); the
tests assert that as it is, without normalising.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from macros.outputs import pdf as pdf_engine
from macros.views import print_pack
from ..sites import ROOT, SHIPPED_PDF, Build
from .conftest import _unavailable

MM = 72 / 25.4
A4 = (595.28, 841.89)
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, A4[0] - 15 * MM, A4[1] - 20 * MM, 20 * MM
TOLERANCE = 2 * MM
ARTIFACTS = ROOT / "test-artifacts" / "print"

PLAN = "171-kh-btgtu"
STATE_PLAN = "kh-svhttdl-tuyen-truyen-dai-hoi-2025"
OUTLINE = "de-cuong-70-nam-chien-thang-dien-bien-phu"
EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"
DOCUMENTS = {  # name: page path in the site (Markdown source)
    "plan": f"ke-hoach/{PLAN}.md",
    "outline": f"de-cuong/{OUTLINE}.md",
    "state-plan": f"ke-hoach/{STATE_PLAN}.md",
    "pack": f"tai-lieu-chi-bo/{EVENT}.md",
}
# Text of the site around a page: header, tabs, navigation, search, footer, buttons, the notes a page adds
# for readers. None of it may reach paper.
SITE_TEXT = ["Sổ tay tuyên truyền", "Trang chủ", "Dòng thời gian", "Tìm kiếm", "Bỏ qua", "Lên đầu trang", "Cập nhật",
             "Đang chuẩn bị tìm kiếm", "Tải PDF", "Tài liệu sinh hoạt chi bộ", "Kế hoạch này thực hiện / căn cứ",
             "Văn bản khác thực hiện / căn cứ vào kế hoạch này", "trong văn bản gốc", "Dùng cho sự kiện", "Phần mở đầu", "¶"]
PLAN_HEADER = ["TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 171-KH/BTGTU",
               "Lai Châu, ngày 30 tháng 5 năm 2023", "KẾ HOẠCH"]


# ---- reading a PDF ----

@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    font: str

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def pdf_pages_lines(path: Path) -> list[list[Line]]:
    """The text lines of each page, top to bottom, with their boxes and the font of their first letter."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    pages = []
    for layout in extract_pages(str(path)):
        lines = []
        for box in layout:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if not isinstance(line, LTTextLine):
                    continue
                text = " ".join(line.get_text().split())
                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                if text and chars:
                    lines.append(Line(text, line.x0, line.x1, line.y0, line.y1, chars[0].size, chars[0].fontname))
        pages.append(sorted(lines, key=lambda l: (-round(l.y1), l.x0)))
    return pages


def rules(path: Path, page_number: int = 1) -> list[tuple[float, float, float, float]]:
    """Thin horizontal rules drawn on a page (borders), as (x0, y0, x1, y1)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTCurve

    layout = next(extract_pages(str(path), page_numbers=[page_number - 1]))
    return [el.bbox for el in layout if isinstance(el, LTCurve) and el.height < 2 and el.width > 10]


def joined(lines: list[Line]) -> str:
    return " ".join(line.text for line in lines)


def in_top_margin(line: Line) -> bool:
    return line.y0 > TOP


def body(lines: list[Line]) -> list[Line]:
    return [line for line in lines if not in_top_margin(line)]


# ---- the checks every printed plan and outline must pass ----

def check_a4(path: Path) -> int:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1, (path.name, number, width, height)
    return len(reader.pages)


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses: base name -> whether its program is embedded (FontFile, FontFile2 or FontFile3)."""
    from pypdf import PdfReader

    found: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            found[str(font.get("/BaseFont"))] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def check_document(path: Path) -> list[list[Line]]:
    """A4, no site text, fonts embedded (the shipped serif only), text NFC, body at the margins, page numbers."""
    pages = check_a4(path)
    fonts = embedded_fonts(path)
    assert fonts and all(fonts.values()), fonts
    assert all("LiberationSerif" in name for name in fonts), fonts  # no fallback font: the shipped one has every glyph
    lines = pdf_pages_lines(path)
    assert len(lines) == pages
    text = "\n".join(line.text for page in lines for line in page)
    assert unicodedata.is_normalized("NFC", text)
    for words in SITE_TEXT:
        assert words not in text, (path.name, words)
    assert not any(line.text == "Nguồn" for page in lines for line in page)
    # The text block: lines start at the left margin (30 mm) and justified lines end at the right one (15 mm);
    # nothing crosses the bottom margin.
    everything = [line for page in lines for line in body(page)]
    assert abs(min(line.x0 for line in everything) - LEFT) <= TOLERANCE, min(line.x0 for line in everything)
    assert abs(max(line.x1 for line in everything) - RIGHT) <= TOLERANCE, max(line.x1 for line in everything)
    assert all(line.x0 >= LEFT - TOLERANCE and line.x1 <= RIGHT + TOLERANCE for line in everything)
    assert min(line.y0 for line in everything) >= BOTTOM - 1
    assert max(line.y1 for line in everything) <= TOP + 1
    # Justified body lines run the full width of the text block, in 14 pt.
    full = [line for line in everything if line.x1 - line.x0 > 0.9 * (RIGHT - LEFT) and "Bold" not in line.font]
    assert len(full) >= 10 and all(abs(line.size - 14) < 0.3 for line in full), path.name
    # Page numbers: none on page 1, "n" centred in the top margin from page 2 on.
    assert [line.text for line in lines[0] if in_top_margin(line)] == []
    assert pages >= 2, "the test documents are longer than a page"
    for number, page in enumerate(lines[1:], start=2):
        marks = [line for line in page if in_top_margin(line)]
        assert [m.text for m in marks] == [str(number)], (path.name, number, marks)
        assert abs(marks[0].centre - (LEFT + RIGHT) / 2) <= TOLERANCE
    return lines


def find(lines: list[Line], text: str) -> Line:
    matches = [line for line in lines if line.text == text]
    assert matches, (text, [line.text for line in lines[:15]])
    return matches[0]


def check_plan_header(path: Path, lines: list[list[Line]]) -> None:
    first = lines[0]
    order = [first.index(find(first, text)) for text in PLAN_HEADER]
    # Reading order: issuer block, national line, number and date, kind (the number and date share a row).
    assert order[:3] == sorted(order[:3]) and order[3] < order[6] and max(order[4:6]) < order[6]
    issuer, body_line, star, motto, number, day, kind = (find(first, text) for text in PLAN_HEADER)
    middle = (LEFT + RIGHT) / 2
    for line in (issuer, body_line, star, number):
        assert line.centre < middle, line  # top left
    for line in (motto, day):
        assert line.centre > middle, line  # top right
    assert abs(issuer.centre - star.centre) < 3 and abs(number.centre - star.centre) < 6  # one centred block
    assert abs(number.y0 - day.y0) < 1  # the same row
    assert motto.y0 > number.y1 and star.y0 > number.y1
    assert abs(kind.centre - middle) <= TOLERANCE  # centred on the text block
    assert "Bold" in motto.font and "Bold" in body_line.font and "Bold" in kind.font
    assert "Bold" not in issuer.font and "Italic" not in issuer.font  # the superior body: upright, regular
    assert "Italic" in day.font and "Bold" not in day.font
    assert "Bold" not in number.font
    subject = "Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh trong năm 2023 - 2024"
    assert subject in joined(first)
    # The rule under "ĐẢNG CỘNG SẢN VIỆT NAM", as wide as the line.
    under = [r for r in rules(path) if motto.y0 - 8 < r[1] < motto.y0 + 1]
    assert any(abs(r[0] - motto.x0) < 3 and abs(r[2] - motto.x1) < 3 for r in under), (motto, under)
    # The end: "Nơi nhận" on the left, the signature block on the right.
    last = lines[-1] if any(line.text == "Nơi nhận:" for line in lines[-1]) else lines[-2] + lines[-1]
    recipients = find(last, "Nơi nhận:")
    signer = find(last, "TRƯỞNG BAN")
    name = find(last, "Lê Đức Dục")
    assert recipients.centre < middle < signer.centre and "Bold" in recipients.font and "Italic" in recipients.font
    assert abs(signer.centre - name.centre) < 3 and signer.y0 - name.y1 > 40  # room for the signature


def check_outline(lines: list[list[Line]], dataset) -> None:
    outline = dataset.outlines[OUTLINE]
    text = joined([line for page in lines for line in page])
    assert outline.title.upper() in text  # the title, in capitals
    first = lines[0][0]
    assert "Bold" in first.font and abs(first.centre - (LEFT + RIGHT) / 2) <= TOLERANCE
    for roman, section in zip(["I.", "II.", "III.", "IV."], outline.sections):
        assert f"{roman} {section.title.upper()}" in text, roman
        assert f"1. {section.sections[0].title}" in text
    assert "Nguồn:" not in text


def render_png(pdf: Path, name: str) -> Path:
    """The first page as a PNG in test-artifacts/print/ (Debian's poppler-utils: pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        _unavailable("pdftoppm is missing: install Debian's package poppler-utils (./setup.sh test does)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                   check=True, timeout=120)
    png = ARTIFACTS / f"{name}.png"  # -singlefile: the prefix plus ".png"
    assert png.stat().st_size > 10_000
    return png


# ---- fixtures ----

@pytest.fixture(scope="session")
def dataset(shipped_dataset):
    return shipped_dataset


@pytest.fixture(scope="session")
def chromium_pdfs(browser, site_url: str, tmp_path_factory) -> dict[str, Path]:
    """The four pages printed by Chromium from the served site, as the print dialog would (CSS page size)."""
    out = tmp_path_factory.mktemp("chromium-pdfs")
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    printed = {}
    try:
        for name, source in DOCUMENTS.items():
            page.emulate_media(media="print")
            page.goto(site_url + print_pack.page_url(source), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            target = out / f"{name}.pdf"
            target.write_bytes(page.pdf(prefer_css_page_size=True))
            printed[name] = target
    finally:
        context.close()
    return printed


@pytest.fixture(scope="session")
def pdf_build(browser, sites) -> Build:
    """The shipped site built with SOTAY_PDF=1: every plan, outline and print pack gets its PDF (the browser
    fixture first: without Chromium the tests are skipped, or fail under CI, before a build of minutes)."""
    return sites.get(SHIPPED_PDF)


def build_pdf(build: Build, name: str) -> Path:
    return build.site / print_pack.pdf_path(DOCUMENTS[name])


# ---- Chromium's print of the served pages ----

@pytest.mark.parametrize("name", ["plan", "outline", "state-plan", "pack"])
def test_chromium_print_is_an_official_a4_document(chromium_pdfs, dataset, name: str) -> None:
    path = chromium_pdfs[name]
    lines = check_document(path)
    render_png(path, f"chromium-{name}")
    if name == "plan":
        check_plan_header(path, lines)
    if name == "outline":
        check_outline(lines, dataset)


def test_state_plan_prints_the_state_header(chromium_pdfs) -> None:
    path = chromium_pdfs["state-plan"]
    first = pdf_pages_lines(path)[0]
    national, motto, issuer = (find(first, text) for text in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH LAI CHÂU"))
    middle = (LEFT + RIGHT) / 2
    assert national.centre > middle and motto.centre > middle and issuer.centre < middle
    assert "Bold" in national.font and "Bold" in motto.font and "Bold" not in issuer.font
    assert national.y0 > motto.y1  # the national name on one line, the motto under it
    assert find(first, "KẾ HOẠCH").y1 < motto.y0
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in joined(first)
    # A rule under "Độc lập - Tự do - Hạnh phúc" as wide as the line, a shorter one under the issuer.
    under = [r for r in rules(path) if motto.y0 - 8 < r[1] < motto.y0 + 1]
    assert any(abs(r[0] - motto.x0) < 3 and abs(r[2] - motto.x1) < 3 for r in under), (motto, under)
    assert any(r[2] < middle and r[2] - r[0] < issuer.x1 - issuer.x0 for r in rules(path)), "rule under the issuer"


def test_print_pack_is_compact_and_complete(chromium_pdfs, dataset) -> None:
    lines = pdf_pages_lines(chromium_pdfs["pack"])
    text = joined([line for page in lines for line in page])
    assert len(lines) <= 3
    assert "TÀI LIỆU SINH HOẠT CHI BỘ" in text
    assert "Thời gian diễn ra: 07/5/2024" in text and "Tuyên truyền sâu đậm: 17/4/2024 - 12/5/2024" in text
    assert dataset.outlines[OUTLINE].title in text
    assert "VIỆC CHI BỘ, CƠ SỞ CẦN LÀM" in text and "sinh hoạt chi bộ" in text


# ---- the build's PDFs ----

@pytest.mark.parametrize("name", ["plan", "outline"])
def test_build_pdf_is_an_official_a4_document(pdf_build, dataset, name: str) -> None:
    path = build_pdf(pdf_build, name)
    lines = check_document(path)
    render_png(path, f"build-{name}")
    if name == "plan":
        check_plan_header(path, lines)
        # The body is the data's Vietnamese text, letter for letter (whitespace aside).
        text = joined([line for page in lines for line in page])
        for paragraph in [*dataset.plans[PLAN].purposes, *dataset.plans[PLAN].forms]:
            assert " ".join(paragraph.text.split()) in text
    else:
        check_outline(lines, dataset)


def test_build_makes_every_pdf_and_links_it(pdf_build, dataset) -> None:
    from pypdf import PdfReader

    pages = print_pack.pdf_pages(dataset)
    for source in pages:
        pdf = pdf_build.site / print_pack.pdf_path(source)
        reader = PdfReader(str(pdf))  # a real PDF, not the placeholder listed before the build
        assert len(reader.pages) >= 1 and b"placeholder" not in pdf.read_bytes()[:200], source
        assert check_a4(pdf) == len(reader.pages)
        fonts = embedded_fonts(pdf)
        assert fonts and all(fonts.values()), (source, fonts)
        assert not any("/Annots" in page for page in reader.pages), source  # no links to the build's local server
        assert reader.metadata.title and "Sổ tay" not in reader.metadata.title, reader.metadata.title
        html = (pdf_build.site / print_pack.page_url(source) / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a class="md-button" href="([^"]+)"[^>]*>Tải PDF</a>', html)
        assert link, source
        assert (pdf_build.site / print_pack.page_url(source) / link.group(1)).resolve() == pdf.resolve()
    assert re.search(r"Đã tạo \d+ bản PDF", pdf_build.messages)


def test_print_dialog_headers_and_footers_add_nothing(browser, site_url: str, tmp_path: Path) -> None:
    """Chromium's print dialog adds date, title, address and "n/m" by default ("Headers and footers"); the
    stylesheet's margin boxes keep them out."""
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(site_url + f"de-cuong/{OUTLINE}/", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        path = tmp_path / "dialog.pdf"
        path.write_bytes(page.pdf(prefer_css_page_size=True, display_header_footer=True))
    finally:
        context.close()
    lines = pdf_pages_lines(path)
    text = joined([line for page in lines for line in page])
    assert "127.0.0.1" not in text and "Sổ tay tuyên truyền" not in text and not re.search(r"\b\d/\d\b", text)
    assert [line.text for line in lines[0] if in_top_margin(line)] == []
    assert [line.text for line in lines[1] if in_top_margin(line)] == ["2"]
    assert not any(line.y1 < BOTTOM for page in lines for line in page)  # nothing in the bottom margin


# ---- the "In" button and file:// ----

def test_print_button_prints_the_page(browser, site_url: str) -> None:
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(site_url + f"de-cuong/{OUTLINE}/", wait_until="load")
        page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
        button = page.locator(".sotay-print-button")
        assert button.is_visible() and button.inner_text() == "In"
        button.click()
        assert page.evaluate("window.__printed") == 1
        attributes = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
            el => [...el.attributes].map(a => a.name)).filter(n => n.startsWith('on'))""")
        assert attributes == []
        page.emulate_media(media="print")
        assert not button.is_visible()
        for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".md-search"):
            assert not page.locator(selector).first.is_visible(), selector
    finally:
        context.close()


def test_printing_from_a_folder_uses_the_shipped_font(browser, built_site: Path) -> None:
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        page.goto((built_site / "ke-hoach" / PLAN / "index.html").as_uri(), wait_until="load")
        page.emulate_media(media="print")
        loaded = page.evaluate("""async () => { await document.fonts.load('14pt "Sotay Serif"');
            await document.fonts.load('bold 14pt "Sotay Serif"'); await document.fonts.ready;
            return [...document.fonts].filter(f => f.family.includes('Sotay Serif') && f.status === 'loaded')
                .length; }""")
        assert loaded >= 2
    finally:
        context.close()


# ---- benchmark ----

@pytest.mark.benchmark
def test_benchmark_pdfs_of_the_shipped_data(browser, built_site: Path, pdf_build, dataset, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from pypdf import PdfReader

    pages = print_pack.pdf_pages(dataset)
    jobs = [pdf_engine.PdfJob(print_pack.page_url(page), print_pack.pdf_path(page)) for page in pages]
    started = time.perf_counter()
    results = pdf_engine.print_pdfs(built_site, jobs, browser=browser, out_dir=tmp_path)
    total = time.perf_counter() - started
    sheets = sum(len(PdfReader(str(r.path)).pages) for r in results)
    assert len(results) == len(jobs)
    by_kind: dict[str, list[float]] = {}
    for result in results:
        by_kind.setdefault(result.job.pdf.split("/")[0], []).append(result.seconds)
    kinds = ", ".join(f"{kind} {len(times)} × median {statistics.median(times):.2f} s"
                      for kind, times in sorted(by_kind.items()))
    with capsys.disabled():
        print(f"\n[benchmark] PDFs of the shipped data: {len(results)} PDFs, {sheets} A4 pages, "
              f"{sum(r.size for r in results) / 1e6:.1f} MB in {total:.1f} s "
              f"({total / sheets * 1000:.0f} ms a page; {kinds}); "
              f"full build with SOTAY_PDF=1 (build, browser start, PDFs): {pdf_build.seconds:.1f} s")
