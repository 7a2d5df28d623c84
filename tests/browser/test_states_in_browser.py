"""Task states as of the day of reading (issue 14, item 1), in Chromium.

- The rule table: Python (macros/core/deadlines.py `state_of`) and the script (docs/assets/sotay-states.js, with
  the rules the build writes to assets/sotay-state-rules.js) judge the same cases alike: every kind of time, days
  around each bound, the past state and the statuses.
- The same built shipped site (built on 2024-05-01), opened with the browser's clock set to different days, over
  http and from file:// (the unzipped offline copy): a plan page and a unit page show the states of that day, the
  plan's counts and the day they are judged on; after the plans' periods no task is "Quá hạn".
"""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from macros.core import deadlines
from macros.core.dates import FuzzyDate, format_date, parse_fuzzy
from macros.views.site import make_site

from ..sites import ROOT

SCRIPT = ROOT / "docs" / "assets" / "sotay-states.js"
PLAN = "ke-hoach/kh-btc-20-nam-chia-tach/"
UNIT = "don-vi/so-van-hoa-the-thao-va-du-lich/"
D = date

# ---- the rule table, in both languages ----

TIMES = [
    "15/6/2023", "Từ ngày 01/5/2023 đến ngày 30/6/2023", "Tháng 5/2023", "Quý III năm 2023", "Năm 2023",
    "Năm 2023 và năm 2024", "Trước ngày 19/5/2023", "Sau ngày 07/5/2023",
    "Dự kiến từ tháng 05 - 12/2023 (hoàn thành trước 30/10/2023)", "Trước lễ kỷ niệm 5 ngày",
    "Kết thúc đợt tuyên truyền", "Sau khi kết thúc hoạt động kỷ niệm", "Hằng tháng", "Thường xuyên", "chưa rõ",
]
ANCHOR = D(2023, 6, 20)
BOUNDS = [D(2023, 1, 1), D(2023, 4, 1), D(2023, 4, 30), D(2023, 5, 1), D(2023, 5, 7), D(2023, 5, 8), D(2023, 5, 19),
          D(2023, 5, 20), D(2023, 6, 15), D(2023, 6, 16), D(2023, 6, 30), D(2023, 7, 1), D(2023, 9, 30),
          D(2023, 10, 30), D(2023, 10, 31), D(2023, 12, 31), D(2024, 1, 1), D(2024, 12, 31), D(2025, 1, 1),
          D(2026, 12, 1)]


def _times() -> list[FuzzyDate | None]:
    found: list[FuzzyDate | None] = [None]
    for text in TIMES:
        when = parse_fuzzy(text)
        found.append(when)
        if when.kind in deadlines.ANCHORS:
            found.append(when.resolve(ANCHOR))
    return found


def _data(when: FuzzyDate | None, status: str | None, past_from: date | None) -> dict[str, str]:
    when = when or FuzzyDate("unknown")
    values = {"kind": when.kind, "start": when.start, "end": when.end, "finish": when.finish_by, "status": status,
              "past-from": past_from}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items() if v is not None}


def _cases() -> list[tuple[dict[str, str], str, str]]:
    """(attributes as the page writes them, today, Python's state) for every time × day × status × past day."""
    days = sorted({d + timedelta(days=k) for d in BOUNDS for k in (-31, -30, -1, 0, 1, 29, 30)})
    cases = []
    for when in _times():
        for status in (None, "da-thuc-hien"):
            for past_from in (None, D(2024, 1, 1)):
                for today in days:
                    state = deadlines.state_of(when, today, status, past_from=past_from)
                    cases.append((_data(when, status, past_from), today.isoformat(), state))
    return cases


def test_python_and_the_script_judge_alike(browser) -> None:
    cases = _cases()
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_content("<!doctype html><title>t</title>")
        page.add_script_tag(content=f"window.SotayStateRules = {json.dumps(deadlines.table())};")
        page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
        got = page.evaluate("""cases => cases.map(c => SotayStates.stateOf(SotayStateRules, c[0], c[1]))""",
                            [[data, today] for data, today, _ in cases])
        formatted = page.evaluate("days => days.map(d => SotayStates.formatDate(d))",
                                  ["2024-05-01", "2026-12-01", "2024-01-09", "2025-02-28", "0999-03-04"])
    finally:
        context.close()
    assert errors == []
    mismatches = [(data, today, want, have) for (data, today, want), have in zip(cases, got) if want != have]
    assert mismatches == [], f"{len(mismatches)} of {len(cases)} cases differ, e.g. {mismatches[:5]}"
    assert {state for _, _, state in cases} == set(deadlines.STATE_ORDER)  # every state is exercised
    assert formatted == [format_date(D.fromisoformat(d)) for d in ("2024-05-01", "2026-12-01", "2024-01-09",
                                                                    "2025-02-28")] + ["04/3/999"]


# ---- the built site at two days ----

@pytest.fixture(scope="module")
def usb_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip of the shared build, unzipped as a reader would (the shared build is never written)."""
    zips = sorted((built_site / "tai-ve").glob("so-tay-tuyen-truyen-*.zip"))
    assert len(zips) == 1, zips
    target = tmp_path_factory.mktemp("usb-states")
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(target)
    return target / zips[0].stem


def _read_page(browser, url: str, day: date) -> dict:
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", service_workers="block")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.clock.set_fixed_time(f"{day.isoformat()}T09:00:00+07:00")
        page.goto(url, wait_until="load")
        found = page.evaluate("""() => ({
            spans: [...document.querySelectorAll('.sotay-state[data-kind]')].map(s => ({
                text: s.textContent, cls: s.className, title: s.getAttribute('title'),
                data: Object.fromEntries(['kind', 'start', 'end', 'finish', 'status', 'past-from']
                    .filter(n => s.getAttribute('data-' + n)).map(n => [n, s.getAttribute('data-' + n)]))})),
            summaries: [...document.querySelectorAll('.sotay-state-summary')].map(s => s.textContent),
            days: [...document.querySelectorAll('.sotay-state-day')].map(s => s.textContent),
        })""")
        found["errors"] = errors
        return found
    finally:
        context.close()


def _python_state(data: dict[str, str], today: date) -> str:
    day = {k: D.fromisoformat(v) for k, v in data.items() if k in ("start", "end", "finish", "past-from")}
    when = FuzzyDate(data["kind"], start=day.get("start"), end=day.get("end"), finish_by=day.get("finish"))
    return deadlines.state_of(when, today, data.get("status"), past_from=day.get("past-from"))


def _check(found: dict, today: date) -> list[str]:
    """The state codes the page shows, after checking each against the Python rule on `today`."""
    assert found["errors"] == []
    assert found["spans"], "no state on the page"
    codes = []
    for span in found["spans"]:
        code = _python_state(span["data"], today)
        assert span["text"] == deadlines.STATE_LABELS[code], span
        assert f"sotay-state--{code}" in span["cls"].split() and span["cls"].count("sotay-state--") == 1, span
        assert span["title"] == f"Tình trạng tính đến ngày {format_date(today)}"
        codes.append(code)
    return codes


def _url(where: str, site_url: str, usb: Path, path: str) -> str:
    return site_url + path if where == "http" else (usb / path / "index.html").as_uri()


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_plan_page_shows_the_states_of_the_day_of_reading(browser, site_url: str, usb_copy: Path,
                                                             shipped_dataset, where: str) -> None:
    url = _url(where, site_url, usb_copy, PLAN)
    plan = shipped_dataset.plans["kh-btc-20-nam-chia-tach"]
    shown = {}
    for today in (D(2023, 9, 15), D(2024, 5, 1), D(2026, 12, 1)):
        found = _read_page(browser, url, today)
        codes = _check(found, today)
        site = make_site(shipped_dataset, today)
        expected = ", ".join(f"{n} {label}" for _, label, n in site.tasks.state_counts(plan.tasks))
        assert found["summaries"] == [expected]
        assert found["days"] == [format_date(today)]
        shown[today] = codes
        # The plan's page of progress (its tasks by lead unit) is judged on the same day.
        progress = _read_page(browser, _url(where, site_url, usb_copy, PLAN + "tien-do/"), today)
        assert _check(progress, today)
        assert progress["summaries"] == [expected] and progress["days"] == [format_date(today)]
    # While the plan ran, some of its work was late or due; once its period is over (31/12/2024), none is late.
    assert "due-soon" in shown[D(2023, 9, 15)] and "overdue" in shown[D(2023, 9, 15)]
    assert "overdue" in shown[D(2024, 5, 1)] and deadlines.PAST_STATE not in shown[D(2024, 5, 1)]
    assert set(shown[D(2026, 12, 1)]) == {deadlines.PAST_STATE, "done"}
    assert found["summaries"] == ["101 không có báo cáo kết quả, 1 đã thực hiện"]


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_unit_page_shows_the_states_of_the_day_of_reading(browser, site_url: str, usb_copy: Path,
                                                             where: str) -> None:
    url = _url(where, site_url, usb_copy, UNIT)
    before = _check(_read_page(browser, url, D(2024, 5, 1)), D(2024, 5, 1))
    after = _check(_read_page(browser, url, D(2026, 12, 1)), D(2026, 12, 1))
    assert "overdue" in before and deadlines.PAST_STATE not in before
    assert "overdue" not in after and deadlines.PAST_STATE in after
