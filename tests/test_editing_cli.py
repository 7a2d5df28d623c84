"""`sotay new`, `sotay schema` and the CI report formats of `sotay check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macros.cli.main import main
from macros.core.schemas import schema_line

MS = "data/milestones/chien-thang-dien-bien-phu.yml"


def break_milestone(data: Path) -> None:
    path = data / "milestones" / "chien-thang-dien-bien-phu.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("7/5/1954", "31/02/1954"), encoding="utf-8")


@pytest.mark.parametrize(("output", "expected"), [
    ("text", f"{MS}:5:7: \"date\": ngày 31/02/1954 không tồn tại: tháng 2 năm 1954 chỉ có 28 ngày"),
    ("github", f"::error file={MS},line=5,col=7,title=sotay check::\"date\": ngày 31/02/1954 không tồn tại: tháng 2 "
               "năm 1954 chỉ có 28 ngày"),
])
def test_check_formats_for_people_and_github(mini_data: Path, monkeypatch, capsys, output: str, expected: str) -> None:
    break_milestone(mini_data)
    monkeypatch.chdir(mini_data.parent)
    assert main(["check", "data", "--format", output]) == 1
    assert capsys.readouterr().out.strip() == expected


@pytest.mark.parametrize("output", ["gitlab", "json"])
def test_check_machine_formats(mini_data: Path, monkeypatch, capsys, output: str) -> None:
    break_milestone(mini_data)
    monkeypatch.chdir(mini_data.parent)
    assert main(["check", "data", "--format", output]) == 1
    report = json.loads(capsys.readouterr().out)
    assert len(report) == 1
    if output == "gitlab":
        assert report[0]["location"] == {"path": MS, "lines": {"begin": 5}}
        assert report[0]["severity"] == "major" and len(report[0]["fingerprint"]) == 40
    else:
        assert report[0] == {"path": MS, "line": 5, "column": 7,
                             "message": "\"date\": ngày 31/02/1954 không tồn tại: tháng 2 năm 1954 chỉ có 28 ngày",
                             "severity": "error"}


def test_changed_limits_the_report_to_touched_and_referencing_files(mini_data: Path, monkeypatch, capsys) -> None:
    event = mini_data / "events" / "ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
    event.write_text(event.read_text(encoding="utf-8").replace("n: 70", "n: 75"), encoding="utf-8")
    outline = mini_data / "outlines" / "de-cuong-dien-bien-phu.yml"
    outline.write_text(outline.read_text(encoding="utf-8").replace("title: Ý nghĩa lịch sử", "title: I. Ý nghĩa"),
                       encoding="utf-8")
    monkeypatch.chdir(mini_data.parent)
    # The milestone is referenced by the event: changing the milestone reports the event, not the outline.
    assert main(["check", "data", "--changed", "data/milestones/chien-thang-dien-bien-phu.yml"]) == 1
    out = capsys.readouterr().out
    assert "data/events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml" in out and "outlines" not in out
    assert main(["check", "data", "--changed", "data/documents.yml"]) == 0


@pytest.mark.parametrize(("kind", "title", "extra", "relative"), [
    ("event", "Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ", [], "events/ky-niem-80-nam-chien-thang-dien-bien-phu.yml"),
    ("plan", "Kế hoạch tuyên truyền năm 2026", ["--issuer", "ban-tuyen-giao-tinh-uy"],
     "plans/ke-hoach-tuyen-truyen-nam-2026.yml"),
    ("organisation", "Sở Nội vụ tỉnh Lai Châu", [], "organisations/so-noi-vu-tinh-lai-chau.yml"),
    ("outline", "Đề cương tuyên truyền Đại hội", [], "outlines/de-cuong-tuyen-truyen-dai-hoi.yml"),
    ("task", "Ra số báo đặc biệt", ["--plan", "171-kh-btgtu"], "tasks/ra-so-bao-dac-biet.yml"),
])
def test_new_writes_a_commented_file_and_never_overwrites(mini_data: Path, monkeypatch, capsys, kind, title, extra,
                                                          relative) -> None:
    monkeypatch.chdir(mini_data.parent)
    assert main(["new", kind, title, *extra]) == 0
    path = mini_data / relative
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema_line(relative)
    assert text.splitlines()[1].startswith("# ")
    assert title in text  # in the header comment; an event's `name` drops "Kỷ niệm N năm"
    if kind == "event":
        assert "name: \"Chiến thắng Điện Biên Phủ\"" in text
    else:
        assert f"\"{title}\"" in text
    before = text
    assert main(["new", kind, title, *extra]) == 1
    assert "không ghi đè" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before


def test_new_task_needs_a_plan(mini_data: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(mini_data.parent)
    assert main(["new", "task", "Việc gì đó"]) == 1
    assert "--plan" in capsys.readouterr().err


def test_schema_check_reports_stale_files(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert main(["schema", "--check", "--data", str(data)]) == 1
    assert main(["schema", "--data", str(data)]) == 0
    assert main(["schema", "--check", "--data", str(data)]) == 0
