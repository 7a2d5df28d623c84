"""A plan's progress (issue 14, item 5): a task's result recorded in the data (`result`), the checker's messages on
it, the counts by state and by lead unit with who has reported, the bar chart drawn at build time, and the plan's
page of progress (ke-hoach/<id>/tien-do/, linked from the plan's page) of a small built site showing the chart and
the table."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from macros.core.load import load_data
from macros.core.validate import validate
from macros.views import progress as progress_view
from macros.views.site import make_site

from .sites import FIXTURES, ROOT, article, build, make_project, text_of

PLAN = "plans/171-kh-btgtu.yml"
DAY = date(2024, 5, 1)
BTG = "ban-tuyen-giao-tinh-uy"
SVH = "so-van-hoa-the-thao-va-du-lich"

# The mini plan's one task (Quý II năm 2024: due soon on 01/5/2024) and five more, one of each kind of progress:
# late, coming, ongoing (led by both units), done with a report, done by its status without a report.
MIXED_TASKS = """
  - id: bao-cao-so-ket
    title: Báo cáo sơ kết
    section: "IV.5"
    lead: ban-tuyen-giao-tinh-uy
    when: Tháng 3/2024
  - id: hoi-thao
    title: Tổ chức hội thảo khoa học
    section: "IV.5"
    lead: so-van-hoa-the-thao-va-du-lich
    when: Tháng 12/2024
  - id: tin-bai
    title: Đăng tin, bài trên trang thông tin điện tử
    section: "IV.5"
    lead: [ban-tuyen-giao-tinh-uy, so-van-hoa-the-thao-va-du-lich]
    when: Thường xuyên
  - id: huong-dan-tuyen-truyen
    title: Ban hành hướng dẫn tuyên truyền
    section: "IV.5"
    lead: ban-tuyen-giao-tinh-uy
    when: Tháng 6/2023
    result:
      date: 20/6/2023
      report: bc-15-btgtu
      note: Đã gửi hướng dẫn đến 8 huyện ủy, thành ủy
  - id: pano
    title: Treo pa nô, áp phích
    section: "IV.5"
    lead: so-van-hoa-the-thao-va-du-lich
    when: Tháng 1/2024
    status: da-thuc-hien
signer:"""
REPORT_DOCUMENT = """
- id: bc-15-btgtu
  number: 15-BC/BTGTU
  issuer: ban-tuyen-giao-tinh-uy
  date: 25/6/2023
  title: kết quả ban hành hướng dẫn tuyên truyền
  source: {document: 171-kh-btgtu, section: "Phần mở đầu"}
"""


def edit(data: Path, name: str, old: str, new: str) -> None:
    path = data / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def mixed_data(target: Path) -> Path:
    """The mini data set with the plan's tasks in every kind of progress."""
    shutil.copytree(FIXTURES / "mini", target)
    edit(target, PLAN, "\nsigner:", MIXED_TASKS)
    (target / "documents.yml").write_text((target / "documents.yml").read_text(encoding="utf-8") + REPORT_DOCUMENT,
                                          encoding="utf-8")
    return target


def check(data: Path) -> tuple[object, list[str]]:
    loaded = load_data(data, base=data.parent)
    validate(loaded.dataset, loaded.problems)
    return loaded.dataset, [problem.format() for problem in loaded.problems.sorted()]


@pytest.fixture
def mixed(tmp_path: Path):
    dataset, problems = check(mixed_data(tmp_path / "data"))
    assert problems == []
    site = make_site(dataset, DAY)
    return site, site.progress.of(dataset.plans["171-kh-btgtu"])


# ---- the data ----

def test_a_result_makes_the_task_done(mixed) -> None:
    site, _ = mixed
    tasks = {task.id: task for task in site.data.plans["171-kh-btgtu"].tasks}
    done = tasks["huong-dan-tuyen-truyen"]
    assert done.status is None  # the data is left as written: the checker only reports
    assert site.tasks.status_of(done) == "da-thuc-hien"  # a result recorded is work done
    assert (done.result.date, done.result.report.id) == (date(2023, 6, 20), "bc-15-btgtu")
    assert site.tasks.state(done).code == "done"


def test_result_before_the_plan_and_result_with_another_status_are_errors(tmp_path: Path) -> None:
    data = mixed_data(tmp_path / "data")
    edit(data, PLAN, "      date: 20/6/2023", "      date: 15/5/2023")
    edit(data, PLAN, "    when: Tháng 6/2023\n", "    when: Tháng 6/2023\n    status: dang-thuc-hien\n")
    _, problems = check(data)
    assert problems == [
        f"data/{PLAN}:44:13: nhiệm vụ đã ghi kết quả (result) nhưng tình trạng (status) là \"dang-thuc-hien\"; hãy "
        "ghi \"da-thuc-hien\" hoặc bỏ \"status\"",
        f"data/{PLAN}:46:13: ngày hoàn thành 15/5/2023 (result.date) trước ngày ban hành kế hoạch 30/5/2023; hãy "
        "kiểm tra lại ngày hoàn thành",
    ]


def test_a_result_needs_its_date_and_an_existing_report(tmp_path: Path) -> None:
    data = mixed_data(tmp_path / "data")
    edit(data, PLAN, "      date: 20/6/2023\n", "")
    assert check(data)[1] == [f"data/{PLAN}:45:7: kết quả thực hiện (result) thiếu khóa bắt buộc \"date\" (ngày hoàn "
                              "thành, ví dụ 15/5/2024)"]
    edit(data, PLAN, "      report: bc-15-btgtu", "      date: 20/6/2023\n      report: bc-16-btgtu")
    problems = check(data)[1]
    assert len(problems) == 1 and problems[0].startswith(
        f"data/{PLAN}:46:15: không có văn bản nào mang mã \"bc-16-btgtu\"")


def test_the_schema_declares_the_result() -> None:
    import json
    schema = json.loads((ROOT / "data" / "schemas" / "task.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    assert "\"result\"" in text and "ngày hoàn thành" in text


# ---- the counts ----

def test_counts_by_state(mixed) -> None:
    _, progress = mixed
    assert progress.total == 6
    assert [(s.code, s.label, s.count) for s in progress.states] == [
        ("overdue", "Quá hạn", 1), ("due-soon", "Sắp đến hạn", 1), ("upcoming", "Sắp tới", 1),
        ("ongoing", "Thường xuyên", 1), ("done", "Đã thực hiện", 2)]
    assert progress.reported_count == 1
    assert [(item.entry.id, item.result.date) for item in progress.reported] == [
        ("huong-dan-tuyen-truyen", date(2023, 6, 20))]


def test_counts_by_lead_unit_and_who_has_reported(mixed) -> None:
    _, progress = mixed
    rows = {row.org_id: row for row in progress.leads}
    assert list(rows) == [BTG, SVH]  # Ban… before Sở…
    # Columns: overdue, due soon, upcoming, ongoing, done. The ongoing task is led by both, so it counts twice.
    assert rows[BTG].counts == [1, 0, 0, 1, 1] and rows[BTG].total == 3 and rows[BTG].reported == 1
    assert rows[SVH].counts == [0, 1, 1, 1, 1] and rows[SVH].total == 4 and rows[SVH].reported == 0
    assert rows[BTG].report_text == "Đã báo cáo 1/3, chưa 2"
    assert rows[SVH].report_text == "Chưa báo cáo (0/4)"


def test_report_text_when_every_task_is_reported() -> None:
    row = progress_view.LeadRow("x", [2], 2, 2)
    assert row.report_text == "Đã báo cáo (2/2)"


# ---- the chart ----

def test_bar_widths_and_labels(mixed) -> None:
    _, progress = mixed
    chart = progress.chart
    bars = [(b.code, b.label, b.count, b.width, b.value_text) for b in chart.bars]
    one = round(progress_view.PLOT_WIDTH / 6, 1)
    assert bars == [("overdue", "Quá hạn", 1, one, "1 (17%)"), ("due-soon", "Sắp đến hạn", 1, one, "1 (17%)"),
                    ("upcoming", "Sắp tới", 1, one, "1 (17%)"), ("ongoing", "Thường xuyên", 1, one, "1 (17%)"),
                    ("done", "Đã thực hiện", 2, round(progress_view.PLOT_WIDTH / 3, 1), "2 (33%)")]
    # One row each, top to bottom; every pattern differs, done is solid.
    assert [b.y for b in chart.bars] == sorted(b.y for b in chart.bars)
    assert len({b.pattern for b in chart.bars}) == len(chart.bars)
    assert [b.fill for b in chart.bars][-1] == progress_view.STATE_COLOURS["done"]


def test_state_colours_match_the_state_classes() -> None:
    from macros.core import deadlines
    css = (ROOT / "docs" / "assets" / "sotay.css").read_text(encoding="utf-8")
    assert set(deadlines.STATE_ORDER) <= set(progress_view.STATE_COLOURS), "a state without a colour in the chart"
    assert set(deadlines.STATE_ORDER) <= set(progress_view.STATE_PATTERNS), "a state without a pattern in the chart"
    for code, colour in progress_view.STATE_COLOURS.items():
        found = re.search(rf"\.sotay-state--{re.escape(code)}\s*\{{\s*color:\s*([^;]+);", css)
        if found and found.group(1).startswith("#"):  # "unknown" takes Material's light text colour, a variable
            assert found.group(1).lower() == colour, code


def test_the_chart_in_the_rendered_page(mixed) -> None:
    site, _ = mixed
    plan = site.data.plans["171-kh-btgtu"]
    written = site.render("pages/plan_progress.md.j2", "ke-hoach/171-kh-btgtu/tien-do.md", plan=plan)
    page = site.templates.blocks.restore(written).html  # the raw HTML blocks in their places
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "\n\n" not in svg  # one raw HTML block
    assert "<a " not in svg and "href" not in svg
    assert 'role="img"' in svg and "aria-labelledby=\"sotay-progress-171-kh-btgtu-title" in svg
    assert "<title id=\"sotay-progress-171-kh-btgtu-title\">Nhiệm vụ của kế hoạch theo tình trạng, tính đến ngày " \
           "01/5/2024</title>" in svg
    bars = re.findall(r'data-state="([^"]+)" data-count="(\d+)">\n<title>[^<]*</title>\n<text[^>]*>([^<]+)</text>\n'
                      r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', svg)
    assert bars == [("overdue", "1", "Quá hạn", "56.7"), ("due-soon", "1", "Sắp đến hạn", "56.7"),
                    ("upcoming", "1", "Sắp tới", "56.7"), ("ongoing", "1", "Thường xuyên", "56.7"),
                    ("done", "2", "Đã thực hiện", "113.3")]
    # Progress comes first on the plan's page of progress, before the screen-only per-unit view; the plan's own
    # page ends the document with a link to it, and holds neither.
    assert page.index("## Tiến độ thực hiện") < page.index("<figure") < page.index("## Theo đơn vị chủ trì")
    own = site.templates.blocks.restore(
        site.render("pages/plan.md.j2", "ke-hoach/171-kh-btgtu.md", plan=plan)).html
    assert own.index("<div class=\"sotay-plan-end\">") < own.index("## Tiến độ thực hiện")
    assert "<svg" not in own and "## Theo đơn vị chủ trì" not in own
    link = 'href="tien-do/">Tiến độ thực hiện, nhiệm vụ theo đơn vị chủ trì</a>'
    assert link in own[own.index("## Tiến độ thực hiện"):]
    # The table as the HTML Markdown would make of it; links to the built pages.
    table = page[page.index("<table>"):page.index("</table>") + len("</table>")]
    cells = [re.findall(r"<t[hd](?: style=\"text-align: right;\")?>(.*?)</t[hd]>", row)
             for row in re.findall(r"<tr>\n(.*?)</tr>", table, re.S)]
    assert cells == [
        ["Đơn vị chủ trì", "Quá hạn", "Sắp đến hạn", "Sắp tới", "Thường xuyên", "Đã thực hiện", "Tổng",
         "Báo cáo kết quả"],
        ['<a href="../../../don-vi/ban-tuyen-giao-tinh-uy/">Ban Tuyên giáo Tỉnh ủy</a>', "1", "–", "–", "1", "1", "3",
         "Đã báo cáo 1/3, chưa 2"],
        ['<a href="../../../don-vi/so-van-hoa-the-thao-va-du-lich/">Sở Văn hóa, Thể thao và Du lịch</a>', "–", "1",
         "1", "1", "1", "4", "Chưa báo cáo (0/4)"],
        ["<strong>Cả kế hoạch</strong>", "<strong>1</strong>", "<strong>1</strong>", "<strong>1</strong>",
         "<strong>1</strong>", "<strong>2</strong>", "<strong>6</strong>", "<strong>1/6</strong>"],
    ]
    assert table.count('style="text-align: right;"') == 4 * 6  # the counts and totals, right-aligned
    assert "\n\n" not in table  # one raw HTML block


# ---- the built page ----

@pytest.mark.site
def test_plan_page_shows_the_chart_and_the_table(tmp_path: Path) -> None:
    project = make_project(tmp_path, data=mixed_data(tmp_path / "data"))
    built = build(project, build_date=DAY.isoformat())
    assert built.ok, built.log
    plan_html = article(built.site, "ke-hoach/171-kh-btgtu")
    assert re.search(r'<h2 class="sotay-print-stop" id="[^"]+">Tiến độ thực hiện', plan_html)
    assert 'href="tien-do/"' in plan_html and "<figure" not in plan_html
    html = article(built.site, "ke-hoach/171-kh-btgtu/tien-do")
    assert re.search(r'<h2 id="[^"]+">Tiến độ thực hiện', html)
    figure = html[html.index('<figure class="sotay-progress">'):html.index("</figure>")]
    assert figure.count("<rect ") >= 5 and 'role="img"' in figure
    assert re.findall(r'data-state="([^"]+)"', figure) == ["overdue", "due-soon", "upcoming", "ongoing", "done"]
    text = text_of(html)
    assert "Ban Tuyên giáo Tỉnh ủy 1 – – 1 1 3 Đã báo cáo 1/3, chưa 2" in text
    assert "Sở Văn hóa, Thể thao và Du lịch – 1 1 1 1 4 Chưa báo cáo (0/4)" in text
    assert ("Kết quả đã ghi: Ban hành hướng dẫn tuyên truyền : hoàn thành ngày 20/6/2023, báo cáo: Báo cáo số "
            "15-BC/BTGTU ; Đã gửi hướng dẫn đến 8 huyện ủy, thành ủy") in text
    # The report links to its document's page, the task to its place in the document; the progress prints (before
    # the print stop), the per-unit view does not.
    assert re.search(r'<a href="\.\./\.\./\.\./van-ban/bc-15-btgtu/">', html)
    assert re.search(r'<a href="\.\./#nv-[^"]+">Ban hành hướng dẫn tuyên truyền</a>', html)
    assert html.index("<figure") < html.index("sotay-print-stop") < html.index("Theo đơn vị chủ trì")
