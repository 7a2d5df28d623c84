"""The search at scale, on demand (never in CI): a built site opened in Chromium over http://127.0.0.1 (Python's
http.server, in this process, beside Playwright's driver; and nginx with the configuration of
huong-dan/nginx-sotay.conf, as the site is served, when nginx is installed) and from file://; for each query, in a
fresh page (nothing cached), the search box is focused (the manifest loads), then the query is typed at once, and
the script prints the time from typing to the first results painted ("first": a quick search's, without the phrase
bonus, heads only) and what had been loaded from search/ by then, manifest included: files, bytes as stored (what
file:// and a plain web server send) and gzip-compressed (what the nginx configuration of huong-dan/nginx-sotay.conf
sends); then the time to the exact results painted (with their sections) and the files and bytes as stored the query
loaded in all; then, for a query with more than one page of results, the time from a click on "Hiện thêm kết quả" to
the next page painted and the files and bytes it loaded (the phrase bonus of the results that could not reach the
first page is computed then, their texts loaded).

    .venv/bin/python -m tests.bench_search_scale --site /tmp/bench/n5000/site-sotay
    .venv/bin/python -m tests.bench_search_scale --pages 5000 --keep /tmp/bench   # generate and build it first
    .venv/bin/python -m tests.bench_search_scale --site … --cpu-slowdown 4   # as on a computer 4 times slower

--pages generates and builds the project of tests/bench_scale.py (minutes at 5,000 pages). It asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from macros.outputs.pdf import launch_chromium, serve_directory
from macros.outputs.search_index import INDEX_PATH, SHARDS_FOLDER

from .browser.test_search import MEASURE  # the same typing-to-results measurement
from .test_nginx import running_nginx

QUERIES = ["dien bien phu", "t", "tuyên truyền", "ke hoach", "171-KH", "so van hoa", "dien bienn phu"]


# A click on "Hiện thêm kết quả" to the next page painted: ms, or null when all results are shown.
MORE = """async () => {
    const count = () => document.querySelectorAll('.md-search-result__item').length, before = count();
    const button = document.querySelector('.sotay-search__more button');
    if (!button) return null;
    const started = performance.now();
    button.click();
    while (count() <= before) await new Promise(resolve => requestAnimationFrame(resolve));
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
}"""


def measure_query(browser, site: Path, base: str, query: str, slowdown: float = 1) -> dict:
    """{ms, count, files, raw, gzip, exact_ms, all_files, all_raw, more_ms, more_files, more_raw} for `query` in a
    fresh page of the site at `base`: the first paint, the exact results, then the next page (more_ms None when
    there is none)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(120_000)
    requested: list[str] = []
    try:
        page = context.new_page()
        if slowdown > 1:  # a slower computer: Chromium runs the page's code that many times slower
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base + ("" if base.startswith("http") else "index.html"))
        page.evaluate("async () => { document.querySelector('input.md-search__input').focus(); "
                      "await window.SotaySearch.load(); }")
        # typing to results painted, as the browser tests measure
        elapsed, count, exact, loaded = page.evaluate(MEASURE, query)
        shown = len(requested)
        more = page.evaluate(MORE)
    finally:
        context.close()
    root = unquote(urlsplit(base).path)

    def search_files(urls: list[str]) -> list[str]:
        files = sorted({unquote(urlsplit(u).path)[len(root):] for u in urls} - {""})
        return [f for f in files if f.startswith("search/")]

    files, next_files = search_files(requested[:shown]), search_files(requested[shown:])
    first = [INDEX_PATH] + [f"{SHARDS_FOLDER}/{name}.js" for name in loaded]
    data = [(site / f).read_bytes() for f in first]
    return {"ms": elapsed, "count": count, "files": len(first), "raw": sum(map(len, data)),
            "gzip": sum(len(gzip.compress(d, 5)) for d in data), "exact_ms": exact, "all_files": len(files),
            "all_raw": sum((site / f).stat().st_size for f in files), "more_ms": more,
            "more_files": len(next_files), "more_raw": sum((site / f).stat().st_size for f in next_files)}


def machine_check() -> float:
    """ms this process takes for a fixed loop: how fast this shared machine runs at the moment (lower is faster)."""
    started = time.perf_counter()
    total = 0
    for n in range(3_000_000):
        total += n
    return (time.perf_counter() - started) * 1000


def report(site: Path, queries: list[str], slowdown: float = 1, repeat: int = 3) -> str:
    pages = sum(1 for _ in site.rglob("index.html"))
    manifest = (site / "search" / "sotay-index.js").stat().st_size
    slower = f"; the page's code run {slowdown:g} times slower (Chromium's CPU throttling)" if slowdown > 1 else ""
    lines = [f"site {site}: {pages:,} pages; search manifest {manifest / 1024:.0f} KiB{slower}; each query "
             f"{repeat} times (rounds of every query), the median of its runs",
             f"{'':8}  {'':22}  {'first results painted':>43}  {'exact results painted':>25}"
             f"  {'next page painted':>25}  {'first results, each run':>23}",
             f"{'protocol':8}  {'query':22}  {'ms':>6}  {'results':>7}  {'files':>5}  {'KiB raw':>8}  {'KiB gzip':>8}"
             f"  {'ms':>6}  {'files':>5}  {'KiB raw':>8}  {'ms':>6}  {'files':>5}  {'KiB raw':>8}  {'ms':>23}"]
    before = machine_check()
    with contextlib.ExitStack() as stack:
        browser = stack.enter_context(launch_chromium())
        bases = [("http", stack.enter_context(serve_directory(site)))]
        if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():  # as the site is served (huong-dan/nginx)
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sotay-bench-nginx-")))
            bases.append(("nginx", f"http://127.0.0.1:{stack.enter_context(running_nginx(site, work))}/"))
        bases.append(("file", site.as_uri() + "/"))
        for protocol, base in bases:
            runs: dict[str, list[dict]] = {query: [] for query in queries}
            for _ in range(repeat):  # rounds, so that a slow moment of the machine falls on several queries
                for query in queries:
                    runs[query].append(measure_query(browser, site, base, query, slowdown))
            timings, exact = [], []
            for query in queries:
                m = dict(runs[query][0])  # what was loaded: the same in every run
                for key in ("ms", "exact_ms", "more_ms"):
                    values = [run[key] for run in runs[query] if run[key] is not None]
                    m[key] = statistics.median(values) if values else None
                timings.append(m["ms"])
                exact.append(m["exact_ms"])
                more = (f"  {'':6}  {'':5}  {'':8}" if m["more_ms"] is None else
                        f"  {m['more_ms']:6.0f}  {m['more_files']:5}  {m['more_raw'] / 1024:8.0f}")
                each = ", ".join(f"{run['ms']:.0f}" for run in runs[query])
                lines.append(f"{protocol:8}  {query:22}  {m['ms']:6.0f}  {m['count']:7}  {m['files']:5}  "
                             f"{m['raw'] / 1024:8.0f}  {m['gzip'] / 1024:8.0f}  {m['exact_ms']:6.0f}  "
                             f"{m['all_files']:5}  {m['all_raw'] / 1024:8.0f}{more}  {each:>23}")
            single = max(run["ms"] for query in queries for run in runs[query])
            lines.append(f"{protocol:8}  first results: median {statistics.median(timings):.0f} ms, slowest query "
                         f"{max(timings):.0f} ms, slowest run {single:.0f} ms; exact results: median "
                         f"{statistics.median(exact):.0f} ms, slowest query {max(exact):.0f} ms")
    lines.append(f"machine check: a fixed loop of this process took {before:.0f} ms before the runs and "
                 f"{machine_check():.0f} ms after (lower is faster: compare runs by it)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_search_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site folder")
    parser.add_argument("--pages", type=int, help="generate and build a project of about this many pages first")
    parser.add_argument("--keep", type=Path, help="with --pages: build there and keep it")
    parser.add_argument("--query", action="append", help="a query (repeat); default: a table of 7")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each query (default 3)")
    parser.add_argument("--cpu-slowdown", type=float, default=1, metavar="N",
                        help="run the page's code N times slower, as on an older office computer (default 1)")
    options = parser.parse_args(argv)
    queries = options.query or QUERIES
    if options.site is not None:
        print(report(options.site, queries, options.cpu_slowdown, options.repeat))
        return 0
    if options.pages is None:
        parser.error("--site or --pages is needed")
    from .bench_scale import build, make_project, vocabulary

    with tempfile.TemporaryDirectory(prefix="sotay-bench-search-") as temporary:
        where = (options.keep or Path(temporary)) / f"n{options.pages}"
        where.mkdir(parents=True, exist_ok=True)
        print(f"[bench] generating and building about {options.pages} pages in {where}", file=sys.stderr)
        project = make_project(where, options.pages, vocabulary())
        site = where / "site-sotay"
        build(project, site, "build-sotay")
        print(report(site, queries, options.cpu_slowdown, options.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
