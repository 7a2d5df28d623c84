"""Python-Markdown's inline step, trying on each piece of text only the inline patterns that could match it.

Python-Markdown tries each of its inline patterns (links, emphasis, code, raw HTML, entities…) on every piece of
text, one Python call per pattern and piece: on the generated pages, most pieces are plain words ("Thời gian:
Chưa rõ"), and the loop cost about a quarter of converting them. Every standard pattern needs a character of its
own to match (a backquote, a backslash, "[", "<", "&", an emphasis delimiter, or two spaces before a line break):
a pattern whose character is not in the text is passed over. The output is the same byte for byte. When an
extension registers a pattern this module does not know, every pattern is tried, as in Python-Markdown."""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import DelimiterProcessor
from markdown import util
from markdown.treeprocessors import InlineProcessor

# What a match of each standard pattern (markdown.inlinepatterns.build_inlinepatterns) must contain.
_NEEDS = {
    "backtick": "`", "escape": "\\", "reference": "[", "link": "[", "image_link": "[", "image_reference": "[",
    "short_reference": "[", "short_image_ref": "[", "autolink": "<", "automail": "<", "linebreak": "  \n",
    "html": "<", "entity": "&",
}


def pattern_needs(md: markdown.Markdown) -> list[tuple[str, ...]] | None:
    """For each registered inline pattern of `md`, in the order they are tried, what a piece of text must contain
    (one of) for it to match; None when a pattern is not a standard one (anything may match it)."""
    patterns = list(md.inlinePatterns)  # in the order they are tried
    needs: list[tuple[str, ...]] = [()] * len(patterns)
    for item in md.inlinePatterns._priority:  # the registry has no public list of names
        index, pattern = md.inlinePatterns.get_index_for_name(item.name), md.inlinePatterns[item.name]
        if type(pattern) is DelimiterProcessor:
            needs[index] = tuple(pattern.tokens)  # "*" and "_", or what an extension added
        elif item.name in _NEEDS and type(pattern).__module__ == "markdown.inlinepatterns":
            needs[index] = (_NEEDS[item.name],)
        else:
            return None
    return needs


class QuickInlineProcessor(InlineProcessor):
    """The standard inline step, trying on a piece of text only the patterns that could match it."""

    needs: list[tuple[str, ...]] | None = None

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        # Decided per document: extensions register their patterns after this one is made.
        self.needs = pattern_needs(self.md)
        self.patterns = list(self.inlinePatterns)
        if self.needs is not None:
            wanted = sorted({need for needs in self.needs for need in needs})
            self.wanted = re.compile("|".join(map(re.escape, wanted)) or r"(?!)")
            self.tried: dict[frozenset[str], list[int]] = {}
        return super().run(tree, ancestors)

    def _tried(self, present: frozenset[str]) -> list[int]:
        """The indexes of the patterns worth trying on text holding `present` (of what patterns need)."""
        tried = self.tried.get(present)
        if tried is None:
            tried = self.tried[present] = [i for i, needs in enumerate(self.needs or []) if present.intersection(needs)]
        return tried

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # The parent class calls this under its private name. This is its loop over the patterns from
        # patternIndex on, except that a pattern is tried only when the text holds what the pattern needs:
        # matching only ever replaces text by placeholders, so a pattern passed over could not match later either.
        if self.needs is None or isinstance(data, util.AtomicString):
            return super()._InlineProcessor__handleInline(data, patternIndex)
        tried = self._tried(frozenset(self.wanted.findall(data)))
        k, start = bisect.bisect_left(tried, patternIndex), 0
        while k < len(tried):
            index = tried[k]
            data, matched, start = self._InlineProcessor__applyPattern(self.patterns[index], data, index, start)
            if not matched:
                k, start = k + 1, 0
        return data


class QuickInlineExtension(Extension):
    """Registers QuickInlineProcessor in place of the standard inline step."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(QuickInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs) -> QuickInlineExtension:  # noqa: N802 - the name Python-Markdown looks for
    return QuickInlineExtension(**kwargs)
