"""Tests for macros.core.dates: exact days, fuzzy times, their rendering, order and rejection messages."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from .test_deadline_forms import PARSE_INPUTS

from macros.core.dates import (
    KINDS,
    UNKNOWN_WORDS,
    DateError,
    FuzzyDate,
    format_date,
    format_date_header,
    format_month,
    fuzzy_from_date,
    parse_date,
    parse_fuzzy,
)

FORMS = ("15/6/2022, Tháng 12/2023, Quý III năm 2023, Năm 2023, Năm 2023 và năm 2024, "
         "Từ tháng 12/2023 đến tháng 12/2024, Dự kiến trong tháng 01 năm 2024, Trước ngày 19/5/2023, "
         "Sau ngày 07/5/2024, Ra trước lễ kỷ niệm 05 ngày, Sau sự kiện 03 ngày, Kết thúc đợt tuyên truyền, "
         "Sau khi kết thúc hoạt động kỷ niệm, Thường xuyên, Hằng tháng, Hằng quý, Hằng năm, chưa rõ")


def unreadable(text: str) -> str:
    return f'không đọc được thời gian "{text}"; viết theo một trong các dạng: {FORMS}'


D = date

# ---- exact days ----

PARSE_DATE = [
    ("15/6/2022", D(2022, 6, 15)),
    ("01/01/2024", D(2024, 1, 1)),
    ("7/5/1954", D(1954, 5, 7)),
    ("29/2/2024", D(2024, 2, 29)),
    ("2024-05-07", D(2024, 5, 7)),
    ("  15/6/2022 ", D(2022, 6, 15)),
    (unicodedata.normalize("NFD", "15/6/2022"), D(2022, 6, 15)),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_DATE)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


PARSE_DATE_ERRORS = [
    ("31/02/2024", "ngày 31/02/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày"),
    ("29/02/2023", "ngày 29/02/2023 không tồn tại: tháng 2 năm 2023 chỉ có 28 ngày"),
    ("31/4/2024", "ngày 31/4/2024 không tồn tại: tháng 4 năm 2024 chỉ có 30 ngày"),
    ("0/1/2024", "ngày 0/1/2024 không tồn tại: tháng 1 năm 2024 có các ngày từ 1 đến 31"),
    ("1/13/2024", "ngày 1/13/2024 không tồn tại: một năm chỉ có tháng 1 đến tháng 12"),
    ("2024-02-30", "ngày 2024-02-30 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày"),
    ("1/1/0000", "ngày 1/1/0000 không tồn tại: năm phải từ 1 trở đi"),
    ("01/01/0001", "ngày 01/01/0001 có năm 1 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"),
    ("31/12/9999", "ngày 31/12/9999 có năm 9999 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"),
    ("31/12/0999", "ngày 31/12/0999 có năm 999 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"),
    ("01/01/2201", "ngày 01/01/2201 có năm 2201 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"),
    ("9999-12-31", "ngày 9999-12-31 có năm 9999 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"),
    ("7-5-1954", 'không đọc được ngày "7-5-1954"; viết theo dạng ngày/tháng/năm như 15/6/2022 '
                 "hoặc năm-tháng-ngày như 2022-06-15"),
    ("15/6/22", 'không đọc được ngày "15/6/22"; viết theo dạng ngày/tháng/năm như 15/6/2022 '
                "hoặc năm-tháng-ngày như 2022-06-15"),
    ("Tháng 12/2023", 'không đọc được ngày "Tháng 12/2023"; viết theo dạng ngày/tháng/năm như 15/6/2022 '
                      "hoặc năm-tháng-ngày như 2022-06-15"),
    ("", "chưa ghi ngày; viết theo dạng ngày/tháng/năm, ví dụ 15/6/2022"),
]


@pytest.mark.parametrize(("text", "message"), PARSE_DATE_ERRORS)
def test_parse_date_rejects(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


FORMAT_DATE = [
    (D(1954, 5, 7), "07/5/1954"),
    (D(2024, 1, 1), "01/01/2024"),
    (D(2022, 6, 15), "15/6/2022"),
    (D(2023, 1, 30), "30/01/2023"),
    (D(2025, 2, 14), "14/02/2025"),
    (D(1953, 12, 12), "12/12/1953"),
    (D(2023, 3, 9), "09/3/2023"),
]


@pytest.mark.parametrize(("day", "expected"), FORMAT_DATE)
def test_format_date(day: date, expected: str) -> None:
    assert format_date(day) == expected


FORMAT_HEADER = [
    (D(2023, 5, 30), "Lai Châu", "Lai Châu, ngày 30 tháng 5 năm 2023"),
    (D(2026, 2, 5), None, "ngày 05 tháng 02 năm 2026"),
    (D(2023, 5, 30), None, "ngày 30 tháng 5 năm 2023"),
    (D(2024, 1, 1), "Lai Châu", "Lai Châu, ngày 01 tháng 01 năm 2024"),
    (D(2023, 12, 9), "", "ngày 09 tháng 12 năm 2023"),
    (D(2023, 12, 9), unicodedata.normalize("NFD", " Lai  Châu "), "Lai Châu, ngày 09 tháng 12 năm 2023"),
]


@pytest.mark.parametrize(("day", "place", "expected"), FORMAT_HEADER)
def test_format_date_header(day: date, place: str | None, expected: str) -> None:
    result = format_date_header(day, place)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


FORMAT_MONTH = [
    (D(2024, 1, 31), "01/2024"),
    (D(2025, 2, 1), "02/2025"),
    (D(2024, 5, 7), "5/2024"),
    (D(2026, 12, 1), "12/2026"),
]


@pytest.mark.parametrize(("day", "expected"), FORMAT_MONTH)
def test_format_month(day: date, expected: str) -> None:
    assert format_month(day) == expected


# One style for every date the site writes (Nghị định 30/2020/NĐ-CP pads days below 10 and months 1 and 2 in the
# dateline; the site writes running text the same way, huong-dan/du-lieu.md): each formatter, same day and month.
ONE_STYLE = [
    (D(1954, 5, 7), "07/5/1954", "ngày 07 tháng 5 năm 1954", "tháng 5/1954", "07/5/1954"),
    (D(2024, 1, 1), "01/01/2024", "ngày 01 tháng 01 năm 2024", "tháng 01/2024", "01/01/2024"),
    (D(2025, 2, 28), "28/02/2025", "ngày 28 tháng 02 năm 2025", "tháng 02/2025", "28/02/2025"),
    (D(2023, 10, 9), "09/10/2023", "ngày 09 tháng 10 năm 2023", "tháng 10/2023", "09/10/2023"),
]


@pytest.mark.parametrize(("day", "body", "header", "month", "fuzzy"), ONE_STYLE)
def test_every_formatter_pads_alike(day: date, body: str, header: str, month: str, fuzzy: str) -> None:
    assert format_date(day) == body
    assert format_date_header(day) == header
    assert f"tháng {format_month(day)}" == month
    assert fuzzy_from_date(day).render() == fuzzy
    assert parse_fuzzy(month).render() == month[:1].upper() + month[1:]


# ---- fuzzy times ----

# input -> (kind, start, end, tentative, finish_by, offset_days, render)
FUZZY = [
    ("15/6/2022", ("day", D(2022, 6, 15), D(2022, 6, 15), False, None, None, "15/6/2022")),
    ("7/5/1954", ("day", D(1954, 5, 7), D(1954, 5, 7), False, None, None, "07/5/1954")),
    ("2024-05-07", ("day", D(2024, 5, 7), D(2024, 5, 7), False, None, None, "07/5/2024")),
    ("ngày 30 tháng 5 năm 2023", ("day", D(2023, 5, 30), D(2023, 5, 30), False, None, None, "30/5/2023")),
    ("23-24/3/2023", ("range", D(2023, 3, 23), D(2023, 3, 24), False, None, None, "23-24/3/2023")),
    ("23 – 24/3/2023", ("range", D(2023, 3, 23), D(2023, 3, 24), False, None, None, "23-24/3/2023")),
    ("01/12/2023 - 10/01/2024",
     ("range", D(2023, 12, 1), D(2024, 1, 10), False, None, None, "01/12/2023 - 10/01/2024")),
    ("01/01/2004-01/01/2024",
     ("range", D(2004, 1, 1), D(2024, 1, 1), False, None, None, "01/01/2004 - 01/01/2024")),
    ("Từ ngày 01/12/2023 đến ngày 10/01/2024",
     ("range", D(2023, 12, 1), D(2024, 1, 10), False, None, None, "01/12/2023 - 10/01/2024")),
    # The same day at both ends is that day, not a range.
    ("12/12/2023-12/12/2023", ("day", D(2023, 12, 12), D(2023, 12, 12), False, None, None, "12/12/2023")),
    ("tháng 12/2023", ("month", D(2023, 12, 1), D(2023, 12, 31), False, None, None, "Tháng 12/2023")),
    ("Tháng 11/2023", ("month", D(2023, 11, 1), D(2023, 11, 30), False, None, None, "Tháng 11/2023")),
    ("Tháng 12 năm 2023", ("month", D(2023, 12, 1), D(2023, 12, 31), False, None, None, "Tháng 12/2023")),
    ("Tháng 5/2023", ("month", D(2023, 5, 1), D(2023, 5, 31), False, None, None, "Tháng 5/2023")),
    ("tháng 01/2024", ("month", D(2024, 1, 1), D(2024, 1, 31), False, None, None, "Tháng 01/2024")),
    ("tháng 2/2024", ("month", D(2024, 2, 1), D(2024, 2, 29), False, None, None, "Tháng 02/2024")),
    # Decided: a bare "12/2023" is a month (a day always has three parts).
    ("12/2023", ("month", D(2023, 12, 1), D(2023, 12, 31), False, None, None, "Tháng 12/2023")),
    ("Quý II năm 2023", ("quarter", D(2023, 4, 1), D(2023, 6, 30), False, None, None, "Quý II/2023")),
    ("Quý III năm 2023", ("quarter", D(2023, 7, 1), D(2023, 9, 30), False, None, None, "Quý III/2023")),
    ("Quý IV/2023", ("quarter", D(2023, 10, 1), D(2023, 12, 31), False, None, None, "Quý IV/2023")),
    ("quý 3/2023", ("quarter", D(2023, 7, 1), D(2023, 9, 30), False, None, None, "Quý III/2023")),
    ("QUÝ I NĂM 2024", ("quarter", D(2024, 1, 1), D(2024, 3, 31), False, None, None, "Quý I/2024")),
    ("Năm 2023", ("year", D(2023, 1, 1), D(2023, 12, 31), False, None, None, "Năm 2023")),
    ("năm 2024", ("year", D(2024, 1, 1), D(2024, 12, 31), False, None, None, "Năm 2024")),
    ("vào năm 2024", ("year", D(2024, 1, 1), D(2024, 12, 31), False, None, None, "Năm 2024")),
    ("2024", ("year", D(2024, 1, 1), D(2024, 12, 31), False, None, None, "Năm 2024")),
    ("Cuối năm 2023", ("year", D(2023, 10, 1), D(2023, 12, 31), False, None, None, "Cuối năm 2023")),
    ("Đầu năm 2023", ("year", D(2023, 1, 1), D(2023, 3, 31), False, None, None, "Đầu năm 2023")),
    ("giữa năm 2023", ("year", D(2023, 5, 1), D(2023, 8, 31), False, None, None, "Giữa năm 2023")),
    ("2021-2025", ("range", D(2021, 1, 1), D(2025, 12, 31), False, None, None, "Từ năm 2021 đến năm 2025")),
    ("Từ quý III đến quý IV/2023",
     ("range", D(2023, 7, 1), D(2023, 12, 31), False, None, None, "Từ quý III đến quý IV/2023")),
    ("Dự kiến từ tháng 05 - 12/2023",
     ("range", D(2023, 5, 1), D(2023, 12, 31), True, None, None, "Dự kiến từ tháng 5 đến tháng 12/2023")),
    ("Dự kiến từ tháng 05 - 12/2023 (hoàn thành trước 30/10/2023)",
     ("range", D(2023, 5, 1), D(2023, 12, 31), True, D(2023, 10, 30), None,
      "Dự kiến từ tháng 5 đến tháng 12/2023 (hoàn thành trước 30/10/2023)")),
    ("Dự kiến từ tháng 06 - 12/2023",
     ("range", D(2023, 6, 1), D(2023, 12, 31), True, None, None, "Dự kiến từ tháng 6 đến tháng 12/2023")),
    ("Từ tháng 12/2023 đến tháng 12/2024",
     ("range", D(2023, 12, 1), D(2024, 12, 31), False, None, None, "Từ tháng 12/2023 đến tháng 12/2024")),
    ("Từ tháng 6/2023 đến hết tháng 8/2023",
     ("range", D(2023, 6, 1), D(2023, 8, 31), False, None, None, "Từ tháng 6 đến tháng 8/2023")),
    ("Dự kiến trong tháng 01 năm 2024",
     ("month", D(2024, 1, 1), D(2024, 1, 31), True, None, None, "Dự kiến trong tháng 01/2024")),
    ("Dự kiến trong tháng 01/2024",
     ("month", D(2024, 1, 1), D(2024, 1, 31), True, None, None, "Dự kiến trong tháng 01/2024")),
    ("Dự kiến thời gian tổ chức Quý IV/2023",
     ("quarter", D(2023, 10, 1), D(2023, 12, 31), True, None, None, "Dự kiến quý IV/2023")),
    ("Dự kiến tháng 3/2024",
     ("month", D(2024, 3, 1), D(2024, 3, 31), True, None, None, "Dự kiến trong tháng 3/2024")),
    ("Dự kiến 15/6/2022", ("day", D(2022, 6, 15), D(2022, 6, 15), True, None, None, "Dự kiến ngày 15/6/2022")),
    ("Dự kiến 23-24/3/2023",
     ("range", D(2023, 3, 23), D(2023, 3, 24), True, None, None, "Dự kiến ngày 23-24/3/2023")),
    ("Dự kiến năm 2024", ("year", D(2024, 1, 1), D(2024, 12, 31), True, None, None, "Dự kiến năm 2024")),
    ("Trước ngày 19/5/2023", ("before", None, D(2023, 5, 18), False, None, None, "Trước ngày 19/5/2023")),
    ("trước 19/5/2023", ("before", None, D(2023, 5, 18), False, None, None, "Trước ngày 19/5/2023")),
    ("hoàn thành trước 19/5/2023", ("before", None, D(2023, 5, 18), False, None, None, "Trước ngày 19/5/2023")),
    ("Ra trước lễ kỷ niệm 05 ngày",
     ("relative", None, None, False, None, -5, "Ra trước lễ kỷ niệm 05 ngày")),
    ("Trước lễ kỷ niệm 5 ngày", ("relative", None, None, False, None, -5, "Trước lễ kỷ niệm 05 ngày")),
    ("5 ngày trước lễ kỷ niệm", ("relative", None, None, False, None, -5, "Trước lễ kỷ niệm 05 ngày")),
    ("Sau sự kiện 3 ngày", ("relative", None, None, False, None, 3, "Sau sự kiện 03 ngày")),
    ("3 ngày sau sự kiện", ("relative", None, None, False, None, 3, "Sau sự kiện 03 ngày")),
    # The event keeps its own words, digits and capitals.
    ("Trước Lễ kỷ niệm 70 năm Chiến thắng Điện Biên Phủ 10 ngày",
     ("relative", None, None, False, None, -10, "Trước Lễ kỷ niệm 70 năm Chiến thắng Điện Biên Phủ 10 ngày")),
    ("chưa rõ", ("unknown", None, None, False, None, None, "Chưa rõ")),
    ("Chưa rõ", ("unknown", None, None, False, None, None, "Chưa rõ")),
    ("  CHƯA   RÕ ", ("unknown", None, None, False, None, None, "Chưa rõ")),
]

FUZZY_INPUTS = [text for text, _ in FUZZY] + PARSE_INPUTS  # and the forms of tests/test_deadline_forms.py


@pytest.mark.parametrize(("text", "expected"), FUZZY)
def test_parse_fuzzy(text: str, expected: tuple[object, ...]) -> None:
    parsed = parse_fuzzy(text)
    got = (parsed.kind, parsed.start, parsed.end, parsed.tentative, parsed.finish_by, parsed.offset_days,
           parsed.render())
    assert got == expected


@pytest.mark.parametrize("text", FUZZY_INPUTS)
def test_parse_fuzzy_ignores_unicode_form(text: str) -> None:
    assert parse_fuzzy(unicodedata.normalize("NFD", text)) == parse_fuzzy(text)


@pytest.mark.parametrize("text", FUZZY_INPUTS)
def test_rendering_reads_back_to_the_same_time(text: str) -> None:
    parsed = parse_fuzzy(text)
    assert parse_fuzzy(parsed.render()) == parsed


@pytest.mark.parametrize("text", FUZZY_INPUTS)
def test_rendering_is_nfc(text: str) -> None:
    assert unicodedata.is_normalized("NFC", parse_fuzzy(text).render())


@pytest.mark.parametrize(("text", "same_as"), [
    ("Tháng  12 /2023", "tháng 12/2023"),
    ("\u00a0Quý III năm 2023\t", "Quý III năm 2023"),
    ("01/12/2023 – 10/01/2024", "01/12/2023 - 10/01/2024"),
    ("Dự kiến từ tháng 05 – 12/2023", "Dự kiến từ tháng 05 - 12/2023"),
    ("dự kiến trong tháng 01 năm 2024", "Dự kiến trong tháng 01/2024"),
    ("Dự kiến tháng 01/2024", "Dự kiến trong tháng 01/2024"),
    ("trong tháng 01/2024", "tháng 01/2024"),
    ("Từ tháng 5 đến tháng 12/2023", "Từ tháng 05 - 12/2023"),
])
def test_spelling_variants_parse_alike(text: str, same_as: str) -> None:
    assert parse_fuzzy(text) == parse_fuzzy(same_as)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Cuối năm 2023", "part", "cuối"),
    ("Năm 2023", "part", None),
    ("Ra trước lễ kỷ niệm 05 ngày", "issued", True),
    ("Trước lễ kỷ niệm 5 ngày", "issued", False),
    ("Trước lễ kỷ niệm 5 ngày", "event", "lễ kỷ niệm"),
    ("23-24/3/2023", "granularity", "day"),
    ("Dự kiến từ tháng 05 - 12/2023", "granularity", "month"),
    ("Quý IV/2023", "granularity", "quarter"),
    ("Chưa rõ", "granularity", None),
])
def test_parse_fuzzy_detail_fields(text: str, field: str, value: object) -> None:
    assert getattr(parse_fuzzy(text), field) == value


FUZZY_ERRORS = [
    ("31/02/2024", "ngày 31/02/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày"),
    ("29/2/2023", "ngày 29/2/2023 không tồn tại: tháng 2 năm 2023 chỉ có 28 ngày"),
    ("32/1/2024", "ngày 32/1/2024 không tồn tại: tháng 1 năm 2024 chỉ có 31 ngày"),
    ("30-31/02/2024", "ngày 30/02/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày"),
    ("tháng 13/2023", "tháng 13/2023 không tồn tại: một năm chỉ có tháng 1 đến tháng 12"),
    ("Quý V/2023", "quý V/2023 không tồn tại: một năm chỉ có quý I đến quý IV"),
    ("quý 5/2023", "quý 5/2023 không tồn tại: một năm chỉ có quý I đến quý IV"),
    ("từ tháng 12 - 5/2023", 'khoảng "từ tháng 12 - 5/2023" có mốc cuối (tháng 5/2023) sớm hơn mốc đầu '
                             "(tháng 12/2023); hãy đổi chỗ hai mốc hoặc sửa năm"),
    ("10/01/2024 - 01/12/2023", 'khoảng "10/01/2024 - 01/12/2023" có mốc cuối (01/12/2023) sớm hơn mốc đầu '
                                "(10/01/2024); hãy đổi chỗ hai mốc hoặc sửa năm"),
    ("tháng 5 - 23/6/2023", 'hai mốc của khoảng "tháng 5 - 23/6/2023" phải cùng là ngày, cùng là tháng, '
                            "cùng là quý hoặc cùng là năm"),
    ("15/6", 'thời gian "15/6" thiếu năm; ví dụ viết 15/6/2022, Tháng 12/2023, Quý III năm 2023'),
    ("Tháng 12", 'thời gian "Tháng 12" thiếu năm; ví dụ viết 15/6/2022, Tháng 12/2023, Quý III năm 2023'),
    ("Trước lễ kỷ niệm 0 ngày", '"Trước lễ kỷ niệm 0 ngày": số ngày trước hoặc sau sự kiện phải từ 1 trở lên; '
                                "nếu làm đúng ngày sự kiện thì ghi ngày đó, ví dụ 15/6/2022"),
    ("Dự kiến từ tháng 05 - 12/2023 (hoàn thành trước 30/10/2022)",
     'hạn "hoàn thành trước 30/10/2022" phải muộn hơn ngày bắt đầu 01/5/2023'),
    ("Tháng 5/2023 (hoàn thành trước 31/6/2023)",
     "ngày 31/6/2023 không tồn tại: tháng 6 năm 2023 chỉ có 30 ngày"),
    ("Cuối năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
    ("Đầu năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
    ("Năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
    ("Giữa năm 9999", 'thời gian "Giữa năm 9999" có năm 9999 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); '
                      "kiểm tra lại năm"),
    ("Trước ngày 01/01/0001", "ngày 01/01/0001 có năm 1 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); "
                              "kiểm tra lại năm"),
    ("Tháng 12/9999", "thời gian tháng 12/9999 có năm 9999 nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); "
                      "kiểm tra lại năm"),
    ("Từ năm 0999 đến năm 2024", "thời gian năm 0999 có năm 999 nằm ngoài khoảng năm dữ liệu dùng được "
                                 "(1000–2200); kiểm tra lại năm"),
    ("15/6/2024 (hoàn thành trước 31/12/9999)", "ngày 31/12/9999 có năm 9999 nằm ngoài khoảng năm dữ liệu dùng được "
                                                "(1000–2200); kiểm tra lại năm"),
    ("sớm", unreadable("sớm")),
    ("ngày mai", unreadable("ngày mai")),
    ("7-5-1954", unreadable("7-5-1954")),
    ("Dự kiến chưa rõ", unreadable("Dự kiến chưa rõ")),
    ("(hoàn thành trước 30/10/2023)", unreadable("(hoàn thành trước 30/10/2023)")),
    (unicodedata.normalize("NFD", "  sớm  hơn "), unreadable("sớm hơn")),
    ("", 'chưa ghi thời gian; nếu nguồn không nói rõ thì ghi "chưa rõ"'),
    ("   ", 'chưa ghi thời gian; nếu nguồn không nói rõ thì ghi "chưa rõ"'),
]


@pytest.mark.parametrize(("text", "message"), FUZZY_ERRORS)
def test_parse_fuzzy_rejects(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_fuzzy(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("value", "message"), [
    (2024, 'thời gian "2024" phải được viết dạng chữ; trong tệp YAML hãy đặt trong dấu nháy: "2024"'),
    (D(2024, 5, 7), 'thời gian "2024-05-07" phải được viết dạng chữ; trong tệp YAML hãy đặt trong dấu nháy: '
                    '"2024-05-07"'),
    (None, 'chưa ghi thời gian; nếu nguồn không nói rõ thì ghi "chưa rõ"'),
])
def test_parse_fuzzy_rejects_values_that_are_not_text(value: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_fuzzy(value)  # type: ignore[arg-type]
    assert str(caught.value) == message


def test_unknown_words() -> None:
    assert UNKNOWN_WORDS == ("chưa rõ",)


def test_unknown_may_carry_a_deadline() -> None:
    parsed = parse_fuzzy("Chưa rõ (hoàn thành trước 1/1/2024)")
    assert (parsed.kind, parsed.finish_by, parsed.render()) == (
        "unknown", D(2024, 1, 1), "Chưa rõ (hoàn thành trước 01/01/2024)")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        FuzzyDate("week")


@pytest.mark.parametrize(("text", "known"), [
    ("chưa rõ", False),
    ("Tháng 12/2023", True),
    ("Ra trước lễ kỷ niệm 05 ngày", True),
])
def test_is_known(text: str, known: bool) -> None:
    assert parse_fuzzy(text).is_known is known


@pytest.mark.parametrize(("day", "expected"), [
    (D(2022, 6, 15), FuzzyDate("day", D(2022, 6, 15), D(2022, 6, 15), granularity="day")),
    (datetime(2022, 6, 15, 8, 30), FuzzyDate("day", D(2022, 6, 15), D(2022, 6, 15), granularity="day")),
])
def test_fuzzy_from_date(day: date, expected: FuzzyDate) -> None:
    made = fuzzy_from_date(day)
    assert made == expected
    assert made == parse_fuzzy("15/6/2022")
    assert made.render() == "15/6/2022"


def test_str_is_the_rendering() -> None:
    assert str(parse_fuzzy("quý 3/2023")) == "Quý III/2023"


# ---- order, containment, resolution ----

LESS_THAN = [
    ("Quý IV/2023", "tháng 01/2024"),
    ("Quý III năm 2023", "Quý IV/2023"),
    ("Năm 2023", "tháng 01/2024"),
    ("Năm 2023", "Tháng 5/2023"),  # by start: the whole year begins first
    ("01/01/2024", "tháng 01/2024"),  # same start: the one that ends first comes first
    ("Quý I/2024", "Năm 2024"),
    ("Tháng 5/2023", "Trước ngày 19/5/2023"),  # a deadline sorts at its last day
    ("Trước ngày 19/5/2023", "Tháng 6/2023"),
    ("01/12/2023", "01/12/2023 - 10/01/2024"),
    ("Tháng 12/2023", "Năm 2024"),
    ("Năm 2099", "Ra trước lễ kỷ niệm 05 ngày"),
    ("Trước lễ kỷ niệm 5 ngày", "Sau sự kiện 3 ngày"),
    ("Sau sự kiện 3 ngày", "chưa rõ"),
    ("31/12/2099", "chưa rõ"),
    ("Tháng 12/2023", "Dự kiến trong tháng 12/2023"),
]


@pytest.mark.parametrize(("smaller", "larger"), LESS_THAN)
def test_order(smaller: str, larger: str) -> None:
    a, b = parse_fuzzy(smaller), parse_fuzzy(larger)
    assert (a < b, a <= b, b > a, b >= a, b < a, a == b) == (True, True, True, True, False, False)


@pytest.mark.parametrize(("left", "right"), [
    ("Quý III năm 2023", "quý 3/2023"),
    ("Tháng 12 năm 2023", "tháng 12/2023"),
    ("chưa rõ", "Chưa rõ"),
    ("Trước lễ kỷ niệm 5 ngày", "5 ngày trước lễ kỷ niệm"),
    ("2024-05-07", "7/5/2024"),
])
def test_equal_parses_compare_equal(left: str, right: str) -> None:
    a, b = parse_fuzzy(left), parse_fuzzy(right)
    assert (a == b, a <= b, a >= b, a < b, hash(a) == hash(b)) == (True, True, True, False, True)


def test_sorted_mixed_list() -> None:
    texts = ["chưa rõ", "tháng 01/2024", "Ra trước lễ kỷ niệm 05 ngày", "Quý IV/2023", "Năm 2023",
             "Quý III năm 2023", "15/6/2022", "Trước ngày 19/5/2023"]
    ordered = sorted(parse_fuzzy(text) for text in texts)
    assert [item.render() for item in ordered] == [
        "15/6/2022", "Năm 2023", "Trước ngày 19/5/2023", "Quý III/2023", "Quý IV/2023", "Tháng 01/2024",
        "Ra trước lễ kỷ niệm 05 ngày", "Chưa rõ",
    ]


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("01/12/2023 - 10/01/2024", D(2024, 1, 1), True),
    ("01/12/2023 - 10/01/2024", D(2024, 1, 10), True),
    ("01/12/2023 - 10/01/2024", D(2024, 1, 11), False),
    ("Quý IV/2023", D(2024, 1, 1), False),
    ("Quý IV/2023", D(2023, 10, 1), True),
    ("15/6/2022", D(2022, 6, 15), True),
    ("Trước ngày 19/5/2023", D(2000, 1, 1), True),
    ("Trước ngày 19/5/2023", D(2023, 5, 19), False),
    ("Cuối năm 2023", D(2023, 11, 1), True),
    ("Ra trước lễ kỷ niệm 05 ngày", D(2023, 12, 27), False),
    ("chưa rõ", D(2023, 12, 27), False),
])
def test_contains(text: str, day: date, expected: bool) -> None:
    assert parse_fuzzy(text).contains(day) is expected


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("Quý IV/2023", "01/12/2023 - 10/01/2024", True),
    ("Quý IV/2023", "tháng 01/2024", False),
    ("Năm 2023", "Quý III năm 2023", True),
    ("Tháng 5/2023", "Tháng 6/2023", False),
    ("Trước ngày 19/5/2023", "Tháng 5/2023", True),
    ("Trước ngày 19/5/2023", "Tháng 6/2023", False),
    ("31/12/2023", "01/12/2023 - 10/01/2024", True),
    ("Ra trước lễ kỷ niệm 05 ngày", "Năm 2023", False),
    ("chưa rõ", "Năm 2023", False),
])
def test_overlaps(left: str, right: str, expected: bool) -> None:
    a, b = parse_fuzzy(left), parse_fuzzy(right)
    assert (a.overlaps(b), b.overlaps(a)) == (expected, expected)


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    ("Ra trước lễ kỷ niệm 05 ngày", D(2024, 1, 1),
     FuzzyDate("day", D(2023, 12, 27), D(2023, 12, 27), granularity="day")),
    ("Sau sự kiện 3 ngày", D(2024, 2, 27),
     FuzzyDate("day", D(2024, 3, 1), D(2024, 3, 1), granularity="day")),
    ("Quý IV/2023", D(2024, 1, 1), FuzzyDate("quarter", D(2023, 10, 1), D(2023, 12, 31), granularity="quarter")),
    ("chưa rõ", D(2024, 1, 1), FuzzyDate("unknown")),
])
def test_resolve(text: str, anchor: date, expected: FuzzyDate) -> None:
    assert parse_fuzzy(text).resolve(anchor) == expected


def test_resolved_relative_date_renders_as_a_day() -> None:
    assert parse_fuzzy("Ra trước lễ kỷ niệm 05 ngày").resolve(D(2024, 1, 1)).render() == "27/12/2023"


def test_kinds() -> None:
    assert KINDS == ("day", "range", "month", "quarter", "year", "years", "before", "after", "relative",
                     "end-of-window", "after-window", "recurring", "ongoing", "unknown")
