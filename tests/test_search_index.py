"""The search index (macros/outputs/search_index.py) and the folding it shares with the browser
(docs/assets/sotay-search.js).

The same words must get the same keys at index time (Python, macros.core.vietnamese) and at query time (JavaScript):
a table of inputs and every character of the Basic Multilingual Plane are folded on both sides and compared,
running the site's JavaScript in Chromium (Playwright, /usr/bin/chromium) or, without it, in Node.js. The
ranking rules are checked on small indexes built here: exact diacritics first, titles above body text, all
words required, document numbers whole and in parts. Every ranking test runs twice, over the whole index and over
the same index cut into tiny shards (shard_index with every kind of shard in use), and the two answers must be
identical. The tests that run the JavaScript are marked `browser`: the fast suite starts no browser.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterator

import pytest

from macros.core.docnumber import number_search_key, parse_number
from macros.core.kinds import SEARCH_LABELS
from macros.outputs.search_index import (BODY, FORMAT_VERSION, HEADING, INDEX_GLOBAL, INDEX_PATH, KEYWORD,
                                         SHARDS_FOLDER, SHARDS_GLOBAL, TITLE, CODE, CODE_LAST, WHOLE, PageText,
                                         Section, aggregates, shard_index, alias_table, build_index, exact_key,
                                         extract_page, index_script, index_terms, load_curated_aliases, page_kind,
                                         number_code, postings_code, tokens)
from macros.core.vietnamese import fold, normalize_tone_placement, search_fold

from .sites import ROOT

SEARCH_JS = ROOT / "docs" / "assets" / "sotay-search.js"


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# ---------------------------------------------------------------------------------------------------------------
# Python side
# ---------------------------------------------------------------------------------------------------------------

def test_tokens_keep_document_numbers_and_dates_whole() -> None:
    text = "Kế hoạch số 171-KH/BTGTU, ngày 30/5/2023 (Nghị định 30/2020/NĐ-CP; mục II.1.3)."
    assert tokens(text) == ["Kế", "hoạch", "số", "171-KH/BTGTU", "ngày", "30/5/2023", "Nghị", "định",
                            "30/2020/NĐ-CP", "mục", "II.1.3"]
    assert tokens(nfd("Điện Biên Phủ")) == ["Điện", "Biên", "Phủ"]  # NFC first: one token per word
    assert tokens("a - b / c. d") == ["a", "b", "c", "d"]  # joiners only between letters or digits


def test_tokens_are_runs_of_letters_digits_and_marks_whatever_their_plane() -> None:
    # tokens() is written for speed (one character class for the Basic Multilingual Plane, "_" replaced by a space):
    # it must find exactly what the plain definition finds, one alternation per character of categories L, N and M.
    mark = [chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp))[0] == "M"]
    marks = "".join(re.escape(c) for c in mark)
    char = f"(?:[^\\W_]|[{marks}])"
    reference = re.compile(f"{char}+(?:[-/.]{char}+)*")
    texts = ["a_b snake_case-x _x_ a_-b x-_y 1_2.3_4", "a\U0001D167b \U00011013\U00011038-\U00011003 z",
             "\u0301a a-\u0301b \U0001D167 - \U0001D167", "".join(chr(cp) for cp in range(0xD800)),
             "".join(chr(cp) for cp in range(0xE000, 0x110000, 7)), " ".join(mark), "-".join(mark)]
    for text in texts:
        assert tokens(text) == reference.findall(unicodedata.normalize("NFC", text))


def test_joined_words_are_indexed_whole_from_each_part_and_part_by_part() -> None:
    assert list(index_terms("171-KH/BTGTU")) == [("171-KH/BTGTU", True), ("KH/BTGTU", False), ("BTGTU", False),
                                                 ("171", False), ("KH", False)]
    assert list(index_terms("Tỉnh")) == [("Tỉnh", True)]
    assert list(index_terms("1-1")) == [("1-1", True), ("1", False)]


@pytest.mark.parametrize(("word", "key"), [
    ("Hoà", "hòa"), ("hòa", "hòa"), ("UỶ", "ủy"), (nfd("Tỉnh uỷ"), "tỉnh ủy"), ("khoẻ", "khỏe"), ("Quý", "quý"),
    ("Đảng", "đảng"), ("mã", "mã"), ("171-KH/BTGTU", "171-kh/btgtu"),
])
def test_exact_key_keeps_diacritics_and_normalises_tone_placement(word: str, key: str) -> None:
    assert exact_key(word) == key


HTML = """
<h1 id="kế-hoạch">Kế hoạch số 171-KH/BTGTU<a class="headerlink" href="#kế-hoạch" title="Liên kết">&para;</a></h1>
<div class="sotay-doc-header"><p>TỈNH ỦY LAI CHÂU</p></div>
<p>Mở&nbsp;đầu: <strong>Điện</strong> Biên Phủ</p><ul><li>một</li><li>hai</li></ul>
<script>var x = "không lấy";</script><p hidden>ẩn</p>
<h2 id="i-mục-đích">I. Mục đích<a class="headerlink" href="#i-mục-đích">&para;</a></h2>
<p>Tuyên truyền &lt;sâu rộng&gt;</p><h3>Không có id</h3><p>tiếp</p>
<h2 id="nguồn">Nguồn</h2>
"""


def test_extract_page_splits_sections_at_headings_with_ids() -> None:
    page = extract_page(HTML, "ke-hoach/171-kh-btgtu/", "bỏ qua", titles=["Trích yếu", "Kế hoạch số 171-KH/BTGTU"],
                        keywords=["171-KH/BTGTU", "", "171-KH/BTGTU"])
    assert page.title == "Kế hoạch số 171-KH/BTGTU"
    assert [(s.heading, s.anchor, s.text) for s in page.sections] == [
        ("Kế hoạch số 171-KH/BTGTU", "", "Mở đầu: Điện Biên Phủ · một · hai"),
        ("I. Mục đích", "i-mục-đích", "Tuyên truyền <sâu rộng> · Không có id · tiếp"),
        ("Nguồn", "nguồn", ""),
    ]
    assert page.titles == ["Trích yếu"]  # the page title itself is not repeated
    assert page.keywords == ["171-KH/BTGTU"]
    assert page.kind == ("Kế hoạch", 3)


def test_extract_page_without_h1_uses_the_given_title() -> None:
    page = extract_page("<p>Chữ</p>", "huong-dan/macro/", "Macro cho trang viết tay")
    assert page.title == "Macro cho trang viết tay"
    assert page.sections == [Section("Macro cho trang viết tay", "", "Chữ")]


@pytest.mark.parametrize(("url", "kind"), [
    ("", ("Trang chủ", 1)), ("su-kien/", ("Sự kiện", 0)), ("su-kien/ky-niem/", ("Sự kiện", 3)),
    ("don-vi/tinh-uy/", ("Đơn vị", 2)), ("huong-dan/macro/", ("Hướng dẫn", 0)), ("khac/", ("Trang", 0)),
    ("tai-lieu-chi-bo/ky-niem/", ("Tài liệu chi bộ", 0)), ("tai-lieu-chi-bo/", ("Tài liệu chi bộ", 0)),
    ("du-lieu/", ("Dữ liệu", 0)), ("ky-niem-sap-toi/", ("Kỷ niệm sắp tới", 0)), ("tai-ve/", ("Tải về", 0)),
    ("dong-thoi-gian/2024/", ("Dòng thời gian", 1)), ("van-ban/125-qd-ubnd/", ("Văn bản", 2)),
    ("ke-hoach/x/", ("Kế hoạch", 3)), ("de-cuong/x/", ("Đề cương", 2)),
])
def test_page_kind(url: str, kind: tuple[str, int]) -> None:
    assert page_kind(url) == kind


def decode(index: dict) -> dict[tuple[str, str], dict[int, int]]:
    """{(folded, exact): {section: bits}} from the compact index."""
    found = {}
    for entry in index["terms"]:
        folded = entry[0]
        for exact, postings in zip(entry[1::2], entry[2::2]):
            section, by_section = 0, {}
            for delta, bits in zip(postings[::2], postings[1::2]):
                section += delta
                by_section[section] = bits
            found[(folded, exact or folded)] = by_section
    return found


def test_build_index_posts_words_with_where_they_occur() -> None:
    pages = [
        PageText("ke-hoach/171/", "Kế hoạch số 171-KH/BTGTU",
                 [Section("Kế hoạch số 171-KH/BTGTU", "", "Ban Tuyên giáo Tỉnh uỷ"), Section("Mục đích", "md", "hòa")],
                 titles=["Tuyên truyền"], keywords=["171-KH/BTGTU"]),
        PageText("don-vi/btgtu/", "Ban Tuyên giáo", [Section("Ban Tuyên giáo", "", "Hoà")], keywords=["BTGTU"]),
    ]
    index = build_index(pages)
    assert index["v"] == FORMAT_VERSION == 4 and index["aliases"] == {}
    assert index["docs"] == [
        ["ke-hoach/171/", "Kế hoạch số 171-KH/BTGTU", "Kế hoạch", 3, 0, 2, ["Tuyên truyền"], ["171-KH/BTGTU"]],
        ["don-vi/btgtu/", "Ban Tuyên giáo", "Đơn vị", 2, 2, 1, [], ["BTGTU"]],
    ]
    assert index["secs"][1] == ["Mục đích", "md", "hòa"]
    posted = decode(index)
    assert posted[("171-kh/btgtu", "171-kh/btgtu")] == {0: TITLE | KEYWORD | WHOLE}
    assert posted[("btgtu", "btgtu")] == {0: TITLE | KEYWORD, 2: KEYWORD | WHOLE}  # a part in the plan's number
    assert posted[("uy", "ủy")] == {0: BODY | WHOLE}  # "uỷ" under the new tone placement
    assert posted[("hoa", "hòa")] == {1: BODY | WHOLE, 2: BODY | WHOLE}  # "hòa" and "Hoà" are one exact word
    assert posted[("muc", "mục")] == {1: HEADING | WHOLE}
    assert posted[("tuyen", "tuyên")] == {0: TITLE | BODY | WHOLE, 2: TITLE | WHOLE}
    assert posted[("truyen", "truyền")] == {0: TITLE | WHOLE}  # the plan's subject counts as a title
    folded = [entry[0] for entry in index["terms"]]
    assert folded == sorted(folded, key=lambda s: s.encode("utf-16-be", "surrogatepass"))


def test_index_script_assigns_one_global_and_is_safe_to_inline() -> None:
    index = build_index([PageText("x/", "</script><b>", [Section("</script><b>", "", "a\u2028b")])])
    script = index_script(index)
    assert script.startswith(f"window.{INDEX_GLOBAL}=") and script.endswith(";\n")
    assert "</" not in script and "\u2028" not in script
    assert json.loads(script[len(f"window.{INDEX_GLOBAL}="):-2]) == index


# i and y: a syllable-final y after a consonant (or "qu") folds to i; after a vowel it stays (tay is not tai).
SEARCH_FOLD_CASES = [
    ("Kỷ niệm", "ki niem"), ("kỉ niệm", "ki niem"), ("ky niem", "ki niem"), ("ki niem", "ki niem"),
    ("lý", "li"), ("lí", "li"), ("LÝ LUẬN", "li luan"), ("Mỹ", "mi"), ("kỹ thuật", "ki thuat"), ("tỷ lệ", "ti le"),
    ("hy sinh", "hi sinh"), ("quy định", "qui dinh"), ("qui định", "qui dinh"), ("Sỹ", "si"),
    ("tay", "tay"), ("tai", "tai"), ("thủy", "thuy"), ("Tỉnh ủy", "tinh uy"), ("huy", "huy"), ("y tế", "y te"),
    ("yêu", "yeu"), ("khuyên", "khuyen"), ("tuyên truyền", "tuyen truyen"), ("ky1", "ky1"), ("kyz", "kyz"),
    ("kỹ-thuật", "ki-thuat"), (nfd("Kỷ niệm"), "ki niem"), ("Điện Biên Phủ", "dien bien phu"), ("", ""),
]


@pytest.mark.parametrize(("text", "key"), SEARCH_FOLD_CASES)
def test_search_fold_merges_i_and_y_where_vietnamese_spells_both(text: str, key: str) -> None:
    assert search_fold(text) == key


# Document numbers as typed: any punctuation, in part, run together; None: not a document number.
NUMBER_KEY_CASES = [
    ("171-KH/BTGTU", "171khbtgtu"), ("171/KH-BTGTU", "171khbtgtu"), ("171-KH-BTGTU", "171khbtgtu"),
    ("171/KH/BTGTU", "171khbtgtu"), ("171.KH.BTGTU", "171khbtgtu"), ("171KH/BTGTU", "171khbtgtu"),
    ("171/KH", "171kh"), ("171-kh", "171kh"), ("171KH", "171kh"), ("171 KH", "171kh"), ("171 - KH / BTGTU", "171khbtgtu"),
    ("11/CT-TU", "11cttu"), ("11-CT/TU", "11cttu"), ("805-KH", "805kh"), ("805-KH-SVHTTDL", "805khsvhttdl"),
    ("805/KH-SVHTTDL", "805khsvhttdl"), ("05-KH/TU", "5khtu"), ("0-KH", "0kh"), ("125/QĐ-UBND", "125qdubnd"),
    ("125/qd-ubnd", "125qdubnd"), ("30/2020/NĐ-CP", "302020ndcp"), ("30/2020/NĐ", "302020nd"),
    ("08-QĐi/TW", "8qditw"), ("125/SGDĐT-VP", "125sgddtvp"), ("171\u2013KH/BTGTU", "171khbtgtu"),
    (nfd("125/QĐ-UBND"), "125qdubnd"), ("Số: 171-KH/BTGTU", None),
    ("171", None), ("30/5/2023", None), ("2024", None), ("II.1.3", None), ("KH/BTGTU", None), ("BTGTU", None),
    ("1-1", None), ("", None), ("kỷ niệm", None),
]


@pytest.mark.parametrize(("text", "key"), NUMBER_KEY_CASES)
def test_number_search_key_reads_document_numbers_in_any_punctuation(text: str, key: str | None) -> None:
    assert number_search_key(text) == key


@pytest.mark.parametrize("number", ["171-KH/BTGTU", "11-CT/TU", "805/KH-SVHTTDL", "125/QĐ-UBND", "30/2020/NĐ-CP",
                                    "05-KH/TU", "08-QĐi/TW", "125/SGDĐT-VP", "2924/QĐ-BCT", "145/2013/NĐ-CP"])
def test_search_key_of_a_number_is_its_key_in_either_punctuation(number: str) -> None:
    parsed = parse_number(number)
    assert number_search_key(number) == parsed.search_key == number_search_key(parsed.canonical)
    for system in ("party", "state"):
        other = parsed.written_as(system)
        if other is not None:
            assert number_search_key(other.canonical) == parsed.search_key
            assert parse_number(other.canonical).search_key == parsed.search_key


def test_index_posts_document_numbers_under_their_search_key() -> None:
    index = build_index([
        PageText("ke-hoach/171/", "Kế hoạch số 171-KH/BTGTU", [Section("Kế hoạch số 171-KH/BTGTU", "",
                 "theo Chỉ thị 11-CT/TU và ngày 30/5/2023")], keywords=["171-KH/BTGTU"]),
    ])
    posted = decode(index)
    assert posted[("171khbtgtu", "171khbtgtu")] == {0: TITLE | KEYWORD | WHOLE}
    assert posted[("11cttu", "11cttu")] == {0: BODY | WHOLE}
    assert not [key for key in posted if key[0].startswith("3052023")]  # a date is no document number
    assert ("ki", "kỷ") not in posted and ("kế", "kế") not in posted


def test_words_are_indexed_under_the_i_y_key_with_their_spelling_kept() -> None:
    posted = decode(build_index([page("a/", "Kỷ niệm", "lý luận, kỉ niệm, tay")]))
    assert posted[("ki", "kỷ")] == {0: TITLE | WHOLE}
    assert posted[("ki", "kỉ")] == {0: BODY | WHOLE}
    assert posted[("li", "lý")] == {0: BODY | WHOLE}
    assert posted[("tay", "tay")] == {0: BODY | WHOLE}


TABLE_HTML = """
<h1>Sự kiện</h1>
<table><tr><th>Loại:</th><td>Kỷ niệm: 70 năm <span class="sotay-badge">năm tròn</span></td></tr>
<tr><th>Mốc lịch sử</th><td><a href="#">Chiến thắng <strong>Điện Biên Phủ</strong></a>, ngày 07/5/1954</td></tr></table>
<p>Một câu. </p><p>Hai câu</p><ul><li>một<ul><li>hai</li></ul></li><li>ba<br>bốn</li></ul><hr><p>năm</p>
"""


def test_extract_page_separates_table_cells_and_blocks() -> None:
    page = extract_page(TABLE_HTML, "su-kien/x/")
    assert page.sections[0].text == ("Loại: Kỷ niệm: 70 năm · năm tròn · Mốc lịch sử · Chiến thắng Điện Biên Phủ, "
                                     "ngày 07/5/1954 · Một câu. Hai câu · một · hai · ba bốn · năm")


def test_extract_page_survives_stray_and_unclosed_tags_and_any_white_space() -> None:
    html = ('<p>một</span> hai</p></div><div class="x sotay-search-skip"><p>ẩn</p></div>'
            '<p>ba\u3000\u00a0 bốn<br>năm\x1f sáu</p><svg><p>x</p></svg><p>bảy<em class="sotay-badge">nhãn</em> tám</p>'
            '<h2 class="a" id="h">Mục\tmột</h2><p>chín<div>mười</p>')
    page = extract_page(html, "a/b/", "T")
    assert [(s.heading, s.anchor, s.text) for s in page.sections] == [
        ("T", "", "một hai · ba bốn năm sáu · bảy · nhãn · tám"), ("Mục một", "h", "chín · mười")]


def test_curated_aliases_are_a_commented_data_file_of_the_package() -> None:
    curated = load_curated_aliases()
    assert curated["ĐBP"] == ["Điện Biên Phủ"]
    assert {"UBND", "HĐND", "MTTQ", "BTG", "VHTTDL"} <= set(curated)
    assert curated["TTCS"] == ["truyền thanh cơ sở"]  # "hệ thống loa truyền thanh cơ sở", 171-KH/BTGTU


class _Org:
    def __init__(self, symbol: str | None, short: str | None, name: str) -> None:
        self.symbol, self.short, self.name = symbol, short, name


def test_alias_table_adds_the_organisations_symbols_and_skips_short_ones() -> None:
    table = alias_table([_Org("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL tỉnh Lai Châu"),
                         _Org("TU", "Tỉnh ủy", "Tỉnh ủy Lai Châu"), _Org(None, None, "Không ký hiệu"),
                         _Org("BCT", None, "Bộ Công Thương")],
                        curated={"ĐBP": ["Điện Biên Phủ"], "DBP": ["Điện Biên Phủ"], "X": ["bỏ"]})
    assert table == {"dbp": ["Điện Biên Phủ"], "svhttdl": ["Sở Văn hóa, Thể thao và Du lịch"],
                     "bct": ["Bộ Công Thương"]}
    index = build_index([page("a/", "A")], table)
    assert index["aliases"] == {"bct": ["Bộ Công Thương"], "dbp": ["Điện Biên Phủ"],
                                "svhttdl": ["Sở Văn hóa, Thể thao và Du lịch"]}


def test_every_url_section_of_the_site_has_a_vietnamese_search_label() -> None:
    sections = {"su-kien", "ke-hoach", "don-vi", "de-cuong", "van-ban", "dong-thoi-gian", "huong-dan",
                "tai-lieu-chi-bo", "du-lieu", "ky-niem-sap-toi", "tai-ve"}
    assert sections <= set(SEARCH_LABELS)
    assert all(label and label != "Trang" for label, _ in SEARCH_LABELS.values())


# ---------------------------------------------------------------------------------------------------------------
# The JavaScript side, in Chromium (or Node.js)
# ---------------------------------------------------------------------------------------------------------------

JsEval = Callable[[str, object], object]


class _ChromiumThread:
    """A page in Chromium with the search script loaded, driven from a thread of its own: Playwright's sync API
    allows one instance per thread, and the browser tests' session may hold this thread's."""

    def __init__(self, source: str) -> None:
        self._requests: queue.Queue = queue.Queue()
        self._ready: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, args=(source,), name="sotay-search-js", daemon=True)
        self._thread.start()
        ok, error = self._ready.get(timeout=120)
        if not ok:
            raise error

    def _run(self, source: str) -> None:
        from playwright.sync_api import sync_playwright

        from .browser.conftest import CHROMIUM, CHROMIUM_ARGS
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                     args=CHROMIUM_ARGS, timeout=60_000)
                try:
                    page = browser.new_page()
                    page.set_content("<!doctype html><html lang='vi'><head><meta charset='utf-8'></head>"
                                     "<body></body></html>")
                    page.add_script_tag(content=source)
                    self._ready.put((True, None))
                    while (request := self._requests.get()) is not None:
                        fn, arg, reply = request
                        try:
                            reply.put((True, page.evaluate(fn, arg)))
                        except Exception as error:  # noqa: BLE001 - handed to the test's thread
                            reply.put((False, error))
                finally:
                    browser.close()
        except Exception as error:  # noqa: BLE001
            self._ready.put((False, error))

    def __call__(self, fn: str, arg: object = None) -> object:
        reply: queue.Queue = queue.Queue()
        self._requests.put((fn, arg, reply))
        ok, value = reply.get(timeout=300)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._requests.put(None)
        self._thread.join(timeout=60)


def _node_runner(node: str, source: str) -> JsEval:
    def run_in_node(fn: str, arg: object = None) -> object:
        program = ("globalThis.window = globalThis; globalThis.document = {querySelector: () => null, "
                   "getElementById: () => null, querySelectorAll: () => []};\n"
                   "globalThis.location = new URL('file:///index.html');\n" + source +
                   f"\nPromise.resolve(({fn})({json.dumps(arg)})).then(r => process.stdout.write(JSON.stringify(r)));")
        result = subprocess.run([node, "-"], input=program, capture_output=True, text=True, timeout=120, check=True)
        return json.loads(result.stdout)
    return run_in_node


@pytest.fixture(scope="module")
def js() -> Iterator[JsEval]:
    """evaluate(function_source, argument) -> result, with docs/assets/sotay-search.js loaded (window.SotaySearch):
    in Chromium (Playwright, /usr/bin/chromium) if there, else in Node.js."""
    from .browser.conftest import CHROMIUM, _unavailable

    source = SEARCH_JS.read_text(encoding="utf-8")
    try:
        import playwright  # noqa: F401
        has_playwright = True
    except ImportError:
        has_playwright = False
    if has_playwright and CHROMIUM.exists():
        runner = _ChromiumThread(source)
        try:
            yield runner
        finally:
            runner.close()
        return
    node = shutil.which("node")
    if node is None:
        _unavailable("neither Chromium (with Playwright) nor Node.js is here to run docs/assets/sotay-search.js")
    yield _node_runner(node, source)


# Words and phrases whose keys must agree: Vietnamese in NFC and NFD, both tone placements, capitals, đ/Đ,
# document numbers, punctuation, and a few letters where Python's casefold differs from JavaScript's lower case.
FOLD_CASES = [
    "Điện Biên Phủ", nfd("Điện Biên Phủ"), "ĐIỆN BIÊN PHỦ", "dien bien phu", "Điện Bien Phu",
    "hoà", "hòa", "Hoà Bình", "HOÀ", "khoẻ", "khỏe", "thuý", "thúy", "Tỉnh uỷ", "Tỉnh ủy", "TỈNH UỶ", nfd("Tỉnh uỷ"),
    "quý", "quỷ", "Quý III năm 2023", "hoàng", "quyết", "toà án", "xoè", "mã", "mà", "ma", "mả", "má", "mạ",
    "đ", "Đ", "đảng", "Đảng bộ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hoá", "Sở VHTTDL",
    "171-KH/BTGTU", "30/2020/NĐ-CP", "125/QĐ-UBND", "08-QĐi/TW", "II.1.3", "ngày 05 tháng 02 năm 2026",
    "Kỷ niệm 20 năm chia tách, thành lập tỉnh Lai Châu (01/01/2004 - 01/01/2024)", "“Toàn dân” – kháng chiến…",
    "Straße", "ﬁnance", "ΟΔΟΣ", "Σίσυφος", "İstanbul", "ǅemal", "ŉ", "µ", "Ꭰꭰ", "ﬆ", "x\u0323\u0302y", "e\u0301\u0301",
    "ẞ", "Å", "Ω", "tab\tnew\nline", "", "   ", "123", "½ ² Ⅻ", "😀 cười", "a\u200bb",
]


@pytest.mark.browser
def test_fold_and_exact_keys_agree_between_python_and_javascript(js: JsEval) -> None:
    cases = FOLD_CASES + [text for text, _ in SEARCH_FOLD_CASES + NUMBER_KEY_CASES]
    got = js("""cases => cases.map(s => [SotaySearch.fold(s), SotaySearch.exactKey(s),
                                         SotaySearch.normalizeTonePlacement(s), SotaySearch.tokens(s),
                                         SotaySearch.searchFold(s), SotaySearch.numberKey(s)])""", cases)
    expected = [[fold(s), exact_key(s), normalize_tone_placement(s), tokens(s), search_fold(s), number_search_key(s)]
                for s in cases]
    mismatches = [(s, e, g) for s, e, g in zip(cases, expected, got) if e != g]
    assert mismatches == []


@pytest.mark.browser
def test_fold_agrees_on_every_assigned_character_of_the_bmp(js: JsEval) -> None:
    # Characters new since Python's Unicode version may differ in JavaScript's newer tables: compare the rest.
    chars = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF
             and unicodedata.category(chr(cp)) not in ("Cn", "Co", "Cs")]
    got = js("chars => chars.map(c => SotaySearch.fold(c))", chars)
    mismatches = [(f"U+{ord(c):04X}", fold(c), g) for c, g in zip(chars, got) if fold(c) != g]
    assert mismatches == []


def small_shards(index: dict) -> tuple[dict, dict[str, object]]:
    """(manifest, {shard name: data}) of `index` cut into tiny shards, so that every kind of shard is used: several
    word shards, prefix shards for every prefix, two pages a title shard, a text part per section."""
    import macros.outputs.search_index as module

    names = ("WORD_SHARD_BYTES", "AGGREGATE_MIN_BYTES", "TITLE_SHARD_PAGES", "HEAD_PART_BYTES", "TEXT_PART_BYTES")
    saved = [getattr(module, name) for name in names]
    for name, value in zip(names, (120, 1, 2, 1, 1)):
        setattr(module, name, value)
    try:
        files = shard_index(index)
    finally:
        for name, value in zip(names, saved):
            setattr(module, name, value)
    return read_shards(files)


def read_shards(files: dict[str, str]) -> tuple[dict, dict[str, object]]:
    """(manifest, {shard name: data}) from the scripts shard_index writes."""
    manifest_script = files[INDEX_PATH]
    manifest = json.loads(manifest_script[len(f"window.{INDEX_GLOBAL}="):-2])
    shards = {}
    for path, script in files.items():
        if path != INDEX_PATH:
            name = path.removeprefix(SHARDS_FOLDER + "/").removesuffix(".js")
            head = f"(window.{SHARDS_GLOBAL}=window.{SHARDS_GLOBAL}||{{}})[{json.dumps(name)}]="
            assert script.startswith(head) and script.endswith(";\n"), path
            shards[name] = json.loads(script[len(head):-2])  # as the browser gets it: postings as text
    return manifest, shards


def decode_postings(text: str) -> list[int]:
    """Postings written by postings_code back to numbers (sotay-search.js decodePostings)."""
    base, out, high, chars = len(CODE) - CODE_LAST, [], 0, iter(text)
    for char in chars:
        k = CODE.index(char)
        if k < CODE_LAST:
            out += [high * CODE_LAST + k, CODE.index(next(chars))]
            high = 0
        else:
            high = high * base + k - CODE_LAST + 1
    return out


def read_postings(name: str, data):
    """A shard with its postings as numbers again (sotay-search.js readShard)."""
    if name.startswith("a/"):
        return decode_postings(data)
    if name.startswith("w/"):
        return [[value if j == 0 or j % 2 else decode_postings(value) for j, value in enumerate(entry)]
                for entry in data]
    return data


# Both engines over the same pages: the whole index in one structure and the same index cut into tiny shards. The
# results (URL, score, the words found by) and the sections shown must be identical.
BOTH_ENGINES = """async ([raw, manifest, shards, query]) => {
    const single = new SotaySearch.Engine(raw);
    const loaded = [];
    const sharded = new SotaySearch.ShardedEngine(manifest, name => {
        loaded.push(name);
        return name in shards ? Promise.resolve(shards[name]) : Promise.reject(new Error(name));
    });
    const a = single.search(query), b = await sharded.searchAsync(query);
    await sharded.prepareShown(b.results);
    const view = (engine, found) => ({
        urls: found.results.map(r => raw.docs[r.doc][0]), near: found.near, texts: found.results.map(r => r.text),
        scores: found.results.map(r => r.score),
        sections: found.results.map(r => engine.sections(r, r.q).map(ss => [ss.sid, ss.score])),
        docs: found.results.map(r => engine.doc(r.doc))});
    return [view(single, a), view(sharded, b), loaded];
}"""


def both(js: JsEval, index: dict, query: str) -> dict:
    """The single engine's view of the results for `query`, after checking the sharded engine's is the same."""
    manifest, shards = small_shards(index)
    single, sharded, _ = js(BOTH_ENGINES, [index, manifest, shards, query])
    assert sharded == single, query
    return single


def search(js: JsEval, pages: list[PageText], query: str) -> list[str]:
    """URLs of the results for `query` over an index of `pages`, best first (the same from both engines)."""
    return both(js, build_index(pages), query)["urls"]


def page(url: str, title: str, text: str = "", **extra: list[str]) -> PageText:
    return PageText(url, title, [Section(title, "", text)], **extra)


@pytest.mark.browser
def test_exact_diacritics_rank_first_but_unaccented_queries_treat_all_alike(js: JsEval) -> None:
    pages = [page("ma/", "Ma", "chuyện ma"), page("ma-huyen/", "Mà", "mà thôi"), page("ma-nga/", "Thư", "mã số"),
             page("ma-sac/", "Má", "má")]
    found = search(js, pages, "mã")
    assert found[0] == "ma-nga/" and sorted(found) == ["ma-huyen/", "ma-nga/", "ma-sac/", "ma/"]  # a body hit first
    assert search(js, pages, "mà")[0] == "ma-huyen/"
    assert sorted(search(js, pages, "ma")) == ["ma-huyen/", "ma-nga/", "ma-sac/", "ma/"]
    assert search(js, pages, "ma")[-1] == "ma-nga/"  # unaccented: the title hits come first, accents aside
    assert search(js, pages, nfd("mã"))[0] == "ma-nga/"


@pytest.mark.browser
def test_both_tone_placements_and_d_find_the_same_pages(js: JsEval) -> None:
    pages = [page("a/", "Văn hóa", "Hòa bình"), page("b/", "Tỉnh ủy", "Đảng bộ"), page("c/", "Khác", "không")]
    for query in ("van hoa", "Văn hoá", "văn hóa", nfd("Văn hoá"), "VAN HOA", "hoà bình", "Hòa Bình"):
        assert search(js, pages, query) == ["a/"], query
    for query in ("tinh uy", "Tỉnh uỷ", "Tỉnh ủy", "TỈNH UỶ", "đảng bộ", "dang bo", "Dang bộ"):
        assert search(js, pages, query) == ["b/"], query


@pytest.mark.browser
def test_title_and_keyword_hits_rank_above_headings_above_body_text(js: JsEval) -> None:
    pages = [
        page("body/", "Một", "tuyên truyền sâu rộng"),
        PageText("heading/", "Hai", [Section("Hai", "", ""), Section("Tuyên truyền", "tt", "")]),
        page("title/", "Tuyên truyền", ""),
        page("alias/", "Ban Tuyên giáo", "", keywords=["BTGTU"]),
        page("plan/", "Kế hoạch số 171-KH/BTGTU", "", keywords=["171-KH/BTGTU"]),
    ]
    assert search(js, pages, "tuyen truyen") == ["title/", "heading/", "body/"]
    assert search(js, pages, "BTGTU") == ["alias/", "plan/"]  # a whole keyword above a part of a number


@pytest.mark.browser
def test_all_words_are_required_and_phrases_rank_first(js: JsEval) -> None:
    pages = [
        page("scattered/", "Năm 20 kỷ niệm", "kỷ niệm"),
        page("phrase/", "Kỷ niệm 20 năm chia tách", ""),
        page("partial/", "Kỷ niệm 75 năm", ""),
    ]
    assert search(js, pages, "ky niem 20 nam") == ["phrase/", "scattered/"]
    assert search(js, pages, "ky niem 20 na") == ["phrase/", "scattered/"]  # the last word while typing
    assert search(js, pages, "ky nie 20 nam") == ["phrase/", "scattered/"]  # a word cut short mid-query
    assert search(js, pages, "ky niem 21 nam") == []
    assert search(js, pages, "zzz") == []
    assert search(js, pages, "  ,;  ") == []


@pytest.mark.browser
def test_document_numbers_whole_in_part_and_by_prefix(js: JsEval) -> None:
    pages = [
        page("plan/", "Kế hoạch số 171-KH/BTGTU", "ngày 30/5/2023", keywords=["171-KH/BTGTU"]),
        page("decree/", "Nghị định 30/2020/NĐ-CP", ""),
        page("other/", "Kế hoạch số 1710-KH/TU", ""),
    ]
    for query in ("171-KH/BTGTU", "171-kh/btgtu", "171-KH", "171-kh", "KH/BTGTU", "171 btgtu", "btgtu"):
        assert search(js, pages, query)[0] == "plan/", query
    assert search(js, pages, "171")[:2] == ["plan/", "other/"]  # the whole number above a longer one
    assert search(js, pages, "NĐ-CP") == ["decree/"]
    assert search(js, pages, "30/2020/nd-cp") == ["decree/"]
    assert search(js, pages, "30/5") == ["plan/"]


@pytest.mark.browser
def test_matched_words_are_marked_as_written(js: JsEval) -> None:
    cases = [
        ("Chiến thắng Điện Biên Phủ năm 1954", "dien bien phu"),
        (nfd("Chiến thắng Điện Biên Phủ"), "Điện Biên Phủ"),
        ("Ban Tuyên giáo Tỉnh uỷ và Tỉnh ủy", "tỉnh ủy"),
        ("Số 171-KH/BTGTU ngày 30/5/2023", "171"),
        ("Số 171-KH/BTGTU ngày 30/5/2023", "btgtu"),
        ("mà, ma và mã", "mã"),
        ("mà, ma và mã", "ma"),
        ("Kỷ niệm năm 20, kỷ niệm 20 năm", "ky niem 20 nam"),
    ]
    got = js("""cases => cases.map(([text, query]) =>
        SotaySearch.matchSpans(text, query).map(([s, e]) => text.slice(s, e)))""", cases)
    assert got == [
        ["Điện", "Biên", "Phủ"],
        [nfd("Điện"), nfd("Biên"), nfd("Phủ")],
        ["Tỉnh", "uỷ", "Tỉnh", "ủy"],
        ["171"],
        ["BTGTU"],
        ["mã"],  # typed with diacritics: the exact spelling only, when the text has it
        ["mà", "ma", "mã"],
        ["kỷ", "niệm", "20", "năm"],  # the phrase where it occurs as one
    ]


@pytest.mark.browser
def test_snippet_is_cut_around_the_best_match(js: JsEval) -> None:
    text = "Mở đầu. " + "Nội dung dài. " * 40 + "Chiến thắng Điện Biên Phủ lừng lẫy. " + "Kết thúc. " * 40
    piece = js("([text, q]) => SotaySearch.snippet(text, q)", [text, "dien bien phu"])
    assert piece["text"].startswith("…") and piece["text"].endswith("…")
    assert "Điện Biên Phủ" in piece["text"] and len(piece["text"]) <= 230
    assert [piece["text"][s:e] for s, e in piece["spans"]] == ["Điện", "Biên", "Phủ"]


# ---------------------------------------------------------------------------------------------------------------
# Document numbers in any punctuation, abbreviations, i/y, one typing mistake
# ---------------------------------------------------------------------------------------------------------------

def answer(js: JsEval, pages: list[PageText], query: str, aliases: dict[str, list[str]] | None = None) -> dict:
    """{urls: results best first, near: found through a correction, texts: the words each was found by}, the same
    from both engines."""
    found = both(js, build_index(pages, aliases), query)
    return {"urls": found["urls"], "near": found["near"], "texts": found["texts"]}


NUMBER_PAGES = [
    page("plan/", "Kế hoạch số 171-KH/BTGTU", "ngày 30/5/2023", keywords=["171-KH/BTGTU"]),
    page("directive/", "Chỉ thị số 11-CT/TU", "", keywords=["11-CT/TU"]),
    page("letter/", "Kế hoạch số 805/KH-SVHTTDL", "", keywords=["805/KH-SVHTTDL"]),
    page("cites/", "Tin", "theo Kế hoạch 171-KH/BTGTU, Chỉ thị 11-CT/TU và Kế hoạch 805/KH-SVHTTDL"),
    page("other/", "Kế hoạch số 1710-KH/TU", "", keywords=["1710-KH/TU"]),
]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "first"), [
    ("171/KH", "plan/"), ("171/KH-BTGTU", "plan/"), ("171-KH/BTGTU", "plan/"), ("171KH", "plan/"),
    ("171kh/btgtu", "plan/"), ("171 KH", "plan/"), ("0171-KH", "plan/"), ("171-KH-BTGTU", "plan/"),
    ("11/CT-TU", "directive/"), ("11-CT/TU", "directive/"), ("11CT", "directive/"),
    ("805-KH", "letter/"), ("805-KH-SVHTTDL", "letter/"), ("805/KH", "letter/"), ("805KH-SVHTTDL", "letter/"),
    ("1710/KH", "other/"),
])
def test_document_numbers_in_any_punctuation_find_the_document_first(js: JsEval, query: str, first: str) -> None:
    found = answer(js, NUMBER_PAGES, query)
    assert found["urls"][0] == first and not found["near"]
    if first != "other/":
        assert "cites/" in found["urls"] and "other/" not in found["urls"]  # 1710 is not 171


@pytest.mark.browser
def test_document_numbers_typed_in_other_punctuation_are_marked_whole(js: JsEval) -> None:
    text = "Số 171-KH/BTGTU ngày 30/5/2023 và 11-CT/TU"
    got = js("""([text, queries]) => queries.map(q => SotaySearch.matchSpans(text, q).map(([s, e]) => text.slice(s, e)))""",
             [text, ["171/KH", "171KH", "11/CT-TU", "kh/btgtu"]])
    assert got == [["171-KH/BTGTU"], ["171-KH/BTGTU"], ["11-CT/TU"], ["KH/BTGTU"]]


ALIAS_PAGES = [
    page("event/", "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "Chiến thắng Điện Biên Phủ năm 1954"),
    page("ubnd/", "Ủy ban nhân dân tỉnh Lai Châu", "", keywords=["UBND tỉnh"]),
    page("btgtu/", "Ban Tuyên giáo Tỉnh ủy", "", keywords=["BTG Tỉnh ủy"]),
    page("btgtw/", "Ban Tuyên giáo Trung ương", ""),
    page("other/", "Khác", "không có gì"),
]
ALIASES = {"dbp": ["Điện Biên Phủ"], "ubnd": ["Ủy ban nhân dân"], "btg": ["Ban Tuyên giáo"]}


@pytest.mark.browser
def test_abbreviations_find_what_they_stand_for(js: JsEval) -> None:
    for query in ("DBP", "ĐBP", "dbp", "đbp 1954"):
        found = answer(js, ALIAS_PAGES, query, ALIASES)
        assert found["urls"] == ["event/"], query
        assert found["texts"][0].startswith("Điện Biên Phủ") and not found["near"], query
    found = answer(js, ALIAS_PAGES, "UBND tỉnh", ALIASES)
    assert found["urls"] == ["ubnd/"] and found["texts"] == [None]  # the keyword as typed: no expansion needed
    found = answer(js, ALIAS_PAGES, "BTG", ALIASES)
    assert found["urls"] == ["btgtu/", "btgtw/"]  # the abbreviation as written first, then what it stands for
    assert answer(js, ALIAS_PAGES, "DBP", {})["urls"] == []  # no table, no expansion


IY_PAGES = [page("a/", "Kỷ niệm 20 năm", "lý luận chính trị"), page("b/", "Bàn tay", "quy định")]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "urls"), [
    ("ky niem", ["a/"]), ("ki niem", ["a/"]), ("kỉ niệm 20", ["a/"]), ("Kỷ niệm", ["a/"]), ("li luan", ["a/"]),
    ("lí luận", ["a/"]), ("lý", ["a/"]), ("qui dinh", ["b/"]), ("tay", ["b/"]), ("tai", []), ("ban ti", []),
])
def test_i_and_y_are_one_letter_where_vietnamese_writes_both(js: JsEval, query: str, urls: list[str]) -> None:
    assert answer(js, IY_PAGES, query)["urls"] == urls


TYPO_PAGES = [
    page("win/", "Chiến thắng lịch sử", "tuyên truyền"),
    page("take/", "Chiếm lĩnh trận địa", ""),
    page("other/", "Khác", "không"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "urls", "near"), [
    ("chien thang", ["win/"], False),
    ("chien thangg", ["win/"], True),  # a letter too many
    ("tuyen truyn", ["win/"], True),  # a letter missing
    ("chien thag", [], False),  # a letter missing, but 4 letters are too few to guess from
    ("chien tahng", ["win/"], True),  # two letters swapped
    ("tuyen truyenx", ["win/"], True),
    ("chiến thắnh", ["win/"], True),  # with diacritics
    ("chien", ["win/"], False),  # "chiem" is one letter away, but "chien" is found as typed: no fallback
    ("chiem", ["take/"], False),
    ("chiex", ["take/", "win/"], True),  # both one letter away
    ("chin", [], False),  # fewer than 5 letters: no fallback
    ("qwertyuiop", [], False),
])
def test_one_typing_mistake_is_forgiven_only_when_nothing_matches(js: JsEval, query: str, urls: list[str],
                                                                  near: bool) -> None:
    found = answer(js, TYPO_PAGES, query)
    assert (sorted(found["urls"]) if near and len(urls) > 1 else found["urls"]) == urls
    assert found["near"] is near


# ---------------------------------------------------------------------------------------------------------------
# The same tables through Python and through the JavaScript, in Node.js (fast: no browser)
# ---------------------------------------------------------------------------------------------------------------

def test_python_and_javascript_fold_and_read_numbers_alike() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not here; the browser tests compare the same tables in Chromium")
    run = _node_runner(node, SEARCH_JS.read_text(encoding="utf-8"))
    texts = [text for text, _ in SEARCH_FOLD_CASES] + FOLD_CASES
    numbers = [text for text, _ in NUMBER_KEY_CASES] + texts
    got = run("""([texts, numbers]) => [texts.map(s => SotaySearch.searchFold(s)),
                                         numbers.map(s => SotaySearch.numberKey(s))]""", [texts, numbers])
    assert got == [[search_fold(s) for s in texts], [number_search_key(s) for s in numbers]]


# ---------------------------------------------------------------------------------------------------------------
# The sharded index (shard_index): what the shards hold, and the sharded engine finds exactly what the single one does
# ---------------------------------------------------------------------------------------------------------------

SHARD_PAGES = [
    PageText("ke-hoach/171/", "Kế hoạch số 171-KH/BTGTU",
             [Section("Kế hoạch số 171-KH/BTGTU", "", "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"),
              Section("Mục đích", "muc-dich", "Đẩy mạnh tuyên truyền, giáo dục truyền thống"),
              Section("Nhiệm vụ", "nhiem-vu", "Đảng bộ tỉnh, đoàn thể, đơn vị thực hiện")],
             titles=["Tuyên truyền Chiến thắng Điện Biên Phủ"], keywords=["171-KH/BTGTU"]),
    PageText("don-vi/btgtu/", "Ban Tuyên giáo Tỉnh ủy", [Section("Ban Tuyên giáo Tỉnh ủy", "", "Hoà bình, đà phát triển")],
             keywords=["BTGTU"]),
    PageText("su-kien/dbp/", "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
             [Section("Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "", "Đảng, đất nước, đường lối, đầu tư, đá"),
              Section("Lịch sử", "lich-su", "Đà Nẵng, đảng viên, đặc biệt, điện lực, địa phương")]),
    PageText("de-cuong/dbp/", "Đề cương tuyên truyền", [Section("Đề cương tuyên truyền", "", "dân tộc, dân vận, đà")]),
    PageText("", "Trang chủ", [Section("Trang chủ", "", "Sổ tay tuyên truyền tỉnh Lai Châu, 0171KH, ii.1.3")]),
]
SHARD_QUERIES = ["d", "đ", "đa", "đà", "da", "dan", "t", "tu", "tuyen", "tuyên truyền", "tuyen truyen", "kỷ niệm",
                 "ki niem 70", "chien thang dien bien phu", "Điện Biên Phủ", "171", "171/KH", "0171kh", "ii.1",
                 "ii.1.3", "ban tuyen giao", "BTGTU", "hoa", "hoà", "tuyen truyeng", "dien bienn phu", "xyzzy", "a",
                 "à", "đảng bộ", "nhiem vu dang", "ph", "lich su", "đ t", "tr"]


def test_shards_hold_the_whole_index_and_the_manifest_no_text() -> None:
    index = build_index(SHARD_PAGES, {"dbp": ["Điện Biên Phủ"]})
    for manifest, shards in (read_shards(shard_index(index)), small_shards(index)):
        assert manifest["v"] == FORMAT_VERSION and manifest["aliases"] == index["aliases"]
        words = [entry for n in range(len(manifest["shards"]["words"]))
                 for entry in read_postings(f"w/{n}", shards[f"w/{n}"])]
        assert words == index["terms"]
        assert manifest["shards"]["words"] == [shards[f"w/{n}"][0][0] for n in range(len(manifest["shards"]["words"]))]
        heads = [shards[f"t/{d}"] for d in range(len(index["docs"]))]
        docs = [[head[0], head[2], head[1], manifest["docs"]["b"][d], sum(manifest["docs"]["n"][:d]),
                 manifest["docs"]["n"][d], head[3], head[4]] for d, head in enumerate(heads)]
        assert docs == index["docs"]
        # The title shards: each page's title strings as folded tokens, each list once.
        per = manifest["shards"]["titles"]
        titles = [decode_titles(shards[f"r/{d // per}"], d % per) for d in range(len(docs))]
        expected = []
        for doc in index["docs"]:
            lists = [[search_fold(word) for word in tokens(text)] for text in [doc[1], *doc[6], *doc[7]]]
            expected.append([folded for n, folded in enumerate(lists) if folded and folded not in lists[:n]])
        assert titles == expected
        texts = [shards[f"t/{d}"][5] + [sec for k in range(1, 1 + len(manifest["docs"]["parts"].get(str(d), [])))
                                          for sec in shards[f"t/{d}-{k}"]] for d in range(len(docs))]
        assert [sec for sections in texts for sec in sections] == index["secs"]
        assert manifest["docs"]["l"] == [len(doc[1]) for doc in index["docs"]]
        # The pages are given out of URL order: the manifest ranks them for the ties.
        urls = sorted(doc[0] for doc in index["docs"])
        assert manifest["docs"]["rank"] == [urls.index(doc[0]) for doc in index["docs"]]
        assert "Tuyên truyền" not in json.dumps(manifest, ensure_ascii=False)  # no page text in the manifest
    pages = sorted(SHARD_PAGES, key=lambda page: page.url)
    assert "rank" not in read_shards(shard_index(build_index(pages)))[0]["docs"]


def decode_titles(shard: list, page: int) -> list[list[str]]:
    """The token lists of a page of a title shard (the reading of sotay-search.js titleTokens)."""
    words, last, base = shard[0], CODE_LAST, len(CODE) - CODE_LAST
    found: list[list[str]] = []
    for coded in shard[1][page].split(" ") if shard[1][page] else []:
        tokens_, high = [], 0
        for char in coded:
            k = CODE.index(char)
            if k < last:
                tokens_.append(words[high * last + k])
                high = 0
            else:
                high = high * base + k - last + 1
        found.append(tokens_)
    return found


def test_number_codes_are_short_and_read_back() -> None:
    words = [f"w{n}" for n in range(5000)]
    shard = [words, [" ".join(number_code(n) for n in range(start, start + 50)) for start in range(0, 5000, 50)]]
    assert [decode_titles(shard, page) for page in range(100)] == [[[f"w{n}"] for n in range(s, s + 50)]
                                                                   for s in range(0, 5000, 50)]
    assert [len(number_code(n)) for n in (0, 63, 64, 1791, 1792, 48_447, 48_448)] == [1, 1, 2, 2, 3, 3, 4]
    assert not set("".join(number_code(n) for n in range(5000))) & {" ", '"', "\\"}


def test_postings_are_written_as_text_and_read_back() -> None:
    flat = [0, BODY, 1, TITLE | WHOLE, 63, KEYWORD, 64, HEADING | WHOLE, 1791, 31, 1792, 0, 48_448, BODY]
    assert decode_postings(postings_code(flat)) == flat
    assert len(postings_code([0, BODY, 5, WHOLE | TITLE])) == 4  # small gaps: two characters a posting


def test_word_shards_are_cut_between_prefix_groups() -> None:
    import macros.outputs.search_index as module

    terms = [[key, "", [0, 1]] for key in ["ba", "ban", "bao", "bi", "bin", "c", "ca", "cac", "cach", "cai"]]
    saved = module.WORD_SHARD_BYTES
    try:
        module.WORD_SHARD_BYTES = 50  # three entries: "ba…" (3) fits, "ca…" (4) is cut by 3 letters
        shards = [[entry[0] for entry in shard] for shard in module.word_shards(terms)]
    finally:
        module.WORD_SHARD_BYTES = saved
    assert shards == [["ba", "ban", "bao"], ["bi", "bin", "c"], ["ca"], ["cac", "cach"], ["cai"]]


def test_prefix_shards_keep_each_sections_best_posting_per_spelling() -> None:
    terms = [["da", "đa", [0, BODY | WHOLE]],
             ["dan", "", [0, TITLE, 2, BODY | WHOLE], "dân", [1, HEADING | WHOLE]],
             ["dang", "đảng", [1, BODY | WHOLE, 1, KEYWORD | WHOLE]]]
    found = aggregates(terms, [1_000_000] * len(terms))
    # "d": every key but "d" itself; best bits per section; spellings by their first letter ("d" not written).
    assert found["d"] == ([0, TITLE, 1, HEADING | WHOLE, 1, KEYWORD | WHOLE],
                          {"d": None, "đ": [0, BODY | WHOLE, 1, BODY | WHOLE, 1, KEYWORD | WHOLE]})
    assert found["da"] == ([0, TITLE, 1, HEADING | WHOLE, 1, KEYWORD | WHOLE],
                           {"da": None, "dâ": [1, HEADING | WHOLE], "đả": [1, BODY | WHOLE, 1, KEYWORD | WHOLE]})
    assert found["dan"] == ([1, BODY | WHOLE, 1, KEYWORD | WHOLE], {"đản": [1, BODY | WHOLE, 1, KEYWORD | WHOLE]})


@pytest.mark.browser
def test_sharded_engine_finds_exactly_what_the_single_index_finds(js: JsEval) -> None:
    index = build_index(SHARD_PAGES, {"dbp": ["Điện Biên Phủ"]})
    manifest, shards = small_shards(index)
    assert any(name.startswith("a/") and "-" in name for name in shards)  # spellings' prefix shards are used
    assert manifest["docs"]["parts"] == {"0": [1, 2], "2": [1]}  # one text part per section
    for query in SHARD_QUERIES:
        single, sharded, loaded = js(BOTH_ENGINES, [index, manifest, shards, query])
        assert sharded == single, query
        assert len(loaded) == len(set(loaded)), query  # each shard loaded once


@pytest.mark.browser
def test_a_query_loads_only_the_shards_of_its_words(js: JsEval) -> None:
    index = build_index(SHARD_PAGES)
    manifest, shards = small_shards(index)
    shard = "w/" + str(max(n for n, first in enumerate(manifest["shards"]["words"]) if first <= "xyz"))
    assert js(BOTH_ENGINES, [index, manifest, shards, "xyz"])[2] == [shard]
    # Five letters, nothing found: the one-typo fallback reads the list of words, then finds nothing near.
    assert js(BOTH_ENGINES, [index, manifest, shards, "xyzzy"])[2] == [shard, "n"]


def test_the_shipped_table_of_combining_marks_is_the_scan_of_unicodedata() -> None:
    """The table of marks read at import (unicode_marks_<version>.txt) is what scanning Python's unicodedata gives,
    and there is one for the Unicode version of the Python the project runs on."""
    from importlib import resources
    import unicodedata

    from macros.outputs.search_index import MARKS_FILE, _mark_ranges, _scan_mark_ranges

    name = MARKS_FILE.format(version=unicodedata.unidata_version)
    assert resources.files("macros.outputs").joinpath(name).is_file(), name
    assert _mark_ranges() == _scan_mark_ranges()
    assert (0x0300, 0x036F) in _mark_ranges()  # the Vietnamese tone and vowel marks, decomposed
