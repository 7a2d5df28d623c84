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
])
def test_numbers_are_wrapped_once_and_only_in_text(html: str, expected: str) -> None:
    assert keep_numbers_whole(html) == expected
