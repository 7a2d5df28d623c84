"""The calendar feeds (macros/outputs/calendar.py): every feed read back by icalendar AND by a second, independent
parser written here from RFC 5545 (unfolding, content lines, parameters, TEXT escapes, DATE values, the required
properties), entries checked against the data and the views' lists, fuzzy deadlines placed at the end of their
period with the plan's wording, UIDs stable and unique, DTSTAMP the build date. All without a build, on the shipped
data and on the small data set with a table of deadlines; one `site` test reads the built shipped site for the
files, the links to them and the offline zip."""

from __future__ import annotations

import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest

from macros.core import dates
from macros.core.check import check_data
from macros.outputs import calendar
from macros.views import calendar_links, print_pack
from macros.views.paths import page_path
from macros.views.site import Site, make_site

from .sites import FIXTURES, SHIPPED_BUILD_DATE

BUILD_DAY = date.fromisoformat(SHIPPED_BUILD_DATE)
STAMP = BUILD_DAY.strftime("%Y%m%dT000000Z")


def page_url(kind: str, record_id: str) -> str:
    return print_pack.page_url(page_path(kind, record_id))


def all_feeds(site: Site, base_url: str | None = None) -> dict[str, tuple[calendar.Feed, bytes]]:
    """Every feed of the site by its path, with its bytes."""
    return {calendar_links.feed_path(feed.kind, feed.id): (feed, calendar.to_ical(feed, site.today))
            for feed in calendar.feeds(site, page_url, base_url)}


# ---------------------------------------------------------------------------------------------------------------
# The second parser: strict RFC 5545, written from the RFC, sharing no code with icalendar
# ---------------------------------------------------------------------------------------------------------------

class IcsError(ValueError):
    pass


@dataclass
class Prop:
    name: str
    params: dict[str, list[str]]
    raw: str  # the value as written (escapes kept)


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def one(self, name: str) -> Prop:
        found = self.all(name)
        if len(found) != 1:
            raise IcsError(f"{self.name}: {name} must occur once, found {len(found)}")
        return found[0]

    def text(self, name: str) -> str:
        return unescape_text(self.one(name).raw)


_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM_TEXT = re.compile(r'[^\x00-\x08\x0a-\x1f\x7f";:,]*')
_QUOTED = re.compile(r'"[^\x00-\x08\x0a-\x1f\x7f"]*"')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "UID", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "LOCATION", "PRODID"}
_DATE = re.compile(r"[0-9]{8}")
_UTC_DATE_TIME = re.compile(r"[0-9]{8}T[0-9]{6}Z")


def unescape_text(raw: str, many: bool = False) -> str:
    """RFC 5545 3.3.11: backslash escapes \\\\ \\; \\, \\n \\N; an unescaped ";" (or "," in a one-value property)
    is an error."""
    out = []
    i = 0
    while i < len(raw):
        char = raw[i]
        if char == "\\":
            if i + 1 >= len(raw) or raw[i + 1] not in "\\;,nN":
                raise IcsError(f"bad escape in TEXT {raw!r}")
            out.append("\n" if raw[i + 1] in "nN" else raw[i + 1])
            i += 2
            continue
        if char == ";" or (char == "," and not many):
            raise IcsError(f"unescaped {char!r} in TEXT {raw!r}")
        out.append(char)
        i += 1
    return "".join(out)


def parse_content_line(line: str) -> Prop:
    match = _NAME.match(line)
    if not match:
        raise IcsError(f"no property name: {line!r}")
    name, rest = match.group().upper(), line[match.end():]
    params: dict[str, list[str]] = {}
    while rest.startswith(";"):
        rest = rest[1:]
        pmatch = _NAME.match(rest)
        if not pmatch or rest[pmatch.end():pmatch.end() + 1] != "=":
            raise IcsError(f"bad parameter in {line!r}")
        pname, rest = pmatch.group().upper(), rest[pmatch.end() + 1:]
        values = []
        while True:
            vmatch = _QUOTED.match(rest) or _PARAM_TEXT.match(rest)
            assert vmatch is not None
            values.append(vmatch.group().strip('"'))
            rest = rest[vmatch.end():]
            if not rest.startswith(","):
                break
            rest = rest[1:]
        params[pname] = values
    if not rest.startswith(":"):
        raise IcsError(f"no ':' after the name and parameters: {line!r}")
    value = rest[1:]
    if _CONTROL.search(value):
        raise IcsError(f"control character in the value of {name}")
    return Prop(name, params, value)


def parse_strict(data: bytes) -> Component:
    """The VCALENDAR of an .ics file, or IcsError. Checks CRLF line ends, 75-octet lines, folds that never cut a
    UTF-8 character, content-line syntax, BEGIN/END nesting, the required properties and the value formats this
    project writes (DATE, UTC DATE-TIME, TEXT, RRULE, STATUS, TRANSP)."""
    if not data.endswith(b"\r\n"):
        raise IcsError("the file does not end with CRLF")
    physical = data[:-2].split(b"\r\n")
    lines: list[str] = []
    for number, chunk in enumerate(physical, start=1):
        if b"\n" in chunk or b"\r" in chunk:
            raise IcsError(f"line {number}: a bare CR or LF")
        if len(chunk) > 75:
            raise IcsError(f"line {number}: {len(chunk)} octets, more than 75")
        try:
            text = chunk.decode("utf-8")  # a fold inside a multi-octet character fails here
        except UnicodeDecodeError as error:
            raise IcsError(f"line {number}: not UTF-8 on its own ({error})") from None
        if text[:1] in (" ", "\t"):
            if not lines:
                raise IcsError("the file starts with a continuation line")
            lines[-1] += text[1:]
        else:
            lines.append(text)
    stack: list[Component] = []
    top: Component | None = None
    for line in lines:
        prop = parse_content_line(line)
        if prop.name == "BEGIN":
            component = Component(prop.raw.upper())
            if stack:
                stack[-1].children.append(component)
            elif top is not None:
                raise IcsError("more than one top-level component")
            else:
                top = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.raw.upper():
                raise IcsError(f"END:{prop.raw} does not close {stack[-1].name if stack else 'anything'}")
            stack.pop()
        elif not stack:
            raise IcsError(f"{prop.name} outside any component")
        else:
            stack[-1].props.append(prop)
    if stack or top is None or top.name != "VCALENDAR":
        raise IcsError("not one complete VCALENDAR")
    _check_calendar(top)
    return top


def _date_of(prop: Prop) -> date:
    if prop.params.get("VALUE") != ["DATE"] or not _DATE.fullmatch(prop.raw):
        raise IcsError(f"{prop.name} is not a DATE: {prop.params} {prop.raw}")
    return date(int(prop.raw[:4]), int(prop.raw[4:6]), int(prop.raw[6:]))


def _check_calendar(cal: Component) -> None:
    if cal.one("VERSION").raw != "2.0":
        raise IcsError("VERSION must be 2.0")
    cal.text("PRODID")
    for name in ("X-WR-CALNAME", "X-WR-CALDESC", "NAME", "DESCRIPTION"):
        cal.text(name)
    for event in cal.children:
        if event.name != "VEVENT":
            raise IcsError(f"unexpected component {event.name}")
        event.text("UID")
        if not _UTC_DATE_TIME.fullmatch(event.one("DTSTAMP").raw):
            raise IcsError("DTSTAMP must be a UTC DATE-TIME")
        start, end = _date_of(event.one("DTSTART")), _date_of(event.one("DTEND"))
        if end <= start:
            raise IcsError("DTEND must be after DTSTART")
        event.text("SUMMARY"), event.text("DESCRIPTION")
        for prop in event.all("CATEGORIES"):
            unescape_text(prop.raw, many=True)
        if event.one("STATUS").raw not in ("TENTATIVE", "CONFIRMED", "CANCELLED"):
            raise IcsError("bad STATUS")
        if event.one("TRANSP").raw not in ("OPAQUE", "TRANSPARENT"):
            raise IcsError("bad TRANSP")
        for rule in event.all("RRULE"):
            parts = dict(part.split("=", 1) for part in rule.raw.split(";"))
            if parts.get("FREQ") not in ("MONTHLY", "YEARLY") or "UNTIL" not in parts:
                raise IcsError(f"unexpected RRULE {rule.raw}")
            if not _DATE.fullmatch(parts["UNTIL"]):
                raise IcsError("UNTIL must be a DATE when DTSTART is one")


def events_of(cal: Component) -> dict[str, Component]:
    found = {event.text("UID"): event for event in cal.children}
    assert len(found) == len(cal.children), "a UID occurs twice in one feed"
    return found


# ---------------------------------------------------------------------------------------------------------------
# The sites, built without MkDocs
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped(shipped_dataset) -> Site:
    return make_site(shipped_dataset, BUILD_DAY)


@pytest.fixture(scope="module")
def shipped_feeds(shipped: Site) -> dict[str, tuple[calendar.Feed, bytes]]:
    return all_feeds(shipped)


# The small data set's plan (date 30/5/2023) with one task per form of time; the event is Điện Biên Phủ
# 7/5/2024, focus window 17/4 - 12/5/2024 (the default 20 days before, 5 after).
CASES = [
    # (task id, when, day in the calendar, summary prefix)
    ("ngay", "15/6/2024", date(2024, 6, 15), "Hạn"),
    ("thang", "Tháng 12/2023", date(2023, 12, 31), "Hạn"),
    ("quy", "Quý III năm 2023", date(2023, 9, 30), "Hạn"),
    ("nam", "Năm 2024", date(2024, 12, 31), "Hạn"),
    ("cuoi-nam", "Cuối năm 2023", date(2023, 12, 31), "Hạn"),
    ("hai-nam", "Năm 2023 và năm 2024", date(2024, 12, 31), "Hạn"),
    ("khoang", "Từ tháng 12/2023 đến tháng 12/2024", date(2024, 12, 31), "Hạn"),
    ("khoang-ngay", "23-24/3/2024", date(2024, 3, 24), "Hạn"),
    ("hoan-thanh-truoc", "Dự kiến từ tháng 05 - 12/2023 (hoàn thành trước 30/10/2023)", date(2023, 10, 29), "Hạn"),
    ("truoc-ngay", "Trước ngày 19/5/2023", date(2023, 5, 18), "Hạn"),
    ("truoc-le", "Ra trước lễ kỷ niệm 05 ngày", date(2024, 5, 2), "Hạn"),
    ("ket-thuc-dot", "Kết thúc đợt tuyên truyền", date(2024, 5, 12), "Hạn"),
    ("sau-ngay", "Sau ngày 07/5/2024", date(2024, 5, 8), "Bắt đầu"),
    ("sau-dot", "Sau khi kết thúc hoạt động kỷ niệm", date(2024, 5, 13), "Bắt đầu"),
]
# Recurring within the plan's period 30/5/2023 - 31/12/2024 (the plan's date; its latest dated time): the first
# occurrence on the last day of the first month, quarter or year, then the rule.
RECURRING = [
    ("hang-thang", "Hằng tháng", date(2023, 5, 31), "FREQ=MONTHLY;UNTIL=20241231;BYMONTHDAY=-1"),
    ("hang-quy", "Hằng quý", date(2023, 6, 30), "FREQ=MONTHLY;UNTIL=20241231;INTERVAL=3;BYMONTHDAY=-1"),
    ("hang-nam", "Hằng năm", date(2023, 12, 31), "FREQ=YEARLY;UNTIL=20241231;BYMONTHDAY=31;BYMONTH=12"),
]
# Left out of the feeds, counted in X-WR-CALDESC.
LEFT_OUT = [
    ("thuong-xuyen", "Thường xuyên", "1 nhiệm vụ thực hiện thường xuyên"),
    ("chua-ro", "chưa rõ", "1 nhiệm vụ chưa rõ thời gian"),
]
DBP = "ky-niem-70-nam-chien-thang-dien-bien-phu"
UNIT = "so-van-hoa-the-thao-va-du-lich"
SUPPORT = "tinh-uy"


def _task(task_id: str, when: str, events: str = DBP, extra: str = "") -> str:
    return (f"  - id: {task_id}\n    title: Việc {task_id}, có dấu phẩy; chấm phẩy\n    lead: {UNIT}\n"
            f"    support: [{SUPPORT}]\n    when: \"{when}\"\n    events: [{events}]\n    section: \"IV.{task_id}\"\n"
            f"{extra}")


def make_mini(where: Path, first_task: str = "") -> Path:
    """The small data set with a task per case and a second plan with nothing
    dated (its recurring duty cannot be bounded); `first_task` goes in front of the plan's tasks."""
    data = where / "data"
    shutil.copytree(FIXTURES / "mini", data)
    plan = data / "plans" / "171-kh-btgtu.yml"
    if first_task:
        text = plan.read_text(encoding="utf-8")
        assert text.count("tasks:\n") == 1
        plan.write_text(text.replace("tasks:\n", "tasks:\n" + first_task), encoding="utf-8")
    tasks = "".join(_task(i, w) for i, w, _, _ in CASES + RECURRING)
    tasks += "".join(_task(i, w) for i, w, _ in LEFT_OUT)
    tasks += _task("da-xong", "Tháng 3/2024", extra="    status: da-thuc-hien\n")
    text = plan.read_text(encoding="utf-8")
    assert text.count("signer:\n") == 1
    plan.write_text(text.replace("signer:\n", tasks + "signer:\n"), encoding="utf-8")
    (data / "plans" / "kh-khong-ngay.yml").write_text(
        "# yaml-language-server: $schema=../schemas/plan.schema.json\n# Kế hoạch thử nghiệm: lịch định kỳ.\n"
        "id: kh-khong-ngay\nnumber: 5-KH/BTGTU\nissuer: ban-tuyen-giao-tinh-uy\ndate: chưa rõ\n"
        "title: Kế hoạch thử nghiệm không ghi thời gian\nsource: {document: kh-khong-ngay, section: \"I\"}\n"
        f"tasks:\n  - id: bao-cao\n    title: Báo cáo định kỳ\n    lead: {UNIT}\n    when: Hằng tháng\n",
        encoding="utf-8")
    return data


def load_site(data: Path, today: date = BUILD_DAY) -> Site:
    dataset, problems, _ = check_data(data, base=data.parent)
    errors = [p for p in problems.sorted() if p.severity == "error"]
    assert not errors, "\n".join(p.format() for p in errors)
    return make_site(dataset, today)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return load_site(make_mini(tmp_path_factory.mktemp("calendar")))


def uid(key: str) -> str:
    return f"task-{key.replace('/', '.')}@{calendar.UID_DOMAIN}"


def feed_of(site: Site, kind: str, record_id: str | None = None) -> tuple[calendar.Feed, Component, bytes]:
    feeds = all_feeds(site)
    feed, data = feeds[calendar_links.feed_path(kind, record_id)]
    return feed, parse_strict(data), data


# ---------------------------------------------------------------------------------------------------------------
# Both parsers, every feed
# ---------------------------------------------------------------------------------------------------------------

def test_the_strict_parser_rejects_what_rfc_5545_forbids() -> None:
    good = calendar.to_ical(calendar.Feed("event", None, "Tên, có phẩy", "Mô tả; có chấm phẩy", (
        calendar.Entry("a@b", "Tóm tắt, có phẩy", date(2024, 5, 7), date(2024, 5, 7), "Mô tả\nhai dòng"),)),
        BUILD_DAY)
    cal = parse_strict(good)
    assert cal.text("X-WR-CALNAME") == "Tên, có phẩy"
    assert cal.children[0].text("DESCRIPTION") == "Mô tả\nhai dòng"
    bad = {
        "bare LF": good.replace(b"\r\n", b"\n"),
        "unescaped comma": good.replace("Tóm tắt\\, có".encode(), "Tóm tắt, có".encode()),
        "long line": good.replace(b"UID:a@b", b"UID:" + b"a" * 80),
        "cut character": good.replace("Tóm".encode(), "T\r\n ".encode() + "óm".encode()[:1] + b"\r\n "
                                      + "óm".encode()[1:]),
        "unclosed": good.replace(b"END:VEVENT\r\n", b""),
        "no DTSTAMP": re.sub(rb"DTSTAMP:[^\r]*\r\n", b"", good),
    }
    for what, data in bad.items():
        with pytest.raises(IcsError):
            parse_strict(data)
            pytest.fail(f"accepted: {what}")


def _compare_parsers(data: bytes, feed: calendar.Feed) -> None:
    strict = parse_strict(data)
    lib = icalendar.Calendar.from_ical(data)
    assert strict.text("X-WR-CALNAME") == strict.text("NAME") == feed.name
    assert strict.text("X-WR-CALDESC") == strict.text("DESCRIPTION") == str(lib["DESCRIPTION"]) == feed.description
    # icalendar keeps NAME and the X- properties as written (escapes included), as any property it does not type.
    assert str(lib["NAME"]) == strict.one("NAME").raw == str(lib["X-WR-CALNAME"])
    theirs = {str(event["UID"]): event for event in lib.walk("VEVENT")}
    ours = events_of(strict)
    assert set(theirs) == set(ours) == {entry.uid for entry in feed.entries}
    for entry in feed.entries:
        mine, other = ours[entry.uid], theirs[entry.uid]
        assert _date_of(mine.one("DTSTART")) == other.decoded("DTSTART") == entry.first
        assert _date_of(mine.one("DTEND")) == other.decoded("DTEND") == entry.last + timedelta(days=1)
        assert mine.text("SUMMARY") == str(other["SUMMARY"]) == entry.summary
        assert mine.text("DESCRIPTION") == str(other["DESCRIPTION"]) == entry.description
        assert other.decoded("DTSTAMP").strftime("%Y%m%dT%H%M%SZ") == mine.one("DTSTAMP").raw
        assert str(other["STATUS"]) == mine.one("STATUS").raw == ("TENTATIVE" if entry.tentative else "CONFIRMED")


def test_every_shipped_feed_parses_with_both_parsers(shipped: Site, shipped_feeds) -> None:
    assert set(shipped_feeds) == {calendar_links.feed_path("event")} | {
        calendar_links.feed_path("organisation", i) for i in shipped.data.organisations} | {
        calendar_links.feed_path("plan", i) for i in shipped.data.plans}
    for path, (feed, data) in shipped_feeds.items():
        _compare_parsers(data, feed)
    assert sum(len(feed.entries) for feed, _ in shipped_feeds.values()) > 50


def test_one_writer_for_every_feed_writes_each_as_alone(shipped: Site, shipped_feeds) -> None:
    # A writer remembers each entry it wrote: an entry found in an earlier feed must come out the same in a later
    # one, in either order of the feeds.
    feeds = [feed for feed, _ in shipped_feeds.values()]
    assert sum(len(feed.entries) for feed in feeds) > len({entry.uid for feed in feeds for entry in feed.entries})
    for order in (feeds, feeds[::-1]):
        writer = calendar.FeedWriter(shipped.today)
        for feed in order:
            assert writer.to_ical(feed) == calendar.to_ical(feed, shipped.today)


def test_every_small_feed_parses_with_both_parsers(mini: Site) -> None:
    for feed, data in all_feeds(mini).values():
        _compare_parsers(data, feed)


# ---------------------------------------------------------------------------------------------------------------
# Against the data and the views
# ---------------------------------------------------------------------------------------------------------------

def _placeable(site: Site, activity) -> bool:
    """Whether the views' resolved deadline of an activity gives a calendar day (recurring: judged separately)."""
    when = site.tasks.deadline(activity)
    return when is not None and (when.finish_by is not None or when.end is not None or when.start is not None)


def test_a_units_feed_holds_exactly_its_deadlines(shipped: Site, shipped_feeds) -> None:
    for org_id in shipped.data.organisations:
        feed, data = shipped_feeds[calendar_links.feed_path("organisation", org_id)]
        activities = [*shipped.tasks.led_by(org_id), *shipped.tasks.supported_by(org_id)]
        expected = {uid(a.members[0].key) for a in activities if _placeable(shipped, a)}
        assert set(events_of(parse_strict(data))) == expected, org_id
    # Sở VHTTDL leads the marathon of "Tháng 3/2023", done.
    _, data = shipped_feeds[calendar_links.feed_path("organisation", UNIT)]
    marathon = events_of(parse_strict(data))[uid("kh-btc-20-nam-chia-tach/b-ii-4-marathon")]
    assert _date_of(marathon.one("DTSTART")) == date(2023, 3, 31)
    assert marathon.text("SUMMARY").endswith("(đã thực hiện)")
    assert "Thời gian theo kế hoạch: Tháng 3/2023" in marathon.text("DESCRIPTION")


def test_a_plans_feed_holds_exactly_its_tasks_deadlines(shipped: Site, shipped_feeds) -> None:
    for plan_id, plan in shipped.data.plans.items():
        _, data = shipped_feeds[calendar_links.feed_path("plan", plan_id)]
        activities = shipped.tasks.entries(plan.tasks)
        expected = {uid(a.members[0].key) for a in activities if _placeable(shipped, a)}
        assert set(events_of(parse_strict(data))) == expected, plan_id
    _, data = shipped_feeds[calendar_links.feed_path("plan", "kh-btc-20-nam-chia-tach")]
    assert len(parse_strict(data).children) >= 15


def test_the_event_feed_has_each_day_and_focus_window(shipped: Site, shipped_feeds) -> None:
    feed, data = shipped_feeds[calendar_links.feed_path("event")]
    events = events_of(parse_strict(data))
    for event in shipped.data.events.values():
        day, window = shipped.events.day(event), shipped.events.focus(event)
        key = f"event-{event.id}@{calendar.UID_DOMAIN}"
        if day is None:
            assert key not in events
        else:
            assert _date_of(events[key].one("DTSTART")) == day
            assert events[key].text("SUMMARY") == shipped.events.title(event)
            assert f"su-kien/{event.id}/" in events[key].text("DESCRIPTION")
        focus = f"focus-{event.id}@{calendar.UID_DOMAIN}"
        if window is not None and window.first_day and window.last_day:
            assert _date_of(events[focus].one("DTSTART")) == window.first_day
            assert _date_of(events[focus].one("DTEND")) == window.last_day + timedelta(days=1)
            assert events[focus].text("SUMMARY") == f"Tuyên truyền sâu đậm: {shipped.events.title(event)}"
        else:
            assert focus not in events
    dbp = events[f"focus-{DBP}@{calendar.UID_DOMAIN}"]
    assert (dbp.one("DTSTART").raw, dbp.one("DTEND").raw) == ("20240417", "20240513")
    undated = sum(1 for e in shipped.data.events.values()
                  if shipped.events.day(e) is None and shipped.events.focus(e) is None)
    assert f"{undated} sự kiện chưa rõ ngày diễn ra" in feed.description


@pytest.mark.parametrize("task_id, when, day, prefix", CASES, ids=[case[0] for case in CASES])
def test_a_fuzzy_deadline_lands_at_the_end_of_its_period(mini: Site, task_id: str, when: str, day: date,
                                                          prefix: str) -> None:
    _, cal, _ = feed_of(mini, "organisation", UNIT)
    event = events_of(cal)[uid(f"171-kh-btgtu/{task_id}")]
    assert _date_of(event.one("DTSTART")) == day
    assert _date_of(event.one("DTEND")) == day + timedelta(days=1)
    assert event.text("SUMMARY") == f"{prefix}: Việc {task_id}, có dấu phẩy; chấm phẩy"
    description = event.text("DESCRIPTION")
    task = next(t for t in mini.data.tasks if t.key == f"171-kh-btgtu/{task_id}")
    assert f"Thời gian theo kế hoạch: {mini.tasks.when_text(task)}\n" in description
    assert task.when.render().split(" (")[0] in description  # the wording as the plan writes it
    assert f"Kế hoạch: Kế hoạch số 171-KH/BTGTU, mục IV.{task_id}" in description
    assert "Chủ trì: Sở Văn hóa, Thể thao và Du lịch" in description
    assert "Phối hợp: Tỉnh ủy Lai Châu" in description
    assert "ke-hoach/171-kh-btgtu/#nv-" + task_id in description
    assert event.one("STATUS").raw == ("TENTATIVE" if "Dự kiến" in when else "CONFIRMED")


def test_resolved_times_say_the_day_they_were_placed_on(mini: Site) -> None:
    _, cal, _ = feed_of(mini, "plan", "171-kh-btgtu")
    events = events_of(cal)
    relative = events[uid("171-kh-btgtu/truoc-le")].text("DESCRIPTION")
    assert "Thời gian theo kế hoạch: Ra trước lễ kỷ niệm 05 ngày (khoảng 02/5/2024)" in relative
    window = events[uid("171-kh-btgtu/ket-thuc-dot")].text("DESCRIPTION")
    assert "Kết thúc đợt tuyên truyền (khoảng 12/5/2024)" in window
    month = events[uid("171-kh-btgtu/thang")].text("DESCRIPTION")
    assert "Lịch ghi vào ngày cuối của thời hạn này: 31/12/2023." in month
    assert "Lịch ghi vào" not in events[uid("171-kh-btgtu/ngay")].text("DESCRIPTION")  # an exact day says nothing


@pytest.mark.parametrize("task_id, when, first, rule", RECURRING, ids=[case[0] for case in RECURRING])
def test_recurring_duties_repeat_within_the_plans_period(mini: Site, task_id: str, when: str, first: date,
                                                         rule: str) -> None:
    _, cal, data = feed_of(mini, "plan", "171-kh-btgtu")
    event = events_of(cal)[uid(f"171-kh-btgtu/{task_id}")]
    assert _date_of(event.one("DTSTART")) == first
    assert event.one("RRULE").raw == rule
    assert event.text("SUMMARY").startswith("Định kỳ: ")
    assert "đến hết 31/12/2024 (thời gian của kế hoạch)" in event.text("DESCRIPTION")
    # icalendar expands the rule to the same days.
    other = next(e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if str(e["UID"]) == event.text("UID"))
    assert other.decoded("RRULE")["UNTIL"] == [date(2024, 12, 31)]


def test_what_cannot_be_placed_is_left_out_and_counted(mini: Site) -> None:
    feed, cal, _ = feed_of(mini, "plan", "171-kh-btgtu")
    events = events_of(cal)
    for task_id, _, note in LEFT_OUT:
        assert uid(f"171-kh-btgtu/{task_id}") not in events
        assert note in feed.description
    # A recurring duty of a plan that dates nothing has no period to repeat in.
    other, cal, _ = feed_of(mini, "plan", "kh-khong-ngay")
    assert cal.children == []
    assert "1 nhiệm vụ định kỳ của kế hoạch chưa rõ thời gian kết thúc" in other.description
    unit, _, _ = feed_of(mini, "organisation", UNIT)
    assert "1 nhiệm vụ định kỳ" in unit.description and "1 nhiệm vụ thực hiện thường xuyên" in unit.description


def test_place_reads_each_kind_of_time() -> None:
    parse = dates.parse_fuzzy
    assert calendar.place(parse("Tháng 2/2024")) == calendar.Placement("due", date(2024, 2, 29))
    assert calendar.place(parse("Trước ngày 01/3/2024")) == calendar.Placement("due", date(2024, 2, 29))
    assert calendar.place(parse("Sau ngày 07/5/2024")) == calendar.Placement("start", date(2024, 5, 8))
    assert calendar.place(parse("Hằng quý")) == calendar.Placement("recurring")
    for left_out in ("Ra trước lễ kỷ niệm 05 ngày", "Kết thúc đợt tuyên truyền", "Thường xuyên", "chưa rõ"):
        assert calendar.place(parse(left_out)) is None, left_out  # counted from an event: not resolved here
    assert calendar.place(None) is None


def test_a_time_counted_from_an_undated_event_is_left_out_and_counted(mini: Site,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker refuses such a time in the data; the feed still copes (views/tasks.py leaves it unresolved)."""
    site = make_site(mini.data, BUILD_DAY)
    unresolved, resolve = dates.parse_fuzzy("Ra trước lễ kỷ niệm 05 ngày"), site.tasks.deadline
    monkeypatch.setattr(site.tasks, "deadline",
                        lambda task: unresolved if task.key.endswith("/truoc-le") else resolve(task))
    feed = calendar.plan_feed(site, site.data.plans["171-kh-btgtu"], page_url)
    assert uid("171-kh-btgtu/truoc-le") not in {entry.uid for entry in feed.entries}
    assert "1 nhiệm vụ tính từ một sự kiện chưa rõ ngày" in feed.description


def test_done_tasks_stay_marked_done(mini: Site) -> None:
    _, cal, _ = feed_of(mini, "organisation", SUPPORT)
    event = events_of(cal)[uid("171-kh-btgtu/da-xong")]
    assert event.text("SUMMARY").endswith("(đã thực hiện)")
    assert "Tình trạng: đã thực hiện" in event.text("DESCRIPTION")
    assert event.one("STATUS").raw == "CONFIRMED"


def test_a_supporting_unit_gets_the_same_entries_as_the_lead(mini: Site) -> None:
    """One activity is one VEVENT, the same bytes in every feed that lists it."""
    _, lead, _ = feed_of(mini, "organisation", UNIT)
    _, support, _ = feed_of(mini, "organisation", SUPPORT)
    _, plan, _ = feed_of(mini, "plan", "171-kh-btgtu")
    supported = events_of(support)
    assert len(supported) == len(CASES) + len(RECURRING) + 1
    for key, event in supported.items():
        assert event.props == events_of(lead)[key].props == events_of(plan)[key].props


# ---------------------------------------------------------------------------------------------------------------
# UIDs, DTSTAMP, addresses
# ---------------------------------------------------------------------------------------------------------------

def test_uids_are_stable_between_builds_and_unique(tmp_path: Path, mini: Site) -> None:
    first = all_feeds(mini)
    again = all_feeds(load_site(make_mini(tmp_path)))  # the same data read again
    assert {path: data for path, (_, data) in first.items()} == {path: data for path, (_, data) in again.items()}
    seen: dict[str, str] = {}
    for path, (feed, data) in first.items():
        for key, event in events_of(parse_strict(data)).items():
            assert re.fullmatch(r"(event|focus|task)-[a-z0-9.-]+@so-tay-tuyen-truyen", key), key
            text = "\n".join(f"{p.name}:{p.raw}" for p in event.props)
            assert seen.setdefault(key, text) == text, f"{key} differs between feeds ({path})"
    # Later, with a task added in front of the others: every entry keeps its UID.
    later = load_site(make_mini(tmp_path / "later", first_task=_task("moi", "Tháng 6/2024")),
                      BUILD_DAY + timedelta(days=40))
    before = {e.uid for e in calendar.plan_feed(mini, mini.data.plans["171-kh-btgtu"], page_url).entries}
    after = {e.uid for e in calendar.plan_feed(later, later.data.plans["171-kh-btgtu"], page_url).entries}
    assert after == before | {uid("171-kh-btgtu/moi")}


def test_dtstamp_is_the_build_date(mini: Site, shipped_feeds) -> None:
    for _, data in [*shipped_feeds.values(), *all_feeds(mini).values()]:
        stamps = set(re.findall(rb"\r\nDTSTAMP:([^\r]*)\r\n", data))
        assert stamps <= {STAMP.encode()}
    other_day = make_site(mini.data, date(2024, 6, 2))
    feed = calendar.event_feed(other_day, page_url)
    assert b"\r\nDTSTAMP:20240602T000000Z\r\n" in calendar.to_ical(feed, other_day.today)


def test_with_the_sites_address_entries_link_to_their_page(mini: Site) -> None:
    feeds = all_feeds(mini, base_url="https://sotay.laichau.example/so-tay")
    cal = parse_strict(feeds[calendar_links.feed_path("plan", "171-kh-btgtu")][1])
    event = events_of(cal)[uid("171-kh-btgtu/thang")]
    url = "https://sotay.laichau.example/so-tay/ke-hoach/171-kh-btgtu/#nv-thang"
    assert event.one("URL").raw == url
    assert f"Xem: {url}" in event.text("DESCRIPTION")
    # Without it (the shipped mkdocs.yml), no URL: a calendar cannot follow a relative one.
    cal = parse_strict(all_feeds(mini)[calendar_links.feed_path("plan", "171-kh-btgtu")][1])
    assert all(not event.all("URL") for event in cal.children)


def test_feed_paths_and_links() -> None:
    assert calendar_links.feed_path("event") == "lich/su-kien.ics"
    assert calendar_links.feed_path("organisation", UNIT) == f"lich/don-vi/{UNIT}.ics"
    assert calendar_links.feed_path("plan", "171-kh-btgtu") == "lich/ke-hoach/171-kh-btgtu.ics"
    assert calendar_links.feed_link("don-vi/x.md", "organisation", "x") == "../lich/don-vi/x.ics"
    assert calendar_links.feed_link("su-kien/index.md", "event") == "../lich/su-kien.ics"
    with pytest.raises(ValueError):
        calendar_links.feed_path("outline", "x")


# ---------------------------------------------------------------------------------------------------------------
# The built site
# ---------------------------------------------------------------------------------------------------------------

def _calendar_link(html: str, where: str) -> str:
    """The .ics link of a page's "Lịch:" paragraph, checked to be screen-only and out of the search."""
    paragraph = re.search(r'<p class="([^"]*sotay-calendar[^"]*)">(.*?)</p>', html, re.S)
    assert paragraph, f"{where}: no calendar link"
    assert {"sotay-screen-only", "sotay-search-skip"} <= set(paragraph.group(1).split()), where
    return re.search(r'href="([^"]+\.ics)"', paragraph.group(2)).group(1)


@pytest.mark.site
def test_the_built_site_has_the_feeds_links_them_and_zips_them(shipped_site: Path, shipped: Site,
                                                                  shipped_feeds) -> None:
    written = {p.relative_to(shipped_site).as_posix() for p in (shipped_site / calendar_links.FOLDER).rglob("*.ics")}
    assert written == set(shipped_feeds)
    for path, (_, data) in shipped_feeds.items():
        assert (shipped_site / path).read_bytes() == data, path
    pages = {"su-kien/": calendar_links.feed_path("event")}
    pages |= {f"don-vi/{i}/": calendar_links.feed_path("organisation", i) for i in shipped.data.organisations}
    pages |= {f"ke-hoach/{i}/": calendar_links.feed_path("plan", i) for i in shipped.data.plans}
    for url, feed in pages.items():
        href = _calendar_link((shipped_site / url / "index.html").read_text(encoding="utf-8"), url)
        assert (shipped_site / url / href).resolve() == (shipped_site / feed).resolve(), url
    index = "".join(path.read_text("utf-8") for path in (shipped_site / "search").rglob("*.js"))  # every shard
    searched = "Sao chép địa chỉ liên kết này rồi thêm" in index
    assert not searched, "the calendar sentence is in the search index"
    assert (shipped_site / "huong-dan" / "lich" / "index.html").is_file()
    # The offline copy holds every feed, and a page's link, opened from file://, reaches it inside the copy.
    zip_path = next((shipped_site / "tai-ve").glob("*.zip"))
    with zipfile.ZipFile(zip_path) as archive:
        top = zip_path.stem
        for path, (_, data) in shipped_feeds.items():
            assert archive.read(f"{top}/{path}") == data, path
        page = f"{top}/don-vi/{UNIT}/index.html"
        href = _calendar_link(archive.read(page).decode("utf-8"), page)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        assert target == f"{top}/{calendar_links.feed_path('organisation', UNIT)}"
