"""MkDocs hooks: add the generated pages to the build, and run the macros' Jinja in a sandbox.

Thin on purpose: what to generate is decided by macros.pages, which knows nothing of MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from macros.site_macros import current_site


def on_files(files: Files, config) -> Files:
    site = current_site(Path(config.config_file_path).parent, config.extra.get("build_date"))
    for page in site.pages:
        if files.get_file_from_path(page.path) is None:  # a hand-written page of the same path wins
            files.append(File.generated(config, page.path, content=page.content))
    return files


def on_config(config):
    # Hooks run after the plugins listed in mkdocs.yml, so the macros plugin has built its environment.
    from macros.sandbox import sandbox_macros_plugin
    sandbox_macros_plugin(config.plugins["macros"])
    return config
