"""The editing loop (on demand, never in CI): with `sotay serve` running, how long from saving one YAML file in data/
to the page in the browser showing the change. Run `python -m tests.bench_serve [PROJECT]` (default: a copy of the
shipped project; give the project folder of a generated site, e.g. `tests.bench_scale --keep DIR`, to measure at
scale). Prints the time of each of a few edits and their median."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
EVENT = "data/events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
PAGE = "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(target: Path) -> Path:
    for name in ("data", "docs", "overrides", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def wait_for(url: str, seconds: float) -> None:
    import urllib.request
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {seconds:.0f} s")


def measure(project: Path, edits: int) -> list[float]:
    port = free_port()
    # What `sotay serve` runs (macros/cli/build.py run_mkdocs), on a free port.
    server = subprocess.Popen([sys.executable, "-P", "-m", "mkdocs", "serve", "--config-file", "mkdocs.yml",
                               "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "true", "SOTAY_BUILD_DATE": "2024-05-01",
                                   "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times: list[float] = []
    try:
        started = time.perf_counter()
        wait_for(f"http://127.0.0.1:{port}/{PAGE}", 900)
        print(f"[serve] first build and first page: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        path = project / EVENT
        original = path.read_text(encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/{PAGE}")
            for n in range(1, edits + 1):
                marker = f"Lần sửa {n}"
                changed = re.sub(r"^(description: \|\n)", rf"\1  {marker}.\n", original, count=1, flags=re.M)
                assert changed != original, "the event has no description block to edit"
                time.sleep(1.0)  # let the watcher settle after the previous reload
                saved = time.perf_counter()
                path.write_text(changed, encoding="utf-8")
                page.wait_for_function("m => document.body.innerText.includes(m)", arg=marker, timeout=600_000)
                times.append(time.perf_counter() - saved)
                print(f"[serve] edit {n}: page shows the change {times[-1]:.2f} s after saving", file=sys.stderr)
            browser.close()
        path.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", nargs="?", help="project folder (default: a copy of the shipped project)")
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sotay-serve-") as work:
        project = Path(args.project) if args.project else copy_project(Path(work))
        times = measure(project, args.edits)
    print(f"editing loop ({project if args.project else 'shipped project'}): median {statistics.median(times):.2f} s, "
          f"each {', '.join(f'{t:.2f}' for t in times)} s")


if __name__ == "__main__":
    main()
