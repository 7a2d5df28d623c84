"""The official header of a document for every kind of issuer (macros/views/header.py), on the data set of
tests/fixtures/headers: one plan per kind of issuer, plus the header written in the data, unknown number, place and
date, an issue date known only as a bound, and a document whose kind is not printed and which has no trích yếu.

The table is checked three times: on the header module itself (fast, no build), then in one small site built with
its PDFs (marked `site` and `browser`: Chromium prints the PDFs), in the HTML of each plan page and in the text of the
first page of its PDF.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from macros.core.check import check_data
from macros.views import header as header_rules
from macros.views import print_pack
from macros.views.site import Site, make_site

from .sites import FIXTURES, ROOT, SiteConfig, article, make_project, text_of

DATA = FIXTURES / "headers"
BUILD_DATE = "2024-05-01"
PARTY, STATE, YOUTH = "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐOÀN TNCS HỒ CHÍ MINH"
MOTTO2 = "Độc lập - Tự do - Hạnh phúc"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Case:
    plan: str  # the plan's id in tests/fixtures/headers/plans
    superior: str | None
    issuer: str
    motto: str  # the first national line: it also says the layout (Party, State, Đoàn)
    number: str
    date: str
    kind: str | None
    subject: str
    authority: str | None = None  # the line over the signer's title

    @property
    def system(self) -> str:
        return {PARTY: "party", STATE: "state", YOUTH: "youth"}[self.motto]


SUBJECT_70 = "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"
CASES = [
    # Hướng dẫn 36-HD/VPTW: a committee under the Central Committee prints its name alone.
    Case("kh-tinh-uy", None, "TỈNH ỦY LAI CHÂU", PARTY, "Số 15-KH/TU", "Lai Châu, ngày 12 tháng 01 năm 2024",
         "KẾ HOẠCH", "Tổ chức các hoạt động kỷ niệm 20 năm chia tách, thành lập tỉnh"),
    # A body of a committee: the committee over the body's own name.
    Case("kh-ban-tuyen-giao", "TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", PARTY, "Số 171-KH/BTGTU",
         "Lai Châu, ngày 30 tháng 5 năm 2023", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh trong năm 2023 - 2024"),
    # The Ban Thường vụ writes in the committee's name and signs on its behalf.
    Case("ct-ban-thuong-vu", None, "TỈNH ỦY LAI CHÂU", PARTY, "Số 11-CT/TU", "Lai Châu, ngày 15 tháng 6 năm 2022",
         "CHỈ THỊ", "về tổ chức kỷ niệm các sự kiện lịch sử của tỉnh trong năm 2024", "T/M BAN THƯỜNG VỤ"),
    # A committee below the province: the Party organisation (đảng bộ) of the committee above.
    Case("kh-huyen-uy", "ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY TAM ĐƯỜNG", PARTY, "Số 25-KH/HU",
         "Tam Đường, ngày 10 tháng 6 năm 2023", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm các sự kiện lịch sử của tỉnh và huyện năm 2023 - 2024"),
    Case("kh-dang-uy-khoi", "ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", PARTY, "Số 30-KH/ĐUK",
         "Lai Châu, ngày 20 tháng 4 năm 2024", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trong Đảng bộ Khối"),
    Case("kh-dang-uy-xa", "ĐẢNG BỘ HUYỆN TAM ĐƯỜNG", "ĐẢNG ỦY XÃ BẢN GIANG", PARTY, "Số 05-KH/ĐU",
         "Bản Giang, ngày 02 tháng 02 năm 2024", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam"),
    # Since 01/7/2025 a commune's đảng bộ is directly under the Tỉnh ủy.
    Case("kh-dang-uy-xa-2025", "ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY XÃ BÌNH LƯ", PARTY, "Số 12-KH/ĐU",
         "Bình Lư, ngày 15 tháng 8 năm 2025", "KẾ HOẠCH", "Tuyên truyền đại hội đảng bộ xã"),
    Case("kh-chi-bo", "ĐẢNG BỘ XÃ BẢN GIANG", "CHI BỘ BẢN NÀ ĐÔNG", PARTY, "Số 02-KH/CB",
         "Bản Giang, ngày 05 tháng 3 năm 2024", "KẾ HOẠCH",
         "Sinh hoạt chuyên đề kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"),
    # Nghị định 30/2020/NĐ-CP: a people's committee prints no superior, at any level.
    Case("kh-ubnd-tinh", None, "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", STATE, "Số: 125/KH-UBND",
         "Lai Châu, ngày 30 tháng 01 năm 2023", "KẾ HOẠCH", "Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh"),
    Case("kh-so", "UBND TỈNH LAI CHÂU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", STATE, "Số: 805/KH-SVHTTDL",
         "Lai Châu, ngày 15 tháng 4 năm 2024", "KẾ HOẠCH",
         "Tuyên truyền trực quan kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "KT. GIÁM ĐỐC"),
    Case("kh-ubnd-huyen", None, "ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG", STATE, "Số: 210/KH-UBND",
         "Tam Đường, ngày 12 tháng 3 năm 2024", "KẾ HOẠCH",
         "Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trên địa bàn huyện"),
    Case("kh-ubnd-xa", None, "ỦY BAN NHÂN DÂN XÃ BẢN GIANG", STATE, "Số: 45/KH-UBND",
         "Bản Giang, ngày 18 tháng 3 năm 2024", "KẾ HOẠCH",
         "Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trên địa bàn xã"),
    # The Mặt trận: the state layout, its name alone.
    Case("kh-mat-tran", None, "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH LAI CHÂU", STATE, "Số: 20/KH-MTTQ-BTT",
         "Lai Châu, ngày 25 tháng 3 năm 2024", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trong các tầng lớp Nhân dân"),
    # The Đoàn: its Ban Chấp hành, "***", "ĐOÀN TNCS HỒ CHÍ MINH".
    Case("kh-tinh-doan", None, "BCH ĐOÀN TỈNH LAI CHÂU", YOUTH, "Số: 250-KH/TĐTN-TG",
         "Lai Châu, ngày 28 tháng 3 năm 2024", "KẾ HOẠCH",
         "Tổ chức các hoạt động tuổi trẻ kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"),
    # The document's own `header` (written in lower case in the data) wins over the rule.
    Case("kh-ghi-de", "HUYỆN ỦY TAM ĐƯỜNG", "BAN CHỈ ĐẠO KỶ NIỆM 70 NĂM CHIẾN THẮNG ĐIỆN BIÊN PHỦ", PARTY,
         "Số 26-KH/HU", "Tam Đường, ngày 01 tháng 4 năm 2024", "KẾ HOẠCH",
         "Tổ chức các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"),
    # Unknown number, place and date: the editor's words in square brackets, never "chưa rõ, chưa rõ …".
    Case("kh-chua-ro", "ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY TAM ĐƯỜNG", PARTY, "Số [chưa rõ]",
         "[chưa rõ địa danh và ngày ban hành]", "KẾ HOẠCH", SUBJECT_70),
    Case("kh-chua-ro-nha-nuoc", "UBND TỈNH LAI CHÂU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", STATE, "Số: [chưa rõ]",
         "[chưa rõ địa danh; ban hành sau ngày 30/6/2025]", "KẾ HOẠCH", "Tuyên truyền đại hội đảng bộ các cấp"),
    # An issue date known only as a bound.
    Case("kh-sau-ngay", "ĐẢNG BỘ TỈNH LAI CHÂU", "HUYỆN ỦY TAM ĐƯỜNG", PARTY, "Số 27-KH/HU",
         "Tam Đường, [ban hành sau ngày 30/5/2023]", "KẾ HOẠCH",
         "Tuyên truyền kỷ niệm các sự kiện lịch sử năm 2023 - 2024 trên địa bàn huyện"),
    # No kind printed, no trích yếu: no kind line; the editor's subject, marked as the editor's.
    Case("vb-khong-ro-loai", "ĐẢNG BỘ TỈNH LAI CHÂU", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH", PARTY, "Số [chưa rõ]",
         "Lai Châu, [chưa rõ ngày ban hành]", None,
         "[Trích yếu do người biên tập ghi: Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ trong các cơ quan "
         "của khối]"),
]
IDS = [case.plan for case in CASES]


def test_the_table_covers_every_plan_of_the_fixture() -> None:
    assert sorted(IDS) == sorted(path.stem for path in (DATA / "plans").glob("*.yml"))


# ---------------------------------------------------------------------------------------------------------------
# The header module, on the fixture's data (no build)
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checked():
    return check_data(DATA, base=ROOT)


@pytest.fixture(scope="module")
def v(checked) -> Site:
    data, _, _ = checked
    return make_site(data, date.fromisoformat(BUILD_DATE))


def test_the_fixture_is_valid_data(checked) -> None:
    _, problems, _ = checked
    assert not problems, "\n".join(p.format() for p in problems.sorted())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_header_lines(v: Site, case: Case) -> None:
    plan = v.data.plans[case.plan]
    head = v.documents.header(plan)
    assert head.issuer_lines == (case.superior, case.issuer)
    assert v.documents.issuer_lines(plan) == (case.superior, case.issuer)
    assert (head.system, head.motto[0]) == (case.system, case.motto)
    assert head.motto[1:] == ((MOTTO2,) if case.motto == STATE else ())
    assert head.star == {"party": "*", "youth": "***", "state": None}[case.system]
    assert head.number_line == case.number
    assert head.number_known == ("[" not in case.number)
    assert head.date_line == case.date
    assert head.date_known == ("[" not in case.date)
    assert head.kind == case.kind
    assert head.subject == case.subject
    assert head.subject_printed == (not case.subject.startswith("["))
    assert v.documents.signer_authority(plan) == case.authority
    assert "chưa rõ, chưa rõ" not in head.date_line


def test_collective_organ_of_the_doan_writes_in_its_name(v: Site) -> None:
    """The Ban Thường vụ Tỉnh đoàn, like the Party's Ban Thường vụ, writes in the name of its Ban Chấp hành."""
    from dataclasses import replace
    from macros.core.diagnostics import Pos
    from macros.core.fields import Ref

    plan = replace(v.data.plans["kh-tinh-doan"], issuer=[Ref("organisation", "ban-thuong-vu-tinh-doan", Pos(""))])
    head = v.documents.header(plan)
    assert (head.system, head.issuer_lines, head.star) == ("youth", (None, "BCH ĐOÀN TỈNH LAI CHÂU"), "***")


def test_override_without_an_upper_line(v: Site) -> None:
    from dataclasses import replace
    from macros.core.model import HeaderLines

    plan = replace(v.data.plans["kh-ubnd-tinh"], header=HeaderLines(upper=None, lower="Ủy ban nhân dân tỉnh"))
    assert v.documents.issuer_lines(plan) == (None, "ỦY BAN NHÂN DÂN TỈNH")


@pytest.mark.parametrize(("name", "locality"), [
    ("Ủy ban nhân dân tỉnh Lai Châu", "tỉnh Lai Châu"),
    ("UBND thành phố Lai Châu", "thành phố Lai Châu"),
    ("Ủy ban nhân dân thị xã Mường Lay", "thị xã Mường Lay"),
    ("Đảng ủy xã Bản Giang", "xã Bản Giang"),
    ("Ban Quản lý dự án", None),
])
def test_locality_of_a_name(name: str, locality: str | None) -> None:
    assert header_rules._locality(name) == locality


def test_cited_document_says_what_is_unknown(v: Site) -> None:
    doc = v.data.documents["vb-dang-uy-khoi"]
    assert v.documents.kind_text(doc) == "Chưa rõ (văn bản không in tên loại)"
    assert v.documents.date_text(doc) == "Chưa rõ (ban hành sau ngày 20/4/2024)"
    assert v.documents.date_phrase(doc) == "ban hành sau ngày 20/4/2024"
    assert v.documents.title_text(doc) == ("[Trích yếu do người biên tập ghi: Yêu cầu các chi bộ trong khối treo cờ, "
                                           "băng rôn kỷ niệm 70 năm Chiến thắng Điện Biên Phủ]")
    assert v.documents.cite_label(doc) == "Văn bản của Đảng ủy Khối các cơ quan tỉnh (chưa rõ số)"
    known = v.data.plans["kh-huyen-uy"]
    assert (v.documents.kind_text(known), v.documents.date_text(known)) == ("Kế hoạch", "10/6/2023")
    assert v.documents.number_text(v.data.plans["kh-chua-ro"]) == "chưa rõ"


# ---------------------------------------------------------------------------------------------------------------
# One site built with its PDFs: the HTML of each plan page and the text of its PDF
# ---------------------------------------------------------------------------------------------------------------

def headers_project(where: Path) -> Path:
    return make_project(where, data=DATA)


HEADERS_PDF = SiteConfig("headers-pdf", project=headers_project, build_date=BUILD_DATE, pdf=True)


@pytest.fixture(scope="module")
def built(sites) -> Path:
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's package chromium (./setup.sh test does)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI=true: the PDF tests must run)", pytrace=False)
        pytest.skip(reason)
    return sites.site(HEADERS_PDF)


def header_parts(html: str) -> dict[str, str]:
    """The text of each line of the page's header block, by the part of its class after "sotay-doc-header__"."""
    start = html.index('<div class="sotay-doc-header')
    end = html.index("</div>", html.index('sotay-doc-header__subject', start))
    block = html[start:end]
    return {name: " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split())
            for name, text in re.findall(r'<p class="sotay-doc-header__([a-z0-9]+)[^"]*">(.*?)</p>', block, re.S)}


def expected_parts(case: Case) -> dict[str, str]:
    parts = {"body": case.issuer, "motto": case.motto, "number": case.number, "date": case.date,
             "subject": case.subject}
    if case.superior:
        parts["superior"] = case.superior
    if case.system != "state":
        parts["star"] = "*" if case.system == "party" else "***"
    if case.motto == STATE:
        parts["motto2"] = MOTTO2
    if case.kind:
        parts["kind"] = case.kind
    return parts


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_plan_page_prints_the_header(built: Path, case: Case) -> None:
    html = article(built, f"ke-hoach/{case.plan}")
    assert header_parts(html) == expected_parts(case)
    assert f"sotay-doc-header--{case.system}" in html
    start = html.index('<div class="sotay-doc-header')
    assert "<a " not in html[start:html.index("</div>", html.index("sotay-doc-header__subject", start))]
    signer = re.search(r'<div class="sotay-plan-signer">(.*?)</div>', html, re.S)
    if case.authority:
        assert signer and f'sotay-plan-signer__authority"><strong>{case.authority}</strong>' in signer.group(1)
    elif signer:
        assert "sotay-plan-signer__authority" not in signer.group(1)
    assert "chưa rõ, chưa rõ" not in text_of(html)


@pytest.mark.site
@pytest.mark.browser
def test_pages_of_what_is_unknown(built: Path) -> None:
    text = text_of(article(built, "ke-hoach/vb-khong-ro-loai"))
    assert "Trích yếu: [Trích yếu do người biên tập ghi: Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ " \
           "trong các cơ quan của khối]" in text
    assert text.startswith("Văn bản của Đảng ủy Khối các cơ quan tỉnh (chưa rõ số)")
    # A cited document shows no header of its own (the project has not seen it printed): its facts say what is
    # unknown in the words the plan pages use.
    html = article(built, "van-ban/vb-dang-uy-khoi")
    text = text_of(html)
    assert "sotay-doc-header" not in html
    for fact in ("Số và ký hiệu: chưa rõ", "Loại văn bản: Chưa rõ (văn bản không in tên loại)",
                 "Ngày ban hành: Chưa rõ (ban hành sau ngày 20/4/2024)",
                 "Trích yếu: [Trích yếu do người biên tập ghi: Yêu cầu các chi bộ trong khối treo cờ, băng rôn kỷ "
                 "niệm 70 năm Chiến thắng Điện Biên Phủ]"):
        assert fact in text, fact
    assert "Số và ký hiệu: chưa rõ" in text_of(article(built, "ke-hoach/kh-chua-ro"))


def pdf_first_page(path: Path) -> tuple[str, str, str]:
    """The text of the first page of a PDF: (left column, right column, all), each top to bottom, the lines of a
    column joined with spaces."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer, LTTextLine

    page = next(extract_pages(str(path), page_numbers=[0]))
    lines = []
    for box in page:
        if isinstance(box, LTTextContainer):
            for line in box:
                text = " ".join(line.get_text().split()) if isinstance(line, LTTextLine) else ""
                if text:
                    lines.append((-round(line.y1), line.x0, (line.x0 + line.x1) / 2, text))
    lines.sort()
    middle = page.width * (30 + 0.45 * (210 - 45)) / 210  # 45 % into the text area (left margin 30 mm, right 15)
    column = lambda keep: " ".join(text for _, _, centre, text in lines if keep(centre))  # noqa: E731
    return column(lambda c: c < middle), column(lambda c: c >= middle), column(lambda c: True)


@pytest.mark.site
@pytest.mark.browser
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_plan_pdf_prints_the_header(built: Path, case: Case) -> None:
    left, right, everything = pdf_first_page(built / print_pack.pdf_path(f"ke-hoach/{case.plan}.md"))
    issuer_block = " ".join(filter(None, [case.superior, case.issuer]))
    assert issuer_block in left, (issuer_block, left)
    assert case.number in left, (case.number, left)
    assert case.motto in right and case.date in right, right
    if case.motto == STATE:
        assert MOTTO2 in right
    else:
        assert left.index(case.issuer) < left.index("*" if case.system == "party" else "***") < left.index(
            case.number)
    assert (case.kind is not None) == any(kind in everything for kind in ("KẾ HOẠCH", "CHỈ THỊ"))
    if case.kind:
        assert everything.index(case.kind) < everything.index(case.subject)
    assert case.subject in everything
    assert "chưa rõ, chưa rõ" not in everything
    if case.authority:
        from pdfminer.high_level import extract_text
        signature = " ".join(extract_text(str(built / print_pack.pdf_path(f"ke-hoach/{case.plan}.md"))).split())
        assert f"{case.authority} " in signature and signature.index(case.authority) > signature.index(case.subject)
