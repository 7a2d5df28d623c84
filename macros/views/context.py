"""The context every page template is rendered with: one object per concern of the site, the build date, link
helpers relative to the page, and the print links. Built in this one place, for generated pages, print packs and
the macros of hand-written pages alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import calendar_links, text
from .paths import index_path, page_path, relative_file_url, relative_link, relative_url

if TYPE_CHECKING:
    from .site import Site


def page_context(site: "Site", here: str) -> dict[str, Any]:
    """`here` is the Markdown source path of the page being rendered, relative to docs/."""
    def link(kind: str, entity_id: str | int) -> str:
        return relative_link(here, page_path(kind, str(entity_id)))

    def html_link(kind: str, entity_id: str | int) -> str:
        """The same target as link(), for raw HTML: the built page's URL, which MkDocs does not rewrite there."""
        return relative_url(here, page_path(kind, str(entity_id)), site.directory_urls)

    def index_link(kind: str) -> str:
        return relative_link(here, index_path(kind))

    def path_link(path: str) -> str:
        return relative_link(here, path)

    def html_path_link(path: str) -> str:
        """The same target as path_link(), for raw HTML."""
        return relative_url(here, path, site.directory_urls)

    def html_file_link(path: str) -> str:
        """The link to a file of the site that is not a page (a PDF), for raw HTML."""
        return relative_file_url(here, path, site.directory_urls)

    def html_feed_link(kind: str, entity_id: str | None = None) -> str:
        """The link to a calendar feed, for raw HTML (partials/calendar_link.md.j2)."""
        return calendar_links.feed_url(here, kind, entity_id, site.directory_urls)

    return dict(data=site.data, today=site.today, events=site.events, documents=site.documents, plans=site.plans,
                tasks=site.tasks, progress=site.progress, organisations=site.organisations, outlines=site.outlines,
                home=site.home, packs=site.packs, here=here, link=link, html_link=html_link, index_link=index_link,
                path_link=path_link, html_path_link=html_path_link, text=text, sotay_print=site.print_links,
                html_file_link=html_file_link, html_feed_link=html_feed_link)
