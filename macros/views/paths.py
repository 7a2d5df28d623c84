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


def relpath(path: str, start: str) -> str:
    """posixpath.relpath(path, start) for two paths inside the site, computed on the strings: relpath resolves both
    against the working directory first, two system calls for each of the links of every page."""
    if not path or path.startswith("/") or start.startswith("/") or ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    to = [part for part in path.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    shared = 0
    while shared < len(to) and shared < len(base) and to[shared] == base[shared]:
        shared += 1
    return "/".join([".."] * (len(base) - shared) + to[shared:]) or "."


def relative_link(here: str, target: str) -> str:
    """A link from one Markdown source to another, as MkDocs resolves and checks them."""
    return relpath(target, posixpath.dirname(here) or ".")


def page_url(page: str, use_directory_urls: bool = True) -> str:
    """The URL of a Markdown source inside the built site, as MkDocs writes it: "su-kien/x.md" is "su-kien/x/"
    (or "su-kien/x.html"), "su-kien/index.md" is "su-kien/", "index.md" is ""."""
    root, _ = posixpath.splitext(page)
    folder, name = posixpath.split(root)
    if name == "index":
        return f"{folder}/" if folder else ""
    return f"{root}/" if use_directory_urls else f"{root}.html"


def relative_url(here: str, target: str, directory_urls: bool = True) -> str:
    """A link from the built page of Markdown source `here` to that of `target`, for raw HTML (an SVG <a>), which
    MkDocs leaves as it is: relative, so it works from any folder, from file:// and in the offline copy."""
    target_url = page_url(target, directory_urls)
    link = relative_file_url(here, target_url or ".", directory_urls)
    return f"{link}/" if target_url.endswith("/") or not target_url else link


def relative_file_url(here: str, target: str, directory_urls: bool = True) -> str:
    """A link from the built page of Markdown source `here` to the file `target` (a site-relative path, not a page),
    for raw HTML: what MkDocs makes of the Markdown link relative_link(here, target)."""
    return relpath(target, _folder_of(here, directory_urls))


def _folder_of(here: str, directory_urls: bool) -> str:
    """The folder a built page's relative links start from."""
    here_url = page_url(here, directory_urls)
    base = here_url if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
    return base.rstrip("/") or "."
