"""Organisation pages, the organisations index and the task_table snippet, built from the shipped data.

The site is built once with MkDocs for the build date 01/5/2024; the tests read the HTML. The expected task
states come from the dates printed in seed 002 (Kế hoạch chi tiết của Ban Tổ chức kỷ niệm 20 năm chia tách,
thành lập tỉnh), worked out by hand against 01/5/2024, not from the code under test.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from macros.views.organisations import Lifetime, task_count_text
from macros.views.site import make_site

from .sites import article, text_of

BUILD_DATE = "2024-05-01"


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def dataset(shipped_dataset):
    return shipped_dataset


# ---- reading the HTML ----



def inline_text(html: str) -> str:
    """Text of inline HTML: tags dropped without adding spaces ("<a>X</a>, mục" reads "X, mục")."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def section(html: str, heading: str) -> str:
    """The HTML between the <h2> whose text is `heading` and the next <h2>."""
    parts = re.split(r"(<h2[^>]*>.*?</h2>)", html)
    for i, part in enumerate(parts):
        if part.startswith("<h2") and text_of(part).rstrip("¶ ").strip() == heading:
            return parts[i + 1] if i + 1 < len(parts) else ""
    raise AssertionError(f"no section {heading!r}")


def task_items(section_html: str) -> list[dict[str, str]]:
    """One dict per task in a unit's task list: title, state, and the labelled facts under it (as text)."""
    items = []
    for title, state, facts in re.findall(
            r'<li><strong>(.*?)</strong> <span class="sotay-state sotay-state--[a-z-]+"[^>]*>(.*?)</span><ul>(.*?)</ul>',
            section_html, flags=re.S):
        item = {"title": inline_text(title), "state": inline_text(state), "html": facts}
        for fact in re.findall(r"<li>(.*?)</li>", facts, flags=re.S):
            label, _, value = inline_text(fact).partition(": ")
            item[label] = value
        items.append(item)
    return items


def find_task(items: list[dict[str, str]], title_start: str, **facts: str) -> dict[str, str]:
    found = [i for i in items if i["title"].startswith(title_start) and all(i.get(k) == v for k, v in facts.items())]
    assert found, f"no task starting {title_start!r} with {facts}: {[i['title'][:50] for i in items]}"
    return found[0]


def org_page(site: Path, org_id: str) -> str:
    return article(site, f"don-vi/{org_id}")


# ---- every unit has its page ----

@pytest.mark.parametrize(("lifetime", "expected"), [
    (Lifetime("active", "chưa rõ", None), "Từ (chưa rõ ngày) đến nay"),
    (Lifetime("active", "01/3/2025", None), "Từ ngày 01/3/2025 đến nay"),
    (Lifetime("not-started", "01/3/2025", None), "Từ ngày 01/3/2025"),
    (Lifetime("ending", "chưa rõ", "28/02/2025"), "Từ (chưa rõ ngày) đến ngày 28/02/2025"),
    (Lifetime("ended", "15/6/2004", "28/02/2025"), "Từ ngày 15/6/2004 đến ngày 28/02/2025"),
    (Lifetime("ended", "chưa rõ", "chưa rõ"), "Từ (chưa rõ ngày) đến (chưa rõ ngày kết thúc)"),
])
def test_working_period_wording(lifetime: Lifetime, expected: str) -> None:
    assert lifetime.period == expected


@pytest.mark.parametrize(("led", "supported", "expected"), [
    (3, 2, "chủ trì 3, phối hợp 2 nhiệm vụ"),
    (3, 0, "chủ trì 3 nhiệm vụ"),
    (0, 1, "phối hợp 1 nhiệm vụ"),
    (0, 0, "chưa có nhiệm vụ"),
])
def test_task_count_wording_leaves_out_zero(led: int, supported: int, expected: str) -> None:
    assert task_count_text(led, supported) == expected


@pytest.mark.site
def test_every_organisation_has_a_page(site: Path, dataset) -> None:
    pages = {p.parent.name for p in (site / "don-vi").glob("*/index.html")}
    assert pages == set(dataset.organisations)
    assert len(pages) == len(dataset.organisations)
    for org in dataset.organisations.values():
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", org_page(site, org.id), flags=re.S)
        assert h1 and text_of(h1.group(1)).rstrip("¶ ").strip() == org.name


@pytest.mark.site
def test_page_shows_the_unit_facts_in_vietnamese(site: Path) -> None:
    text = text_of(org_page(site, "ban-tuyen-giao-tinh-uy"))
    for fact in ["Tên gọi tắt Ban Tuyên giáo Tỉnh ủy", "Ký hiệu BTGTU", "Cấp Cấp tỉnh", "Khối Cơ quan Đảng",
                 "Hoạt động Từ (chưa rõ ngày) đến ngày 28/02/2025", "Các cách viết khác", "BTG Tỉnh ủy",
                 "Cơ quan cấp trên: Tỉnh ủy Lai Châu", "Ghi chú", "Nguồn"]:
        assert fact in text, fact
    # Children are listed, linked, on the parent's page.
    children = re.search(r"<li><strong>Đơn vị trực thuộc:</strong>(.*?)</li>", org_page(site, "tinh-uy"), flags=re.S)
    assert children and 'href="../ban-tuyen-giao-tinh-uy/"' in children.group(1)
    assert "Ban Tuyên giáo Tỉnh ủy Lai Châu; " in inline_text(children.group(1))


@pytest.mark.site
def test_group_units_say_they_are_a_group(site: Path, dataset) -> None:
    for org in dataset.organisations.values():
        text = text_of(org_page(site, org.id))
        assert ("Đây là một nhóm đơn vị" in text) == org.group, org.id


# ---- seed 002's dated activities on their lead units' pages ----

@pytest.mark.site
@pytest.mark.parametrize(("org_id", "title", "when", "state"), [
    # "Ra trước lễ kỷ niệm 05 ngày": the ceremony is on 01/01/2024, so about 27/12/2023, long past on 01/5/2024.
    ("bao-lai-chau", "Ra 01 số báo đặc biệt", "Ra trước lễ kỷ niệm 05 ngày (khoảng 27/12/2023)", "Quá hạn"),
    # "Từ tháng 12/2023 đến tháng 12/2024": started, not finished.
    ("bao-lai-chau", "Tổ chức tuyên truyền về các sự kiện kỷ niệm", "Từ tháng 12/2023 đến tháng 12/2024",
     "Sắp đến hạn"),
    ("so-noi-vu", "Phát động đợt thi đua đặc biệt", "Tháng 5/2023", "Quá hạn"),
    ("so-noi-vu", "Khen thưởng cấp tỉnh", "Tháng 11/2023", "Quá hạn"),
    ("so-noi-vu", "Khen thưởng cấp Nhà nước", "Tháng 10/2023", "Quá hạn"),
    ("so-noi-vu", "Tham mưu tổng kết phong trào thi đua", "Cuối năm 2023", "Quá hạn"),
    ("dai-phat-thanh-truyen-hinh-tinh", "Xây dựng phóng sự truyền hình", "Quý III/2023", "Quá hạn"),
    ("dai-phat-thanh-truyen-hinh-tinh", "Tổ chức tuyên truyền về các sự kiện kỷ niệm",
     "Từ tháng 12/2023 đến tháng 12/2024", "Sắp đến hạn"),
    ("so-van-hoa-the-thao-va-du-lich", "Lễ dâng hoa Tượng đài Bác Hồ", "Dự kiến trong tháng 01/2024", "Quá hạn"),
    # Written twice (B.II.1 "Năm 2023", D.5 "vào năm 2024"): both times with their places, judged by the later.
    ("so-lao-dong-thuong-binh-va-xa-hoi", "Tổ chức các hoạt động tri ân", "Năm 2023 (mục B.II.1); Năm 2024 (mục D.5)",
     "Sắp đến hạn"),
])
def test_seed_002_activities_on_the_lead_unit_page(site: Path, org_id, title, when, state) -> None:
    led = task_items(section(org_page(site, org_id), "Nhiệm vụ chủ trì"))
    task = find_task(led, title, **{"Thời gian": when})
    assert task["state"] == state
    assert task["Kế hoạch"].startswith("Kế hoạch của Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh")
    assert ", mục " in task["Kế hoạch"]
    assert 'href="../../ke-hoach/kh-btc-20-nam-chia-tach/"' in task["html"]
    assert 'href="../../su-kien/ky-niem-20-nam-chia-tach-thanh-lap-tinh/"' in task["html"]


@pytest.mark.site
def test_tasks_from_every_plan_appear_ordered_by_date(site: Path) -> None:
    led = task_items(section(org_page(site, "ban-tuyen-giao-tinh-uy"), "Nhiệm vụ chủ trì"))
    plans = {item["Kế hoạch"].split(",")[0] for item in led}
    assert "171-KH/BTGTU" in plans and any(p.startswith("Kế hoạch của Ban Tổ chức") for p in plans)
    whens = [item["Thời gian"] for item in led]
    # Current work first (issue 14): dated tasks in date order, "Chưa rõ" last; then the work of 2023, which
    # ended before the build date's year, folded under "Năm 2023", in date order.
    current = len(whens) - 3
    assert whens[0] == "Dự kiến trong tháng 01/2024" and set(whens[1:current]) == {"Chưa rõ"}
    assert whens[current:] == ["Quý II/2023", "Quý III/2023", "Tháng 12/2023"]
    assert re.search(r'<details class="sotay-past">\s*<summary>Năm 2023 \(3 nhiệm vụ\)</summary>',
                     section(org_page(site, "ban-tuyen-giao-tinh-uy"), "Nhiệm vụ chủ trì"))


@pytest.mark.site
def test_other_units_of_a_task_are_linked(site: Path) -> None:
    led = task_items(section(org_page(site, "bao-lai-chau"), "Nhiệm vụ chủ trì"))
    task = find_task(led, "Tổ chức tuyên truyền về các sự kiện kỷ niệm")
    assert task["Cùng chủ trì"] == ("Đài Phát thanh - Truyền hình tỉnh; Cổng Thông tin điện tử tỉnh; "
                                    "Trang Thông tin điện tử Tỉnh ủy")
    assert "Báo Lai Châu" not in task["Cùng chủ trì"]
    for org_id in ("dai-phat-thanh-truyen-hinh-tinh", "cong-ttdt-tinh", "trang-tt-dien-tu-tinh-uy",
                   "cac-don-vi-co-lien-quan"):
        assert f'href="../{org_id}/"' in task["html"]
    assert task["Phối hợp"] == "Các đơn vị có liên quan"


@pytest.mark.site
def test_summary_line_counts_tasks_by_state(site: Path, dataset) -> None:
    for org_id in dataset.organisations:
        html = org_page(site, org_id)
        for heading, what in (("Nhiệm vụ chủ trì", "chủ trì"), ("Nhiệm vụ phối hợp", "phối hợp")):
            part = section(html, heading)
            items = task_items(part)
            if not items:
                assert f"Chưa có nhiệm vụ {what} nào" in text_of(part), org_id
                continue
            summary = re.search(r'<p class="sotay-org-summary">(.*?)</p>', part, flags=re.S)
            assert summary, org_id
            line = text_of(summary.group(1))
            assert line.startswith(f"{len(items)} nhiệm vụ {what}: "), (org_id, line)
            counts = {label.lower(): sum(1 for i in items if i["state"].lower() == label.lower())
                      for label in {i["state"] for i in items}}
            for label, n in counts.items():
                assert f"{n} {label}" in line, (org_id, line)
    line = text_of(re.search(r'<p class="sotay-org-summary">(.*?)</p>',
                             section(org_page(site, "bao-lai-chau"), "Nhiệm vụ chủ trì"), flags=re.S).group(1))
    # The special issue is written in B.I.2.2 and in D.19: one activity.
    assert line.startswith("3 nhiệm vụ chủ trì: 1 quá hạn, 1 sắp đến hạn, 1 chưa rõ thời hạn")


# ---- the supporting units' pages ----

@pytest.mark.site
@pytest.mark.parametrize(("org_id", "title", "lead"), [
    # B.III.1.2 gives the ceremony to the Sở, D.24 gives the Trung tâm its part of it: both lead the activity.
    ("bo-chi-huy-quan-su-tinh", "Lễ dâng hoa Tượng đài Bác Hồ",
     "Sở Văn hóa, Thể thao và Du lịch; Trung tâm Hành chính - Chính trị tỉnh"),
    ("so-noi-vu", "Đề xuất, tham mưu khen thưởng", "Sở Văn hóa, Thể thao và Du lịch"),
    ("dai-truyen-hinh-viet-nam", "Đầu mối liên hệ với Đài Truyền hình Việt Nam", "Đài Phát thanh - Truyền hình tỉnh"),
    ("cac-to-chuc-ca-nhan-co-lien-quan", "Tổ chức cuộc thi ảnh đẹp về Lai Châu", "Hội Văn học Nghệ thuật tỉnh"),
])
def test_supporting_units_list_the_task_under_phoi_hop(site: Path, org_id, title, lead) -> None:
    html = org_page(site, org_id)
    supported = task_items(section(html, "Nhiệm vụ phối hợp"))
    task = find_task(supported, title)
    assert task["Chủ trì"] == lead
    assert not any(i["title"] == task["title"] and i["Thời gian"] == task["Thời gian"]
                   for i in task_items(section(html, "Nhiệm vụ chủ trì")))


@pytest.mark.site
def test_supported_task_keeps_its_state(site: Path) -> None:
    supported = task_items(section(org_page(site, "so-noi-vu"), "Nhiệm vụ phối hợp"))
    task = find_task(supported, "Đề xuất, tham mưu khen thưởng")
    assert task["state"] == "Chưa rõ thời hạn"


@pytest.mark.site
def test_an_activity_written_twice_is_listed_once_with_both_leads(site: Path) -> None:
    """The song contest: B.I.2.1.g gives it to the Sở with the Hội supporting, D.20 to the Hội. On the Hội's page it
    is one activity it leads, with both places and the time B gives."""
    html = org_page(site, "hoi-van-hoc-nghe-thuat-tinh")
    task = find_task(task_items(section(html, "Nhiệm vụ chủ trì")), "Phát động cuộc thi sáng tác ca khúc",
                     **{"Thời gian": "Dự kiến từ tháng 5 đến tháng 12/2023 (hoàn thành trước 30/10/2023)"})
    assert task["state"] == "Quá hạn"
    assert task["Cùng chủ trì"] == "Sở Văn hóa, Thể thao và Du lịch"
    assert task["Kế hoạch"].endswith("mục B.I.2.1.g, D.20")
    assert not [t for t in task_items(section(html, "Nhiệm vụ phối hợp")) if "ca khúc" in t["title"]]


# ---- 2025: units end, successors take over ----

@pytest.mark.site
def test_ended_unit_links_its_successor(site: Path) -> None:
    html = org_page(site, "ban-tuyen-giao-tinh-uy")
    text = text_of(html)
    assert "Đơn vị kế tục: Ban Tuyên giáo và Dân vận Tỉnh ủy Lai Châu" in text
    assert 'href="../ban-tuyen-giao-va-dan-van-tinh-uy/"' in html
    # On 01/5/2024 the unit still works; the page says when it ends instead of calling it ended.
    assert "hoạt động đến hết ngày 28/02/2025, sau ngày dựng trang (01/5/2024)" in text
    assert "Đã kết thúc hoạt động" not in text


@pytest.mark.site
def test_successor_links_its_predecessor(site: Path) -> None:
    html = org_page(site, "ban-tuyen-giao-va-dan-van-tinh-uy")
    text = text_of(html)
    assert "Đơn vị tiền thân: Ban Tuyên giáo Tỉnh ủy Lai Châu" in text
    assert 'href="../ban-tuyen-giao-tinh-uy/"' in html
    assert "Từ ngày 01/3/2025" in text and "đến nay" not in text  # not started on 01/5/2024


@pytest.mark.site
def test_merged_press_units_show_the_ended_notice(site: Path) -> None:
    for org_id in ("bao-lai-chau", "dai-phat-thanh-truyen-hinh-tinh"):
        html = org_page(site, org_id)
        notice = re.search(r'<div class="admonition warning">(.*?)</div>', html, flags=re.S)
        assert notice, org_id
        text = text_of(notice.group(1))
        assert "Đơn vị này đã kết thúc hoạt động (dữ liệu chưa rõ ngày kết thúc)" in text
        assert "đơn vị kế tục: Báo và Phát thanh, Truyền hình Lai Châu" in text
        assert 'href="../bao-va-phat-thanh-truyen-hinh-lai-chau/"' in notice.group(1)
    merged = inline_text(org_page(site, "bao-va-phat-thanh-truyen-hinh-lai-chau"))
    assert "Đơn vị tiền thân: Báo Lai Châu; Đài Phát thanh - Truyền hình tỉnh Lai Châu" in merged


@pytest.mark.site
def test_documents_issued_link_to_plan_or_document_page(site: Path) -> None:
    issued = section(org_page(site, "ban-tuyen-giao-tinh-uy"), "Văn bản ban hành")
    assert 'href="../../ke-hoach/171-kh-btgtu/"' in issued
    assert "171-KH/BTGTU, ngày 30/5/2023: Tuyên truyền kỷ niệm" in inline_text(issued)
    issued = section(org_page(site, "ban-tuyen-giao-va-dan-van-tinh-uy"), "Văn bản ban hành")
    assert 'href="../../van-ban/37-kh-btgdvtu/"' in issued
    assert "37-KH/BTGDVTU, ngày 30/6/2025" in inline_text(issued)
    assert "Dữ liệu chưa có văn bản nào" in text_of(section(org_page(site, "bao-lai-chau"), "Văn bản ban hành"))


@pytest.mark.site
def test_links_on_organisation_pages_resolve(site: Path, dataset) -> None:
    for org_id in [*dataset.organisations, ""]:
        url = f"don-vi/{org_id}".rstrip("/")
        for href in re.findall(r'href="([^"#]+)"', article(site, url)):
            assert not href.startswith(("http:", "https:", "/")), (org_id, href)
            target = posixpath.normpath(posixpath.join(url + "/", href))
            assert (site / target / "index.html").is_file() or (site / target).is_file(), (org_id, href)


# ---- the index ----

def index_groups(site: Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """{level: {sector: [(name, id), …]}} in page order."""
    html = article(site, "don-vi")
    groups: dict[str, dict[str, list[tuple[str, str]]]] = {}
    level = sector = None
    for tag, body in re.findall(r"<(h2|h3|li)[^>]*>(.*?)</\1>", html, flags=re.S):
        if tag == "h2":
            level = text_of(body).rstrip("¶ ").strip()
            groups[level] = {}
        elif tag == "h3":
            sector = text_of(body).rstrip("¶ ").strip()
            groups[level][sector] = []
        else:
            link = re.match(r'<a href="([a-z0-9-]+)/">(.*?)</a>', body)
            assert link, body
            groups[level][sector].append((inline_text(link.group(2)), link.group(1)))
    return groups


@pytest.mark.site
def test_index_lists_every_organisation_once_under_its_level(site: Path, dataset) -> None:
    groups = index_groups(site)
    assert list(groups) == ["Trung ương", "Cấp tỉnh", "Cấp huyện", "Cấp xã"]
    level_names = {"trung-uong": "Trung ương", "tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
    seen = [(level, org_id) for level, sectors in groups.items() for units in sectors.values() for _, org_id in units]
    assert sorted(i for _, i in seen) == sorted(dataset.organisations)
    for level, org_id in seen:
        assert level == level_names[dataset.organisations[org_id].level]


@pytest.mark.site
def test_index_is_in_vietnamese_order(site: Path) -> None:
    press = [name for name, _ in index_groups(site)["Cấp tỉnh"]["Cơ quan báo chí"]]
    assert press == ["Báo Lai Châu", "Báo và Phát thanh, Truyền hình Lai Châu", "Các cơ quan báo chí trong tỉnh",
                     "Đài Phát thanh - Truyền hình tỉnh Lai Châu", "Tạp chí Văn nghệ Lai Châu"]
    # Python's default sort puts Đ (U+0110) after T: the pair that shows the order is Vietnamese.
    pair = ["Đài Phát thanh - Truyền hình tỉnh Lai Châu", "Tạp chí Văn nghệ Lai Châu"]
    assert sorted(pair) != pair
    state = [name for name, _ in index_groups(site)["Cấp tỉnh"]["Cơ quan nhà nước"]]
    # Đ after D… and C…, before P…; Ủ (U with hỏi) before V.
    assert state.index("Cổng Thông tin điện tử tỉnh Lai Châu") < state.index("Đoàn đại biểu Quốc hội tỉnh Lai Châu")
    assert state.index("Đoàn đại biểu Quốc hội tỉnh Lai Châu") < state.index("Phòng Thông tin - Báo chí - Xuất bản")
    assert state.index("Công an tỉnh Lai Châu") < state.index("Cổng Thông tin điện tử tỉnh Lai Châu")
    assert state.index("Ủy ban nhân dân tỉnh Lai Châu") < state.index("Văn phòng Ủy ban nhân dân tỉnh Lai Châu")
    assert sorted(["Ủy ban nhân dân tỉnh Lai Châu", "Văn phòng Ủy ban nhân dân tỉnh Lai Châu"])[0].startswith("V")


@pytest.mark.site
def test_index_marks_ended_units_and_counts_tasks(site: Path) -> None:
    html = article(site, "don-vi")
    items = {re.match(r'<a href="([a-z0-9-]+)/">', li).group(1): li
             for li in re.findall(r"<li>(.*?)</li>", html, flags=re.S)}
    assert "đã kết thúc hoạt động" in text_of(items["bao-lai-chau"])
    assert "đã kết thúc hoạt động" in text_of(items["dai-phat-thanh-truyen-hinh-tinh"])
    assert "đã kết thúc" not in text_of(items["bao-va-phat-thanh-truyen-hinh-lai-chau"])
    assert "hoạt động đến 28/02/2025" in text_of(items["ban-tuyen-giao-tinh-uy"])
    assert "đã kết thúc" not in text_of(items["so-van-hoa-the-thao-va-du-lich"])
    assert text_of(items["bao-lai-chau"]).endswith(": chủ trì 3 nhiệm vụ")
    assert text_of(items["ubnd-tinh"]).endswith("chưa có nhiệm vụ")


# ---- the task_table snippet, rendered without MkDocs ----

def render_snippet(dataset, tasks) -> str:
    site = make_site(dataset, date(2024, 5, 1))
    return site.render("snippets/task_table.md.j2", "huong-dan/vi-du.md",
                       rows=site.tasks.sorted(site.tasks.entries(tasks)), show_plan=True)


def test_task_table_snippet_is_a_list_that_reads_on_a_phone(dataset) -> None:
    tasks = [t for t in dataset.tasks if any(r.id == "bao-lai-chau" for r in [*t.lead, *t.support])]
    out = render_snippet(dataset, tasks)
    assert "|" not in out  # no table: five columns squeezed each task to a few words a line on a phone
    items = [line for line in out.splitlines() if line.startswith('- <span class="sotay-task-title">')]
    entries = make_site(dataset, date(2024, 5, 1)).tasks.entries(tasks)  # an activity written twice is one item
    assert len(items) == len(entries) and len(entries) < len(tasks)
    # The plan is named once, above its tasks.
    plans = [line for line in out.splitlines() if line.startswith("Theo [")]
    assert plans == ["Theo [Kế hoạch của Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh \\(chưa rõ số\\)]"
                     "(../ke-hoach/kh-btc-20-nam-chia-tach.md):"]
    assert out.lstrip("\n").startswith("Theo [") and out.startswith("\n")  # a blank line before the list
    start = out.index('- <span class="sotay-task-title">Ra 01 số báo đặc biệt')
    special = out[start:out.find("\n- <span", start + 1)]
    assert "sotay-state--overdue" in special and "Quá hạn" in special
    assert "    - Chủ trì: [Báo Lai Châu](../don-vi/bao-lai-chau.md)" in special
    assert "    - Thời gian: Ra trước lễ kỷ niệm 05 ngày" in special
    assert "(../ke-hoach/kh-btc-20-nam-chia-tach.md#" in special  # where the plan writes it


def test_task_table_snippet_says_when_empty(dataset) -> None:
    out = render_snippet(dataset, [])
    assert "|" not in out
    assert "Không có nhiệm vụ nào phù hợp" in out
