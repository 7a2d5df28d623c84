"""Benchmarks: they print figures for the closing notes and CI logs; they assert behaviour, never speed."""

from __future__ import annotations

import statistics
import time

import pytest

from macros.core.check import check_data

from .conftest import ROOT


def test_benchmark_check_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        dataset, problems, files = check_data(ROOT / "data")
        timings.append(time.perf_counter() - started)
        assert not problems
    with capsys.disabled():
        print(f"\n[benchmark] sotay check on shipped data: {files} files, {len(dataset.tasks)} tasks; "
              f"median {statistics.median(timings) * 1000:.0f} ms, min {min(timings) * 1000:.0f} ms over 5 runs")
