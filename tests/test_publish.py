"""`sotay publish DEST` and `sotay publish DEST --rollback` (macros/outputs/publish.py, macros/cli/publish.py): DEST is a symbolic link to
DEST.versions/<time>/, switched in one rename; a failed check or build leaves DEST exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from macros.outputs import publish
from macros.cli.main import main

from .sites import ROOT, building, make_project


def fake_build(marker: str):
    def build(target: Path) -> bool:
        target.mkdir(parents=True, exist_ok=True)  # publish makes the folder; other callers may not
        (target / "index.html").write_text(f"<p>{marker}</p>", encoding="utf-8")
        (target / "su-kien").mkdir()
        (target / "su-kien" / "index.html").write_text(marker, encoding="utf-8")
        return True
    return build


def state(dest: Path) -> tuple[str | None, dict[str, str]]:
    """Where DEST points, and every file beside it with the digest of its content."""
    link = os.readlink(dest) if dest.is_symlink() else None
    files = {}
    for root in (dest.parent,):
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return link, files


def shown(dest: Path) -> str:
    return (dest / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# The switch, with a stand-in build
# ---------------------------------------------------------------------------------------------------------------

def test_first_publish_makes_the_link_and_the_version(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    switch = publish.publish(dest, fake_build("một"), now=1714521600)
    assert dest.is_symlink() and not os.path.isabs(os.readlink(dest))
    assert os.readlink(dest) == f"sotay.versions/{switch.version.name}"
    assert switch.version.parent == tmp_path / "sotay.versions" and switch.previous is None
    assert shown(dest) == "<p>một</p>"
    assert oct((dest / "index.html").stat().st_mode & 0o777) == oct(0o644)
    assert [p.name for p in (tmp_path / "sotay.versions").iterdir() if not p.name.startswith(".")] == \
        [switch.version.name]


def test_publish_switches_in_one_rename_while_the_old_version_is_served(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "sotay"
    first = publish.publish(dest, fake_build("một"), now=1714521600).version

    def build(target: Path) -> bool:
        assert shown(dest) == "<p>một</p>", "the old version must be served during the build"
        return fake_build("hai")(target)

    renames: list[tuple[str, str, str]] = []
    real_replace = os.replace

    def replace(source, target) -> None:
        renames.append((str(source), str(target), os.readlink(source)))
        real_replace(source, target)

    monkeypatch.setattr(publish.os, "replace", replace)
    second = publish.publish(dest, build, now=1714608000)
    assert second.previous == first and second.version != first
    assert len(renames) == 1, "exactly one rename switches the version"
    source, target, link = renames[0]
    assert target == str(dest) and Path(source).parent == tmp_path and link == f"sotay.versions/{second.version.name}"
    assert shown(dest) == "<p>hai</p>" and first.is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "the temporary link was left behind"


def test_rollback_goes_back_one_version_at_a_time(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    versions = [publish.publish(dest, fake_build(str(n)), now=1714521600 + n * 86400).version for n in range(3)]
    back = publish.rollback(dest)
    assert (back.version, back.previous) == (versions[1], versions[2]) and shown(dest) == "<p>1</p>"
    assert versions[2].is_dir(), "the version rolled back from is kept"
    assert publish.rollback(dest).version == versions[0] and shown(dest) == "<p>0</p>"
    with pytest.raises(publish.PublishError, match="không còn bản nào cũ hơn") as error:
        publish.rollback(dest)
    assert error.value.status == 1 and shown(dest) == "<p>0</p>"
    # the next publish is the newest again
    assert publish.publish(dest, fake_build("3"), now=1714521600 + 5 * 86400).previous == versions[0]
    assert shown(dest) == "<p>3</p>"


def test_rollback_with_nothing_published(tmp_path: Path) -> None:
    with pytest.raises(publish.PublishError, match="chưa có bản nào được xuất bản"):
        publish.rollback(tmp_path / "sotay")


@pytest.mark.parametrize("failure", ["returns False", "raises", "no index.html"])
def test_failed_build_leaves_dest_exactly_as_it_was(tmp_path: Path, failure: str) -> None:
    dest = tmp_path / "sotay"
    first = publish.publish(dest, fake_build("một"), now=1714521600).version
    before = state(dest)

    def build(target: Path) -> bool:
        fake_build("hỏng")(target)
        if failure == "raises":
            raise RuntimeError("hỏng giữa chừng")
        if failure == "no index.html":
            (target / "index.html").unlink()
            return True
        return False

    if failure == "raises":
        with pytest.raises(RuntimeError):
            publish.publish(dest, build, now=1714608000)
    else:
        with pytest.raises(publish.PublishError) as error:
            publish.publish(dest, build, now=1714608000)
        assert f"{dest} không thay đổi (vẫn là bản {first.name})" in str(error.value)
        assert error.value.status == 1
    assert state(dest) == before
    assert shown(dest) == "<p>một</p>"


def test_failed_first_publish_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(publish.PublishError, match="chưa có bản nào được xuất bản ở đó"):
        publish.publish(tmp_path / "sotay", lambda target: False)
    assert list(tmp_path.iterdir()) == []


def test_dest_that_is_not_ours_is_left_alone(tmp_path: Path) -> None:
    real = tmp_path / "sotay"
    real.mkdir()
    (real / "index.html").write_text("cũ", encoding="utf-8")
    with pytest.raises(publish.PublishError, match="không phải liên kết do sotay publish tạo") as error:
        publish.publish(real, fake_build("mới"))
    assert error.value.status == 2 and (real / "index.html").read_text(encoding="utf-8") == "cũ"
    elsewhere = tmp_path / "khac"
    elsewhere.symlink_to(real)
    with pytest.raises(publish.PublishError) as error:
        publish.publish(elsewhere, fake_build("mới"))
    assert error.value.status == 2 and os.readlink(elsewhere) == str(real)
    with pytest.raises(publish.PublishError) as error:
        publish.publish(tmp_path / "khong-co" / "sotay", fake_build("mới"))
    assert error.value.status == 2


def test_old_versions_are_pruned_but_never_the_published_one(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    made = [publish.publish(dest, fake_build(str(n)), keep=3, now=1714521600 + n).version for n in range(5)]
    assert publish.list_versions(dest) == made[2:]
    publish.rollback(dest)
    publish.rollback(dest)
    assert publish.current_version(dest) == made[2]
    publish.publish(dest, fake_build("5"), keep=2, now=1714521600 + 5)
    assert made[2] not in publish.list_versions(dest)  # no longer published: pruned
    assert len(publish.list_versions(dest)) == 2


def test_versions_within_one_second_stay_in_order(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    made = [publish.publish(dest, fake_build(str(n)), keep=20, now=1714521600).version for n in range(12)]
    assert publish.list_versions(dest) == made
    assert publish.rollback(dest).version == made[10]


def test_one_publish_at_a_time(tmp_path: Path) -> None:
    dest = tmp_path / "sotay"
    publish.publish(dest, fake_build("một"))
    with publish._locked(dest):
        with pytest.raises(publish.PublishError) as error:
            publish.publish(dest, fake_build("hai"))
    assert str(error.value) == f"đang có một lần xuất bản khác vào {dest} chạy; chờ nó xong rồi chạy lại."
    assert [p.name for p in (tmp_path / "sotay.versions").iterdir() if p.name.startswith(".dang-")] == []
    assert shown(dest) == "<p>một</p>"


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["publish"])
    assert exit_.value.code == 2
    assert "thiếu tham số bắt buộc" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------------
# The real command, building the small project (tests/sites.py: the project's configuration, plugin and theme on
# the mini data set, a second a build)
# ---------------------------------------------------------------------------------------------------------------

def sotay_publish(project: Path, *args: str, build_date: str = "2024-05-01") -> subprocess.CompletedProcess:
    """The command itself, in a process of its own: its exit status and messages are what is tested."""
    building("sotay publish")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOTAY_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "true"}
    env.pop("SOTAY_PDF", None)
    return subprocess.run([sys.executable, "-m", "macros.cli.main", "publish", *args, "--config",
                           str(project / "mkdocs.yml")], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


def zip_names(dest: Path) -> list[str]:
    return sorted(p.name for p in (dest / "tai-ve").glob("*.zip"))


@pytest.mark.site
def test_sotay_publish_and_rollback(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    www = tmp_path / "www"
    www.mkdir()
    dest = www / "sotay"

    first = sotay_publish(project, str(dest), build_date="2024-05-01")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Đã xuất bản" in first.stderr
    v1 = os.readlink(dest)
    assert zip_names(dest) == ["so-tay-tuyen-truyen-2024-05-01.zip"]

    # A reader keeps opening the home page while the second version is published: it never misses.
    seen: set[str] = set()
    misses: list[str] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                (dest / "index.html").read_bytes()
                seen.add(os.readlink(dest))
            except OSError as error:
                misses.append(str(error))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        time.sleep(1.1)  # versions are named by the second
        second = sotay_publish(project, str(dest), build_date="2024-05-02")
    finally:
        stop.set()
        reader.join(timeout=10)
    assert second.returncode == 0, second.stdout + second.stderr
    v2 = os.readlink(dest)
    assert v2 != v1 and (www / v1).is_dir() and (www / v2).is_dir()
    assert zip_names(dest) == ["so-tay-tuyen-truyen-2024-05-02.zip"]
    assert misses == [] and seen == {v1, v2}
    assert f"sotay publish {dest} --rollback" in second.stderr

    back = sotay_publish(project, str(dest), "--rollback")
    assert back.returncode == 0, back.stdout + back.stderr
    assert "Đã quay lại" in back.stderr
    assert os.readlink(dest) == v1 and zip_names(dest) == ["so-tay-tuyen-truyen-2024-05-01.zip"]

    # Broken data: the check fails, nothing is built, DEST stays exactly as it was.
    before = state(dest)
    milestone = project / "data" / "milestones" / "chien-thang-dien-bien-phu.yml"
    good = milestone.read_text(encoding="utf-8")
    milestone.write_text(good.replace("7/5/1954", "31/02/1954"), encoding="utf-8")
    broken = sotay_publish(project, str(dest), build_date="2024-05-03")
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "chien-thang-dien-bien-phu.yml" in broken.stdout + broken.stderr
    assert f"chưa xuất bản: dữ liệu còn lỗi, trang web chưa được dựng. {dest} không thay đổi (vẫn là bản " \
           f"{Path(v1).name})." in broken.stderr
    assert state(dest) == before

    # Valid data but a page that does not build: the build fails, DEST stays exactly as it was.
    milestone.write_text(good, encoding="utf-8")
    (project / "docs" / "hong.md").write_text("# Hỏng\n\n[liên kết hỏng](khong-co.md)\n", encoding="utf-8")
    failed = sotay_publish(project, str(dest), build_date="2024-05-03")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "chưa xuất bản: dựng trang web không thành công" in failed.stderr
    assert f"{dest} không thay đổi" in failed.stderr
    assert state(dest) == before
