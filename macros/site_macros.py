"""The mkdocs-macros entry point: loads and checks data/ once per build and exposes macros to pages.

Kept thin on purpose: everything it shows comes from the domain core, rendered by templates in
macros/templates/, so replacing MkDocs means replacing only this file and the hooks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .load import load_data
from .model import Dataset
from .render import render_template
from .validate import validate


class DataError(PluginError):
    """Stops the build when data/ has problems; MkDocs prints the message (path:line:column lines), no traceback."""


def load_checked_dataset(project_dir: Path) -> Dataset:
    loaded = load_data(project_dir / "data", base=project_dir)
    validate(loaded.dataset, loaded.problems)
    if loaded.problems:
        lines = "\n".join(problem.format() for problem in loaded.problems.sorted())
        raise DataError(f"Dữ liệu còn lỗi, trang web chưa được dựng:\n{lines}")
    return loaded.dataset


def define_env(env: Any) -> None:
    project_dir = Path(env.project_dir)
    dataset = load_checked_dataset(project_dir)
    env.variables["dataset"] = dataset

    @env.macro
    def data_summary() -> str:
        """Bảng số lượng dữ liệu hiện có."""
        return render_template("data_summary.md.j2", dataset=dataset)
