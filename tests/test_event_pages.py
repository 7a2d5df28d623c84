"""Event pages and the events index, built from the shipped data and read as HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


from .sites import article, text_of

BUILD_DATE = "2024-05-01"


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset




@pytest.mark.site
def test_every_event_has_a_page_at_a_readable_ascii_url(site: Path, dataset) -> None:
    for event_id in dataset.events:
        assert re.fullmatch(r"[a-z0-9-]+", event_id)
        assert (site / "su-kien" / event_id / "index.html").is_file()
    assert (site / "su-kien" / "ky-niem-70-nam-chien-thang-dien-bien-phu" / "index.html").is_file()


@pytest.mark.site
@pytest.mark.parametrize(("event_id", "facts"), [
    ("ky-niem-70-nam-chien-thang-dien-bien-phu",
     ["Kỷ niệm 70 năm", "năm tròn", "Chiến thắng Điện Biên Phủ, ngày 07/5/1954", "07/5/2024",
      "17/4/2024 - 12/5/2024", "Đề cương tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", "171-KH/BTGTU"]),
    ("ky-niem-20-nam-chia-tach-thanh-lap-tinh",
     ["Kỷ niệm 20 năm chia tách, thành lập tỉnh Lai Châu (01/01/2004 - 01/01/2024)", "năm tròn",
      "01/12/2023 - 10/01/2024", "Báo Lai Châu", "Ra 01 số báo đặc biệt", "Ra trước lễ kỷ niệm 05 ngày (khoảng 27/12/2023)",
      "Sở Văn hóa, Thể thao và Du lịch", "Quá hạn"]),
    ("ky-niem-115-nam-thanh-lap-tinh", ["Kỷ niệm 115 năm", "năm lẻ 5", "28/6/1909", "28/6/2024", "08/6/2024 - 03/7/2024"]),
    ("ky-niem-75-nam-thanh-lap-dang-bo-tinh", ["Kỷ niệm 75 năm", "năm lẻ 5", "10/10/1949", "20/9/2024 - 15/10/2024"]),
    ("ky-niem-70-nam-giai-phong-thi-tran-lai-chau-va-thu-bac-ho",
     ["70 năm", "năm tròn", "12/12/1953", "12/12/2023", "22/11/2023 - 17/12/2023"]),
    ("so-ket-giua-nhiem-ky-2020-2025", ["Sơ kết", "Tháng 6/2023 - Tháng 8/2023"]),
    ("dai-hoi-dai-bieu-toan-quoc-lan-thu-xiv", ["Đại hội", "Chưa rõ"]),
])
def test_event_page_shows_its_facts(site: Path, event_id: str, facts: list[str]) -> None:
    text = text_of(article(site, f"su-kien/{event_id}"))
    for fact in facts:
        assert fact in text, fact


@pytest.mark.site
def test_tasks_are_grouped_by_lead_unit_with_links(site: Path) -> None:
    html = article(site, "su-kien/ky-niem-20-nam-chia-tach-thanh-lap-tinh")
    # One block a lead unit, folded on this long page, its count in its line, then a link to the unit's page.
    groups = re.findall(r'<details class="sotay-lead">\s*<summary>(.*?) \((\d+) nhiệm vụ\)</summary>\s*'
                        r'<p class="sotay-lead-link">Trang của đơn vị: <a href="\.\./\.\./don-vi/([a-z0-9-]+)/">'
                        r'(.*?)</a></p>(.*?)</details>', html, re.S)
    units = [unit for _, _, unit, _, _ in groups]
    assert "bao-lai-chau" in units and "so-noi-vu" in units
    assert len(units) == len(set(units)) == html.count("<details")
    for name, count, unit, link_text, body in groups:
        assert name == link_text, unit
        assert int(count) == body.count('<li><span class="sotay-task-title">'), unit  # the count is the tasks listed
        # Each task once in its group, as a list item with its state (no table), the plan named once a group.
        assert "<table" not in body and "sotay-state" in body
        plans = re.findall(r'<p class="sotay-task-plan">Theo <a href="\.\./\.\./ke-hoach/([a-z0-9-]+)/">', body)
        assert plans and len(plans) == len(set(plans)), unit
    text = text_of(html)
    assert "Ra 01 số báo đặc biệt" in text and "Phối hợp:" in text


@pytest.mark.site
def test_heading_anchors_keep_vietnamese_words(site: Path) -> None:
    html = article(site, "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu")
    assert 'id="nội-dung-tuyên-truyền"' in html
    assert 'id="đề-cương-tuyên-truyền"' in html


@pytest.mark.site
def test_events_index_lists_years_and_events_newest_first(site: Path, dataset) -> None:
    html = article(site, "su-kien")
    years = re.findall(r"<h2[^>]*>(Năm \d{4}|Chưa rõ năm)", html)
    assert years == ["Năm 2025", "Năm 2024", "Năm 2023", "Chưa rõ năm"]
    for event_id in dataset.events:
        assert f'href="{event_id}/"' in html
    in_2024 = html[html.index("Năm 2024"):html.index("Năm 2023")]
    order = [m for m in re.findall(r'href="(ky-niem-[a-z0-9-]+)/"', in_2024)]
    assert order == ["ky-niem-75-nam-thanh-lap-dang-bo-tinh", "ky-niem-115-nam-thanh-lap-tinh",
                     "ky-niem-70-nam-chien-thang-dien-bien-phu", "ky-niem-20-nam-chia-tach-thanh-lap-tinh"]
