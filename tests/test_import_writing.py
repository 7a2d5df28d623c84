"""The import draft as data files: YAML that reads back to the same record, the schema line and the source
comment, a "# KIỂM TRA: …" comment above each marked value (and its line for the report), nothing overwritten,
and the marks found again by `sotay check` (notes while the editor works, errors with --refuse-marks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from macros.core.diagnostics import Problems
from macros.core.importer.draft import Draft, Proposed
from macros.core.importer.writing import clashes, plan_files, render_record, scalar, write_files
from macros.core.marks import check_marks, find_marks

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("value", "written"), [
    ("Lai Châu", "Lai Châu"),
    ("30/5/2023", '"30/5/2023"'),
    ("2024", '"2024"'),
    ("chưa rõ", "chưa rõ"),
    ("Tuyên truyền: nội dung", '"Tuyên truyền: nội dung"'),
    ("a # b", '"a # b"'),
    ("- gạch đầu dòng", '"- gạch đầu dòng"'),
    ("yes", '"yes"'),
    ("“Lai Châu - 20 năm”", "“Lai Châu - 20 năm”"),
    (" lề ", '" lề "'),
    ("", '""'),
    (5, "5"),
    (True, "true"),
])
def test_scalars_read_back_as_written(value, written: str) -> None:
    assert scalar(value) == written
    assert yaml.safe_load(f"k: {written}")["k"] == value


RECORD = {
    "id": "09-kh-hu", "number": "09-KH/HU", "kind": "KH", "issuer": "huyen-uy-thu-nghiem", "date": "chưa rõ",
    "title": "Thực hiện Kế hoạch số 171-KH/BTGTU", "implements": ["171-kh-btgtu"],
    "source": {"document": "09-kh-hu", "section": "Phần mở đầu"},
    "preamble": "Thực hiện Kế hoạch số 171-KH/BTGTU, ngày 30/5/2023 của Ban Tuyên giáo Tỉnh ủy:\n\nĐoạn hai.",
    "printed": [{"ref": "I", "label": "I.", "heading": "MỤC ĐÍCH, YÊU CẦU"}],
    "tasks": [{"title": "Tham mưu", "details": "Tham mưu cấp ủy.", "lead": ["ban-tuyen-giao-huyen-uy"],
               "section": "III.1"},
              {"title": "Tuyên truyền", "lead": ["a", "b"], "when": "Quý II năm 2024", "section": "III.2"}],
    "signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "PHÓ BÍ THƯ", "name": "chưa rõ"},
}
MARKS = {("date",): "dòng ngày tháng để trống ngày và tháng", ("tasks", 1, "lead"): "\"Huyện đoàn\" khớp 86/100",
         ("tasks", 1): "đoạn văn có hai đơn vị", ("signer", "name"): "không đọc được họ tên người ký"}


def test_a_plan_reads_back_with_its_marks_above_the_values() -> None:
    text, marks = render_record("plan", RECORD, MARKS, ["Kế hoạch thử."], as_list=False)
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/plan.schema.json"
    assert yaml.safe_load(text) == {**RECORD, "preamble": RECORD["preamble"] + "\n"}
    found = {reason: line for line, reason in marks}
    assert lines[found["dòng ngày tháng để trống ngày và tháng"]] == 'date: chưa rõ'
    assert lines[found["đoạn văn có hai đơn vị"]].strip() == "- title: Tuyên truyền"
    assert lines[found['"Huyện đoàn" khớp 86/100']].strip() == "lead: [a, b]"
    assert lines[found["không đọc được họ tên người ký"]].strip() == "name: chưa rõ"
    assert [(line, column) for line, column, _ in find_marks(text)] == [(n, lines[n - 1].index("#") + 1)
                                                                         for n, _ in marks]


def test_a_list_record_is_a_list_of_one() -> None:
    text, marks = render_record("organisation", {"id": "huyen-doan", "name": "Huyện đoàn: thử", "level": "huyen"},
                                {("id",): "đơn vị mới"}, ["Cơ quan, đơn vị: Huyện đoàn."], as_list=True)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/organisations.schema.json"
    assert yaml.safe_load(text) == [{"id": "huyen-doan", "name": "Huyện đoàn: thử", "level": "huyen"}]
    assert text.splitlines()[marks[0][0]] == "- id: huyen-doan"


def _draft() -> Draft:
    org = Proposed("organisation", {"id": "huyen-doan", "name": "Huyện đoàn", "level": "huyen", "sector": "khac",
                                    "source": {"document": "09-kh-hu", "section": "III.2"}},
                   {("level",): "cấp đoán từ tên"}, "tên đơn vị ở mục III.2 không khớp đơn vị nào")
    return Draft("plan", RECORD, MARKS, proposed=[org])


def test_files_go_to_their_folders_and_nothing_is_overwritten(tmp_path: Path) -> None:
    files = plan_files(_draft(), tmp_path / "data", "09-kh-hu.docx", TODAY)
    assert [f.path.relative_to(tmp_path).as_posix() for f in files] == [
        "data/plans/09-kh-hu.yml", "data/organisations/huyen-doan.yml"]
    assert "# Nguồn: nhập từ tệp 09-kh-hu.docx bằng sotay import ngày 01/12/2026" in files[0].text
    assert "# Do sotay import đề xuất khi nhập tệp 09-kh-hu.docx ngày 01/12/2026" in files[1].text
    assert clashes(files, {}) == []
    write_files(files)
    again = plan_files(_draft(), tmp_path / "data", "09-kh-hu.docx", TODAY)
    found = clashes(again, {"organisation": {"huyen-doan"}})
    assert [(c.path.name, c.reason) for c in found] == [
        ("09-kh-hu.yml", "tệp đã có; sotay import không ghi đè tệp nào"),
        ("huyen-doan.yml", "tệp đã có; sotay import không ghi đè tệp nào"),
        ("huyen-doan.yml", 'dữ liệu đã có cơ quan, đơn vị mang mã "huyen-doan"')]
    (tmp_path / "data" / "plans" / "09-kh-hu.yml").write_text("bản của người biên tập\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_files(again)
    assert (tmp_path / "data" / "plans" / "09-kh-hu.yml").read_text(encoding="utf-8") == "bản của người biên tập\n"


@pytest.mark.parametrize("refuse", [False, True])
def test_marks_are_notes_until_refused(tmp_path: Path, refuse: bool, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = plan_files(_draft(), Path("data"), "09-kh-hu.docx", TODAY)
    write_files(files)
    problems = Problems()
    check_marks([f.path.as_posix() for f in files], problems, refuse)
    found = problems.sorted() if refuse else problems.sorted_notes()
    assert (problems.sorted() if not refuse else problems.sorted_notes()) == []
    assert [p.format() for p in found][:2] == [
        'data/organisations/huyen-doan.yml:9:3: ghi chú: còn dấu "KIỂM TRA" của sotay import: cấp đoán từ tên; hãy '
        'đối chiếu với văn bản gốc, sửa nếu cần, rồi xóa dòng chú thích này'.replace("ghi chú: ", "" if refuse
                                                                                     else "ghi chú: "),
        'data/plans/09-kh-hu.yml:10:1: ghi chú: còn dấu "KIỂM TRA" của sotay import: dòng ngày tháng để trống ngày và '
        'tháng; hãy đối chiếu với văn bản gốc, sửa nếu cần, rồi xóa dòng chú thích này'.replace(
            "ghi chú: ", "" if refuse else "ghi chú: ")]
    assert len(found) == 5


def _normalised(value):
    """Block scalars read back with a final newline; everything else exactly."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    return value.rstrip("\n") if isinstance(value, str) else value


@pytest.mark.parametrize("seed", sorted((Path(__file__).parent / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_draft_of_the_seeds_reads_back_as_recognised(seed: Path, shipped_dataset) -> None:
    from macros.core.importer.reading import read_file
    from macros.core.importer.recognise import recognise
    draft = recognise(read_file(seed), shipped_dataset)
    for written in plan_files(draft, Path("data"), seed.name, TODAY):
        loaded = yaml.safe_load(written.text)
        record = next(r for r in [draft.record, *(p.record for p in draft.proposed)] if r["id"] == written.path.stem)
        assert _normalised(loaded[0] if isinstance(loaded, list) else loaded) == _normalised(record)
