"""Keeps document numbers whole on screen and on paper: "171-KH/BTGTU" never breaks into "171-" / "KH/BTGTU".

Browsers may end a line after a hyphen or a slash, so a number at the end of a line split in two, on a phone and in
the PDFs. Every document number in a page's text is wrapped in <span class="sotay-docno">, which sotay.css sets
`white-space: nowrap` (screen and print). The characters stay as the data writes them, so search finds the number
and copying it gives it back as typed.

Runs on a page's HTML after `sanitise_html` (macros/views/safe_html.py), which writes every tag with its attribute
values escaped ("<" and ">" included) and escapes "<" in text and ">" in comments: a tag is then exactly a run from
"<" to the next ">". The build hands over the pieces the sanitiser wrote, so the page is not split again. No MkDocs
here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DOCNO_CLASS = "sotay-docno"

# A letter that starts a kind or issuer code: capital, Vietnamese ones included ("NĐ", "ĐU").
_CODE = r"[A-ZĐ][^\W_]*"
# Party: 171-KH/BTGTU, 36-HD/VPTW, 05-KL/TW-BCĐ. State: 125/KH-UBND, 30/2020/NĐ-CP, 145/2013/NĐ-CP. A date
# (15/6/2022) has no letter code, so it is never taken for a number.
NUMBER = re.compile(
    rf"(?<![\w/\-])(?:\d+-{_CODE}/{_CODE}(?:-{_CODE})?|\d+/(?:\d{{4}}/)?{_CODE}(?:-{_CODE}){{0,2}})(?![\w/])"
)
_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")
# Text inside these is code, an SVG drawing (where a <span> is not allowed) or already kept whole.
_SKIP = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "title"})


def _wrap(text: str) -> str:
    return NUMBER.sub(lambda m: f'<span class="{DOCNO_CLASS}">{m.group(0)}</span>', text)


def keep_numbers_whole(html: str) -> str:
    """`html` (sanitised) with each document number in its text wrapped in <span class="sotay-docno">."""
    if not html or not NUMBER.search(html):
        return html
    return join_keeping_numbers_whole(_TAG.split(html))


def join_keeping_numbers_whole(pieces: Iterable[str]) -> str:
    """The sanitised HTML written in `pieces` (tags whole, as `sanitise_pieces` gives them or as `_TAG` splits),
    joined with each document number in its text wrapped; a number may span consecutive pieces of text."""
    out: list[str] = []
    text: list[str] = []  # the pieces of text since the last tag
    skipping: list[str] = []  # open elements whose text is left alone
    for piece in pieces:
        if not (piece.startswith("<") and piece.endswith(">")):
            text.append(piece)
            continue
        if text:
            out.append("".join(text) if skipping else _wrap("".join(text)))
            text = []
        out.append(piece)
        name = _NAME.match(piece)
        if name is None or piece.endswith("/>"):
            continue
        tag = name.group(1).lower()
        if piece.startswith("</"):
            if skipping and skipping[-1] == tag:
                skipping.pop()
        elif tag in _SKIP or (tag == "span" and DOCNO_CLASS in piece):
            skipping.append(tag)
        elif skipping and tag == skipping[-1]:
            skipping.append(tag)  # the same element nested: its end tag closes this one first
    if text:
        out.append("".join(text) if skipping else _wrap("".join(text)))
    return "".join(out)
