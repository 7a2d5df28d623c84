"""Shared test helpers: the project root and a copy of the small sample data set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = Path(__file__).resolve().parent / "seeds"


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini, a small valid data set, to break in one place per test."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", target)
    return target
