"""Hostile and broken data: every mistake is answered with exact `path:line:column: message` lines and exit
status 1, in well under a second, never with a traceback, an internal error (exit 3) or a raw control character
on the terminal.

Each case breaks a copy of the small valid data set (tests/fixtures/mini) in one way and runs `sotay check`
in-process, as an editor would. Unreadable files and folders: `chmod 000` only stops a user without
CAP_DAC_OVERRIDE; when the tests run as root (containers, CI), reading still works, so the tests emulate what the
kernel does for any other user: `os.open` and `os.scandir` refuse, with EACCES, a path whose mode grants read to
nobody. The checker's own code paths (the PermissionError it handles) are the real ones; only the kernel's
decision is stood in for. (Running the check as `nobody` in a subprocess would be the honest alternative, but the
interpreter here lives under /root, which `nobody` cannot enter.)
"""

from __future__ import annotations

import errno
import os
import re
import resource
import shutil
import stat
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from macros.views import anniversaries_ahead, timeline

from macros.core import dates
from macros.core.anniversaries import focus_window
from macros.cli.build import build_into
from macros.cli.main import main
from macros.core.check import check_data
from macros.views.pages import generated_pages
from macros.views.site import make_site

from .sites import FIXTURES, ROOT
from .test_editor_guide import MISTAKES

EV = "events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
MS = "milestones/chien-thang-dien-bien-phu.yml"
PLAN = "plans/171-kh-btgtu.yml"
ORGS = "organisations.yml"
DOCS = "documents.yml"
OUTLINE = "outlines/de-cuong-dien-bien-phu.yml"
SHIPPED_EV = EV  # the shipped event of the same name (other line numbers)
GUIDE = {mistake.heading: mistake.messages for mistake in MISTAKES}
NEW = "events/tep-moi.yml"  # a new event file: when it cannot be read, nothing refers to it
HEADER = "# yaml-language-server: $schema=../schemas/event.schema.json\n# Sự kiện thử.\n"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

# ---- the messages, written out once ----

DEPTH = ("dữ liệu lồng nhau quá 64 cấp (danh sách, bảng nằm trong nhau); dữ liệu thật chỉ cần khoảng 10 cấp (đề cương "
         "tối đa 4 cấp mục), nên ở đây có lỗi thụt lề hoặc thừa dấu ngoặc [ {; hãy kiểm tra từ dòng này")
NODES = ("bí danh *{} làm tệp vượt giới hạn 20.000 giá trị khi mỗi bí danh được thay bằng giá trị nó trỏ tới (bí danh "
         "lồng nhau nhân số giá trị lên rất nhanh); hãy viết thẳng giá trị thay cho bí danh")
TEXT = ("bí danh *{} làm tệp vượt giới hạn 2.000.000 ký tự khi mỗi bí danh được thay bằng giá trị nó trỏ tới; hãy viết "
        "thẳng giá trị thay cho bí danh")
SELF = "bí danh *{0} nằm ngay trong giá trị được neo &{0} nên trỏ vào chính nó, lặp vô tận; hãy bỏ bí danh này"
UNDEFINED = "lỗi cú pháp YAML: dùng bí danh (*) chưa được khai báo"
DECIMAL = ("\"{}\" phải viết số thập phân, ví dụ 2024 (không dùng 0x, 0o, 0b, dấu _, dấu : hay số 0 ở đầu); ở đây là "
           "\"{}\"")
RANGE = "\"{}\" = {} nằm ngoài khoảng cho phép {}"
OUT_OF_YEARS = "{} có năm {} nằm ngoài khoảng năm dữ liệu dùng được (1000–2200); kiểm tra lại năm"
CONTROL = ("có ký tự điều khiển vô hình {} ở đây{}, thường lẫn vào khi dán văn bản từ Word, PDF hoặc trang web; hãy "
           "xóa ký tự này (Visual Studio Code hiện nó thành một ô nhỏ màu đỏ)")
SEPARATOR = ("có ký tự ngắt dòng ẩn {} ở đây, thường lẫn vào khi dán văn bản từ Word hoặc trang web; trình soạn thảo "
             "không xuống dòng ở ký tự này nhưng YAML thì có: hãy xóa nó (muốn xuống dòng thì nhấn Enter)")
ESCAPED_CONTROL = ("chuỗi có mã thoát tạo ra ký tự điều khiển {}; hãy bỏ mã thoát đó (trong ngoặc kép chỉ dùng \\n để "
                   "xuống dòng và \\t cho Tab)")
LONE_SURROGATE = ("chuỗi có mã thoát \\u{} tạo ra nửa ký tự UTF-16 (U+{}), không đứng riêng được; hãy gõ thẳng ký tự "
                  "cần viết (ví dụ 😀) thay cho mã thoát")
TAG = ("thẻ \"{}\" không được dùng trong tệp dữ liệu; hãy bỏ thẻ và viết giá trị bình thường (chỉ dùng được các thẻ "
       "chuẩn !!str, !!int, !!float, !!bool, !!null, !!seq, !!map)")
LONG_ID = ("mã \"{}\" dài {} ký tự, quá giới hạn 100 ký tự (tên trang web và tệp PDF được đặt theo mã); hãy đặt mã "
           "ngắn hơn")
EMPTY_EVENT = "tệp trống; cần sự kiện"
SAVE_AS_LF = ("hãy lưu lại tệp với kiểu xuống dòng LF (trong Visual Studio Code: bấm chữ CRLF hoặc LF ở góc dưới bên "
              "phải, chọn LF, rồi lưu)")


# ---- ways to break the data ----

Change = Callable[[Path], None]


def write(name: str, content: str | bytes) -> Change:
    def change(data: Path) -> None:
        path = data / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return change


def edit(name: str, old: str, new: str) -> Change:
    def change(data: Path) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    return change


def line_ends(name: str, end: str) -> Change:
    def change(data: Path) -> None:
        path = data / name
        path.write_bytes(path.read_bytes().replace(b"\n", end.encode("ascii")))
    return change


def rename(old: str, new: str) -> Change:
    return lambda data: (data / old).rename(data / new)


def event_file(body: str) -> Change:
    return write(NEW, HEADER + body)


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["l0: &l0 [" + ", ".join(["\"lol\""] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def nested_outline(levels: int) -> str:
    lines = ["id: de-cuong-sau", "title: Đề cương rất sâu", "events: [ky-niem-70-nam-chien-thang-dien-bien-phu]",
             "source: {document: 171-kh-btgtu, section: \"II\"}", "sections:"]
    for level in range(levels):
        indent = "    " * level
        lines.append(f"{indent}  - title: Mục cấp {level + 1}")
        if level + 1 < levels:
            lines.append(f"{indent}    sections:")
    return "# yaml-language-server: $schema=../schemas/outline.schema.json\n# Đề cương thử.\n" + "\n".join(lines) + "\n"


def data_path(name: str) -> str:
    return f"data/{name}"


def at(name: str, line: int, column: int, message: str) -> str:
    return f"data/{name}:{line}:{column}: {message}"


LONG = "a" * 300
CASES = [
    # ---- 1. aliases ----
    pytest.param(event_file(billion_laughs()), [at(NEW, 7, 15, NODES.format("l3"))], id="billion-laughs-9x9"),
    pytest.param(event_file(billion_laughs(30, 2)), [at(NEW, 15, 12, NODES.format("l11"))],
                 id="billion-laughs-30x2"),
    pytest.param(event_file("a: &a [" + ", ".join(["x"] * 1000) + "]\nb: [" + ", ".join(["*a"] * 200) + "]\n"),
                 [at(NEW, 4, 77, NODES.format("a"))], id="quadratic-list"),
    pytest.param(event_file("a: &a " + "x" * 200_000 + "\nb: [" + ", ".join(["*a"] * 20) + "]\n"),
                 [at(NEW, 4, 37, TEXT.format("a"))], id="quadratic-text"),
    pytest.param(event_file("a: &a x\nb: [" + ", ".join(["*a"] * 1001) + "]\n"),
                 [at(NEW, 4, 4005, "tệp dùng quá 1.000 bí danh (*); hãy viết thẳng giá trị thay cho bí danh")],
                 id="alias-count"),
    pytest.param(event_file("a: &x [*x]\n"), [at(NEW, 3, 8, SELF.format("x"))], id="self-reference"),
    pytest.param(event_file("a: &x {b: [c, {d: *x}]}\n"), [at(NEW, 3, 19, SELF.format("x"))],
                 id="self-reference-nested"),
    pytest.param(event_file("a: &a [*b]\nb: &b [*a]\n"), [at(NEW, 3, 8, UNDEFINED)], id="mutual-reference"),
    pytest.param(event_file("a: &a 1\nb: &a 2\n"),
                 [at(NEW, 4, 4, "neo &a đã được đặt ở dòng 3; mỗi neo chỉ đặt một lần, hãy đổi tên một neo")],
                 id="duplicate-anchor"),
    pytest.param(event_file("a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n"),
                 [at(NEW, 4, 34, "bí danh *a đặt ở đây làm dữ liệu lồng nhau quá 64 cấp; hãy viết thẳng giá trị thay "
                                 "cho bí danh")], id="alias-depth"),
    # ---- 2. nesting ----
    pytest.param(event_file("a: " + "[" * 5000 + "]" * 5000 + "\n"), [at(NEW, 3, 67, DEPTH)], id="lists-5000-deep"),
    pytest.param(event_file("a: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"), [at(NEW, 3, 256, DEPTH)],
                 id="mappings-5000-deep"),
    pytest.param(event_file("a:\n" + "".join(" " * i + "- \n" for i in range(1, 1000))), [at(NEW, 67, 65, DEPTH)],
                 id="block-lists-1000-deep"),
    pytest.param(event_file("".join(" " * i + "a:\n" for i in range(1000))), [at(NEW, 67, 65, DEPTH)],
                 id="block-mappings-1000-deep"),
    pytest.param(write("outlines/de-cuong-sau.yml", nested_outline(300)),
                 [at("outlines/de-cuong-sau.yml", 70, 129, DEPTH)], id="outline-300-levels"),
    pytest.param(write("outlines/de-cuong-sau.yml", nested_outline(20)),
                 [at("outlines/de-cuong-sau.yml", 16, 21, "đề cương chỉ có tối đa 4 cấp (I., 1., a), -); hãy gộp mục "
                                                          "này vào mục cha")], id="outline-20-levels-is-read"),
    # ---- 3. numbers and dates ----
    *[pytest.param(edit(EV, "year: 2024", f"year: {written}"), [at(EV, 7, 7, DECIMAL.format("year", written))],
                   id=f"year-{written}") for written in ("0x7E8", "0o17", "0b101", "33:44", "1_000", "02024")],
    pytest.param(edit(EV, "year: 2024", "year: " + "9" * 5000),
                 [at(EV, 7, 7, RANGE.format("year", "9" * 79 + "…", "1800–2200"))], id="year-5000-digits"),
    pytest.param(edit(EV, "year: 2024", "year: 0"), [at(EV, 7, 7, RANGE.format("year", 0, "1800–2200"))],
                 id="year-0"),
    pytest.param(edit(EV, "year: 2024", "year: 99999"), [at(EV, 7, 7, RANGE.format("year", 99999, "1800–2200"))],
                 id="year-99999"),
    pytest.param(edit(EV, "n: 70", "n: 70\nfocus:\n  before: 0x10"),
                 [at(EV, 10, 11, DECIMAL.format("before", "0x10"))], id="focus-before-hex"),
    *[pytest.param(edit(PLAN, "when: Quý II năm 2024", f"when: {written}"), [at(PLAN, 21, 11, f"\"when\": {message}")],
                   id=f"when-{written}") for written, message in [
        ("Cuối năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
        ("Đầu năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
        ("Năm 0000", "năm 0000 không tồn tại: năm phải từ 1 trở đi"),
        ("Trước ngày 01/01/0001", OUT_OF_YEARS.format("ngày 01/01/0001", 1)),
        ("Cuối năm 9999", OUT_OF_YEARS.format("thời gian \"Cuối năm 9999\"", 9999)),
        ("Từ 01/01/0001 đến 31/12/9999", OUT_OF_YEARS.format("thời gian 01/01/0001", 1)),
        ("Quý IV/9999", OUT_OF_YEARS.format("thời gian quý IV/9999", 9999)),
        ("Quý II năm 2024 (hoàn thành trước 31/12/9999)", OUT_OF_YEARS.format("ngày 31/12/9999", 9999)),
    ]],
    pytest.param(edit(EV, "n: 70", "n: 70\ndate: 31/12/9999\nfocus:\n  before: 30\n  after: 30"),
                 [at(EV, 9, 7, "\"date\": " + OUT_OF_YEARS.format("ngày 31/12/9999", 9999))],
                 id="event-date-9999-with-focus"),
    pytest.param(edit(EV, "n: 70", "n: 70\nfocus:\n  from: 01/01/0001\n  to: 31/12/9999"),
                 [at(EV, 10, 9, "\"from\": " + OUT_OF_YEARS.format("thời gian 01/01/0001", 1)),
                  at(EV, 11, 7, "\"to\": " + OUT_OF_YEARS.format("thời gian 31/12/9999", 9999))],
                 id="focus-window-at-calendar-edges"),
    pytest.param(lambda data: (edit(MS, "date: 7/5/1954", "date: 31/12/9999")(data),
                               edit(PLAN, "when: Quý II năm 2024", "when: Ra trước lễ kỷ niệm 05 ngày")(data)),
                 [at(MS, 5, 7, "\"date\": " + OUT_OF_YEARS.format("ngày 31/12/9999", 9999))],
                 id="milestone-9999-with-relative-task"),
    pytest.param(edit(PLAN, "when: Quý II năm 2024", "when: Ra trước lễ kỷ niệm 999 ngày"), [],
                 id="relative-999-days-is-fine"),
    pytest.param(edit(EV, "n: 70", "n: 70\ntitle: Kỷ niệm " + "7" * 5000 + " năm (07/5/1954 - 07/5/2024)"),
                 [at(EV, 9, 8, "kỷ niệm " + "7" * 79 + "… năm nhưng khoảng thời gian (07/5/1954 - 07/5/2024) là 70 "
                               "năm; viết đúng là hai mốc cách nhau đúng số năm kỷ niệm"),
                  at(EV, 9, 8, "tiêu đề ghi " + "7" * 79 + "… năm nhưng từ mốc 07/5/1954 đến năm 2024 là 70 năm")],
                 id="title-with-5000-digit-anniversary"),
    # ---- 4. surrogates and escaped control characters ----
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: \"Chiến thắng \\ud800\""),
                 [at(EV, 5, 7, LONE_SURROGATE.format("d800", "D800"))], id="lone-surrogate"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: \"Chiến thắng \\ud83d\\ude00\""),
                 [at(EV, 5, 7, "chuỗi có mã thoát \\ud83d\\ude00: hai nửa ký tự UTF-16 mà YAML không ghép lại thành "
                               "một ký tự; hãy gõ thẳng ký tự 😀 thay cho mã thoát")], id="surrogate-pair"),
    pytest.param(edit(EV, "kind: anniversary", "kind: anniversary\n\"\\udfffx\": 1"),
                 [at(EV, 5, 1, LONE_SURROGATE.format("dfff", "DFFF")),
                  at(EV, 5, 1, "khóa \"�x\" không có trong sự kiện; các khóa hợp lệ: id, kind, name, title, "
                               "milestones, year, date, n, focus, description, source")], id="surrogate-in-key"),
    pytest.param(edit(PLAN, "support: [cac-don-vi-co-lien-quan]", "support: [\"\\udc00\"]"),
                 [at(PLAN, 20, 15, "\"support\" phải là mã của cơ quan, đơn vị (trong data/organisations.yml) (chữ "
                                   "thường không dấu, gạch ngang); ở đây là \"�\""),
                  at(PLAN, 20, 15, LONE_SURROGATE.format("dc00", "DC00"))],
                 id="surrogate-in-list"),
    *[pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", f"name: \"Chiến thắng{escape}\""),
                   [at(EV, 5, 7, ESCAPED_CONTROL.format(shown))], id=f"escaped-{label}")
      for escape, shown, label in [("\\x07", "U+0007 (BEL)", "bel"), ("\\e", "U+001B (ESC)", "esc"),
                                   ("\\0", "U+0000 (NUL)", "nul"), ("\\r", "U+000D (CR)", "cr"),
                                   ("\\x9b", "U+009B", "c1-csi"), ("\\e[2J\\e[31m", "U+001B (ESC)", "ansi-sequence")]],
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: \"Chiến thắng\\L\""),
                 [at(EV, 5, 7, "chuỗi có mã thoát tạo ra ký tự ngắt dòng ẩn U+2028 (LINE SEPARATOR); hãy bỏ mã thoát "
                               "đó (muốn xuống dòng trong ngoặc kép thì viết \\n)")], id="escaped-line-separator"),
    # ---- 5. raw control characters and line separators ----
    pytest.param(edit(EV, "name: Chiến thắng", "name: Chiến\x07 thắng"),
                 [at(EV, 5, 12, CONTROL.format("U+0007 (BEL)", ""))], id="raw-bel"),
    pytest.param(edit(EV, "name: Chiến thắng", "name: \x1b[31mChiến thắng\x1b[0m"),
                 # The escape becomes a space; "[31m" is what the editor sees, and YAML reads it as a list.
                 [at(EV, 5, 7, CONTROL.format("U+001B (ESC)", " (và 1 chỗ khác trong tệp)")),
                  at(EV, 5, 24, "lỗi cú pháp YAML: danh sách trong ngoặc vuông [ ] chưa đóng, thiếu dấu phẩy, "
                                "hoặc trong đó có chuỗi thiếu dấu ngoặc kép đóng")],
                 id="raw-ansi-escape"),
    pytest.param(edit(EV, "name: Chiến thắng", "name: Chiến\x00 thắng"),
                 [at(EV, 5, 12, CONTROL.format("U+0000 (NUL)", "") + "; nếu có rất nhiều ký tự này, tệp có thể đã "
                                "được lưu theo mã UTF-16: hãy lưu lại với mã hóa UTF-8")], id="raw-nul"),
    pytest.param(edit(EV, "name: Chiến thắng", "name: Chiến\x7f thắng"),
                 [at(EV, 5, 12, CONTROL.format("U+007F (DEL)", ""))], id="raw-del"),
    pytest.param(edit(EV, "name: Chiến thắng", "name: Chiến\x9b thắng"),
                 [at(EV, 5, 12, CONTROL.format("U+009B", ""))], id="raw-c1-csi"),
    pytest.param(edit(OUTLINE, "body: Khẳng định", "body: Khẳng\x0c\x0c định\x0c"),
                 [at(OUTLINE, 12, 20, CONTROL.format("U+000C (FF)", " (và 2 chỗ khác trong tệp)"))],
                 id="raw-form-feeds"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: Chiến thắng\u2028Điện Biên Phủ"),
                 [at(EV, 5, 18, SEPARATOR.format("U+2028 (LINE SEPARATOR)"))], id="raw-line-separator"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: Chiến thắng\u2029Điện Biên Phủ"),
                 [at(EV, 5, 18, SEPARATOR.format("U+2029 (PARAGRAPH SEPARATOR)"))], id="raw-paragraph-separator"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: Chiến thắng\x85Điện Biên Phủ"),
                 [at(EV, 5, 18, SEPARATOR.format("U+0085 (NEL)"))], id="raw-next-line"),
    pytest.param(lambda data: (edit(OUTLINE, "title: Ý nghĩa lịch sử", "title: Ý nghĩa\u2028lịch\u2028sử")(data),
                               edit(OUTLINE, "body: Khẳng định", "bodi: Khẳng định")(data)),
                 [at(OUTLINE, 8, 19, SEPARATOR.format("U+2028 (LINE SEPARATOR)").replace(
                     "ở đây,", "ở đây (và 1 chỗ khác trong tệp),")),
                  at(OUTLINE, 12, 9, "khóa \"bodi\" không có trong mục đề cương; có phải ý bạn là \"body\"?")],
                 id="line-separator-before-an-error"),
    pytest.param(edit(EV, "year: 2024\n", "year: 2024\r"),
                 [at(EV, 7, 11, "có ký tự U+000D (CR) đứng riêng ở đây: YAML xuống dòng ở đó nhưng trình soạn thảo thì "
                                "có thể không, nên số dòng không còn khớp; " + SAVE_AS_LF)], id="lone-cr-in-lf-file"),
    # ---- 6. values echoed in messages ----
    pytest.param(edit(EV, "kind: anniversary", "kind: " + "x" * 500),
                 [at(EV, 4, 7, "\"kind\" không nhận \"" + "x" * 79 + "…\" Các giá trị hợp lệ: anniversary (kỷ niệm "
                               "ngày lịch sử), congress (đại hội), review (sơ kết, tổng kết), other (sự kiện khác)")],
                 id="long-value-is-shortened"),
    pytest.param(edit(EV, "kind: anniversary", "kind\u200b: anniversary"),
                 [at(EV, 3, 1, "sự kiện thiếu khóa bắt buộc \"kind\" (loại sự kiện)"),
                  at(EV, 4, 1, "khóa \"kind\\u200b\" không có trong sự kiện; có phải ý bạn là \"kind\"?")],
                 id="zero-width-space-in-a-key-is-shown"),
    pytest.param(write("su-kien/x\x1b[31m.yml", HEADER + "id: x\n"),
                 ["data/su-kien/x\\x1b[31m.yml:1:1: tệp này không thuộc loại dữ liệu nào: đặt danh sách cơ quan vào "
                  "data/organisations.yml, văn bản vào data/documents.yml, còn kế hoạch, sự kiện, mốc lịch sử, đề "
                  "cương, nhiệm vụ vào data/plans/, data/events/, data/milestones/, data/outlines/, data/tasks/ (mỗi "
                  "tệp một mục)"], id="ansi-escape-in-a-file-name"),
    # ---- 7. files ----
    pytest.param(rename(EV, EV.replace(".yml", ".YML")),
                 [at(EV.replace(".yml", ".YML"), 1, 1, "đuôi tên tệp \".YML\" phải viết thường; hãy đổi tên tệp thành "
                                                       "\"ky-niem-70-nam-chien-thang-dien-bien-phu.yml\"")],
                 id="upper-case-extension"),
    pytest.param(rename(ORGS, "organisations.Yaml"),
                 [at("organisations.Yaml", 1, 1, "đuôi tên tệp \".Yaml\" phải viết thường; hãy đổi tên tệp thành "
                                                 "\"organisations.yml\"")], id="mixed-case-extension"),
    pytest.param(line_ends(EV, "\r"), [at(EV, 1, 61, "tệp xuống dòng bằng ký tự U+000D (CR) kiểu máy Mac cũ, nên cả "
                                                     "tệp bị đọc thành một dòng; " + SAVE_AS_LF)],
                 id="cr-only-line-ends"),
    pytest.param(line_ends(EV, "\r\n"), [], id="crlf-line-ends-are-fine"),
    pytest.param(edit(EV, "n: 70\n", "n: 70\n---\nn: 75\n"),
                 [at(EV, 9, 1, "dòng \"---\" này mở một tài liệu YAML thứ hai, nhưng mỗi tệp chỉ chứa một tài liệu; "
                               "hãy xóa dòng này nếu phần sau thuộc cùng tệp, hoặc chuyển phần sau sang một tệp "
                               "riêng")],
                 id="second-document"),
    pytest.param(write(NEW, ""), [at(NEW, 1, 1, EMPTY_EVENT)], id="empty-file"),
    pytest.param(write(NEW, "\n  \n\n"), [at(NEW, 1, 1, EMPTY_EVENT)], id="blank-file"),
    pytest.param(write(NEW, HEADER), [at(NEW, 1, 1, EMPTY_EVENT)], id="comment-only-file"),
    pytest.param(write(NEW, HEADER + "---\n"), [at(NEW, 1, 1, EMPTY_EVENT)], id="document-marker-only"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: !!binary aGVsbG8="),
                 [at(EV, 5, 7, "thẻ \"!!binary\" (dữ liệu nhị phân) không dùng được trong tệp dữ liệu; hãy bỏ thẻ và "
                               "viết văn bản")], id="tag-binary"),
    pytest.param(edit(MS, "date: 7/5/1954", "date: !!timestamp 1954-05-07"),
                 [at(MS, 5, 7, "thẻ \"!!timestamp\" không dùng được: ngày viết dạng 15/6/2022, không cần thẻ; hãy bỏ "
                               "thẻ")], id="tag-timestamp"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: !!python/object/apply:os.system [\"id\"]"),
                 [at(EV, 5, 7, "\"name\" phải là một đoạn văn bản, nhưng ở đây một danh sách"),
                  at(EV, 5, 7, "thẻ \"!!python/object/apply:os.system\" (tạo đối tượng Python) bị cấm trong tệp dữ "
                               "liệu; hãy bỏ thẻ")], id="tag-python"),
    pytest.param(edit(EV, "name: Chiến thắng Điện Biên Phủ", "name: !custom Chiến thắng Điện Biên Phủ"),
                 [at(EV, 5, 7, TAG.format("!custom"))], id="tag-custom"),
    pytest.param(edit(EV, "milestones: [chien-thang-dien-bien-phu]", "milestones: !!set {chien-thang-dien-bien-phu}"),
                 [at(EV, 3, 1, "sự kiện kỷ niệm phải có \"milestones\": mã mốc lịch sử được kỷ niệm"),
                  at(EV, 6, 13, "\"milestones\" phải là mã của mốc lịch sử (trong data/milestones/), nhưng ở đây một "
                                "bảng khóa: giá trị"),
                  at(EV, 6, 13, TAG.format("!!set"))], id="tag-set"),
    pytest.param(edit(EV, "year: 2024", "year: !!seq 2024"), [at(EV, 7, 7, TAG.format("!!seq"))],
                 id="tag-collection-on-a-scalar"),
    pytest.param(edit(EV, "year: 2024", "year: !!str 2024"),
                 [at(EV, 7, 7, "\"year\" phải là một số nguyên viết không có ngoặc kép, ví dụ 2024; ở đây là "
                               "\"2024\"")],
                 id="standard-tag-is-honoured"),
    pytest.param(event_file("a: \"" + "x" * 1_000_100 + "\"\n"),
                 [at(NEW, 3, 999_919, "tệp lớn 1,0 MB, quá giới hạn 1 MB cho một tệp dữ liệu (vượt qua ở chỗ này); "
                                      "hãy tách thành nhiều tệp: mỗi kế hoạch, sự kiện, đề cương một tệp, danh sách "
                                      "dài chia thành nhiều tệp trong data/organisations/ hoặc data/documents/")],
                 id="file-over-1-mb"),
    pytest.param(write("organisations/" + "d" * 120 + ".yml", "# yaml-language-server: $schema=../schemas/"
                       "organisations.schema.json\n# Đơn vị thử.\n- id: so-tu-phap\n  name: Sở Tư pháp\n  level: tinh\n"
                       "  sector: nha-nuoc\n  source: {document: 171-kh-btgtu, section: \"IV\"}\n"),
                 [at("organisations/" + "d" * 120 + ".yml", 1, 1, "tên tệp dài 120 ký tự, quá giới hạn 100 ký tự; hãy "
                                                                  "đặt tên ngắn hơn")], id="file-name-too-long"),
    # ---- 8. ids too long for a file name ----
    pytest.param(edit(EV, "id: ky-niem-70-nam-chien-thang-dien-bien-phu", f"id: {LONG}"),
                 [at(EV, 3, 5, LONG_ID.format("a" * 79 + "…", 300))], id="id-300-characters"),
    pytest.param(edit(PLAN, "id: trien-lam-anh", "id: " + "b" * 101),
                 [at(PLAN, 17, 9, LONG_ID.format("b" * 79 + "…", 101))], id="task-id-101-characters"),
    pytest.param(edit(PLAN, "support: [cac-don-vi-co-lien-quan]", f"support: [{LONG}]"),
                 [at(PLAN, 20, 15, "\"support\": " + LONG_ID.format("a" * 79 + "…", 300))],
                 id="reference-300-characters"),
]


def run_check(project: Path, monkeypatch, capsys) -> tuple[int, list[str], str]:
    monkeypatch.chdir(project)
    status = main(["check"])
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "Traceback" not in stream and "lỗi nội bộ" not in stream
        assert not RAW_CONTROL.search(stream.replace("\n", "")), f"raw control character in {stream!r}"
    return status, captured.out.splitlines(), captured.err


@pytest.mark.parametrize(("change", "expected"), CASES)
def test_every_data_mistake_is_a_located_message(mini_data: Path, monkeypatch, capsys, change: Change,
                                                 expected: list[str]) -> None:
    change(mini_data)
    started = time.perf_counter()
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    elapsed = time.perf_counter() - started
    assert printed == expected
    assert status == (1 if expected else 0)
    assert elapsed < 5, f"the check took {elapsed:.1f} s"  # generous for a loaded CI machine; the figures are below


# ---- files that cannot be read, links out of the project, special files ----

def deny_like_the_kernel(monkeypatch) -> None:
    """Refuse, as the kernel refuses a user without CAP_DAC_OVERRIDE, a path whose mode grants read to nobody."""
    real_open, real_scandir = os.open, os.scandir

    def denied(path) -> bool:
        try:
            return stat.S_IMODE(os.stat(path).st_mode) & 0o444 == 0
        except OSError:
            return False

    def guarded_open(path, flags, *args, **kwargs):
        if denied(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_scandir(path="."):
        if denied(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "scandir", guarded_scandir)


def make_unreadable(path: Path, monkeypatch, request) -> None:
    mode = path.stat().st_mode
    path.chmod(0)
    request.addfinalizer(lambda: path.chmod(stat.S_IMODE(mode)))  # so that tmp_path can be cleaned
    if os.access(path, os.R_OK):
        if os.geteuid() != 0:
            pytest.skip("this user reads files whatever their mode (a capability other than root's)")
        deny_like_the_kernel(monkeypatch)


def test_an_unreadable_file_is_named_without_a_cascade(mini_data: Path, monkeypatch, capsys, request) -> None:
    make_unreadable(mini_data / ORGS, monkeypatch, request)
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (1, [at(ORGS, 1, 1, "không mở được tệp này: không có quyền đọc; hãy cấp quyền (ví dụ: "
                                                     "chmod u+r \"data/organisations.yml\") rồi chạy lại")])


def test_an_unreadable_folder_is_named_without_a_cascade(mini_data: Path, monkeypatch, capsys, request) -> None:
    make_unreadable(mini_data / "events", monkeypatch, request)
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (1, ["data/events:1:1: không mở được thư mục này: không có quyền đọc; hãy cấp quyền "
                                     "(ví dụ: chmod u+rx \"data/events\") rồi chạy lại"])


def test_an_unreadable_plans_folder_in_the_shipped_data_gives_one_message(tmp_path: Path, monkeypatch, capsys,
                                                                          request, compose_once) -> None:
    """Before, the 3 plans unread made 206 "không có … nào mang mã" messages. The guide shows this message."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    make_unreadable(tmp_path / "data" / "plans", monkeypatch, request)
    status, printed, _ = run_check(tmp_path, monkeypatch, capsys)
    assert (status, printed) == (1, GUIDE["Không mở được tệp hoặc thư mục"])


@pytest.mark.parametrize(("heading", "change"), [
    ("Ký tự điều khiển vô hình", edit(SHIPPED_EV, "Chiến thắng Điện Biên Phủ\n", "Chiến thắng\x0bĐiện Biên Phủ\n")),
    ("Ký tự ngắt dòng ẩn", edit(SHIPPED_EV, "Chiến thắng Điện Biên Phủ\n", "Chiến thắng\u2028Điện Biên Phủ\n")),
    ("Tệp xuống dòng kiểu máy Mac cũ", line_ends(MS, "\r")),
])
def test_the_guide_examples_that_a_page_cannot_carry(tmp_path: Path, monkeypatch, capsys, compose_once,
                                                      heading: str, change: Change) -> None:
    """thong-bao-loi.md cannot show these mistakes in a block (tests/test_editor_guide.py lists them as untestable):
    make them here in the shipped data and compare with the message the page shows."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    change(tmp_path / "data")
    status, printed, _ = run_check(tmp_path, monkeypatch, capsys)
    assert (status, printed) == (1, GUIDE[heading])


def test_links_out_of_the_project_are_refused(mini_data: Path, tmp_path_factory, monkeypatch, capsys) -> None:
    outside = tmp_path_factory.mktemp("ngoai-du-an")  # beside the project folder (mini_data.parent), not in it
    (mini_data / EV).rename(outside / "su-kien.yml")
    (mini_data / EV).symlink_to(outside / "su-kien.yml")
    shutil.move(str(mini_data / "outlines"), str(outside / "outlines"))
    (mini_data / "outlines").symlink_to(outside / "outlines", target_is_directory=True)
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    assert status == 1
    assert printed == [
        f"data/{EV}:1:1: tệp này là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án, tới "
        f"\"{outside / 'su-kien.yml'}\"; chương trình không đọc dữ liệu ngoài dự án: hãy chép tệp vào đây thay cho "
        "liên kết",
        f"data/outlines:1:1: thư mục này là liên kết tượng trưng (symlink) trỏ ra ngoài thư mục dự án, tới "
        f"\"{outside / 'outlines'}\"; chương trình không đọc dữ liệu ngoài dự án: hãy chép thư mục vào đây thay cho "
        "liên kết"]


def test_links_inside_the_project_are_read(mini_data: Path, monkeypatch, capsys) -> None:
    shared = mini_data.parent / "chung"
    shared.mkdir()
    (mini_data / MS).rename(shared / "moc.yml")
    (mini_data / MS).symlink_to(shared / "moc.yml")
    (mini_data / "events" / "vong").symlink_to(mini_data, target_is_directory=True)  # a loop is walked once
    status, printed, err = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (0, []), err


def test_broken_and_looping_links_are_named(mini_data: Path, monkeypatch, capsys) -> None:
    (mini_data / "events" / "gay.yml").symlink_to("../milestones/khong-co.yml")
    (mini_data / "events" / "vong.yml").symlink_to("vong.yml")
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (1, [
        at("events/gay.yml", 1, 1, "tệp này là liên kết tượng trưng trỏ tới chỗ không tồn tại; hãy xóa liên kết hoặc "
                                   "sửa đích của nó"),
        at("events/vong.yml", 1, 1, "tệp này là liên kết tượng trưng trỏ vòng về chính nó; hãy xóa liên kết hoặc sửa "
                                    "đích của nó")])


def test_a_fifo_named_like_a_data_file_does_not_hang_the_check(mini_data: Path, monkeypatch, capsys) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(mini_data / NEW)
    status, printed, _ = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (1, [at(NEW, 1, 1, "đây không phải một tệp bình thường (có thể là ống dẫn, ổ cắm hay "
                                                    "thiết bị) nên không được đọc; hãy xóa nó và đặt tệp dữ liệu thật "
                                                    "vào đây")])


def test_moderate_alias_use_is_accepted(mini_data: Path, monkeypatch, capsys) -> None:
    edit(PLAN, "lead: so-van-hoa-the-thao-va-du-lich", "lead: &so so-van-hoa-the-thao-va-du-lich")(mini_data)
    edit(PLAN, "signer:", "  - title: Việc thứ hai\n    lead: *so\n    section: \"IV.5\"\nsigner:")(mini_data)
    status, printed, err = run_check(mini_data.parent, monkeypatch, capsys)
    assert (status, printed) == (0, []), err


# ---- what the site computes from dates at the ends of the accepted years ----

@pytest.mark.parametrize(("milestone", "year", "today"), [
    ("01/01/1000", 1800, date(1000, 1, 1)),
    ("31/12/1000", 2200, date(2200, 12, 31)),
])
def test_dates_at_the_ends_of_the_data_years_compute_safely(mini_data: Path, milestone: str, year: int,
                                                           today) -> None:
    edit(MS, "date: 7/5/1954", f"date: {milestone}")(mini_data)
    edit(EV, "year: 2024\nn: 70\n", f"year: {year}\nfocus:\n  before: 366\n  after: 366\n")(mini_data)
    edit(PLAN, "when: Quý II năm 2024", "when: Sau lễ kỷ niệm 999 ngày (hoàn thành trước 31/12/2200)")(mini_data)
    edit(PLAN, "date: 30/5/2023", "date: chưa rõ")(mini_data)
    dataset, problems, _ = check_data(mini_data)
    assert not problems, [p.format() for p in problems.sorted()]
    views = make_site(dataset, today)
    for event in dataset.events.values():
        window = focus_window(event, dataset)
        assert window is not None and window.render()
        views.events.title(event), views.events.when(event).render()
    views.events.in_focus(), views.events.upcoming(), views.events.by_year()
    for task in dataset.tasks:
        assert views.tasks.deadline(task) is not None and views.tasks.when_text(task)
        assert views.tasks.state(task).code
    views.tasks.sorted(dataset.tasks), views.tasks.state_counts(dataset.tasks)
    for shown_year in {*views.events.years(), today.year}:
        assert timeline.layout_year(views, shown_year) is not None
    assert anniversaries_ahead.years_ahead(views) and generated_pages(views)


@pytest.mark.parametrize(("text", "anchor"), [
    ("Trước lễ kỷ niệm 999 ngày", date(1000, 1, 1)),
    ("Sau lễ kỷ niệm 999 ngày", date(2200, 12, 31)),
])
def test_relative_times_resolve_inside_the_calendar(text: str, anchor) -> None:
    resolved = dates.parse_fuzzy(text).resolve(anchor)
    assert resolved.kind == "day" and resolved.render()


def test_a_date_moved_past_the_calendar_is_held_at_its_end() -> None:
    assert dates.parse_fuzzy("Trước lễ kỷ niệm 5 ngày").resolve(date(1, 1, 2)).start == date.min
    assert dates.parse_fuzzy("Sau lễ kỷ niệm 5 ngày").resolve(date(9999, 12, 30)).start == date.max


# ---- sotay new ----

@pytest.mark.parametrize(("args", "message"), [
    (["--id", "../../x"], "sotay: lỗi: mã \"../../x\" không phải mã hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
                          "dấu gạch ngang, ví dụ \"x\""),
    (["--id", "/etc/x"], "sotay: lỗi: mã \"/etc/x\" không phải mã hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
                         "dấu gạch ngang, ví dụ \"etc-x\""),
    (["--id", "a" * 101], f"sotay: lỗi: mã \"{'a' * 79}…\" dài 101 ký tự, quá giới hạn 100 ký tự; hãy đặt mã ngắn hơn"),
    (["--issuer", "tinh-uy\nid: x"], "sotay: lỗi: mã cơ quan ban hành (--issuer) \"tinh-uy\\nid: x\" không phải mã hợp "
                                     "lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ "
                                     "\"tinh-uy-id-x\""),
])
def test_new_refuses_an_id_that_is_not_a_slug(mini_data: Path, monkeypatch, capsys, args: list[str],
                                             message: str) -> None:
    monkeypatch.chdir(mini_data.parent)
    before = sorted(p for p in mini_data.parent.rglob("*"))
    assert main(["new", "plan", "Kế hoạch thử", *args]) == 1
    assert capsys.readouterr().err.strip() == message
    assert sorted(p for p in mini_data.parent.rglob("*")) == before


def test_new_cuts_an_id_made_from_a_long_title(mini_data: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(mini_data.parent)
    title = "Kỷ niệm " + " ".join(["ngày lịch sử"] * 30)
    assert main(["new", "event", title]) == 0
    made = next((mini_data / "events").glob("ky-niem-ngay*.yml"))
    assert len(made.stem) <= 100 and not made.stem.endswith("-")


# ---- sotay build never leaves a half-written site ----

def old_site(target: Path) -> None:
    target.mkdir()
    (target / "index.html").write_text("bản cũ", encoding="utf-8")


def test_a_failed_build_keeps_the_old_site_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)

    def failing(folder: Path) -> bool:
        folder.mkdir()
        (folder / "index.html").write_text("nửa chừng", encoding="utf-8")
        return False

    assert build_into(target, failing) is False
    assert (target / "index.html").read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_interrupted_build_keeps_the_old_site_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)

    def interrupted(folder: Path) -> bool:
        folder.mkdir()
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_into(target, interrupted)
    assert (target / "index.html").read_text(encoding="utf-8") == "bản cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_successful_build_replaces_the_site_and_cleans_a_killed_build(tmp_path: Path) -> None:
    target = tmp_path / "site"
    old_site(target)
    (tmp_path / ".site.building-999999999").mkdir()  # left by a build that was killed (no such process)
    seen: list[Path] = []

    def succeeding(folder: Path) -> bool:
        seen.append(folder)
        assert folder.parent == target.parent  # same file system: the swap is a rename
        folder.mkdir()
        (folder / "index.html").write_text("bản mới", encoding="utf-8")
        return True

    assert build_into(target, succeeding) is True
    assert (target / "index.html").read_text(encoding="utf-8") == "bản mới"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert build_into(tmp_path / "lan-dau", succeeding) is True  # no previous site
    assert (tmp_path / "lan-dau" / "index.html").is_file()


# ---- benchmarks: printed, not asserted ----

def hostile_files() -> list[tuple[str, str, Change]]:
    return [
        ("billion laughs 9×9", NEW, event_file(billion_laughs())),
        ("lists 5,000 deep", NEW, event_file("a: " + "[" * 5000 + "]" * 5000 + "\n")),
        ("mappings 5,000 deep", NEW, event_file("a: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")),
        ("outline 300 levels", "outlines/de-cuong-sau.yml", write("outlines/de-cuong-sau.yml", nested_outline(300))),
        ("integer of 100,000 digits", EV, edit(EV, "year: 2024", "year: " + "9" * 100_000)),
        ("5 MB file", NEW, event_file("a: \"" + "x" * 5_000_000 + "\"\n")),
        ("a list of 100,000 short values (over the value limit)", NEW,
         event_file("a: [" + ",".join(["x"] * 100_000) + "]\n")),
        ("a mapping of 100,000 keys with no value (1 byte a value)", NEW,
         event_file("a: {" + ",".join(["x"] * 100_000) + "}\n")),
        ("a list of 1,000 items and 1,000 aliases to it", NEW,
         event_file("a: &a [" + ",".join(["x"] * 1000) + "]\nb: [" + ",".join(["*a"] * 1000) + "]\n")),
    ]


@pytest.mark.benchmark
def test_benchmark_hostile_files(mini_data: Path, monkeypatch, capsys) -> None:
    lines = []
    for label, name, change in hostile_files():
        shutil.rmtree(mini_data)
        shutil.copytree(FIXTURES / "mini", mini_data)
        change(mini_data)
        monkeypatch.chdir(mini_data.parent)
        started = time.perf_counter()
        status = main(["check"])
        elapsed = time.perf_counter() - started
        printed = capsys.readouterr().out
        assert status == 1 and printed.startswith(f"data/{name}:"), printed[:300]
        tracemalloc.start()  # a second run for memory: tracing slows Python down several times
        main(["check"])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        capsys.readouterr()
        lines.append(f"[benchmark] sotay check of the small data set plus {label} "
                     f"({(mini_data / name).stat().st_size:,} bytes): {elapsed * 1000:.0f} ms, "
                     f"peak {peak / 1e6:.1f} MB allocated")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
        print(f"[benchmark] process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
