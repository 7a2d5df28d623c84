"""What the views remember for one build gives what computing it afresh gives: a page compiled once per shape
(one macro call with literal ids) renders as it did when each page was compiled on its own, errors naming the same
line; sort keys, unit relations and task judgements remembered per build equal those computed directly, and a
changed copy of a task or a document is judged afresh, not by its original's key."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import re

import pytest

from macros.core.validate import predecessors
from macros.core.vietnamese import sort_by, sort_key
from macros.views.page_sandbox import PageError, PageInfo, PageRenderer
from macros.views.site import make_site

DAY = date(2026, 12, 1)


def record_page(kind: str, record_id: str) -> str:
    return f"<{kind}:{record_id}>"


def timeline_page(year: int) -> str:
    if year == 1999:
        raise ValueError("no such year")
    return f"[{year}]"


def renderer() -> PageRenderer:
    return PageRenderer({"record_page": record_page, "timeline_page": timeline_page}, {"site_name": "S"})


def page(path: str = "docs/x.md") -> PageInfo:
    return PageInfo(path, None, "x/", {})


@pytest.mark.parametrize("sources", [
    ['{{ record_page("event", "a") }}\n', '{{ record_page("event", "b") }}\n', '{{ record_page("plan", "a") }}\n'],
    ["{{ timeline_page(2024) }}\n", "{{ timeline_page(2025) }}", "\n\n{{ timeline_page(2026) }} và chữ\n"],
    ['{{ record_page("event", "a") }}{{ site_name }}', '{{ record_page("event", "a")|upper }}',
     "{{ timeline_page(2024) + 1 }}", '{{ record_page("event", kind) }}',
     "{% if 1 %}{{ timeline_page(7) }}{% endif %}"],
])
def test_pages_compiled_by_shape_render_as_each_alone(sources: list[str]) -> None:
    shared = renderer()
    for source in [*sources, *sources]:  # twice: the second time from the compiled shapes
        try:
            expected = renderer().render(source, page())
        except PageError as error:
            with pytest.raises(PageError, match=re.escape(str(error))):
                shared.render(source, page())
        else:
            assert shared.render(source, page()) == expected


def test_an_error_names_the_line_of_the_page_whatever_its_shape_shares() -> None:
    shared = renderer()
    assert shared.render("{{ timeline_page(2024) }}", page()) == "[2024]"
    with pytest.raises(PageError, match=r"^docs/y\.md:1: "):
        shared.render("{{ timeline_page(1999) }}", page("docs/y.md"))
    with pytest.raises(PageError, match=r"^docs/z\.md:3: "):
        shared.render("\n\n{{ timeline_page(1999) }}", page("docs/z.md"))
    with pytest.raises(PageError, match="macro không tồn tại"):  # not one of the names literals are passed as
        shared.render('{{ sotay_literal_0("x") }}', page())


@pytest.fixture(scope="module")
def site(shipped_dataset):
    return make_site(shipped_dataset, DAY)


def test_remembered_sort_keys_are_the_sort_keys(site) -> None:
    texts = [org.name for org in site.data.organisations.values()] + [t.title for t in site.data.tasks]
    assert [site.collation.key(text) for text in texts] == [sort_key(text) for text in texts]
    assert [site.collation.key(text) for text in texts] == [sort_key(text) for text in texts]  # remembered
    assert site.collation.sort_by(texts, str) == sort_by(texts, str)


def test_unit_relations_found_once_are_those_found_for_each_unit(site) -> None:
    orgs = site.organisations
    data = site.data
    for org in data.organisations.values():
        assert orgs.children(org.id) == sort_by((o for o in data.organisations.values()
                                                 if o.parent and o.parent.id == org.id), lambda o: o.name)
        assert orgs.predecessors(org.id) == sort_by(predecessors(org.id, data), lambda o: o.name)
        assert orgs.members(org.id) == sort_by((o for o in data.organisations.values()
                                                if org.id in orgs.group_ids(o.id)), lambda o: o.name)


def test_task_judgements_are_remembered_for_the_data_s_own_tasks_only(shipped_dataset) -> None:
    first, fresh = make_site(shipped_dataset, DAY), make_site(shipped_dataset, DAY)
    tasks = shipped_dataset.tasks
    for task in [*tasks, *first.tasks.entries(tasks), *tasks]:
        assert first.tasks.state(task) == fresh.tasks.state(task)
        assert first.tasks.state_attrs(task) == fresh.tasks.state_attrs(task)
        assert first.tasks.is_past(task) == fresh.tasks.is_past(task)
    task = shipped_dataset.plans["kh-btc-20-nam-chia-tach"].tasks[0]
    done, open_ = replace(task, status="da-thuc-hien"), replace(task, status=None)
    assert first.tasks.state(done).code == "done"
    assert first.tasks.state(open_).code == fresh.tasks.state(open_).code != "done"
    assert first.tasks.state_data(done) != first.tasks.state_data(open_)
    assert first.tasks.sorted([task, open_]) == [task, open_]
    data_of = first.tasks.state_data(task)
    data_of["kind"] = "changed"  # a caller's copy: what is remembered stays
    assert first.tasks.state_data(task)["kind"] != "changed"


def test_a_changed_copy_of_a_document_is_ordered_by_its_own_date(site) -> None:
    ordered = site.documents.sorted(site.data.documents.values())  # every document's place remembered
    doc = ordered[-1]
    earlier = replace(doc, date=date(1000, 1, 1))
    assert site.documents.sorted([*ordered[:-1], earlier])[0] is earlier
    assert ordered == make_site(site.data, DAY).documents.sorted(site.data.documents.values())
