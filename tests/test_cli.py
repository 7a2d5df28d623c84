"""`sotay check` as an editor runs it: exit status, the `path:line:column: message` lines, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .sites import ROOT


def sotay(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "macros.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_shipped_data_is_clean() -> None:
    result = sotay("check", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("Dữ liệu hợp lệ:")


def test_problems_exit_1_with_located_lines(mini_data: Path) -> None:
    path = mini_data / "milestones" / "chien-thang-dien-bien-phu.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("7/5/1954", "31/02/1954"), encoding="utf-8")
    result = sotay("check", "data", cwd=mini_data.parent)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/milestones/chien-thang-dien-bien-phu.yml:5:7: \"date\": ngày 31/02/1954 không tồn tại: tháng 2 năm 1954 "
        "chỉ có 28 ngày"]
    assert "Tìm thấy 1 lỗi trong 1 tệp." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["check", "khong-co-thu-muc"], "không thấy thư mục dữ liệu \"khong-co-thu-muc\""),
    (["check", "--sai"], "tham số không hiểu được: --sai"),
    (["lam-gi-do"], "lựa chọn không hợp lệ"),
    ([], "Sổ tay tuyên truyền"),
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = sotay(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [
    b"\xff\xfe\x00binary",
    b"",
    b"# Chi co chu thich\n",
    b"# Danh sach\n- 1\n- [2]\n",
    "# Bảng lồng sai\nid: [a, b]\nkind: {x: 1}\n".encode(),
])
def test_odd_files_never_crash(mini_data: Path, content: bytes) -> None:
    (mini_data / "events" / "la.yml").write_bytes(content)
    result = sotay("check", "data", cwd=mini_data.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr
    assert all(line.startswith("data/events/la.yml:") for line in result.stdout.splitlines())
