"""macros/views/safe_html.py reads a page of plain markup with one regular expression instead of html.parser: what it
writes, and what its listener hears, are exactly what html.parser's reading gives, for every page, plain or not."""

from __future__ import annotations

import random

import pytest

from macros.views import safe_html
from macros.views.safe_html import _plain_tokens, _Sanitiser


class Recorder:
    """A listener that writes down every call."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.calls.append(("start", tag, list(attrs)))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.calls.append(("startend", tag, list(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.calls.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.calls.append(("data", data))


def by_html_parser(text: str) -> tuple[list[str], list[tuple]]:
    listener = Recorder()
    parser = _Sanitiser(listener)
    parser.feed(text)
    parser.close()
    return parser.out, listener.calls


def as_read(text: str) -> tuple[list[str], list[tuple]]:
    listener = Recorder()
    return safe_html.sanitise_pieces(text, listener), listener.calls


# Pieces of pages: what Markdown, the templates and the theme write, and what html.parser reads its own way.
FRAGMENTS = [
    "Chữ thường", " ", "\n", "a &amp; b", "&lt;không phải thẻ&gt;", "&#106;", "&#x6A", "&copy", "& trơ trọi", "&",
    "&am", "&#", "tab\tdòng\r\n", "\x00", "“ngoặc”",
    "<p>", "</p>", "<P>", "</P >", "<br>", "<br/>", "<br />", "<BR/>", "<hr/ >", "<img src=\"a.png\" alt=\"ảnh\"/>",
    "<a href=\"../x/\">", "<a href=\"#neo\" title=\"a > b &amp; &quot;c&quot;\">", "</a>", "<a\nhref=\"x\"\ttitle=\"y\">",
    "<a href=\"javascript:alert(1)\">", "<a href=\"&#106;avascript:x\">", "<a HREF=\"X\" Title=\"T\">",
    "<span class=\"sotay-state\" data-x=\"[1,2]\" hidden>", "</span>", "<div id=\"a&amp;b\" class=\"\">", "</div>",
    "<input type=\"checkbox\" checked disabled/>", "<li>", "</li>", "<ul>", "</ul>", "<h2 id=\"muc\">", "</h2>",
    "<svg viewBox=\"0 0 10 10\" xmlns:xlink=\"x\">", "<rect width=\"8\"/>", "</svg>", "<foreignObject>",
    "<td style=\"text-align: right;\">", "<details open>", "<summary>", "<x-y>", "</x-y>", "<a:b>", "<h1\xa0class=\"x\">",
    "<a\x0bhref=\"x\">", "<a href=x>", "<a href='x'>", "<a b=\"c\"d=\"e\">", "<a b = \"c\">", "<a b/c>", "<a / >",
    "<a href=\"x\"/>", "<p onclick=\"alert(1)\">", "<iframe src=\"x\">", "</iframe>", "<script>alert(1)</script>",
    "<SCRIPT>", "</script>", "<style>p{}</style>", "<style>", "</style>", "<Style media=\"x\">a<b</style>",
    "<!-- chú thích -->", "<!---->", "<!-->", "<!--->", "<!-- a -- > b -->", "<!-- -- -->", "<!--sotay-offline:x-->",
    "<!DOCTYPE html>", "<!x>", "<?php x ?>", "<![CDATA[x]]>", "</>", "</ a>", "</a b>", "</3>", "<3", "< p>", "<",
    ">", "a<b", "<p", "<a href=\"x", "\"", "=",
]


def random_page(rng: random.Random) -> str:
    return "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 14)))


@pytest.mark.parametrize("fragment", FRAGMENTS)
def test_each_piece_alone_and_around_text(fragment: str) -> None:
    for text in (fragment, f"a{fragment}b", f"<p>{fragment}</p>", f"{fragment}{fragment}"):
        assert as_read(text) == by_html_parser(text)


def test_random_pages_read_as_html_parser_reads_them() -> None:
    rng = random.Random(20261201)
    plain = 0
    for _ in range(20_000):
        text = random_page(rng)
        plain += _plain_tokens(text) is not None
        assert as_read(text) == by_html_parser(text), text
    assert plain > 2_000  # the regular expression's reading was tried, not only html.parser's


@pytest.mark.parametrize(("text", "plain"), [
    ('<p class="x">Chữ &amp; số</p>\n<!-- ghi chú -->\n<ul>\n<li><a href="../a/">a</a></li>\n</ul>', True),
    ('<img src="a.png" alt=""/><input checked>', True),
    ("<script>x</script>", False),
    ("<style>p{}</style>", False),
    ("<a href='x'>", False),
    ("a < b", False),
    ("<!DOCTYPE html><p>x</p>", False),
])
def test_which_pages_the_regular_expression_reads(text: str, plain: bool) -> None:
    assert (_plain_tokens(text) is not None) == plain
