"""Shows text that comes from data safely: Markdown without raw HTML, links only to safe schemes, and an
escape for text placed inside generated Markdown. Anyone who can open a pull request writes data; no
one's data may run a script in a reader's browser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Characters that Markdown gives meaning to inside a line; backslash-escaping them keeps text as text.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def is_safe_url(url: str) -> bool:
    """Relative links, fragments and the usual web schemes pass; javascript:, data:, vbscript: do not."""
    squeezed = re.sub(r"[\x00-\x20]+", "", url)
    match = _SCHEME_RE.match(squeezed)
    return match is None or f"{match.group(1).lower()}:" in SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    element.set(attribute, "#")


class SafeLinksExtension(Extension):
    """Neutralise links and images with unsafe schemes, on every page of the site."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "sotay_safe_links", 0)


def makeExtension(**kwargs) -> SafeLinksExtension:  # noqa: N802 - the name Python-Markdown looks for
    return SafeLinksExtension(**kwargs)


@lru_cache(maxsize=1)
def _data_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists", SafeLinksExtension()], output_format="html")
    # Without these two, raw HTML in data is escaped and shown as text instead of being passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def render_markdown(text: str | None) -> Markup:
    """Markdown from a data field, as safe HTML."""
    if not text:
        return Markup("")
    md = _data_markdown()
    md.reset()
    return Markup(md.convert(str(text)))


def md_escape(text: object) -> Markup:
    """Text from data, placed in generated Markdown so that it renders exactly as written."""
    # Backslash-escape first: escaping after HTML-escaping would break the entities ("&#39;" -> "&\#39;").
    return Markup(escape(_MD_SPECIALS.sub(r"\\\1", str(text)).replace("\n", " ")))
