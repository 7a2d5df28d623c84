"""The năm chẵn anniversaries ahead: which milestones fall due in which year, their class and date, the event
that already commemorates them, and the "Các ngày kỷ niệm sắp tới" page of the shipped site."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from macros.views import anniversaries_ahead
from macros.core.diagnostics import Pos
from macros.core.fields import Ref
from macros.core.model import Dataset, Event, Milestone
from macros.views.site import Site, make_site

from .sites import article


@pytest.fixture(scope="module")
def shipped(shipped_dataset) -> Dataset:
    return shipped_dataset


def titles(items) -> list[str]:
    return [item.title for item in items]


# ---- for_year on the shipped data, counted from a fixed build date ----

@pytest.mark.parametrize(("year", "title", "klass", "day"), [
    (2029, "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)", "năm lẻ 5", "07/5/2029"),
    (2034, "Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2034)", "năm tròn", "07/5/2034"),
    (2029, "Kỷ niệm 120 năm thành lập tỉnh Lai Châu (28/6/1909 - 28/6/2029)", "năm tròn", "28/6/2029"),
    (2029, "Kỷ niệm 80 năm thành lập Đảng bộ tỉnh Lai Châu (10/10/1949 - 10/10/2029)", "năm tròn", "10/10/2029"),
    (2029, "Kỷ niệm 25 năm chia tách, thành lập tỉnh Lai Châu (01/01/2004 - 01/01/2029)", "năm lẻ 5", "01/01/2029"),
    (2030, "Kỷ niệm 140 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2030)", "năm tròn", "19/5/2030"),
    (2028, "Kỷ niệm 75 năm Bác Hồ gửi thư cho đồng bào và cán bộ Lai Châu (12/12/1953 - 12/12/2028)", "năm lẻ 5",
     "12/12/2028"),
])
def test_for_year_finds_the_anniversary(shipped: Dataset, year: int, title: str, klass: str, day: str) -> None:
    items = anniversaries_ahead.for_year(make_site(shipped, date(2026, 3, 1)), year)
    found = {item.title: item for item in items}
    assert title in found, titles(items)
    assert found[title].klass == klass
    assert found[title].date_text == day
    assert found[title].n == year - found[title].milestone.date.year
    assert found[title].event is None


@pytest.mark.parametrize(("year", "count"), [(2026, 0), (2027, 0), (2028, 2), (2029, 5), (2031, 0), (2034, 5)])
def test_for_year_keeps_only_round_and_half_round_years(shipped: Dataset, year: int, count: int) -> None:
    items = anniversaries_ahead.for_year(make_site(shipped, date(2026, 3, 1)), year)
    assert len(items) == count
    assert all(item.n % 5 == 0 for item in items)


@pytest.mark.parametrize(("milestone", "scope"), [
    # Set by Nghị định 145/2013/NĐ-CP Điều 4 (the Government) or the central propaganda commission's guidance.
    ("thanh-lap-dang-cong-san-viet-nam", "quốc gia"),
    ("giai-phong-mien-nam-thong-nhat-dat-nuoc", "quốc gia"),
    ("chien-thang-dien-bien-phu", "quốc gia"),  # sourced from a provincial plan; national by NĐ 145 Điều 4 khoản 5
    ("ngay-sinh-chu-tich-ho-chi-minh", "quốc gia"),  # the same, NĐ 145 Điều 4 khoản 6
    ("cach-mang-thang-tam", "quốc gia"),
    ("quoc-khanh", "quốc gia"),
    ("thanh-lap-quan-doi-nhan-dan-viet-nam", "quốc gia"),  # Hướng dẫn 160-HD/BTGTW
    # Sourced only from the province's own documents.
    ("thanh-lap-tinh-lai-chau-1909", "địa phương"),
    ("chia-tach-thanh-lap-tinh-lai-chau-2004", "địa phương"),
    ("thanh-lap-dang-bo-tinh", "địa phương"),
    ("giai-phong-thi-tran-lai-chau", "địa phương"),
    ("bac-ho-gui-thu-dong-bao-lai-chau", "địa phương"),
])
def test_milestone_scope_follows_its_national_day(shipped: Dataset, milestone: str, scope: str) -> None:
    from macros.core.anniversaries import milestone_scope
    assert milestone_scope(shipped.milestones[milestone]) == scope


def test_every_shipped_milestone_has_a_scope_case(shipped: Dataset) -> None:
    cases = {"thanh-lap-dang-cong-san-viet-nam", "giai-phong-mien-nam-thong-nhat-dat-nuoc", "chien-thang-dien-bien-phu",
             "ngay-sinh-chu-tich-ho-chi-minh", "cach-mang-thang-tam", "quoc-khanh",
             "thanh-lap-quan-doi-nhan-dan-viet-nam", "thanh-lap-tinh-lai-chau-1909",
             "chia-tach-thanh-lap-tinh-lai-chau-2004", "thanh-lap-dang-bo-tinh", "giai-phong-thi-tran-lai-chau",
             "bac-ho-gui-thu-dong-bao-lai-chau"}
    assert set(shipped.milestones) == cases


def test_year_2029_lists_national_and_local_together(shipped: Dataset) -> None:
    items = anniversaries_ahead.for_year(make_site(shipped, date(2026, 3, 1)), 2029)
    scopes = {item.title: item.scope_label for item in items}
    assert scopes == {
        "Kỷ niệm 25 năm chia tách, thành lập tỉnh Lai Châu (01/01/2004 - 01/01/2029)": "Địa phương",
        "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)": "Quốc gia",
        "Kỷ niệm 120 năm thành lập tỉnh Lai Châu (28/6/1909 - 28/6/2029)": "Địa phương",
        "Kỷ niệm 80 năm thành lập Đảng bộ tỉnh Lai Châu (10/10/1949 - 10/10/2029)": "Địa phương",
        "Kỷ niệm 85 năm ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2029)": "Quốc gia",
    }


def test_for_year_is_in_date_order(shipped: Dataset) -> None:
    items = anniversaries_ahead.for_year(make_site(shipped, date(2026, 3, 1)), 2029)
    assert [item.day for item in items] == sorted(item.day for item in items)


def test_existing_event_is_found(shipped: Dataset) -> None:
    items = anniversaries_ahead.for_year(make_site(shipped, date(2024, 5, 1)), 2024)
    events = {item.milestone.id: item.event.id if item.event else None for item in items}
    assert events == {
        "chia-tach-thanh-lap-tinh-lai-chau-2004": "ky-niem-20-nam-chia-tach-thanh-lap-tinh",
        "chien-thang-dien-bien-phu": "ky-niem-70-nam-chien-thang-dien-bien-phu",
        "thanh-lap-tinh-lai-chau-1909": "ky-niem-115-nam-thanh-lap-tinh",
        "thanh-lap-dang-bo-tinh": "ky-niem-75-nam-thanh-lap-dang-bo-tinh",
        "thanh-lap-quan-doi-nhan-dan-viet-nam": None,  # 80 năm in 2024: no event for it in the data
    }


@pytest.mark.parametrize(("today", "first", "last"), [
    (date(2026, 3, 1), 2026, 2036),
    (date(2024, 5, 1), 2024, 2034),
])
def test_ahead_covers_the_build_year_and_the_years_after(shipped: Dataset, today: date, first: int,
                                                         last: int) -> None:
    groups = anniversaries_ahead.ahead(make_site(shipped, today))
    assert [g.year for g in groups] == list(range(first, last + 1))
    assert len(groups) == anniversaries_ahead.YEARS_AHEAD + 1
    by_year = {g.year: titles(g.items) for g in groups}
    assert "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)" in by_year[2029]
    assert "Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2034)" in by_year[2034]


def test_ahead_does_not_go_back_before_the_build_year(shipped: Dataset) -> None:
    groups = anniversaries_ahead.ahead(make_site(shipped, date(2026, 3, 1)))
    assert min(g.year for g in groups) == 2026


# ---- edge cases on a small data set ----

def small_views(today: date) -> Site:
    data = Dataset()
    for m in (Milestone(id="nhuan", title="Sự kiện ngày nhuận", date=date(1996, 2, 29), source=[]),
              Milestone(id="moi", title="Thành lập đơn vị mới", date=date(2025, 3, 1), source=[])):
        data.milestones[m.id] = m
    data.events["nhuan-30"] = Event(id="nhuan-30", kind="anniversary", name="Sự kiện ngày nhuận", year=2026,
                                    milestones=[Ref("milestone", "nhuan", Pos(""))], source=[])
    return make_site(data, today)


@pytest.mark.parametrize(("year", "expected"), [
    (2026, [("Kỷ niệm 30 năm Sự kiện ngày nhuận", 30, "năm tròn", None)]),  # 29/2 does not exist in 2026
    (2028, []),
    (2030, [("Kỷ niệm 5 năm thành lập đơn vị mới (01/3/2025 - 01/3/2030)", 5, "năm lẻ 5", date(2030, 3, 1))]),
    (2025, []),  # the milestone's own year is no anniversary
])
def test_small_dataset(year: int, expected) -> None:
    items = anniversaries_ahead.for_year(small_views(date(2025, 1, 1)), year)
    assert [(i.title, i.n, i.klass, i.day) for i in items] == expected


def test_leap_day_milestone_says_why_it_has_no_date() -> None:
    item = anniversaries_ahead.for_year(small_views(date(2025, 1, 1)), 2026)[0]
    assert item.date_text == "Chưa rõ (ngày 29/02/1996 không có trong năm 2026)"
    assert item.event is not None and item.event.id == "nhuan-30"


# ---- the page ----

@pytest.fixture(scope="module")
def page(shipped_site: Path) -> str:
    return article(shipped_site, "ky-niem-sap-toi")


def cell_text(cell: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split())


def rows_of(html: str, year: int) -> list[list[str]]:
    """The table rows under the heading of `year`, as cell texts."""
    section = html.split(f'<h2 id="năm-{year}"', 1)[1].split("<h2", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.S)
    return [[cell_text(cell) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)] for row in rows if "<td>" in row]


@pytest.mark.site
def test_page_explains_the_classes_and_the_build_date(page: str) -> None:
    text = cell_text(page)
    assert "Các ngày kỷ niệm sắp tới" in text
    assert "năm tròn" in text and "năm lẻ 5" in text
    assert "tính từ năm 2024" in text and "01/5/2024" in text
    assert re.findall(r'<h2 id="năm-(\d{4})"', page) == [str(y) for y in range(2024, 2035)]


@pytest.mark.site
@pytest.mark.parametrize(("year", "row"), [
    (2029, ["07/5/2029", "Kỷ niệm 75 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2029)", "năm lẻ 5", "Quốc gia",
            "Chưa có"]),
    (2029, ["28/6/2029", "Kỷ niệm 120 năm thành lập tỉnh Lai Châu (28/6/1909 - 28/6/2029)", "năm tròn", "Địa phương",
            "Chưa có"]),
    (2029, ["22/12/2029", "Kỷ niệm 85 năm ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 - 22/12/2029)",
            "năm lẻ 5", "Quốc gia", "Chưa có"]),
    (2034, ["07/5/2034", "Kỷ niệm 80 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2034)", "năm tròn", "Quốc gia",
            "Chưa có"]),
    (2024, ["07/5/2024", "Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)", "năm tròn", "Quốc gia",
            "Đã có"]),
])
def test_page_table_rows(page: str, year: int, row: list[str]) -> None:
    assert row in rows_of(page, year)


@pytest.mark.site
def test_page_links_existing_events(page: str) -> None:
    section = page.split('<h2 id="năm-2024"', 1)[1].split("<h2", 1)[0]
    assert re.findall(r'<a href="\.\./su-kien/([a-z0-9-]+)/">Đã có</a>', section) == [
        "ky-niem-20-nam-chia-tach-thanh-lap-tinh", "ky-niem-70-nam-chien-thang-dien-bien-phu",
        "ky-niem-115-nam-thanh-lap-tinh", "ky-niem-75-nam-thanh-lap-dang-bo-tinh"]


@pytest.mark.site
def test_year_without_anniversaries_says_so(page: str) -> None:
    section = page.split('<h2 id="năm-2026"', 1)[1].split("<h2", 1)[0]
    assert "<table" not in section and "Không có ngày kỷ niệm" in section
