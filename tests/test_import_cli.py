"""`sotay import` end to end: damaged and unusual inputs give one clear Vietnamese message or a marked draft, never a
traceback; a written draft passes `sotay check` apart from its own marks (which --refuse-marks refuses); nothing is
overwritten; the JSON report; and the round trip import → check → build, where the new plan has its page, its
lineage both ways, its tasks on the units' pages and its PDF. Benchmarks print the time and memory of imports.

Readers are tested in detail in tests/test_import_reading.py, the recogniser in tests/test_import_recognise.py,
the accuracy on the three seeds in tests/test_import_accuracy.py."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from macros.cli.main import main

from .import_corpus import make_docx_corpus
from .sites import ROOT, SiteConfig, article, copy_project, text_of

DATA = ROOT / "data"

# A district plan that is not in the shipped data, in the shape of one carrying out 171-KH/BTGTU (test data, not a
# real document): a Party header, lineage, I./II./III. with unit sections, tasks, Nơi nhận and the signer.
DISTRICT = """HUYỆN ỦY THỬ NGHIỆM
ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 09-KH/HU
Thử Nghiệm, ngày 15 tháng 6 năm 2023
KẾ HOẠCH
Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh trong năm 2023 - 2024
-----
Thực hiện Kế hoạch số 171-KH/BTGTU, ngày 30/5/2023 của Ban Tuyên giáo Tỉnh ủy về tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh trong năm 2023 - 2024, Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Tuyên truyền sâu rộng các sự kiện lịch sử, chính trị quan trọng của tỉnh trong cán bộ, đảng viên và Nhân dân.
- Các hoạt động tuyên truyền phải thiết thực, hiệu quả, tránh phô trương, hình thức.
II. NỘI DUNG
1. Kỷ niệm 70 năm Ngày Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2024)
Tuyên truyền ý nghĩa lịch sử của Chiến thắng Điện Biên Phủ và đóng góp của quân và dân Lai Châu.
III. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Tỉnh ủy
Phối hợp hướng dẫn các chi, đảng bộ cơ sở tổ chức tuyên truyền trong năm 2024.
2. Sở Văn hóa, Thể thao và Du lịch
Tổ chức triển lãm ảnh về Chiến thắng Điện Biên Phủ, hoàn thành trong tháng 5/2024.
Nơi nhận:
- Ban Tuyên giáo Tỉnh ủy (b/c),
- Sở Văn hóa, Thể thao và Du lịch,
- Lưu Văn phòng Huyện ủy.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Người Ký Thử
"""


def _run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["import", *args])
    out, err = capsys.readouterr()
    return status, out, err


def _check(capsys, data: Path, *extra: str) -> tuple[int, str, str]:
    status = main(["check", str(data), *extra])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data: imports write into it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    from docx import Document
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))  # no style: a table without borders
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.save(path)
    return path


def _text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _cp1258(path: Path, text: str) -> Path:
    """Text in Windows-1258, as old Vietnamese Windows software saved it: letters with circumflex, breve and horn are
    single bytes, the five tone marks are combining marks after them."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + "".join(p for p in parts if p in _TONES))
    path.write_bytes("".join(out).encode("cp1258"))
    return path


def _encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("mat-khau")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def _blank_pdf(path: Path) -> Path:
    from pypdf import PdfWriter
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


BODY = DISTRICT.split("-----\n", 1)[1]
HEADER = DISTRICT.split("-----\n", 1)[0]

# (name, maker, expected): expected is "message: <start of the message>" or "draft" (a marked draft is written
# and the data still passes `sotay check`).
CASES = [
    ("the district plan as text", lambda d: _text(d / "ke-hoach.txt", DISTRICT), "draft"),
    ("the district plan as Word", lambda d: _docx(d / "ke-hoach.docx", DISTRICT.splitlines()), "draft"),
    ("the district plan as Markdown", lambda d: _text(d / "ke-hoach.md", "## " + DISTRICT.replace("\nI. ", "\n## I. ")),
     "draft"),
    ("no header", lambda d: _text(d / "khong-dau.txt", BODY), "draft"),
    ("header only", lambda d: _text(d / "chi-dau.txt", HEADER), "draft"),
    ("duplicate numbering", lambda d: _text(d / "trung-so.txt", DISTRICT.replace("2. Sở Văn hóa", "1. Sở Văn hóa")),
     "draft"),
    ("numbering that jumps", lambda d: _text(d / "nhay-so.txt", DISTRICT.replace("III. TỔ CHỨC", "V. TỔ CHỨC")),
     "draft"),
    ("a task table without borders", lambda d: _docx(d / "bang.docx", DISTRICT.split("Nơi nhận:")[0].splitlines(), [
        ["TT", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"],
        ["1", "Tổ chức hội thảo khoa học", "Ban Tuyên giáo Tỉnh ủy", "Các đơn vị có liên quan", "Quý II năm 2024"]]),
     "draft"),
    ("hyphenated line breaks", lambda d: _text(d / "gach-noi.txt", DISTRICT.replace(
        "tổ chức tuyên truyền trong năm 2024", "tổ chức tuyên truy-\nền trong năm 2024")), "draft"),
    ("NFD text", lambda d: _text(d / "nfd.txt", unicodedata.normalize("NFD", DISTRICT)), "draft"),
    ("Windows-1258 text", lambda d: _cp1258(d / "cp1258.txt", DISTRICT), "draft"),
    ("UTF-16 text", lambda d: _text(d / "utf16.txt", DISTRICT, "utf-16"), "draft"),
    ("unknown units", lambda d: _text(d / "don-vi-moi.txt", DISTRICT.replace(
        "2. Sở Văn hóa, Thể thao và Du lịch", "2. Trung tâm Thử nghiệm Truyền thông huyện")), "draft"),
    ("an unknown cited document", lambda d: _text(d / "van-ban-moi.txt", DISTRICT.replace(
        "Kế hoạch số 171-KH/BTGTU, ngày 30/5/2023", "Kế hoạch số 77-KH/BTGTU, ngày 02/3/2023")), "draft"),
    ("a plan the data already has", lambda d: _text(d / "da-co.txt", DISTRICT.replace("09-KH/HU", "171-KH/BTGTU")),
     "message:Không ghi tệp nào vì trùng với dữ liệu đã có"),
    ("an empty file", lambda d: _text(d / "rong.txt", ""), "message:sotay import: tệp không có chữ nào"),
    ("only spaces", lambda d: _text(d / "trang.txt", "  \n\t\n"), "message:sotay import: tệp không có chữ nào"),
    ("an old .doc", lambda d: _text(d / "cu.doc", "\xd0\xcf\x11\xe0", "latin-1"),
     "message:sotay import: tệp .doc (Word 97-2003) không đọc được"),
    ("a broken .docx", lambda d: _text(d / "hong.docx", "PK\x03\x04 hỏng"), "message:sotay import: tệp .docx bị hỏng"),
    ("an encrypted PDF", lambda d: _encrypted_pdf(d / "mat-khau.pdf"), "message:sotay import: tệp PDF có đặt mật khẩu"),
    ("a PDF with no text layer", lambda d: _blank_pdf(d / "scan.pdf"),
     "message:sotay import: tệp PDF không có lớp chữ"),
    ("a broken PDF", lambda d: _text(d / "hong.pdf", "%PDF-1.7\nhỏng"), "message:sotay import: tệp PDF bị hỏng"),
    ("an image", lambda d: _text(d / "anh.jpg", "\xff\xd8\xff", "latin-1"), "message:sotay import: tệp ảnh (.jpg)"),
    ("an unknown format", lambda d: _text(d / "ke-hoach.odt", "x"), "message:sotay import: không nhập được tệp .odt"),
    ("a folder", lambda d: (d / "thu-muc").mkdir() or d / "thu-muc", "message:sotay import: "),
    ("a missing file", lambda d: d / "khong-co.docx", "message:sotay import: không tìm thấy tệp"),
]


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_every_input_gives_a_message_or_a_marked_draft(tmp_path: Path, data: Path, capsys, name, make,
                                                       expected: str) -> None:
    source = make(tmp_path)
    status, out, err = _run(capsys, str(source), "--data", str(data))
    assert "Traceback" not in out + err and "lỗi nội bộ" not in err, out + err
    if expected == "draft":
        assert status == 0, out + err
        assert "Đã ghi " in out and "Cần kiểm tra" in out, out
        written = [line.strip() for line in out.split("Đã ghi ", 1)[1].splitlines()[1:] if line.startswith("  ")]
        assert written and all(Path(path).exists() for path in written), written
        # The draft passes the checker apart from its own marks, which are notes; --refuse-marks refuses them.
        status, printed, summary = _check(capsys, data)
        assert status == 0, printed + summary
        assert "ghi chú: còn dấu \"KIỂM TRA\"" in printed
        status, printed, _ = _check(capsys, data, "--refuse-marks")
        assert status == 1 and "còn dấu \"KIỂM TRA\" của sotay import" in printed
    else:
        assert status != 0
        assert (out + err).strip().splitlines()[0].startswith(expected.removeprefix("message:")) \
            or expected.removeprefix("message:") in out + err, out + err


def test_the_district_plan_is_read_as_printed(tmp_path: Path, data: Path, capsys) -> None:
    source = _text(tmp_path / "ke-hoach.txt", DISTRICT)
    status, out, _ = _run(capsys, str(source), "--data", str(data), "--format", "json")
    assert status == 0
    report = json.loads(out)
    assert report["header"] == {"number": "09-KH/HU", "kind": "KH", "issuer": report["header"]["issuer"],
                                "date": "15/6/2023", "place": "Thử Nghiệm",
                                "title": "Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của "
                                         "tỉnh trong năm 2023 - 2024"}
    assert report["found"]["tasks"] == 2 and report["written"] and not report["clashes"]
    units = {u["written"]: (u["organisation"], u["score"]) for u in report["units"]}
    assert units["Ban Tuyên giáo Tỉnh ủy"] == ("ban-tuyen-giao-tinh-uy", 100)
    assert units["Sở Văn hóa, Thể thao và Du lịch"] == ("so-van-hoa-the-thao-va-du-lich", 100)
    import yaml
    plan = yaml.safe_load((data / "plans" / "09-kh-hu.yml").read_text(encoding="utf-8"))
    assert plan["implements"] == ["171-kh-btgtu"]
    assert [(p["label"], p["heading"]) for p in plan["printed"]] == [
        ("I.", "MỤC ĐÍCH, YÊU CẦU"), ("II.", "NỘI DUNG"), ("III.", "TỔ CHỨC THỰC HIỆN")]
    # Each paragraph under a unit heading is a task of that unit, its text kept as printed (a time written inside
    # the sentence is the editor's to copy into `when`).
    assert [(t["lead"], t["section"], t["details"][:40]) for t in plan["tasks"]] == [
        (["ban-tuyen-giao-tinh-uy"], "III.1", "Phối hợp hướng dẫn các chi, đảng bộ cơ s"),
        (["so-van-hoa-the-thao-va-du-lich"], "III.2", "Tổ chức triển lãm ảnh về Chiến thắng Điệ")]
    assert plan["signer"] == {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ", "name": "Người Ký Thử"}
    assert [r["text"] for r in plan["recipients"]] == [
        "Ban Tuyên giáo Tỉnh ủy (b/c)", "Sở Văn hóa, Thể thao và Du lịch", "Lưu Văn phòng Huyện ủy."]


def test_a_second_import_overwrites_nothing(tmp_path: Path, data: Path, capsys) -> None:
    source = _text(tmp_path / "ke-hoach.txt", DISTRICT)
    assert _run(capsys, str(source), "--data", str(data))[0] == 0
    target = data / "plans" / "09-kh-hu.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("# KIỂM TRA", "# đã xem"), encoding="utf-8")
    before = target.read_bytes()
    status, out, _ = _run(capsys, str(source), "--data", str(data))
    assert status == 1 and "Không ghi tệp nào vì trùng với dữ liệu đã có" in out
    assert target.read_bytes() == before


def test_dry_run_writes_nothing(tmp_path: Path, data: Path, capsys) -> None:
    source = _text(tmp_path / "ke-hoach.txt", DISTRICT)
    status, out, _ = _run(capsys, str(source), "--data", str(data), "--dry-run")
    assert status == 0 and "Sẽ ghi " in out and "Đã ghi" not in out
    listed = [line.strip() for line in out.split("Sẽ ghi ", 1)[1].splitlines()[1:] if line.startswith("  ")]
    assert listed[0].endswith("data/plans/09-kh-hu.yml") and not any(Path(path).exists() for path in listed)


# ---- the round trip: import, check, build ----

def _imported_project(where: Path) -> Path:
    project = copy_project(where)
    docx = _docx(where / "ke-hoach.docx", DISTRICT.splitlines())
    status = main(["import", str(docx), "--data", str(project / "data")])
    assert status == 0
    return project


IMPORTED = SiteConfig("imported-district-pdf", project=_imported_project, pdf=True)


@pytest.mark.site
@pytest.mark.browser
def test_an_imported_plan_is_checked_and_built_with_its_pdf(sites) -> None:
    build = sites.get(IMPORTED)
    site = build.site
    plan = text_of(article(site, "ke-hoach/09-kh-hu"))
    assert "Kế hoạch số 09-KH/HU" in plan and "III. TỔ CHỨC THỰC HIỆN" in plan
    assert "Thực hiện: Kế hoạch số 171-KH/BTGTU" in plan
    # Lineage both ways: 171-KH/BTGTU lists the new plan among the documents that implement it.
    assert "Kế hoạch số 09-KH/HU" in text_of(article(site, "ke-hoach/171-kh-btgtu"))
    # Its tasks are on the units' pages, and its PDF exists.
    assert "09-KH/HU" in text_of(article(site, "don-vi/so-van-hoa-the-thao-va-du-lich"))
    assert (site / "ke-hoach" / "09-kh-hu.pdf").stat().st_size > 10_000


# ---- benchmarks: figures printed, nothing asserted about speed ----

_MEASURED = ("import resource, sys, time; from macros.cli.main import main; started = time.perf_counter(); "
             "main(sys.argv[1:]); sys.stderr.write('ĐO %.3f %d\\n' % (time.perf_counter() - started, "
             "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))")


def _measure(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `sotay import` in a fresh process (reading the data set included)."""
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, cwd=ROOT)
    seconds, rss = done.stderr.strip().splitlines()[-1].split()[1:]
    return float(seconds), int(rss) / 1024


@pytest.mark.benchmark
def test_benchmark_import_speed_and_memory(tmp_path: Path, data: Path) -> None:
    corpus = make_docx_corpus(tmp_path / "corpus")
    big = _docx(tmp_path / "200-trang.docx", [line for _ in range(240) for line in BODY.splitlines()])
    rows = []
    for plan_id, files in corpus.items():
        for fmt, path in files.items():
            rows.append((plan_id, fmt, *_measure(["import", str(path), "--data", str(data), "--dry-run"])))
    rows.append(("về 200 trang (4.800 đoạn)", "docx", *_measure(["import", str(big), "--data", str(data),
                                                                 "--dry-run"])))
    print("\nsotay import (whole command in a fresh process, reading the shipped data included):")
    for name, fmt, seconds, rss in rows:
        print(f"  {name:40} {fmt:5} {seconds:6.2f} s   peak RSS {rss:6.1f} MB")


# ---- the worked example of docs/huong-dan/nhap-van-ban.md ----

def test_the_guide_shows_what_the_import_prints(tmp_path: Path, capsys, monkeypatch) -> None:
    """The guide imports the Sở VHTTDL plan (seed 004) into a copy of the project without it: every line it quotes
    from the report, the draft and `sotay check` is what the commands print."""
    import re
    guide = (ROOT / "docs" / "huong-dan" / "nhap-van-ban.md").read_text(encoding="utf-8")
    project = tmp_path / "du-an"
    shutil.copytree(DATA, project / "data")
    (project / "data" / "plans" / "kh-svhttdl-tuyen-truyen-dai-hoi-2025.yml").unlink()
    corpus = make_docx_corpus(tmp_path / "corpus")
    shutil.copy(corpus["kh-svhttdl-tuyen-truyen-dai-hoi-2025"]["docx"], project / "ke-hoach-so-vhttdl.docx")
    monkeypatch.chdir(project)
    status, report, _ = _run(capsys, "ke-hoach-so-vhttdl.docx")
    assert status == 0
    report = re.sub(r"trong \d+\.\d+ giây", "trong 0.21 giây", report)
    blocks = re.findall(r"```text\n(.*?)```", guide, re.S)
    quoted = [line for line in blocks[1].splitlines() if line.strip() not in ("…", "")]
    assert [line for line in quoted if line not in report.splitlines()] == []
    draft = (project / "data" / "plans" / "kh-tuyen-truyen-dai-hoi-dang-bo-cac-cap-dai-hoi-dang-bo-tinh.yml")
    marked = re.findall(r"```yaml\n(.*?)```", guide, re.S)[0]
    assert marked in draft.read_text(encoding="utf-8")
    main(["check"])
    printed, _ = capsys.readouterr()
    assert blocks[2].strip() in printed.splitlines()
