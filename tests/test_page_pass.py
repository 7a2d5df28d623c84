"""One parse of a page's HTML for three readers: the sanitiser writes the page (macros/views/safe_html.py), the search
text is read from what it writes (macros/outputs/search_index.py, PageTextReader), and the document numbers are
wrapped in the pieces it wrote (macros/views/doc_numbers.py). The result must be what the three passes give one after
the other: sanitise, extract the search text from the sanitised HTML, wrap the numbers in it."""

from __future__ import annotations

import pytest

from macros.outputs.search_index import PageTextReader, extract_page
from macros.views.doc_numbers import keep_numbers_whole
from macros.views.safe_html import sanitise_html, sanitise_pieces

PAGES = [
    "",
    "<h1>Kế hoạch</h1><p>Theo Kế hoạch số 171-KH/BTGTU, mục 2</p>",
    '<h2 id="a">Mục <a class="headerlink" href="#a">¶</a></h2><ul><li>một</li><li>hai.</li></ul><td>ba</td>',
    # A number cut by a link the sanitiser drops, and one in the alt text of an image it drops.
    '<p>171-KH/<a href="javascript:alert(1)">BTGTU</a> và <img alt="125/KH-UBND" src="javascript:x"></p>',
    # Elements shown as text, entities, a stray "<", comments and declarations.
    "<p>a &lt; b &amp; <script>alert('30/2020/NĐ-CP')</script> c < d</p><!-- x --><!DOCTYPE html><?pi?>",
    '<iframe src="javascript:x"></iframe><p onclick="x()" id="q">36-HD/VPTW</p><![CDATA[y]]>',
    # Text the search skips, and text apart from its neighbours.
    '<button hidden>In</button><div class="sotay-search-skip">bỏ</div><span class="sotay-badge">70 năm</span>tròn',
    "<style>p > b { color: red }</style><pre><code>171-KH/BTGTU</code></pre><p>11-CT/TU</p>",
    '<svg viewBox="0 0 1 1"><text>171-KH/BTGTU</text></svg><p><span class="sotay-docno">05-KL/TW-BCĐ</span></p>',
    "<h3>Không id</h3><p>chữ</p><hr/><br/><p>Điều.</p></div></span><b",
    "<table><tr><th>Số</th><td>30/2020/NĐ-CP</td></tr></table><h2 id='b'>Hai 125/KH-UBND</h2>đuôi &am",
]


def three_passes(html: str) -> tuple[str, object, str]:
    safe = sanitise_html(html)
    return safe, extract_page(safe, "ke-hoach/x/", "Tiêu đề"), keep_numbers_whole(safe)


def one_pass(html: str) -> tuple[str, object, str]:
    reader = PageTextReader()
    pieces = sanitise_pieces(html, reader)
    safe = "".join(pieces)
    return safe, reader.page_text("ke-hoach/x/", "Tiêu đề"), keep_numbers_whole(safe)


@pytest.mark.parametrize("html", PAGES)
def test_one_pass_gives_what_three_passes_give(html: str) -> None:
    assert one_pass(html) == three_passes(html)


def test_a_tag_written_inside_css_does_not_stop_the_numbers_after_the_style() -> None:
    # The three passes split the CSS of an unclosed <style> at "<style>" as if it were a tag and left every number
    # after it unwrapped; the number scan reads a <style> and its text whole.
    html = "<style><style>p{}</style><p>171-KH/BTGTU</p>"
    safe, text, out = one_pass(html)
    assert (safe, text) == three_passes(html)[:2]
    assert out == '<style><style>p{}</style><p><span class="sotay-docno">171-KH/BTGTU</span></p>'


def test_pieces_start_with_a_tag_sign_only_for_tags() -> None:
    pieces = sanitise_pieces("<p>a &lt; b</p><!-- c --><script>x</script>")
    assert pieces == ["<p>", "a &lt; b", "</p>", "<!-- c -->", "&lt;script&gt;", "x", "&lt;/script&gt;"]
