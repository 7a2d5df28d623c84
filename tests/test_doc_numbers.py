"""Document numbers kept whole (macros/views/doc_numbers.py): each number in a page's text wrapped in a nowrap span,
and nothing else touched."""

from __future__ import annotations

import pytest

from macros.views.doc_numbers import keep_numbers_whole


def n(number: str) -> str:
    return f'<span class="sotay-docno">{number}</span>'


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Theo Kế hoạch số 171-KH/BTGTU, mục 2</p>", f"<p>Theo Kế hoạch số {n('171-KH/BTGTU')}, mục 2</p>"),
    ("<p>30/2020/NĐ-CP và 125/KH-UBND</p>", f"<p>{n('30/2020/NĐ-CP')} và {n('125/KH-UBND')}</p>"),
    ("<p>05-KL/TW-BCĐ.</p>", f"<p>{n('05-KL/TW-BCĐ')}.</p>"),
    # Dates, quarters and ranges have no kind code: left as they are.
    ("<p>ngày 15/6/2022, Quý II/2023, 20-25/5</p>", "<p>ngày 15/6/2022, Quý II/2023, 20-25/5</p>"),
    # Attributes, code, SVG drawings and numbers already wrapped are not text to wrap.
    ('<a href="x/171-KH/BTGTU" title="171-KH/BTGTU">36-HD/VPTW</a>',
     f'<a href="x/171-KH/BTGTU" title="171-KH/BTGTU">{n("36-HD/VPTW")}</a>'),
    ("<pre><code>171-KH/BTGTU</code></pre><p>11-CT/TU</p>", f"<pre><code>171-KH/BTGTU</code></pre><p>{n('11-CT/TU')}</p>"),
    ("<svg><text>171-KH/BTGTU</text></svg>", "<svg><text>171-KH/BTGTU</text></svg>"),
    (f"<p>{n('171-KH/BTGTU')}</p>", f"<p>{n('171-KH/BTGTU')}</p>"),
    ("", ""),
    # A number in a comment, in a nested code element or in a span inside a kept number is not text to wrap.
    ("<!-- 171-KH/BTGTU <code> --><p>11-CT/TU</p>", f"<!-- 171-KH/BTGTU <code> --><p>{n('11-CT/TU')}</p>"),
    ("<pre><pre>1-KH/A</pre>2-KH/A</pre>3-KH/A", f"<pre><pre>1-KH/A</pre>2-KH/A</pre>{n('3-KH/A')}"),
    ("<CODE>1-KH/A</CODE ><code/>2-KH/A", f"<CODE>1-KH/A</CODE ><code/>{n('2-KH/A')}"),
    # The text of a <style> or a <script> is raw text: what looks like a tag in it is text, and the numbers after
    # the element are wrapped.
    ("<style><pre></style><p>171-KH/BTGTU</p>", f"<style><pre></style><p>{n('171-KH/BTGTU')}</p>"),
    ("<style>a<b{}</style><script>if(a<b){}</script>171-KH/BTGTU",
     f"<style>a<b{{}}</style><script>if(a<b){{}}</script>{n('171-KH/BTGTU')}"),
    # A tag whose name holds a "<" is one tag (as a browser reads it), not the start of an <svg>.
    ("<x<svg><p>171-KH/BTGTU</p>", f"<x<svg><p>{n('171-KH/BTGTU')}</p>"),
    ("<span-x>1-KH/A</span-x>", f"<span-x>{n('1-KH/A')}</span-x>"),
])
def test_numbers_are_wrapped_once_and_only_in_text(html: str, expected: str) -> None:
    assert keep_numbers_whole(html) == expected
