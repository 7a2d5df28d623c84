"""Plan pages, cited-document pages and their indexes, built from the shipped data and read as HTML.

The site is built once for the module (MkDocs, strict, fixed build date); the assertions read the
rendered <article> of each page, so they check what a reader sees, not the templates.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.views import documents as document_view
from macros.views.text import section_note
from macros.core.numbering import roman
from macros.views.site import make_site

from .sites import article, text_of

BUILD_DATE = "2024-05-01"
PLAN_IDS = ("171-kh-btgtu", "kh-btc-20-nam-chia-tach", "kh-svhttdl-tuyen-truyen-dai-hoi-2025")


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset




def norm(text: str) -> str:
    return " ".join(str(text).split())


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]+)"', html)


def header_block(html: str) -> str:
    start = html.index('<div class="sotay-doc-header')
    return html[start:html.index('<p class="sotay-doc-header__subject', start)]


class Headings(HTMLParser):
    """The text of every h2/h3/h4 of a fragment, in order, with its level."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._level: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3", "h4"):
            self._level, self._text = int(tag[1]), []

    def handle_endtag(self, tag):
        if self._level is not None and tag == f"h{self._level}":
            self.found.append((self._level, " ".join("".join(self._text).split())))
            self._level = None

    def handle_data(self, data):
        if self._level is not None:
            self._text.append(data)


def headings(html: str) -> list[tuple[int, str]]:
    parser = Headings()
    parser.feed(html)
    # Drop the permalink mark "¶" that the toc extension adds to each heading.
    return [(level, text.replace("¶", "").strip()) for level, text in parser.found]


# ---- plan pages ----

@pytest.mark.site
@pytest.mark.parametrize(("plan_id", "facts"), [
    ("171-kh-btgtu", ["Kế hoạch số 171-KH/BTGTU", "30/5/2023", "Ban Tuyên giáo Tỉnh ủy", "Kế hoạch",
                      "Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh "
                      "trong năm 2023 - 2024"]),
    ("kh-btc-20-nam-chia-tach", ["chưa rõ số", "Số và ký hiệu: chưa rõ", "Ngày ban hành: Chưa rõ",
                                 "Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh", "Kế hoạch",
                                 "Tổ chức các hoạt động kỷ niệm 20 năm chia tách, thành lập tỉnh Lai Châu "
                                 "(01/01/2004 - 01/01/2024)"]),
    ("kh-svhttdl-tuyen-truyen-dai-hoi-2025", ["chưa rõ số", "Số và ký hiệu: chưa rõ", "Ngày ban hành: Chưa rõ",
                                              "Sở Văn hóa, Thể thao và Du lịch", "Kế hoạch",
                                              "Tuyên truyền đại hội đảng bộ các cấp, Đại hội Đảng bộ tỉnh lần thứ "
                                              "XV và Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"]),
])
def test_plan_page_shows_number_date_issuer_kind_and_title(site: Path, plan_id: str, facts: list[str]) -> None:
    text = text_of(article(site, f"ke-hoach/{plan_id}"))
    for fact in facts:
        assert fact in text, fact


@pytest.mark.site
def test_party_plan_has_the_party_header(site: Path) -> None:
    html = article(site, "ke-hoach/171-kh-btgtu")
    head = text_of(header_block(html))
    assert "sotay-doc-header--party" in html
    for line in ("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 171-KH/BTGTU",
                 "Lai Châu, ngày 30 tháng 5 năm 2023"):
        assert line in head, line
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in head
    assert re.search(r'<p class="sotay-doc-header__body"><strong>BAN TUYÊN GIÁO</strong>', html)
    assert re.search(r'<em>Lai Châu, ngày 30 tháng 5 năm 2023</em>', html)
    assert re.search(r'sotay-doc-header__kind"><strong>KẾ HOẠCH</strong>', html)
    # The superior body comes before the issuer, the issuer before the star.
    assert head.index("TỈNH ỦY LAI CHÂU") < head.index("BAN TUYÊN GIÁO") < head.index("*")


@pytest.mark.site
def test_state_plans_have_the_state_header_and_say_what_is_unknown(site: Path) -> None:
    html = article(site, "ke-hoach/kh-svhttdl-tuyen-truyen-dai-hoi-2025")
    head = text_of(header_block(html))
    assert "sotay-doc-header--state" in html
    # What is unknown is in square brackets, the editor's words (macros/views/header.py), never "chưa rõ, chưa rõ".
    for line in ("UBND TỈNH LAI CHÂU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: [chưa rõ]", "[chưa rõ địa danh", "KẾ HOẠCH"):
        assert line in head, line
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in head and "chưa rõ, chưa rõ" not in head
    btc = text_of(header_block(article(site, "ke-hoach/kh-btc-20-nam-chia-tach")))
    assert "UBND TỈNH LAI CHÂU" in btc and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in btc
    assert "BAN TỔ CHỨC KỶ NIỆM 20 NĂM CHIA TÁCH, THÀNH LẬP TỈNH" in btc
    assert "Số: [chưa rõ]" in btc and "[chưa rõ địa danh" in btc and "chưa rõ, chưa rõ" not in btc


@pytest.mark.site
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_header_is_plain_html_without_links(site: Path, plan_id: str) -> None:
    html = article(site, f"ke-hoach/{plan_id}")
    start = html.index('<div class="sotay-doc-header')
    end = html.index("</div>", html.index('sotay-doc-header__subject', start))
    assert "<a " not in html[start:end]


def _standard_layout(dataset, plan_id: str) -> list[tuple[int, str]]:
    """The Markdown headings of a plan's page when it is laid out as a plan written in the handbook itself (no
    `printed`): (level, text)."""
    import copy
    from datetime import date
    from macros.core.model import Dataset
    plain = copy.copy(dataset.plans[plan_id])
    plain.printed = []
    data = Dataset(**{**vars(dataset), "plans": {**dataset.plans, plan_id: plain}})
    markdown = make_site(data, date(2024, 5, 1)).render("pages/plan.md.j2", f"ke-hoach/{plan_id}.md", plan=plain)
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{2,5}) (.+?)(?: \{:.*\})?$", markdown, re.M)]


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_plans_written_in_the_handbook_are_numbered_without_gaps(dataset, plan_id: str) -> None:
    """Without `printed`, the parts take the standard order and computed numbers I., II., … and 1., 2., …"""
    found = _standard_layout(dataset, plan_id)
    top = [text.split(" ", 1)[0] for level, text in found if level == 2 and re.match(r"[IVXLC]+\. ", text)]
    assert top == [f"{roman(i)}." for i in range(1, len(top) + 1)]
    assert top[:2] == ["I.", "II."]
    current: list[str] = []
    for level, text in found:
        if level == 2:
            current = []
        elif level == 3 and re.match(r"\d+\. ", text):
            current.append(text.split(".", 1)[0])
            assert current == [str(i) for i in range(1, len(current) + 1)], text


def test_171_without_printed_sections_gets_the_standard_parts(dataset) -> None:
    parts = [text for level, text in _standard_layout(dataset, "171-kh-btgtu") if level == 2]
    assert parts[parts.index("I. Mục đích, yêu cầu"):] == [
        "I. Mục đích, yêu cầu", "II. Nội dung tuyên truyền", "III. Hình thức tuyên truyền",
        "IV. Thời gian tuyên truyền", "V. Tổ chức thực hiện", "Tiến độ thực hiện", "Nguồn"]
    # The views the handbook makes of the plan are on the plan's page of progress, not in the document.
    markdown = make_site(dataset, date(2024, 5, 1)).render(
        "pages/plan_progress.md.j2", "ke-hoach/171-kh-btgtu/tien-do.md", plan=dataset.plans["171-kh-btgtu"])
    headings = [m.group(1) for m in re.finditer(r"^## (.+?)(?: \{:.*\})?$", markdown, re.M)]
    assert headings == ["Tiến độ thực hiện", "Theo đơn vị chủ trì"]


@pytest.mark.site
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_issued_plans_keep_their_printed_headings(site: Path, dataset, plan_id: str) -> None:
    from macros.core.printed import walk
    html = article(site, f"ke-hoach/{plan_id}")
    found = [norm(text_of(h)).removesuffix("¶").strip() for h in re.findall(r"<h[2-6][^>]*>.*?</h[2-6]>", html, re.S)]
    printed = [f"{s.label} {s.heading}" if s.label else s.heading
               for s, _ in walk(dataset.plans[plan_id].printed) if s.heading]
    positions = [found.index(norm(text)) for text in printed]
    assert positions == sorted(positions)


@pytest.mark.site
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_every_task_recipient_and_the_signer_are_shown(site: Path, dataset, plan_id: str) -> None:
    plan = dataset.plans[plan_id]
    text = text_of(article(site, f"ke-hoach/{plan_id}"))
    assert plan.tasks
    for task in plan.tasks:
        # The document's own paragraph where it has one (the title is the editor's summary, shown in the
        # "Theo đơn vị chủ trì" view of the plan's page of progress, once per activity).
        first = (task.details or task.title).strip().splitlines()[0].lstrip("-+* ")
        assert norm(first)[:80] in text, task.title
    for recipient in plan.recipients:
        assert norm(recipient.text) in text, recipient.text
    assert "Nơi nhận:" in text
    assert plan.signer is not None
    assert norm(plan.signer.name) in text
    assert norm(plan.signer.title) in text
    assert f"Số nhiệm vụ: {len(plan.tasks)}" in text


@pytest.mark.site
def test_tasks_show_lead_support_time_and_state(site: Path) -> None:
    html = article(site, "ke-hoach/kh-btc-20-nam-chia-tach")
    text = text_of(html)
    assert "Quý II/2023" in text or "Quý II năm 2023" in text
    assert "sotay-state--overdue" in html  # build date 01/5/2024: 2023 tasks are overdue
    assert "Đã thực hiện" in text  # the Marathon (status: da-thuc-hien)
    # A task with four leads, once, with all of them; and the other places of the same activity.
    assert text.replace(" ;", ";").count("Chủ trì: Ban Tuyên giáo Tỉnh ủy; Sở Thông tin và Truyền thông; Sở Văn hóa, "
                                         "Thể thao và Du lịch; Văn phòng UBND tỉnh") == 1
    assert "Cùng hoạt động này, ghi ở: mục D.2" in text.replace(" ;", ";")
    assert 'href="#nv-d2-5"' in html
    assert "../../don-vi/so-van-hoa-the-thao-va-du-lich/" in links(html)


@pytest.mark.site
@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_the_plan_links_its_page_of_progress_which_links_back_to_each_task(site: Path, dataset, plan_id: str) -> None:
    """The progress and the tasks by lead unit are on ke-hoach/<id>/tien-do/, linked from the plan's page; each task
    there links to its place in the document, on the plan's page."""
    plan = article(site, f"ke-hoach/{plan_id}")
    assert "tien-do/" in links(plan)
    assert "Theo đơn vị chủ trì" not in text_of(plan) and "<svg" not in plan.split("sotay-plan-end")[1]
    assert re.search(r'<h2 class="sotay-print-stop"[^>]*>Tiến độ thực hiện', plan)
    progress = article(site, f"ke-hoach/{plan_id}/tien-do")
    assert '<figure class="sotay-progress">' in progress
    assert re.search(r'<h2 class="sotay-print-stop"[^>]*>Theo đơn vị chủ trì', progress)
    anchors = re.findall(r'<a href="\.\./#(nv-[^"]+)">', progress)
    assert anchors and set(anchors) <= set(re.findall(r'id="(nv-[^"]+)"', plan))
    leads = {ref.id for task in dataset.plans[plan_id].tasks for ref in task.lead}
    assert len(re.findall(r'<details class="sotay-lead">', progress)) == len(leads)
    # Each unit's block lists its tasks one to an item, as many as its count says.
    for count, body in re.findall(r'<summary>[^<]* \((\d+) nhiệm vụ\)</summary>(.*?)</details>', progress, re.S):
        assert body.count("<li>") == int(count) and " - <a" not in body, body


@pytest.mark.site
def test_content_phases_and_timing_link_their_events(site: Path) -> None:
    html = article(site, "ke-hoach/171-kh-btgtu")
    assert "../../su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/" in links(html)
    assert "20 ngày trước và 5 ngày sau mỗi sự kiện" in text_of(html)
    sv = article(site, "ke-hoach/kh-svhttdl-tuyen-truyen-dai-hoi-2025")
    text = text_of(sv)
    assert "II. LỘ TRÌNH THỰC HIỆN NỘI DUNG TUYÊN TRUYỀN" in text
    assert "1. Đợt 1. Từ nay đến thời điểm" in text and "3. Đợt 3. Sau khi bế mạc" in text
    assert "../../su-kien/dai-hoi-dang-bo-tinh-lan-thu-xv/" in links(sv)


# ---- lineage, both ways ----

@pytest.mark.site
def test_171_links_to_what_it_implements_and_back(site: Path) -> None:
    plan = article(site, "ke-hoach/171-kh-btgtu")
    assert "../../van-ban/11-ct-tu/" in links(plan)
    assert "../../van-ban/06-kh-btc/" in links(plan)
    doc = article(site, "van-ban/11-ct-tu")
    assert "../../ke-hoach/171-kh-btgtu/" in links(doc)
    assert "../../ke-hoach/kh-btc-20-nam-chia-tach/" in links(doc)
    text = text_of(doc)
    assert "Kế hoạch số 171-KH/BTGTU" in text
    assert "Văn bản khác thực hiện / căn cứ vào văn bản này" in text


@pytest.mark.site
def test_cited_documents_link_each_other_both_ways(site: Path) -> None:
    assert "../45-ct-tw/" in links(article(site, "van-ban/336-kh-tu"))
    back = article(site, "van-ban/45-ct-tw")
    assert "../336-kh-tu/" in links(back)
    assert "Kế hoạch số 336-KH/TU" in text_of(back)


@pytest.mark.site
def test_plan_based_on_a_decision_shows_the_relation(site: Path) -> None:
    plan = article(site, "ke-hoach/kh-btc-20-nam-chia-tach")
    text = text_of(plan)
    assert "Căn cứ: Quyết định số 125/QĐ-UBND" in text
    assert "Thực hiện: Thông báo số 669-TB/TU" in text
    back = article(site, "van-ban/125-qd-ubnd")
    assert "Căn cứ: Kế hoạch của Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh (chưa rõ số)" in text_of(back)


@pytest.mark.site
def test_document_pages_say_what_is_known_and_that_there_is_no_text(site: Path, dataset) -> None:
    for doc_id, doc in dataset.documents.items():
        if doc_id in dataset.plans:
            continue
        html = article(site, f"van-ban/{doc_id}")
        text = text_of(html)
        assert "không lưu toàn văn" in text, doc_id
        assert f"Số và ký hiệu: {doc.number}" in text, doc_id
        assert "Văn bản này được trích dẫn tại:" in text
        for ref in doc.issuer:
            assert f"../../don-vi/{ref.id}/" in links(html), doc_id
    text = text_of(article(site, "van-ban/11-ct-tu"))
    assert "Loại văn bản: Chỉ thị" in text and "Ngày ban hành: 15/6/2022" in text
    assert "về tổ chức kỷ niệm các sự kiện lịch sử của tỉnh trong năm 2024" in text
    text = text_of(article(site, "van-ban/01-kl-tw"))
    assert "Ngày ban hành: Chưa rõ" in text
    assert "Trích yếu: chưa rõ" in text_of(article(site, "van-ban/06-kh-btc"))


# ---- indexes ----

@pytest.mark.site
def test_plans_index_lists_every_plan_by_issuer(site: Path, dataset) -> None:
    html = article(site, "ke-hoach")
    text = text_of(html)
    for plan_id, plan in dataset.plans.items():
        assert f"{plan_id}/" in links(html), plan_id
        assert norm(plan.title) in text
    assert "171-KH/BTGTU" in text and "30/5/2023" in text
    groups = [text for level, text in headings(html) if level == 2]
    # In the order of the hierarchy (documents.by_issuer): the Party's body before the State's.
    assert groups == ["Ban Tuyên giáo Tỉnh ủy", "Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh",
                      "Sở Văn hóa, Thể thao và Du lịch"]
    for plan_id, plan in dataset.plans.items():
        row = re.search(rf'<tr>(?:(?!</tr>).)*href="{plan_id}/"(?:(?!</tr>).)*</tr>', html, re.S)
        assert row, plan_id
        assert re.findall(r"<td>([^<]*)</td>", row.group(0))[-1] == str(len(plan.tasks))


@pytest.mark.site
def test_documents_index_lists_every_document_unknown_dates_last(site: Path, dataset) -> None:
    html = article(site, "van-ban")
    for doc_id in dataset.documents:
        target = f"../ke-hoach/{doc_id}/" if doc_id in dataset.plans else f"{doc_id}/"
        assert target in links(html), doc_id
    # Ban Chấp hành Trung ương: dated documents by date, then 21-KL/TW (date unknown) shown as "Chưa rõ".
    section = html[html.index("Ban Chấp hành Trung ương Đảng"):]
    section = section[:section.index("</table>")]
    order = re.findall(r'href="([0-9a-z-]+)/"', section)
    assert order == ["18-nq-tw", "121-kl-tw", "60-nq-tw", "21-kl-tw"]
    assert "Chưa rõ" in text_of(section[section.index("21-kl-tw"):])


# ---- helpers without a build ----

def test_upper_handles_decomposed_vietnamese() -> None:
    decomposed = "Tỉnh ủy Lai Châu".replace("ủ", "u\u0309")
    assert document_view.upper(decomposed) == "TỈNH ỦY LAI CHÂU"
    assert document_view.upper("đảng") == "ĐẢNG"


def test_issuer_lines_come_from_the_organisations(dataset) -> None:
    from datetime import date
    v = make_site(dataset, date(2024, 5, 1))
    assert v.documents.issuer_lines(dataset.plans["171-kh-btgtu"]) == ("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO")
    assert v.documents.issuer_lines(dataset.plans["kh-svhttdl-tuyen-truyen-dai-hoi-2025"]) == (
        "UBND TỈNH LAI CHÂU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    assert section_note("II.1.2.2") == "(mục II.1.2.2 trong văn bản gốc)"
    assert section_note("Phần mở đầu") == "(Phần mở đầu trong văn bản gốc)"
    assert section_note(None) == ""
