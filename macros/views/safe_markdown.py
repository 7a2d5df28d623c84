"""Shows text that comes from data safely: Markdown without raw HTML, links only to safe schemes (judged as a
browser judges them, macros/safe_html.py), and an escape for text placed inside generated Markdown. Anyone who
can open a pull request writes data; no one's data may run a script in a reader's browser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .quick_inline import QuickInlineExtension
from .safe_html import SRCSET_ATTRIBUTES, URL_ATTRIBUTES, is_safe_url, sanitise_html

# Characters that Markdown gives meaning to inside a line; backslash-escaping them keeps text as text.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def _unsafe(value: str) -> bool:
    # The serializer keeps "&#106;" as an entity but escapes a lone "&": judge the value both ways, so whichever
    # the page ends up holding, the browser cannot read a script URL from it.
    return not (is_safe_url(value) and is_safe_url(value, decoded=True))


class _PlainTextLinks(Treeprocessor):
    """Links and images to unsafe URLs become their text, before MkDocs checks links (and would warn about them)."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                self._neutralise(parent, child)

    def _neutralise(self, parent: etree.Element, child: etree.Element) -> None:
        unsafe = [name for name, value in child.attrib.items()
                  if name in URL_ATTRIBUTES and _unsafe(value)
                  or name in SRCSET_ATTRIBUTES and any(_unsafe(c.split()[0]) for c in value.split(",") if c.split())]
        if not unsafe:
            return
        if child.tag == "a":
            _unwrap(parent, child, child.text or "", list(child))
        elif child.tag == "img":
            _unwrap(parent, child, child.get("alt") or "", [])
        else:
            for name in unsafe:
                del child.attrib[name]


def _unwrap(parent: etree.Element, child: etree.Element, text: str, children: list[etree.Element]) -> None:
    """Put `text` and `children` where `child` was, keeping the text that followed it."""
    index = list(parent).index(child)
    previous = parent[index - 1] if index else None
    if previous is None:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    parent.remove(child)
    for offset, grandchild in enumerate(children):
        parent.insert(index + offset, grandchild)
    last = children[-1] if children else (parent[index - 1] if index else None)
    if last is None:
        parent.text = (parent.text or "") + (child.tail or "")
    else:
        last.tail = (last.tail or "") + (child.tail or "")


class SafeLinksExtension(Extension):
    """Links and images with script, data or file URLs are shown as plain text, on every page of the site."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Priority 2: after the table of contents (5), before MkDocs reads the title (1) and checks links (0).
        md.treeprocessors.register(_PlainTextLinks(md), "sotay_safe_links", 2)


def makeExtension(**kwargs) -> SafeLinksExtension:  # noqa: N802 - the name Python-Markdown looks for
    return SafeLinksExtension(**kwargs)


class DataMarkdown:
    """Renders Markdown fields of the data as safe HTML; one per build, since a converter keeps state."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["tables", "sane_lists", SafeLinksExtension(), QuickInlineExtension()],
                                     output_format="html")
        # Without these two, raw HTML in data is escaped and shown as text instead of being passed through.
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # A field is shown on several pages (a task on its plan's page and on each unit's): rendered once. The HTML
        # depends on the text alone (no link here is made relative to a page).
        self._rendered: dict[str, Markup] = {}

    def render(self, text: str | None) -> Markup:
        """Markdown from a data field, as safe HTML."""
        if not text:
            return Markup("")
        text = str(text)
        rendered = self._rendered.get(text)
        if rendered is None:
            self._md.reset()
            rendered = self._rendered[text] = Markup(sanitise_html(self._md.convert(text)))
        return rendered


def render_markdown(text: str | None) -> Markup:
    """One field rendered on its own (tests, one-off uses); a build renders through its DataMarkdown."""
    return DataMarkdown().render(text)


def md_escape(text: object) -> Markup:
    """Text from data, placed in generated Markdown so that it renders exactly as written."""
    # Backslash-escape first: escaping after HTML-escaping would break the entities ("&#39;" -> "&\#39;").
    return Markup(escape(_MD_SPECIALS.sub(r"\\\1", str(text)).replace("\n", " ")))
