"""Where a generated page sits between its section and itself, for the breadcrumb "Sự kiện › Năm 2024 › Kỷ niệm 70
năm …": the heading of the section's index page that lists it (the year of an event, the issuer of a plan or a
document, the level of a unit, the event of an outline), linked to that heading. The section part ("Sự kiện",
"Kế hoạch › Văn bản") comes from the site's navigation and the page's own title from the page; both are the
plugin's. No MkDocs here.

The anchors are never made from data text: a heading named by a record (an issuer, an event) carries the record's
id as its anchor (the index templates write `{: #id }`); a heading of fixed words (a year, a level) has the anchor
MkDocs' table of contents gives it (toc_slugify).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from macros.core.kinds import BY_NAME
from macros.core.vietnamese import toc_slugify
from . import outlines
from .paths import PRINT_PACK_SECTION, SECTIONS, index_path, page_path

if TYPE_CHECKING:
    from macros.core.model import Document, Event, Organisation, Outline
    from .site import Site


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb: a heading of an index page."""

    title: str  # plain text, as the heading reads
    target: str  # the Markdown source of the index page, relative to docs/
    anchor: str  # the id of the heading


def _heading(title: str) -> tuple[str, str]:
    """A heading of fixed words and the anchor the table of contents gives it."""
    return title, toc_slugify(title, "-")


# Each function names the heading its kind's index page lists a record under; keep them in step with the templates.

def _event_year(site: "Site", event: "Event") -> tuple[str, str]:
    # pages/events_index.md.j2
    return _heading(f"Năm {event.year}" if isinstance(event.year, int) else "Chưa rõ năm")


def _plan_issuer(site: "Site", plan: "Document") -> tuple[str, str] | None:
    # pages/plans_index.md.j2: the first issuer
    return (site.organisations.name(plan.issuer[0].id), plan.issuer[0].id) if plan.issuer else None


def _document_issuer(site: "Site", doc: "Document") -> tuple[str, str]:
    # pages/documents_index.md.j2: the first issuer
    org = site.data.organisations.get(doc.issuer[0].id) if doc.issuer else None
    return (org.display_name, org.id) if org else _heading("Chưa rõ cơ quan ban hành")


def _organisation_level(site: "Site", org: "Organisation") -> tuple[str, str]:
    # pages/organisations_index.md.j2
    return _heading(site.organisations.level_label(org))


def _outline_event(site: "Site", outline: "Outline") -> tuple[str, str]:
    # pages/outlines_index.md.j2: an outline serving two events is listed under both; the first by date. A split
    # index (outlines.index_split) lists the years of the events instead: the heading of the event's year.
    events = site.outlines.events(outline)
    if site.outlines.index_split():
        return _heading(outlines.year_label(site.outlines.year_key(events[0] if events else None)))
    return (site.events.title(events[0]), events[0].id) if events else _heading("Chưa gắn với sự kiện")


GROUPS: dict[str, Callable[["Site", Any], tuple[str, str] | None]] = {
    "event": _event_year,
    "plan": _plan_issuer,
    "document": _document_issuer,
    "organisation": _organisation_level,
    "outline": _outline_event,
}


def trail(site: "Site", path: str) -> tuple[Crumb, ...]:
    """The steps between the section and the generated page `path` (relative to docs/): () for a page that its
    section's index lists under no heading (a timeline year, a print pack the index lists), or for a path that is no
    record's."""
    folder, name = posixpath.split(path)
    record_id = posixpath.splitext(name)[0]
    if folder == PRINT_PACK_SECTION:
        return _pack_year(site, record_id)
    kind = next((k for k, section in SECTIONS.items() if section == folder), None)
    if kind not in GROUPS:
        return _below_record(site, folder)
    record = BY_NAME[kind].records(site.data).get(record_id)
    heading = GROUPS[kind](site, record) if record is not None else None
    return (Crumb(heading[0], index_path(kind), heading[1]),) if heading else ()


# The title of a record as the breadcrumb of a page under it names it; keep in step with the record's page title.
TITLES: dict[str, Callable[["Site", Any], str]] = {
    "plan": lambda site, plan: site.documents.cite_label(plan),
    "organisation": lambda site, org: org.name,
}


def _below_record(site: "Site", folder: str) -> tuple[Crumb, ...]:
    """A page under a record's page (ke-hoach/<id>/tien-do.md, don-vi/<id>/nam-2023.md): the record's own steps,
    then the record, linked to its page."""
    section, record_id = posixpath.split(folder)
    kind = next((k for k, name in SECTIONS.items() if name == section), None)
    if kind not in TITLES:
        return ()
    record = BY_NAME[kind].records(site.data).get(record_id)
    if record is None:
        return ()
    own = page_path(kind, record_id)
    return (*trail(site, own), Crumb(TITLES[kind](site, record), own, ""))


def _pack_year(site: "Site", event_id: str) -> tuple[Crumb, ...]:
    """An event's print pack on a split index of the packs (print_pack.PrintPacks.index_split): the page of the past
    year that lists it (pages/print_pack_year.md.j2). A pack the index itself lists has no step."""
    year = site.packs.year_of(event_id)
    return (Crumb(year.label, site.packs.year_page_path(year.key), ""),) if year else ()
