"""Read, render and order the dates written in propaganda plans: exact days (15/6/2022) and the
fuzzy times plans really use (Quý III năm 2023, Dự kiến từ tháng 05 - 12/2023, Trước lễ kỷ niệm 5 ngày,
Năm 2023 và năm 2024, Sau ngày 7/5/2024, Kết thúc đợt tuyên truyền, Thường xuyên, Hằng tháng). Which task
state each kind of time gives is macros/core/deadlines.py."""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from .diagnostics import echo
from .unknown import UNKNOWN_TEXT
from .vietnamese import capitalise

__all__ = [
    "KINDS",
    "MAX_YEAR",
    "MIN_YEAR",
    "UNKNOWN_WORDS",
    "DateError",
    "FuzzyDate",
    "format_date",
    "format_date_header",
    "fuzzy_from_date",
    "parse_date",
    "parse_fuzzy",
    "shift",
]

UNKNOWN_WORDS: tuple[str, ...] = (UNKNOWN_TEXT,)

# day, range, month, quarter, year: a period written with its bounds; years: several whole years ("Năm 2023 và năm
# 2024"); before / after: one bound only ("Trước ngày 19/5/2023", "Sau ngày 7/5/2024"); relative: days before or
# after the event day; end-of-window / after-window: at or after the end of the event's focus window ("Kết thúc đợt
# tuyên truyền", "Sau khi kết thúc hoạt động kỷ niệm"); recurring: every month, quarter or year; ongoing: all the
# time ("Thường xuyên"); unknown: the source does not say.
KINDS: tuple[str, ...] = ("day", "range", "month", "quarter", "year", "years", "before", "after", "relative",
                          "end-of-window", "after-window", "recurring", "ongoing", "unknown")

# Quoted in every "cannot read" message, so the editor can copy a form that works: one example of each form.
_FORMS = ("15/6/2022, Tháng 12/2023, Quý III năm 2023, Năm 2023, Năm 2023 và năm 2024, "
          "Từ tháng 12/2023 đến tháng 12/2024, Dự kiến trong tháng 01 năm 2024, Trước ngày 19/5/2023, "
          "Sau ngày 07/5/2024, Ra trước lễ kỷ niệm 05 ngày, Sau sự kiện 03 ngày, Kết thúc đợt tuyên truyền, "
          "Sau khi kết thúc hoạt động kỷ niệm, Thường xuyên, Hằng tháng, Hằng quý, Hằng năm, chưa rõ")

# "Hằng tháng", "Hằng quý", "Hằng năm": the unit of a recurring time, by the word written.
_RECURRING_WORDS: dict[str, str] = {"tháng": "month", "quý": "quarter", "năm": "year"}
_RECURRING_UNITS: dict[str, str] = {unit: word for word, unit in _RECURRING_WORDS.items()}
_RECURRING_STEPS: tuple[str, ...] = ("month", "quarter", "year")
_WINDOW_STEPS: dict[str, int] = {"end-of-window": 1000, "after-window": 1001}

_ROMAN: tuple[str, ...] = ("I", "II", "III", "IV")

# Conventional readings of "đầu/giữa/cuối năm". The source gives no dates, so these bounds are
# used only to order items and test overlaps; the reader always sees the words as written.
_YEAR_PARTS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "đầu": ((1, 1), (3, 31)),
    "giữa": ((5, 1), (8, 31)),
    "cuối": ((10, 1), (12, 31)),
}

# The years a date in the data may have. Milestones go back to the eleventh century (Lý Công Uẩn moved the capital
# to Thăng Long in 1010; the shipped data's oldest is 1890), and nobody plans past 2200 (also the bound of an
# event's year); a year outside is a typo (2204 for 2024, 0024). The margin to Python's calendar (years 1-9999)
# is what makes every computation on a data date safe: a focus window adds or takes at most 366 days, a relative
# time 999, a deadline one, so no date the site computes can fall off the calendar.
MIN_YEAR, MAX_YEAR = 1000, 2200

SortKey = tuple[int, date, date, int, int, bool, date, str]

# Where each kind of time sorts: on the calendar, then counted from an event (not placed yet), then the times
# that have no deadline at all, unknown last.
_SORT_RANK: dict[str, int] = {"relative": 1, "end-of-window": 1, "after-window": 1, "recurring": 2, "ongoing": 3,
                              "unknown": 4}


class DateError(ValueError):
    """A date in the data cannot be read or does not exist; the message says what to write instead."""


# ---- exact days ----

_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _clean(text: str) -> str:
    """NFC with single spaces and no edges, so every pattern below can assume one shape."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _require_text(value: object, empty_message: str) -> str:
    if value is None:
        raise DateError(empty_message)
    if not isinstance(value, str):
        # YAML turns an unquoted 2024-05-07 into a date and 2024 into a number: say how to keep it text.
        raise DateError(f'thời gian "{echo(value)}" phải được viết dạng chữ; '
                        f'trong tệp YAML hãy đặt trong dấu nháy: "{echo(value)}"')
    cleaned = _clean(value)
    if not cleaned:
        raise DateError(empty_message)
    return cleaned


def shift(day: date, days: int) -> date:
    """`day` moved by `days`, held at the ends of Python's calendar instead of raising OverflowError.

    Data dates stay inside MIN_YEAR..MAX_YEAR, so the ends are never reached from them; a build date or a
    future caller is not checked that way, and a page must not fail over it.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _pad_day(day: int) -> str:
    return f"{day:02d}"


def _pad_month(month: int) -> str:
    # Nghị định 30/2020/NĐ-CP: months 1 and 2 take a leading zero, months 3-12 do not.
    return f"{month:02d}" if month <= 2 else str(month)


def format_date(d: date) -> str:
    """The body form used across the site: 07/5/1954, 01/01/2024, 15/6/2022."""
    return f"{_pad_day(d.day)}/{_pad_month(d.month)}/{d.year}"


def format_month(d: date) -> str:
    """The month of `d` in the body form, padded as format_date pads it: 01/2024, 5/2024, 12/2026."""
    return f"{_pad_month(d.month)}/{d.year}"


def format_date_header(d: date, place: str | None = None) -> str:
    """The dateline of a document: "Lai Châu, ngày 30 tháng 5 năm 2023"."""
    line = f"ngày {_pad_day(d.day)} tháng {_pad_month(d.month)} năm {d.year}"
    if place and place.strip():
        return f"{_clean(place)}, {line}"
    return line


def _build_day(day: str, month: str, year: str, shown: str | None = None) -> date:
    """Make a date from the digits as written, explaining in Vietnamese why it cannot exist."""
    shown = shown or f"{day}/{month}/{year}"
    d, m, y = int(day), int(month), int(year)
    if not 1 <= m <= 12:
        raise DateError(f"ngày {shown} không tồn tại: một năm chỉ có tháng 1 đến tháng 12")
    if y < 1:
        raise DateError(f"ngày {shown} không tồn tại: năm phải từ 1 trở đi")
    _check_year(y, f"ngày {shown}")
    last = calendar.monthrange(y, m)[1]
    if d < 1:
        raise DateError(f"ngày {shown} không tồn tại: tháng {m} năm {y} có các ngày từ 1 đến {last}")
    if d > last:
        raise DateError(f"ngày {shown} không tồn tại: tháng {m} năm {y} chỉ có {last} ngày")
    return date(y, m, d)


def _check_year(year: int, what: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"{what} có năm {year} nằm ngoài khoảng năm dữ liệu dùng được ({MIN_YEAR}–{MAX_YEAR}); "
                        "kiểm tra lại năm")


def parse_date(text: str) -> date:
    """Read an exact day written d/m/yyyy (15/6/2022, 01/01/2024) or ISO yyyy-mm-dd."""
    cleaned = _require_text(text, "chưa ghi ngày; viết theo dạng ngày/tháng/năm, ví dụ 15/6/2022")
    if match := _DMY.fullmatch(cleaned):
        return _build_day(*match.groups())
    if match := _ISO.fullmatch(cleaned):
        year, month, day = match.groups()
        return _build_day(day, month, year, shown=cleaned)
    raise DateError(f'không đọc được ngày "{echo(cleaned)}"; viết theo dạng ngày/tháng/năm như 15/6/2022 '
                    f"hoặc năm-tháng-ngày như 2022-06-15")


# ---- fuzzy times ----

def _describe(granularity: str, day: date, with_year: bool = True) -> str:
    """Name the day, month, quarter or year containing `day`, lower-case, as a range end is written."""
    if granularity == "day":
        return format_date(day)
    if granularity == "year":
        return f"năm {day.year}"
    if granularity == "month":
        return f"tháng {format_month(day)}" if with_year else f"tháng {_pad_month(day.month)}"
    name = f"quý {_ROMAN[(day.month - 1) // 3]}"
    return f"{name}/{day.year}" if with_year else name


@functools.total_ordering
@dataclass(frozen=True)
class FuzzyDate:
    """A time as a plan writes it: an exact day, a period, a deadline, a start, a day relative to the event or to
    the end of its focus window, a recurring or ongoing duty, or unknown.

    `start` and `end` are the inclusive bounds of the period (`start` is None for "before", `end` is None for
    "after", both are None for the kinds counted from an event, "recurring", "ongoing" and "unknown").
    `granularity` is the unit the bounds were written in ("day", "month", "quarter", "year"), which a range
    needs to be rendered back as written; for "recurring" it is the unit that repeats.
    """

    kind: str
    start: date | None = None
    end: date | None = None
    tentative: bool = False
    finish_by: date | None = None
    offset_days: int | None = None
    granularity: str | None = None
    part: str | None = None  # "đầu", "giữa" or "cuối" for a part of a year
    event: str | None = None  # what a relative or window time counts from, as written ("lễ kỷ niệm")
    issued: bool = False  # a relative time written "Ra trước …": the wording is kept
    years: tuple[int, ...] = ()  # the years of "Năm 2023 và năm 2024", as listed

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"loại thời gian không hợp lệ: {self.kind!r}; chỉ dùng: {', '.join(KINDS)}")

    @property
    def is_known(self) -> bool:
        return self.kind != "unknown"

    @property
    def is_placed(self) -> bool:
        """Whether the time is on the calendar (has a bound), as opposed to counted from an event, recurring,
        ongoing or unknown."""
        return self.start is not None or self.end is not None

    def render(self) -> str:
        """The canonical Vietnamese wording, first letter capitalised."""
        text = capitalise(self._tentative_phrase() if self.tentative else self._phrase())
        if self.finish_by is not None:
            text += f" (hoàn thành trước {format_date(self.finish_by)})"
        return text

    def __str__(self) -> str:
        return self.render()

    def _phrase(self) -> str:
        if self.kind == "unknown":
            return UNKNOWN_WORDS[0]
        if self.kind == "relative":
            days = self.offset_days or 0
            direction = "trước" if days < 0 else "sau"
            lead = "ra " if self.issued else ""
            return f"{lead}{direction} {self.event} {abs(days):02d} ngày"
        if self.kind == "end-of-window":
            return f"kết thúc {self.event}"
        if self.kind == "after-window":
            return f"sau khi kết thúc {self.event}"
        if self.kind == "ongoing":
            return "thường xuyên"
        if self.kind == "recurring":
            return f"hằng {_RECURRING_UNITS[self.granularity or 'year']}"
        start, end = self.start, self.end
        if self.kind == "after":
            assert start is not None, "'after' always has a start"
            return f"sau ngày {format_date(shift(start, -1))}"
        assert end is not None and self.granularity is not None, "dated kinds always have an end and a unit"
        if self.kind == "before":
            return f"trước ngày {format_date(shift(end, 1))}"
        assert start is not None, "only 'before' has an open start"
        if self.kind == "years":
            names = [f"năm {year}" for year in self.years]
            return f"{', '.join(names[:-1])} và {names[-1]}"
        if self.kind == "range":
            return self._range_phrase(start, end, self.granularity)
        if self.part:
            return f"{self.part} năm {start.year}"
        return _describe(self.granularity, start)

    @staticmethod
    def _range_phrase(start: date, end: date, granularity: str) -> str:
        if granularity == "day":
            if (start.year, start.month) == (end.year, end.month):
                return f"{_pad_day(start.day)}-{format_date(end)}"
            return f"{format_date(start)} - {format_date(end)}"
        same_year = granularity != "year" and start.year == end.year
        return f"từ {_describe(granularity, start, with_year=not same_year)} đến {_describe(granularity, end)}"

    def _is_short_day_range(self) -> bool:
        return (self.kind == "range" and self.granularity == "day" and self.start is not None
                and self.end is not None and (self.start.year, self.start.month) == (self.end.year, self.end.month))

    def _tentative_phrase(self) -> str:
        # "Dự kiến 15/6/2022" and "Dự kiến tháng 3/2024" read badly; officials write these.
        if self.kind == "day" or self._is_short_day_range():
            lead = "ngày "
        elif self.kind == "month":
            lead = "trong "
        else:
            lead = ""
        return f"dự kiến {lead}{self._phrase()}"

    def sort_key(self) -> SortKey:
        """Dated times by start then end, then the ones counted from an event (not yet on the calendar), then
        recurring and ongoing duties (no deadline), unknown last.

        A deadline ("Trước ngày 19/5/2023") has no start; it sorts at its last day, where a reader of
        a timeline looks for it. A start with no end ("Sau ngày 7/5/2024") sorts at its first day. The
        trailing fields only break ties, so equal keys mean equal values.
        """
        if self.kind in _SORT_RANK:
            rank, start, end = _SORT_RANK[self.kind], date.min, date.min
        else:
            assert self.start is not None or self.end is not None, "dated kinds always have a bound"
            rank = 0
            start = self.start or self.end or date.min
            end = self.end or date.max
        # Not yet on the calendar: days counted from the event day by their count, then the end of the focus window
        # and after it (placed after any count, which is at most 999 days); recurring duties from the most
        # frequent: hằng tháng, hằng quý, hằng năm.
        if self.kind == "recurring":
            step = _RECURRING_STEPS.index(self.granularity or "year")
        else:
            step = _WINDOW_STEPS.get(self.kind, self.offset_days or 0)
        return (rank, start, end, step, KINDS.index(self.kind), self.tentative, self.finish_by or date.max,
                self.render())

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def _bounds(self) -> tuple[date, date] | None:
        if not self.is_placed:
            return None  # times counted from an event, recurring, ongoing and unknown ones are not on the calendar
        return (self.start or date.min, self.end or date.max)

    def contains(self, d: date) -> bool:
        bounds = self._bounds()
        return bounds is not None and bounds[0] <= d <= bounds[1]

    def overlaps(self, other: FuzzyDate) -> bool:
        mine, theirs = self._bounds(), other._bounds()
        if mine is None or theirs is None:
            return False
        return mine[0] <= theirs[1] and theirs[0] <= mine[1]

    def resolve(self, anchor: date) -> FuzzyDate:
        """Place a time counted from an event on the calendar. `anchor` is the event day for "relative" and the
        last day of the event's focus window for "end-of-window" (that day) and "after-window" (from the day
        after it, no end); deadlines.ANCHORS says which. Other kinds are returned as they are."""
        if self.kind == "relative":
            day = shift(anchor, self.offset_days or 0)
        elif self.kind == "end-of-window":
            day = anchor
        elif self.kind == "after-window":
            return FuzzyDate("after", shift(anchor, 1), None, tentative=self.tentative, finish_by=self.finish_by,
                             granularity="day")
        else:
            return self
        return FuzzyDate("day", day, day, tentative=self.tentative, finish_by=self.finish_by, granularity="day")


def fuzzy_from_date(d: date) -> FuzzyDate:
    if isinstance(d, datetime):
        d = d.date()  # a datetime would never compare equal to the parsed day
    return FuzzyDate("day", d, d, granularity="day")


# ---- reading fuzzy times ----

_UNKNOWN_FOLDED = frozenset(word.casefold() for word in UNKNOWN_WORDS)

_FINISH_BY = re.compile(r"(?P<body>.*?) ?\( ?(?:hoàn thành )?trước (?:ngày )?(?P<day>[^()]+?) ?\)", re.I)
_TENTATIVE = re.compile(r"dự kiến(?: thời gian(?: tổ chức| thực hiện| triển khai)?)?:? ", re.I)
_RELATIVE = (
    re.compile(r"(?P<issued>ra )?(?P<direction>trước|sau) (?P<event>[^()]+?) (?P<days>[0-9]{1,3}) ngày", re.I),
    re.compile(r"(?P<issued>ra )?(?P<days>[0-9]{1,3}) ngày (?P<direction>trước|sau) (?P<event>[^()]+)", re.I),
)

_ISO_INSIDE = re.compile(r"(?<![0-9/])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9/])")
_DASH = re.compile(r" ?[-‐‑‒–—−] ?")
_SLASH = re.compile(r" ?/ ?")
_YEAR_WORD = re.compile(r"\b([0-9]{1,2}|[ivx]+) năm ([0-9]{4})\b", re.I)
_MONTH_WORD = re.compile(r"\b([0-9]{1,2}) tháng ([0-9]{1,2})/", re.I)
_LEADING_WORD = re.compile(r"(?:vào|trong) ", re.I)

_BEFORE = re.compile(r"(?:hoàn thành )?trước (?:ngày )?([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.I)
_AFTER = re.compile(r"(?:bắt đầu )?sau (?:ngày )?([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.I)
# "Năm 2023 và năm 2024", "năm 2023 và 2024", "năm 2023, 2024 và 2025" ("Trong" is dropped with the other
# leading words).
_YEARS = re.compile(r"(?:các )?(?:năm )?[0-9]{4}(?:(?:, | và )(?:năm )?[0-9]{4})+", re.I)
_ONGOING = re.compile(r"(?:thực hiện )?thường xuyên(?:,? liên tục)?", re.I)
_RECURRING = re.compile(r"(?:định kỳ )?h[ằà]ng (?P<unit>tháng|quý|năm)", re.I)
# At or after the end of the event's focus window: "Kết thúc đợt tuyên truyền", "Khi kết thúc …", "Sau khi kết
# thúc hoạt động kỷ niệm". Only a campaign or the commemorative activities end with the window; "Sau khi kết thúc
# Đại hội" is the event day, written "Sau sự kiện 1 ngày".
_WINDOW = re.compile(r"(?P<lead>sau khi |sau |khi )?kết thúc (?P<what>(?:các )?(?:đợt (?:tuyên truyền|cao điểm)|"
                     r"hoạt động (?:k[ỷỉ] niệm|tuyên truyền))(?: [^()]+)?)", re.I)
_COUNTED_DAYS = re.compile(r" [0-9]{1,3} ngày$")
_WINDOW_WORDS = re.compile(r"kết thúc (?:các )?(?:đợt|hoạt động)", re.I)
_YEAR_PART = re.compile(r"(?P<part>đầu|giữa|cuối) năm (?P<year>[0-9]{4})", re.I)
_RANGE_WORDS = re.compile(r"(?:từ )?(?P<a>.+?) đến (?:hết )?(?P<b>.+)", re.I)
_RANGE_DASH = re.compile(r"(?:từ )?(?P<a>[^-]+)-(?:hết )?(?P<b>[^-]+)", re.I)

# One end of a period; a left end may leave out what the right end says ("23-24/3/2023").
_MARKS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    ("day", re.compile(r"(?:ngày )?(?P<day>[0-9]{1,2})/(?P<month>[0-9]{1,2})(?:/(?P<year>[0-9]{4}))?", re.I)),
    ("day", re.compile(r"ngày (?P<day>[0-9]{1,2})", re.I)),
    ("month", re.compile(r"(?:tháng )?(?P<month>[0-9]{1,2})/(?P<year>[0-9]{4})", re.I)),
    ("month", re.compile(r"tháng (?P<month>[0-9]{1,2})", re.I)),
    ("quarter", re.compile(r"quý (?P<quarter>[ivx]+|[0-9]{1,2})(?:/(?P<year>[0-9]{4}))?", re.I)),
    ("year", re.compile(r"(?:năm )?(?P<year>[0-9]{4})", re.I)),
    (None, re.compile(r"(?P<number>[0-9]{1,2})")),
)


@dataclass(frozen=True)
class _Mark:
    """One end of a period with its digits as written; `unit` is None for a bare number."""

    unit: str | None
    year: str | None = None
    month: str | None = None
    quarter: str | None = None
    day: str | None = None
    number: str | None = None


def _unreadable(original: str) -> DateError:
    return DateError(f'không đọc được thời gian "{echo(original)}"; viết theo một trong các dạng: {_FORMS}')


def _read_mark(text: str) -> _Mark | None:
    for unit, pattern in _MARKS:
        if match := pattern.fullmatch(text):
            return _Mark(unit, **match.groupdict())
    return None


def _complete_left(left: _Mark, right: _Mark, original: str) -> _Mark | None:
    """Fill what the left end of a range leaves to the right end: its unit, month, year."""
    if left.unit is None:
        if right.unit == "day":
            left = _Mark("day", day=left.number)
        elif right.unit == "month":
            left = _Mark("month", month=left.number)
        else:
            return None
    if left.unit != right.unit:
        raise DateError(f'hai mốc của khoảng "{echo(original)}" phải cùng là ngày, cùng là tháng, '
                        f"cùng là quý hoặc cùng là năm")
    return replace(left, year=left.year or right.year, month=left.month or right.month)


def _quarter_number(token: str) -> int | None:
    token = token.upper()
    if token in _ROMAN:
        return _ROMAN.index(token) + 1
    if token.isdigit() and 1 <= int(token) <= 4:
        return int(token)
    return None


def _describe_mark(mark: _Mark) -> str:
    """The mark as written back ("tháng 5/0999", "quý II/3000", "năm 0000"), for messages."""
    if mark.unit == "day":
        return f"{mark.day}/{mark.month}/{mark.year}"
    if mark.unit == "month":
        return f"tháng {mark.month}/{mark.year}"
    if mark.unit == "quarter":
        return f"quý {(mark.quarter or '').upper()}/{mark.year}"
    return f"năm {mark.year}"


def _span(mark: _Mark) -> tuple[date, date]:
    """The first and last day of a complete mark, or a DateError saying why it cannot exist."""
    assert mark.year is not None, "callers complete the mark first"
    year = int(mark.year)
    if year < 1:
        raise DateError(f"năm {mark.year} không tồn tại: năm phải từ 1 trở đi")
    _check_year(year, f"thời gian {_describe_mark(mark)}")
    if mark.unit == "day":
        assert mark.day is not None and mark.month is not None
        day = _build_day(mark.day, mark.month, mark.year)
        return day, day
    if mark.unit == "month":
        assert mark.month is not None
        month = int(mark.month)
        if not 1 <= month <= 12:
            raise DateError(f"tháng {mark.month}/{mark.year} không tồn tại: một năm chỉ có tháng 1 đến tháng 12")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if mark.unit == "quarter":
        assert mark.quarter is not None
        quarter = _quarter_number(mark.quarter)
        if quarter is None:
            raise DateError(f"quý {mark.quarter.upper()}/{mark.year} không tồn tại: một năm chỉ có quý I đến quý IV")
        last_month = 3 * quarter
        return date(year, last_month - 2, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def _read_range(left_text: str, right_text: str, original: str) -> FuzzyDate | None:
    left, right = _read_mark(left_text.strip()), _read_mark(right_text.strip())
    if left is None or right is None or right.unit is None or right.year is None:
        return None
    completed = _complete_left(left, right, original)
    if completed is None:
        return None
    unit = right.unit
    left_start, left_end = _span(completed)
    right_start, right_end = _span(right)
    if right_start < left_start:
        raise DateError(f'khoảng "{echo(original)}" có mốc cuối ({_describe(unit, right_start)}) sớm hơn mốc đầu '
                        f"({_describe(unit, left_start)}); hãy đổi chỗ hai mốc hoặc sửa năm")
    if (left_start, left_end) == (right_start, right_end):
        # "12/12/2023-12/12/2023" is one day, not a range.
        return FuzzyDate(unit, left_start, left_end, granularity=unit)
    return FuzzyDate("range", left_start, right_end, granularity=unit)


def _read_single(text: str, original: str) -> FuzzyDate | None:
    mark = _read_mark(text)
    if mark is None or mark.unit is None:
        return None
    if mark.year is None:
        raise DateError(f'thời gian "{echo(original)}" thiếu năm; ví dụ viết 15/6/2022, Tháng 12/2023, '
                        "Quý III năm 2023")
    start, end = _span(mark)
    return FuzzyDate(mark.unit, start, end, granularity=mark.unit)


def _read_window(text: str, original: str) -> FuzzyDate | None:
    match = _WINDOW.fullmatch(text)
    if match is None:
        return None
    what = match["what"].strip()
    if _COUNTED_DAYS.search(what):
        raise _unreadable(original)  # "Sau khi kết thúc đợt tuyên truyền 5 ngày": not a form this reads
    lead = (match["lead"] or "").strip().lower()
    return FuzzyDate("after-window" if lead.startswith("sau") else "end-of-window", event=what)


def _read_years(text: str, original: str) -> FuzzyDate | None:
    if not _YEARS.fullmatch(text):
        return None
    years = tuple(int(year) for year in re.findall(r"[0-9]{4}", text))
    for year in years:
        _check_year(year, f"thời gian \"{echo(original)}\"")
    if any(later <= earlier for earlier, later in zip(years, years[1:])):
        raise DateError(f'các năm trong "{echo(original)}" phải viết từ năm sớm đến năm muộn, mỗi năm một lần; '
                        f"ví dụ Năm 2023 và năm 2024")
    return FuzzyDate("years", date(years[0], 1, 1), date(years[-1], 12, 31), granularity="year", years=years)


def _read_relative(text: str, original: str) -> FuzzyDate | None:
    for pattern in _RELATIVE:
        if match := pattern.fullmatch(text):
            if _WINDOW_WORDS.search(match["event"]):
                return None  # "5 ngày sau khi kết thúc đợt tuyên truyền" counts from the window, not the event day
            days = int(match["days"])
            if days == 0:
                raise DateError(f'"{echo(original)}": số ngày trước hoặc sau sự kiện phải từ 1 trở lên; '
                                f"nếu làm đúng ngày sự kiện thì ghi ngày đó, ví dụ 15/6/2022")
            sign = -1 if match["direction"].lower() == "trước" else 1
            return FuzzyDate("relative", offset_days=sign * days, event=match["event"].strip(),
                             issued=match["issued"] is not None)
    return None


def _normalise_punctuation(text: str) -> str:
    """Bring the written variants to one shape: d/m/yyyy days, bare dashes, "tháng 12/2023"."""
    text = _ISO_INSIDE.sub(r"\3/\2/\1", text)  # before dashes are squeezed, which would glue ISO days
    text = _DASH.sub("-", text)
    text = _SLASH.sub("/", text)
    text = _YEAR_WORD.sub(r"\1/\2", text)  # "tháng 12 năm 2023", "quý II năm 2023"
    text = _MONTH_WORD.sub(r"\1/\2/", text)  # "ngày 30 tháng 5 năm 2023"
    if match := _LEADING_WORD.match(text):
        text = text[match.end():]
    return text


def _read_dated(body: str, original: str) -> FuzzyDate | None:
    # Times counted from an event are read before punctuation is normalised: the event name is kept as written.
    if found := _read_window(body, original) or _read_relative(body, original):
        return found
    text = _normalise_punctuation(body)
    if match := _BEFORE.fullmatch(text):
        deadline = _build_day(*match.groups())
        return FuzzyDate("before", None, shift(deadline, -1), granularity="day")
    if match := _AFTER.fullmatch(text):
        day = _build_day(*match.groups())
        return FuzzyDate("after", shift(day, 1), None, granularity="day")
    if found := _read_years(text, original):
        return found
    if match := _YEAR_PART.fullmatch(text):
        year, part = int(match["year"]), match["part"].lower()
        if year < 1:
            raise DateError(f"năm {match['year']} không tồn tại: năm phải từ 1 trở đi")
        _check_year(year, f"thời gian \"{match.group()}\"")
        (first_month, first_day), (last_month, last_day) = _YEAR_PARTS[part]
        return FuzzyDate("year", date(year, first_month, first_day), date(year, last_month, last_day),
                         granularity="year", part=part)
    if match := _RANGE_WORDS.fullmatch(text):
        return _read_range(match["a"], match["b"], original)
    if match := _RANGE_DASH.fullmatch(text):
        return _read_range(match["a"], match["b"], original)
    return _read_single(text, original)


def _read_undated(body: str) -> FuzzyDate | None:
    """A duty with no deadline: "Thường xuyên", "Hằng tháng" (also spelt "Hàng tháng")."""
    if _ONGOING.fullmatch(body):
        return FuzzyDate("ongoing")
    if match := _RECURRING.fullmatch(body):
        return FuzzyDate("recurring", granularity=_RECURRING_WORDS[match["unit"].lower()])
    return None


def parse_fuzzy(text: str) -> FuzzyDate:
    """Read a time as plans write it; raise DateError with the forms that work when it cannot be read."""
    original = _require_text(text, 'chưa ghi thời gian; nếu nguồn không nói rõ thì ghi "chưa rõ"')
    body, finish_by = original, None
    if match := _FINISH_BY.fullmatch(body):
        body = match["body"]
        finish_by = parse_date(match["day"])
    tentative = False
    if match := _TENTATIVE.match(body):
        body, tentative = body[match.end():], True
    if not tentative and body.casefold() in _UNKNOWN_FOLDED:
        return FuzzyDate("unknown", finish_by=finish_by)
    if not tentative and (undated := _read_undated(body)):
        if finish_by is not None:
            raise DateError(f'"{echo(undated.render())}" không có hạn cuối nên không ghi kèm "(hoàn thành trước '
                            f'…)"; việc phải xong trước một ngày thì ghi "Trước ngày {format_date(finish_by)}"')
        return undated
    found = _read_dated(body, original) if body else None
    if found is None:
        raise _unreadable(original)
    if finish_by is not None and found.start is not None and finish_by <= found.start:
        raise DateError(f'hạn "hoàn thành trước {format_date(finish_by)}" phải muộn hơn ngày bắt đầu '
                        f"{format_date(found.start)}")
    return replace(found, tentative=tentative, finish_by=finish_by)


def build_date(configured: object = None) -> date:
    """The date task states and focus windows are judged against: the configured one (the plugin's `build_date`,
    which SOTAY_BUILD_DATE sets), else today. A fixed date makes builds reproducible (tests, archived copies)."""
    if isinstance(configured, date):
        return configured
    if configured:
        return parse_date(str(configured))
    return date.today()


def same_day_in(year: int, day: date) -> date | None:
    """The same day and month in `year`; None for 29/2 in a year that has none, or a year off the calendar."""
    try:
        return day.replace(year=year)
    except (ValueError, OverflowError):
        return None


# "(7/5/1954 - 7/5/2024)": the span an anniversary title writes, checked wherever editors copy one.
ANNIVERSARY_SPAN_RE = re.compile(r"\(\s*(\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(\d{1,2}/\d{1,2}/\d{4})\s*\)")
# "70 năm": the N of an anniversary as text writes it.
YEARS_RE = re.compile(r"(\d+)\s+năm\b")
