"""Benchmarks: they print figures for the closing notes and CI logs; they assert behaviour, never speed. Marked
`benchmark`, they run with the full suite (./setup.sh test), not with the fast one."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

import pytest

from macros.core.check import check_data

from .sites import ROOT, building

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


# The scale benchmark of tests/bench_scale.py (minutes, gigabytes of disk at 5,000 pages) is on demand only, never
# in CI: it exists as a test only when SOTAY_BENCH_PAGES is set (not collected otherwise, rather than skipped).
# SOTAY_BENCH_PAGES=1000,5000 .venv/bin/python -m pytest -q -s tests/test_benchmarks.py -k scale
# (SOTAY_BENCH_REPEAT=3: each site built three times, the median build reported, as --repeat 3.)
@pytest.mark.site
def _benchmark_scale(capsys: pytest.CaptureFixture[str]) -> None:
    sizes = os.environ["SOTAY_BENCH_PAGES"]
    from .bench_scale import report
    building("the scale benchmark (tests/bench_scale.py)")
    table = report([int(size) for size in sizes.split(",")], repeat=int(os.environ.get("SOTAY_BENCH_REPEAT", "1")))
    with capsys.disabled():
        print(f"\n[benchmark] scale (tests/bench_scale.py):\n{table}")


if os.environ.get("SOTAY_BENCH_PAGES", "").strip():
    test_benchmark_scale = _benchmark_scale


def test_scale_data_is_valid_and_seeded(tmp_path: Path) -> None:
    """The scale benchmark's generated data passes the checker, and the same size gives the same files."""
    from .bench_scale import generate_data, vocabulary
    words = vocabulary()
    for name in ("first", "second"):
        shutil.copytree(ROOT / "data", tmp_path / name)
        counts = generate_data(tmp_path / name, 400, words)
    first, second = ({p.relative_to(tmp_path / n): p.read_bytes() for p in (tmp_path / n).rglob("*.yml")}
                     for n in ("first", "second"))
    assert first == second
    dataset, problems, _ = check_data(tmp_path / "first")
    assert not problems, "\n".join(problem.format() for problem in problems.sorted())
    assert counts.organisation > 100 and counts.plan > 5 and counts.event > 5
    assert {f"don-vi-{i:05d}" for i in range(counts.organisation)} <= dataset.organisations.keys()
    assert {f"{3000 + i}-kh-btgtu" for i in range(counts.plan)} <= dataset.plans.keys()
    assert {f"su-kien-{i:05d}" for i in range(counts.event)} <= dataset.events.keys()
