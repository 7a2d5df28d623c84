"""Benchmarks: they print figures for the closing notes and CI logs; they assert behaviour, never speed. Marked
`benchmark`, they run with the full suite (./setup.sh test), not with the fast one."""

from __future__ import annotations

import statistics
import time

import pytest

from macros.core.check import check_data

from .sites import ROOT

pytestmark = pytest.mark.benchmark


def test_benchmark_check_shipped_data(capsys: pytest.CaptureFixture[str]) -> None:
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        dataset, problems, files = check_data(ROOT / "data")
        timings.append(time.perf_counter() - started)
        assert not problems
    with capsys.disabled():
        print(f"\n[benchmark] sotay check on shipped data: {len(files)} files, {len(dataset.tasks)} tasks; "
              f"median {statistics.median(timings) * 1000:.0f} ms, min {min(timings) * 1000:.0f} ms over 5 runs")
