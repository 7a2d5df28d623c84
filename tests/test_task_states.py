"""Task states as of the day of reading, and work that belongs to the past (issue 14, items 1 and 2): when a plan's
period is over (macros/views/tasks.py `Tasks.plan_end`), an unfinished task is "Không có báo cáo kết quả", never
"Quá hạn"; the data attributes the reader's browser judges the state from (docs/assets/sotay-states.js). The
browser side is tests/browser/test_states_in_browser.py."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from datetime import date

import pytest

from macros.core import deadlines
from macros.core.dates import parse_fuzzy
from macros.views.site import make_site

D = date
PAST = deadlines.PAST_STATE
FINISHED = {"171-kh-btgtu": D(2024, 12, 31), "kh-btc-20-nam-chia-tach": D(2024, 12, 31)}


def test_the_past_state_is_a_state_of_the_table() -> None:
    assert PAST == "no-report"
    assert deadlines.STATE_LABELS[PAST] == "Không có báo cáo kết quả"
    assert deadlines.table()["past_state"] == PAST
    # counted after the states that still ask for work, before "Đã thực hiện"
    assert deadlines.STATE_ORDER.index(PAST) == deadlines.STATE_ORDER.index("done") - 1


@pytest.mark.parametrize(("text", "end"), [
    ("Tuyên truyền kỷ niệm các sự kiện lịch sử, sự kiện chính trị quan trọng của tỉnh trong năm 2023 - 2024",
     D(2024, 12, 31)),
    ("Năm 2023 và năm 2024", D(2024, 12, 31)),
    ("Kế hoạch tuyên truyền năm 2025", D(2025, 12, 31)),
    ("Tuyên truyền nhiệm kỳ 2020-2025", D(2025, 12, 31)),
    ("giai đoạn 2021 – 2025", D(2025, 12, 31)),
    ("Tổ chức các hoạt động kỷ niệm 20 năm chia tách, thành lập tỉnh Lai Châu (01/01/2004 - 01/01/2024)", None),
    ("Kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", None),
    (None, None),
])
def test_the_years_a_title_states(text: str | None, end: date | None) -> None:
    assert deadlines.stated_years_end(text) == end


@pytest.mark.parametrize(("kind_text", "today", "past_from", "status", "state"), [
    ("Trước ngày 19/5/2023", D(2024, 12, 31), D(2025, 1, 1), None, "overdue"),
    ("Trước ngày 19/5/2023", D(2025, 1, 1), D(2025, 1, 1), None, PAST),
    ("Thường xuyên", D(2026, 12, 1), D(2025, 1, 1), None, PAST),
    ("Hằng tháng", D(2026, 12, 1), D(2025, 1, 1), None, PAST),
    ("chưa rõ", D(2026, 12, 1), D(2025, 1, 1), None, PAST),
    ("Trước ngày 19/5/2023", D(2026, 12, 1), D(2025, 1, 1), "da-thuc-hien", "done"),
    ("Trước ngày 19/5/2023", D(2026, 12, 1), None, None, "overdue"),  # a plan with no known end is never over
])
def test_state_of_with_a_past_day(kind_text: str, today: date, past_from: date | None, status: str | None,
                                  state: str) -> None:
    assert deadlines.state_of(parse_fuzzy(kind_text), today, status, past_from=past_from) == state


def test_the_plan_periods_of_the_shipped_data(shipped_dataset) -> None:
    site = make_site(shipped_dataset, D(2026, 12, 1))
    ends = {plan.id: site.tasks.plan_end(plan) for plan in shipped_dataset.plans.values()}
    for plan_id, end in FINISHED.items():
        assert ends[plan_id] == end
    # The 2025 plan's events (Đại hội XV, XIV) have no date in the data: its period has no known end yet.
    assert ends["kh-svhttdl-tuyen-truyen-dai-hoi-2025"] is None


@pytest.mark.parametrize("today", [D(2025, 1, 1), D(2026, 12, 1)])
def test_no_task_of_a_finished_plan_is_overdue(shipped_dataset, today: date) -> None:
    site = make_site(shipped_dataset, today)
    for plan_id in FINISHED:
        plan = shipped_dataset.plans[plan_id]
        states = {task.key: site.tasks.state(task).code for task in plan.tasks}
        assert "overdue" not in states.values()
        for task in plan.tasks:
            expected = "done" if site.tasks.status_of(task) == "da-thuc-hien" else PAST
            assert states[task.key] == expected, task.key
        entries = site.tasks.entries(plan.tasks)
        assert {site.tasks.state(entry).code for entry in entries} <= {PAST, "done"}
    # The pages' counts: no "quá hạn" for a unit whose work is all in the finished plans.
    counts = site.tasks.state_counts(t for p in FINISHED for t in shipped_dataset.plans[p].tasks)
    assert [code for code, _, _ in counts] == [PAST, "done"]
    assert counts[0][1] == "không có báo cáo kết quả"


def test_the_same_plan_was_overdue_while_it_ran(shipped_dataset) -> None:
    site = make_site(shipped_dataset, D(2024, 5, 1))
    codes = [site.tasks.state(task).code for task in shipped_dataset.plans["kh-btc-20-nam-chia-tach"].tasks]
    assert "overdue" in codes and PAST not in codes


def test_a_done_task_stays_done_and_a_result_counts_as_done(shipped_dataset) -> None:
    site = make_site(shipped_dataset, D(2026, 12, 1))
    task = shipped_dataset.plans["kh-btc-20-nam-chia-tach"].tasks[0]
    assert site.tasks.state(replace(task, status="da-thuc-hien")).code == "done"
    assert site.tasks.state(replace(task, status=None)).code == PAST


def _attrs(markup: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in re.findall(r'([a-z-]+)="([^"]*)"', str(markup))}


def test_state_attributes_carry_the_rule_and_the_days(shipped_dataset) -> None:
    site = make_site(shipped_dataset, D(2024, 5, 1))
    plan = shipped_dataset.plans["kh-btc-20-nam-chia-tach"]
    task = next(t for t in plan.tasks if t.when is not None and t.when.kind == "quarter"
                and t.when.start == D(2023, 7, 1))
    attrs = _attrs(site.tasks.state_attrs(task))
    assert attrs == {"data-kind": "quarter", "data-start": "2023-07-01", "data-end": "2023-09-30",
                     "data-past-from": "2025-01-01", "data-day": "2024-05-01",
                     "title": "Tình trạng tính đến ngày 01/5/2024"}
    relative = next(t for t in plan.tasks if t.when is not None and t.when.kind == "relative"
                    and site.tasks.deadline(t).kind == "day")
    attrs = _attrs(site.tasks.state_attrs(relative))
    assert attrs["data-kind"] == "day" and attrs["data-start"] == attrs["data-end"]  # resolved against the event
    rows = json.loads(_attrs(site.tasks.summary_attrs(plan.tasks))["data-sotay-tasks"])
    assert len(rows) == len(plan.tasks)
    assert rows[plan.tasks.index(task)] == site.tasks.state_data(task)


def test_the_python_rule_reads_the_attributes_back(shipped_dataset) -> None:
    """What the script gets from the attributes is enough: state_of on them gives the page's state."""
    from macros.core.dates import FuzzyDate
    for today in (D(2024, 5, 1), D(2026, 12, 1)):
        site = make_site(shipped_dataset, today)
        for task in shipped_dataset.tasks:
            data = site.tasks.state_data(task)
            day = {k: D.fromisoformat(v) for k, v in data.items() if k in ("start", "end", "finish", "past-from")}
            when = FuzzyDate(data["kind"], start=day.get("start"), end=day.get("end"), finish_by=day.get("finish"))
            got = deadlines.state_of(when, today, data.get("status"), past_from=day.get("past-from"))
            assert got == site.tasks.state(task).code, task.key
