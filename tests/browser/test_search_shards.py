"""The sharded search index in Chromium: the same results as the whole index in one file, and a query loads only
the manifest and the shards it needs, over http://127.0.0.1 and from file://.

The comparison runs on the shipped site built with SOTAY_SEARCH_SINGLE_INDEX=1, which writes the whole index as one
file beside the shards (search/sotay-index-single.js, never loaded by the site): every query of the table of
tests/browser/test_search.py and of its benchmark, and a few one-letter prefixes, through the single-index engine
and through the sharded engine as the search box loads it (script elements), results compared exactly: pages,
scores, the words each was found by, near matches, and the sections shown under each of the first results.
"""

from __future__ import annotations

import bisect
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.core.vietnamese import search_fold
from macros.outputs.search_index import INDEX_GLOBAL, INDEX_PATH, SHARDS_FOLDER, SINGLE_INDEX_PATH

from ..sites import SiteConfig
from .conftest import serve
from .test_search import BENCHMARK_QUERIES, QUERIES

PROTOCOLS = ["http", "file"]
SINGLE_INDEX_SITE = SiteConfig("shipped-single-search-index", env=(("SOTAY_SEARCH_SINGLE_INDEX", "1"),))
# Prefixes as a reader starts typing, with and without diacritics, and a phrase cut short.
MORE_QUERIES = ["d", "đ", "t", "th", "ng", "a", "á", "kỷ", "ki", "ke hoach t", "dien bien ph", "Đảng bộ tỉnh"]
COMPARED = list(dict.fromkeys([query for query, _ in QUERIES] + BENCHMARK_QUERIES + MORE_QUERIES))

COMPARE = """async ([raw, queries]) => {
    const sharded = await SotaySearch.load(), single = new SotaySearch.Engine(raw);
    const out = [];
    for (const query of queries) {
        const a = single.search(query), b = await sharded.searchAsync(query);
        await sharded.prepareShown(b.results);
        const view = (engine, found) => ({
            urls: found.results.map(r => engine.doc(r.doc)[0]), scores: found.results.map(r => r.score),
            texts: found.results.map(r => r.text), near: found.near,
            sections: found.results.slice(0, 20).map(r => engine.sections(r, r.q).map(s => [s.sid, s.score]))});
        out.push([query, view(single, a), view(sharded, b)]);
    }
    return out;
}"""


def _read_global(path: Path) -> dict:
    script = path.read_text(encoding="utf-8").rstrip().removesuffix(";")
    assert script.startswith(f"window.{INDEX_GLOBAL}=")
    return json.loads(script[script.index("=") + 1:])


@pytest.fixture(scope="module")
def single_index_site(sites) -> Path:
    return sites.site(SINGLE_INDEX_SITE)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_sharded_search_finds_exactly_what_the_single_index_finds(browser, single_index_site: Path,
                                                                   protocol: str) -> None:
    raw = _read_global(single_index_site / SINGLE_INDEX_PATH)
    with serve(single_index_site) as url:
        context = browser.new_context(service_workers="block")
        context.set_default_timeout(60_000)
        try:
            page = context.new_page()
            page.goto(url if protocol == "http" else single_index_site.as_uri() + "/index.html")
            compared = page.evaluate(COMPARE, [raw, COMPARED])
        finally:
            context.close()
    different = [query for query, single, sharded in compared if single != sharded]
    assert different == []
    found = {query: single for query, single, _ in compared}
    assert found["dien bien phu"]["urls"] and found["t"]["urls"] and found["chien thnag dien bien phu"]["near"]


def _needed_word_shards(manifest: dict, words: list[str], last_prefix: bool) -> set[str]:
    """The word shards a query of plain words needs: the shard of each word and, for the last (being typed),
    those of the keys it starts unless a prefix shard stands for them."""
    firsts = manifest["shards"]["words"]
    utf16 = [first.encode("utf-16-be") for first in firsts]
    needed = set()
    for i, word in enumerate(words):
        key = search_fold(word)
        at = max(0, bisect.bisect_right(utf16, key.encode("utf-16-be")) - 1)
        needed.add(f"w/{at}")
        if last_prefix and i == len(words) - 1 and key not in manifest["shards"]["aggregates"]:
            needed |= {f"w/{n}" for n in range(at + 1, len(firsts)) if firsts[n].startswith(key)}
    return needed


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_a_query_loads_the_manifest_and_only_the_shards_it_needs(browser, built_site: Path, site_url: str,
                                                                protocol: str) -> None:
    base = site_url if protocol == "http" else built_site.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base + ("su-kien/" if protocol == "http" else "su-kien/index.html"))
        before = len(requested)
        page.locator("input.md-search__input").fill("dien bien phu")
        page.wait_for_function("() => window.SotaySearch.last && window.SotaySearch.last.query === 'dien bien phu' "
                               "&& window.SotaySearch.last.complete")
        loaded = page.evaluate("async () => Array.from((await SotaySearch.load()).loaded.keys())")
        shown = page.evaluate("() => document.querySelectorAll('.md-search-result__item').length")
        # What the page's performance timeline saw: the same files.
        timeline = page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
    finally:
        context.close()
    root = urlsplit(base).path

    def site_path(url: str) -> str:
        return unquote(urlsplit(url).path)[len(root):]

    search_files = sorted(site_path(u) for u in requested[before:] if site_path(u).startswith("search/"))
    expected = sorted([INDEX_PATH] + [f"{SHARDS_FOLDER}/{name}.js" for name in loaded])
    assert search_files == expected
    if protocol == "http":  # Chromium keeps no resource timing for file:// (the request events above do)
        assert sorted(p for p in map(site_path, timeline) if p.startswith("search/")) == expected
    manifest = _read_global(built_site / INDEX_PATH)
    words = {name for name in loaded if name.startswith("w/")}
    assert words == _needed_word_shards(manifest, ["dien", "bien", "phu"], last_prefix=True)
    # Page texts (heads and parts): only for the results shown and the best 40 (the phrase bonus), never all pages.
    texts = {name.split("-")[0] for name in loaded if name.startswith("t/")}
    assert 0 < len(texts) <= max(shown, 40) < len(manifest["docs"]["n"])
    assert {name for name in loaded if name.startswith("r/")} == {"r/0"}  # the title tokens: one file
    assert not any(name.startswith("a/") or name == "n" for name in loaded)  # no prefix shards, no typo list
    size = sum((built_site / path).stat().st_size for path in expected)
    assert size < 1_000_000


def test_the_offline_copy_holds_every_shard(built_site: Path) -> None:
    zip_path = next((built_site / "tai-ve").glob("*.zip"))
    shards = {path.relative_to(built_site).as_posix() for path in (built_site / "search").rglob("*") if path.is_file()}
    assert INDEX_PATH in shards and any(path.startswith(SHARDS_FOLDER + "/w/") for path in shards)
    assert SINGLE_INDEX_PATH not in shards  # written only on request
    with zipfile.ZipFile(zip_path) as archive:
        top = zip_path.stem
        names = {name.removeprefix(top + "/") for name in archive.namelist()}
        assert shards <= names
        for path in sorted(shards)[:5]:
            assert archive.read(f"{top}/{path}") == (built_site / path).read_bytes()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_more_results_and_other_sections_load_their_shards_when_asked(browser, built_site: Path, site_url: str,
                                                                      protocol: str) -> None:
    base = site_url if protocol == "http" else built_site.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + ("" if protocol == "http" else "index.html"))
        page.locator("input.md-search__input").fill("tinh")
        page.wait_for_function("() => window.SotaySearch.last && window.SotaySearch.last.query === 'tinh' "
                               "&& window.SotaySearch.last.complete")
        count = page.evaluate("() => window.SotaySearch.last.count")
        items = page.locator(".md-search-result__item")
        assert count > 20 and items.count() == 20
        page.locator(".sotay-search__more button").click()  # the next page of results: its shards, then shown
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 20")
        assert items.count() == min(40, count)
        more = page.locator("details.md-search-result__more").first
        more.locator("summary").click()  # the other sections of a result: their texts load, then they show
        more.locator("a.md-search-result__link").first.wait_for()
        hidden = int(more.locator("summary").inner_text().split()[0])
        assert more.locator("a.md-search-result__link").count() == hidden
        assert all(text.strip() for text in more.locator("a.md-search-result__link h2").all_inner_texts())
        assert errors == []
    finally:
        context.close()
