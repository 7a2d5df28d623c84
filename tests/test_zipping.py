"""The zip writer of the offline copy (macros/outputs/zipping.py): what it writes opens with Python's zipfile and
with the system's unzip, member for member, names in UTF-8, stored and deflated members, the date of the build;
members packed by several processes give the same bytes; an archive beyond the classic format is refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest

from macros.outputs import zipping

MEMBERS = {
    "so-tay/index.html": ("<p>Trang chủ</p>\n" * 200).encode(),
    "so-tay/su-kien/điện-biên-phủ/index.html": "<h1>Chiến thắng Điện Biên Phủ</h1>".encode(),
    "so-tay/assets/anh.png": bytes(range(256)) * 10,
    "so-tay/trong.txt": b"",
}


def packed(jobs: int, tmp_path: Path) -> list[zipping.Packed]:
    names = list(MEMBERS)

    def prepare(n: int) -> tuple[bytes, bool]:
        return MEMBERS[names[n]], names[n].endswith(".png")

    return zipping.pack_all(len(names), prepare, level=6, jobs=jobs, work=tmp_path)


def test_zip_opens_member_for_member(tmp_path: Path) -> None:
    target = tmp_path / "a.zip"
    zipping.write_zip(target, list(MEMBERS), packed(1, tmp_path), date(2024, 5, 1))
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == list(MEMBERS)
        for name, data in MEMBERS.items():
            assert archive.read(name) == data
            info = archive.getinfo(name)
            assert info.date_time == (2024, 5, 1, 0, 0, 0)
            assert info.create_system == 3 and info.external_attr >> 16 == 0o100644
            assert info.compress_type == (zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED)
            assert bool(info.flag_bits & 0x800) == (not name.isascii())
    if shutil.which("unzip"):
        out = tmp_path / "out"
        subprocess.run(["unzip", "-q", str(target), "-d", str(out)], check=True)
        for name, data in MEMBERS.items():
            assert (out / name).read_bytes() == data


@pytest.mark.parametrize("jobs", [2, 3, 5])
def test_same_bytes_whatever_the_processes(tmp_path: Path, jobs: int) -> None:
    one, many = tmp_path / "one.zip", tmp_path / "many.zip"
    zipping.write_zip(one, list(MEMBERS), packed(1, tmp_path), date(2024, 5, 1))
    zipping.write_zip(many, list(MEMBERS), packed(jobs, tmp_path), date(2024, 5, 1))
    assert one.read_bytes() == many.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["many.zip", "one.zip"]  # the helpers' files are gone


def test_a_failing_helper_leaves_its_share_to_the_main_process(tmp_path: Path) -> None:
    names = [f"f{n}.txt" for n in range(9)]
    main = os.getpid()

    def prepare(n: int) -> tuple[bytes, bool]:
        if os.getpid() != main and n == 4:
            raise OSError("không đọc được")
        return f"tệp {n}".encode(), False

    members = zipping.pack_all(len(names), prepare, level=6, jobs=3, work=tmp_path)
    assert [zipping.pack(f"tệp {n}".encode(), False, 6) for n in range(9)] == members


def test_dates_before_1980_are_written_as_1980(tmp_path: Path) -> None:
    target = tmp_path / "old.zip"
    zipping.write_zip(target, ["a"], [zipping.pack(b"x", False, 6)], date(1975, 4, 30))
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo("a").date_time == (1980, 4, 30, 0, 0, 0)


def test_too_many_members_for_a_classic_zip(tmp_path: Path) -> None:
    member = zipping.pack(b"", True, 6)
    with pytest.raises(zipping.ZipTooLarge):
        zipping.write_zip(tmp_path / "big.zip", [f"{n}" for n in range(70_000)], [member] * 70_000,
                          date(2024, 5, 1))
