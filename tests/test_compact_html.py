"""macros/outputs/compact_html.py: indentation between tags goes, white space that shows stays."""

from __future__ import annotations

import pytest

from macros.outputs.compact_html import compact_html


@pytest.mark.parametrize(("html", "expected"), [
    ("<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("<p>một\n      hai</p>", "<p>một\nhai</p>"),  # still a space between the words
    ("<div>\n\n   \n\t<span>x</span>\n  \n</div>", "<div>\n<span>x</span>\n</div>"),
    ("<pre><code>a\n    b\n\n  c</code></pre>", "<pre><code>a\n    b\n\n  c</code></pre>"),
    ("<p>x</p>\n  <pre>  giữ\n    nguyên</pre>\n  <p>y</p>", "<p>x</p>\n<pre>  giữ\n    nguyên</pre>\n<p>y</p>"),
    ("<textarea>\n  a\n</textarea>", "<textarea>\n  a\n</textarea>"),
    ("<script>\n  var s = `a\n    b`;\n</script>\n   <p>z</p>", "<script>\n  var s = `a\n    b`;\n</script>\n<p>z</p>"),
    ("<STYLE>\n  p { }\n</STYLE >", "<STYLE>\n  p { }\n</STYLE >"),
    ("a  b", "a  b"),  # spaces inside a line are the page's own
    ("", ""),
])
def test_compact_html(html: str, expected: str) -> None:
    assert compact_html(html) == expected
