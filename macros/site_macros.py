"""The mkdocs-macros entry point: loads and checks data/ once per build and exposes the macros that
generated and hand-written pages call. Each macro only picks a template and the entity by id; all
layout lives in macros/templates/, all logic in the domain modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from mkdocs.exceptions import PluginError
from mkdocs_macros.errors import format_error

from . import anniversaries_ahead, org_view, outline_view, plan_view, timeline
from .load import load_data
from .model import Dataset
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


class Unknown(PluginError):
    """A macro was called with an id that is not in the data: the build stops and says which."""


# mkdocs-macros prints a Python traceback for a failing page; editors get one Vietnamese line instead.
@format_error.register
def _format_unknown(error: Unknown, markdown: str, page: Any) -> str:
    return f"Lỗi macro trong trang {page.file.src_path}: {error}. Kiểm tra lại mã trong lời gọi macro."


@format_error.register
def _format_security(error: SecurityError, markdown: str, page: Any) -> str:
    return (f"Trang {page.file.src_path} bị từ chối vì lý do an toàn: {str(error).rstrip('.')}. Trang chỉ được gọi các macro "
            "đã hướng dẫn, không được truy cập thành phần bên trong của Python.")


@format_error.register
def _format_undefined(error: UndefinedError, markdown: str, page: Any) -> str:
    return (f"Trang {page.file.src_path} dùng biến hoặc macro không tồn tại ({error}). Xem danh sách macro ở "
            "trang \"Macro cho trang viết tay\".")


@format_error.register
def _format_syntax(error: TemplateSyntaxError, markdown: str, page: Any) -> str:
    line = markdown.splitlines()[error.lineno - 1] if error.lineno else ""
    return (f"Trang {page.file.src_path}, dòng {error.lineno}: cú pháp macro sai ({error.message}): {line.strip()}")


def _lookup(table: dict[str, Any], entity_id: str, what: str) -> Any:
    if entity_id not in table:
        raise Unknown(f"không có {what} nào mang mã \"{entity_id}\" trong data/")
    return table[entity_id]


def define_env(env: Any) -> None:
    global _current
    _current = None
    site = current_site(Path(env.project_dir), env.conf.extra.get("build_date"))
    data, views = site.dataset, site.views

    def here() -> str:
        page = env.page
        return page.file.src_uri if page is not None else "index.md"

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

    @env.macro
    def event_page(event_id: str) -> str:
        return render("pages/event.md.j2", event=_lookup(data.events, event_id, "sự kiện"))

    @env.macro
    def plan_page(plan_id: str) -> str:
        return render("pages/plan.md.j2", plan=_lookup(data.plans, plan_id, "kế hoạch"))

    @env.macro
    def document_page(document_id: str) -> str:
        return render("pages/document.md.j2", doc=_lookup(data.documents, document_id, "văn bản"))

    @env.macro
    def organisation_page(org_id: str) -> str:
        return render("pages/organisation.md.j2", org=_lookup(data.organisations, org_id, "cơ quan, đơn vị"))

    @env.macro
    def outline_page(outline_id: str) -> str:
        return render("pages/outline.md.j2", outline=_lookup(data.outlines, outline_id, "đề cương"))

    @env.macro
    def timeline_page(year: int) -> str:
        return render("pages/timeline.md.j2", year=year, chart=timeline.layout_year(views, year))

    @env.macro
    def events_index() -> str:
        return render("pages/events_index.md.j2")

    @env.macro
    def plans_index() -> str:
        return render("pages/plans_index.md.j2")

    @env.macro
    def documents_index() -> str:
        return render("pages/documents_index.md.j2")

    @env.macro
    def organisations_index() -> str:
        return render("pages/organisations_index.md.j2")

    @env.macro
    def outlines_index() -> str:
        return render("pages/outlines_index.md.j2")

    @env.macro
    def timeline_index() -> str:
        return render("pages/timeline_index.md.j2", chart=timeline.current_year_chart(views))

    @env.macro
    def anniversaries_ahead_page() -> str:
        return render("pages/anniversaries_ahead.md.j2", ahead=anniversaries_ahead.ahead(views))

    # ---- for hand-written pages ----

    @env.macro
    def data_summary() -> str:
        """Bảng số lượng dữ liệu hiện có."""
        return render("snippets/data_summary.md.j2", dataset=data)

    @env.macro
    def home() -> str:
        """Trang chủ: đang tuyên truyền sâu đậm, sắp tới, đề cương dùng trong tháng, kế hoạch mới."""
        return render("snippets/home.md.j2")

    @env.macro
    def event_card(event_id: str) -> str:
        """Thẻ tóm tắt một sự kiện: tên, ngày, thời gian tuyên truyền sâu đậm, đề cương."""
        return render("snippets/event_card.md.j2", event=_lookup(data.events, event_id, "sự kiện"))

    @env.macro
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

    @env.macro
    def year_timeline(year: int) -> str:
        """Dòng thời gian của một năm (hình vẽ và danh sách)."""
        return render("snippets/timeline.md.j2", year=year, chart=timeline.layout_year(views, year))

    @env.macro
    def anniversaries(year: int) -> str:
        """Các ngày kỷ niệm năm chẵn (năm tròn, năm lẻ 5) của một năm."""
        return render("snippets/anniversaries.md.j2", year=year,
                      items=anniversaries_ahead.for_year(views, year))
