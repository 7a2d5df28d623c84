"""One activity written in more than one place of a document (seed 002 lists some in section B and again in
section D, sometimes with other leads): tasks linked by `same_as` form one activity, which lists show once, citing
every place. A link written on one task is read both ways.
"""

from __future__ import annotations

from .diagnostics import Problems, echo
from .model import Dataset, Task
from .vietnamese import closest


def task_key(task: Task, written: str) -> str:
    """The key a `same_as` entry names: "id" within the task's plan, or "plan-id/id"."""
    written = written.strip()
    return written if "/" in written else f"{task.plan_id}/{written}"


def activity_groups(dataset: Dataset) -> dict[str, tuple[Task, ...]]:
    """Task key → every task of its activity (itself included), in the order the data lists them. Tasks not
    linked to any other are left out. Links to unknown tasks are ignored here; the checker reports them."""
    by_key = {task.key: task for task in dataset.tasks}
    parent = {key: key for key in by_key}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for task in dataset.tasks:
        for written in task.same_as:
            other = task_key(task, written)
            if other in by_key and other != task.key:
                parent[root(other)] = root(task.key)
    members: dict[str, list[Task]] = {}
    for task in dataset.tasks:
        members.setdefault(root(task.key), []).append(task)
    return {task.key: tuple(group) for group in members.values() if len(group) > 1 for task in group}


def check_same_as(dataset: Dataset, problems: Problems) -> None:
    by_key = {task.key: task for task in dataset.tasks}
    for task in dataset.tasks:
        pos = task.positions.get("same_as", task.pos)
        for written in task.same_as:
            other = task_key(task, written)
            if other == task.key:
                problems.add(pos, f"nhiệm vụ ghi \"same_as: {echo(written)}\" trỏ tới chính nó; hãy ghi mã của nhiệm "
                                  "vụ ở mục khác của văn bản")
            elif other not in by_key:
                near = closest(other, by_key)
                hint = (f"; có phải ý bạn là \"{_short(near[0], task)}\"?" if near
                        else "; nhiệm vụ được nhắc phải có \"id\"")
                problems.add(pos, f"\"same_as\" nhắc tới nhiệm vụ \"{echo(written)}\" nhưng không có nhiệm vụ nào mang "
                                  f"mã này{hint}")
            elif task.id is None:
                problems.add(task.pos, "nhiệm vụ có \"same_as\" phải có \"id\" để nhiệm vụ kia ghi ngược lại")


def _short(key: str, task: Task) -> str:
    """A key as the task's own file would write it: "d19" in the same plan, "plan-id/d19" elsewhere."""
    plan_id, _, local = key.partition("/")
    return local if plan_id == task.plan_id else key
