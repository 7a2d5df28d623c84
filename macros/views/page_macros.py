"""The macros pages call: the ones generated pages call with ids only (one page per record, one index per kind
of record, the timeline, the anniversaries ahead, the print packs and their index by month), and the documented
ones for hand-written pages (docs/huong-dan/macro.md). Each picks a template and the record by id; all layout lives
in the templates. The page sandbox (page_sandbox.py) checks their arguments before they run. No MkDocs here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from macros.core.kinds import BY_NAME, Kind
from . import anniversaries_ahead, timeline
from .page_sandbox import MacroError

if TYPE_CHECKING:
    from .site import Site


def _record(site: "Site", kind: Kind, record_id: str) -> Any:
    records = kind.records(site.data)
    if record_id not in records:
        raise MacroError(f"không có {kind.what} nào mang mã \"{record_id}\" trong data/; kiểm tra lại mã trong lời "
                         "gọi macro")
    return records[record_id]


def _kind_with_pages(name: str) -> Kind:
    kind = BY_NAME.get(name)
    if kind is None or kind.section is None:
        shown = ", ".join(k.name for k in BY_NAME.values() if k.section)
        raise MacroError(f"không có loại trang \"{name}\"; các loại có trang: {shown}")
    return kind


def page_macros(site: "Site", here: Callable[[], str]) -> dict[str, Callable[..., str]]:
    """Every macro a page may call, by name. `here()` is the Markdown path of the page being rendered."""
    data = site.data

    def render(template: str, **context: Any) -> str:
        return site.render(template, here(), **context)

    # ---- generated pages ----

    def record_page(kind: str, record_id: str) -> str:
        """The page of one record: pages/<kind>.md.j2, which receives the record under the kind's name."""
        found = _kind_with_pages(kind)
        return render(f"pages/{found.name}.md.j2", **{found.name: _record(site, found, record_id)})

    def record_index(kind: str) -> str:
        """The index page of a kind of record: pages/<folder>_index.md.j2."""
        return render(f"pages/{_kind_with_pages(kind).folder}_index.md.j2")

    def organisations_letter_page(level: str, letter: str) -> str:
        """A page of the split unit index (organisations.index_split): one level's units under one initial."""
        label, orgs = site.organisations.letter_page(level, letter)
        return render("pages/organisations_letter.md.j2", level=label, letter=letter, orgs=orgs)

    def documents_year_page(issuer: str, year: str) -> str:
        """A page of the split documents index (documents.index_split): one issuer's documents of one year."""
        org, docs = site.documents.year_page(issuer, year)
        return render("pages/documents_year.md.j2", org=org, year=year, docs=docs)

    def outlines_year_page(year: str) -> str:
        """A page of the split outlines index (outlines.index_split): the outlines of one year's events."""
        return render("pages/outlines_year.md.j2", year=site.outlines.year_page(year))

    def plan_progress_page(plan_id: str) -> str:
        """ke-hoach/<id>/tien-do/: the plan's progress and its tasks by lead unit, views the handbook makes of it."""
        return render("pages/plan_progress.md.j2", plan=_record(site, BY_NAME["plan"], plan_id))

    def unit_year_page(org_id: str, year: str) -> str:
        """don-vi/<id>/nam-<year>/: one year of a busy unit's past work (organisations.past_split)."""
        organisation = _record(site, BY_NAME["organisation"], org_id)
        return render("pages/organisation_year.md.j2", organisation=organisation,
                      year=site.organisations.past_year(org_id, year))

    def unit_documents_page(org_id: str, year: str) -> str:
        """don-vi/<id>/van-ban-<year>/: one year of the documents a unit issued (organisations.issued_split)."""
        organisation = _record(site, BY_NAME["organisation"], org_id)
        return render("pages/organisation_documents.md.j2", organisation=organisation,
                      year=site.organisations.issued_year(org_id, year))

    def print_pack_page(event_id: str) -> str:
        return render("pages/print_pack.md.j2", event=_record(site, BY_NAME["event"], event_id))

    def print_pack_index_page() -> str:
        """tai-lieu-chi-bo/: the print packs by month, from the build date."""
        return render("pages/print_pack_index.md.j2", pack_index=site.packs.index())

    def print_pack_year_page(year: str) -> str:
        """A page of the split index of the print packs (print_pack.PrintPacks.index_split): one past year's packs
        by month, or those whose time is unknown."""
        return render("pages/print_pack_year.md.j2", year=site.packs.year_page(year))

    def timeline_page(year: int) -> str:
        return render("pages/timeline.md.j2", year=year, chart=timeline.layout_year(site, year))

    def timeline_index() -> str:
        return render("pages/timeline_index.md.j2", chart=timeline.current_year_chart(site))

    def anniversaries_ahead_page() -> str:
        return render("pages/anniversaries_ahead.md.j2", ahead=anniversaries_ahead.ahead(site))

    # ---- for hand-written pages ----

    def data_summary() -> str:
        """Bảng số lượng dữ liệu hiện có."""
        return render("snippets/data_summary.md.j2", dataset=data)

    def home() -> str:
        """Trang chủ: đang tuyên truyền sâu đậm, sắp diễn ra (sự kiện, ngày kỷ niệm năm chẵn), tài liệu sinh hoạt
        chi bộ tháng này và tháng sau, đề cương dùng trong tháng (hoặc mới nhất), kế hoạch mới."""
        return render("snippets/home.md.j2")

    def event_card(event_id: str) -> str:
        """Thẻ tóm tắt một sự kiện: tên, ngày, thời gian tuyên truyền sâu đậm, đề cương."""
        return render("snippets/event_card.md.j2", event=_record(site, BY_NAME["event"], event_id))

    def task_table(unit: str | None = None, event: str | None = None, plan: str | None = None) -> str:
        """Bảng nhiệm vụ, lọc theo đơn vị (unit), sự kiện (event) hoặc kế hoạch (plan)."""
        tasks = data.tasks
        if unit is not None:
            _record(site, BY_NAME["organisation"], unit)
            tasks = [t for t in tasks if any(r.id == unit for r in [*t.lead, *t.support])]
        if event is not None:
            _record(site, BY_NAME["event"], event)
            tasks = [t for t in tasks if any(r.id == event for r in t.events)]
        if plan is not None:
            _record(site, BY_NAME["plan"], plan)
            tasks = [t for t in tasks if t.plan_id == plan]
        return render("snippets/task_table.md.j2", rows=site.tasks.sorted(site.tasks.entries(tasks)), show_plan=plan is None)

    def year_timeline(year: int) -> str:
        """Dòng thời gian của một năm (hình vẽ và danh sách)."""
        return render("snippets/timeline.md.j2", year=year, chart=timeline.layout_year(site, year))

    def anniversaries(year: int) -> str:
        """Các ngày kỷ niệm năm chẵn (năm tròn, năm lẻ 5) của một năm."""
        return render("snippets/anniversaries.md.j2", year=year, items=anniversaries_ahead.for_year(site, year))

    return {function.__name__: function for function in (
        record_page, record_index, organisations_letter_page, documents_year_page, outlines_year_page,
        plan_progress_page, unit_year_page, unit_documents_page, print_pack_page, print_pack_index_page,
        print_pack_year_page, timeline_page, timeline_index, anniversaries_ahead_page, data_summary, home, event_card,
        task_table, year_timeline, anniversaries)}
