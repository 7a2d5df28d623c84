"""Finds the data files under data/, reads each into model records, and reports file-level problems
(encoding, YAML syntax, the opening comment, file names, duplicate ids)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .diagnostics import Pos, Problems
from .fields import INVALID, Ctx, read_record
from .schemas import schema_line
from .model import Dataset, Document, Event, Milestone, Organisation, Outline, Plan, Task
from .yamlsource import Mapping, Node, Scalar, Sequence, first_comment_ok, load_yaml


@dataclass(frozen=True)
class FileKind:
    """Where one kind of record lives and how a file of it is shaped."""

    name: str  # Vietnamese, for messages
    cls: type
    many: bool  # a list of records in one file, or one record per file named after its id


SINGLE_FILES = {
    "organisations.yml": FileKind("danh sách cơ quan, đơn vị", Organisation, many=True),
    "documents.yml": FileKind("danh sách văn bản", Document, many=True),
}
FOLDERS = {
    "organisations": FileKind("danh sách cơ quan, đơn vị", Organisation, many=True),
    "documents": FileKind("danh sách văn bản", Document, many=True),
    "plans": FileKind("kế hoạch", Plan, many=False),
    "milestones": FileKind("mốc lịch sử", Milestone, many=False),
    "events": FileKind("sự kiện", Event, many=False),
    "outlines": FileKind("đề cương", Outline, many=False),
    "tasks": FileKind("nhiệm vụ", Task, many=False),
}
YAML_SUFFIXES = (".yml", ".yaml")
TARGETS = {Organisation: "organisation", Document: "document", Plan: "document", Milestone: "milestone",
           Event: "event", Outline: "outline", Task: "task"}


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


def find_data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file() and p.suffix in YAML_SUFFIXES)


def classify(path: Path, data_dir: Path) -> FileKind | None:
    rel = path.relative_to(data_dir)
    if len(rel.parts) == 1:
        return SINGLE_FILES.get(rel.name)
    if len(rel.parts) == 2:
        return FOLDERS.get(rel.parts[0])
    return None


def load_data(data_dir: Path, base: Path | None = None) -> Loaded:
    """Read every data file; problems are collected, never raised."""
    base = base or Path.cwd()
    problems = Problems()
    dataset = Dataset()
    registry = _Registry(dataset, problems)
    files = find_data_files(data_dir)
    for path in files:
        shown = display_path(path, base)
        kind = classify(path, data_dir)
        if kind is None:
            problems.add(Pos(shown), "tệp này không thuộc loại dữ liệu nào: đặt danh sách cơ quan vào "
                                     "data/organisations.yml, văn bản vào data/documents.yml, còn kế hoạch, sự kiện, "
                                     "mốc lịch sử, đề cương, nhiệm vụ vào data/plans/, data/events/, data/milestones/, "
                                     "data/outlines/, data/tasks/ (mỗi tệp một mục)")
            continue
        records, unreadable = _read_file(path, shown, kind, problems, path.relative_to(data_dir).as_posix())
        dataset.unreadable.update((TARGETS[kind.cls], record_id) for record_id in unreadable)
        for record in records:
            registry.add(record, path)
    return Loaded(dataset, problems, [display_path(p, base) for p in files])


def _read_file(path: Path, shown: str, kind: FileKind, problems: Problems,
               relative: str) -> tuple[list[Any], set[str]]:
    """The records of one file, and the ids of those that could not be read ("*": none could)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        problems.add(Pos(shown, line), "tệp không phải mã UTF-8; hãy lưu lại tệp với mã hóa UTF-8")
        return [], {"*" if kind.many else path.stem}
    text = text.removeprefix("\ufeff")
    expected = schema_line(relative)
    if expected and text.split("\n", 1)[0].strip() != expected:
        problems.add(Pos(shown), f"dòng đầu tiên phải là \"{expected}\" để trình soạn thảo gợi ý và báo lỗi ngay "
                                 "khi gõ; hãy thêm (hoặc sửa) dòng này")
    if not first_comment_ok(text):
        problems.add(Pos(shown), f"tệp phải mở đầu bằng một dòng chú thích \"# …\" nói tệp chứa gì "
                                 f"({kind.name}) và được dùng ở đâu")
    root = load_yaml(shown, text, problems)
    if root is None:
        if not problems.items or problems.items[-1].pos.path != shown:
            problems.add(Pos(shown), f"tệp trống; cần {kind.name}")
        return [], {"*" if kind.many else path.stem}
    ctx = Ctx(problems)
    if kind.many:
        if not isinstance(root, Sequence):
            ctx.error(root.pos, f"tệp này là {kind.name}: mỗi mục bắt đầu bằng \"- \"")
            return [], {"*"}
        records, unreadable = [], set()
        for node in root.items:
            record = read_record(kind.cls, node, ctx)
            if record is INVALID:
                unreadable.add(_written_id(node) or "*")
            else:
                records.append(record)
        return records, unreadable
    record = read_record(kind.cls, root, ctx)
    if record is INVALID:
        return [], {path.stem}
    if getattr(record, "id", None) and record.id != path.stem:
        problems.add(record.positions.get("id", record.pos),
                     f"tên tệp phải trùng với mã: mã là \"{record.id}\" nhưng tệp tên \"{path.name}\"; "
                     f"đổi tên tệp thành \"{record.id}{path.suffix}\" hoặc sửa mã")
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
        self.adders: dict[type, Callable[[Any, Path], None]] = {
            Organisation: lambda r, p: self._put(dataset.organisations, r, "cơ quan, đơn vị"),
            Document: lambda r, p: self._put(dataset.documents, r, "văn bản"),
            Plan: self._add_plan,
            Milestone: lambda r, p: self._put(dataset.milestones, r, "mốc lịch sử"),
            Event: lambda r, p: self._put(dataset.events, r, "sự kiện"),
            Outline: lambda r, p: self._put(dataset.outlines, r, "đề cương"),
            Task: self._add_task,
        }
        self.task_keys: dict[str, Pos] = {}

    def add(self, record: Any, path: Path) -> None:
        self.adders[type(record)](record, path)

    def _put(self, table: dict[str, Any], record: Any, what: str) -> bool:
        first = table.get(record.id)
        if first is not None:
            self.problems.add(record.positions.get("id", record.pos),
                              f"mã {what} \"{record.id}\" bị trùng: đã dùng tại {first.positions.get('id', first.pos)}; "
                              "hãy đặt một mã khác")
            return False
        table[record.id] = record
        return True

    def _add_plan(self, plan: Plan, path: Path) -> None:
        if not self._put(self.dataset.documents, plan, "văn bản"):
            return
        self.dataset.plans[plan.id] = plan
        for index, task in enumerate(plan.tasks, start=1):
            task.plan_id = plan.id
            if task.plan is not None:
                self.problems.add(task.positions["plan"], "nhiệm vụ nằm trong kế hoạch thì không ghi \"plan\"; "
                                                          "hãy bỏ khóa này")
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
                              f"mã nhiệm vụ \"{local_id}\" bị trùng: đã dùng tại {first}; hãy đặt một mã khác")
            return
        self.task_keys[task.key] = task.positions.get("id", task.pos)
        self.dataset.tasks.append(task)
