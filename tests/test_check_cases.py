"""The checker on broken data: each row breaks the small valid data set in one place and states the exact
`path:line:column: message` lines the checker must print."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core.load import load_data
from macros.core.validate import validate

from .sites import SEEDS


def check(data: Path) -> list[str]:
    loaded = load_data(data, base=data.parent)
    validate(loaded.dataset, loaded.problems)
    return [problem.format() for problem in loaded.problems.sorted()]


def edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def seed_002_wrong_span() -> str:
    """The exact mistaken phrase of seed 002 (B.II.2.a), joined from its broken lines."""
    text = " ".join((SEEDS / "002_63f06e50c0e1289a.txt").read_text(encoding="utf-8").split())
    start = text.index("70 năm ngày Bác Hồ gửi thư")
    return text[start:text.index(")", start) + 1]


EV = "events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
MS = "milestones/chien-thang-dien-bien-phu.yml"
PLAN = "plans/171-kh-btgtu.yml"
ORGS = "organisations.yml"
DOCS = "documents.yml"
OUTLINE = "outlines/de-cuong-dien-bien-phu.yml"

CASES = [
    pytest.param(
        [(EV, "name: Chiến thắng Điện Biên Phủ", "name: Chiến thắng: Điện Biên Phủ")],
        [f"data/{EV}:5:18: lỗi cú pháp YAML: có dấu hai chấm không đúng chỗ; nếu giá trị chứa \": \" hãy đặt nó "
         "trong ngoặc kép"],
        id="yaml-syntax"),
    pytest.param(
        [(EV, "year: 2024", "year: \"2024\"")],
        [f"data/{EV}:7:7: \"year\" phải là một số nguyên viết không có ngoặc kép, ví dụ 2024; ở đây là \"2024\""],
        id="wrong-type-quoted-int"),
    pytest.param(
        [(MS, "date: 7/5/1954", "date: 1954")],
        [f"data/{MS}:5:7: \"date\" phải là một ngày dạng ngày/tháng/năm, ví dụ 15/6/2022; ở đây là \"1954\""],
        id="wrong-type-year-for-date"),
    pytest.param(
        [(EV, "name: Chiến thắng Điện Biên Phủ\n", "")],
        [f"data/{EV}:3:1: sự kiện thiếu khóa bắt buộc \"name\" (điều được kỷ niệm hoặc tổ chức)"],
        id="missing-required"),
    pytest.param(
        [(MS, 'source: {document: 171-kh-btgtu, section: "II.1.1.2.2"}\n',
          'source: {document: 171-kh-btgtu, section: "II.1.1.2.2"}\n'
          'national_day: {document: 171-kh-btgtu, section: "II.1.1.2.2"}\n')],
        [f"data/{MS}:7:15: \"national_day\" phải là văn bản của cơ quan Trung ương (cấp trung-uong); văn bản "
         "171-kh-btgtu do Ban Tuyên giáo Tỉnh ủy Lai Châu ban hành. Bỏ dòng này nếu đây là mốc của địa phương"],
        id="national-day-from-a-provincial-document"),
    pytest.param(
        [(MS, "title:", "titel:")],
        [f"data/{MS}:3:1: mốc lịch sử thiếu khóa bắt buộc \"title\" (tên sự kiện lịch sử)",
         f"data/{MS}:4:1: khóa \"titel\" không có trong mốc lịch sử; có phải ý bạn là \"title\"?"],
        id="unknown-key-suggests"),
    pytest.param(
        [(ORGS, "- id: cac-don-vi-co-lien-quan", "- id: tinh-uy")],
        [f"data/{ORGS}:33:7: mã cơ quan, đơn vị \"tinh-uy\" bị trùng: đã dùng tại data/{ORGS}:3:7; hãy đặt một mã khác",
         f"data/{PLAN}:20:15: không có cơ quan, đơn vị nào mang mã \"cac-don-vi-co-lien-quan\"; hãy thêm nó vào "
         "data/organisations.yml hoặc sửa mã"],
        id="duplicate-id"),
    pytest.param(
        [(DOCS, "- id: 11-ct-tu\n", "- id: 11-ct-tu-ban-sao\n  number: 11-CT/TU\n  issuer: tinh-uy\n  date: 15/6/2022\n"
                                  "  title: chưa rõ\n  source: {document: 171-kh-btgtu, section: \"Phần mở đầu\"}\n"
                                  "- id: 11-ct-tu\n")],
        [f"data/{DOCS}:10:11: số văn bản \"11-CT/TU\" bị trùng với văn bản \"11-ct-tu-ban-sao\" (data/{DOCS}:4:11); "
         "mỗi số chỉ khai báo một lần"],
        id="duplicate-number"),
    pytest.param(
        [(PLAN, "lead: so-van-hoa-the-thao-va-du-lich", "lead: so-van-hoa-the-thao-du-lich")],
        [f"data/{PLAN}:19:11: không có cơ quan, đơn vị nào mang mã \"so-van-hoa-the-thao-du-lich\"; có phải ý bạn là "
         "\"so-van-hoa-the-thao-va-du-lich\"?"],
        id="unknown-organisation"),
    pytest.param(
        [(PLAN, "implements: [11-ct-tu]", "implements: [11-ct-uu]")],
        [f"data/{PLAN}:9:14: không có văn bản nào mang mã \"11-ct-uu\"; có phải ý bạn là \"11-ct-tu\"?"],
        id="unknown-document"),
    pytest.param(
        [(OUTLINE, "events: [ky-niem-70-nam-chien-thang-dien-bien-phu]",
          "events: [ky-niem-70-nam-dien-bien-phu]")],
        [f"data/{OUTLINE}:5:10: không có sự kiện nào mang mã \"ky-niem-70-nam-dien-bien-phu\"; có phải ý bạn là "
         "\"ky-niem-70-nam-chien-thang-dien-bien-phu\"?"],
        id="unknown-event"),
    pytest.param(
        [(MS, "date: 7/5/1954", "date: 31/02/1954")],
        [f"data/{MS}:5:7: \"date\": ngày 31/02/1954 không tồn tại: tháng 2 năm 1954 chỉ có 28 ngày"],
        id="impossible-date"),
    pytest.param(
        [(PLAN, "when: Quý II năm 2024", "when: sớm nhất có thể")],
        [f"data/{PLAN}:21:11: \"when\": không đọc được thời gian \"sớm nhất có thể\"; viết theo một trong các dạng: "
         "15/6/2022, Tháng 12/2023, Quý III năm 2023, Năm 2023, Năm 2023 và năm 2024, Từ tháng 12/2023 đến tháng "
         "12/2024, Dự kiến trong tháng 01 năm 2024, Trước ngày 19/5/2023, Sau ngày 07/5/2024, Ra trước lễ kỷ niệm 05 "
         "ngày, Sau sự kiện 03 ngày, Kết thúc đợt tuyên truyền, Sau khi kết thúc hoạt động kỷ niệm, Thường xuyên, "
         "Hằng tháng, Hằng quý, Hằng năm, chưa rõ"],
        id="unreadable-fuzzy-date"),
    pytest.param(
        [(EV, "n: 70", "n: 75")],
        [f"data/{EV}:8:4: kỷ niệm 75 năm không khớp: từ mốc 07/5/1954 đến năm 2024 là 70 năm"],
        id="anniversary-n-mismatch"),
    pytest.param(
        [(EV, "n: 70", "n: 70\ntitle: Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2023)")],
        [f"data/{EV}:9:8: kỷ niệm 70 năm nhưng khoảng thời gian (07/5/1954 - 07/5/2023) là 69 năm; viết đúng là "
         "(07/5/1953 - 07/5/2023)",
         f"data/{EV}:9:8: tiêu đề ghi (07/5/1954 - 07/5/2023) nhưng mốc lịch sử là 07/5/1954 và sự kiện diễn ra "
         "07/5/2024; viết đúng là (07/5/1954 - 07/5/2024)"],
        id="anniversary-title-span"),
    pytest.param(
        [(PLAN, "title: Tổ chức tuyên truyền trực quan", "title: \"Phát động thi đua hướng tới {seed002}\"")],
        [f"data/{PLAN}:18:12: kỷ niệm 70 năm nhưng khoảng thời gian (12/12/2023-12/12/2023) là 0 năm; viết đúng là "
         "(12/12/1953 - 12/12/2023)"],
        id="seed-002-wrong-span"),
    pytest.param(
        [(EV, "n: 70", "n: 70\nfocus:\n  from: 01/12/2023\n  to: 10/01/2024")],
        [f"data/{EV}:10:3: thời gian tuyên truyền sâu đậm 01/12/2023 - 10/01/2024 không chứa ngày diễn ra sự kiện "
         "07/5/2024; hãy sửa \"from\"/\"to\" để bao gồm ngày đó"],
        id="focus-outside-event"),
    pytest.param(
        [(PLAN, "support: [cac-don-vi-co-lien-quan]", "support: [cac-don-vi-co-lien-quan, so-van-hoa-the-thao-va-du-lich]")],
        [f"data/{PLAN}:20:40: đơn vị \"so-van-hoa-the-thao-va-du-lich\" vừa chủ trì (lead) vừa phối hợp (support) "
         "trong cùng một nhiệm vụ; hãy bỏ nó khỏi \"support\""],
        id="lead-and-support"),
    pytest.param(
        [(PLAN, "lead: so-van-hoa-the-thao-va-du-lich", "lead: ban-tuyen-giao-va-dan-van-tinh-uy")],
        [f"data/{PLAN}:19:11: \"Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu\" chỉ có từ 01/3/2025, nhưng văn bản đề "
         "ngày 30/5/2023; lúc đó dùng \"ban-tuyen-giao-tinh-uy\""],
        id="organisation-outside-validity"),
    pytest.param(
        [(DOCS, "  source:", "  implements: [171-kh-btgtu]\n  source:")],
        [f"data/{DOCS}:8:16: văn bản đề ngày 15/6/2022 không thể thực hiện hay căn cứ \"171-kh-btgtu\" ban hành sau "
         "đó (30/5/2023)",
         f"data/{PLAN}:9:14: vòng lặp văn bản thực hiện lẫn nhau: 11-ct-tu → 171-kh-btgtu → 11-ct-tu; một văn bản "
         "không thể thực hiện chính nó, hãy bỏ một liên kết"],
        id="implements-cycle"),
    pytest.param(
        [(MS, "# Mốc lịch sử mẫu dùng trong kiểm thử.\n", "")],
        [f"data/{MS}:1:1: tệp phải mở đầu bằng một dòng chú thích \"# …\" nói tệp chứa gì (mốc lịch sử) và được "
         "dùng ở đâu"],
        id="missing-header-comment"),
    pytest.param(
        [(MS, "id: chien-thang-dien-bien-phu", "id: dien-bien-phu")],
        [f"data/{EV}:6:14: không có mốc lịch sử nào mang mã \"chien-thang-dien-bien-phu\"; có phải ý bạn là "
         "\"dien-bien-phu\"?",
         f"data/{MS}:3:5: tên tệp phải trùng với mã: mã là \"dien-bien-phu\" nhưng tệp tên "
         "\"chien-thang-dien-bien-phu.yml\"; đổi tên tệp thành \"dien-bien-phu.yml\" hoặc sửa mã"],
        id="file-name-differs-from-id"),
    pytest.param(
        [(OUTLINE, "body: Khẳng định sự lãnh đạo đúng đắn của Đảng.",
          "body: \"Khẳng định {{ cycler.__init__.__globals__ }}\"")],
        [f"data/{OUTLINE}:12:15: \"body\" chứa \"{{{{\": cú pháp mẫu (Jinja) không được dùng trong dữ liệu; hãy bỏ dấu "
         "ngoặc nhọn"],
        id="jinja-in-text"),
    pytest.param(
        [(OUTLINE, "title: Ý nghĩa lịch sử", "title: I. Ý nghĩa lịch sử")],
        [f"data/{OUTLINE}:8:12: tiêu đề \"I. Ý nghĩa lịch sử\" có số thứ tự gõ tay; số thứ tự được tính tự động "
         "theo cấp, hãy bỏ nó"],
        id="typed-numbering"),
    pytest.param(
        [(EV, "kind: anniversary", "kind: anniversary\nkind: congress")],
        [f"data/{EV}:5:1: khóa \"kind\" bị lặp lại (đã có ở dòng 4); chỉ giữ một lần"],
        id="duplicate-key"),
    pytest.param(
        [(DOCS, "number: 11-CT/TU", "number: 11/CT/TU")],
        [f"data/{DOCS}:4:11: số hiệu \"11/CT/TU\" không đúng dạng: văn bản của Đảng viết \"171-KH/BTGTU\" "
         "(số-LOẠI/CƠ QUAN), văn bản nhà nước viết \"125/QĐ-UBND\" hoặc \"30/2020/NĐ-CP\" (số/LOẠI-CƠ QUAN)"],
        id="malformed-number"),
    pytest.param(
        [(PLAN, "number: 171-KH/BTGTU", "number: 171-KH/BTGDVTU")],
        [f"data/{PLAN}:4:9: số \"171-KH/BTGDVTU\" mang ký hiệu cơ quan BTGDVTU nhưng cơ quan ban hành có ký hiệu "
         "BTGTU, TU; kiểm tra lại số hoặc \"issuer\""],
        id="number-issuer-mismatch"),
    pytest.param(
        [(EV, "year: 2024", "year: 2024\n\tdate: 7/5/2024")],
        [f"data/{EV}:8:1: lỗi cú pháp YAML: có ký tự Tab; YAML chỉ cho phép thụt lề bằng dấu cách"],
        id="tab-indent"),
    pytest.param(
        [(PLAN, "when: Quý II năm 2024", "when: Ra trước lễ kỷ niệm 05 ngày"),
         (PLAN, "    events: [ky-niem-70-nam-chien-thang-dien-bien-phu]\n    section", "    section")],
        [f"data/{PLAN}:21:11: thời gian \"Ra trước lễ kỷ niệm 05 ngày\" tính theo sự kiện nên nhiệm vụ phải ghi "
         "\"events\": sự kiện làm mốc"],
        id="relative-date-without-event"),
]


@pytest.mark.parametrize(("edits", "expected"), CASES)
def test_broken_data_is_reported_with_file_and_line(mini_data: Path, edits, expected) -> None:
    for name, old, new in edits:
        edit(mini_data, name, old, new.replace("{seed002}", seed_002_wrong_span()))
    assert check(mini_data) == expected


def test_unknown_file_location_is_reported(mini_data: Path) -> None:
    (mini_data / "ghi-chu.yml").write_text("# Ghi chú.\na: 1\n", encoding="utf-8")
    assert check(mini_data) == [
        "data/ghi-chu.yml:1:1: tệp này không thuộc loại dữ liệu nào: đặt danh sách cơ quan vào data/organisations.yml, "
        "văn bản vào data/documents.yml, còn kế hoạch, sự kiện, mốc lịch sử, đề cương, nhiệm vụ vào data/plans/, "
        "data/events/, data/milestones/, data/outlines/, data/tasks/ (mỗi tệp một mục)"]


def test_all_problems_are_reported_at_once(mini_data: Path) -> None:
    edit(mini_data, MS, "date: 7/5/1954", "date: 31/02/1954")
    edit(mini_data, PLAN, "when: Quý II năm 2024", "when: sớm")
    edit(mini_data, ORGS, "level: tinh\n  sector: nha-nuoc", "level: tỉnh\n  sector: nha-nuoc")
    assert [line.split(":")[0] for line in check(mini_data)] == ["data/" + MS, "data/" + ORGS, "data/" + PLAN]


def test_the_valid_sample_has_no_problems(mini_data: Path) -> None:
    assert check(mini_data) == []


def test_unquoted_iso_dates_are_read_as_dates(mini_data: Path) -> None:
    edit(mini_data, MS, "date: 7/5/1954", "date: 1954-05-07")
    assert check(mini_data) == []


def test_decomposed_unicode_is_normalised(mini_data: Path) -> None:
    import unicodedata
    path = mini_data / ORGS
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    loaded = load_data(mini_data, base=mini_data.parent)
    assert loaded.dataset.organisations["tinh-uy"].name == unicodedata.normalize("NFC", "Tỉnh ủy Lai Châu")
