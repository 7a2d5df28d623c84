"""The state of a task on a given day (Quá hạn, Sắp đến hạn, Sắp tới, Thường xuyên, Định kỳ, Chưa rõ thời hạn, Không có
báo cáo kết quả, Đã thực hiện), decided by a table of rules keyed by the kind of its time (macros/core/dates.py KINDS).

The table is plain data (strings, numbers, lists: `table()` is what json.dumps takes) so that the reader's browser
can judge the same states from the same rules. A rule is a list of steps `[condition, state]`, tried in order; the
first condition that holds gives the state. The conditions are a small fixed vocabulary (CONDITIONS) on three days
of the resolved time: its first day (`start`), its last day (`finish_by` when the plan sets one, else `end`) and
the day judged. A time counted from an event is resolved first (views/tasks.py, `Tasks.deadline`): ANCHORS says
which day of the event it counts from. No MkDocs here.

Work that belongs to the past. A task is judged in this order: a status written in the data (STATUS_STATES: "Đã
thực hiện") first; then, from the day after its plan's period is over (`past_from`, computed by views/tasks.py
`Tasks.past_from` from `period_end` below), the neutral PAST_STATE "Không có báo cáo kết quả" whatever its time
says, so no task of a finished plan is "Quá hạn"; then the rule of its time's kind. The wording is the one an
issuing office uses when it reviews a finished plan: it has, or has not, received the unit's "báo cáo kết quả thực
hiện". It states what the handbook knows (no report is recorded) without judging the unit, as "Quá hạn" would.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, Iterable

from .dates import KINDS, FuzzyDate, shift

__all__ = ["ANCHORS", "CONDITIONS", "DUE_SOON_DAYS", "PAST_STATE", "RESOLVED_NOTES", "RULES", "STATE_LABELS",
           "STATE_ORDER", "STATUS_STATES", "last_day", "period_end", "stated_years_end", "state_of", "table"]

# A deadline this many days away or less is "Sắp đến hạn".
DUE_SOON_DAYS = 30

# Most urgent first: the order of the counts a unit's page shows ("quá hạn 2, sắp đến hạn 1, …").
STATE_ORDER: tuple[str, ...] = ("overdue", "due-soon", "upcoming", "ongoing", "recurring", "unknown",
                                  "no-report", "done")
STATE_LABELS: dict[str, str] = {
    "overdue": "Quá hạn",
    "due-soon": "Sắp đến hạn",
    "upcoming": "Sắp tới",
    "ongoing": "Thường xuyên",
    "recurring": "Định kỳ",
    "unknown": "Chưa rõ thời hạn",
    "no-report": "Không có báo cáo kết quả",
    "done": "Đã thực hiện",
}

# A status written in the data that decides the state whatever the time says.
STATUS_STATES: dict[str, str] = {"da-thuc-hien": "done"}

# The state of an unfinished task once its plan's period is over (from `past_from` on): neutral, never "Quá hạn".
PAST_STATE = "no-report"

# What each condition tests, for whoever implements them again (the browser). `last` is finish_by, else end;
# a condition on a day the time does not have is false.
CONDITIONS: dict[str, str] = {
    "always": "true",
    "no-last": "last is missing",
    "last-passed": "last < today",
    "last-soon": "last <= today + due_soon_days",
    "started": "start <= today",
}

# Placed on the calendar: late the day after its last day; due soon within DUE_SOON_DAYS of it or once begun
# (a period already running needs work now); upcoming before that. A start with no end ("Sau ngày 7/5/2024") is
# due from its first day and never late unless a "(hoàn thành trước …)" gives it a last day.
_PLACED: list[list[str]] = [["last-passed", "overdue"], ["last-soon", "due-soon"], ["started", "due-soon"],
                            ["always", "upcoming"]]
# Not placed (counted from an event whose day or window is unknown, or unknown): "Chưa rõ thời hạn", unless a
# "(hoàn thành trước …)" places its last day.
_UNPLACED: list[list[str]] = [["no-last", "unknown"], *_PLACED]

RULES: dict[str, list[list[str]]] = {
    "day": _PLACED,
    "range": _PLACED,
    "month": _PLACED,
    "quarter": _PLACED,
    "year": _PLACED,
    "years": _PLACED,
    "before": _PLACED,
    "after": _PLACED,
    "relative": _UNPLACED,
    "end-of-window": _UNPLACED,
    "after-window": _UNPLACED,
    "recurring": [["always", "recurring"]],  # "Hằng tháng": a duty that comes back, never late
    "ongoing": [["always", "ongoing"]],  # "Thường xuyên": a duty with no deadline, never late
    "unknown": _UNPLACED,
}

# The day a time counted from an event counts from: the event day, or the last day of its focus window
# (tuyên truyền sâu đậm). Resolving "relative" and "end-of-window" gives a day, "after-window" a start ("after").
ANCHORS: dict[str, str] = {"relative": "event-day", "end-of-window": "focus-end", "after-window": "focus-end"}

# Shown after a resolved time as the plan wrote it ("Ra trước lễ kỷ niệm 05 ngày (khoảng 27/12/2023)"); {day} is the
# first day of the resolved time.
RESOLVED_NOTES: dict[str, str] = {"relative": "khoảng {day}", "end-of-window": "khoảng {day}",
                                  "after-window": "từ khoảng {day}"}


def _holds(condition: str, when: FuzzyDate, today: date, due_soon_days: int) -> bool:
    last = when.finish_by or when.end
    if condition == "always":
        return True
    if condition == "no-last":
        return last is None
    if condition == "last-passed":
        return last is not None and last < today
    if condition == "last-soon":
        return last is not None and last <= shift(today, due_soon_days)
    if condition == "started":
        return when.start is not None and when.start <= today
    raise ValueError(f"điều kiện không có trong bảng: {condition!r}")


def last_day(when: FuzzyDate | None) -> date | None:
    """The last day of a (resolved) time: its "(hoàn thành trước …)" day, else the end of its period."""
    return None if when is None else (when.finish_by or when.end)


# "trong năm 2023 - 2024", "năm 2023 và năm 2024", "giai đoạn 2021 - 2025", "nhiệm kỳ 2020-2025": the years a plan's
# title says it covers. A date (01/01/2024) or "20 năm" is not a stated year.
_STATED_YEARS = re.compile(r"\b(?:năm|giai đoạn|nhiệm kỳ)\s+((?:19|20|21)[0-9]{2})"
                           r"((?:\s*(?:-|–|—|đến|và|,)\s*(?:năm\s+)?(?:19|20|21)[0-9]{2})*)(?![0-9/])", re.I)


def stated_years_end(text: str | None) -> date | None:
    """31 December of the latest year `text` states it covers ("trong năm 2023 - 2024": 31/12/2024), or None."""
    years = [int(y) for match in _STATED_YEARS.finditer(unicodedata.normalize("NFC", text or ""))
             for y in [match.group(1), *re.findall(r"[0-9]{4}", match.group(2))]]
    return date(max(years), 12, 31) if years else None


def period_end(days: Iterable[date | None]) -> date | None:
    """The end of a plan's period: the latest of the days given (views/tasks.py `Tasks.plan_end` gives the last days
    of the focus windows of the plan's events, of its phases and of its tasks' resolved times, and the end of the
    years its title states); None when none is known, and then the plan's tasks never take the past state."""
    known = [day for day in days if day is not None]
    return max(known) if known else None


def state_of(when: FuzzyDate | None, today: date, status: str | None = None,
             due_soon_days: int = DUE_SOON_DAYS, past_from: date | None = None) -> str:
    """The state code of a task whose (resolved) time is `when` on `today`; a time left out is "unknown". A status
    in STATUS_STATES decides first; then, on and after `past_from` (the day after the plan's period), PAST_STATE."""
    if status in STATUS_STATES:
        return STATUS_STATES[status]
    if past_from is not None and past_from <= today:
        return PAST_STATE
    when = when or FuzzyDate("unknown")
    for condition, state in RULES[when.kind]:
        if _holds(condition, when, today, due_soon_days):
            return state
    raise AssertionError(f"the rule of {when.kind!r} has no last step that always holds")


def table() -> dict[str, Any]:
    """Everything above as one JSON-ready value, for the browser."""
    return {
        "due_soon_days": DUE_SOON_DAYS,
        "order": list(STATE_ORDER),
        "labels": dict(STATE_LABELS),
        "statuses": dict(STATUS_STATES),
        "past_state": PAST_STATE,
        "conditions": dict(CONDITIONS),
        "rules": {kind: [list(step) for step in RULES[kind]] for kind in KINDS},
        "anchors": dict(ANCHORS),
        "resolved_notes": dict(RESOLVED_NOTES),
    }
