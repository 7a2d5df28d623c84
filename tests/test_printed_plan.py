"""Issued documents shown as issued: the sections of a plan as printed (their order, numbers and headings), each
typed part placed in its own section, tasks in document order and each once, the per-unit view on screen only,
faulty printed numbering kept with a note for editors, and activities written in two places (`same_as`).

The district plan of tests/fixtures/district is test data in the shape of a district plan carrying out
171-KH/BTGTU: I. Mục đích, yêu cầu; II. Nội dung; III. Tổ chức thực hiện with III.1-III.5, one task with three
leads, "Nơi nhận" and the signer. It is built once, with its PDF, and read in the HTML and in the PDF text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from macros.core.check import check_data
from macros.core.printed import label_value, place
from macros.views import print_pack

from .sites import FIXTURES, ROOT, SiteConfig, article, make_project, text_of

DISTRICT = FIXTURES / "district"
PLAN_URL = "ke-hoach/09-kh-hu"


def _district_project(where: Path) -> Path:
    return make_project(where, data=DISTRICT)


DISTRICT_PDF = SiteConfig("district-pdf", project=_district_project, pdf=True)


def _copy(tmp_path: Path, source: Path = DISTRICT) -> Path:
    data = tmp_path / "data"
    shutil.copytree(source, data)
    return data


def _messages(data: Path) -> tuple[list[str], list[str]]:
    _, problems, _ = check_data(data, base=data.parent)
    return [p.format() for p in problems.sorted()], [p.format() for p in problems.sorted_notes()]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---- placing the typed parts in the printed sections ----

def test_district_plan_parts_are_placed_in_their_printed_sections() -> None:
    dataset, problems, _ = check_data(DISTRICT, base=ROOT)
    assert not problems and not problems.notes, [p.format() for p in problems.sorted() + problems.sorted_notes()]
    tree, unplaced = place(dataset.plans["09-kh-hu"])
    assert unplaced == []
    outline = [(node.section.label, node.section.heading, [(p.kind, p.section) for p in node.parts],
                [(c.section.ref, [(p.kind, getattr(p.record, "id", None)) for p in c.parts]) for c in node.children])
               for node in tree]
    assert outline == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU", [("purposes", "I"), ("requirements", "I")], []),
        ("II.", "NỘI DUNG", [("content", "II.1")], []),
        ("III.", "TỔ CHỨC THỰC HIỆN", [], [
            ("III.1", [("tasks", "iii-1")]), ("III.2", [("tasks", "iii-2")]), ("III.3", [("tasks", "iii-3")]),
            ("III.4", [("tasks", "iii-4"), ("tasks", "iii-4-thu-hoach")]), ("III.5", [("tasks", "iii-5")])]),
    ]


def test_shipped_171_is_placed_as_printed_with_a_note_on_its_numbering(shipped_dataset) -> None:
    tree, unplaced = place(shipped_dataset.plans["171-kh-btgtu"])
    assert unplaced == []
    assert [(n.section.label, n.section.heading) for n in tree] == [
        ("I-", "MỤC ĐÍCH, YÊU CẦU"), ("II-", "NỘI DUNG, HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN"),
        ("IV-", "TỔ CHỨC THỰC HIỆN")]
    tasks = [p.record.section for c in tree[2].children for p in c.parts]
    assert tasks == sorted(tasks) and len(tasks) == 13  # document order IV.1 … IV.8


@pytest.mark.parametrize(("label", "value"), [
    ("I-", ("roman", 1)), ("IV-", ("roman", 4)), ("IX.", ("roman", 9)), ("II.", ("roman", 2)),
    ("1.", ("arabic", 1)), ("1.2.", ("arabic", 2)), ("12.", ("arabic", 12)), ("a)", ("letter", 1)),
    ("đ)", ("letter", 5)), ("e)", ("letter", 6)), ("A.", ("capital", 1)), ("D.", ("capital", 4)),
    ("-", None), ("+", None), ("", None), (None, None), ("Phần mở đầu", None),
])
def test_label_value(label, value) -> None:
    assert label_value(label) == value


# ---- the checker: exact messages ----

CHECK_CASES = [
    ("a part whose section is not printed",
     'section: "III.3"\n  - id: iii-4', 'section: "V.3"\n  - id: iii-4',
     ['data/plans/09-kh-hu.yml:78:14: nhiệm vụ (tasks) ghi "section: V.3" nhưng "printed" không có mục này hay mục '
      'nào chứa nó; các mục đã ghi: I, II, III, III.1, III.2, III.3, III.4, III.5'], []),
    ("a part without a section",
     '    text: Đoạn nội dung thử nghiệm thuộc mục II.1.\n    section: "II.1"\n',
     '    text: Đoạn nội dung thử nghiệm thuộc mục II.1.\n',
     ['data/plans/09-kh-hu.yml:56:5: mục nội dung (content) chưa ghi "section": kế hoạch có các mục như bản in '
      '(printed) nên mỗi phần phải ghi mục nơi nó được in, một trong: I, II, III, III.1, III.2, III.3, III.4, '
      'III.5'], []),
    ("a ref written twice",
     '      - ref: "III.2"', '      - ref: "III.1"',
     ['data/plans/09-kh-hu.yml:33:14: mục "III.1" đã ghi tại data/plans/09-kh-hu.yml:30:14; mỗi mục của văn bản '
      '(printed) phải có "ref" riêng'], []),
    ("a jump in the printed numbers is a note",
     '    label: "III."', '    label: "IV."',
     [], ['data/plans/09-kh-hu.yml:27:12: ghi chú: số mục "IV." in ngay sau "II.": bản in đánh số không liên tục. '
          'Trang giữ đúng số như bản in; nếu đây là lỗi gõ của người nhập liệu (không phải của văn bản) thì sửa '
          '"label"; nếu đúng như bản in, ghi lại điều đó ở "note" của mục để ghi chú này không nhắc lại']),
    ("a jump the editor has noted is not repeated",
     '    label: "III."', '    label: "IV."\n    note: Bản in không có mục III.',
     [], []),
    ("same_as naming a task that does not exist",
     '    section: "III.5"\n', '    section: "III.5"\n    same_as: [iii-9]\n',
     ['data/plans/09-kh-hu.yml:89:14: "same_as" nhắc tới nhiệm vụ "iii-9" nhưng không có nhiệm vụ nào mang mã '
      'này; có phải ý bạn là "iii-5"?'], []),
    ("same_as naming the task itself",
     '    section: "III.5"\n', '    section: "III.5"\n    same_as: [iii-5]\n',
     ['data/plans/09-kh-hu.yml:89:14: nhiệm vụ ghi "same_as: iii-5" trỏ tới chính nó; hãy ghi mã của nhiệm vụ ở '
      'mục khác của văn bản'], []),
]


CHECK_CASES += [
    ("a deadline at the end of the focus window needs its event",
     '    when: Kết thúc đợt tuyên truyền\n    events: [ky-niem-70-nam-chien-thang-dien-bien-phu]\n',
     '    when: Kết thúc đợt tuyên truyền\n',
     ['data/plans/09-kh-hu.yml:93:11: thời gian "Kết thúc đợt tuyên truyền" tính theo thời gian tuyên truyền sâu đậm '
      'của sự kiện nên nhiệm vụ phải ghi "events": sự kiện đó'], []),
    ("a task with neither lead nor addressees",
     '\naddressees: [cac-chi-dang-bo-co-so]\n', '\n',
     ['data/plans/09-kh-hu.yml:90:5: nhiệm vụ phải có ít nhất một đơn vị chủ trì (lead); nếu văn bản giao việc cho '
      'chính các đơn vị nhận văn bản thì ghi các đơn vị đó ở "addressees" của kế hoạch và bỏ "lead"'], []),
    ("a document's focus window that ends before it starts",
     '    to: 07/5/2024\n', '    to: 07/4/2024\n',
     ['data/plans/09-kh-hu.yml:116:9: thời gian tuyên truyền sâu đậm kết thúc (07/4/2024) trước khi bắt đầu '
      '(01/5/2024); hãy đổi chỗ "from" và "to" hoặc sửa ngày'], []),
    ("a focus window written as a deadline",
     '    from: 01/5/2024\n', '    from: Thường xuyên\n',
     ['data/plans/09-kh-hu.yml:115:11: "from" của thời gian tuyên truyền sâu đậm phải là một ngày, tháng, quý, năm '
      'hoặc khoảng thời gian, ví dụ 01/5/2024 hoặc Tháng 12/2023; "Thường xuyên" là cách ghi thời hạn của nhiệm vụ'],
     []),
]


@pytest.mark.parametrize(("what", "old", "new", "errors", "notes"), CHECK_CASES, ids=[c[0] for c in CHECK_CASES])
def test_checker_messages(tmp_path: Path, what: str, old: str, new: str, errors: list[str], notes: list[str]) -> None:
    data = _copy(tmp_path)
    _edit(data / "plans" / "09-kh-hu.yml", old, new)
    assert _messages(data) == (errors, notes)


def test_numbered_plan_without_printed_sections_gets_a_note(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    path = data / "plans" / "09-kh-hu.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("printed:\n"), text.index("purposes:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert _messages(data) == ([], [
        'data/plans/09-kh-hu.yml:7:9: ghi chú: kế hoạch số 09-KH/HU là văn bản đã ban hành nhưng chưa ghi '
        '"printed" (các mục của văn bản như bản in); trang kế hoạch đang dùng bố cục chuẩn I-V thay cho bố cục của '
        'bản in. Xem hướng dẫn "Thêm kế hoạch", phần "Các mục như bản in"'])


def test_shipped_data_has_no_notes_left(shipped_dataset) -> None:
    """171-KH/BTGTU's jump from II to IV is written down in the data ("note"), so the checker is silent."""
    _, problems, _ = check_data(ROOT / "data", base=ROOT)
    assert not problems and not problems.notes, [p.format() for p in problems.sorted_notes()]


# ---- the built page and its PDF ----

HEADINGS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "1. Nội dung thử nghiệm về kỷ niệm các sự kiện lịch sử của tỉnh",
            "III. TỔ CHỨC THỰC HIỆN", "1. Ban Tuyên giáo Huyện ủy", "2. Văn phòng Huyện ủy",
            "3. Ủy ban Mặt trận Tổ quốc và các đoàn thể huyện", "4. Các chi, đảng bộ cơ sở",
            "5. Trung tâm Truyền thông và Văn hóa huyện"]
PARAGRAPHS = [f"Đoạn giao việc thử nghiệm của mục III.{n}" for n in range(1, 6)]


def _positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(needle) for needle in needles]
    assert -1 not in found, [n for n, i in zip(needles, found) if i == -1]
    return found


@pytest.fixture(scope="module")
def district(sites):
    return sites.get(DISTRICT_PDF)


@pytest.mark.site
@pytest.mark.browser
def test_district_plan_page_is_in_document_order(district) -> None:
    html = article(district.site, PLAN_URL)
    headings = [text_of(h).removesuffix("¶").strip() for h in re.findall(r"<h[2-5][^>]*>.*?</h[2-5]>", html, re.S)]
    body = headings[:headings.index("Tiến độ thực hiện")]
    assert body[body.index("I. MỤC ĐÍCH, YÊU CẦU"):] == HEADINGS
    assert not any(h.startswith("V.") for h in headings)
    text = text_of(html)
    document = text[:text.index("Tiến độ thực hiện")]
    positions = _positions(document, PARAGRAPHS)
    assert positions == sorted(positions)
    # The task with three leads is written once, with all three.
    assert document.count("Đoạn giao việc thử nghiệm của mục III.3") == 1
    assert "Chủ trì: Ủy ban MTTQ huyện; Huyện đoàn; Hội Liên hiệp Phụ nữ huyện" in document.replace(" ;", ";")
    # The per-unit view, on the plan's page of progress, lists it under each of its leads, and only on screen.
    progress = article(district.site, f"{PLAN_URL}/tien-do")
    view = text_of(progress)
    view = view[view.index("Theo đơn vị chủ trì"):]
    assert view.count("Tuyên truyền trong đoàn viên, hội viên") == 3
    assert re.search(r'<h2 class="sotay-print-stop" id="[^"]+">Theo đơn vị chủ trì', progress)
    assert re.search(r'<h2 class="sotay-print-stop" id="[^"]+">Tiến độ thực hiện', html)
    # A task given to the addressees names them as its leads, and is on their page.
    assert "Chủ trì: các đơn vị nhận văn bản ( Các chi, đảng bộ cơ sở )" in document
    unit = text_of(article(district.site, "don-vi/cac-chi-dang-bo-co-so"))
    assert "Tổ chức cho đảng viên viết thu hoạch sau đợt tuyên truyền" in unit
    # A deadline at the end of the focus window is placed on the calendar: 20 days before 07/5/2024 … 5 days after.
    assert "Kết thúc đợt tuyên truyền (khoảng 12/5/2024)" in document
    # Recipients and signer close the document.
    assert _positions(document, ["Nơi nhận:", "Ban Tuyên giáo Tỉnh ủy (b/c)", "Lưu Văn phòng Huyện ủy.",
                                 "PHÓ BÍ THƯ", "Người Ký Thử"])


@pytest.mark.site
@pytest.mark.browser
def test_district_plan_pdf_is_in_document_order(district) -> None:
    from pypdf import PdfReader

    path = district.site / print_pack.pdf_path(f"{PLAN_URL}.md")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)
    positions = _positions(text, HEADINGS + PARAGRAPHS[-1:])
    assert positions[:len(HEADINGS)] == sorted(positions[:len(HEADINGS)])
    paragraphs = _positions(text, PARAGRAPHS)
    assert paragraphs == sorted(paragraphs)
    assert text.count("Đoạn giao việc thử nghiệm của mục III.3") == 1
    for screen_only in ("Theo đơn vị chủ trì", "Chủ trì:", "Tình trạng", "Nguồn"):
        assert screen_only not in text
    assert _positions(text, ["Nơi nhận:", "PHÓ BÍ THƯ", "Người Ký Thử"])


@pytest.mark.site
def test_shipped_171_page_keeps_its_numbers_and_order(shipped_site) -> None:
    html = article(shipped_site, "ke-hoach/171-kh-btgtu")
    headings = [text_of(h).removesuffix("¶").strip() for h in re.findall(r"<h2[^>]*>.*?</h2>", html, re.S)]
    assert headings[headings.index("I- MỤC ĐÍCH, YÊU CẦU"):] == [
        "I- MỤC ĐÍCH, YÊU CẦU", "II- NỘI DUNG, HÌNH THỨC, THỜI GIAN TUYÊN TRUYỀN", "IV- TỔ CHỨC THỰC HIỆN",
        "Tiến độ thực hiện", "Nguồn"]
    text = text_of(html)
    assert "V. Tổ chức thực hiện" not in text
    assert _positions(text, ["1.1. Năm 2023", "1.1.1. Sơ kết giữa nhiệm kỳ", "1.2. Năm 2024",
                             "1.2.4. Kỷ niệm 75 năm", "2. Hình thức tuyên truyền", "3. Thời gian tuyên truyền",
                             "1. Ban Tuyên giáo Tỉnh uỷ", "8. Ban Tuyên giáo (tuyên huấn)"]) == sorted(
        _positions(text, ["1.1. Năm 2023", "1.1.1. Sơ kết giữa nhiệm kỳ", "1.2. Năm 2024", "1.2.4. Kỷ niệm 75 năm",
                          "2. Hình thức tuyên truyền", "3. Thời gian tuyên truyền", "1. Ban Tuyên giáo Tỉnh uỷ",
                          "8. Ban Tuyên giáo (tuyên huấn)"]))


@pytest.mark.site
@pytest.mark.browser
def test_event_page_shows_the_window_a_document_sets_for_its_addressees(district) -> None:
    html = article(district.site, "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu")
    text = text_of(html)
    # The event's own window (20 days before, 5 after), then the document's, with its source and addressees.
    assert "Tuyên truyền sâu đậm 17/4/2024 - 12/5/2024" in text
    assert ("01/5/2024 - 07/5/2024, theo Kế hoạch số 09-KH/HU , mục II.1; áp dụng cho: Các chi, đảng bộ cơ sở"
            in text)
    assert 'href="../../ke-hoach/09-kh-hu/"' in html and 'href="../../don-vi/cac-chi-dang-bo-co-so/"' in html
