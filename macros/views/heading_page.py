"""The HTML of a page whose Markdown is only headings and kept raw blocks, made without Python-Markdown: exactly
what Python-Markdown (with the toc and attr_list extensions) and MkDocs make of it. No MkDocs here.

Most generated pages are such pages: their paragraphs, lists and tables are raw HTML blocks kept out of the
conversion (raw_blocks.py), so that only the headings (`## Title {: #id .class }`) and the placeholders of the
blocks are left, between blank lines. Converting them still took Python-Markdown about a millisecond a page (its
preprocessors, block parser, tree processors and serialiser, for a dozen lines). `HeadingPages.convert` reads
such a page line by line and writes what those steps write: the headings with their ids (the toc extension's
slugs, made unique the way it makes them), classes and permalinks, the placeholders as raw HTML, the table of
contents, the page title MkDocs takes from a first-level heading, and the ids on the page. Anything else (a
paragraph, a list, an inline mark-up character, a heading set right under another line) makes it answer None,
and the page goes to Python-Markdown as before. tests/test_heading_page.py checks it against Python-Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify as default_slugify, unique

# Extensions that leave a page of headings and placeholders as Python-Markdown alone (with toc and attr_list)
# converts it: those of mkdocs.yml. Another one could give such lines a meaning of its own.
KNOWN_EXTENSIONS = frozenset({"toc", "attr_list", "tables", "fenced_code", "admonition", "pymdownx.details",
                              "sane_lists", "macros.views.safe_markdown", "macros.views.quick_inline"})
# The toc options read here; another option (a base level, a depth, anchor links…) changes what toc writes.
TOC_OPTIONS = frozenset({"permalink", "permalink_title", "slugify"})

_PLACEHOLDER = re.compile(r"<!--sotay-block:[0-9]+-->")
# "## Text {: #id .class }": the hashes, the text, the attribute list of ids and classes (attr_list).
_HEADING = re.compile(r"(#{1,6}) (.*?)(?: +\{:? *((?:[#.][\w-]+ +)*[#.][\w-]+) *\})? *")
# Text that Python-Markdown's inline step leaves as it is: no character that starts a pattern (code, emphasis,
# link, raw HTML, attribute list, heading mark, table cell), but a backslash escape of one that stands for itself
# in the HTML, or one of the entities md_escape writes.
_PLAIN_TEXT = re.compile(r"(?:[^\\`*_\[\]<>&{}#|]|\\[\\`*_{}\[\]()#+\-.!]|&(?:amp|lt|gt|quot|#34|#39);)*")
_ESCAPE = re.compile(r"\\(.)")
# Characters Python-Markdown's whitespace step rewrites or reads as its own markers.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
# What an attribute value must not hold to be written as it is (Python-Markdown escapes these).
_ATTRIBUTE_SPECIALS = re.compile(r'[&<>"]')


@dataclass(frozen=True)
class Converted:
    html: str
    toc_tokens: list[dict[str, Any]]  # as the toc extension leaves them in Markdown.toc_tokens (nested)
    title: str | None  # the text of the first-level heading that opens the page (MkDocs' title from the render)
    anchor_ids: frozenset[str]  # every id on the page


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str  # as written in the HTML
    classes: str | None
    id: str | None  # set in the attribute list


class HeadingPages:
    """Converts pages of headings and placeholders for one Markdown configuration (`for_markdown`)."""

    def __init__(self, slugify: Callable[[str, str], str], permalink: bool, permalink_title: str) -> None:
        self.slugify = slugify
        self.permalink = permalink
        self.permalink_title = permalink_title

    @classmethod
    def for_markdown(cls, extensions: Iterable[Any], configs: Mapping[str, Any] | None) -> HeadingPages | None:
        """The converter for MkDocs' `markdown_extensions` (names) and `mdx_configs`, or None when they could
        convert such a page otherwise than this module does."""
        names = set()
        for extension in extensions:
            if not isinstance(extension, str):
                return None
            names.add(extension)
        if not {"toc", "attr_list"} <= names or not names <= KNOWN_EXTENSIONS:
            return None
        toc = dict((configs or {}).get("toc") or {})
        if not set(toc) <= TOC_OPTIONS:
            return None
        slugify = toc.get("slugify", default_slugify)
        permalink = toc.get("permalink", False)
        title = toc.get("permalink_title", "Permanent link")  # the toc extension's defaults
        # toc writes no permalink for a value in (False, None), "&para;" for True, and any other value as its text.
        if permalink not in (False, None) and permalink is not True:
            return None
        if not callable(slugify) or not isinstance(title, str) or _ATTRIBUTE_SPECIALS.search(title):
            return None
        return cls(slugify, permalink is True, title)

    def convert(self, text: str) -> Converted | None:
        """What Python-Markdown and MkDocs make of `text`, or None when it is not only headings and placeholders,
        each alone between blank lines."""
        items = _read(text)
        if items is None:
            return None
        used = {item.id for item in items if isinstance(item, _Heading) and item.id is not None}
        counters: dict[str, int] = {}
        pieces: list[str] = []
        tokens: list[dict[str, Any]] = []
        for item in items:
            if isinstance(item, str):
                pieces.append(item + "\n")  # a raw block, as Python-Markdown passes it through
                continue
            name = " ".join(item.text.split())
            anchor = item.id if item.id is not None else unique(
                self.slugify(html.unescape(name), "-"), used, counters)
            if _ATTRIBUTE_SPECIALS.search(anchor):
                return None
            tokens.append({"level": item.level, "id": anchor, "name": name, "html": item.text,
                           "data-toc-label": ""})
            pieces.append(self._heading(item, anchor))
        first = items[0] if items else None
        title = tokens[0]["name"] if isinstance(first, _Heading) and first.level == 1 else None
        anchors = frozenset(token["id"] for token in tokens)
        return Converted("\n".join(pieces).strip(), nest_toc_tokens(tokens), title, anchors)

    def _heading(self, heading: _Heading, anchor: str) -> str:
        classes = f' class="{heading.classes}"' if heading.classes else ""
        link = ""
        if self.permalink:
            title = f' title="{self.permalink_title}"' if self.permalink_title else ""
            link = f'<a class="headerlink" href="#{anchor}"{title}>&para;</a>'
        return f'<h{heading.level}{classes} id="{anchor}">{heading.text}{link}</h{heading.level}>'


def _read(text: str) -> list[_Heading | str] | None:
    """The headings and placeholders of `text` in order, or None when it holds anything else."""
    if _CONTROL.search(text):
        return None
    items: list[_Heading | str] = []
    after_blank = True
    for line in text.split("\n"):
        if not line.strip(" "):
            after_blank = True
            continue
        if not after_blank:
            return None  # two lines of one block: a heading with text under it, or a raw block of two lines
        after_blank = False
        if line.startswith("<"):
            if not _PLACEHOLDER.fullmatch(line):
                return None
            items.append(line)
            continue
        heading = _heading(line)
        if heading is None:
            return None
        items.append(heading)
    return items


def _heading(line: str) -> _Heading | None:
    match = _HEADING.fullmatch(line)
    if match is None:
        return None
    hashes, written, attributes = match.groups()
    written = written.strip()
    if not written or not _PLAIN_TEXT.fullmatch(written):
        return None
    classes: list[str] = []
    anchor = None
    for word in (attributes or "").split():
        if word.startswith("."):
            classes.append(word[1:])
        else:
            anchor = word[1:]
    # A backslash escape stands for its character (escapes of &, < and > are refused above).
    return _Heading(len(hashes), _ESCAPE.sub(r"\1", written), " ".join(classes) or None, anchor)
