"""The site's Vietnamese search index: rendered page HTML in, a compact inverted index out (no MkDocs here).

Every page becomes a document made of sections (the text before the first sub-heading, then one section per
heading with an id). Each section keeps its original text for display; matching uses the words of the text
under two keys, both computed with macros.vietnamese:

- the folded key, `search_fold(word)`: NFC, NFD, combining marks dropped, đ→d, casefolded, and a syllable-final
  y after a consonant written i ("dien", "hoa", "ki" for both "kỷ" and "kỉ");
- the exact key, `exact_key(word)`: tone placement normalised ("hoà"→"hòa", "uỷ"→"ủy") and lower case,
  diacritics kept, so a query typed with diacritics can rank exact spellings above folded ones.

The browser side (docs/assets/sotay-search.js) implements the same tokeniser, `search_fold`, `exact_key` and
document-number key for the query; tests/test_search_index.py checks that both sides agree.

Words joined by "-", "/" or "." (document numbers "171-KH/BTGTU", "30/2020/NĐ-CP", dates, section labels
"II.1.3") are indexed whole, from each of their parts onwards ("kh/btgtu", "btgtu") and part by part, so
"171-KH/BTGTU", "171-kh", "KH/BTGTU", "171" and "BTGTU" all find the plan. A document number is also indexed
under its search key (macros.core.docnumber: "171khbtgtu", whatever its punctuation), which the browser matches by
prefix against the key of a number typed in any punctuation or in part ("171/KH", "171KH", "171/KH-BTGTU").

Abbreviations ("ĐBP", "UBND", an organisation's symbol) are written into the index with what they stand for
(`alias_table`: the curated list in search_aliases.yml plus the organisations of the data); the browser searches
for the expansion too and merges the results.

The index is split into shards (`shard_index`, format version 4) so that a query downloads only what it needs,
each shard a JavaScript file the browser loads with a <script> element (a page opened from file:// cannot fetch or
XHR local files; a script can), the files assigning to one global registry:

- the manifest, search/sotay-index.js (window.__SOTAY_SEARCH_INDEX__): where the shards are, per page its number
  of sections, kind boost, title length and URL order (ranking ties) and the parts of its text, and the
  abbreviations table. About 60 KB at 5,000 pages;
- word shards, search/sotay-index/w/<n>.js: runs of the sorted vocabulary, cut between groups of keys sharing their
  first 2 folded letters, a group too big for one shard cut between groups sharing 3 letters, then between keys
  (WORD_SHARD_BYTES of the entries as JSON numbers). The manifest lists each shard's first key; the browser finds
  the shards of a key, or of all keys starting with a prefix, by binary search. Each list of postings is written as
  text (`postings_code`, some 40 % of the bytes of JSON numbers), read back into numbers as the shard loads;
- prefix shards, search/sotay-index/a/<n>.js: for a short prefix whose keys fill more than AGGREGATE_MIN_BYTES ("t",
  "th", "ng", "hoa"), the postings of all its keys but the prefix itself merged (as text too), one posting per
  section with the bits that weigh most, once for all spellings and once per spelling of its first letters ("đ",
  "đa"…). A word being typed ("t…") is matched by prefix; these give the engine exactly what it computes from the
  keys themselves (the best weight per section, and the best weight of the spellings typed with diacritics) in one
  or two files, not all the word shards of the prefix;
- title shards, search/sotay-index/r/<n>.js: what the title bonus reads, for TITLE_SHARD_PAGES pages (5,000 pages
  make one file of about 110 KB): per page its title, other titles and keywords as folded tokens, each list once,
  coded by a dictionary of the shard's tokens, the most frequent first (`title_shard`, `number_code`); read for
  the results whose titles may hold a query word, so that a query ranks its results with one file, not one per
  group of pages (the browser starts loading them with the manifest, when the search box gets focus);
- text shards, search/sotay-index/t/<page>.js: the head of a page, what showing it as a result needs (URL, kind,
  title, other titles, keywords and its first sections, up to HEAD_PART_BYTES, the first one always), then the
  rest of its sections (heading, anchor, text) in parts t/<page>-<k>.js of about TEXT_PART_BYTES. The search box
  paints the first results with the heads only (their order without the phrase bonus), then loads the parts the
  phrase bonus looks at (the sections holding every word, in the best 40 pages) and those of the sections shown,
  and paints the exact results; nothing is loaded for the other pages;
- the near-word list, search/sotay-index/n.js: letter-only keys of 4 letters or more with their frequency, for the
  one-typo fallback (loaded only when a query finds nothing), so that fallback still scans every such key.

`build_index` still makes the whole index as one structure (the shards are cut from it); the plugin can also write
it as one file (`index_script`, option search_single_index) for the test that compares both engines.
"""

from __future__ import annotations

import bisect
import json
import operator
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from macros.core.docnumber import number_search_key
from macros.core.kinds import SEARCH_LABELS
from macros.core.unknown import UNKNOWN
from macros.core.vietnamese import nfc, normalize_tone_placement, search_fold

__all__ = [
    "BODY", "HEADING", "TITLE", "KEYWORD", "WHOLE",
    "INDEX_GLOBAL", "INDEX_PATH", "FORMAT_VERSION",
    "Section", "PageText", "PageTextReader", "exact_key", "tokens", "index_terms", "extract_page", "page_kind",
    "build_index", "index_script", "alias_table", "load_curated_aliases", "ALIASES_FILE",
    "SHARDS_GLOBAL", "SHARDS_FOLDER", "SHARD_FOLDERS", "SINGLE_INDEX_PATH", "shard_files", "shard_index",
    "shard_script", "word_shards",
    "aggregates", "near_words", "title_shard", "number_code", "postings_code",
]

# Bits of a posting: where in the section the word occurs, and whether it occurs as a whole word
# (not only as a part of a joined word such as a document number).
BODY, HEADING, TITLE, KEYWORD, WHOLE = 1, 2, 4, 8, 16

INDEX_GLOBAL = "__SOTAY_SEARCH_INDEX__"
INDEX_PATH = "search/sotay-index.js"  # the manifest of the sharded index
SINGLE_INDEX_PATH = "search/sotay-index-single.js"  # the whole index as one file (on request: tests compare)
SHARDS_GLOBAL = "__SOTAY_SEARCH_SHARDS__"
SHARDS_FOLDER = "search/sotay-index"
# The folders the sharded index is written into (a/ only when a prefix is big enough to have one).
SHARD_FOLDERS = ("search", SHARDS_FOLDER, *(f"{SHARDS_FOLDER}/{kind}" for kind in ("w", "a", "r", "t")))
# 4: the sharded layout of shard_index (3 had page shards of raw titles, whole pages in one text shard); the single
# file has the version 2 fields under "v": 4.
FORMAT_VERSION = 4
# Sizes of the shards (bytes of JSON), set with tests/bench_search_scale.py at 5,000 pages: every script file costs
# the browser a few milliseconds whatever its size, so fewer, bigger files answer sooner; smaller ones send less.
WORD_SHARD_BYTES = 48_000
AGGREGATE_MIN_BYTES = 48_000
TITLE_SHARD_PAGES = 8192
# A page's text is cut into parts (between sections): the head, what showing the page as a result needs, of about
# HEAD_PART_BYTES (the first section, whatever its size, and those after it that fit), then parts of about
# TEXT_PART_BYTES: a big page (an index of all units) is read only in the parts holding the sections a query matches.
HEAD_PART_BYTES = 4_000
TEXT_PART_BYTES = 64_000
# Numbers in the shards' text codes (number_code: a token's number in a title shard's dictionary, the gap between
# two sections of a posting list) are written in the digits of CODE, the last (which ends the number) one of its
# first CODE_LAST characters, those before it (bijective base len(CODE) - CODE_LAST) the others. Printable ASCII but
# the space, the quote and the backslash: nothing to escape, and a space can separate the title strings of a page.
CODE = "".join(chr(c) for c in range(0x23, 0x7F) if chr(c) != "\\")
CODE_LAST = 64
# Word shards are cut between groups of keys sharing their first 2 folded letters, big groups between 3 letters.
SHARD_PREFIXES = (2, 3)
# The one-typo fallback tries words of at least 5 letters against keys one letter shorter or longer.
NEAR_MIN_KEY = 4
# The curated abbreviations, a data file of this package.
ALIASES_FILE = "search_aliases.yml"
# The combining marks of a version of Unicode, a data file of this package (_mark_ranges).
MARKS_FILE = "unicode_marks_{version}.txt"
# Shorter abbreviations ("TU", "TW") are ordinary Vietnamese words once folded ("tu", "tư", "từ"): never expanded.
MIN_ALIAS_LENGTH = 3

JOINERS = "-/."



def _mark_ranges() -> list[tuple[int, int]]:
    """The runs of code points of every combining mark (Unicode category M), like JavaScript's \\p{M}: from the
    table of this version of Unicode shipped with the package (MARKS_FILE), else scanned (_scan_mark_ranges)."""
    table = resources.files("macros.outputs").joinpath(MARKS_FILE.format(version=unicodedata.unidata_version))
    if not table.is_file():
        return _scan_mark_ranges()
    runs = " ".join(line for line in table.read_text(encoding="ascii").splitlines() if not line.startswith("#"))
    return [(int(first, 16), int(last or first, 16)) for first, _, last in (run.partition("-") for run in runs.split())]


def _scan_mark_ranges() -> list[tuple[int, int]]:
    """_mark_ranges from unicodedata itself, code point by code point."""
    ranges: list[tuple[int, int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return ranges


def _class_of(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a regex character class of the code points of `ranges`."""
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


def _char_pattern() -> str:
    """A run of the characters of a word: Unicode categories L and N (JavaScript's [\\p{L}\\p{N}]) and M, with
    the underscore (which \\w also matches) replaced beforehand (`tokens`).

    Written for speed, matching exactly what (?:[^\\W_]|[<every mark>])+ matches: one class with the marks of the
    Basic Multilingual Plane (a bitmap, one step per character, a simple repeat) rather than an alternation per
    character; the marks past it (a list of ranges the engine would try one by one at every space) only tried at a
    character past it."""
    ranges = _mark_ranges()
    bmp = _class_of((a, min(b, 0xFFFF)) for a, b in ranges if a <= 0xFFFF)
    astral = _class_of((max(a, 0x10000), b) for a, b in ranges if b > 0xFFFF)
    return f"(?:[\\w{bmp}]++|(?=[\\U00010000-\\U0010ffff])[{astral}])++"


_CHARS = _char_pattern()
_TOKEN_RE = re.compile(f"{_CHARS}(?:[{re.escape(JOINERS)}]{_CHARS})*+")


_JOINER_RE = re.compile(f"[{re.escape(JOINERS)}]")


def tokens(text: str) -> list[str]:
    """The words of `text` (NFC), joined words ("171-KH/BTGTU") kept whole."""
    # "_" separates words like a space: as a space, it lets _TOKEN_RE use \w (see _char_pattern).
    return _TOKEN_RE.findall(nfc(text).replace("_", " "))


def exact_key(word: str) -> str:
    """The key under which spellings that differ only in tone placement or case compare equal."""
    return normalize_tone_placement(word).lower()


def index_terms(word: str) -> Iterator[tuple[str, bool]]:
    """The terms a word is indexed under, each with True if it is the whole word: the word itself and, for a
    joined word, every tail starting at a part ("kh/btgtu", "btgtu") and every part ("171", "kh")."""
    yield word, True
    starts = [m.end() for m in _JOINER_RE.finditer(word)]
    if not starts:
        return
    seen = {word}
    for start in starts:
        tail = word[start:]
        if tail not in seen:
            seen.add(tail)
            yield tail, False
    for part in _JOINER_RE.split(word):
        if part and part not in seen:
            seen.add(part)
            yield part, False


def number_key(word: str) -> str | None:
    """The document-number search key of a joined word ("171-KH/BTGTU" -> "171khbtgtu"), or None when the word is
    no document number or its key is the word's own folded key (nothing to add)."""
    if not _JOINER_RE.search(word):
        return None
    key = number_search_key(word)
    return key if key and key != search_fold(word) else None


def clean_text(text: str) -> str:
    """`text` in NFC, each run of white space one space, none at either end."""
    # str.split() splits at exactly the characters the regex \s matches (str.isspace), in a third of the time.
    return " ".join(nfc(text).split())


# ---------------------------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Section:
    heading: str
    anchor: str  # "" for the top of the page
    text: str


@dataclass
class PageText:
    url: str  # relative to the site root, directory style: "su-kien/<id>/"; "" for the home page
    title: str
    sections: list[Section]
    titles: list[str] = field(default_factory=list)  # other titles: a document's subject (trích yếu)
    keywords: list[str] = field(default_factory=list)  # short names, symbols, aliases, numbers

    @property
    def kind(self) -> tuple[str, int]:
        return page_kind(self.url)


def page_kind(url: str) -> tuple[str, int]:
    """(label, boost) of a page by its URL; index pages of a section take the label with no boost."""
    parts = [p for p in url.split("/") if p and p != "index.html"]
    if not parts:
        return "Trang chủ", 1
    label, boost = SEARCH_LABELS.get(parts[0], ("Trang", 0))
    return label, boost if len(parts) > 1 else 0


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "svg", "template", "noscript", "button", "select", "textarea"}
# Permalink signs next to headings; the facsimile header of a plan or document (it repeats the number, the
# issuer and the subject the page lists anyway, and would open every snippet with "TỈNH ỦY LAI CHÂU ...");
# the print buttons; anything a template marks with the class sotay-search-skip.
_SKIP_CLASSES = {"headerlink", "sotay-doc-header", "sotay-print-bar", "sotay-search-skip"}
# Inline elements that read as items of their own: a badge ("Kỷ niệm: 70 năm · năm tròn").
_APART_CLASSES = {"sotay-badge"}
_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
           "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# Between the texts of two table cells, list items or paragraphs, unless the first ends in punctuation: a snippet then
# reads "Kỷ niệm: 70 năm · năm tròn", not "70 năm năm tròn".
SEPARATOR = " · "
_ENDS_CLAUSE = re.compile(r"[.,;:!?…·\-–—(\[/]")


class _Extractor(HTMLParser):
    """Splits the HTML of a page's content at headings that carry an id; the texts of block elements (cells, items,
    paragraphs) are joined by SEPARATOR."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self.sections: list[tuple[str, str, list[str]]] = [("", "", [])]
        self._stack: list[tuple[str, bool, bool]] = []  # open elements: (tag, skipped, set apart like a block)
        self._skip_depth = 0
        self._heading: tuple[str, str | None, list[str]] | None = None  # (tag, id, text)
        self._block_ended = False  # a block element began or ended since the last text: separate the next text
        self._last = ""  # the last character of text written in the current section, spaces aside

    def updatepos(self, i: int, j: int) -> int:
        # The parser counts lines and columns only for getpos(), which nothing here reads: skipping that saves a
        # tenth of the parse.
        return j

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if attrs:
            attributes = dict(attrs)
            classes = (attributes.get("class") or "").split()
            skip = tag in _SKIP_TAGS or not _SKIP_CLASSES.isdisjoint(classes) or "hidden" in attributes
            apart = not _APART_CLASSES.isdisjoint(classes)
        else:  # most elements: nothing to look up
            skip, apart = tag in _SKIP_TAGS, False
        if tag not in _VOID:
            self._stack.append((tag, skip, apart))
            if skip:
                self._skip_depth += 1
        if self._skip_depth:
            return
        if tag in _HEADINGS and self._heading is None:
            self._heading = (tag, dict(attrs).get("id"), [])
        elif tag not in _INLINE or apart:
            self._space()
            if self._heading is None and tag not in _VOID:
                self._block_ended = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip_depth and tag not in _INLINE:
            self._space()
            if tag not in _VOID or tag == "hr":
                self._block_ended = self._heading is None

    def handle_endtag(self, tag: str) -> None:
        stack = self._stack
        if stack and stack[-1][0] == tag:  # most end tags: the element last opened
            _, skipped, apart = stack.pop()
            if skipped:
                self._skip_depth -= 1
        elif not any(open_tag == tag for open_tag, _, _ in stack):
            return  # a stray end tag
        else:
            apart = False
            while stack:
                open_tag, skipped, apart = stack.pop()
                if skipped:
                    self._skip_depth -= 1
                if open_tag == tag:
                    break
        if self._skip_depth:
            return
        if self._heading is not None and tag == self._heading[0]:
            level, anchor, parts = self._heading
            self._heading = None
            text = clean_text("".join(parts))
            if level == "h1" and self.title is None:
                self.title = text
            elif anchor:
                self.sections.append((text, anchor, []))
                self._block_ended, self._last = False, ""
            else:
                self._write(" " + text + " ")
                self._block_ended = True
        elif tag not in _INLINE or apart:
            self._space()
            if self._heading is None:
                self._block_ended = True

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading[2].append(data)
        else:
            self._write(data)

    def _write(self, data: str) -> None:
        parts = self.sections[-1][2]
        text = data.rstrip()
        if not text:
            parts.append(data)
            return
        if self._block_ended and self._last and not _ENDS_CLAUSE.match(self._last):
            parts.append(SEPARATOR)
        self._block_ended = False
        self._last = text[-1]
        parts.append(data)

    def _space(self) -> None:
        # What _write(" ") does, without its tests: a space changes neither _block_ended nor _last.
        (self._heading[2] if self._heading is not None else self.sections[-1][2]).append(" ")


class PageTextReader(_Extractor):
    """Reads the searchable text of a page from the events of a parser that is reading the page anyway (the
    sanitiser: macros/views/safe_html.py), without a parse of its own; `page_text` gives it."""

    def page_text(self, url: str, title: str | None = None, *, titles: Iterable[str] = (),
                  keywords: Iterable[str] = ()) -> PageText:
        """What `extract_page` makes of the HTML whose events this reader was handed."""
        return _page_text(self, url, title, titles=titles, keywords=keywords)


def extract_page(html: str, url: str, title: str | None = None, *, titles: Iterable[str] = (),
                 keywords: Iterable[str] = ()) -> PageText:
    """The searchable text of a page from the HTML of its content (what MkDocs renders from the Markdown).

    The page title is the first <h1>, else `title`; the first section holds the text before the first
    heading with an id and has the page title as its heading.
    """
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    return _page_text(parser, url, title, titles=titles, keywords=keywords)


def _page_text(parser: _Extractor, url: str, title: str | None, *, titles: Iterable[str],
               keywords: Iterable[str]) -> PageText:
    page_title = parser.title or clean_text(title or "") or url
    sections = [Section(heading if anchor else page_title, anchor, clean_text("".join(parts)))
                for heading, anchor, parts in parser.sections]
    return PageText(url=url, title=page_title, sections=sections,
                    titles=_unique(clean_text(t) for t in titles if t and clean_text(t) != page_title),
                    keywords=_unique(clean_text(k) for k in keywords if k))


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


# ---------------------------------------------------------------------------------------------------------------
# Index
# ---------------------------------------------------------------------------------------------------------------

def _utf16(s: str) -> bytes:
    # JavaScript compares strings by UTF-16 code units: sort the same way so its binary search works.
    return s.encode("utf-16-be", "surrogatepass")


def _flat(by_section: Mapping[int, int]) -> list[int]:
    """{section: bits} as postings [section - previous section, bits, ...], sections in order."""
    sections = sorted(by_section)
    flat = [0] * (2 * len(sections))
    flat[0::2] = map(operator.sub, sections, [0, *sections])
    flat[1::2] = map(by_section.__getitem__, sections)
    return flat


def _gaps(posted: list[int]) -> list[int]:
    """Postings [section, bits, ...] (sections in order) as [section - previous section, bits, ...]."""
    flat = posted[:]
    flat[2::2] = map(operator.sub, posted[2::2], posted[0:-2:2])
    return flat


def build_index(pages: Sequence[PageText], aliases: Mapping[str, Sequence[str]] | None = None) -> dict:
    """The index as plain data, ready for JSON (`index_script` writes it as one file, `shard_index` as shards).

    {"v": 4,
     "docs": [[url, title, kind label, boost, first section, section count, [titles], [keywords]], ...],
     "secs": [[heading, anchor, text], ...],              # the sections of each document, in order
     "terms": [[folded, exact, postings, exact, postings, ...], ...],   # sorted by folded (UTF-16 order)
     "aliases": {folded abbreviation: [expansion, ...], ...}}           # alias_table(); keys sorted

    `folded` is `search_fold` of a word, of a part of a joined word, or the search key of a document number
    ("171khbtgtu", for "171-KH/BTGTU"); `exact` is "" when it equals `folded`; postings are
    [section - previous section, bits, ...] with the bits BODY, HEADING, TITLE, KEYWORD (the first section of a
    page carries the page's titles and keywords) and WHOLE. Version 2 added the search_fold i/y rule, the
    document-number keys and "aliases"; versions 3 and 4 (the same fields) are those of the sharded layout.
    """
    docs: list[list] = []
    secs: list[list] = []
    # folded -> exact -> [section, bits, section, bits, ...], sections in order: every text of a section is added
    # before the next section's, so a posting is appended, or merged into the last one (a list takes a fifth of the
    # memory of a {section: bits} per word, some hundreds of MB at 5,000 pages).
    postings: dict[str, dict[str, list[int]]] = {}
    # word -> (the posting lists of its terms posted as whole words, those of its other terms): the same words
    # recur thousands of times, so each is split, folded and looked up once per index.
    plans: dict[str, tuple[list[list[int]], list[list[int]]]] = {}

    def plan(word: str) -> tuple[list[list[int]], list[list[int]]]:
        wholes: list[list[int]] = []
        others: list[list[int]] = []
        for term, whole in index_terms(word):
            posted = postings.setdefault(search_fold(term), {}).setdefault(exact_key(term), [])
            (wholes if whole else others).append(posted)
        if (number := number_key(word)) is not None:
            wholes.append(postings.setdefault(number, {}).setdefault(number, []))
        return wholes, others

    def post(posted: list[int], section: int, bits: int) -> None:
        if posted and posted[-2] == section:
            posted[-1] |= bits
        else:
            posted += (section, bits)

    def add(text: str, section: int, where: int) -> None:
        whole_bits = where | WHOLE
        # Each word once: posting it again to the same section adds nothing (the terms are sorted at the end, so
        # the order of a set does not matter).
        for word in set(tokens(text)):
            found = plans.get(word)
            if found is None:
                found = plans[word] = plan(word)
            wholes, others = found
            for posted in wholes:
                post(posted, section, whole_bits)
            for posted in others:
                post(posted, section, where)

    for page in pages:
        label, boost = page.kind
        first = len(secs)
        docs.append([page.url, page.title, label, boost, first, len(page.sections), page.titles, page.keywords])
        for offset, section in enumerate(page.sections):
            number = first + offset
            secs.append([section.heading, section.anchor, section.text])
            add(section.text, number, BODY)
            if offset == 0:
                for title in [page.title, *page.titles]:
                    add(title, number, TITLE)
                for keyword in page.keywords:
                    add(keyword, number, KEYWORD)
            else:
                add(section.heading, number, HEADING)

    terms: list[list] = []
    for folded in sorted(postings, key=_utf16):
        entry: list = [folded]
        for exact in sorted(postings[folded], key=_utf16):
            entry += ["" if exact == folded else exact, _gaps(postings[folded][exact])]
        terms.append(entry)
    table = {key: list(aliases[key]) for key in sorted(aliases or {})}
    return {"v": FORMAT_VERSION, "docs": docs, "secs": secs, "terms": terms, "aliases": table}


# ---------------------------------------------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------------------------------------------

def load_curated_aliases() -> dict[str, list[str]]:
    """The curated abbreviations of search_aliases.yml: {abbreviation as written: [expansions]}."""
    text = resources.files("macros.outputs").joinpath(ALIASES_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{ALIASES_FILE}: expected a mapping of abbreviation to expansion")
    table: dict[str, list[str]] = {}
    for abbreviation, meaning in data.items():
        meanings = meaning if isinstance(meaning, list) else [meaning]
        if not isinstance(abbreviation, str) or not all(isinstance(m, str) and m.strip() for m in meanings):
            raise ValueError(f"{ALIASES_FILE}: {abbreviation!r}: expected text or a list of texts")
        table[nfc(abbreviation)] = [nfc(m) for m in meanings]
    return table


def _known(value: Any) -> str | None:
    return value if isinstance(value, str) and value is not UNKNOWN and value.strip() else None


def alias_table(organisations: Iterable[Any] = (), curated: Mapping[str, Sequence[str]] | None = None
                ) -> dict[str, list[str]]:
    """{folded abbreviation: [expansions]} for the index: the curated list (load_curated_aliases() by default) and
    each organisation's symbol standing for its short name (else its name): "svhttdl" -> ["Sở Văn hóa, Thể thao và
    Du lịch"]. Abbreviations shorter than MIN_ALIAS_LENGTH letters, or not a single word, are left out."""
    pairs: list[tuple[str, str]] = []
    for abbreviation, meanings in (load_curated_aliases() if curated is None else curated).items():
        pairs += [(abbreviation, meaning) for meaning in meanings]
    for organisation in organisations:
        symbol = _known(getattr(organisation, "symbol", None))
        meaning = _known(getattr(organisation, "short", None)) or _known(getattr(organisation, "name", None))
        if symbol and meaning:
            pairs.append((symbol, meaning))
    table: dict[str, list[str]] = {}
    for abbreviation, meaning in pairs:
        key = search_fold(abbreviation.strip())
        if len(key) < MIN_ALIAS_LENGTH or not key.isalnum() or search_fold(meaning) == key:
            continue
        meanings = table.setdefault(key, [])
        if clean_text(meaning) not in meanings:
            meanings.append(clean_text(meaning))
    return table


def _payload(value: Any) -> str:
    payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # U+2028/U+2029 are valid in JSON and (since ES2019) in JavaScript strings; escape them anyway for old
    # engines. "</" cannot end anything in a file loaded by src=, but keep the file safe to inline.
    return payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")


def index_script(index: dict) -> str:
    """The index (or the manifest of the shards) as a JavaScript file that assigns it to
    window.__SOTAY_SEARCH_INDEX__."""
    return f"window.{INDEX_GLOBAL}={_payload(index)};\n"


def shard_script(name: str, value: Any) -> str:
    """A shard as a JavaScript file that files it under `name` in the registry window.__SOTAY_SEARCH_SHARDS__."""
    registry = f"window.{SHARDS_GLOBAL}"
    return f"({registry}={registry}||{{}})[{_payload(name)}]={_payload(value)};\n"


# ---------------------------------------------------------------------------------------------------------------
# Shards
# ---------------------------------------------------------------------------------------------------------------

def _size(value: Any) -> int:
    return len(_payload(value).encode("utf-8")) + 1


def _utf16_length(s: str) -> int:
    return len(_utf16(s)) // 2


def _word_groups(terms: Sequence[list], sizes: Sequence[int], lo: int, hi: int, level: int
                 ) -> Iterator[tuple[int, int]]:
    """[lo, hi) cut into runs of keys sharing their first SHARD_PREFIXES[level] letters; a run bigger than a shard
    is cut by the next prefix length, and past the last into single keys."""
    start = lo
    while start < hi:
        if level >= len(SHARD_PREFIXES):
            yield start, start + 1
            start += 1
            continue
        length = SHARD_PREFIXES[level]
        head = terms[start][0][:length]
        end = start + 1
        while end < hi and terms[end][0][:length] == head:
            end += 1
        if sum(sizes[start:end]) > WORD_SHARD_BYTES and end - start > 1:
            yield from _word_groups(terms, sizes, start, end, level + 1)
        else:
            yield start, end
        start = end


def word_shards(terms: Sequence[list], sizes: Sequence[int] | None = None) -> list[list[list]]:
    """The sorted vocabulary cut into shards of at most WORD_SHARD_BYTES (unless one key alone is bigger), each
    made of whole prefix groups (_word_groups). `sizes`: the _size of each entry of `terms`, if known."""
    if sizes is None:
        sizes = [_size(entry) for entry in terms]
    shards: list[list[list]] = []
    current: list[list] = []
    used = 0
    for start, end in _word_groups(terms, sizes, 0, len(terms), 0):
        size = sum(sizes[start:end])
        if current and used + size > WORD_SHARD_BYTES:
            shards.append(current)
            current, used = [], 0
        current += terms[start:end]
        used += size
    if current:
        shards.append(current)
    return shards


def _weight(bits: int) -> float:
    """The weight the browser gives a posting (sotay-search.js weightOf): only to pick a section's best bits."""
    weight = 10 if bits & (KEYWORD | TITLE) else 4 if bits & HEADING else 1
    return weight if bits & WHOLE else weight * 0.75


def _is_bmp(s: str) -> bool:
    return all(ord(c) < 0x10000 for c in s)


def aggregates(terms: Sequence[list], sizes: Sequence[int]
               ) -> dict[str, tuple[list[int], dict[str, list[int] | None]]]:
    """{prefix: (merged postings of all its keys but itself, {spelling of its first letters: merged postings})} for
    every prefix whose keys (but itself) take more than AGGREGATE_MIN_BYTES. Prefixes and spellings are cut in
    UTF-16 code units, as the browser compares them; prefixes outside the Basic Multilingual Plane are left out
    (their keys are then read from the word shards)."""
    weight: dict[str, int] = {}
    for entry, size in zip(terms, sizes):
        key = entry[0]
        for n in range(1, len(key)):
            weight[key[:n]] = weight.get(key[:n], 0) + size
    keys = [entry[0] for entry in terms]
    sort_keys = [_utf16(key) for key in keys]
    # _weight of every value of the five bits: looked up, not computed, for each of the many postings merged.
    weights = [_weight(bits) for bits in range(32)]
    found: dict[str, tuple[list[int], dict[str, list[int] | None]]] = {}
    for prefix in sorted((p for p, w in weight.items() if w > AGGREGATE_MIN_BYTES and _is_bmp(p)), key=_utf16):
        length = len(prefix)
        start = bisect.bisect_left(sort_keys, _utf16(prefix))
        merged: dict[int, int] = {}
        by_form: dict[str, dict[int, int]] = {}
        usable = True
        for k in range(start, len(keys)):
            key = keys[k]
            if not key.startswith(prefix):
                break
            if key == prefix:
                continue
            entry = terms[k]
            for j in range(1, len(entry), 2):
                form = entry[j] or key
                head = form[:length]
                if not _is_bmp(form[:length + 1]):
                    usable = False
                group = by_form.setdefault(head, {})
                flat = entry[j + 1]
                # Keep the first of the highest weight per section in both, inline: the innermost loop of the shards.
                for section, bits in zip(accumulate(flat[::2]), flat[1::2]):
                    weight = weights[bits]
                    old = merged.get(section)
                    if old is None or weight > weights[old]:
                        merged[section] = bits
                    old = group.get(section)
                    if old is None or weight > weights[old]:
                        group[section] = bits
        if usable:
            # A spelling the same as the folded prefix ("th") is never typed "with diacritics": not written (None;
            # the browser reads the word shards in that rare case).
            found[prefix] = (_flat(merged), {form: None if form == prefix else _flat(group)
                                             for form, group in sorted(by_form.items(), key=lambda i: _utf16(i[0]))})
    return found


def near_words(terms: Sequence[list]) -> list[list]:
    """[[key, frequency], ...]: the keys the one-typo fallback may offer (letters only, at least NEAR_MIN_KEY UTF-16
    units long), with the frequency it ranks them by (the length of their postings, as the browser counts it)."""
    return [[entry[0], sum(len(entry[j]) for j in range(2, len(entry), 2))] for entry in terms
            if entry[0].isalpha() and _utf16_length(entry[0]) >= NEAR_MIN_KEY]


def _text_parts(sections: Sequence[list]) -> list[int]:
    """Where a page's sections are cut into parts, the head of about HEAD_PART_BYTES, then parts of about
    TEXT_PART_BYTES: the first section of each part but the first (none for a small page)."""
    starts: list[int] = []
    used = 0
    for n, section in enumerate(sections):
        size = _size(section)
        if n and used + size > (TEXT_PART_BYTES if starts else HEAD_PART_BYTES):
            starts.append(n)
            used = 0
        used += size
    return starts


def number_code(number: int) -> str:
    """The characters of a number (see CODE): 1 character below CODE_LAST, 2 below CODE_LAST * (base + 1), 3 below
    CODE_LAST * (base ** 2 + base + 1), where base = len(CODE) - CODE_LAST."""
    base = len(CODE) - CODE_LAST
    high, last = divmod(number, CODE_LAST)
    digits = [CODE[last]]
    while high:
        high -= 1
        high, digit = divmod(high, base)
        digits.append(CODE[CODE_LAST + digit])
    return "".join(reversed(digits))


class _NumberCodes(dict[int, str]):
    """{number: number_code(number)}, each computed when first asked for: the shards of an index code hundreds of
    thousands of gaps, most of them the same few small numbers."""

    def __missing__(self, number: int) -> str:
        code = self[number] = number_code(number)
        return code


def postings_code(flat: Sequence[int]) -> str:
    """Postings [section - previous section, bits, ...] as the text the shards hold: per posting the gap
    (number_code), then the bits as one character (CODE[bits]); some 40 % of the bytes of the JSON numbers."""
    return _postings_code(flat, _NumberCodes())


def _postings_code(flat: Sequence[int], codes: _NumberCodes) -> str:
    return "".join([codes[gap] + CODE[bits] for gap, bits in zip(flat[::2], flat[1::2])])


def _coded_entry(entry: Sequence[Any], codes: _NumberCodes) -> list:
    return [value if j == 0 or j % 2 else _postings_code(value, codes) for j, value in enumerate(entry)]


def _title_tokens(doc: Sequence[Any]) -> list[list[str]]:
    """The folded tokens of a page's title, other titles and keywords (as sotay-search.js titleTokens folds them),
    each list once and none empty: the title bonus is the best over them, so nothing else changes it."""
    found: list[list[str]] = []
    for text in [doc[1], *doc[6], *doc[7]]:
        folded = [search_fold(word) for word in tokens(text)]
        if folded and folded not in found:
            found.append(folded)
    return found


def title_shard(docs: Sequence[Sequence[Any]]) -> list:
    """[dictionary, [page, ...]]: the title tokens of `docs` (_title_tokens) for the title bonus; the dictionary is
    the shard's tokens, the most frequent first (ties in UTF-16 order), and a page is its token lists coded by their
    numbers (number_code), the lists separated by a space."""
    pages = [_title_tokens(doc) for doc in docs]
    counts: dict[str, int] = {}
    for lists in pages:
        for folded in lists:
            for token in folded:
                counts[token] = counts.get(token, 0) + 1
    words = sorted(counts, key=lambda token: (-counts[token], _utf16(token)))
    codes = {token: number_code(n) for n, token in enumerate(words)}
    return [words, [" ".join("".join(codes[token] for token in folded) for folded in lists) for lists in pages]]


def shard_index(index: Mapping[str, Any]) -> dict[str, str]:
    """{site-relative path: JavaScript} of the sharded index: the manifest at INDEX_PATH, then the shards (see the
    module's docstring). `index` is what build_index returns."""
    files = dict(shard_files(index))
    manifest = files.pop(INDEX_PATH)
    return {INDEX_PATH: manifest, **files}


def shard_files(index: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(site-relative path, JavaScript) of each file of the sharded index, the manifest last: written one by one,
    the files are never all in memory at once (some 40 MB at 5,000 pages)."""
    docs, secs, terms = index["docs"], index["secs"], index["terms"]

    def add(name: str, value: Any) -> tuple[str, str]:
        return f"{SHARDS_FOLDER}/{name}.js", shard_script(name, value)

    sizes = [_size(entry) for entry in terms]
    codes = _NumberCodes()
    words = word_shards(terms, sizes)
    for n, shard in enumerate(words):
        yield add(f"w/{n}", [_coded_entry(entry, codes) for entry in shard])
    # {prefix: [n, {spelling: m, or -1 when not written}]}: files a/<n>.js (all spellings), a/<n>-<m>.js.
    prefixes: dict[str, list] = {}
    for n, (prefix, (merged, forms)) in enumerate(aggregates(terms, sizes).items()):
        yield add(f"a/{n}", _postings_code(merged, codes))
        numbers: dict[str, int] = {}
        for form, postings in forms.items():
            numbers[form] = -1 if postings is None else len([m for m in numbers.values() if m >= 0])
            if postings is not None:
                yield add(f"a/{n}-{numbers[form]}", _postings_code(postings, codes))
        prefixes[prefix] = [n, numbers]
    for n in range(0, len(docs), TITLE_SHARD_PAGES):
        yield add(f"r/{n // TITLE_SHARD_PAGES}", title_shard(docs[n:n + TITLE_SHARD_PAGES]))
    parts: dict[str, list[int]] = {}
    for d, doc in enumerate(docs):
        starts = _text_parts(secs[doc[4]:doc[4] + doc[5]])
        bounds = [0, *starts, doc[5]]
        # The head: URL, kind, title, other titles, keywords, the sections of the first part.
        yield add(f"t/{d}", [doc[0], doc[2], doc[1], doc[6], doc[7], secs[doc[4]:doc[4] + bounds[1]]])
        for k in range(1, len(bounds) - 1):
            yield add(f"t/{d}-{k}", secs[doc[4] + bounds[k]:doc[4] + bounds[k + 1]])
        if starts:
            parts[str(d)] = starts
    yield add("n", near_words(terms))
    urls = [_utf16(doc[0]) for doc in docs]
    order = sorted(range(len(docs)), key=urls.__getitem__)
    rank = [0] * len(docs)
    for position, d in enumerate(order):
        rank[d] = position
    manifest = {
        "v": FORMAT_VERSION,
        "shards": {"folder": SHARDS_FOLDER.removeprefix("search/"), "words": [shard[0][0] for shard in words],
                   "prefixes": list(SHARD_PREFIXES), "aggregates": prefixes, "titles": TITLE_SHARD_PAGES},
        # Per page: sections, kind boost, title length in UTF-16 units (a ranking tie goes to the shorter title,
        # then to the URL first in order: "rank", left out when the pages are already in URL order; the title
        # shards and the heads hold the titles themselves).
        "docs": {"n": [doc[5] for doc in docs], "b": [doc[3] for doc in docs],
                 "l": [_utf16_length(doc[1]) for doc in docs],
                 # {page: [first section of each part after the first]}, for the pages cut into parts
                 "parts": parts},
        "aliases": index["aliases"],
    }
    if rank != list(range(len(docs))):
        manifest["docs"]["rank"] = rank
    yield INDEX_PATH, index_script(manifest)
