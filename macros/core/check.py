"""Reads and checks the whole of data/ once: the one path from files to a checked data set, for the checker
command and for the build alike."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .diagnostics import Problems
from .load import load_data
from .model import Dataset
from .validate import validate


class Checked(NamedTuple):
    dataset: Dataset
    problems: Problems
    files: list[str]  # the data files read, as shown in messages


def check_data(data_dir: Path, base: Path | None = None) -> Checked:
    """Every problem of data/ at once; paths in messages are relative to `base` (default: where the command runs)."""
    loaded = load_data(data_dir, base=base)
    validate(loaded.dataset, loaded.problems)
    return Checked(loaded.dataset, loaded.problems, loaded.files)
