"""MkDocs hooks: each page says where it comes from ("Sửa trang này" opens the YAML file of a generated page,
the Markdown file of a hand-written one) and when that source last changed ("Cập nhật lần cuối")."""

from __future__ import annotations

import logging
from pathlib import Path

from macros import dates, provenance
from macros.site_macros import current_site

_state: dict = {}


def on_config(config):
    repo = Path(config.config_file_path).parent
    _state["repo"] = repo
    _state["dates"] = provenance.last_changed(repo)
    address = provenance.repository_url(repo, config.extra.get("repo_url"))
    if address.warning:
        # Not MkDocs' logger: in strict mode its warnings stop the build, and a site without edit links is fine.
        logging.getLogger("sotay").warning(address.warning)
    _state["base"] = address.url
    _state["branch"] = provenance.current_branch(repo)
    _state["template"] = config.extra.get("edit_template")
    return config


def on_files(files, config):
    site = current_site(Path(config.config_file_path).parent, config.extra.get("build_date"))
    _state["sources"] = {page.path: page.source for page in site.pages}
    return files


def on_page_markdown(markdown, page, config, files):
    src = page.file.src_uri
    if page.file.generated_by is None:  # hand-written: the Markdown file itself
        docs = Path(config.docs_dir).resolve().relative_to(_state["repo"].resolve()).as_posix()
        source = f"{docs}/{src}"
    else:  # generated: the data file it shows, or none for pages made from all the data (indexes)
        source = _state.get("sources", {}).get(src)
    changed = _state["dates"].get(source) if source else provenance.newest_under(_state["dates"], "data")
    page.meta["sotay_source"] = source
    page.meta["sotay_updated"] = f"ngày {dates.format_date(changed)}" if changed else None
    page.edit_url = (provenance.edit_url(_state["base"], _state["template"], _state["branch"], source)
                     if source else None)
    return markdown
