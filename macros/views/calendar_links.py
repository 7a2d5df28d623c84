"""Where the calendar feeds (.ics, macros/outputs/calendar.py) live in the site, and the links pages make to them.
No MkDocs here: the plugin lists each feed under `feed_path` before the build (MkDocs copies it as any other file),
and the page templates link to it with `feed_url` (partials/calendar_link.md.j2 writes the link as a raw HTML
block: the URL of the built file, as MkDocs makes it of the Markdown link `feed_link`).

    lich/su-kien.ics              every event: its day and its focus window
    lich/don-vi/<id>.ics          the deadlines of what a unit leads or supports
    lich/ke-hoach/<id>.ics        the deadlines of a plan's tasks
"""

from __future__ import annotations

from .paths import SECTIONS, relative_file_url, relative_link

FOLDER = "lich"
# The kinds of record that have a feed of their own; "event" has one feed for all events.
FEED_KINDS = ("organisation", "plan")


def feed_path(kind: str, entity_id: str | None = None) -> str:
    """The site-relative path of a feed: feed_path("event") for all events, feed_path("plan", "171-kh-btgtu")."""
    if kind == "event" and entity_id is None:
        return f"{FOLDER}/{SECTIONS['event']}.ics"
    if kind not in FEED_KINDS or not entity_id:
        raise ValueError(f"no calendar feed for {kind!r} {entity_id!r}")
    return f"{FOLDER}/{SECTIONS[kind]}/{entity_id}.ics"


def feed_link(here: str, kind: str, entity_id: str | None = None) -> str:
    """The link from the page whose Markdown source is `here` to a feed, relative, as MkDocs checks it."""
    return relative_link(here, feed_path(kind, entity_id))


def feed_url(here: str, kind: str, entity_id: str | None = None, directory_urls: bool = True) -> str:
    """The same link for raw HTML: from the built page of `here` to the feed, relative."""
    return relative_file_url(here, feed_path(kind, entity_id), directory_urls)
