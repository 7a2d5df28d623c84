"""MkDocs hooks for the site's own Vietnamese search (it replaces Material's lunr search, see macros/search_index.py).

on_page_content collects the text of every rendered page (plus the short names, symbols and aliases of an
organisation, the number and subject of a plan or document, the name of an event); on_post_build writes the
index to search/sotay-index.js, which docs/assets/sotay-search.js loads with a <script> element.
"""

from __future__ import annotations

from pathlib import Path

from macros.fields import UNKNOWN
from macros.model import Plan
from macros.search_index import INDEX_PATH, PageText, build_index, extract_page, index_script
from macros.site_macros import current_site
from macros.views import SECTIONS

_pages: dict[str, PageText] = {}
_KIND_OF_SECTION = {section: kind for kind, section in SECTIONS.items()}


def on_pre_build(config) -> None:
    _pages.clear()  # `mkdocs serve` rebuilds in the same process


def _known(value: object) -> str | None:
    return value if isinstance(value, str) and value is not UNKNOWN and value.strip() else None


def _entity_terms(src_uri: str, config) -> tuple[list[str], list[str]]:
    """(other titles, keywords) of the entity a generated page shows, from the data."""
    section, _, name = src_uri.partition("/")
    kind = _KIND_OF_SECTION.get(section)
    entity_id = name.removesuffix(".md")
    if kind is None or not name.endswith(".md") or "/" in name or entity_id == "index":
        return [], []
    dataset = current_site(Path(config.config_file_path).parent, config.extra.get("build_date")).dataset
    if kind == "organisation" and (org := dataset.organisations.get(entity_id)):
        return [], [org.name, org.short or "", org.symbol or "", *org.aliases]
    if kind in ("plan", "document") and (doc := dataset.documents.get(entity_id)):
        if (kind == "plan") != isinstance(doc, Plan):
            return [], []
        return [t for t in [_known(doc.title)] if t], [n for n in [_known(doc.number)] if n]
    if kind == "event" and (event := dataset.events.get(entity_id)):
        return [], [event.name]
    return [], []


def on_page_content(html: str, page, config, files) -> str:
    search = (page.meta or {}).get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return html
    titles, keywords = _entity_terms(page.file.src_uri, config)
    _pages[page.file.src_uri] = extract_page(html, page.url, page.title, titles=titles, keywords=keywords)
    return html


def on_post_build(config) -> None:
    pages = sorted(_pages.values(), key=lambda page: page.url)
    target = Path(config.site_dir) / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(build_index(pages)), encoding="utf-8")
