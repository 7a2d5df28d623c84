"""Keeps document numbers whole on screen and on paper: "171-KH/BTGTU" never breaks into "171-" / "KH/BTGTU".

Browsers may end a line after a hyphen or a slash, so a number at the end of a line split in two, on a phone and in
the PDFs. Every document number in a page's text is wrapped in <span class="sotay-docno">, which sotay.css sets
`white-space: nowrap` (screen and print). The characters stay as the data writes them, so search finds the number
and copying it gives it back as typed.

Runs on a page's HTML after `sanitise_html` (macros/views/safe_html.py), which writes every tag with its attribute
values escaped ("<" and ">" included) and escapes "<" in text (not in the raw text of <script> and <style>, which
is read whole) and ">" in comments: a tag is then exactly a run from "<" to the next ">", and a number is in the
text exactly when the last "<" before it comes before the last ">". No MkDocs here.
"""

from __future__ import annotations

import bisect
import re

DOCNO_CLASS = "sotay-docno"

# A letter that starts a kind or issuer code: capital, Vietnamese ones included ("NĐ", "ĐU").
_CODE = r"[A-ZĐ][^\W_]*"
# Party: 171-KH/BTGTU, 36-HD/VPTW, 05-KL/TW-BCĐ. State: 125/KH-UBND, 30/2020/NĐ-CP, 145/2013/NĐ-CP. A date
# (15/6/2022) has no letter code, so it is never taken for a number. A number starts at a digit with no letter,
# digit, "/" or "-" before it; the check comes after that first digit, so the scan jumps from digit to digit (a
# pattern that opens with the look-behind is tried at every character of the page, three times slower).
NUMBER = re.compile(
    rf"\d(?<![\w/\-]\d)(?:\d*-{_CODE}/{_CODE}(?:-{_CODE})?|\d*/(?:\d{{4}}/)?{_CODE}(?:-{_CODE}){{0,2}})(?![\w/])"
)
# Text inside these is code, an SVG drawing (where a <span> is not allowed) or already kept whole.
_SKIP = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "title"})
# The tags that start or end text left alone (_SKIP, and <span>: a number already kept whole), each with the text
# and the other tags before it, read whole from "<" to ">" (a tag's name may hold a "<": "<x<svg>" is one tag of
# the name "x<svg"). Comments, and <script> and <style> with their text (raw text, which the sanitiser writes as
# it came, "<" included), are read whole too, so that a tag written inside one is not taken for a tag. A match
# that ends in none of them is the end of the page.
_NAMES = "|".join(sorted(_SKIP | {"span"}))
_SKIP_TAG = re.compile(
    rf"(?:[^<]++|<(?!!--|/?\s*(?:{_NAMES})(?![\w:-]))[^>]*+>)*+"
    r"(?:<!--[^>]*>"
    r"|<(?P<raw>script|style)(?![\w:-])[^>]*>(?P<text>.*?)</(?P=raw)\s*>"
    rf"|(?P<tag><(?P<end>/?)\s*(?P<name>{_NAMES})(?![\w:-])[^>]*>))?", re.I | re.S)
# Whether a page has any text left alone at all (most pages' content has none).
_ANY_SKIP = re.compile(rf"<\s*(?:{'|'.join(sorted(_SKIP))})(?![\w:-])|{DOCNO_CLASS}", re.I)


def keep_numbers_whole(html: str) -> str:
    """`html` (sanitised) with each document number in its text wrapped in <span class="sotay-docno">."""
    found = list(NUMBER.finditer(html))
    if not found:
        return html
    # A number is never inside a tag: a page has tens of numbers and thousands of tags, so each number is checked
    # where it is (no "<" in the text of sanitised HTML, nor in its attribute values) rather than each tag read.
    skipped = _skipped_text(html) if _ANY_SKIP.search(html) else []
    out: list[str] = []
    copied = 0
    for match in found:
        start = match.start()
        if html.rfind("<", 0, start) > html.rfind(">", 0, start) or _inside(skipped, start):
            continue  # in a tag or a comment, or in text left alone
        out.append(html[copied:start])
        out.append(f'<span class="{DOCNO_CLASS}">{match.group(0)}</span>')
        copied = match.end()
    out.append(html[copied:])
    return "".join(out)


def _skipped_text(html: str) -> list[int]:
    """Where text is left alone in `html`: [start, end, start, end, …], each from the end of the tag that opens a
    skipped element to the start of the tag that closes it (nested skipped elements inside it included)."""
    bounds: list[int] = []
    skipping: list[str] = []  # open elements whose text is left alone
    for tag in _SKIP_TAG.finditer(html):
        if tag.group("raw") and not skipping:
            bounds += [tag.start("text"), tag.end("text")]
            continue
        name, whole = tag.group("name", "tag")
        if name is None or whole.endswith("/>"):
            continue  # the end, a comment, raw text inside text already left alone, or an element without content
        name = name.lower()
        if tag.group("end"):
            if skipping and skipping[-1] == name:
                skipping.pop()
                if not skipping:
                    bounds.append(tag.start("tag"))
        elif (name in _SKIP or (name == "span" and DOCNO_CLASS in whole)
              or (skipping and name == skipping[-1])):  # the same element nested: its end tag closes this one first
            if not skipping:
                bounds.append(tag.end())
            skipping.append(name)
    if skipping:
        bounds.append(len(html))
    return bounds


def _inside(bounds: list[int], position: int) -> bool:
    """Whether `position` is in one of the [start, end) spans of `bounds` (_skipped_text)."""
    return bisect.bisect_right(bounds, position) % 2 == 1
