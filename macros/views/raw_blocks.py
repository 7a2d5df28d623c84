"""Raw HTML blocks of a generated page kept out of the Markdown conversion: a page template writes a block through
the `block` filter, which keeps it and writes a placeholder (an HTML comment) in its place; once the page is
converted, `restore` puts the blocks back where their placeholders are. No MkDocs here.

Python-Markdown and MkDocs each read every raw HTML block of a page with html.parser, one to find where the block
ends, the other to find its ids; a busy unit's task list, written as HTML, made that a quarter of the conversion of
its page. A placeholder is one short comment to both. The ids of the kept blocks are handed back with the page, so
that links to them are checked as before. A block is kept only where the template writes it alone between blank
lines (a raw block Markdown passes through as it is), and the page's HTML is made safe after the blocks are back.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup

_PLACEHOLDER = re.compile(r"<!--sotay-block:(\d+)-->")
# What MkDocs reads as an anchor of a raw HTML block: every id, and the name of an <a> (pages._HTMLHandler).
_ANCHOR = re.compile(r"<(?:[^>]*?\s)?id=\"([^\"]*)\"|<a\s(?:[^>]*?\s)?name=\"([^\"]*)\"")


class LostBlock(RuntimeError):
    """A kept block whose placeholder did not reach the converted page (a template wrote it where Markdown does not
    pass raw HTML through)."""


@dataclass(frozen=True)
class Restored:
    html: str
    anchors: frozenset[str]  # the ids (and <a name>s) of the blocks put back


class RawBlocks:
    """The blocks kept while one page is rendered, until its converted HTML gets them back. One per build and
    process: a page is rendered, converted and restored in the same process, one page after another."""

    def __init__(self) -> None:
        self._kept: dict[str, str] = {}
        self._count = 0

    def keep(self, block: str) -> Markup:
        """The `block` filter: `block` (HTML) kept, its placeholder written between the new lines that surround it.
        A block kept inside another one goes back into it here."""
        text = _PLACEHOLDER.sub(lambda match: self._kept.pop(match[1], match[0]), str(block))
        inner = text.strip("\n")
        if not inner:
            return Markup(text)
        self._count += 1
        key = str(self._count)
        self._kept[key] = inner
        start = text.index(inner)
        return Markup(f"{text[:start]}<!--sotay-block:{key}-->{text[start + len(inner):]}")

    def restore(self, page_html: str) -> Restored:
        """`page_html` with every kept block back in place of its placeholder; LostBlock when one has no place."""
        if not self._kept:
            return Restored(page_html, frozenset())
        kept, self._kept = self._kept, {}
        placed: set[str] = set()

        def place(match: re.Match[str]) -> str:
            if match[1] not in kept:
                return match[0]
            placed.add(match[1])
            return kept[match[1]]

        restored = _PLACEHOLDER.sub(place, page_html)
        lost = kept.keys() - placed
        if lost:
            raise LostBlock(f"{len(lost)} khối HTML của trang không về được chỗ của nó sau khi chuyển Markdown "
                            "(mẫu trang đặt bộ lọc block ở chỗ Markdown không giữ nguyên HTML)")
        anchors = {html.unescape(id_ or name) for block in kept.values()
                   for id_, name in _ANCHOR.findall(block)}
        return Restored(restored, frozenset(anchors))

    def clear(self) -> None:
        """Forget what a page that failed to render had kept."""
        self._kept = {}
