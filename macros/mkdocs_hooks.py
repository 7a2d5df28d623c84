"""MkDocs hooks: add the generated pages to the build, and make every page's HTML safe to show.

Thin on purpose: what to generate is decided by macros.pages, which knows nothing of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.safe_html import sanitise_html
from macros.site_macros import current_site


def on_files(files: Files, config) -> Files:
    site = current_site(Path(config.config_file_path).parent, config.extra.get("build_date"))
    for page in site.pages:
        if files.get_file_from_path(page.path) is None:  # a hand-written page of the same path wins
            files.append(File.generated(config, page.path, content=page.content))
    return files


def on_page_content(html: str, page, config, files) -> str:
    # Hand-written pages may hold raw HTML and data fields Markdown links: one pass over the final HTML of every
    # page judges each link as the browser will (before search, print and the offline copy use the page).
    return sanitise_html(html)
