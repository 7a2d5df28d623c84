"""The site's Vietnamese search in Chromium, as a reader uses it: the header search box of the built site, over
http://127.0.0.1 and opened from file:// (an offline copy), with nothing loaded from any other host.

A table of queries typed the ways readers type them (without diacritics, partly accented, decomposed Unicode,
the other tone placement, document numbers, short names and aliases, phrases) and the page that must come
first; highlighting in the results and on the page opened; Vietnamese-only strings; the Python and JavaScript
keys of every word of the index agree. The benchmark at the end prints the index size and the time from typing
to results for the shipped site and for a site ten times larger generated from it; it asserts nothing about speed.
"""

from __future__ import annotations

import gzip
import re
import shutil
import statistics
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from macros.outputs.search_index import INDEX_GLOBAL, INDEX_PATH, SHARDS_FOLDER, SHARDS_GLOBAL

from ..sites import ROOT, SiteConfig
from .conftest import serve

PROTOCOLS = ["http", "file"]

EVENT_DBP = "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/"
EVENT_20 = "su-kien/ky-niem-20-nam-chia-tach-thanh-lap-tinh/"
EVENT_115 = "su-kien/ky-niem-115-nam-thanh-lap-tinh/"
PLAN_171 = "ke-hoach/171-kh-btgtu/"
SO_VHTTDL = "don-vi/so-van-hoa-the-thao-va-du-lich/"
BTGTU = "don-vi/ban-tuyen-giao-tinh-uy/"
TINH_UY = "don-vi/tinh-uy/"
DOC_11 = "van-ban/11-ct-tu/"
DOC_805 = "van-ban/805-kh-svhttdl/"
UBND = "don-vi/ubnd-tinh/"
EVENT_LIBERATION = "su-kien/ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho/"
OUTLINE_LIBERATION = "de-cuong/de-cuong-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho/"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# (query, the page that must come first, or None: nothing may be found)
QUERIES: list[tuple[str, str | None]] = [
    # without diacritics, any case
    ("dien bien phu", EVENT_DBP),
    ("DIEN BIEN PHU", EVENT_DBP),
    ("ky niem 20 nam", EVENT_20),
    ("so van hoa", SO_VHTTDL),
    ("ban tuyen giao tinh uy", BTGTU),
    ("tinh uy lai chau", TINH_UY),
    ("giai phong thi tran lai chau", "su-kien/ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho/"),
    ("ngay sinh chu tich ho chi minh", "su-kien/ky-niem-133-nam-ngay-sinh-chu-tich-ho-chi-minh/"),
    ("dai hoi dang bo tinh lan thu xv", "su-kien/dai-hoi-dang-bo-tinh-lan-thu-xv/"),
    ("de cuong 115 nam", "de-cuong/de-cuong-115-nam-thanh-lap-tinh/"),
    ("bao lai chau", "don-vi/bao-lai-chau/"),
    ("dong thoi gian 2024", "dong-thoi-gian/2024/"),
    # with diacritics, all or some
    ("Điện Biên Phủ", EVENT_DBP),
    ("điện biên phu", EVENT_DBP),
    ("Kỷ niệm 20 năm", EVENT_20),
    ("kỷ niệm 115 năm thành lập tỉnh", EVENT_115),
    ("Báo Lai Châu", "don-vi/bao-lai-chau/"),
    ("đảng bộ tỉnh 75 năm", "su-kien/ky-niem-75-nam-thanh-lap-dang-bo-tinh/"),
    # decomposed Unicode (NFD), as some keyboards and pasted text give it
    (nfd("Điện Biên Phủ"), EVENT_DBP),
    (nfd("Sở Văn hóa"), SO_VHTTDL),
    # the other tone placement
    ("Sở Văn hoá", SO_VHTTDL),
    ("Ban Tuyên giáo Tỉnh uỷ", BTGTU),
    ("Ban Tuyên giáo Tỉnh ủy", BTGTU),
    ("Tỉnh uỷ Lai Châu", TINH_UY),
    # document numbers, whole, in part, any case
    ("171-KH/BTGTU", PLAN_171),
    ("171", PLAN_171),
    ("171-KH", PLAN_171),
    ("171-kh", PLAN_171),
    ("KH/BTGTU", PLAN_171),
    ("125/QĐ-UBND", "van-ban/125-qd-ubnd/"),
    ("125/qd-ubnd", "van-ban/125-qd-ubnd/"),
    ("805/KH-SVHTTDL", "van-ban/805-kh-svhttdl/"),
    # short names, symbols and aliases of organisations
    ("BTGTU", BTGTU),
    ("Sở VHTTDL", SO_VHTTDL),
    ("so vhttdl", SO_VHTTDL),
    ("UBND tỉnh", "don-vi/ubnd-tinh/"),
    # nothing to find
    ("xyzzy khong co", None),
    ("qwertyuiop", None),
    # document numbers in any punctuation, in part, run together or spaced: the document's own page first
    ("171/KH", PLAN_171),
    ("171/KH-BTGTU", PLAN_171),
    ("171-KH-BTGTU", PLAN_171),
    ("171KH", PLAN_171),
    ("171 KH", PLAN_171),
    ("171 KH BTGTU", PLAN_171),
    ("11/CT-TU", DOC_11),
    ("11-CT/TU", DOC_11),
    ("11CT", DOC_11),
    ("805-KH", DOC_805),
    ("805-KH-SVHTTDL", DOC_805),
    ("805/KH", DOC_805),
    ("805 KH SVHTTDL", DOC_805),
    ("125/QĐ/UBND", "van-ban/125-qd-ubnd/"),
    ("145/2013/ND-CP", "van-ban/145-2013-nd-cp/"),
    # abbreviations: the curated list (macros/outputs/search_aliases.yml) and the organisations' symbols
    ("DBP", EVENT_DBP),
    ("ĐBP", EVENT_DBP),
    ("chien thang DBP", EVENT_DBP),
    ("UBND", UBND),
    ("HĐND", "don-vi/thuong-truc-hdnd-tinh/"),
    ("HDND tinh", "don-vi/thuong-truc-hdnd-tinh/"),
    ("MTTQ", "don-vi/ubmttq-tinh/"),
    ("TTCS", PLAN_171),  # "hệ thống loa truyền thanh cơ sở" (IV.8)
    ("BTG", BTGTU),
    ("VHTTDL", SO_VHTTDL),
    ("SVHTTDL", SO_VHTTDL),
    # i and y, where Vietnamese writes both
    ("ki niem 20 nam", EVENT_20),
    ("kỉ niệm 115 năm", EVENT_115),
    ("li luan", OUTLINE_LIBERATION),
    ("lí luận", OUTLINE_LIBERATION),
    # one typing mistake in a word of 5 letters or more, when nothing matches as typed: near matches
    ("chien thangg dien bien phu", EVENT_DBP),
    ("dien bienn phu", EVENT_DBP),
    ("giai phongg thi tran lai chau", EVENT_LIBERATION),
    ("ngay sinh chu tichh ho chi minh", "su-kien/ky-niem-133-nam-ngay-sinh-chu-tich-ho-chi-minh/"),
    ("chien thnag dien bien phu", EVENT_DBP),
    # ... but not when the words are found as typed ("thang" has neighbours "thanh", "than"…), nor under 5 letters
    ("chien thang", EVENT_DBP),
    ("dien bien phuu", None),
]
# The queries answered by near matches (one typing mistake): the status line says so.
NEAR_QUERIES = {"chien thangg dien bien phu", "dien bienn phu", "giai phongg thi tran lai chau",
                "ngay sinh chu tichh ho chi minh", "chien thnag dien bien phu"}


def site_path(url: str, base: str) -> str:
    """'su-kien/x/' from a result link, whatever the protocol: no query, no fragment, no index.html."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    base_path = unquote(urlsplit(base).path)
    assert path.startswith(base_path), (url, base)
    return path[len(base_path):].removesuffix("index.html")


@pytest.fixture(scope="module")
def search_pages(browser, built_site: Path, site_url: str) -> Iterator[Callable[[str], tuple[object, str]]]:
    """protocol -> (a page of the built site with the search box, the site's base URL), one page per protocol."""
    opened: dict[str, tuple[object, str]] = {}
    contexts = []

    def open_page(protocol: str) -> tuple[object, str]:
        if protocol not in opened:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                          service_workers="block")
            context.set_default_timeout(30_000)
            contexts.append(context)
            page = context.new_page()
            base = site_url if protocol == "http" else built_site.as_uri() + "/"
            page.goto(base + ("" if protocol == "http" else "index.html"))
            opened[protocol] = (page, base)
        return opened[protocol]

    yield open_page
    for context in contexts:
        context.close()


def run_query(page, query: str) -> dict:
    """Type `query` in the search box; {count, first: [result links], meta} once the results are shown."""
    box = page.locator("input.md-search__input")
    page.evaluate("() => { window.SotaySearch.last = null; }")
    box.fill("")
    box.fill(query)
    want = unicodedata.normalize("NFC", query).strip()
    page.wait_for_function("want => window.SotaySearch.last && window.SotaySearch.last.query === want "
                           "&& window.SotaySearch.last.complete", arg=want)
    return {
        "count": page.evaluate("() => window.SotaySearch.last.count"),
        "links": page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link:first-child",
                                           "links => links.map(a => a.href)"),
        "meta": page.locator(".md-search-result__meta").inner_text(),
    }


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[f"{i:02d}-{q}" for i, (q, _) in enumerate(QUERIES)])
def test_query_finds_the_right_page_first(search_pages, protocol: str, query: str, expected: str | None) -> None:
    page, base = search_pages(protocol)
    found = run_query(page, query)
    if expected is None:
        assert found["count"] == 0 and found["links"] == []
        assert found["meta"] == "Không tìm thấy kết quả"
        return
    assert found["links"], f"{query!r}: nothing found"
    count = f"{found['count']} kết quả"
    assert found["meta"] == (f"Kết quả gần đúng: {count}" if query in NEAR_QUERIES else count)
    first = [site_path(link, base) for link in found["links"][:5]]
    assert first[0] == expected, f"{query!r}: first results {first}"
    if protocol == "file":
        assert found["links"][0].split("?")[0].endswith("/index.html")  # a folder would open a file listing


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_typing_then_opening_a_result_highlights_it_on_the_page(browser, built_site: Path, site_url: str,
                                                                protocol: str) -> None:
    base = site_url if protocol == "http" else built_site.as_uri() + "/"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", service_workers="block")
    context.set_default_timeout(30_000)
    page = context.new_page()
    errors: list[str] = []
    requested: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: requested.append(request.url))
    try:
        page.goto(base + ("ke-hoach/" if protocol == "http" else "ke-hoach/index.html"))
        page.keyboard.press("/")  # opens the search, as in Material
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("dien bien phu", delay=20)  # as a reader types: a search per key
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert page.locator(".md-search-result__meta").inner_text().endswith("kết quả")
        title = results.first.locator("h1")
        assert "Điện Biên Phủ" in title.inner_text()
        assert title.locator("mark").all_inner_texts() == ["Điện Biên Phủ"]  # the words as written, one phrase
        snippet_marks = results.first.locator("p mark").all_inner_texts()
        assert snippet_marks and set(snippet_marks) <= {"Điện Biên Phủ"}, snippet_marks
        page.keyboard.press("Enter")  # opens the first result
        page.wait_for_url(re.compile(r"\?h=dien\+bien\+phu"))
        page.wait_for_load_state("load")
        assert site_path(page.url, base) == EVENT_DBP
        marks = page.locator(".md-content mark.sotay-search-highlight")
        assert marks.count() >= 2
        assert set(marks.all_inner_texts()) == {"Điện Biên Phủ"}
        assert errors == []
        foreign = [u for u in requested if urlsplit(u).scheme not in ("data", "blob", "about", "file")
                   and urlsplit(u).hostname != "127.0.0.1"]
        assert foreign == []
        if protocol == "file":
            assert all(urlsplit(u).scheme in ("file", "data", "blob", "about") for u in requested)
    finally:
        context.close()


def test_a_link_with_q_opens_the_search_with_that_query(browser, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 780}, service_workers="block")  # a phone
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        base = built_site.as_uri() + "/"
        page.goto(base + "don-vi/index.html?q=ky%20niem%2020%20nam")
        first = page.locator(".md-search-result__item > a.md-search-result__link:first-child").first
        first.wait_for()
        assert page.evaluate("document.getElementById('__search').checked")
        assert first.is_visible()
        assert site_path(first.evaluate("a => a.href"), base) == EVENT_20
    finally:
        context.close()


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_an_abbreviation_result_highlights_what_it_stands_for(search_pages, protocol: str) -> None:
    page, base = search_pages(protocol)
    found = run_query(page, "DBP")
    assert site_path(found["links"][0], base) == EVENT_DBP
    assert "h=%C4%90i%E1%BB%87n+Bi%C3%AAn+Ph%E1%BB%A7" in found["links"][0]  # ?h=Điện Biên Phủ
    first = page.locator(".md-search-result__item").first
    assert "Điện Biên Phủ" in first.locator("h1 mark").all_inner_texts()
    found = run_query(page, "171/KH")
    marks = page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()
    assert set(marks) == {"171-KH/BTGTU"}, marks


def test_near_matches_are_labelled_and_highlighted(search_pages) -> None:
    page, base = search_pages("http")
    found = run_query(page, "dien bienn phu")
    assert found["meta"].startswith("Kết quả gần đúng: ")
    assert page.evaluate("() => window.SotaySearch.last.near") is True
    assert "h=dien+bien+phu" in found["links"][0]
    assert page.locator(".md-search-result__item").first.locator("h1 mark").all_inner_texts() == ["Điện Biên Phủ"]
    assert page.evaluate("() => window.SotaySearch.last.near") is True
    found = run_query(page, "dien bien phu")
    assert found["meta"] == f"{found['count']} kết quả"
    assert page.evaluate("() => window.SotaySearch.last.near") is False


def test_a_query_with_diacritics_shows_the_exact_word_first(search_pages) -> None:
    page, base = search_pages("http")
    found = run_query(page, "mã")
    assert found["count"] > 3  # "ma", "mà", "mặt"… are found too
    first = page.locator(".md-search-result__item").first
    assert "mã" in [t.lower() for t in first.locator("mark").all_inner_texts()]


def test_search_box_speaks_vietnamese_only(search_pages) -> None:
    page, _ = search_pages("http")
    search = page.locator(".sotay-search")
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Tìm kiếm"
    page.locator("input.md-search__input").fill("")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('Gõ')")
    texts = [search.inner_text(), page.locator("header").inner_text()]
    texts += page.eval_on_selector_all(
        "header [title], header [aria-label], header [placeholder]",
        "els => els.flatMap(e => ['title', 'aria-label', 'placeholder'].map(a => e.getAttribute(a) || ''))")
    english = re.compile(r"\b(search|result|results|initializ\w*|type to|no match\w*|clear|share|loading|found)\b",
                         re.IGNORECASE)
    assert [t for t in texts if english.search(t)] == []
    meta = page.locator(".md-search-result__meta").inner_text()
    assert meta == "Gõ từ cần tìm, có dấu hoặc không dấu"
    assert re.fullmatch(r"\d+ kết quả", run_query(page, "BTGTU")["meta"])
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_javascript_keys_agree_with_the_index_for_every_word(search_pages) -> None:
    page, _ = search_pages("http")
    mismatches = page.evaluate(f"""async () => {{
        const engine = await window.SotaySearch.load(), shards = window.{INDEX_GLOBAL}.shards.words.length;
        const words = [];
        for (let n = 0; n < shards; n++) words.push(...await engine.load("w/" + n));
        const bad = [];
        for (const entry of words) {{
            for (let j = 1; j < entry.length; j += 2) {{
                const exact = entry[j] || entry[0];
                // A document number's key ("171khbtgtu") is its own fold and exact key.
                if (SotaySearch.searchFold(exact) !== entry[0] || SotaySearch.exactKey(exact) !== exact)
                    bad.push([entry[0], exact, SotaySearch.searchFold(exact), SotaySearch.exactKey(exact)]);
            }}
        }}
        return bad;
    }}""")
    assert mismatches == []


# The matching of sotay-search.js (anyMatch, phraseIndex) against its definition, the regular expressions of its
# comment, on generated texts and queries: words, parts of document numbers, leading zeros, joiners, marks, letters
# and digits outside ASCII and outside the BMP, an emoji, and queries with and without a word being typed.
MATCHING = r"""count => {
    const W = "\\p{L}\\p{N}\\p{M}";
    const esc = s => s.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
    const pattern = (t, prefix) => t.number
        ? "0*" + Array.from(t.fold).map(esc).join("[-\\/.]?") + "(?:[-\\/.]?[" + W + "])*"
        : esc(t.fold) + (prefix ? "[" + W + "]*" : "(?![" + W + "])");
    const expressions = q => {
        const start = "(?<![" + W + "])", p = q.terms.map(t => pattern(t, q.allPrefix || t.prefix));
        return {phrase: p.length > 1 ? new RegExp(start + p.join("[^" + W + "]+"), "u") : null,
                any: new RegExp(start + "(?:" + p.join("|") + ")", "gu")};
    };
    let seed = 7;
    const pick = list => {  // the high bits: the low ones of this generator repeat in short cycles
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return list[Math.floor(seed / 65536) % list.length];
    };
    const WORDS = ["ke", "kế", "hoach", "hoa", "h", "kh", "khi", "171", "0171", "0", "00", "2024", "dien", "bien",
                   "phu", "phuc", "ii", "1", "3", "btgtu", "a", "é", "中", "𠀀", "e\u0301", "٣",
                   "ke hoach", "dien bien phu", "dien-bien phuc", "171-kh ke hoach", "ii.1.3 dien", "0171kh/btgtu ke",
                   "171-kh-dien", "0171/kh.ke-hoach", "171khx-bien"];
    const SEPARATORS = [" ", " ", " ", "-", "/", ".", ", ", " · ", "🙂", "--", " - ", ""];
    const QUERY_WORDS = ["ke", "hoach", "hoa", "kh", "171", "171-KH", "0/KH", "171/kh", "dien", "bien", "phu", "ph",
                         "ii.1.3", "1.3", "2024", "é", "中", "𠀀", "٣", "btgtu", "KH/BTGTU", "0171", "0"];
    const PHRASE_WORDS = ["ke", "hoach", "hoa", "dien", "bien", "phu", "ph", "171", "171-kh", "ii.1.3"];
    const texts = [], queries = [];
    for (let i = 0; i < count; i++) {
        let text = pick(["", " ", "-"]);
        for (let n = 1 + i % 12; n > 0; n--) text += pick(WORDS) + pick(SEPARATORS);
        texts.push(text);
    }
    for (let i = 0; i < 80; i++) {
        const words = [];
        for (let n = 1 + i % 3; n > 0; n--) words.push(pick(i % 2 ? QUERY_WORDS : PHRASE_WORDS));
        queries.push(words.join(" ") + (i % 4 ? "" : " "));
    }
    const seen = {cases: 0, matches: 0, phrases: 0, numbers: 0, prefixes: 0}, wrong = [];
    for (const query of queries) {
        for (const allPrefix of [false, true]) {
            const q = SotaySearch.prepare(SotaySearch.parseQuery(query), allPrefix);
            if (!q.terms.length) continue;
            const expected = expressions(q);
            for (const text of texts) {
                const want = [], got = [];
                let m, from = 0;
                expected.any.lastIndex = 0;
                while ((m = expected.any.exec(text)) !== null) want.push([m.index, expected.any.lastIndex]);
                while ((m = SotaySearch.anyMatch(q, text, from)) !== null) { got.push([m.index, m.end]); from = m.end; }
                const phrase = expected.phrase ? (expected.phrase.exec(text) || {index: -1}).index : -1;
                const found = SotaySearch.phraseIndex(q, text);
                seen.cases++;
                if (want.length) seen.matches++;
                if (phrase >= 0) seen.phrases++;
                if (want.length && q.terms.some(t => t.number)) seen.numbers++;
                if (want.length && (allPrefix || q.terms.some(t => t.prefix))) seen.prefixes++;
                if (JSON.stringify(want) !== JSON.stringify(got) || phrase !== found) {
                    wrong.push({query, allPrefix, text, want, got, phrase, found});
                }
            }
        }
    }
    return {seen, wrong: wrong.slice(0, 5), count: wrong.length};
}"""


def test_term_matching_is_what_its_regular_expressions_define(search_pages) -> None:
    page, _ = search_pages("file")
    result = page.evaluate(MATCHING, 400)
    assert result["count"] == 0, result["wrong"]
    seen = result["seen"]
    # The cases hold every kind of match: the comparison is not of texts where nothing matches.
    assert seen["cases"] > 30_000
    assert min(seen["matches"], seen["phrases"], seen["numbers"], seen["prefixes"]) > 500, seen


def read_index(site: Path) -> dict:
    """The sharded index of a built site put back into one structure (build_index's docs, secs, terms, aliases)."""
    import json

    from ..test_search_index import read_postings

    def data(path: Path) -> object:
        # window.__SOTAY_SEARCH_INDEX__={…}; or (window.__SOTAY_SEARCH_SHARDS__=…||{})["w/0"]=[…];
        script = path.read_text(encoding="utf-8").rstrip().removesuffix(";")
        shard = script.startswith(f"(window.{SHARDS_GLOBAL}=")
        return json.loads(script[script.index("]=") + 2:] if shard else script[script.index("=") + 1:])

    manifest = data(site / INDEX_PATH)
    folder = site / SHARDS_FOLDER
    terms = [entry for n in range(len(manifest["shards"]["words"]))
             for entry in read_postings(f"w/{n}", data(folder / "w" / f"{n}.js"))]  # postings as numbers again
    docs, secs = [], []
    for d, count in enumerate(manifest["docs"]["n"]):
        url, kind, title, titles, keywords, sections = data(folder / "t" / f"{d}.js")  # the page's head
        for k in range(1, 1 + len(manifest["docs"]["parts"].get(str(d), []))):  # its later parts
            sections += data(folder / "t" / f"{d}-{k}.js")
        docs.append([url, title, kind, manifest["docs"]["b"][d], len(secs), count, titles, keywords])
        secs += sections
    return {"v": manifest["v"], "docs": docs, "secs": secs, "terms": terms, "aliases": manifest["aliases"]}


def test_index_covers_every_page_and_the_organisations_aliases(built_site: Path) -> None:
    index = read_index(built_site)
    urls = {doc[0] for doc in index["docs"]}
    pages = {p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages}
    assert pages - urls == set()
    docs = {doc[0]: doc for doc in index["docs"]}
    assert {"BTGTU", "BTG Tỉnh ủy", "Ban Tuyên giáo Tỉnh uỷ"} <= set(docs[BTGTU][7])
    assert "Sở VHTTDL" in docs[SO_VHTTDL][7]
    assert docs[PLAN_171][7] == ["171-KH/BTGTU"]
    assert not (built_site / "search" / "search_index.json").exists()  # Material's lunr search is off
    # Every page has a kind of its own; the print packs are "Tài liệu chi bộ", not the generic "Trang".
    assert {url: doc[2] for url, doc in docs.items() if doc[2] == "Trang"} == {}
    assert docs["tai-lieu-chi-bo/ky-niem-70-nam-chien-thang-dien-bien-phu/"][2] == "Tài liệu chi bộ"
    # The abbreviations: the curated list and the organisations' symbols.
    assert index["aliases"]["dbp"] == ["Điện Biên Phủ"]
    assert index["aliases"]["svhttdl"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert "tu" not in index["aliases"]  # under 3 letters: folds to ordinary words (tu, tư, từ)
    assert index["aliases"]["ttcs"] == ["truyền thanh cơ sở"]
    # Table cells are separated in the text the snippets show.
    texts = [sec[2] for sec in index["secs"]]
    assert any("Kỷ niệm: 70 năm · năm tròn" in text for text in texts)
    assert not any("70 năm năm tròn" in text for text in texts)


# ---------------------------------------------------------------------------------------------------------------
# Benchmark: figures for the notes; nothing asserted about speed.
# ---------------------------------------------------------------------------------------------------------------

BENCHMARK_QUERIES = [
    "dien bien phu", "ky niem 20 nam", "so van hoa", "171-KH", "BTGTU", "Sở VHTTDL", "tinh uy", "hoà",
    "tuyên truyền", "ke hoach", "Đảng bộ", "thanh lap tinh", "ubnd", "2024", "bao lai chau", "de cuong",
    "nhiem vu", "dai hoi", "van hoa the thao", "xyzzy",
]


def scaled_data(target: Path, copies: int) -> None:
    """A copy of data/ with every record `copies` times: copy k renames every id X to X-bk (and every reference
    to it) and adds 10000·k to the leading digits of document numbers, so the copies validate side by side. The
    copies of a list file go into its folder (data/organisations/organisations-b1.yml …): one file may hold
    at most 20,000 values (macros/core/yamlsource.py)."""
    source = ROOT / "data"
    shutil.copytree(source, target)
    ids: set[str] = set()
    for path in source.rglob("*.yml"):
        ids.update(re.findall(r"^(?:- )?id:\s*([\w-]+)\s*$", path.read_text(encoding="utf-8"), flags=re.M))
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")
    for k in range(1, copies):
        def clone(text: str, k: int = k) -> str:
            text = pattern.sub(lambda m: f"{m.group(1)}-b{k}", text)
            return re.sub(r"^(\s*(?:- )?number:\s*[\"']?)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 10000 * k}",
                          text, flags=re.M)
        for path in sorted(source.rglob("*.yml")):
            relative = path.relative_to(source)
            text = clone(path.read_text(encoding="utf-8"))
            if len(relative.parts) == 1:  # a list file (organisations.yml): its copy goes into data/organisations/
                folder = target / relative.stem
                folder.mkdir(exist_ok=True)
                text = text.replace("$schema=schemas/", "$schema=../schemas/", 1)
                (folder / f"{relative.stem}-b{k}.yml").write_text(text, encoding="utf-8")
            else:
                (target / relative.parent / f"{relative.stem}-b{k}.yml").write_text(text, encoding="utf-8")


def scaled_project(where: Path) -> Path:
    """The shipped project with its data ten times over (scaled_data)."""
    project = where / "project"
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    scaled_data(project / "data", copies=10)
    return project


SCALED_SITE = SiteConfig("shipped-data-x10", scaled_project)


# Typing to results painted: sotay-search.js dispatches sotay-search:results when it paints the first results (a
# sharded index: a quick search's, detail.complete false) and when it paints the exact ones (detail.complete true).
# [ms to the first results painted, their count, ms to the exact results painted, the shards loaded by the first
# paint]. Also used by tests/bench_search_scale.py.
MEASURE = """async q => {
    const engine = await window.SotaySearch.load();
    const input = document.querySelector('input.md-search__input');
    const want = q.normalize('NFC').trim();
    const painted = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    let first = null, loaded = null;
    const done = new Promise(resolve => document.addEventListener('sotay-search:results', function seen(e) {
        if (e.detail.query !== want) return;
        if (first === null) {
            loaded = engine.loaded ? Array.from(engine.loaded.keys()) : [];
            first = painted().then(() => performance.now() - started);
        }
        if (e.detail.complete) { document.removeEventListener('sotay-search:results', seen); resolve(e.detail); }
    }));
    const started = performance.now();
    input.value = q;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const detail = await done;
    await painted();
    return [await first, detail.count, performance.now() - started, loaded];
}"""


def measure(browser, site: Path) -> dict:
    index = (site / INDEX_PATH).read_bytes()  # the manifest; the shards a query needs load with the query
    figures = {"pages": sum(1 for _ in site.rglob("index.html")), "raw": len(index),
               "gzip": len(gzip.compress(index, compresslevel=6))}
    with serve(site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        try:
            page = context.new_page()
            page.goto(url)
            page.locator("input.md-search__input").focus()
            figures["load"] = page.evaluate("""async () => { const t = performance.now();
                await window.SotaySearch.load(); return performance.now() - t; }""")
            timings, counts = [], []
            for query in BENCHMARK_QUERIES:
                page.evaluate("() => { document.querySelector('input.md-search__input').value = ''; }")
                elapsed, count, _, _ = page.evaluate(MEASURE, query)
                timings.append(elapsed)
                counts.append(count)
            figures.update(median=statistics.median(timings), slowest=max(timings), results=statistics.median(counts))
        finally:
            context.close()
    return figures


@pytest.mark.benchmark
def test_benchmark_search(browser, built_site: Path, sites, capsys: pytest.CaptureFixture[str]) -> None:
    shipped = measure(browser, built_site)
    big = measure(browser, sites.site(SCALED_SITE))
    assert big["pages"] > 5 * shipped["pages"]
    with capsys.disabled():
        for name, f in (("shipped site", shipped), ("site x10 (generated)", big)):
            print(f"\n[benchmark] search, {name}: {f['pages']} pages; manifest {f['raw'] / 1024:.0f} KiB raw, "
                  f"{f['gzip'] / 1024:.0f} KiB gzip; index load {f['load']:.0f} ms; typing to results painted: "
                  f"median {f['median']:.0f} ms, slowest {f['slowest']:.0f} ms over {len(BENCHMARK_QUERIES)} queries "
                  f"(median {f['results']:.0f} results)")
