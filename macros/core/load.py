"""Finds the data files under data/, reads each into model records, and reports file-level problems
(encoding, YAML syntax, the opening comment, file names, duplicate ids)."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Pos, Problems, echo
from .fields import INVALID, MAX_ID_LENGTH, Ctx, read_record
from .schemas import schema_line
from .kinds import BY_FOLDER, KINDS, Kind, kind_of, referred_as
from .model import Dataset, Plan, Task
from .yamlsource import (MAX_FILE_BYTES, Mapping, Node, Scalar, Sequence, check_characters, compose,
                         first_comment_ok, offset_pos)


YAML_SUFFIXES = (".yml", ".yaml")
# A list kind also has one file at the top of data/: data/organisations.yml beside data/organisations/.
SINGLE_FILES = {f"{kind.folder}.yml": kind for kind in KINDS if kind.many}


@dataclass
class Loaded:
    dataset: Dataset
    problems: Problems
    files: list[str]


def display_path(path: Path, base: Path) -> str:
    """Paths in messages are relative to where the command runs, as editors and CI annotations expect."""
    try:
        return os.path.relpath(path, base)
    except ValueError:
        return str(path)


def _is_yaml_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in YAML_SUFFIXES


def classify(path: Path, data_dir: Path) -> Kind | None:
    rel = path.relative_to(data_dir)
    if len(rel.parts) == 1:
        # Any YAML suffix, in any case, names the same file (a wrong case is reported, the file is still read).
        return SINGLE_FILES.get(rel.stem + ".yml") if rel.suffix.lower() in YAML_SUFFIXES else None
    if len(rel.parts) == 2:
        return BY_FOLDER.get(rel.parts[0])
    return None


def _kind_unreadable(kind: Kind | None, record_id: str = "*") -> set[tuple[str, str]]:
    return {(referred_as(kind).name, "*" if kind.many else record_id)} if kind is not None else set()


def _unreadable_for(path: Path, data_dir: Path, folder: bool) -> set[tuple[str, str]]:
    """The records a file or folder that cannot be read would have defined ("*": every record of its kind)."""
    if path == data_dir:
        return {(referred_as(kind).name, "*") for kind in KINDS}
    rel = path.relative_to(data_dir)
    if folder:
        return _kind_unreadable(BY_FOLDER.get(rel.parts[0])) if len(rel.parts) == 1 else set()
    return _kind_unreadable(classify(path, data_dir), path.stem)


def _inside(real: str, roots: tuple[str, ...]) -> bool:
    return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


@dataclass
class _Walk:
    """The data files under data/, and the problems of what could not be listed or must not be read."""

    data_dir: Path
    base: Path
    problems: Problems
    unreadable: set[tuple[str, str]]

    def refuse(self, path: Path, folder: bool, message: str) -> None:
        self.problems.add(Pos(display_path(path, self.base)), message)
        self.unreadable |= _unreadable_for(path, self.data_dir, folder)

    def files(self) -> list[Path]:
        # A link may lead anywhere inside the project (data/ itself may be one), never outside it: a data file
        # is echoed into messages and pages, and a link to /etc/passwd or a home folder must not be.
        roots = (os.path.realpath(self.data_dir.absolute().parent), os.path.realpath(self.data_dir))
        found: list[Path] = []
        visited: set[str] = set()
        stack = [self.data_dir]
        while stack:  # iterative, and each real folder once: a link to an ancestor cannot loop
            folder = stack.pop()
            real = os.path.realpath(folder)
            if real in visited:
                continue
            visited.add(real)
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError as exc:
                self.refuse(folder, True, _cannot_open("thư mục", display_path(folder, self.base), exc))
                continue
            for entry in entries:
                self.consider(Path(entry.path), entry, roots, stack, found)
        return sorted(found)

    def consider(self, path: Path, entry: os.DirEntry, roots: tuple[str, ...], stack: list[Path],
                 found: list[Path]) -> None:
        yaml_name = _is_yaml_name(entry.name)
        try:
            if entry.is_symlink():
                target = os.path.realpath(path)
                if not _inside(target, roots):
                    if yaml_name or os.path.isdir(target):
                        folder = os.path.isdir(target)
                        what = "thư mục" if folder else "tệp"
                        self.refuse(path, folder, f"{what} này là liên kết tượng trưng (symlink) trỏ ra ngoài thư "
                                                  f"mục dự án, tới \"{echo(target)}\"; chương trình không đọc dữ liệu "
                                                  f"ngoài dự án: hãy chép {what} vào đây thay cho liên kết")
                    return
            mode = os.stat(path).st_mode
        except OSError as exc:  # a broken link, a link loop, a folder we may not search
            if yaml_name:
                self.refuse(path, False, _cannot_open("tệp", display_path(path, self.base), exc))
            return
        if stat.S_ISDIR(mode):
            stack.append(path)
        elif yaml_name and stat.S_ISREG(mode):
            found.append(path)
        elif yaml_name:
            self.refuse(path, False, "đây không phải một tệp bình thường (có thể là ống dẫn, ổ cắm hay thiết bị) nên "
                                     "không được đọc; hãy xóa nó và đặt tệp dữ liệu thật vào đây")


def _cannot_open(what: str, shown: str, exc: OSError) -> str:
    shown = echo(shown)
    if isinstance(exc, PermissionError):
        mode = "u+rx" if what == "thư mục" else "u+r"
        return (f"không mở được {what} này: không có quyền đọc; hãy cấp quyền (ví dụ: chmod {mode} \"{shown}\") "
                "rồi chạy lại")
    if isinstance(exc, FileNotFoundError):
        if not os.path.islink(exc.filename or ""):
            return f"{what} này vừa bị xóa hoặc đổi tên trong lúc kiểm tra; hãy chạy lại"
        return f"{what} này là liên kết tượng trưng trỏ tới chỗ không tồn tại; hãy xóa liên kết hoặc sửa đích của nó"
    if exc.errno == errno.ELOOP:
        return f"{what} này là liên kết tượng trưng trỏ vòng về chính nó; hãy xóa liên kết hoặc sửa đích của nó"
    return f"không mở được {what} này ({echo(exc.strerror or exc)}); hãy kiểm tra {what} rồi chạy lại"


class _NotRegular(Exception):
    pass


def _read_bytes(path: Path) -> tuple[bytes, int]:
    """At most one byte more than a data file may hold, and the file's size."""
    # O_NONBLOCK: a FIFO swapped in after the listing must not hang the checker; fstat then refuses it.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular
        return handle.read(MAX_FILE_BYTES + 1), info.st_size


def _check_name(path: Path, shown: str, kind: Kind | None, problems: Problems) -> None:
    suffix = path.suffix
    if suffix != suffix.lower():
        problems.add(Pos(shown), f"đuôi tên tệp \"{echo(suffix)}\" phải viết thường; hãy đổi tên tệp thành "
                                 f"\"{echo(path.stem)}.yml\"")
    # A single record's file is named after its id, whose length the id check limits.
    if (kind is None or kind.many) and len(path.stem) > MAX_ID_LENGTH:
        problems.add(Pos(shown), f"tên tệp dài {len(path.stem)} ký tự, quá giới hạn {MAX_ID_LENGTH} ký tự; hãy đặt "
                                 "tên ngắn hơn")


def load_data(data_dir: Path, base: Path | None = None) -> Loaded:
    """Read every data file; problems are collected, never raised."""
    base = base or Path.cwd()
    problems = Problems()
    dataset = Dataset()
    registry = _Registry(dataset, problems)
    walk = _Walk(data_dir, base, problems, dataset.unreadable)
    files = walk.files()
    for path in files:
        shown = display_path(path, base)
        kind = classify(path, data_dir)
        _check_name(path, shown, kind, problems)
        if kind is None:
            problems.add(Pos(shown), "tệp này không thuộc loại dữ liệu nào: đặt danh sách cơ quan vào "
                                     "data/organisations.yml, văn bản vào data/documents.yml, còn kế hoạch, sự kiện, "
                                     "mốc lịch sử, đề cương, nhiệm vụ vào data/plans/, data/events/, data/milestones/, "
                                     "data/outlines/, data/tasks/ (mỗi tệp một mục)")
            continue
        records, unreadable = _read_file(path, shown, kind, problems, path.relative_to(data_dir).as_posix())
        dataset.unreadable.update((referred_as(kind).name, record_id) for record_id in unreadable)
        for record in records:
            registry.add(record, path)
    return Loaded(dataset, problems, [display_path(p, base) for p in files])


def _read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be read."""
    try:
        raw, size = _read_bytes(path)
    except _NotRegular:
        problems.add(Pos(shown), "đây không phải một tệp bình thường (có thể là ống dẫn, ổ cắm hay thiết bị) nên "
                                 "không được đọc; hãy xóa nó và đặt tệp dữ liệu thật vào đây")
        return None
    except OSError as exc:
        problems.add(Pos(shown), _cannot_open("tệp", shown, exc))
        return None
    if len(raw) > MAX_FILE_BYTES:
        head = raw[:MAX_FILE_BYTES].decode("utf-8", "ignore")
        megabytes = f"{max(size, len(raw)) / 1_000_000:.1f}".replace(".", ",")
        problems.add(offset_pos(shown, head, len(head)),
                     f"tệp lớn {megabytes} MB, quá giới hạn {MAX_FILE_BYTES // 1_000_000} MB cho một tệp dữ liệu "
                     "(vượt qua ở chỗ này); hãy tách thành nhiều tệp: mỗi kế hoạch, sự kiện, đề cương một tệp, danh "
                     "sách dài chia thành nhiều tệp trong data/organisations/ hoặc data/documents/")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        problems.add(Pos(shown, line), "tệp không phải mã UTF-8; hãy lưu lại tệp với mã hóa UTF-8")
        return None
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff"))


def _read_file(path: Path, shown: str, kind: Kind, problems: Problems,
               relative: str) -> tuple[list[Any], set[str]]:
    """The records of one file, and the ids of those that could not be read ("*": none could)."""
    nothing = {"*" if kind.many else path.stem}
    text = _read_text(path, shown, problems)
    if text is None:
        return [], nothing
    if not text.strip():
        problems.add(Pos(shown), f"tệp trống; cần {kind.file_what}")
        return [], nothing
    checked = check_characters(shown, text, problems)
    if checked is None:
        return [], nothing
    expected = schema_line(relative)
    if expected and text.split("\n", 1)[0].strip() != expected:
        problems.add(Pos(shown), f"dòng đầu tiên phải là \"{expected}\" để trình soạn thảo gợi ý và báo lỗi ngay "
                                 "khi gõ; hãy thêm (hoặc sửa) dòng này")
    if not first_comment_ok(text):
        problems.add(Pos(shown), f"tệp phải mở đầu bằng một dòng chú thích \"# …\" nói tệp chứa gì "
                                 f"({kind.file_what}) và được dùng ở đâu")
    parsed = compose(shown, checked, problems)
    if parsed.failed:
        return [], nothing
    root = parsed.root
    if root is None:
        problems.add(Pos(shown), f"tệp trống; cần {kind.file_what}")
        return [], nothing
    ctx = Ctx(problems)
    if kind.many:
        if not isinstance(root, Sequence):
            ctx.error(root.pos, f"tệp này là {kind.file_what}: mỗi mục bắt đầu bằng \"- \"")
            return [], {"*"}
        records, unreadable = [], set()
        for node in root.items:
            record = read_record(kind.record, node, ctx)
            if record is INVALID:
                unreadable.add(_written_id(node) or "*")
            else:
                records.append(record)
        return records, unreadable
    record = read_record(kind.record, root, ctx)
    if record is INVALID:
        return [], {path.stem}
    if getattr(record, "id", None) and record.id != path.stem:
        problems.add(record.positions.get("id", record.pos),
                     f"tên tệp phải trùng với mã: mã là \"{echo(record.id)}\" nhưng tệp tên \"{echo(path.name)}\"; "
                     f"đổi tên tệp thành \"{echo(record.id)}{path.suffix.lower()}\" hoặc sửa mã")
    return [record], set()


def _written_id(node: Node) -> str | None:
    if isinstance(node, Mapping) and "id" in node.items:
        value = node.items["id"][1]
        if isinstance(value, Scalar):
            return value.text.strip()
    return None


class _Registry:
    """Puts records into the dataset, reporting an id used twice with the place of its first use."""

    def __init__(self, dataset: Dataset, problems: Problems) -> None:
        self.dataset, self.problems = dataset, problems
        self.task_keys: dict[str, Pos] = {}

    def add(self, record: Any, path: Path) -> None:
        kind = kind_of(record)
        if kind.name == "plan":
            self._add_plan(record, path)
        elif kind.name == "task":
            self._add_task(record, path)
        else:
            self._put(kind.records(self.dataset), record, kind.what)

    def _put(self, table: dict[str, Any], record: Any, what: str) -> bool:
        first = table.get(record.id)
        if first is not None:
            self.problems.add(record.positions.get("id", record.pos),
                              f"mã {what} \"{echo(record.id)}\" bị trùng: đã dùng tại "
                              f"{first.positions.get('id', first.pos)}; hãy đặt một mã khác")
            return False
        table[record.id] = record
        return True

    def _add_plan(self, plan: Plan, path: Path) -> None:
        document = referred_as(kind_of(plan))  # a plan is also a document: one id among both
        if not self._put(document.records(self.dataset), plan, document.what):
            return
        self.dataset.plans[plan.id] = plan
        for index, task in enumerate(plan.tasks, start=1):
            task.plan_id = plan.id
            if task.plan is not None:
                self.problems.add(task.positions["plan"], "nhiệm vụ nằm trong kế hoạch thì không ghi \"plan\"; "
                                                          "hãy bỏ khóa này")
            if "lead" not in task.positions and plan.addressees:
                # "Các đơn vị căn cứ kế hoạch này…": the document gives the work to those it is addressed to.
                task.lead, task.lead_implied = list(plan.addressees), True
            self._register_task(task, task.id or f"nv-{index}", "")

    def _add_task(self, task: Task, path: Path) -> None:
        if task.id is None:
            self.problems.add(task.pos, "nhiệm vụ trong data/tasks/ phải có \"id\" (trùng với tên tệp)")
            return
        if task.plan is None:
            self.problems.add(task.pos, "nhiệm vụ trong data/tasks/ phải có \"plan\": mã kế hoạch giao nhiệm vụ này")
            return
        if not task.source:
            self.problems.add(task.pos, "nhiệm vụ trong data/tasks/ phải có \"source\": văn bản và mục giao nhiệm vụ")
        task.plan_id = task.plan.id
        self._register_task(task, task.id, "tasks/")

    def _register_task(self, task: Task, local_id: str, prefix: str) -> None:
        task.key = f"{prefix}{task.plan_id}/{local_id}" if not prefix else f"{prefix}{local_id}"
        first = self.task_keys.get(task.key)
        if first is not None:
            self.problems.add(task.positions.get("id", task.pos),
                              f"mã nhiệm vụ \"{echo(local_id)}\" bị trùng: đã dùng tại {first}; hãy đặt một mã khác")
            return
        self.task_keys[task.key] = task.positions.get("id", task.pos)
        self.dataset.tasks.append(task)
