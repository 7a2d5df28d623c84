"""The sharded search index in Chromium: the same results as the whole index in one file, and a query loads only
the manifest and the shards it needs, over http://127.0.0.1 and from file://. The first paint (a quick search's
results) shows the first screen of results, six, and loads the heads of those six pages only.

The exact results of the search box rank only the first page of results at first: the phrase bonus of a result
that cannot reach it is computed, its page texts loaded, when "Hiện thêm kết quả" shows the next page. On a
generated site of pages sharing the query words, the pages shown after each click are those of the single index,
in its order, and the first page loads the texts of the results shown only.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from macros.core.vietnamese import search_fold
from macros.outputs.search_index import INDEX_GLOBAL, INDEX_PATH, SHARDS_FOLDER, SINGLE_INDEX_PATH

from ..sites import SiteConfig, edit, make_project
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
        const view = (engine, found, shown) => {
            const results = found.results.slice(0, shown);
            return {urls: results.map(r => engine.doc(r.doc)[0]), scores: results.map(r => r.score),
                    texts: results.map(r => r.text), near: found.near,
                    sections: results.slice(0, 20).map(r => engine.sections(r, r.q).map(s => [s.sid, s.score]))};
        };
        // As the search box ranks them: the first page of results, then the next.
        const c = await sharded.searchAsync(query, false, 20);
        await sharded.prepareShown(c.results.slice(0, 20));
        const first = view(sharded, c, 20);
        await sharded.settleAsync(c, 40);
        await sharded.prepareShown(c.results.slice(0, 40));
        out.push([query, view(single, a, Infinity), view(sharded, b, Infinity)]);
        out.push([query + " (20)", view(single, a, 20), first]);
        out.push([query + " (40)", view(single, a, 40), view(sharded, c, 40)]);
    }
    return out;
}"""



@contextmanager
def desktop_page(browser) -> Iterator[tuple[Any, list[str]]]:
    """A page of a fresh desktop-sized context (no service worker, nothing cached) and the script errors it raises."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(30_000)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page, errors
    finally:
        context.close()


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
    assert len(compared) == 3 * len(COMPARED)
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
    requested: list[str] = []
    with desktop_page(browser) as (page, _):
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


# At the first paint (a quick search's results, the event's detail.complete false): the results listed, each its
# page's URL, title, kind and lines; and the heads ("t/<page>") loaded by then, as their pages' URLs.
FIRST_PAINT = """q => new Promise(resolve => {
    document.addEventListener('sotay-search:results', async function seen(e) {
        if (e.detail.query !== q || e.detail.complete) return;
        document.removeEventListener('sotay-search:results', seen);
        const engine = await SotaySearch.load(), names = Array.from(engine.loaded.keys());
        const items = Array.from(document.querySelectorAll('.md-search-result__item')).map(li => ({
            href: li.querySelector('a').getAttribute('href'),
            title: li.querySelector('h1').textContent,
            kind: li.querySelector('.sotay-search__kind').textContent,
            lines: li.querySelectorAll('article').length === 1 ? li.querySelector('article > p:last-child').textContent
                : null}));
        const texts = names.filter(n => n.startsWith('t/'));
        resolve({count: e.detail.count, items: items, texts: texts,
                 heads: texts.filter(n => !n.includes('-')).map(n => engine.doc(+n.slice(2))[0])});
    });
    const input = document.querySelector('input.md-search__input');
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
})"""


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_the_first_paint_shows_a_screen_of_results_from_their_heads_only(browser, built_site: Path, site_url: str,
                                                                          protocol: str) -> None:
    base = site_url if protocol == "http" else built_site.as_uri() + "/"
    with desktop_page(browser) as (page, errors):
        page.goto(base + "index.html")
        page.focus("input.md-search__input")
        first = page.evaluate(FIRST_PAINT, "ke hoach")
        page.wait_for_function("() => window.SotaySearch.last && window.SotaySearch.last.query === 'ke hoach' "
                               "&& window.SotaySearch.last.complete")
        exact = page.evaluate("() => document.querySelectorAll('.md-search-result__item').length")
    assert first["count"] > 20
    # Six results, the first screen, each painted from its page's head: title, kind and first lines, no sections.
    assert len(first["items"]) == 6
    assert all(item["title"] and item["kind"] and item["lines"] for item in first["items"])
    # Six heads loaded, those of the results shown, and no other page text (no part "t/<page>-<k>").
    assert len(first["texts"]) == len(first["heads"]) == 6
    paths = [unquote(urlsplit(item["href"]).path) for item in first["items"]]
    for url in first["heads"]:
        assert sum(path.endswith("/" + url) or path.endswith("/" + url + "index.html") for path in paths) == 1, url
    assert exact == 20  # then the exact results: the whole first page
    assert errors == []


QUICK = """async queries => {
    const engine = await SotaySearch.load(), out = [];
    for (const query of queries) {
        const all = await engine.searchAsync(query, true), first = await engine.searchAsync(query, true, 6);
        const view = found => found.results.slice(0, 6).map(r => [r.doc, r.score, r.text]);
        out.push([query, all.results.length, first.results.length, view(all), view(first),
                  new Set(first.results.map(r => r.doc)).size]);
    }
    return out;
}"""


def test_a_quick_search_for_the_first_paint_orders_its_first_results_only(browser, built_site: Path) -> None:
    with desktop_page(browser) as (page, errors):
        page.goto(built_site.as_uri() + "/index.html")
        compared = page.evaluate(QUICK, COMPARED)
    assert errors == []
    assert sum(1 for _, count, *_ in compared if count > 6) > 10
    for query, count, first_count, ordered, first, distinct in compared:
        # The same results, each page once, and the first six in the order of the whole ranking.
        assert (first_count, distinct) == (count, count), query
        assert first == ordered, query


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
    with desktop_page(browser) as (page, errors):
        page.goto(base + ("" if protocol == "http" else "index.html"))
        page.locator("input.md-search__input").fill("tinh")
        page.wait_for_function("() => window.SotaySearch.last && window.SotaySearch.last.query === 'tinh' "
                               "&& window.SotaySearch.last.complete")
        count = page.evaluate("() => window.SotaySearch.last.count")
        items = page.locator(".md-search-result__item")
        assert count > 20 and items.count() == 20
        # The next page of results: its shards, then shown; once, though the button is pressed again before it shows.
        page.evaluate("() => { const button = document.querySelector('.sotay-search__more button'); "
                      "button.click(); button.click(); }")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 20")
        page.wait_for_timeout(300)  # what a second page of results from the second click would take to come
        assert items.count() == min(40, count)
        links = items.evaluate_all("items => items.map(item => item.querySelector('a').getAttribute('href'))")
        assert len(links) == len(set(links)) == min(40, count)
        more = page.locator("details.md-search-result__more").first
        more.locator("summary").click()  # the other sections of a result: their texts load, then they show
        more.locator("a.md-search-result__link").first.wait_for()
        hidden = int(more.locator("summary").inner_text().split()[0])
        assert more.locator("a.md-search-result__link").count() == hidden
        assert all(text.strip() for text in more.locator("a.md-search-result__link h2").all_inner_texts())
        assert errors == []


# ---------------------------------------------------------------------------------------------------------------
# The phrase bonus computed for the results that can reach the page shown
# ---------------------------------------------------------------------------------------------------------------

SOWING_PAGES = 60
SOWING_QUERY = "gieo mạ"
# Each page has both words of the query in a heading, so that every page scores the same before the phrase bonus
# and the ranking is the tie-break (the URL) and the bonus: the query as a phrase in the heading (5 points), in the
# text (3 points), in both or in neither.
SOWING_HEADINGS = {True: "Gieo mạ đúng vụ", False: "Mạ non, gieo sớm"}
SOWING_TEXTS = {True: "Gieo mạ khi trời ấm, đất đủ ẩm.", False: "Cấy mạ sau khi gieo hạt và chờ mưa."}


def _sowing_bonus(i: int) -> tuple[bool, bool]:
    """(phrase in the heading, phrase in the text) of page `i`: the first 20 (the first page of results) have
    both; the next 20 (the rest of the 40 that get a bonus) a mix, so that the second page is ranked by it; the
    last 20 (no bonus: past the 40 best) both, so that they would rank higher if they got one."""
    if i < 20 or i >= 40:
        return True, True
    return [(False, False), (False, True), (True, False), (True, True)][i % 4]


def sowing_project(where: Path) -> Path:
    """The small project with SOWING_PAGES pages on sowing rice ("Vụ mùa số NN", titles of one length) in its nav."""
    project = make_project(where)
    folder = project / "docs" / "vu-mua"
    folder.mkdir()
    nav = ""
    for i in range(SOWING_PAGES):
        heading, text = _sowing_bonus(i)
        (folder / f"trang-{i:02}.md").write_text(
            f"# Vụ mùa số {i:02}\n\nGhi chép về vụ mùa.\n\n## {SOWING_HEADINGS[heading]}\n\n{SOWING_TEXTS[text]}\n",
            encoding="utf-8")
        nav += f"  - vu-mua/trang-{i:02}.md\n"
    edit(project / "mkdocs.yml", "  - Trang chủ: index.md\n", "  - Trang chủ: index.md\n" + nav)
    return project


SOWING_SITE = SiteConfig("sowing-pages-single-search-index", sowing_project,
                         env=(("SOTAY_SEARCH_SINGLE_INDEX", "1"),))

# The results listed by the search box: title and score of each, and the page texts loaded ("t/<page>" heads and
# "t/<page>-<part>" parts, by page).
SHOWN = """async () => {
    const engine = await SotaySearch.load();
    const items = Array.from(document.querySelectorAll('.md-search-result__item > a:first-child article'));
    return {shown: items.map(a => [a.querySelector('h1').textContent, a.getAttribute('data-md-score')]),
            texts: Array.from(engine.loaded.keys()).filter(n => n.startsWith('t/')).map(n => n.split('-')[0])};
}"""
# The single index's results for the same query: title and score as the search box shows them.
SINGLE = """([raw, query]) => {
    const single = new SotaySearch.Engine(raw);
    return single.search(query).results.map(r => [single.doc(r.doc)[1], r.score.toFixed(2)]);
}"""


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_more_results_rank_as_the_single_index_and_the_first_page_loads_only_its_texts(browser, sites,
                                                                                       protocol: str) -> None:
    site = sites.site(SOWING_SITE)
    raw = _read_global(site / SINGLE_INDEX_PATH)
    with serve(site) as url, desktop_page(browser) as (page, errors):
        page.goto(url if protocol == "http" else site.as_uri() + "/index.html")
        expected = page.evaluate(SINGLE, [raw, SOWING_QUERY])
        page.locator("input.md-search__input").fill(SOWING_QUERY)
        page.wait_for_function("q => window.SotaySearch.last && window.SotaySearch.last.query === q "
                               "&& window.SotaySearch.last.complete", arg=SOWING_QUERY)
        first = page.evaluate(SHOWN)
        views = [first["shown"]]
        while page.locator(".sotay-search__more button").count():
            shown = len(views[-1])
            page.locator(".sotay-search__more button").click()
            page.wait_for_function(f"() => document.querySelectorAll('.md-search-result__item').length > {shown}")
            views.append(page.evaluate(SHOWN)["shown"])
    assert errors == []
    assert len(expected) == SOWING_PAGES
    # The ranking this site is made for: the first 20 pages, then the next 20 by their bonus, then the last 20.
    titles = [title for title, _ in expected]
    assert titles[:20] == [f"Vụ mùa số {i:02}" for i in range(20)]
    assert titles[20:25] == [f"Vụ mùa số {i:02}" for i in (23, 27, 31, 35, 39)]
    assert titles[40:] == [f"Vụ mùa số {i:02}" for i in range(40, 60)]
    # After each click, the pages shown so far are those of the single index, in its order, scores and all.
    assert [len(view) for view in views] == [20, 40, 60]
    for view in views:
        assert view == expected[:len(view)]
    # The first page read the texts of its own results only, not those of the 40 best the bonus may go to.
    page_of = {doc[1]: number for number, doc in enumerate(raw["docs"])}
    assert set(first["texts"]) == {f"t/{page_of[title]}" for title, _ in first["shown"]}
