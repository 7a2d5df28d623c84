"""Routes the page rendering of mkdocs-macros through the allow-listed sandbox (macros/views/page_sandbox.py).

mkdocs-macros stays the engine that renders the Jinja of every page, hand-written or generated; what a page sees
is decided here, not by the plugin's defaults (which hand every page the MkDocs config, the plugin objects, its
own Jinja environment and the process environment).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros.views.page_sandbox import PageError, PageInfo, PageRenderer

# mkdocs-macros imports and runs this module of the project folder, if there is one, whatever mkdocs.yml says.
MACROS_LOCAL_MODULE = "main"


def refuse_local_module(project: Path) -> None:
    """A main.py (or main/) beside mkdocs.yml would be run by mkdocs-macros on the build machine: refuse it."""
    for found in (project / f"{MACROS_LOCAL_MODULE}.py", project / MACROS_LOCAL_MODULE):
        if found.exists() or found.is_symlink():
            raise PluginError(f"{found.name}{'/' if found.is_dir() else ''}: mkdocs-macros sẽ chạy mã Python trong "
                              "tệp này khi dựng trang; sổ tay không dùng nó. Hãy xóa nó (mã chương trình chỉ nằm "
                              "trong macros/, do người quản trị kỹ thuật duyệt).")


def _page_info(page: Any, config: Any, markdown: str) -> PageInfo:
    """The page as its template may see it, and where its Markdown starts in the file (after front matter)."""
    file = page.file
    if file.generated_by is None:
        docs = Path(config.docs_dir).resolve()
        try:
            path = docs.relative_to(Path(config.config_file_path).parent.resolve()).as_posix() + "/" + file.src_uri
        except ValueError:
            path = file.src_uri
        raw = file.content_string
        offset = raw[:len(raw) - len(markdown)].count("\n") if raw.endswith(markdown) else 0
    else:
        path, offset = f"{file.src_uri} (trang sinh tự động)", 0
    return PageInfo(path=path, title=page.title, url=page.url, meta=dict(page.meta or {}), line_offset=offset)


def install_renderer(plugin: Any, renderer: PageRenderer) -> None:
    """mkdocs-macros renders every page through `plugin.render`; route it to the allow-listed sandbox.

    The plugin's own context (the MkDocs config with every plugin instance, its Jinja environment, `context()`,
    `macros_info()`, the process environment) never reaches a page.
    """
    def render(markdown: str, force_rendering: bool = False) -> str:
        page = plugin.page
        if page is None:
            raise PluginError("mkdocs-macros gọi dựng một trang khi chưa có trang nào; hãy báo người quản trị.")
        if (page.meta or {}).get("render_macros") is False:
            return markdown
        try:
            return renderer.render(markdown, _page_info(page, plugin.conf, markdown))
        except PageError as error:
            raise PluginError(f"{error}. Trang chưa được dựng; sửa dòng đó rồi dựng lại.") from None

    plugin.render = render
