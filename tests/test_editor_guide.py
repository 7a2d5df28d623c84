"""The editors' guide (docs/huong-dan/) tried as its readers would.

1. A new editor: in a copy of the project, run the `sotay new` commands the guide gives, make the edits it shows
   ("Trước:" / "Sau:" pairs), check, build strictly, and find the new event on its timeline year, on its lead
   unit's page, in the event index and in the search index.
2. The guide's mistakes: every section of thong-bao-loi.md shows a mistake made in the shipped data ("Sai, trong
   tệp …:" — the "Đúng:" text of that file replaced by the wrong text, or "Sai, tệp mới …:" — a new file) and the
   exact lines `sotay check` prints for it. Both are read from the page, so the guide and the checker cannot drift.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from macros.cli.main import main

from .checker import check_output, reused_composition
from .sites import ROOT, SHIPPED_BUILD_DATE, build, copy_project

GUIDE = ROOT / "docs" / "huong-dan"
PAGES = ["index.md", "du-lieu.md", "them-su-kien.md", "them-ke-hoach.md", "them-de-cuong.md", "thong-bao-loi.md",
         "duyet-thay-doi.md", "an-toan.md", "thoi-han.md", "nhap-van-ban.md", "lich.md"]
# The guide's entries in the nav of mkdocs.yml.
NAV_ENTRIES = [
    "huong-dan/index.md",
    "Cách tổ chức dữ liệu: huong-dan/du-lieu.md",
    "Thêm sự kiện: huong-dan/them-su-kien.md",
    "Thêm kế hoạch, nhiệm vụ: huong-dan/them-ke-hoach.md",
    "Cách ghi thời hạn nhiệm vụ: huong-dan/thoi-han.md",
    "Nhập văn bản từ tệp Word, PDF: huong-dan/nhap-van-ban.md",
    "Thêm đề cương: huong-dan/them-de-cuong.md",
    "Thông báo lỗi và cách sửa: huong-dan/thong-bao-loi.md",
    "Duyệt thay đổi: huong-dan/duyet-thay-doi.md",
    "An toàn khi nhận thay đổi: huong-dan/an-toan.md",
]
BUILD_DATE = SHIPPED_BUILD_DATE
# Sections of thong-bao-loi.md whose mistake cannot be typed into a YAML example; each says why.
UNTESTABLE = {
    "Tệp không phải mã UTF-8": "the mistake is the file's byte encoding, which a Markdown example cannot carry",
    "Ký tự điều khiển vô hình": "the mistake is an invisible character, which the page must not carry raw",
    "Ký tự ngắt dòng ẩn": "the mistake is an invisible line separator, which the page must not carry raw",
    "Tệp xuống dòng kiểu máy Mac cũ": "the mistake is the file's line ends, which a Markdown example cannot carry",
    "Không mở được tệp hoặc thư mục": "the mistake is a file permission; tests/test_hostile_data.py checks it",
}


# ---------------------------------------------------------------------------------------------------------------
# Reading the guide's pages: fenced blocks and the line written just before each.
# ---------------------------------------------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"^```(\w*)\s*$")
_JINJA_RAW = {"{% raw %}", "{% endraw %}"}


@dataclass
class Block:
    lang: str
    text: str  # the lines between the fences, each ending with "\n"
    label: str  # the last non-empty line before the block (raw/endraw markers skipped)


def blocks(markdown: str) -> list[Block]:
    found: list[Block] = []
    lines = markdown.splitlines(keepends=True)
    label = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _FENCE_OPEN.match(line.rstrip("\n"))
        if opening:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].rstrip() == "```")
            found.append(Block(opening.group(1), "".join(lines[i + 1:end]), label))
            label = ""
            i = end + 1
            continue
        if line.strip() and line.strip() not in _JINJA_RAW:
            label = line.strip()
        i += 1
    return found


def page(name: str) -> str:
    return (GUIDE / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# Reading thong-bao-loi.md: one mistake per "###" section.
# ---------------------------------------------------------------------------------------------------------------

_WRONG_IN = re.compile(r"^Sai, trong tệp `(data/[^`]+)`:$")
_WRONG_NEW = re.compile(r"^Sai, tệp mới `(data/[^`]+)`:$")


@dataclass
class Mistake:
    heading: str
    messages: list[str] = field(default_factory=list)
    path: str | None = None
    new_file: bool = False
    wrong: str | None = None
    right: str | None = None


def mistakes() -> list[Mistake]:
    text = page("thong-bao-loi.md")
    sections = re.split(r"^### ", text, flags=re.M)[1:]
    found = []
    for section in sections:
        heading, _, body = section.partition("\n")
        body = re.split(r"^## ", body, flags=re.M)[0]
        mistake = Mistake(heading.strip())
        for block in blocks(body):
            if block.lang == "text" and not mistake.messages:
                mistake.messages = block.text.splitlines()
            elif match := _WRONG_IN.match(block.label):
                mistake.path, mistake.wrong = match.group(1), block.text
            elif match := _WRONG_NEW.match(block.label):
                mistake.path, mistake.wrong, mistake.new_file = match.group(1), block.text, True
            elif block.label == "Đúng:" and mistake.right is None:
                mistake.right = block.text
        found.append(mistake)
    return found


def introduce(project: Path, mistake: Mistake) -> None:
    assert mistake.path is not None and mistake.wrong is not None
    target = project / mistake.path
    if mistake.new_file:
        assert not target.exists(), f"{mistake.heading}: {mistake.path} is shipped; use \"Sai, trong tệp\""
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mistake.wrong, encoding="utf-8")
        return
    assert mistake.right is not None, f"{mistake.heading}: the example has no \"Đúng:\" block"
    text = target.read_text(encoding="utf-8")
    assert text.count(mistake.right) == 1, (
        f"{mistake.heading}: the \"Đúng:\" text must appear exactly once in {mistake.path} (the shipped data changed?)")
    target.write_text(text.replace(mistake.right, mistake.wrong), encoding="utf-8")


def run_check(project: Path, monkeypatch, capsys) -> tuple[int, list[str]]:
    monkeypatch.chdir(project)
    status = main(["check"])
    return status, capsys.readouterr().out.splitlines()


MISTAKES = mistakes()


def test_the_guide_lists_the_common_mistakes() -> None:
    testable = [m for m in MISTAKES if m.heading not in UNTESTABLE]
    assert len(testable) >= 8
    headings = [m.heading for m in MISTAKES]
    assert len(headings) == len(set(headings)), "two sections of thong-bao-loi.md have the same heading"
    for name in UNTESTABLE:
        assert name in headings, f"UNTESTABLE names a section that is gone: {name}"
    for mistake in MISTAKES:
        assert mistake.messages, f"{mistake.heading}: no ```text block with the checker's message"
        if mistake.heading not in UNTESTABLE:
            assert mistake.wrong is not None, f"{mistake.heading}: no \"Sai, trong tệp …:\" or \"Sai, tệp mới …:\" block"
    # The kinds of mistake the guide promises to explain, by a word of the checker's message.
    every_message = "\n".join(line for m in MISTAKES for line in m.messages)
    for words in ["không có trong", "thiếu khóa bắt buộc", "không có cơ quan, đơn vị nào mang mã", "không tồn tại",
                  "không đọc được thời gian", "vừa chủ trì (lead) vừa phối hợp (support)", "kỷ niệm 70 năm nhưng",
                  "có số thứ tự gõ tay", "cú pháp mẫu (Jinja)", "dòng đầu tiên phải là"]:
        assert words in every_message, f"thong-bao-loi.md has no example of the message containing {words!r}"


def test_the_shipped_data_is_valid(tmp_path: Path, monkeypatch, capsys, compose_once) -> None:
    """Each example below changes the shipped data in one place: its messages are all the checker prints. (The
    first check of the shipped data in the session: it composes every file for real.)"""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    assert run_check(tmp_path, monkeypatch, capsys) == (0, [])


TESTABLE = [m for m in MISTAKES if m.heading not in UNTESTABLE]


def check_mistake(heading: str, where: str) -> tuple[int, list[str]]:
    """The checker's exit status and printed lines for the guide's mistake `heading`, made in a copy of the shipped
    data under `where` (run in a worker process)."""
    project = Path(where)
    shutil.copytree(ROOT / "data", project / "data")
    introduce(project, next(m for m in TESTABLE if m.heading == heading))
    with reused_composition():
        checked = check_output(project)
    return checked.status, checked.lines


@pytest.fixture(scope="module")
def mistake_outputs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                    ) -> dict[str, tuple[int, list[str]] | BaseException]:
    """The checker's output for every mistake this run tests. Each is a whole check of the shipped data (half a
    second, nearly all of it composing YAML): they run in worker processes, one per core, where the files a mistake
    leaves alone are composed once (tests/checker.py). The shipped data is composed here first (unless a test did
    already), and the workers are forked from this process when it runs no other thread (otherwise started afresh,
    and each composes it once). A mistake that could not be made gives its exception."""
    headings = [item.callspec.params["mistake"].heading for item in request.session.items
                if item.module is request.module and hasattr(item, "callspec") and "mistake" in item.callspec.params]
    where = tmp_path_factory.mktemp("mistakes")
    shutil.copytree(ROOT / "data", where / "shipped" / "data")
    with reused_composition():
        check_output(where / "shipped")
    start = "fork" if threading.active_count() == 1 else "spawn"
    workers = max(1, min(os.cpu_count() or 1, len(headings)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start)) as pool:
        jobs = {heading: pool.submit(check_mistake, heading, str(where / str(n))) for n, heading in enumerate(headings)}
        return {heading: job.exception() or job.result() for heading, job in jobs.items()}


@pytest.mark.parametrize("mistake", TESTABLE, ids=lambda m: m.heading)
def test_each_mistake_in_the_guide_gets_the_message_it_shows(mistake_outputs, mistake: Mistake) -> None:
    outcome = mistake_outputs[mistake.heading]
    if isinstance(outcome, BaseException):
        raise outcome
    status, printed = outcome
    assert status == 1
    assert printed == mistake.messages, (
        f"thong-bao-loi.md, section {mistake.heading!r}: the checker now prints\n" + "\n".join(printed))


def test_each_fix_in_the_guide_is_the_shipped_text() -> None:
    """The "Đúng:" side of every replace example is the shipped data, so undoing the mistake fixes it."""
    for mistake in MISTAKES:
        if mistake.wrong is not None and not mistake.new_file:
            shipped = (ROOT / mistake.path).read_text(encoding="utf-8")
            assert mistake.right and shipped.count(mistake.right) == 1, mistake.heading


# ---------------------------------------------------------------------------------------------------------------
# A new editor follows them-su-kien.md and them-ke-hoach.md.
# ---------------------------------------------------------------------------------------------------------------

def test_the_guide_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    section = config[config.index("  - Hướng dẫn:\n"):]
    for entry in NAV_ENTRIES:
        assert f"      - {entry}\n" in section, f"mkdocs.yml does not list {entry} under \"Hướng dẫn\""


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "true", "SOTAY_BUILD_DATE": BUILD_DATE}


def sotay(project: Path, command: str) -> subprocess.CompletedProcess:
    """A command line as the guide writes it ("sotay new event \"…\""), run as `python -m macros.cli`."""
    import shlex
    args = shlex.split(command)
    assert args[0] == "sotay", command
    return subprocess.run([sys.executable, "-m", "macros.cli.main", *args[1:]], cwd=project, env=environment(),
                          capture_output=True, text=True, timeout=120)


@dataclass
class Exercise:
    command: str  # the `sotay new …` line
    answer: list[str]  # what that command prints, as the page shows
    created: str  # the file it writes, as the page shows
    after_new: list[str]  # what `sotay check` prints right after it, as the page shows
    edits: list[tuple[str, str]]  # ("Trước:", "Sau:") pairs, in order
    final: str  # the whole file when done


def exercise_section(name: str) -> str:
    """The page's "## Bài thực hành…" section: the steps a new editor follows."""
    parts = re.split(r"^(?=## )", page(name), flags=re.M)
    found = [part for part in parts if part.startswith("## Bài thực hành")]
    assert len(found) == 1, f"{name}: expected one \"## Bài thực hành\" section"
    return found[0]


def only(found: list[Block], name: str, label: str) -> Block:
    matching = [b for b in found if b.label.startswith(label)]
    assert len(matching) == 1, f"{name}: expected one block after \"{label}…\", found {len(matching)}"
    return matching[0]


def exercise(name: str) -> Exercise:
    found = blocks(exercise_section(name))
    commands = [line.strip() for b in found if b.lang in ("sh", "bash")
                for line in b.text.splitlines() if line.strip().startswith("sotay new ")]
    assert len(commands) == 1, f"{name}: expected one `sotay new` command in a ```sh block, found {commands}"
    edits, before = [], None
    for b in found:
        if b.label == "Trước:":
            before = b.text
        elif b.label == "Sau:":
            assert before is not None, f"{name}: a \"Sau:\" block without its \"Trước:\""
            edits.append((before, b.text))
            before = None
    assert edits, f"{name}: no \"Trước:\" / \"Sau:\" pairs"
    return Exercise(commands[0], only(found, name, "Lệnh trả lời").text.splitlines(),
                    only(found, name, "Tệp vừa tạo").text,
                    only(found, name, "Chạy kiểm tra ngay lúc này").text.splitlines(), edits,
                    only(found, name, "Tệp hoàn chỉnh").text)


def follow(project: Path, name: str) -> tuple[Path, dict]:
    """Run the page's `sotay new` command, compare what happens with what the page shows, make its edits."""
    steps = exercise(name)
    made = sotay(project, steps.command)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == steps.answer, f"{name}: `sotay new` now answers:\n{made.stdout}"
    created = re.search(r"Đã tạo (\S+) \(mã", made.stdout)
    assert created, made.stdout
    path = project / created.group(1)
    text = path.read_text(encoding="utf-8")
    assert text == steps.created, f"{name}: `sotay new` now writes another file than the page shows:\n{text}"
    checked = sotay(project, "sotay check")
    assert checked.returncode == 1, f"{name}: a freshly made file should still need filling in"
    assert checked.stdout.splitlines() == steps.after_new, (
        f"{name}: the page shows other messages after `sotay new` than the checker prints:\n{checked.stdout}")
    for before, after in steps.edits:
        assert text.count(before) == 1, f"{name}: the \"Trước:\" text is not (once) in the new file:\n{before}"
        text = text.replace(before, after)
    assert text == steps.final, f"{name}: the edits do not give the page's \"Tệp hoàn chỉnh\":\n{text}"
    path.write_text(text, encoding="utf-8")
    return path, yaml.safe_load(text)


def html_text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


@pytest.mark.site
def test_a_new_editor_adds_an_event_with_a_task_and_sees_it_on_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    event_path, event = follow(project, "them-su-kien.md")
    task_path, task = follow(project, "them-ke-hoach.md")
    assert task["events"] == [event["id"]] or task["events"] == event["id"]

    checked = sotay(project, "sotay check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == "" and checked.stderr.startswith("Dữ liệu hợp lệ")

    built = build(project, build_date=BUILD_DATE)
    assert built.ok, built.log
    site = built.site

    # The event's own page, with its computed title and the task.
    event_page = html_text(site / "su-kien" / event["id"] / "index.html")
    milestone = yaml.safe_load((project / "data" / "milestones" / f"{event['milestones'][0]}.yml")
                               .read_text(encoding="utf-8"))
    n = event["year"] - int(str(milestone["date"]).split("/")[-1])
    title = f"Kỷ niệm {n} năm {event['name']}"
    assert title in event_page and task["title"] in event_page

    # On the timeline of its year, in the event index, and on the lead unit's page (the task).
    timeline = html_text(site / "dong-thoi-gian" / str(event["year"]) / "index.html")
    assert title in timeline and f"su-kien/{event['id']}/" in timeline
    index = html_text(site / "su-kien" / "index.html")
    assert title in index and f"{event['id']}/" in index
    lead = task["lead"] if isinstance(task["lead"], str) else task["lead"][0]
    unit = html_text(site / "don-vi" / lead / "index.html")
    assert task["title"] in unit and f"su-kien/{event['id']}/" in unit

    # The site's own search finds it.
    assert (site / "assets" / "sotay-search.js").is_file()
    search_index = "".join(html_text(path) for path in sorted((site / "search").rglob("*.js")))  # every shard
    assert title in search_index or event["name"] in search_index


# ---------------------------------------------------------------------------------------------------------------
# The pages themselves: Vietnamese, NFC, relative links only, no template syntax outside raw blocks.
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_guide_pages_are_clean(name: str) -> None:
    text = page(name)
    assert text == unicodedata.normalize("NFC", text), f"{name} is not NFC"
    assert text.startswith("# "), f"{name} must open with its title"
    outside_raw = re.sub(r"\{% raw %\}.*?\{% endraw %\}", "", text, flags=re.S)
    for token in ("{{", "{#"):
        assert token not in outside_raw, f"{name}: {token} outside a raw block would be run by mkdocs-macros"
    assert "{%" not in outside_raw.replace("{% raw %}", "").replace("{% endraw %}", "")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        assert not re.match(r"[a-z]+:", target), f"{name}: external link {target}; write addresses as plain text"
        path = target.split("#")[0]
        # Whether the page exists (hand-written or generated from data) is checked by the strict build above.
        assert not path or path.endswith(".md"), f"{name}: link {target} should point to a .md file"
