"""Where each page of the site lives, and links between pages as MkDocs checks them (relative to the Markdown
source of the page that links). The URL section of a record kind is declared with the kind (macros/core/kinds.py);
the sections here are the pages that show no single record."""

from __future__ import annotations

import posixpath

from macros.core.kinds import KINDS, PRINT_PACKS, TIMELINE

TIMELINE_SECTION = TIMELINE.section
PRINT_PACK_SECTION = PRINT_PACKS.section
ANNIVERSARIES_AHEAD_PATH = "ky-niem-sap-toi.md"
SECTIONS = {**{kind.name: kind.section for kind in KINDS if kind.section}, "timeline": TIMELINE_SECTION}


def page_path(kind: str, entity_id: str) -> str:
    """The Markdown source path of an entity's generated page, relative to docs/."""
    return f"{SECTIONS[kind]}/{entity_id}.md"


def index_path(kind: str) -> str:
    return f"{SECTIONS[kind]}/index.md"


def relative_link(here: str, target: str) -> str:
    """A link from one Markdown source to another, as MkDocs resolves and checks them."""
    return posixpath.relpath(target, posixpath.dirname(here) or ".")
