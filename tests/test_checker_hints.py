"""The checker's hints on references, document numbers, issue dates and district-level units, and what `sotay new`
writes for an organisation and a plan.

Each row of the message tables breaks a small valid data set (written below, a district Party committee's plan
carrying out a provincial one) in one place and states every `path:line:column: message` line the checker prints,
errors first, then notes, as `sotay check` prints them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.cli.scaffold import Inferred, infer_organisation
from macros.core.fields import data_fields, yaml_key
from macros.core.load import load_data
from macros.core.model import Plan
from macros.core.schemas import schema_line
from macros.core.validate import validate

ORGS = "organisations.yml"
DOCS = "documents.yml"
PLAN = "plans/kh-huyen-uy.yml"

BASE = {
    ORGS: """\
# Cơ quan, đơn vị của bộ dữ liệu kiểm thử các gợi ý của bộ kiểm tra.
- id: tinh-uy
  name: Tỉnh ủy Lai Châu
  short: Tỉnh ủy
  symbol: TU
  level: tinh
  sector: dang
  source: {document: 171-kh-btgtu, section: "Phần mở đầu"}
- id: ban-tuyen-giao-tinh-uy
  name: Ban Tuyên giáo Tỉnh ủy Lai Châu
  short: Ban Tuyên giáo Tỉnh ủy
  symbol: BTGTU
  level: tinh
  sector: dang
  parent: tinh-uy
  aliases: [BTG Tỉnh ủy]
  valid_to: 28/02/2025
  successor: ban-tuyen-giao-va-dan-van-tinh-uy
  source: {document: 171-kh-btgtu, section: "Chữ ký"}
- id: ban-tuyen-giao-va-dan-van-tinh-uy
  name: Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu
  symbol: BTGDVTU
  level: tinh
  sector: dang
  parent: tinh-uy
  valid_from: 01/3/2025
  source: {document: 171-kh-btgtu, section: "Chữ ký"}
- id: ubnd-tinh
  name: Ủy ban nhân dân tỉnh Lai Châu
  short: UBND tỉnh
  symbol: UBND
  level: tinh
  sector: nha-nuoc
  source: {document: 171-kh-btgtu, section: "Nơi nhận"}
- id: huyen-uy-tam-duong
  name: Huyện ủy Tam Đường
  symbol: HU
  level: huyen
  sector: dang
  valid_to: 30/6/2025
  source: {document: 171-kh-btgtu, section: "Nơi nhận"}
- id: ban-tuyen-giao-huyen-uy-tam-duong
  name: Ban Tuyên giáo Huyện ủy Tam Đường
  aliases: [Ban Tuyên giáo Huyện ủy]
  level: huyen
  sector: dang
  parent: huyen-uy-tam-duong
  valid_to: 30/6/2025
  source: {document: 171-kh-btgtu, section: "IV.2"}
""",
    DOCS: """\
# Văn bản được trích dẫn trong bộ dữ liệu kiểm thử các gợi ý của bộ kiểm tra.
- id: 11-ct-tu
  number: 11-CT/TU
  issuer: tinh-uy
  date: 15/6/2022
  title: về tổ chức kỷ niệm các sự kiện lịch sử của tỉnh trong năm 2024
  source: {document: 171-kh-btgtu, section: "Phần mở đầu"}
- id: 171-kh-btgtu
  number: 171-KH/BTGTU
  issuer: ban-tuyen-giao-tinh-uy
  date: 30/5/2023
  title: Tuyên truyền kỷ niệm các sự kiện lịch sử của tỉnh trong năm 2023 - 2024
  implements: [11-ct-tu]
  source: {document: 171-kh-btgtu, section: "Phần mở đầu"}
- id: 125-qd-ubnd
  number: 125/QĐ-UBND
  issuer: ubnd-tinh
  date: 30/01/2023
  title: về việc thành lập Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh
  source: {document: 171-kh-btgtu, section: "Phần mở đầu"}
""",
    PLAN: """\
# Kế hoạch của Huyện ủy thực hiện 171-KH/BTGTU, dùng trong kiểm thử các gợi ý của bộ kiểm tra.
id: kh-huyen-uy
number: chưa rõ
kind: KH
issuer: huyen-uy-tam-duong
date: chưa rõ
issued_after: 30/5/2023
title: Tuyên truyền kỷ niệm các sự kiện lịch sử năm 2023 - 2024
implements: [171-kh-btgtu]
source: {document: 171-kh-btgtu, section: "Nơi nhận"}
tasks:
  - id: iii-1
    title: Tham mưu tổ chức tuyên truyền
    lead: ban-tuyen-giao-huyen-uy-tam-duong
    section: "III.1"
""",
}


def write_base(data: Path) -> None:
    for name, text in BASE.items():
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_line(name) + "\n" + text, encoding="utf-8")


def edit(data: Path, name: str, old: str | None, new: str) -> None:
    """Replace `old` (once in the file) by `new`; with `old` None, write a new file holding `new`."""
    path = data / name
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_line(name) + "\n" + new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def printed(data: Path) -> list[str]:
    """What `sotay check` prints for the data set: the errors, then the notes."""
    loaded = load_data(data, base=data.parent)
    validate(loaded.dataset, loaded.problems)
    return [p.format() for p in loaded.problems.sorted() + loaded.problems.sorted_notes()]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    write_base(target)
    return target


def test_the_base_data_set_is_clean(data: Path) -> None:
    assert printed(data) == []


LEAD = "    lead: ban-tuyen-giao-huyen-uy-tam-duong\n"


def _row(edits: list[tuple[str, str, str]], expected: list[str], name: str):
    return pytest.param(edits, expected, id=name)


# ---- 1. a reference written as a name: the id of the record so named, or the closest ids ----

NAMES = [
    _row([(PLAN, LEAD, "    lead: Ban Tuyên giáo Huyện ủy\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên: \"Ban Tuyên giáo Huyện ủy\" là một tên khác của cơ "
          "quan, đơn vị mang mã \"ban-tuyen-giao-huyen-uy-tam-duong\"; hãy viết \"ban-tuyen-giao-huyen-uy-tam-duong\""],
         "alias"),
    _row([(PLAN, LEAD, "    lead: [ban tuyen giao  huyen uy tam duong]\n")],
         [f"data/{PLAN}:15:12: \"lead\" phải ghi mã, không ghi tên: \"ban tuyen giao  huyen uy tam duong\" là tên của cơ "
          "quan, đơn vị mang mã \"ban-tuyen-giao-huyen-uy-tam-duong\"; hãy viết \"ban-tuyen-giao-huyen-uy-tam-duong\""],
         "name-without-accents-in-a-list"),
    _row([(PLAN, LEAD, LEAD + "    support: [BTG Tỉnh ủy, Tỉnh ủy]\n")],
         [f"data/{PLAN}:16:15: \"support\" phải ghi mã, không ghi tên: \"BTG Tỉnh ủy\" là một tên khác của cơ quan, đơn "
          "vị mang mã \"ban-tuyen-giao-tinh-uy\"; hãy viết \"ban-tuyen-giao-tinh-uy\"",
          f"data/{PLAN}:16:28: \"support\" phải ghi mã, không ghi tên: \"Tỉnh ủy\" là tên ngắn của cơ quan, đơn vị mang "
          "mã \"tinh-uy\"; hãy viết \"tinh-uy\""],
         "alias-and-short-name"),
    _row([(DOCS, "  issuer: tinh-uy\n", "  issuer: TU\n")],
         [f"data/{DOCS}:5:11: \"issuer\" phải ghi mã, không ghi tên: \"TU\" là ký hiệu của cơ quan, đơn vị mang mã "
          "\"tinh-uy\"; hãy viết \"tinh-uy\""],
         "symbol"),
    _row([(PLAN, "implements: [171-kh-btgtu]", "implements: [171/KH-BTGTU]")],
         [f"data/{PLAN}:10:14: \"implements\" phải ghi mã, không ghi số hay trích yếu: \"171/KH-BTGTU\" là số của văn "
          "bản mang mã \"171-kh-btgtu\"; hãy viết \"171-kh-btgtu\""],
         "document-number-in-other-punctuation"),
    _row([(DOCS, "  implements: [11-ct-tu]", "  implements: [Về tổ chức kỷ niệm các sự kiện lịch sử của tỉnh trong "
                                             "năm 2024]")],
         [f"data/{DOCS}:14:16: \"implements\" phải ghi mã, không ghi số hay trích yếu: \"Về tổ chức kỷ niệm các sự "
          "kiện lịch sử của tỉnh trong năm 2024\" là trích yếu của văn bản mang mã \"11-ct-tu\"; hãy viết \"11-ct-tu\""],
         "document-title"),
    _row([(ORGS, "  aliases: [BTG Tỉnh ủy]", "  aliases: [BTG Tỉnh ủy, Ban Tuyên giáo]"),
          (ORGS, "  aliases: [Ban Tuyên giáo Huyện ủy]", "  aliases: [Ban Tuyên giáo Huyện ủy, Ban Tuyên giáo]"),
          (PLAN, LEAD, "    lead: Ban Tuyên giáo\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên: \"Ban Tuyên giáo\" là tên của nhiều cơ quan, đơn "
          "vị: \"ban-tuyen-giao-tinh-uy\" (một tên khác), \"ban-tuyen-giao-huyen-uy-tam-duong\" (một tên khác); hãy viết "
          "mã của đúng cơ quan, đơn vị văn bản nói tới"],
         "name-of-several-units"),
    # No unit has this name: the closest existing ids, never "ban-dan-van-huyen-uy", which does not exist.
    _row([(PLAN, LEAD, "    lead: Ban Dân vận Huyện ủy\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên, và không có cơ quan, đơn vị nào mang tên \"Ban Dân "
          "vận Huyện ủy\"; có phải ý bạn là \"ban-tuyen-giao-va-dan-van-tinh-uy\" (Ban Tuyên giáo và Dân vận Tỉnh ủy Lai "
          "Châu), \"ban-tuyen-giao-huyen-uy-tam-duong\" (Ban Tuyên giáo Huyện ủy Tam Đường)?"],
         "no-such-name-closest"),
    _row([(PLAN, LEAD, "    lead: Công ty Điện lực\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên, và không có cơ quan, đơn vị nào mang tên \"Công ty "
          "Điện lực\"; hãy tìm mã trong data/organisations.yml hoặc thêm cơ quan, đơn vị này vào đó rồi ghi mã của nó"],
         "no-such-name-nothing-close"),
    _row([(PLAN, LEAD, "    lead: ban-tuyen-giao-huyen-uy-tam-duon\n")],
         [f"data/{PLAN}:15:11: không có cơ quan, đơn vị nào mang mã \"ban-tuyen-giao-huyen-uy-tam-duon\"; có phải ý bạn "
          "là \"ban-tuyen-giao-huyen-uy-tam-duong\", \"ban-tuyen-giao-tinh-uy\", \"huyen-uy-tam-duong\"?"],
         "an-id-with-a-typo-is-no-name"),
    _row([(PLAN, LEAD, "    lead: Ban Tuyen giao Huyen uy Tam Duon\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên, và không có cơ quan, đơn vị nào mang tên \"Ban Tuyen "
          "giao Huyen uy Tam Duon\"; có phải ý bạn là \"ban-tuyen-giao-huyen-uy-tam-duong\" (Ban Tuyên giáo Huyện ủy Tam "
          "Đường), \"ban-tuyen-giao-tinh-uy\" (Ban Tuyên giáo Tỉnh ủy), \"huyen-uy-tam-duong\" (Huyện ủy Tam Đường)?"],
         "a-name-with-a-typo"),
    # Names that share no word are not alike, however many letters they share.
    _row([(PLAN, LEAD, "    lead: Hội đồng Thi đua - Khen thưởng\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải ghi mã, không ghi tên, và không có cơ quan, đơn vị nào mang tên \"Hội đồng "
          "Thi đua - Khen thưởng\"; hãy tìm mã trong data/organisations.yml hoặc thêm cơ quan, đơn vị này vào đó rồi ghi "
          "mã của nó"],
         "no-word-in-common"),
    _row([(PLAN, LEAD, "    lead: \"--\"\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải là mã của cơ quan, đơn vị (trong data/organisations.yml) (chữ thường không "
          "dấu, gạch ngang); ở đây là \"--\""],
         "no-letter-at-all"),
    _row([(PLAN, LEAD, "    lead: Huyen_Uy_Tam_Duong\n")],
         [f"data/{PLAN}:15:11: \"lead\" phải là mã (chữ thường không dấu, chữ số, gạch ngang): \"Huyen_Uy_Tam_Duong\" là "
          "mã \"huyen-uy-tam-duong\" viết sai dạng; hãy viết \"huyen-uy-tam-duong\""],
         "id-in-the-wrong-shape"),
]


@pytest.mark.parametrize(("edits", "expected"), NAMES)
def test_a_name_written_for_an_id_gets_one_message_with_the_real_id(data: Path, edits, expected) -> None:
    for name, old, new in edits:
        edit(data, name, old, new)
    assert printed(data) == expected


# ---- 2. document numbers: the punctuation of the issuer's system, duplicates whatever the punctuation ----

MORE_DOCS = "documents/ban-tuyen-giao.yml"
MORE = """\
# Văn bản của Ban Tuyên giáo Tỉnh ủy, một tệp nữa trong data/documents/.
- id: ke-hoach-171
  number: {number}
  issuer: ban-tuyen-giao-tinh-uy
  date: 30/5/2023
  title: Tuyên truyền kỷ niệm các sự kiện lịch sử của tỉnh
  source: {{document: 171-kh-btgtu, section: "Phần mở đầu"}}
"""

NUMBERS = [
    _row([(DOCS, "number: 11-CT/TU", "number: 11/CT-TU")],
         [f"data/{DOCS}:4:11: số \"11/CT-TU\" viết theo cách của văn bản nhà nước (số/LOẠI-CƠ QUAN) nhưng \"Tỉnh ủy\" "
          "là cơ quan Đảng: văn bản của Đảng viết số-LOẠI/CƠ QUAN, hãy viết \"11-CT/TU\""],
         "party-number-in-state-punctuation"),
    _row([(DOCS, "number: 125/QĐ-UBND", "number: 125-QĐ/UBND")],
         [f"data/{DOCS}:17:11: số \"125-QĐ/UBND\" viết theo cách của văn bản của Đảng (số-LOẠI/CƠ QUAN) nhưng \"UBND "
          "tỉnh\" là cơ quan nhà nước: văn bản nhà nước viết số/LOẠI-CƠ QUAN, hãy viết \"125/QĐ-UBND\""],
         "state-number-in-party-punctuation"),
    # An issuer not in the data: judged by the body whose symbol the number carries.
    _row([(DOCS, "  issuer: tinh-uy\n", "  issuer: []\n"), (DOCS, "number: 11-CT/TU", "number: 11/CT-TU")],
         [f"data/{DOCS}:4:11: số \"11/CT-TU\" viết theo cách của văn bản nhà nước (số/LOẠI-CƠ QUAN) nhưng ký hiệu TU "
          "là của \"Tỉnh ủy\", cơ quan Đảng: văn bản của Đảng viết số-LOẠI/CƠ QUAN, hãy viết \"11-CT/TU\""],
         "judged-by-the-symbol"),
    _row([(MORE_DOCS, None, MORE.format(number="171/KH-BTGTU"))],
         [f"data/{DOCS}:10:11: số văn bản \"171-KH/BTGTU\" bị trùng với số \"171/KH-BTGTU\" của văn bản \"ke-hoach-171\" "
          f"(data/{MORE_DOCS}:4:11), chỉ khác cách viết; mỗi số chỉ khai báo một lần",
          f"data/{MORE_DOCS}:4:11: số \"171/KH-BTGTU\" viết theo cách của văn bản nhà nước (số/LOẠI-CƠ QUAN) nhưng "
          "\"Ban Tuyên giáo Tỉnh ủy\" là cơ quan Đảng: văn bản của Đảng viết số-LOẠI/CƠ QUAN, hãy viết \"171-KH/BTGTU\""],
         "duplicate-in-other-punctuation"),
    # Spaces, and the "Số:" label, are not part of the number.
    _row([(MORE_DOCS, None, MORE.format(number="\"Số: 171 - KH / BTGTU\""))],
         [f"data/{DOCS}:10:11: số văn bản \"171-KH/BTGTU\" bị trùng với văn bản \"ke-hoach-171\" "
          f"(data/{MORE_DOCS}:4:11); mỗi số chỉ khai báo một lần"],
         "duplicate-with-spaces-and-label"),
    # Coordinating bodies number as the body leading them decides: "06-KH/BTC" of a Ban Tổ chức set up by the UBND.
    _row([(ORGS, "- id: huyen-uy-tam-duong\n", "- id: ban-to-chuc\n  name: Ban Tổ chức kỷ niệm 20 năm\n  symbol: BTC\n"
                                              "  level: tinh\n  sector: nha-nuoc\n  parent: ubnd-tinh\n"
                                              "  source: {document: 171-kh-btgtu, section: \"I\"}\n"
                                              "- id: huyen-uy-tam-duong\n"),
          (DOCS, "- id: 125-qd-ubnd\n", "- id: 06-kh-btc\n  number: 06-KH/BTC\n  issuer: ban-to-chuc\n"
                                       "  date: 10/5/2023\n  title: chưa rõ\n"
                                       "  source: {document: 171-kh-btgtu, section: \"I\"}\n- id: 125-qd-ubnd\n")],
         [], "coordinating-body-not-judged"),
    # A document that does not print its kind: "chưa rõ" is accepted, with or without a number.
    _row([(DOCS, "  number: 125/QĐ-UBND\n", "  number: chưa rõ\n  kind: chưa rõ\n"),
          (DOCS, "  number: 11-CT/TU\n", "  number: 11-CT/TU\n  kind: chưa rõ\n")],
         [], "unknown-kind"),
]


@pytest.mark.parametrize(("edits", "expected"), NUMBERS)
def test_document_numbers_are_compared_in_canonical_form(data: Path, edits, expected) -> None:
    for name, old, new in edits:
        edit(data, name, old, new)
    assert printed(data) == expected


# ---- 3. an issue date known only as a bound ----

BOUNDS = [
    _row([(DOCS, "  date: 15/6/2022\n", "  date: 15/6/2022\n  issued_after: 01/01/2022\n")],
         [f"data/{DOCS}:7:17: ngày ban hành đã rõ (15/6/2022) nên không ghi \"issued_after\"; khóa này chỉ dùng khi "
          "\"date\" là \"chưa rõ\": hãy bỏ nó"],
         "bound-beside-a-known-date"),
    _row([(DOCS, "  date: 15/6/2022\n", "  date: 15/6/2022\n  issued_before: 01/6/2022\n")],
         [f"data/{DOCS}:7:18: \"issued_before\" ghi văn bản ban hành trước 01/6/2022, mâu thuẫn với ngày ban hành "
          "15/6/2022 ở \"date\"; ngày ban hành đã rõ thì bỏ \"issued_before\" (kiểm tra lại \"date\" nếu cần)"],
         "bound-contradicting-the-date"),
    _row([(PLAN, "issued_after: 30/5/2023", "issued_after: 30/5/2023\nissued_before: 01/01/2023")],
         [f"data/{PLAN}:9:16: văn bản không thể ban hành sau 30/5/2023 (\"issued_after\") mà lại trước 01/01/2023 "
          "(\"issued_before\"); hãy sửa một trong hai ngày",
          f"data/{PLAN}:11:14: văn bản ban hành trước 01/01/2023 (\"issued_before\") không thể thực hiện hay căn cứ "
          "\"171-kh-btgtu\" ban hành sau đó (30/5/2023); hãy kiểm tra lại ngày ban hành, \"issued_after\", "
          "\"issued_before\" hoặc liên kết này"],
         "bounds-reversed"),
    _row([(PLAN, "issued_after: 30/5/2023", "issued_after: 01/8/2023\nissued_before: 01/8/2023")],
         [f"data/{PLAN}:9:16: \"issued_after\" và \"issued_before\" cùng là 01/8/2023: nếu văn bản ban hành đúng ngày đó "
          "thì ghi \"date: 01/8/2023\" và bỏ hai khóa này"],
         "bounds-equal"),
    _row([(PLAN, "issued_after: 30/5/2023", "issued_after: 01/01/2023")],
         [f"data/{PLAN}:8:15: ghi chú: \"issued_after\" (01/01/2023) sớm hơn ngày của văn bản \"171-kh-btgtu\" mà văn "
          "bản này thực hiện hay căn cứ (30/5/2023), nên không nói thêm được gì: văn bản chắc chắn ban hành sau "
          "30/5/2023; hãy bỏ \"issued_after\" hoặc ghi mốc muộn hơn mà văn bản nguồn cho biết"],
         "issued-after-earlier-than-what-it-implements"),
    _row([(PLAN, "issued_after: 30/5/2023", "issued_after: 01/7/2025")],
         [f"data/{PLAN}:6:9: \"Huyện ủy Tam Đường\" đã kết thúc hoạt động ngày 30/6/2025, nhưng văn bản ban hành sau "
          "01/7/2025 (\"issued_after\")",
          f"data/{PLAN}:15:11: \"Ban Tuyên giáo Huyện ủy Tam Đường\" đã kết thúc hoạt động ngày 30/6/2025, nhưng văn "
          "bản ban hành sau 01/7/2025 (\"issued_after\")"],
         "lifetime-after-the-lower-bound"),
    _row([(PLAN, "issued_after: 30/5/2023\n", "issued_before: 01/01/2025\n"),
          (PLAN, "implements: [171-kh-btgtu]", "implements: []"),
          (PLAN, LEAD, "    lead: ban-tuyen-giao-va-dan-van-tinh-uy\n")],
         [f"data/{PLAN}:15:11: \"Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu\" chỉ có từ 01/3/2025, nhưng văn bản ban "
          "hành trước 01/01/2025 (\"issued_before\"); lúc đó dùng \"ban-tuyen-giao-tinh-uy\""],
         "lifetime-before-the-upper-bound"),
    _row([(PLAN, "issued_after: 30/5/2023\n", "issued_before: 01/5/2023\n")],
         [f"data/{PLAN}:10:14: văn bản ban hành trước 01/5/2023 (\"issued_before\") không thể thực hiện hay căn cứ "
          "\"171-kh-btgtu\" ban hành sau đó (30/5/2023); hãy kiểm tra lại ngày ban hành, \"issued_after\", "
          "\"issued_before\" hoặc liên kết này"],
         "implements-a-document-issued-after-the-upper-bound"),
    _row([(DOCS, "  issuer: ubnd-tinh\n", "  issuer: ubnd-tinh\n  based_on: [kh-huyen-uy]\n"),
          (PLAN, "issued_after: 30/5/2023", "issued_after: 01/7/2023")],
         [f"data/{DOCS}:19:14: văn bản đề ngày 30/01/2023 không thể thực hiện hay căn cứ \"kh-huyen-uy\" ban hành sau "
          "01/7/2023 (\"issued_after\" của văn bản đó); hãy kiểm tra lại ngày ban hành, \"issued_after\", "
          "\"issued_before\" hoặc liên kết này"],
         "based-on-a-document-issued-after-its-date"),
    # Its `issued_after` is the date of what it implements: the message gives that reason.
    _row([(DOCS, "  issuer: ubnd-tinh\n", "  issuer: ubnd-tinh\n  based_on: [kh-huyen-uy]\n")],
         [f"data/{DOCS}:19:14: văn bản đề ngày 30/01/2023 không thể thực hiện hay căn cứ \"kh-huyen-uy\" ban hành sau "
          "30/5/2023 (ngày của văn bản mà nó thực hiện); hãy kiểm tra lại ngày ban hành, \"issued_after\", "
          "\"issued_before\" hoặc liên kết này"],
         "based-on-a-document-issued-after-what-it-implements"),
]


@pytest.mark.parametrize(("edits", "expected"), BOUNDS)
def test_issue_date_bounds_are_checked_and_used(data: Path, edits, expected) -> None:
    for name, old, new in edits:
        edit(data, name, old, new)
    assert printed(data) == expected


# ---- 4. the two-level local government, and the grassroots level ----

DISTRICT_NOTE = ("từ 01/7/2025 chính quyền địa phương chỉ còn hai cấp (tỉnh, xã), các đơn vị cấp huyện kết thúc hoạt "
                 "động ngày 30/6/2025")
LEVELS = [
    _row([(ORGS, "  symbol: HU\n  level: huyen\n  sector: dang\n  valid_to: 30/6/2025\n",
           "  symbol: HU\n  level: huyen\n  sector: dang\n")],
         [f"data/{ORGS}:39:10: ghi chú: đơn vị cấp huyện chưa ghi ngày kết thúc hoạt động: {DISTRICT_NOTE}; nếu đúng "
          "với đơn vị này, hãy ghi \"valid_to: 30/6/2025\" (và \"successor\" nếu có đơn vị kế tục)"],
         "district-unit-without-an-end"),
    _row([(ORGS, "  symbol: HU\n  level: huyen\n  sector: dang\n  valid_to: 30/6/2025\n",
           "  symbol: HU\n  level: huyen\n  sector: dang\n  valid_to: 31/12/2025\n")],
         [f"data/{ORGS}:41:13: ghi chú: đơn vị cấp huyện ghi ngày kết thúc hoạt động 31/12/2025, sau ngày 30/6/2025: "
          f"{DISTRICT_NOTE}; nếu đúng với đơn vị này, hãy sửa thành \"valid_to: 30/6/2025\""],
         "district-unit-ending-later"),
    _row([(ORGS, "- id: huyen-uy-tam-duong\n", "- id: bao-tam-duong\n  name: Bản tin Tam Đường\n  level: huyen\n"
                                              "  sector: bao-chi\n  source: {document: 171-kh-btgtu, section: \"I\"}\n"
                                              "- id: huyen-uy-tam-duong\n")],
         [], "district-press-is-not-asked"),
    _row([(ORGS, "- id: huyen-uy-tam-duong\n", "- id: chi-bo-thon-ban-bo\n  name: Chi bộ thôn Bản Bo\n  level: co-so\n"
                                              "  sector: dang\n  source: {document: 171-kh-btgtu, section: \"I\"}\n"
                                              "- id: huyen-uy-tam-duong\n"),
          (PLAN, LEAD, "    lead: [ban-tuyen-giao-huyen-uy-tam-duong, chi-bo-thon-ban-bo]\n")],
         [], "grassroots-level"),
]


@pytest.mark.parametrize(("edits", "expected"), LEVELS)
def test_district_units_get_a_note_and_the_grassroots_level_is_accepted(data: Path, edits, expected) -> None:
    for name, old, new in edits:
        edit(data, name, old, new)
    assert printed(data) == expected


def test_a_note_does_not_fail_the_check(data: Path, monkeypatch, capsys) -> None:
    edit(data, ORGS, "  symbol: HU\n  level: huyen\n  sector: dang\n  valid_to: 30/6/2025\n",
         "  symbol: HU\n  level: huyen\n  sector: dang\n")
    monkeypatch.chdir(data.parent)
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith(f"data/{ORGS}:39:10: ghi chú: đơn vị cấp huyện")


# ---- 5. `sotay new organisation`: what the name tells ----

UNITS = {
    "tinh-uy": ("Tỉnh ủy Lai Châu", "tinh", "dang", ["Tỉnh ủy"]),
    "ubnd-tinh": ("Ủy ban nhân dân tỉnh Lai Châu", "tinh", "nha-nuoc", ["UBND tỉnh"]),
    "so-van-hoa-the-thao-va-du-lich": ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu", "tinh", "nha-nuoc",
                                       ["Sở Văn hóa, Thể thao và Du lịch"]),
}


def units() -> dict:
    from macros.core.model import Organisation
    return {org_id: Organisation(id=org_id, name=name, level=level, sector=sector, aliases=aliases, source=[])
            for org_id, (name, level, sector, aliases) in UNITS.items()}


INFERRED = [
    ("Huyện ủy Tam Đường", Inferred("huyen", "dang")),
    ("Huyện uỷ Phong Thổ", Inferred("huyen", "dang")),
    ("Đảng ủy xã Bản Bo", Inferred("xa", "dang")),
    ("Đảng ủy phường Tân Phong", Inferred("xa", "dang")),
    ("Chi bộ thôn Bản Bo", Inferred("co-so", "dang")),
    ("Đảng bộ cơ sở Trường Phổ thông Dân tộc nội trú tỉnh", Inferred("co-so", "dang")),
    ("Ban Tuyên giáo Tỉnh ủy Lai Châu", Inferred("tinh", "dang", parent="tinh-uy")),
    ("Văn phòng Tỉnh ủy", Inferred("tinh", "dang", parent="tinh-uy")),
    ("Ban Tuyên giáo Huyện ủy Tam Đường", Inferred("huyen", "dang")),
    ("Ban Tuyên giáo Trung ương", Inferred("trung-uong", "dang")),
    ("Đảng ủy Khối các cơ quan tỉnh", Inferred("tinh", "dang")),
    ("Sở Nội vụ tỉnh Lai Châu", Inferred("tinh", "nha-nuoc", parent="ubnd-tinh")),
    ("Sở Y tế", Inferred("tinh", "nha-nuoc", parent="ubnd-tinh")),
    ("Phòng Văn hóa và Thông tin huyện Tam Đường", Inferred("huyen", "nha-nuoc")),
    ("Phòng Văn hóa - Xã hội xã Bản Bo", Inferred("xa", "nha-nuoc")),
    ("Phòng Văn hóa - Xã hội", Inferred(None, "nha-nuoc")),
    ("Phòng Quản lý văn hóa, Sở Văn hóa, Thể thao và Du lịch", Inferred("tinh", "nha-nuoc",
                                                                         parent="so-van-hoa-the-thao-va-du-lich")),
    ("UBND xã Bản Bo", Inferred("xa", "nha-nuoc")),
    ("Ủy ban nhân dân phường Đông Phong", Inferred("xa", "nha-nuoc")),
    ("Ủy ban nhân dân huyện Than Uyên", Inferred("huyen", "nha-nuoc")),
    ("Ủy ban nhân dân các xã, phường", Inferred("xa", "nha-nuoc", group=True)),
    ("Các huyện ủy, thành ủy, đảng ủy trực thuộc", Inferred("huyen", "dang", group=True)),
    ("Các sở, ban, ngành, đoàn thể tỉnh", Inferred("tinh", "nha-nuoc", group=True)),
    ("Các tổ chức chính trị - xã hội tỉnh", Inferred("tinh", "mat-tran-doan-the", group=True)),
    ("Các đơn vị có liên quan", Inferred(group=True)),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu", Inferred("tinh", "mat-tran-doan-the")),
    ("Hội Nông dân huyện Tam Đường", Inferred("huyen", "mat-tran-doan-the")),
    ("Báo Lai Châu", Inferred(None, "bao-chi")),
    ("Đài Phát thanh - Truyền hình tỉnh Lai Châu", Inferred("tinh", "bao-chi")),
    ("Bộ Công Thương", Inferred("trung-uong", "nha-nuoc")),
    ("Bộ Chỉ huy Quân sự tỉnh Lai Châu", Inferred("tinh", "nha-nuoc")),
    ("Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh", Inferred("tinh", None)),
]


@pytest.mark.parametrize(("name", "expected"), INFERRED, ids=[name for name, _ in INFERRED])
def test_the_name_of_a_new_organisation_tells_its_level_sector_and_group(name: str, expected: Inferred) -> None:
    assert infer_organisation(name, units()) == expected


def test_the_parent_is_only_named_when_the_data_has_it() -> None:
    assert infer_organisation("Ban Tuyên giáo Tỉnh ủy Lai Châu") == Inferred("tinh", "dang")
    assert infer_organisation("Sở Y tế", {}) == Inferred("tinh", "nha-nuoc")


def test_new_organisation_writes_what_it_inferred_and_prompts_for_the_rest(mini_data: Path, monkeypatch) -> None:
    monkeypatch.chdir(mini_data.parent)
    assert main(["new", "organisation", "Ban Tuyên giáo Tỉnh ủy Điện Biên"]) == 0
    text = (mini_data / "organisations" / "ban-tuyen-giao-tinh-uy-dien-bien.yml").read_text(encoding="utf-8")
    assert "\n  level: tinh\n" in text and "\n  sector: dang\n" in text and "\n  parent: tinh-uy\n" in text
    assert "\n  # group: true\n" in text
    assert main(["new", "organisation", "Phòng Văn hóa - Xã hội"]) == 0
    text = (mini_data / "organisations" / "phong-van-hoa-xa-hoi.yml").read_text(encoding="utf-8")
    assert "\n  # level: " in text and "\n  level:" not in text and "\n  sector: nha-nuoc\n" in text
    assert "co-so (cấp cơ sở)" in text
    assert main(["new", "organisation", "Huyện ủy Sìn Hồ"]) == 0
    text = (mini_data / "organisations" / "huyen-uy-sin-ho.yml").read_text(encoding="utf-8")
    assert "\n  level: huyen\n" in text and "\n  # valid_to: 30/6/2025\n" in text


# ---- 6. `sotay new plan`: every part of a plan, commented, and a file that passes the check ----

COMMENTED_YAML = re.compile(r"^# (?=[a-z_]+:| )", re.M)


def uncomment(text: str) -> str:
    """The skeleton with every commented part written out: "# key: …" and its indented lines lose their "# "."""
    return COMMENTED_YAML.sub("", text)


def test_new_plan_passes_the_check_as_written(mini_data: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(mini_data.parent)
    assert main(["new", "plan", "Kế hoạch tuyên truyền năm 2026", "--issuer", "ban-tuyen-giao-tinh-uy"]) == 0
    capsys.readouterr()
    path = mini_data / "plans" / "ke-hoach-tuyen-truyen-nam-2026.yml"
    assert main(["check"]) == 0
    assert "ke-hoach-tuyen-truyen-nam-2026" not in capsys.readouterr().out  # no error, no note on the new file
    text = path.read_text(encoding="utf-8")
    # Every field of a plan is there, written or commented, in the order of the document.
    keys = [yaml_key(f) for f in data_fields(Plan)]
    for key in keys:
        assert re.search(rf"^(# )?{key}:", text, re.M), f"the plan skeleton has no {key}"
    order = ["number", "kind", "issuer", "date", "place", "title", "implements", "based_on", "preamble", "printed",
             "purposes", "requirements", "content", "forms", "timing", "tasks", "budget", "closing", "recipients",
             "signer"]
    found = [re.search(rf"^(# )?{key}:", text, re.M).start() for key in order]  # type: ignore[union-attr]
    assert found == sorted(found)
    for key in ("label", "lead", "support", "when", "same_as", "section", "ref", "heading", "sections"):
        assert re.search(rf"^#\s+(- )?{key}:", text, re.M), f"the commented parts show no {key}"


def test_the_plan_skeleton_written_out_is_a_valid_plan(mini_data: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(mini_data.parent)
    assert main(["new", "plan", "Kế hoạch tuyên truyền năm 2026", "--issuer", "ban-tuyen-giao-tinh-uy"]) == 0
    path = mini_data / "plans" / "ke-hoach-tuyen-truyen-nam-2026.yml"
    text = uncomment(path.read_text(encoding="utf-8"))
    for placeholder, unit in [("ma-don-vi-chu-tri", "so-van-hoa-the-thao-va-du-lich"),
                              ("ma-don-vi-phoi-hop", "cac-don-vi-co-lien-quan"),
                              ("ma-don-vi-1", "tinh-uy"), ("ma-don-vi-2", "ban-tuyen-giao-tinh-uy"),
                              ("ma-don-vi-nhan-van-ban", "cac-don-vi-co-lien-quan")]:
        assert placeholder in text
        text = text.replace(placeholder, unit)
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 0, capsys.readouterr().out
    plan = load_data(mini_data).dataset.plans["ke-hoach-tuyen-truyen-nam-2026"]
    assert [section.ref for section in plan.printed] == ["I", "II", "III"]
    assert [task.label for task in plan.tasks] == ["1.", "2."]
    assert plan.tasks[1].same_as == ["iii-1"] and plan.signer is not None and plan.recipients
