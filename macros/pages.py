"""The pages the build generates: one per event, plan, cited document, organisation and outline, plus the
index pages, the timeline years and the anniversaries ahead. Each page's Markdown holds only a macro call
with ids (checked to be plain slugs), never text from data, so nothing an editor writes is evaluated as a
template.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ID_RE
from .model import Dataset, Plan
from .views import Views, index_path, page_path

ANNIVERSARIES_AHEAD_PATH = "ky-niem-sap-toi.md"
MACRO_GUIDE_PATH = "huong-dan/macro.md"


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs/
    content: str
    source: str | None = None  # the data file it comes from, for "Sửa trang này"


def _call(macro: str, *ids: str | int) -> str:
    for value in ids:
        if isinstance(value, str) and not ID_RE.match(value):
            raise ValueError(f"not a plain id: {value!r}")  # ids were validated on load; this guards the template
    args = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in ids)
    return f"{{{{ {macro}({args}) }}}}\n"


def generated_pages(dataset: Dataset, views: Views) -> list[GeneratedPage]:
    pages: list[GeneratedPage] = []
    for event in dataset.events.values():
        pages.append(GeneratedPage(page_path("event", event.id), _call("event_page", event.id), event.pos.path))
    for doc in dataset.documents.values():
        kind = "plan" if isinstance(doc, Plan) else "document"
        pages.append(GeneratedPage(page_path(kind, doc.id), _call(f"{kind}_page", doc.id), doc.pos.path))
    for org in dataset.organisations.values():
        pages.append(GeneratedPage(page_path("organisation", org.id), _call("organisation_page", org.id),
                                   org.pos.path))
    for outline in dataset.outlines.values():
        pages.append(GeneratedPage(page_path("outline", outline.id), _call("outline_page", outline.id),
                                   outline.pos.path))
    for year in views.years():
        pages.append(GeneratedPage(page_path("timeline", str(year)), _call("timeline_page", year)))
    pages += [
        GeneratedPage(index_path("event"), _call("events_index")),
        GeneratedPage(index_path("plan"), _call("plans_index")),
        GeneratedPage(index_path("document"), _call("documents_index")),
        GeneratedPage(index_path("organisation"), _call("organisations_index")),
        GeneratedPage(index_path("outline"), _call("outlines_index")),
        GeneratedPage(index_path("timeline"), _call("timeline_index")),
        GeneratedPage(ANNIVERSARIES_AHEAD_PATH, _call("anniversaries_ahead_page")),
    ]
    return pages
