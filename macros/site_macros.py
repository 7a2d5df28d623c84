"""The mkdocs-macros entry point: loads and checks data/ once per build and defines the macros that
generated and hand-written pages call, rendered only through the allow-listed sandbox (macros/page_sandbox.py).
Each macro only picks a template and the entity by id; all layout lives in macros/templates/, all logic in the
domain modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import PluginError

from . import anniversaries_ahead, org_view, outline_view, plan_view, print_pack, timeline
from .load import load_data
from .model import Dataset
from .page_sandbox import MacroError, PageError, PageInfo, PageRenderer
from .pages import GeneratedPage, generated_pages
from .render import render_template
from .views import Views, build_date, index_path, page_path, relative_link


class DataError(PluginError):
    """Stops the build when data/ has problems; MkDocs prints the message (path:line:column lines), no traceback."""


def load_checked_dataset(project_dir: Path) -> Dataset:
    loaded = load_data(project_dir / "data", base=project_dir)
    from .validate import validate
    validate(loaded.dataset, loaded.problems)
    if loaded.problems:
        lines = "\n".join(problem.format() for problem in loaded.problems.sorted())
        raise DataError(f"Dữ liệu còn lỗi, trang web chưa được dựng:\n{lines}\n"
                        "Sửa các dòng trên (chạy \"sotay check\" để kiểm tra lại) rồi dựng lại trang.")
    return loaded.dataset


@dataclass
class Site:
    """What one build knows: the checked data, the views over it for the build date, and the pages to generate."""

    dataset: Dataset
    views: Views
    pages: list[GeneratedPage]


_current: Site | None = None


def current_site(project_dir: Path, configured_date: object = None) -> Site:
    """The site of the running build; the hooks reuse what define_env loaded instead of reading data twice."""
    global _current
    if _current is None:
        dataset = load_checked_dataset(project_dir)
        views = Views(dataset, build_date(configured_date))
        _current = Site(dataset, views, generated_pages(dataset, views))
    return _current


def _lookup(table: dict[str, Any], entity_id: str, what: str) -> Any:
    if entity_id not in table:
        raise MacroError(f"không có {what} nào mang mã \"{entity_id}\" trong data/; kiểm tra lại mã trong lời gọi "
                         "macro")
    return table[entity_id]


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


def page_macros(site: Site, here: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Every macro a page may call, by name: the ones generated pages call with ids, and the documented ones for
    hand-written pages (docs/huong-dan/macro.md). `here()` is the Markdown path of the page being rendered."""
    data, views = site.dataset, site.views

    def render(template: str, **context: Any) -> str:
        location = here()

        def link(kind: str, entity_id: str | int) -> str:
            return relative_link(location, page_path(kind, str(entity_id)))

        def index_link(kind: str) -> str:
            return relative_link(location, index_path(kind))

        def path_link(path: str) -> str:
            return relative_link(location, path)

        return render_template(template, v=views, data=data, here=location, link=link, index_link=index_link,
                               path_link=path_link, plan_view=plan_view, org_view=org_view,
                               outline_view=outline_view, **context)

    # ---- generated pages ----

    def event_page(event_id: str) -> str:
        return render("pages/event.md.j2", event=_lookup(data.events, event_id, "sự kiện"))

    def plan_page(plan_id: str) -> str:
        return render("pages/plan.md.j2", plan=_lookup(data.plans, plan_id, "kế hoạch"))

    def document_page(document_id: str) -> str:
        return render("pages/document.md.j2", doc=_lookup(data.documents, document_id, "văn bản"))

    def organisation_page(org_id: str) -> str:
        return render("pages/organisation.md.j2", org=_lookup(data.organisations, org_id, "cơ quan, đơn vị"))

    def outline_page(outline_id: str) -> str:
        return render("pages/outline.md.j2", outline=_lookup(data.outlines, outline_id, "đề cương"))

    def print_pack_page(event_id: str) -> str:
        return render("pages/print_pack.md.j2", event=_lookup(data.events, event_id, "sự kiện"),
                      print_pack=print_pack)

    def timeline_page(year: int) -> str:
        return render("pages/timeline.md.j2", year=year, chart=timeline.layout_year(views, year))

    def events_index() -> str:
        return render("pages/events_index.md.j2")

    def plans_index() -> str:
        return render("pages/plans_index.md.j2")

    def documents_index() -> str:
        return render("pages/documents_index.md.j2")

    def organisations_index() -> str:
        return render("pages/organisations_index.md.j2")

    def outlines_index() -> str:
        return render("pages/outlines_index.md.j2")

    def timeline_index() -> str:
        return render("pages/timeline_index.md.j2", chart=timeline.current_year_chart(views))

    def anniversaries_ahead_page() -> str:
        return render("pages/anniversaries_ahead.md.j2", ahead=anniversaries_ahead.ahead(views))

    # ---- for hand-written pages ----

    def data_summary() -> str:
        """Bảng số lượng dữ liệu hiện có."""
        return render("snippets/data_summary.md.j2", dataset=data)

    def home() -> str:
        """Trang chủ: đang tuyên truyền sâu đậm, sắp tới, đề cương dùng trong tháng, kế hoạch mới."""
        return render("snippets/home.md.j2")

    def event_card(event_id: str) -> str:
        """Thẻ tóm tắt một sự kiện: tên, ngày, thời gian tuyên truyền sâu đậm, đề cương."""
        return render("snippets/event_card.md.j2", event=_lookup(data.events, event_id, "sự kiện"))

    def task_table(unit: str | None = None, event: str | None = None, plan: str | None = None) -> str:
        """Bảng nhiệm vụ, lọc theo đơn vị (unit), sự kiện (event) hoặc kế hoạch (plan)."""
        tasks = data.tasks
        if unit is not None:
            _lookup(data.organisations, unit, "cơ quan, đơn vị")
            tasks = [t for t in tasks if any(r.id == unit for r in [*t.lead, *t.support])]
        if event is not None:
            _lookup(data.events, event, "sự kiện")
            tasks = [t for t in tasks if any(r.id == event for r in t.events)]
        if plan is not None:
            _lookup(data.plans, plan, "kế hoạch")
            tasks = [t for t in tasks if t.plan_id == plan]
        return render("snippets/task_table.md.j2", tasks=views.tasks_sorted(tasks), show_plan=plan is None)

    def year_timeline(year: int) -> str:
        """Dòng thời gian của một năm (hình vẽ và danh sách)."""
        return render("snippets/timeline.md.j2", year=year, chart=timeline.layout_year(views, year))

    def anniversaries(year: int) -> str:
        """Các ngày kỷ niệm năm chẵn (năm tròn, năm lẻ 5) của một năm."""
        return render("snippets/anniversaries.md.j2", year=year,
                      items=anniversaries_ahead.for_year(views, year))

    return {function.__name__: function for function in (
        event_page, plan_page, document_page, organisation_page, outline_page, print_pack_page, timeline_page,
        events_index, plans_index, documents_index, organisations_index, outlines_index, timeline_index,
        anniversaries_ahead_page, data_summary, home, event_card, task_table, year_timeline, anniversaries)}


def define_env(env: Any) -> None:
    """Called by mkdocs-macros once per build: load the data, and render pages only through the sandbox."""
    global _current
    _current = None
    site = current_site(Path(env.project_dir), env.conf.extra.get("build_date"))

    def here() -> str:
        page = env.page
        return page.file.src_uri if page is not None else "index.md"

    values = {"site_name": env.conf.site_name, "build_date": site.views.today}
    install_renderer(env, PageRenderer(page_macros(site, here), values))
