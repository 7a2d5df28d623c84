"""The deadline forms real plans use beyond a dated period (issue 12, section 3): several years, a start with no end,
a time counted from the end of the event's focus window, recurring and ongoing duties, N days before or after the
event. For each: how it is read, how it is written back, which state it gives on a given day (macros/core/deadlines.py,
also through the site's task view) and where it sorts; and the message for a form that cannot be read."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from macros.core import deadlines
from macros.core.check import check_data
from macros.core.dates import KINDS, DateError, FuzzyDate, parse_fuzzy
from macros.views.site import make_site

from .sites import FIXTURES, ROOT

D = date

FORMS = ("15/6/2022, Tháng 12/2023, Quý III năm 2023, Năm 2023, Năm 2023 và năm 2024, "
         "Từ tháng 12/2023 đến tháng 12/2024, Dự kiến trong tháng 01 năm 2024, Trước ngày 19/5/2023, "
         "Sau ngày 07/5/2024, Ra trước lễ kỷ niệm 05 ngày, Sau sự kiện 03 ngày, Kết thúc đợt tuyên truyền, "
         "Sau khi kết thúc hoạt động kỷ niệm, Thường xuyên, Hằng tháng, Hằng quý, Hằng năm, chưa rõ")


def unreadable(text: str) -> str:
    return f'không đọc được thời gian "{text}"; viết theo một trong các dạng: {FORMS}'


# ---- (1) reading: input -> (kind, start, end, granularity, event, offset_days, years) ----

PARSE = [
    ("Thường xuyên", ("ongoing", None, None, None, None, None, ())),
    ("thường xuyên", ("ongoing", None, None, None, None, None, ())),
    ("Thường xuyên, liên tục", ("ongoing", None, None, None, None, None, ())),
    ("Thực hiện thường xuyên", ("ongoing", None, None, None, None, None, ())),
    ("Trong năm 2023 và năm 2024", ("years", D(2023, 1, 1), D(2024, 12, 31), "year", None, None, (2023, 2024))),
    ("Năm 2023 và năm 2024", ("years", D(2023, 1, 1), D(2024, 12, 31), "year", None, None, (2023, 2024))),
    ("Trong năm 2023 và 2024", ("years", D(2023, 1, 1), D(2024, 12, 31), "year", None, None, (2023, 2024))),
    ("năm 2023, 2024 và 2025",
     ("years", D(2023, 1, 1), D(2025, 12, 31), "year", None, None, (2023, 2024, 2025))),
    # Years need not follow each other: the period still runs from the first to the last.
    ("Năm 2023 và năm 2025", ("years", D(2023, 1, 1), D(2025, 12, 31), "year", None, None, (2023, 2025))),
    ("Sau ngày 7/5/2024", ("after", D(2024, 5, 8), None, "day", None, None, ())),
    ("sau 7/5/2024", ("after", D(2024, 5, 8), None, "day", None, None, ())),
    ("Sau ngày 2024-05-07", ("after", D(2024, 5, 8), None, "day", None, None, ())),
    ("Sau ngày 30 tháng 4 năm 2024", ("after", D(2024, 5, 1), None, "day", None, None, ())),
    ("Sau ngày 31/12/2023", ("after", D(2024, 1, 1), None, "day", None, None, ())),
    ("Trước ngày 19/5/2023", ("before", None, D(2023, 5, 18), "day", None, None, ())),
    ("Trước ngày 01/01/2024", ("before", None, D(2023, 12, 31), "day", None, None, ())),
    ("Kết thúc đợt tuyên truyền", ("end-of-window", None, None, None, "đợt tuyên truyền", None, ())),
    ("Khi kết thúc đợt tuyên truyền", ("end-of-window", None, None, None, "đợt tuyên truyền", None, ())),
    ("kết thúc đợt cao điểm", ("end-of-window", None, None, None, "đợt cao điểm", None, ())),
    ("Sau khi kết thúc hoạt động kỷ niệm", ("after-window", None, None, None, "hoạt động kỷ niệm", None, ())),
    ("Sau khi kết thúc đợt tuyên truyền", ("after-window", None, None, None, "đợt tuyên truyền", None, ())),
    ("Sau kết thúc các hoạt động kỷ niệm", ("after-window", None, None, None, "các hoạt động kỷ niệm", None, ())),
    ("Sau khi kết thúc các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
     ("after-window", None, None, None, "các hoạt động kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", None, ())),
    ("Hằng tháng", ("recurring", None, None, "month", None, None, ())),
    ("Hằng quý", ("recurring", None, None, "quarter", None, None, ())),
    ("Hằng năm", ("recurring", None, None, "year", None, None, ())),
    ("Hàng tháng", ("recurring", None, None, "month", None, None, ())),
    ("hàng quý", ("recurring", None, None, "quarter", None, None, ())),
    ("HÀNG NĂM", ("recurring", None, None, "year", None, None, ())),
    ("Định kỳ hằng quý", ("recurring", None, None, "quarter", None, None, ())),
    ("Trước sự kiện 5 ngày", ("relative", None, None, None, "sự kiện", -5, ())),
    ("Sau sự kiện 3 ngày", ("relative", None, None, None, "sự kiện", 3, ())),
    ("5 ngày trước sự kiện", ("relative", None, None, None, "sự kiện", -5, ())),
]
PARSE_INPUTS = [text for text, _ in PARSE]


@pytest.mark.parametrize(("text", "expected"), PARSE)
def test_parse(text: str, expected: tuple[object, ...]) -> None:
    parsed = parse_fuzzy(text)
    assert (parsed.kind, parsed.start, parsed.end, parsed.granularity, parsed.event, parsed.offset_days,
            parsed.years) == expected


# Unicode form and reading back the rendering: tests/test_dates.py runs those on PARSE_INPUTS too.


@pytest.mark.parametrize(("text", "same_as"), [
    ("Hàng tháng", "Hằng tháng"),
    ("Trong năm 2023 và 2024", "Năm 2023 và năm 2024"),
    ("Khi kết thúc đợt tuyên truyền", "Kết thúc đợt tuyên truyền"),
    ("Sau kết thúc hoạt động kỷ niệm", "Sau khi kết thúc hoạt động kỷ niệm"),
    ("sau 7/5/2024", "Sau ngày 07/5/2024"),
    ("Thường xuyên, liên tục", "Thường xuyên"),
])
def test_spelling_variants_read_alike(text: str, same_as: str) -> None:
    assert parse_fuzzy(text) == parse_fuzzy(same_as)


# ---- (2) writing back: input -> the exact text the site shows ----

RENDER = [
    ("Thường xuyên", "Thường xuyên"),
    ("thường xuyên, liên tục", "Thường xuyên"),
    ("Trong năm 2023 và năm 2024", "Năm 2023 và năm 2024"),
    ("Năm 2023 và năm 2024", "Năm 2023 và năm 2024"),
    ("Trong năm 2023 và 2024", "Năm 2023 và năm 2024"),
    ("năm 2023, 2024 và 2025", "Năm 2023, năm 2024 và năm 2025"),
    ("Dự kiến năm 2023 và năm 2024", "Dự kiến năm 2023 và năm 2024"),
    ("Sau ngày 7/5/2024", "Sau ngày 07/5/2024"),
    ("sau 1/2/2024", "Sau ngày 01/02/2024"),
    ("Dự kiến sau ngày 7/5/2024", "Dự kiến sau ngày 07/5/2024"),
    ("Sau ngày 7/5/2024 (hoàn thành trước 30/6/2024)", "Sau ngày 07/5/2024 (hoàn thành trước 30/6/2024)"),
    ("Trước ngày 19/5/2023", "Trước ngày 19/5/2023"),
    ("hoàn thành trước 1/1/2024", "Trước ngày 01/01/2024"),
    ("Kết thúc đợt tuyên truyền", "Kết thúc đợt tuyên truyền"),
    ("Khi kết thúc đợt tuyên truyền", "Kết thúc đợt tuyên truyền"),
    ("Sau khi kết thúc hoạt động kỷ niệm", "Sau khi kết thúc hoạt động kỷ niệm"),
    ("Sau kết thúc đợt tuyên truyền", "Sau khi kết thúc đợt tuyên truyền"),
    ("Sau khi kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)",
     "Sau khi kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)"),
    ("Hằng tháng", "Hằng tháng"),
    ("Hàng quý", "Hằng quý"),
    ("hàng năm", "Hằng năm"),
    ("Trước sự kiện 5 ngày", "Trước sự kiện 05 ngày"),
    ("Sau sự kiện 3 ngày", "Sau sự kiện 03 ngày"),
    ("3 ngày sau sự kiện", "Sau sự kiện 03 ngày"),
    ("Trước lễ kỷ niệm 5 ngày", "Trước lễ kỷ niệm 05 ngày"),
]


@pytest.mark.parametrize(("text", "expected"), RENDER)
def test_render(text: str, expected: str) -> None:
    rendered = parse_fuzzy(text).render()
    assert rendered == expected
    assert unicodedata.is_normalized("NFC", rendered)


# Resolved against an anchor (the event day for "relative", the focus window's last day for the window forms).
@pytest.mark.parametrize(("text", "anchor", "expected", "rendered"), [
    ("Trước sự kiện 5 ngày", D(2024, 5, 7), FuzzyDate("day", D(2024, 5, 2), D(2024, 5, 2), granularity="day"),
     "02/5/2024"),
    ("Sau sự kiện 3 ngày", D(2024, 5, 7), FuzzyDate("day", D(2024, 5, 10), D(2024, 5, 10), granularity="day"),
     "10/5/2024"),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 12),
     FuzzyDate("day", D(2024, 5, 12), D(2024, 5, 12), granularity="day"), "12/5/2024"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 12),
     FuzzyDate("after", D(2024, 5, 13), None, granularity="day"), "Sau ngày 12/5/2024"),
    ("Sau khi kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)", D(2024, 5, 12),
     FuzzyDate("after", D(2024, 5, 13), None, finish_by=D(2024, 6, 30), granularity="day"),
     "Sau ngày 12/5/2024 (hoàn thành trước 30/6/2024)"),
    ("Thường xuyên", D(2024, 5, 12), FuzzyDate("ongoing"), "Thường xuyên"),
    ("Hằng tháng", D(2024, 5, 12), FuzzyDate("recurring", granularity="month"), "Hằng tháng"),
])
def test_resolve(text: str, anchor: date, expected: FuzzyDate, rendered: str) -> None:
    resolved = parse_fuzzy(text).resolve(anchor)
    assert resolved == expected
    assert resolved.render() == rendered


# ---- (3) state on given days, straight from the rule table ----

STATES = [
    # Ongoing and recurring: never late, whatever the day.
    ("Thường xuyên", D(1990, 1, 1), "ongoing"),
    ("Thường xuyên", D(2024, 5, 1), "ongoing"),
    ("Thường xuyên", D(2199, 12, 31), "ongoing"),
    ("Hằng tháng", D(2023, 1, 1), "recurring"),
    ("Hằng quý", D(2024, 5, 1), "recurring"),
    ("Hàng năm", D(2199, 12, 31), "recurring"),
    # Several years: a period from 01/01/2023 to 31/12/2024.
    ("Năm 2023 và năm 2024", D(2022, 11, 30), "upcoming"),
    ("Năm 2023 và năm 2024", D(2022, 12, 31), "upcoming"),  # a period is due soon when its end is near
    ("Năm 2023 và năm 2024", D(2023, 6, 1), "due-soon"),  # under way
    ("Năm 2023 và năm 2024", D(2024, 12, 31), "due-soon"),
    ("Năm 2023 và năm 2024", D(2025, 1, 1), "overdue"),
    # A start with no end: due from its first day (the day after 07/5/2024), never late by itself.
    ("Sau ngày 7/5/2024", D(2024, 5, 1), "upcoming"),
    ("Sau ngày 7/5/2024", D(2024, 5, 7), "upcoming"),
    ("Sau ngày 7/5/2024", D(2024, 5, 8), "due-soon"),
    ("Sau ngày 7/5/2024", D(2030, 1, 1), "due-soon"),
    # … unless a finishing date is written with it.
    ("Sau ngày 7/5/2024 (hoàn thành trước 30/6/2024)", D(2024, 5, 1), "upcoming"),
    ("Sau ngày 7/5/2024 (hoàn thành trước 30/6/2024)", D(2024, 5, 31), "due-soon"),
    ("Sau ngày 7/5/2024 (hoàn thành trước 30/6/2024)", D(2024, 6, 30), "due-soon"),
    ("Sau ngày 7/5/2024 (hoàn thành trước 30/6/2024)", D(2024, 7, 1), "overdue"),
    # A deadline: late from the deadline day on.
    ("Trước ngày 19/5/2023", D(2023, 4, 1), "upcoming"),
    ("Trước ngày 19/5/2023", D(2023, 4, 18), "due-soon"),
    ("Trước ngày 19/5/2023", D(2023, 5, 18), "due-soon"),
    ("Trước ngày 19/5/2023", D(2023, 5, 19), "overdue"),
    # Counted from an event, not resolved (no event, or its day or window is unknown): unknown.
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 1), "unknown"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 1), "unknown"),
    ("Trước sự kiện 5 ngày", D(2024, 5, 1), "unknown"),
    ("Sau sự kiện 3 ngày", D(2024, 5, 1), "unknown"),
    # … unless a finishing date places its last day.
    ("Kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)", D(2024, 5, 1), "upcoming"),
    ("Kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)", D(2024, 6, 1), "due-soon"),
    ("Kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)", D(2024, 7, 1), "overdue"),
    ("chưa rõ", D(2024, 5, 1), "unknown"),
]


@pytest.mark.parametrize(("text", "today", "state"), STATES)
def test_state_from_the_table(text: str, today: date, state: str) -> None:
    assert deadlines.state_of(parse_fuzzy(text), today) == state


# Resolved against an anchor, then judged: the event of the examples is on 07/5/2024, its focus window
# 17/4/2024 - 12/5/2024 (20 days before, 5 after).
RESOLVED_STATES = [
    ("Trước sự kiện 5 ngày", D(2024, 5, 7), D(2024, 3, 1), "upcoming"),
    ("Trước sự kiện 5 ngày", D(2024, 5, 7), D(2024, 4, 2), "due-soon"),  # 02/5 within 30 days
    ("Trước sự kiện 5 ngày", D(2024, 5, 7), D(2024, 5, 2), "due-soon"),
    ("Trước sự kiện 5 ngày", D(2024, 5, 7), D(2024, 5, 3), "overdue"),
    ("Sau sự kiện 3 ngày", D(2024, 5, 7), D(2024, 5, 10), "due-soon"),
    ("Sau sự kiện 3 ngày", D(2024, 5, 7), D(2024, 5, 11), "overdue"),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 12), D(2024, 3, 1), "upcoming"),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 12), D(2024, 5, 1), "due-soon"),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 12), D(2024, 5, 12), "due-soon"),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 12), D(2024, 5, 13), "overdue"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 12), D(2024, 5, 1), "upcoming"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 12), D(2024, 5, 12), "upcoming"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 12), D(2024, 5, 13), "due-soon"),
    ("Sau khi kết thúc hoạt động kỷ niệm", D(2024, 5, 12), D(2025, 5, 13), "due-soon"),  # never late by itself
    ("Sau khi kết thúc đợt tuyên truyền (hoàn thành trước 30/6/2024)", D(2024, 5, 12), D(2024, 7, 1), "overdue"),
]


@pytest.mark.parametrize(("text", "anchor", "today", "state"), RESOLVED_STATES)
def test_state_of_a_resolved_time(text: str, anchor: date, today: date, state: str) -> None:
    assert deadlines.state_of(parse_fuzzy(text).resolve(anchor), today) == state


@pytest.mark.parametrize("text", ["Thường xuyên", "Hằng tháng", "Năm 2023 và năm 2024", "Trước ngày 19/5/2023",
                                  "Kết thúc đợt tuyên truyền", "chưa rõ"])
def test_a_task_marked_done_is_done(text: str) -> None:
    assert deadlines.state_of(parse_fuzzy(text), D(2030, 1, 1), "da-thuc-hien") == "done"


def test_no_time_is_unknown() -> None:
    assert deadlines.state_of(None, D(2024, 5, 1)) == "unknown"


def test_due_soon_days_can_be_given() -> None:
    assert deadlines.state_of(parse_fuzzy("Trước ngày 19/5/2023"), D(2023, 5, 1), due_soon_days=7) == "upcoming"
    assert deadlines.state_of(parse_fuzzy("Trước ngày 19/5/2023"), D(2023, 5, 11), due_soon_days=7) == "due-soon"


# ---- the rule table is plain data, complete and consistent ----

def test_the_table_is_json() -> None:
    table = deadlines.table()
    assert json.loads(json.dumps(table, ensure_ascii=False)) == table
    assert set(table) == {"due_soon_days", "order", "labels", "statuses", "conditions", "rules", "anchors",
                          "resolved_notes", "past_state"}


def test_every_kind_has_a_rule_that_ends_with_always() -> None:
    assert set(deadlines.RULES) == set(KINDS)
    for kind, rule in deadlines.RULES.items():
        assert rule and rule[-1][0] == "always", kind
        for condition, state in rule:
            assert condition in deadlines.CONDITIONS, (kind, condition)
            assert state in deadlines.STATE_ORDER, (kind, state)


def test_every_state_has_a_label_and_a_colour() -> None:
    assert set(deadlines.STATE_ORDER) == set(deadlines.STATE_LABELS)
    css = (ROOT / "docs" / "assets" / "sotay.css").read_text(encoding="utf-8")
    for code in deadlines.STATE_ORDER:
        assert re.search(rf"\.sotay-state--{re.escape(code)} \{{ color: ", css), code


def test_labels() -> None:
    assert deadlines.STATE_LABELS == {
        "overdue": "Quá hạn", "due-soon": "Sắp đến hạn", "upcoming": "Sắp tới", "ongoing": "Thường xuyên",
        "recurring": "Định kỳ", "unknown": "Chưa rõ thời hạn", "no-report": "Không có báo cáo kết quả",
        "done": "Đã thực hiện"}


def test_anchors_name_kinds_that_resolve() -> None:
    for kind in deadlines.ANCHORS:
        assert kind in KINDS
        assert set(deadlines.RESOLVED_NOTES) == set(deadlines.ANCHORS)


# ---- (3, again) state and wording through the site's task view ----

@pytest.fixture(scope="module")
def mini_dataset():
    data, problems, _ = check_data(FIXTURES / "mini", base=FIXTURES)
    assert not problems
    return data


EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"  # 07/5/2024, focus window 17/4/2024 - 12/5/2024


def task_with(dataset, when: str, events: list[str] | None = None):
    task = dataset.tasks[0]
    assert [r.id for r in task.events] == [EVENT]
    kept = task.events if events is None else [r for r in task.events if r.id in events]
    if events == ["no-such-event"]:
        kept = [replace(task.events[0], id="no-such-event")]
    return replace(task, when=parse_fuzzy(when), events=kept)


SITE_STATES = [
    # (when, the task's events (None: the event of 07/5/2024), today, when_text, state)
    ("Kết thúc đợt tuyên truyền", None, D(2024, 3, 1), "Kết thúc đợt tuyên truyền (khoảng 12/5/2024)", "upcoming"),
    ("Kết thúc đợt tuyên truyền", None, D(2024, 5, 1), "Kết thúc đợt tuyên truyền (khoảng 12/5/2024)", "due-soon"),
    ("Kết thúc đợt tuyên truyền", None, D(2024, 5, 13), "Kết thúc đợt tuyên truyền (khoảng 12/5/2024)", "overdue"),
    ("Khi kết thúc đợt tuyên truyền", [], D(2024, 5, 13), "Kết thúc đợt tuyên truyền", "unknown"),
    ("Kết thúc đợt tuyên truyền", ["no-such-event"], D(2024, 5, 13), "Kết thúc đợt tuyên truyền", "unknown"),
    ("Sau khi kết thúc hoạt động kỷ niệm", None, D(2024, 5, 1),
     "Sau khi kết thúc hoạt động kỷ niệm (từ khoảng 13/5/2024)", "upcoming"),
    ("Sau khi kết thúc hoạt động kỷ niệm", None, D(2024, 5, 13),
     "Sau khi kết thúc hoạt động kỷ niệm (từ khoảng 13/5/2024)", "due-soon"),
    ("Sau khi kết thúc hoạt động kỷ niệm", None, D(2024, 12, 31),
     "Sau khi kết thúc hoạt động kỷ niệm (từ khoảng 13/5/2024)", "due-soon"),
    ("Sau khi kết thúc hoạt động kỷ niệm", [], D(2024, 12, 31), "Sau khi kết thúc hoạt động kỷ niệm", "unknown"),
    # The mini plan's period ("trong năm 2023 - 2024") is over from 01/01/2025: every unfinished task is past.
    ("Sau khi kết thúc hoạt động kỷ niệm", None, D(2026, 1, 1),
     "Sau khi kết thúc hoạt động kỷ niệm (từ khoảng 13/5/2024)", "no-report"),
    ("Sau khi kết thúc hoạt động kỷ niệm", [], D(2026, 1, 1), "Sau khi kết thúc hoạt động kỷ niệm", "no-report"),
    ("Trước sự kiện 5 ngày", None, D(2024, 5, 1), "Trước sự kiện 05 ngày (khoảng 02/5/2024)", "due-soon"),
    ("Trước sự kiện 5 ngày", None, D(2024, 5, 3), "Trước sự kiện 05 ngày (khoảng 02/5/2024)", "overdue"),
    ("Sau sự kiện 3 ngày", None, D(2024, 5, 1), "Sau sự kiện 03 ngày (khoảng 10/5/2024)", "due-soon"),
    ("Sau sự kiện 3 ngày", [], D(2024, 5, 1), "Sau sự kiện 03 ngày", "unknown"),
    ("Thường xuyên", None, D(2024, 5, 1), "Thường xuyên", "ongoing"),
    ("Thường xuyên", None, D(2024, 12, 31), "Thường xuyên", "ongoing"),
    ("Thường xuyên", None, D(2030, 5, 1), "Thường xuyên", "no-report"),
    ("Hàng quý", None, D(2024, 5, 1), "Hằng quý", "recurring"),
    ("Hằng năm", None, D(2024, 12, 31), "Hằng năm", "recurring"),
    ("Hằng năm", None, D(2030, 5, 1), "Hằng năm", "no-report"),
    ("Trong năm 2023 và năm 2024", None, D(2024, 5, 1), "Năm 2023 và năm 2024", "due-soon"),
    ("Trong năm 2023 và năm 2024", None, D(2025, 1, 1), "Năm 2023 và năm 2024", "no-report"),
    ("Sau ngày 7/5/2024", None, D(2024, 5, 1), "Sau ngày 07/5/2024", "upcoming"),
    ("Sau ngày 7/5/2024", None, D(2024, 5, 8), "Sau ngày 07/5/2024", "due-soon"),
    ("Trước ngày 19/5/2023", None, D(2024, 5, 1), "Trước ngày 19/5/2023", "overdue"),
]


@pytest.mark.parametrize(("when", "events", "today", "text", "state"), SITE_STATES)
def test_state_and_wording_on_the_site(mini_dataset, when: str, events: list[str] | None, today: date, text: str,
                                       state: str) -> None:
    site = make_site(mini_dataset, today)
    task = task_with(mini_dataset, when, events)
    assert site.tasks.when_text(task) == text
    got = site.tasks.state(task)
    assert (got.code, got.label) == (state, deadlines.STATE_LABELS[state])


def test_an_explicit_focus_window_is_the_one_counted_from(mini_data: Path) -> None:
    event_file = mini_data / "events" / f"{EVENT}.yml"
    event_file.write_text(event_file.read_text(encoding="utf-8") + "focus: {from: 20/4/2024, to: 31/5/2024}\n",
                          encoding="utf-8")
    data, problems, _ = check_data(mini_data, base=mini_data.parent)
    assert not problems, [p.format() for p in problems.sorted()]
    site = make_site(data, D(2024, 6, 1))
    end = task_with(data, "Kết thúc đợt tuyên truyền")
    after = task_with(data, "Sau khi kết thúc đợt tuyên truyền")
    assert (site.tasks.when_text(end), site.tasks.state(end).code) == (
        "Kết thúc đợt tuyên truyền (khoảng 31/5/2024)", "overdue")
    assert (site.tasks.when_text(after), site.tasks.state(after).code) == (
        "Sau khi kết thúc đợt tuyên truyền (từ khoảng 01/6/2024)", "due-soon")


def test_state_counts_list_the_new_states_in_order(mini_dataset) -> None:
    site = make_site(mini_dataset, D(2024, 5, 1))
    tasks = [task_with(mini_dataset, when) for when in
             ("chưa rõ", "Hằng tháng", "Thường xuyên", "Thường xuyên", "Trước ngày 19/5/2023", "Năm 2024")]
    assert site.tasks.state_counts(tasks) == [("overdue", "quá hạn", 1), ("due-soon", "sắp đến hạn", 1),
                                              ("ongoing", "thường xuyên", 2), ("recurring", "định kỳ", 1),
                                              ("unknown", "chưa rõ thời hạn", 1)]


# ---- (d) order ----

def test_sorted_mixed_list() -> None:
    texts = ["chưa rõ", "Thường xuyên", "Hằng tháng", "Kết thúc đợt tuyên truyền", "Sau sự kiện 3 ngày",
             "Sau ngày 7/5/2024", "Năm 2023 và năm 2024", "Trước ngày 19/5/2023", "Năm 2023", "Hằng năm",
             "Sau khi kết thúc hoạt động kỷ niệm", "Tháng 6/2024"]
    ordered = sorted(parse_fuzzy(text) for text in texts)
    assert [item.render() for item in ordered] == [
        "Năm 2023", "Năm 2023 và năm 2024", "Trước ngày 19/5/2023", "Sau ngày 07/5/2024", "Tháng 6/2024",
        "Sau sự kiện 03 ngày", "Kết thúc đợt tuyên truyền", "Sau khi kết thúc hoạt động kỷ niệm", "Hằng tháng",
        "Hằng năm", "Thường xuyên", "Chưa rõ",
    ]


@pytest.mark.parametrize(("smaller", "larger"), [
    ("Từ năm 2023 đến năm 2024", "Năm 2023 và năm 2024"),  # same period: the range first, by kind
    ("Sau ngày 6/5/2024", "Sau ngày 7/5/2024"),
    ("Tháng 5/2024", "Sau ngày 7/5/2024"),  # a start sorts at its first day
    ("Trước sự kiện 5 ngày", "Sau sự kiện 3 ngày"),
    ("Sau sự kiện 30 ngày", "Kết thúc đợt tuyên truyền"),  # not yet placed: the window's end after any count
    ("Kết thúc đợt tuyên truyền", "Sau khi kết thúc đợt tuyên truyền"),
    ("Sau khi kết thúc đợt tuyên truyền", "Hằng tháng"),
    ("Hằng tháng", "Hằng quý"),
    ("Hằng quý", "Hằng năm"),
    ("Hằng năm", "Thường xuyên"),
    ("Thường xuyên", "chưa rõ"),
])
def test_order(smaller: str, larger: str) -> None:
    a, b = parse_fuzzy(smaller), parse_fuzzy(larger)
    assert (a < b, b > a, a == b) == (True, True, False)


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("Sau ngày 7/5/2024", D(2024, 5, 7), False),
    ("Sau ngày 7/5/2024", D(2024, 5, 8), True),
    ("Sau ngày 7/5/2024", D(2199, 1, 1), True),
    ("Năm 2023 và năm 2024", D(2024, 6, 1), True),
    ("Năm 2023 và năm 2024", D(2025, 1, 1), False),
    ("Thường xuyên", D(2024, 5, 1), False),
    ("Hằng tháng", D(2024, 5, 1), False),
    ("Kết thúc đợt tuyên truyền", D(2024, 5, 1), False),
])
def test_contains(text: str, day: date, expected: bool) -> None:
    assert parse_fuzzy(text).contains(day) is expected


def test_overlaps() -> None:
    assert parse_fuzzy("Sau ngày 7/5/2024").overlaps(parse_fuzzy("Năm 2025"))
    assert not parse_fuzzy("Sau ngày 7/5/2024").overlaps(parse_fuzzy("Tháng 4/2024"))
    assert not parse_fuzzy("Thường xuyên").overlaps(parse_fuzzy("Năm 2024"))


# ---- (4) refused forms ----

REFUSED = [
    ("sớm nhất có thể", unreadable("sớm nhất có thể")),
    ("Dự kiến thường xuyên", unreadable("Dự kiến thường xuyên")),
    ("Dự kiến hằng tháng", unreadable("Dự kiến hằng tháng")),
    ("Hằng tuần", unreadable("Hằng tuần")),
    ("Sau khi kết thúc Đại hội", unreadable("Sau khi kết thúc Đại hội")),
    ("Kết thúc đợt 1", unreadable("Kết thúc đợt 1")),
    ("Sau khi kết thúc đợt tuyên truyền 5 ngày", unreadable("Sau khi kết thúc đợt tuyên truyền 5 ngày")),
    ("5 ngày sau khi kết thúc đợt tuyên truyền", unreadable("5 ngày sau khi kết thúc đợt tuyên truyền")),
    ("Sau tháng 5/2024", unreadable("Sau tháng 5/2024")),
    ("Năm 2023 hoặc năm 2024", unreadable("Năm 2023 hoặc năm 2024")),
    ("năm 2024 và năm 2023", 'các năm trong "năm 2024 và năm 2023" phải viết từ năm sớm đến năm muộn, mỗi năm '
                             "một lần; ví dụ Năm 2023 và năm 2024"),
    ("Năm 2023 và năm 2023", 'các năm trong "Năm 2023 và năm 2023" phải viết từ năm sớm đến năm muộn, mỗi năm '
                             "một lần; ví dụ Năm 2023 và năm 2024"),
    ("Năm 2023 và năm 2204", 'thời gian "Năm 2023 và năm 2204" có năm 2204 nằm ngoài khoảng năm dữ liệu dùng '
                             "được (1000–2200); kiểm tra lại năm"),
    ("Sau ngày 31/2/2024", "ngày 31/2/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày"),
    ("Sau ngày 7/5/2024 (hoàn thành trước 1/5/2024)",
     'hạn "hoàn thành trước 01/5/2024" phải muộn hơn ngày bắt đầu 08/5/2024'),
    ("Thường xuyên (hoàn thành trước 30/6/2024)",
     '"Thường xuyên" không có hạn cuối nên không ghi kèm "(hoàn thành trước …)"; việc phải xong trước một ngày '
     'thì ghi "Trước ngày 30/6/2024"'),
    ("Hàng quý (hoàn thành trước 30/6/2024)",
     '"Hằng quý" không có hạn cuối nên không ghi kèm "(hoàn thành trước …)"; việc phải xong trước một ngày '
     'thì ghi "Trước ngày 30/6/2024"'),
    ("Trước sự kiện 0 ngày", '"Trước sự kiện 0 ngày": số ngày trước hoặc sau sự kiện phải từ 1 trở lên; '
                             "nếu làm đúng ngày sự kiện thì ghi ngày đó, ví dụ 15/6/2022"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_fuzzy(text)
    assert str(caught.value) == message


def test_the_message_lists_one_example_of_every_form() -> None:
    """Every example the "cannot read" message gives is read, and together they cover every kind of time."""
    examples = FORMS.split(", ")
    kinds = {parse_fuzzy(example).kind for example in examples}
    assert kinds == set(KINDS)


# ---- the editors' page on deadlines (docs/huong-dan/thoi-han.md) shows what the code does ----

GUIDE_ROW = re.compile(r"^\| `when: (?P<when>[^`]+)` \| (?P<shown>.+?) \|$", re.M)


def guide_rows() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "huong-dan" / "thoi-han.md").read_text(encoding="utf-8")
    return [(m["when"], m["shown"]) for m in GUIDE_ROW.finditer(text)]


def test_the_guide_page_has_examples() -> None:
    assert len(guide_rows()) >= 20


@pytest.mark.parametrize(("when", "shown"), guide_rows())
def test_the_guide_page_shows_what_the_site_shows(when: str, shown: str) -> None:
    """A row is either the wording the site shows (followed by the resolved day for a time counted from an event)
    or the message the checker gives (its list of forms cut to "…")."""
    try:
        rendered = parse_fuzzy(when).render()
    except DateError as error:
        message = str(error)
        assert message == shown or (shown.endswith(": …") and message.startswith(shown[:-1])), message
        return
    assert shown == rendered or shown.startswith(f"{rendered} ("), rendered
