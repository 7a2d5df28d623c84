"""The chi bộ print packs by month (tai-lieu-chi-bo/) and the home page that is never empty: which month each pack
is filed under, the index's groups counted from the build date, the links to the index (Đề cương tab, outlines
index, every outline page, home page), the home page's coming events and anniversaries, this month's and next
month's packs, the latest outlines when no outline is needed this month, and the order of "Kế hoạch mới nhất".

Most checks run on the views (macros/views/print_pack.py, home.py, documents.py) and on the Markdown their templates
render, at any build date, without a build; the `site` tests read built sites: the shipped site at 2024-05-01 (a
pack this month and next) and at 2026-12-01, the day issue 14 was read on (nothing in focus, nothing in the data's
events after 2024)."""

from __future__ import annotations

import calendar
import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from macros.core.dates import format_date
from macros.core.model import Dataset
from macros.core.unknown import UNKNOWN
from macros.views import anniversaries_ahead
from macros.views import home as home_view
from macros.views import print_pack
from macros.views.site import Site, make_site

from .sites import SHIPPED_2026, SiteConfig, article, page, text_of

DBP_EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"  # 07/5/2024
PROVINCE_EVENT = "ky-niem-115-nam-thanh-lap-tinh"  # 28/6/2024, focus 08/6 - 03/7/2024
PARTY_EVENT = "ky-niem-75-nam-thanh-lap-dang-bo-tinh"  # 10/10/2024
TWENTY_EVENT = "ky-niem-20-nam-chia-tach-thanh-lap-tinh"  # 01/01/2024, focus 01/12/2023 - 10/01/2024
TOWN_EVENT = "ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho"  # 12/12/2023
REVIEW_EVENT = "so-ket-giua-nhiem-ky-2020-2025"  # "Năm 2023", focus "Tháng 6/2023 - Tháng 8/2023"
EMULATION_EVENT = "dai-hoi-thi-dua-yeu-nuoc-tinh-lan-thu-vi"  # "Năm 2025", no focus window
CONGRESS_EVENT = "dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv"  # time unknown
ISSUE_DAY = date(2026, 12, 1)  # the day issue 14 read the site on
SHIPPED_2026_12 = SiteConfig("shipped-2026-12-01", build_date=ISSUE_DAY.isoformat())


@pytest.fixture(scope="module")
def dataset(shipped_dataset) -> Dataset:
    return shipped_dataset


def views(dataset: Dataset, day: date | str) -> Site:
    return make_site(dataset, day if isinstance(day, date) else date.fromisoformat(day))


def ids(events) -> list[str]:
    return [event.id for event in events]


def sections(markdown: str) -> dict[str, str]:
    """The h2 sections of rendered Markdown, by heading."""
    parts = re.split(r"^## (.+)$", markdown, flags=re.M)
    return {heading.strip(): body for heading, body in zip(parts[1::2], parts[2::2])}


def h2_blocks(html: str) -> list[tuple[str, str]]:
    """(heading text, HTML up to the next h2) of every h2 of a built page's article."""
    starts = [m for m in re.finditer(r"<h2[^>]*>(.*?)</h2>", html, re.S)]
    return [(text_of(m.group(1)).rstrip(" ¶"), html[m.end():starts[i + 1].start() if i + 1 < len(starts) else None])
            for i, m in enumerate(starts)]


# ---------------------------------------------------------------------------------------------------------------
# Which month a pack is filed under
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("event_id", "month", "text"), [
    (DBP_EVENT, (2024, 5), "tháng 5/2024"),  # the event day
    (TWENTY_EVENT, (2024, 1), "tháng 01/2024"),  # the day, not the month its focus window starts (12/2023)
    (REVIEW_EVENT, (2023, 6), "tháng 6/2023"),  # no day: the month its focus window starts
    (EMULATION_EVENT, (2025, None), "năm 2025"),  # only the year
    (CONGRESS_EVENT, None, ""),  # nothing known
])
def test_month_of_a_pack(dataset, event_id: str, month, text: str) -> None:
    v = views(dataset, "2024-05-01")
    event = dataset.events[event_id]
    assert v.packs.month_of(event) == month
    assert v.packs.month_text(event) == text


@pytest.mark.parametrize(("year", "month", "label"), [
    (2024, 5, "Tháng 5/2024"), (2024, 1, "Tháng 01/2024"), (2024, 2, "Tháng 02/2024"), (2023, 12, "Tháng 12/2023"),
    (2025, None, "Năm 2025, chưa rõ tháng"),
])
def test_month_labels_are_written_as_plans_write_a_month(year: int, month, label: str) -> None:
    assert print_pack.PackMonth(year, month, (), "past").label == label


def test_month_after_crosses_the_year() -> None:
    assert print_pack.month_after(2023, 12) == (2024, 1)
    assert print_pack.month_after(2024, 5) == (2024, 6)


# ---------------------------------------------------------------------------------------------------------------
# The index's groups, counted from the build date
# ---------------------------------------------------------------------------------------------------------------

def group_ids(groups) -> list[tuple[str, str, list[str]]]:
    return [(g.label, g.when, ids(g.events)) for g in groups]


def test_index_puts_this_month_and_the_next_first_then_later_months(dataset) -> None:
    index = views(dataset, "2024-05-01").packs.index()
    coming = group_ids(index.coming)
    assert coming[0] == ("Tháng 5/2024", "this", [DBP_EVENT])
    assert coming[1] == ("Tháng 6/2024", "next", [PROVINCE_EVENT])
    later = [label for label, when, _ in coming[2:]]
    assert all(when == "later" for _, when, _ in coming[2:])
    # Later months nearest first; a year whose month is unknown after that year's months.
    assert later.index("Tháng 10/2024") < later.index("Năm 2025, chưa rõ tháng")
    assert (PARTY_EVENT in dict((label, e) for label, _, e in coming)["Tháng 10/2024"])


def test_index_lists_past_months_by_year_newest_first(dataset) -> None:
    v = views(dataset, "2024-05-01")
    index = v.packs.index()
    years = [year for year, _ in index.past]
    assert years == sorted(years, reverse=True) and years[:2] == [2024, 2023]
    for year, groups in index.past:
        months = [g.month for g in groups if g.month is not None]
        assert months == sorted(months, reverse=True), year
        assert all(g.when == "past" and g.year == year and g.events for g in groups)
    past_2023 = {g.label: ids(g.events) for g in dict(index.past)[2023]}
    assert TOWN_EVENT in past_2023["Tháng 12/2023"] and REVIEW_EVENT in past_2023["Tháng 6/2023"]
    assert TWENTY_EVENT in ids(dict(index.past)[2024][0].events)  # 01/2024, before May
    assert CONGRESS_EVENT in ids(index.undated)


def test_every_pack_is_filed_once(dataset) -> None:
    for day in ("2023-11-15", "2024-05-01", "2026-12-01"):
        index = views(dataset, day).packs.index()
        filed = [e for g in index.coming for e in ids(g.events)]
        filed += [e for _, groups in index.past for g in groups for e in ids(g.events)]
        filed += ids(index.undated)
        assert sorted(filed) == sorted(dataset.events), day


def test_index_across_the_new_year(dataset) -> None:
    """On 15/11/2023: next month is December, and January 2024 is the first of the later months."""
    index = views(dataset, "2023-11-15").packs.index()
    assert [(g.label, g.when) for g in index.coming[:3]] == [
        ("Tháng 11/2023", "this"), ("Tháng 12/2023", "next"), ("Tháng 01/2024", "later")]
    assert ids(index.coming[1].events) == [TOWN_EVENT] and ids(index.coming[2].events) == [TWENTY_EVENT]
    assert index.past[0][0] == 2023 and index.past[0][1][0].label == "Tháng 6/2023"


def test_index_on_the_issue_day_has_nothing_this_month_and_next(dataset) -> None:
    index = views(dataset, ISSUE_DAY).packs.index()
    this, following = index.coming[:2]
    assert (this.label, following.label) == ("Tháng 12/2026", "Tháng 01/2027")
    assert not this.events and not following.events
    # 2025's pack of unknown month is the newest past one; 2024's months follow, newest first.
    assert index.past[0][0] == 2025 and index.past[0][1][0].month is None
    assert [g.label for g in dict(index.past)[2024]][:2] == ["Tháng 10/2024", "Tháng 6/2024"]


def test_a_past_years_pack_of_unknown_month_ends_that_year(dataset) -> None:
    event = dataclasses.replace(dataset.events[EMULATION_EVENT], year=2024)
    changed = dataclasses.replace(dataset, events={**dataset.events, EMULATION_EVENT: event})
    groups = dict(views(changed, ISSUE_DAY).packs.index().past)[2024]
    assert groups[-1].month is None and ids(groups[-1].events) == [EMULATION_EVENT]
    assert all(g.month is not None for g in groups[:-1])


# ---------------------------------------------------------------------------------------------------------------
# The packs the home page shows
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("day", "expected"), [
    ("2024-05-01", [DBP_EVENT, PROVINCE_EVENT]),  # this month and the next
    ("2024-07-01", [PROVINCE_EVENT]),  # June's pack: its focus window runs to 03/7
    ("2024-07-04", []),
    ("2023-11-25", [TOWN_EVENT]),  # December's; January's (20 năm) is two months away
    ("2023-12-05", [TOWN_EVENT, TWENTY_EVENT]),
])
def test_home_packs_are_this_months_and_next_months(dataset, day: str, expected: list[str]) -> None:
    assert ids(views(dataset, day).packs.for_home()) == expected


def test_nearest_pack_when_this_month_and_next_have_none(dataset) -> None:
    later = views(dataset, "2024-07-10").packs.nearest()
    assert (later.label, later.when, ids(later.events)) == ("Tháng 10/2024", "later", [PARTY_EVENT])
    past = views(dataset, ISSUE_DAY).packs.nearest()  # a month, not 2025's pack of unknown month
    assert (past.label, past.when, ids(past.events)) == ("Tháng 10/2024", "past", [PARTY_EVENT])
    assert views(Dataset(), ISSUE_DAY).packs.nearest() is None


def test_pack_links() -> None:
    links = print_pack.PrintLinks({print_pack.pack_path(DBP_EVENT)})
    assert print_pack.index_path() == "tai-lieu-chi-bo/index.md"
    assert links.index("index.md") == "tai-lieu-chi-bo/index.md"
    assert links.index(f"de-cuong/{DBP_EVENT}.md") == "../tai-lieu-chi-bo/index.md"
    assert links.pack_pdf(print_pack.index_path(), DBP_EVENT) == f"{DBP_EVENT}.pdf"
    assert links.pack_pdf("index.md", DBP_EVENT) == f"tai-lieu-chi-bo/{DBP_EVENT}.pdf"
    assert links.pack_pdf("index.md", PARTY_EVENT) is None
    assert print_pack.PrintLinks().pack_pdf("index.md", DBP_EVENT) is None


def test_the_index_is_a_generated_page_named_in_the_nav_only(dataset) -> None:
    pages = {p.path: p for p in views(dataset, "2024-05-01").pages}
    index = pages["tai-lieu-chi-bo/index.md"]
    assert index.content == "{{ print_pack_index_page() }}\n"
    assert not index.listed  # in the shipped nav by name; a project whose nav leaves it out still builds clean


# ---------------------------------------------------------------------------------------------------------------
# The index page as its template renders it
# ---------------------------------------------------------------------------------------------------------------

def render_index(v: Site) -> str:
    return v.render("pages/print_pack_index.md.j2", print_pack.index_path(), pack_index=v.packs.index())


def test_index_page_lists_each_pack_with_its_date_outline_and_pdf(dataset) -> None:
    v = views(dataset, "2024-05-01")
    v.print_links = print_pack.PrintLinks(set(print_pack.pdf_pages(dataset)))
    markdown = render_index(v)
    headings = re.findall(r"^#{2,3} (.+)$", markdown, flags=re.M)
    assert headings[:3] == ["Tháng này và các tháng tới", "Tháng 5/2024 (tháng này)", "Tháng 6/2024 (tháng sau)"]
    assert headings.index("Năm 2024 (các tháng đã qua)") < headings.index("Năm 2023") \
        < headings.index("Chưa rõ thời gian")
    may = markdown[markdown.index("### Tháng 5/2024"):markdown.index("### Tháng 6/2024")]
    assert f"]({DBP_EVENT}.md) · [Tải PDF]({DBP_EVENT}.pdf)" in may
    assert "Diễn ra: 07/5/2024 · tuyên truyền sâu đậm: 17/4/2024 \\- 12/5/2024" in may
    assert "Đề cương: [Đề cương tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ" in may
    assert "(../de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu.md)" in may
    for event_id in dataset.events:  # every pack, with its PDF
        assert markdown.count(f"]({event_id}.md)") == 1 and f"({event_id}.pdf)" in markdown, event_id
    assert "Đề cương: chưa có (tài liệu dùng nội dung tuyên truyền của kế hoạch)" in markdown


def test_index_page_says_when_this_month_and_next_have_no_pack(dataset) -> None:
    markdown = render_index(views(dataset, ISSUE_DAY))
    coming = sections(markdown)["Tháng này và các tháng tới"]
    assert "Chưa có tài liệu cho tháng 12/2026 và tháng 01/2027" in coming
    assert "(../ky-niem-sap-toi.md)" in coming  # where to look ahead
    assert "Tải PDF" not in markdown  # a build without PDFs links none


# ---------------------------------------------------------------------------------------------------------------
# What is coming, on the home page
# ---------------------------------------------------------------------------------------------------------------

def expected_coming(dataset: Dataset, v: Site, day: date) -> list[tuple[date, str]]:
    """Worked out here from the data: the events with a known day from `day` on, and every milestone's năm tròn or
    năm lẻ 5 within the years the anniversaries page covers that no event of that year commemorates; all of them
    up to the end of the month two months ahead, and at least five."""
    found = [(d, e.id) for e in dataset.events.values() if (d := v.events.day(e)) is not None and d >= day]
    for milestone in dataset.milestones.values():
        for year in range(day.year, day.year + 11):
            n = year - milestone.date.year
            if n <= 0 or n % 5 or (milestone.date.month, milestone.date.day) == (2, 29):
                continue
            when = milestone.date.replace(year=year)
            commemorated = any(e.year == year and any(r.id == milestone.id for r in e.milestones)
                               for e in dataset.events.values())
            if when >= day and not commemorated:
                found.append((when, milestone.id))
    found.sort()
    month = day.month + 2
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    until = date(year, month, calendar.monthrange(year, month)[1])
    return [item for i, item in enumerate(found) if i < 5 or item[0] <= until]


def coming_keys(v: Site) -> list[tuple[date, str]]:
    return sorted((c.day, c.event.id if c.event else c.anniversary.milestone.id) for c in v.home.coming())


@pytest.mark.parametrize("day", ["2023-11-15", "2024-05-01", "2024-07-10", "2026-11-22", "2026-12-01", "2031-06-01"])
def test_coming_holds_events_and_uncommemorated_anniversaries(dataset, day: str) -> None:
    v = views(dataset, day)
    assert coming_keys(v) == expected_coming(dataset, v, v.today)
    days = [c.day for c in v.home.coming()]
    assert days == sorted(days)


def test_coming_on_the_issue_day_is_not_empty(dataset) -> None:
    v = views(dataset, ISSUE_DAY)
    coming = v.home.coming()
    assert len(coming) >= home_view.COMING_AT_LEAST
    # The shipped events all lie before 2025: what is ahead are the milestones' anniversaries.
    anniversaries = [c for c in coming if c.anniversary is not None]
    assert anniversaries and all(c.event is None for c in anniversaries)
    assert all(c.day >= ISSUE_DAY for c in coming)
    titles = {a.title for year in range(2026, 2037) for a in anniversaries_ahead.for_year(v, year)}
    assert {c.title for c in anniversaries} <= titles  # as the page of the anniversaries ahead writes them


def test_coming_leaves_out_anniversaries_an_event_already_commemorates(dataset) -> None:
    v = views(dataset, "2024-05-01")
    coming = v.home.coming()
    assert [c.event.id for c in coming if c.event][:3] == [DBP_EVENT, PROVINCE_EVENT, PARTY_EVENT]
    # The 70th anniversary of Điện Biên Phủ is the event, not a second line.
    assert not any(c.anniversary and c.anniversary.milestone.id == "chien-thang-dien-bien-phu"
                   and c.day.year == 2024 for c in coming)


@pytest.mark.parametrize(("days", "text"), [(0, "hôm nay"), (6, "còn 6 ngày nữa"), (90, "còn 90 ngày nữa"), (91, "")])
def test_days_are_counted_only_for_near_dates(dataset, days: int, text: str) -> None:
    v = views(dataset, "2024-05-01")
    item = home_view.Coming(date.fromordinal(v.today.toordinal() + days), "x")
    assert v.home.count_text(item) == text


def test_latest_outlines_newest_first(dataset) -> None:
    latest = views(dataset, ISSUE_DAY).home.latest_outlines()
    assert [o.id for o in latest] == ["de-cuong-75-nam-thanh-lap-dang-bo-tinh", "de-cuong-115-nam-thanh-lap-tinh",
                                      "de-cuong-70-nam-chien-thang-dien-bien-phu"]
    assert views(Dataset(), ISSUE_DAY).home.latest_outlines() == []


# ---------------------------------------------------------------------------------------------------------------
# The home page as its template renders it, on the issue day and on a day with packs
# ---------------------------------------------------------------------------------------------------------------

def render_home(v: Site) -> str:
    return v.render("snippets/home.md.j2", "index.md")


def test_home_on_the_issue_day_has_no_empty_section(dataset) -> None:
    v = views(dataset, ISSUE_DAY)
    markdown = render_home(v)
    parts = sections(markdown)
    for heading, body in parts.items():
        assert re.search(r"^- ", body, flags=re.M), f"section {heading!r} lists nothing:\n{body}"
    assert "Đang tuyên truyền sâu đậm" not in parts  # nothing in focus: one line, not an empty section
    assert "Hiện không có sự kiện nào trong thời gian tuyên truyền sâu đậm." in markdown
    coming = parts["Sắp diễn ra"]
    first = v.home.coming()[0]
    assert f"- **{format_date(first.day)}**:" in coming
    assert "chưa có sự kiện trong sổ tay" in coming and "#năm-" in coming
    assert "Không có sự kiện" not in coming
    packs = parts["Tài liệu sinh hoạt chi bộ tháng 12/2026 và tháng 01/2027"]
    assert f"(tai-lieu-chi-bo/{PARTY_EVENT}.md)" in packs and "(tai-lieu-chi-bo/index.md)" in packs
    outlines = parts["Đề cương mới nhất"]
    assert "(de-cuong/de-cuong-75-nam-thanh-lap-dang-bo-tinh.md)" in outlines


def test_home_shows_this_months_and_next_months_packs(dataset) -> None:
    v = views(dataset, "2024-05-01")
    v.print_links = print_pack.PrintLinks(set(print_pack.pdf_pages(dataset)))
    packs = sections(render_home(v))["Tài liệu sinh hoạt chi bộ tháng 5/2024 và tháng 6/2024"]
    linked = re.findall(r"\(tai-lieu-chi-bo/([a-z0-9-]+)\.md\)", packs)
    assert linked == [DBP_EVENT, PROVINCE_EVENT, "index"]  # the two packs, then the index of all months
    assert f"[Tải PDF](tai-lieu-chi-bo/{DBP_EVENT}.pdf)" in packs


def test_home_links_the_index_from_the_lookup_list(dataset) -> None:
    lookup = sections(render_home(views(dataset, "2024-05-01")))["Tra cứu"]
    assert "[tài liệu sinh hoạt chi bộ theo tháng](tai-lieu-chi-bo/index.md)" in lookup


def test_home_of_empty_data_says_so_plainly() -> None:
    parts = sections(render_home(views(Dataset(), ISSUE_DAY)))
    assert "Không có sự kiện hay ngày kỷ niệm năm tròn, năm lẻ 5 nào" in parts["Sắp diễn ra"]
    assert "Chưa có kế hoạch nào trong dữ liệu." in parts["Kế hoạch mới nhất"]


# ---------------------------------------------------------------------------------------------------------------
# "Kế hoạch mới nhất": by date, undated plans placed by their year
# ---------------------------------------------------------------------------------------------------------------

def with_plan(dataset: Dataset, plan_id: str, **changes) -> Dataset:
    plan = dataclasses.replace(dataset.plans[plan_id], **changes)
    return dataclasses.replace(dataset, plans={**dataset.plans, plan_id: plan},
                               documents={**dataset.documents, plan_id: plan})


def test_latest_plans_place_an_undated_plan_by_the_year_of_its_events(dataset) -> None:
    """kh-btc-20-nam-chia-tach has no date and no bound; its earliest event is of 2023 (19/5/2023), so it sorts at
    the start of 2023: below 171-KH/BTGTU (30/5/2023), above a plan of 2022."""
    plans = views(dataset, ISSUE_DAY).documents.latest_plans()
    assert [p.id for p in plans] == ["kh-svhttdl-tuyen-truyen-dai-hoi-2025", "171-kh-btgtu", "kh-btc-20-nam-chia-tach"]
    earlier = with_plan(dataset, "171-kh-btgtu", date=date(2022, 6, 1))
    assert [p.id for p in views(earlier, ISSUE_DAY).documents.latest_plans()] == [
        "kh-svhttdl-tuyen-truyen-dai-hoi-2025", "kh-btc-20-nam-chia-tach", "171-kh-btgtu"]


def test_latest_plans_without_events_use_their_tasks_years_else_come_last(dataset) -> None:
    plan = dataset.plans["kh-btc-20-nam-chia-tach"]
    no_events = [dataclasses.replace(task, events=[]) for task in plan.tasks]
    by_tasks = with_plan(with_plan(dataset, "171-kh-btgtu", date=date(2022, 6, 1)), plan.id, content=[], phases=[],
                         tasks=no_events)
    years = sorted(d.year for t in no_events if t.when is not None for d in (t.when.start, t.when.end) if d)
    assert years and years[0] == 2023  # its tasks run from 2023: above the plan of 2022
    assert [p.id for p in views(by_tasks, ISSUE_DAY).documents.latest_plans()] == [
        "kh-svhttdl-tuyen-truyen-dai-hoi-2025", plan.id, "171-kh-btgtu"]
    nothing = with_plan(dataset, "kh-svhttdl-tuyen-truyen-dai-hoi-2025", issued_after=None, content=[], phases=[],
                        tasks=[])
    assert views(nothing, ISSUE_DAY).documents.latest_plans()[-1].id == "kh-svhttdl-tuyen-truyen-dai-hoi-2025"
    assert nothing.plans["kh-svhttdl-tuyen-truyen-dai-hoi-2025"].date is UNKNOWN


# ---------------------------------------------------------------------------------------------------------------
# The built sites
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def site_issue_day(sites) -> Path:
    return sites.site(SHIPPED_2026_12)


@pytest.mark.site
def test_built_index_groups_the_packs_by_month(site: Path, dataset) -> None:
    html = article(site, "tai-lieu-chi-bo")
    headings = [text_of(h).rstrip(" ¶") for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)]
    expected = views(dataset, "2024-05-01").packs.index()
    assert headings[:3] == ["Tháng này và các tháng tới", "Tháng 5/2024 (tháng này)", "Tháng 6/2024 (tháng sau)"]
    assert [h for h in headings if h.startswith("Năm 20") and "chưa rõ" not in h] == [
        f"Năm {year}" + (" (các tháng đã qua)" if year == 2024 else "") for year, _ in expected.past]
    may = html[html.index("Tháng 5/2024 (tháng này)"):html.index("Tháng 6/2024 (tháng sau)")]
    assert f'href="{DBP_EVENT}/"' in may and 'href="../de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu/"' in may
    for event_id in dataset.events:
        assert f'href="{event_id}/"' in html, event_id
        assert (site / "tai-lieu-chi-bo" / event_id / "index.html").is_file()


@pytest.mark.site
def test_index_is_in_the_de_cuong_tab_and_packs_are_not(site: Path, dataset) -> None:
    html = page(site, "de-cuong")
    nav = html[:html.index("<article")]
    assert re.search(r'<a href="\.\./tai-lieu-chi-bo/" class="md-nav__link', nav)
    assert not any(f"tai-lieu-chi-bo/{event_id}/" in nav for event_id in dataset.events)
    title = re.search(r"<title>(.*?)</title>", page(site, "tai-lieu-chi-bo"), re.S).group(1)
    assert title.startswith("Tài liệu sinh hoạt chi bộ")


@pytest.mark.site
def test_outlines_index_links_the_packs_at_the_top(site: Path) -> None:
    html = article(site, "de-cuong")
    first = re.search(r"</h1>\s*<p>(.*?)</p>", html, re.S).group(1)
    assert '<a href="../tai-lieu-chi-bo/">Tài liệu sinh hoạt chi bộ theo tháng</a>' in first


@pytest.mark.site
def test_every_outline_page_links_its_packs_and_the_index(site: Path, dataset) -> None:
    v = views(dataset, "2024-05-01")
    for outline in dataset.outlines.values():
        html = article(site, f"de-cuong/{outline.id}")
        line = re.search(r'<p class="sotay-screen-only sotay-outline-packs">(.*?)</p>', html, re.S)
        assert line, outline.id
        assert html.index("sotay-outline-packs") < html.index("sotay-outline-events")  # near the top
        assert 'href="../../tai-lieu-chi-bo/"' in line.group(1)
        events = v.outlines.events(outline)
        assert events, outline.id
        for event in events:
            assert f'href="../../tai-lieu-chi-bo/{event.id}/"' in line.group(1)
        assert text_of(line.group(1)).startswith(f"Tài liệu sinh hoạt chi bộ {v.packs.month_text(events[0])}: ")


@pytest.mark.site
def test_home_links_the_index_and_this_months_packs(site: Path) -> None:
    html = article(site, "")
    assert 'href="tai-lieu-chi-bo/"' in html
    packs = dict(h2_blocks(html))["Tài liệu sinh hoạt chi bộ tháng 5/2024 và tháng 6/2024"]
    assert re.findall(r'href="tai-lieu-chi-bo/([a-z0-9-]+)/"', packs) == [DBP_EVENT, PROVINCE_EVENT]


@pytest.mark.site
@pytest.mark.parametrize("config", [SHIPPED_2026_12, SHIPPED_2026], ids=["2026-12-01", "2026-11-22"])
def test_home_with_nothing_in_focus_is_never_empty(sites, dataset, config: SiteConfig) -> None:
    html = article(sites.site(config), "")
    blocks = h2_blocks(html)
    for heading, block in blocks:
        assert "<li" in block, f"section {heading!r} lists nothing"
    headings = [heading for heading, _ in blocks]
    assert headings[0] == "Sắp diễn ra" and "Đề cương mới nhất" in headings
    day = date.fromisoformat(config.build_date)
    coming = dict(blocks)["Sắp diễn ra"]
    expected = views(dataset, day).home.coming()
    shown = re.findall(r"<li><strong>([0-9/]+)</strong>", coming)
    assert shown == [format_date(c.day) for c in expected] and shown
    assert "Không có sự kiện" not in text_of(coming)
    assert "ky-niem-sap-toi/#năm-" in coming  # each anniversary links its year on the anniversaries page
    assert "Hiện không có sự kiện nào trong thời gian tuyên truyền sâu đậm." in text_of(html)
    assert 'href="tai-lieu-chi-bo/"' in html


@pytest.mark.site
def test_index_on_the_issue_day(site_issue_day: Path) -> None:
    text = text_of(article(site_issue_day, "tai-lieu-chi-bo"))
    assert "Tính đến ngày 01/12/2026" in text
    assert "Chưa có tài liệu cho tháng 12/2026 và tháng 01/2027" in text
    assert text.index("Năm 2025") < text.index("Năm 2024") < text.index("Năm 2023") < text.index("Chưa rõ thời gian")
