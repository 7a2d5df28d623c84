"""The pages the build generates: one per event, plan, cited document, organisation and outline, plus the
index pages, the timeline years, the anniversaries ahead, each event's print pack for chi bộ meetings and the index
of the packs by month. Each page's Markdown holds only a macro call with ids (checked to be plain slugs), never text
from data, so nothing an editor writes is evaluated as a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.core.fields import ID_RE
from macros.core.kinds import KINDS, kind_of
from . import print_pack
from . import outlines, organisations
from .documents import year_page_path
from .organisations import letter_page_path
from .plans import progress_page_path
from .paths import ANNIVERSARIES_AHEAD_PATH, index_path, page_path

if TYPE_CHECKING:
    from .site import Site



@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs/
    content: str
    source: str | None = None  # the data file it comes from, for "Sửa trang này"
    # False: not in the navigation unless mkdocs.yml's nav names it (print packs and their index, the offline page)
    listed: bool = True
    titles: tuple[str, ...] = ()  # other titles the search finds the page by: a document's subject
    keywords: tuple[str, ...] = ()  # short names, symbols, aliases, numbers: matched by the search too


def _call(macro: str, *ids: str | int) -> str:
    for value in ids:
        if isinstance(value, str) and not ID_RE.match(value):
            raise ValueError(f"not a plain id: {value!r}")  # ids were validated on load; this guards the template
    args = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in ids)
    return f"{{{{ {macro}({args}) }}}}\n"


def generated_pages(site: "Site") -> list[GeneratedPage]:
    """Every page the build adds: one per record of a kind that has pages, the timeline years, the index of each
    kind, the anniversaries ahead, each event's print pack and their index by month."""
    dataset = site.data
    pages: list[GeneratedPage] = []
    for kind in KINDS:
        if kind.section is None:
            continue
        for record in kind.records(dataset).values():
            if kind_of(record) is not kind:
                continue  # a plan is among the documents too; its page is the plan's
            titles, keywords = kind.search_terms(record)
            pages.append(GeneratedPage(page_path(kind.name, record.id), _call("record_page", kind.name, record.id),
                                       record.pos.path, titles=titles, keywords=keywords))
    for year in site.events.years():
        pages.append(GeneratedPage(page_path("timeline", str(year)), _call("timeline_page", year)))
    pages += [GeneratedPage(index_path(kind.name), _call("record_index", kind.name)) for kind in KINDS if kind.section]
    # A split unit index: its pages are reached from the index, not the navigation.
    pages += [GeneratedPage(letter_page_path(level, letter), _call("organisations_letter_page", level, letter),
                            listed=False) for level, letter in site.organisations.letter_pages()]
    pages += [GeneratedPage(year_page_path(issuer, year), _call("documents_year_page", issuer, year), listed=False)
              for issuer, year in site.documents.year_pages()]
    pages += [GeneratedPage(outlines.year_page_path(year), _call("outlines_year_page", year), listed=False)
              for year in site.outlines.year_pages()]
    # Under a record's page, reached from it: a plan's progress and tasks by lead unit; a busy unit's years.
    pages += [GeneratedPage(progress_page_path(plan.id), _call("plan_progress_page", plan.id), plan.pos.path,
                            listed=False) for plan in dataset.plans.values() if plan.tasks]
    pages += [GeneratedPage(organisations.past_year_path(org_id, year), _call("unit_year_page", org_id, year),
                            dataset.organisations[org_id].pos.path, listed=False)
              for org_id, year in site.organisations.past_year_pages()]
    pages += [GeneratedPage(organisations.issued_year_path(org_id, year), _call("unit_documents_page", org_id, year),
                            listed=False) for org_id, year in site.organisations.issued_year_pages()]
    pages += [
        GeneratedPage(index_path("timeline"), _call("timeline_index")),
        GeneratedPage(ANNIVERSARIES_AHEAD_PATH, _call("anniversaries_ahead_page")),
    ]
    pages += [GeneratedPage(print_pack.pack_path(event_id), _call("print_pack_page", event_id), listed=False)
              for event_id in sorted(dataset.events)]
    # Named in mkdocs.yml's nav under "Đề cương"; unlisted so that a project whose nav leaves it out builds clean.
    pages.append(GeneratedPage(print_pack.index_path(), _call("print_pack_index_page"), listed=False))
    # A split index of the packs: its pages of past years are reached from the index.
    pages += [GeneratedPage(print_pack.year_page_path(key), _call("print_pack_year_page", key), listed=False)
              for key in site.packs.year_pages()]
    return pages
