"""No page of the site over 200 KB of HTML (issue 16): the parts of a page that grow with the data move to pages of
their own past a threshold, each linked, with a count, from where the part was.

- a unit page: past organisations.TASKS_LIMIT activities, each year of its past work is a page (don-vi/<id>/nam-<năm>/);
  past organisations.ISSUED_LIMIT documents issued, each year of them is a page (don-vi/<id>/van-ban-<năm>/);
- a plan page: its progress and its tasks by lead unit are always on ke-hoach/<id>/tien-do/, the plan's page shows
  the document as issued (its own text, order and numbers);
- the outlines index: past outlines.INDEX_LIMIT outlines, each year of their events is a page (de-cuong/theo-nam/);
- the index of the chi bộ print packs: past print_pack.INDEX_LIMIT packs, each past year is a page, and so are the
  packs of unknown time past print_pack.UNDATED_LIMIT (tai-lieu-chi-bo/theo-nam/).

The shipped data stays under every threshold: its unit pages, outlines index and print pack index are as they were. The small
project of tests/sites.py is built with the thresholds lowered, as tests/test_unit_index_split.py does.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.views import breadcrumbs, organisations, outlines, print_pack
from macros.views.site import make_site

from .sites import article, build, make_project, text_of

CAP = 200 * 1024  # bytes of HTML a page may have


def test_shipped_data_stays_under_every_threshold(shipped_dataset) -> None:
    site = make_site(shipped_dataset, date(2024, 5, 1))
    assert not site.outlines.index_split() and site.outlines.year_pages() == []
    assert len(shipped_dataset.events) <= print_pack.INDEX_LIMIT
    assert not site.packs.index_split() and site.packs.year_pages() == [] and site.packs.year_of(
        next(iter(shipped_dataset.events))) is None
    assert site.organisations.past_year_pages() == [] and site.organisations.issued_year_pages() == []
    busiest = max(sum(map(len, site.organisations._reached(org_id))) for org_id in shipped_dataset.organisations)
    assert busiest <= organisations.TASKS_LIMIT
    assert max(len(site.documents.issued_by(o)) for o in shipped_dataset.organisations) <= organisations.ISSUED_LIMIT
    # The only pages under a record's page are the plans' pages of progress.
    under = [p.path for p in site.pages if p.path.count("/") > 1 and not p.path.startswith(("van-ban/theo-nam/",
                                                                                             "don-vi/theo-chu/"))]
    assert sorted(under) == sorted(f"ke-hoach/{plan_id}/tien-do.md" for plan_id, plan in shipped_dataset.plans.items()
                                   if plan.tasks)


def test_a_busy_unit_splits_its_past_years_and_its_documents(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(organisations, "TASKS_LIMIT", 10)
    monkeypatch.setattr(organisations, "ISSUED_LIMIT", 2)
    site = make_site(shipped_dataset, date(2026, 12, 1))
    units = site.organisations
    split = {org_id for org_id, _ in units.past_year_pages()}
    assert "ubnd-tinh" in split
    for org_id in split:
        # Every past activity is on exactly one year page, in its role.
        ended = units.lifetime(shipped_dataset.organisations[org_id]).ended
        years = units.past_years(org_id)
        for role, reached in enumerate(units._reached(org_id)):
            past = sorted(t.task.key for t in reached if ended or site.tasks.is_past(t))
            assert sorted(t.task.key for y in years for t in (y.led, y.supported)[role]) == past
        keys = [y.key for y in years]
        known = [int(k) for k in keys if k != organisations.NO_YEAR]
        assert known == sorted(known, reverse=True) and organisations.NO_YEAR not in keys[:-1]
    for org_id, key in units.issued_year_pages():
        docs = units.issued_year(org_id, key).docs
        assert docs and all(site.documents.year_key(d) == key for d in docs)
        assert all(any(r.id == org_id for r in d.issuer) for d in docs)


def test_a_long_outlines_index_splits_by_year(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outlines, "INDEX_LIMIT", 2)
    site = make_site(shipped_dataset, date(2026, 12, 1))
    years = site.outlines.year_pages()
    assert site.outlines.index_split() and years and len(years) == len(set(years))
    listed = [(event.id if event else None, o.id) for key in years for event, group in site.outlines.year_page(key).groups
              for o in group]
    assert listed == [(event.id if event else None, o.id) for event, group in site.outlines.by_event() for o in group]


def pack_ids(events) -> list[str]:
    return [event.id for event in events]


@pytest.mark.parametrize("undated_limit", [0, 100])
def test_a_long_print_pack_index_splits_by_year(shipped_dataset, monkeypatch: pytest.MonkeyPatch,
                                                undated_limit: int) -> None:
    monkeypatch.setattr(print_pack, "INDEX_LIMIT", 2)
    monkeypatch.setattr(print_pack, "UNDATED_LIMIT", undated_limit)
    site = make_site(shipped_dataset, date(2024, 5, 1))
    site.print_links = print_pack.PrintLinks(set(print_pack.pdf_pages(shipped_dataset)))
    index = site.packs.index()
    keys = site.packs.year_pages()
    assert site.packs.index_split() and keys == [str(year) for year, _ in index.past] + (
        [print_pack.NO_TIME] if undated_limit == 0 else [])
    generated = {p.path: p for p in site.pages}
    assert all(generated[print_pack.year_page_path(key)].content == f'{{{{ print_pack_year_page("{key}") }}}}\n'
               for key in keys)

    # The index keeps the coming months as they were and links every year page with its count.
    markdown = site.render("pages/print_pack_index.md.j2", print_pack.index_path(), pack_index=index)
    links = re.findall(r"^- \[(.+) \((\d+) tài liệu\)\]\(theo-nam/([a-z0-9-]+)\.md\)$", markdown, flags=re.M)
    assert [key for _, _, key in links] == keys
    assert links[0][0] == "Năm 2024, các tháng đã qua" and ("Năm 2023", "3", "2023") in links
    assert markdown.index("### Tháng 5/2024 (tháng này)") < markdown.index("## Các tháng đã qua")
    on_index = re.findall(r"^- \[.*\]\(([a-z0-9-]+)\.md\)", markdown, flags=re.M)
    assert on_index == pack_ids(e for g in index.coming for e in g.events) + (
        pack_ids(index.undated) if undated_limit else [])
    assert "### Tháng 12/2023" not in markdown

    # Each year page lists that year's packs by month, as the index listed them, with their PDFs.
    listed = list(on_index)
    for (label, count, key) in links:
        year = site.packs.year_page(key)
        page = site.render("pages/print_pack_year.md.j2", print_pack.year_page_path(key), year=year)
        found = re.findall(r"^- \[.*\]\(\.\./([a-z0-9-]+)\.md\) · \[Tải PDF\]\(\.\./\1\.pdf\)$", page,
                           flags=re.M)
        expected = pack_ids(year.undated) if key == print_pack.NO_TIME else [
            e.id for year_key, groups in index.past if str(year_key) == key for g in groups for e in g.events]
        assert found == expected and len(found) == int(count) == year.count, key
        assert page.startswith(f"# Tài liệu sinh hoạt chi bộ: {year.label.lower()}\n") and label.startswith(
            year.label.split(" (")[0])
        assert "](../index.md)" in page
        if key != print_pack.NO_TIME:
            assert re.findall(r"^## (.+)$", page, flags=re.M) == [
                g.label if g.month else "Trong năm, chưa rõ tháng" for g in year.months]
        listed += found
    assert sorted(listed) == sorted(shipped_dataset.events)  # every pack, once

    # A pack a year page lists has that page in its breadcrumb; one the index lists has none.
    assert breadcrumbs.trail(site, "tai-lieu-chi-bo/ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho.md") == (
        breadcrumbs.Crumb("Năm 2023", "tai-lieu-chi-bo/theo-nam/2023.md", ""),)
    assert breadcrumbs.trail(site, "tai-lieu-chi-bo/ky-niem-70-nam-chien-thang-dien-bien-phu.md") == ()
    # A year page sits under the index of the packs, as a page of the outlines index does under its index.
    assert breadcrumbs.trail(site, "tai-lieu-chi-bo/theo-nam/2023.md") == ()


def test_pages_under_a_record_have_its_breadcrumb(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    """Section › the record's heading on the index › the record (plain text: the plugin links index pages only)."""
    monkeypatch.setattr(outlines, "INDEX_LIMIT", 2)
    site = make_site(shipped_dataset, date(2024, 5, 1))
    unit = breadcrumbs.trail(site, "don-vi/ubnd-tinh.md")
    assert breadcrumbs.trail(site, "don-vi/ubnd-tinh/nam-2023.md") == (
        *unit, breadcrumbs.Crumb("Ủy ban nhân dân tỉnh Lai Châu", "don-vi/ubnd-tinh.md", ""))
    assert breadcrumbs.trail(site, "ke-hoach/171-kh-btgtu/tien-do.md")[-1] == breadcrumbs.Crumb(
        "Kế hoạch số 171-KH/BTGTU", "ke-hoach/171-kh-btgtu.md", "")
    assert breadcrumbs.trail(site, "van-ban/theo-nam/tinh-uy-2024.md") == ()
    assert breadcrumbs.trail(site, "don-vi/theo-chu/tinh-b.md") == ()
    # On a split outlines index, an outline sits under the year of its event.
    outline = next(iter(shipped_dataset.outlines.values()))
    event = site.outlines.events(outline)[0]
    assert breadcrumbs.trail(site, f"de-cuong/{outline.id}.md") == (
        breadcrumbs.Crumb(f"Năm {event.year}", "de-cuong/index.md", f"năm-{event.year}"),)


@pytest.mark.site
def test_split_pages_are_built_linked_and_under_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(organisations, "TASKS_LIMIT", 0)
    monkeypatch.setattr(organisations, "ISSUED_LIMIT", 0)
    monkeypatch.setattr(outlines, "INDEX_LIMIT", 0)
    monkeypatch.setattr(print_pack, "INDEX_LIMIT", 0)
    monkeypatch.setattr(print_pack, "UNDATED_LIMIT", 0)
    result = build(make_project(tmp_path), build_date="2026-12-01")  # the mini plan's task (2024) is past
    assert result.ok, result.log
    site = result.site

    # A unit's past years: linked from its page with counts, each page linking back, with the unit in its breadcrumb.
    unit = article(site, "don-vi/so-van-hoa-the-thao-va-du-lich/")
    years = re.findall(r'href="nam-([a-z0-9-]+)/#(chu-tri|phoi-hop)">(Năm \d{4}|Chưa rõ năm) \((\d+) nhiệm vụ\)</a>',
                       unit)
    assert years and "sotay-past" not in unit.replace("sotay-past-lead", "").replace("sotay-past-pages", "")
    for key, role, label, count in years:
        year_page = article(site, f"don-vi/so-van-hoa-the-thao-va-du-lich/nam-{key}/")
        part = year_page[year_page.index(f'id="{role}"'):]
        part = part[:part.index('id="phoi-hop"')] if role == "chu-tri" else part
        assert part.count('class="sotay-state ') == int(count), (key, role)
        assert 'href="../"' in year_page and label.lower() in text_of(year_page)

    # The documents a unit issued: one page a year, linked with counts.
    unit = article(site, "don-vi/ban-tuyen-giao-tinh-uy/")
    issued = re.findall(r'href="van-ban-([a-z0-9-]+)/">(Năm \d{4}|Chưa rõ năm) \((\d+)\)</a>', unit)
    assert issued
    for key, label, count in issued:
        year_page = article(site, f"don-vi/ban-tuyen-giao-tinh-uy/van-ban-{key}/")
        assert len(re.findall(r"<li><a href=", year_page)) == int(count)

    # The outlines index: the years of the events, each a page listing that year's outlines.
    index = article(site, "de-cuong/")
    pages = re.findall(r'href="theo-nam/([a-z0-9-]+)/">(\d+) đề cương', index)
    assert pages and "../de-cuong/" not in index
    listed = []
    for key, count in pages:
        year_page = article(site, f"de-cuong/theo-nam/{key}/")
        found = re.findall(r'href="\.\./\.\./([a-z0-9-]+)/"', year_page)
        assert len(set(found)) == int(count)
        listed += found
    assert sorted(set(listed)) == sorted(p.parent.name for p in (site / "de-cuong").glob("*/index.html")
                                         if p.parent.name != "theo-nam")

    # The index of the print packs: the past years, each a page listing that year's packs; every pack is reachable.
    index = article(site, "tai-lieu-chi-bo/")
    pages = re.findall(r'href="theo-nam/([a-z0-9-]+)/">(Năm \d{4}[^(<]*|Chưa rõ thời gian) \((\d+) tài liệu\)',
                       index)
    assert pages and len(pages) == len(list((site / "tai-lieu-chi-bo" / "theo-nam").glob("*/index.html")))
    reached = re.findall(r'href="([a-z0-9-]+)/"', index)
    for key, label, count in pages:
        year_page = article(site, f"tai-lieu-chi-bo/theo-nam/{key}/")
        found = re.findall(r'<li><a href="\.\./\.\./([a-z0-9-]+)/">', year_page)
        assert len(found) == int(count) and 'href="../../"' in year_page, key
        assert label.split(",")[0].lower() in text_of(year_page).lower()
        reached += found
    assert sorted(set(reached) - {"theo-nam"}) == sorted(
        p.parent.name for p in (site / "tai-lieu-chi-bo").glob("*/index.html") if p.parent.name != "theo-nam")

    # The plan's page of progress, linked from the plan's page.
    assert 'href="tien-do/"' in article(site, "ke-hoach/171-kh-btgtu/")
    assert "Theo đơn vị chủ trì" in text_of(article(site, "ke-hoach/171-kh-btgtu/tien-do/"))

    too_big = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html") if p.stat().st_size > CAP}
    assert not too_big


@pytest.mark.site
def test_no_shipped_page_is_over_the_cap(shipped_site: Path) -> None:
    sizes = {str(p.relative_to(shipped_site)): p.stat().st_size for p in shipped_site.rglob("*.html")}
    assert sizes and not {path: size for path, size in sizes.items() if size > CAP}
    # The largest shipped plan, the document as issued, now leaves room to grow.
    assert sizes["ke-hoach/kh-btc-20-nam-chia-tach/index.html"] < 170 * 1024
