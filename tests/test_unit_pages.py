"""Everything that reaches a unit (issue 14, items 2–4): tasks of its sub-units (the `parent` chain) and of the groups
it belongs to (`member_of`), each marked with how it reaches it; past work folded by year; an ended unit's work as
history pointing to its successor; "Việc của đơn vị" (overdue, due this month and next, recurring) at a date.

The view tests use small data sets made here, so each case is written out; the `site` tests read the shipped site
built at 01/5/2024 (tests/sites.py SHIPPED) and at 22/11/2026 (SHIPPED_2026)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from macros.core.dates import parse_fuzzy
from macros.core.fields import Ref
from macros.views.site import make_site

from .sites import SHIPPED_2026, article, text_of

SO = "so-van-hoa-the-thao-va-du-lich"


def with_tasks(dataset, tasks, organisations=None):
    """The shipped data set with only these tasks (and, when given, changed organisations)."""
    orgs = dict(dataset.organisations)
    orgs.update(organisations or {})
    return replace(dataset, tasks=list(tasks), organisations=orgs)


def task_like(dataset, title: str, lead: list[str], when: str | None = None, status: str | None = None):
    """A copy of a shipped task with another title, lead, time and status, in no plan (no support, no `same_as`)."""
    base = next(t for t in dataset.tasks if not getattr(t, "same_as", None))
    key = f"thu-nghiem/{title}"  # in no plan: no plan period ends it (the past state is the plan's)
    return replace(base, title=title, lead=[Ref("organisation", i, base.pos) for i in lead], support=[],
                   status=status, when=parse_fuzzy(when) if when else None, same_as=[], id=None, key=key, plan_id="thu-nghiem",
                   events=[])


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


# ---- views: what reaches a unit, and how ----

def test_a_sub_units_task_reaches_its_parent_marked(dataset) -> None:
    site = make_site(dataset, date(2026, 12, 1))
    led = site.tasks.reached(SO, "lead")
    by_title = {e.title: site.tasks.reach(e, SO) for e in led}
    watch = next(t for t in by_title if t.startswith("Tham mưu theo dõi, hướng dẫn, đôn đốc"))
    assert (by_title[watch].how, by_title[watch].via) == ("sub-unit", ("phong-thong-tin-bao-chi-xuat-ban",))
    assert by_title[watch].label == "qua đơn vị trực thuộc"
    # All four tasks of the 2025 plan given to the Sở's departments reach the Sở.
    plan_2025 = [e for e in led if e.plan_id == "kh-svhttdl-tuyen-truyen-dai-hoi-2025"
                 and site.tasks.reach(e, SO).how == "sub-unit"]
    assert len(plan_2025) == 4
    # Down the chain at any depth: the Cổng TTĐT (under the Văn phòng UBND) reaches the UBND tỉnh.
    assert "cong-ttdt-tinh" in site.organisations.descendant_ids("ubnd-tinh")
    ubnd = site.tasks.reaching("ubnd-tinh")
    assert any(r.how == "sub-unit" and r.via == ("cong-ttdt-tinh",) for r in ubnd.values())


def test_a_groups_task_reaches_its_members_marked(dataset) -> None:
    site = make_site(dataset, date(2026, 12, 1))
    assert "cac-so-ban-nganh-doan-the-tinh" in site.organisations.group_ids("so-noi-vu")
    reaches = [site.tasks.reach(e, "so-noi-vu") for e in site.tasks.reached("so-noi-vu", "lead")]
    group = [r for r in reaches if r.how == "group"]
    assert len(group) == 6 and all(r.via == ("cac-so-ban-nganh-doan-the-tinh",) for r in group)
    assert group[0].label == "qua nhóm"
    # Direct work stays direct, and a unit not in the group gets none of it.
    assert any(r.how == "direct" for r in reaches)
    assert not any(r.how == "group" for r in site.tasks.reaching("cong-an-tinh").values())
    # The group lists its members.
    members = [o.id for o in site.organisations.members("cac-so-ban-nganh-doan-the-tinh")]
    assert "so-noi-vu" in members and "tinh-doan" in members and "cong-an-tinh" not in members


def test_direct_beats_sub_unit_and_lead_beats_support(dataset) -> None:
    one = task_like(dataset, "Việc chung", ["phong-thong-tin-bao-chi-xuat-ban", SO], "Tháng 12/2026")
    site = make_site(with_tasks(dataset, [one]), date(2026, 12, 1))
    (entry,) = site.tasks.reached(SO, "lead")
    assert site.tasks.reach(entry, SO).how == "direct"
    assert site.tasks.reached(SO, "support") == []


def test_past_work_is_folded_by_year(dataset) -> None:
    tasks = [task_like(dataset, "Việc năm 2024", [SO], "Tháng 3/2024"),
             task_like(dataset, "Việc khác năm 2024", [SO], "Quý II/2024"),
             task_like(dataset, "Việc năm 2025", [SO], "Tháng 5/2025"),
             task_like(dataset, "Việc đã làm", [SO], "Tháng 12/2026", status="da-thuc-hien"),
             task_like(dataset, "Việc tháng này", [SO], "Tháng 12/2026")]
    site = make_site(with_tasks(dataset, tasks), date(2026, 12, 1))
    split = site.tasks.by_time(site.tasks.reached(SO, "lead"))
    assert [e.title for e in split.current] == ["Việc tháng này"]
    assert [(label, sorted(e.title for e in items)) for label, items in split.past] == [
        ("Năm 2026", ["Việc đã làm"]), ("Năm 2025", ["Việc năm 2025"]),
        ("Năm 2024", ["Việc khác năm 2024", "Việc năm 2024"])]
    # As history (an ended unit) everything is past.
    assert site.tasks.by_time(site.tasks.reached(SO, "lead"), history=True).current == []


def test_unit_work_lists_at_a_date(dataset) -> None:
    tasks = [task_like(dataset, "Quá hạn", [SO], "Tháng 10/2026"),
             task_like(dataset, "Tháng này", [SO], "Tháng 12/2026"),
             task_like(dataset, "Tháng sau", [SO], "Tháng 01/2027"),
             task_like(dataset, "Hai tháng nữa", [SO], "Tháng 02/2027"),
             task_like(dataset, "Định kỳ", [SO], "Hằng tháng"),
             task_like(dataset, "Thường xuyên", [SO], "Thường xuyên"),
             task_like(dataset, "Năm trước", [SO], "Tháng 11/2025"),
             task_like(dataset, "Đã xong", [SO], "Tháng 12/2026", status="da-thuc-hien"),
             task_like(dataset, "Của phòng", ["phong-thong-tin-bao-chi-xuat-ban"], "Tháng 12/2026")]
    site = make_site(with_tasks(dataset, tasks), date(2026, 12, 1))
    work = site.tasks.unit_work(SO)
    titles = lambda items: sorted(e.title for e in items)  # noqa: E731
    assert titles(work.overdue) == ["Quá hạn"]
    assert titles(work.this_month) == ["Của phòng", "Tháng này"]
    assert titles(work.next_month) == ["Tháng sau"]
    assert titles(work.recurring) == ["Thường xuyên", "Định kỳ"]
    assert (work.this_month_label, work.next_month_label) == ("12/2026", "01/2027")
    # A month later the lists move on.
    later = make_site(with_tasks(dataset, tasks), date(2027, 1, 5)).tasks.unit_work(SO)
    assert titles(later.this_month) == ["Tháng sau"] and titles(later.next_month) == ["Hai tháng nữa"]


def test_ended_unit_shows_its_work_as_history_with_its_successor(dataset) -> None:
    site = make_site(dataset, date(2026, 12, 1))
    org = dataset.organisations["ban-tuyen-giao-tinh-uy"]
    written = site.render("pages/organisation.md.j2", "don-vi/ban-tuyen-giao-tinh-uy.md", organisation=org)
    page = site.templates.blocks.restore(written).html  # the raw HTML blocks in their places
    assert "Đơn vị đã kết thúc hoạt động ngày 28/02/2025; công việc tiếp tục do " in page
    assert "[Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu](ban-tuyen-giao-va-dan-van-tinh-uy.md) đảm nhận" in page
    assert "## Việc của đơn vị" not in page
    # Its latest year open, written as pymdownx.details writes "???+ sotay-past" (the lists are HTML).
    assert '<details class="sotay-past" open="open">\n<summary>Năm 2024 (' in page
    # Its work is all folded: no task of it is listed outside a collapsible block.
    outside = re.sub(r"^<details class=\"sotay-past\".*?^</details>$", "", page, flags=re.M | re.S)
    assert outside.count("<details") == 0 and "sotay-state--" not in outside


# ---- the shipped site ----

def org_article(site: Path, org_id: str) -> str:
    return article(site, f"don-vi/{org_id}")


@pytest.mark.site
def test_so_vhttdl_page_includes_its_departments_2025_tasks(shipped_site: Path) -> None:
    html = org_article(shipped_site, SO)
    text = text_of(html)
    for title in ("Tham mưu theo dõi, hướng dẫn, đôn đốc các cơ quan, đơn vị thực hiện Kế hoạch",
                  "Triển khai thực hiện các nội dung tại mục II của Kế hoạch",
                  "Vận động đảng viên, công chức, viên chức, người lao động đăng tải"):
        assert title in text, title
    assert "Đến đơn vị: qua đơn vị trực thuộc Phòng Thông tin - Báo chí - Xuất bản" in text
    assert "Đến đơn vị: qua đơn vị trực thuộc Các phòng chuyên môn, đơn vị thuộc Sở" in text
    assert "Đến đơn vị: qua nhóm Các sở, ban, ngành, đoàn thể tỉnh" in text
    assert 'href="../phong-thong-tin-bao-chi-xuat-ban/"' in html


@pytest.mark.site
def test_past_work_is_folded_by_year_on_the_shipped_site(sites) -> None:
    html = org_article(sites.site(SHIPPED_2026), SO)
    summaries = [text_of(s) for s in re.findall(r'<details class="sotay-past"[^>]*>\s*<summary>(.*?)</summary>', html)]
    assert summaries and all(re.fullmatch(r"(Năm \d{4}|Chưa rõ năm) \(\d+ nhiệm vụ\)", s) for s in summaries)
    assert any(s.startswith("Năm 2023") for s in summaries) and any(s.startswith("Năm 2024") for s in summaries)
    # Links inside the folded blocks are the site's links and resolve.
    folded = "".join(re.findall(r'<details class="sotay-past".*?</details>', html, flags=re.S))
    assert 'href="../../ke-hoach/kh-btc-20-nam-chia-tach/"' in folded
    # No task of a finished year is listed as current: nothing outside the folds says "Quá hạn".
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    assert "sotay-state--overdue" not in outside


@pytest.mark.site
def test_unit_work_section_is_printable_on_the_shipped_site(sites) -> None:
    html = org_article(sites.site(SHIPPED_2026), SO)
    work = re.search(r'<p class="sotay-unit-work" id="ban-in-viec-cua-don-vi">(.*?)<div class="sotay-unit-work-end">',
                     html, flags=re.S)
    assert work, "no Việc của đơn vị block"
    text = text_of(work.group(1))
    assert "VIỆC CỦA ĐƠN VỊ" in text and "Tính đến ngày 22/11/2026" in text
    for heading in ("1. Quá hạn", "2. Đến hạn trong tháng 11/2026", "3. Đến hạn trong tháng 12/2026",
                    "4. Định kỳ, thường xuyên"):
        assert heading in text, heading
    assert 'href="#ban-in-viec-cua-don-vi"' in html
    # An ended unit has no such list.
    assert "sotay-unit-work" not in org_article(sites.site(SHIPPED_2026), "ban-tuyen-giao-tinh-uy")
