"""The readers of `sotay import` (macros/core/importer/reading.py): a .docx, .pdf, .txt or .md file read into lines
with their formatting, Word's numbering, table cells and pages; every other input refused with one exact Vietnamese
message, never a traceback.

Every input is made here: Word files with python-docx (numbering definitions written as raw XML into its numbering
part), PDFs either written by hand (a few text operators in Helvetica: fast, exact positions) or printed from HTML
by Debian's Chromium through Playwright (Vietnamese text as a browser prints it: tests marked `browser`), encrypted
PDFs with pypdf. The 200-page inputs print their reading time; only a generous bound is asserted.
"""

from __future__ import annotations

import io
import os
import random
import subprocess
import sys
import time
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml

from macros.core.importer.reading import read_file
from macros.core.importer.source import ImportProblem, Line, SourceText

from .sites import ROOT, in_own_thread

CHROMIUM = Path("/usr/bin/chromium")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# ---------------------------------------------------------------------------------------------------------------
# Making inputs
# ---------------------------------------------------------------------------------------------------------------

def texts(source: SourceText, n: int | None = None) -> list[str]:
    return [line.text for line in source.lines[:n]]


def add_numbering(document, abstract_id: int, levels: list[tuple[str, str, int]], nums: dict[int, dict[int, int]]
                  ) -> None:
    """A list definition (abstractNum) with levels (numFmt, lvlText, start), and its numIds, each with its
    startOverride values by level."""
    part = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text, start) in enumerate(levels))
    abstract = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    # abstractNum elements come before num elements in numbering.xml
    first_num = part.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    if first_num is None:
        part.append(abstract)
    else:
        first_num.addprevious(abstract)
    for num_id, starts in nums.items():
        overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                            for lvl, start in starts.items())
        part.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                              f'{overrides}</w:num>'))


def numbered(document, text: str, num_id: int, level: int = 0):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/>'
                                           f'<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def header_table(document, state: bool = False, borders: bool = False) -> None:
    """The two-column header block of an official document, as a table without borders (as offices make it)."""
    table = document.add_table(rows=2, cols=2)
    if borders:
        table.style = "Table Grid"
    left, right = table.cell(0, 0), table.cell(0, 1)
    if state:
        left.paragraphs[0].add_run("ỦY BAN NHÂN DÂN").bold = True
        left.add_paragraph().add_run("TỈNH LAI CHÂU").bold = True
        right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
        right.add_paragraph().add_run("Độc lập - Tự do - Hạnh phúc").bold = True
        number = "Số: 125/KH-UBND"
    else:
        left.paragraphs[0].add_run("ĐẢNG BỘ TỈNH LAI CHÂU")
        left.add_paragraph().add_run("BAN TUYÊN GIÁO").bold = True
        left.add_paragraph("*")
        right.paragraphs[0].add_run("ĐẢNG CỘNG SẢN VIỆT NAM").bold = True
        number = "Số 171-KH/BTGTU"
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table.cell(1, 0).paragraphs[0].add_run(number)
    date = table.cell(1, 1).paragraphs[0]
    date.add_run("Lai Châu, ngày 15 tháng 6 năm 2023").italic = True
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def title(document, kind: str, subject: str) -> None:
    for text in (kind, subject):
        p = document.add_paragraph()
        p.add_run(text).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def plan_docx(path: Path) -> Path:
    """A small district plan as offices write it: header table, bold headings, Word numbering, a task table."""
    d = docx.Document()
    header_table(d)
    title(d, "KẾ HOẠCH", "tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ")
    d.add_paragraph("Thực hiện Hướng dẫn số 87-HD/BTGTW, ngày 15/3/2023 của Ban Tuyên giáo Trung ương, Ban Tuyên "
                    "giáo Tỉnh ủy xây dựng kế hoạch như sau:")
    add_numbering(d, 90, [("upperRoman", "%1.", 1), ("decimal", "%2.", 1), ("lowerLetter", "%3)", 1),
                          ("bullet", "-", 1)], {90: {}})
    numbered(d, "MỤC ĐÍCH, YÊU CẦU", 90, 0).runs[0].bold = True
    numbered(d, "Mục đích", 90, 1).runs[0].bold = True
    numbered(d, "Tuyên truyền sâu rộng ý nghĩa lịch sử của Chiến thắng.", 90, 3)
    numbered(d, "Yêu cầu", 90, 1).runs[0].bold = True
    numbered(d, "Thiết thực, hiệu quả.", 90, 2)
    numbered(d, "Tiết kiệm.", 90, 2)
    numbered(d, "NỘI DUNG", 90, 0).runs[0].bold = True
    d.add_heading("Phụ lục: phân công nhiệm vụ", level=2)
    tasks = d.add_table(rows=3, cols=4)
    tasks.style = "Table Grid"
    for r, row in enumerate([("TT", "Nội dung", "Chủ trì", "Thời gian"),
                             ("1", "Tổ chức hội thảo khoa học", "Ban Tuyên giáo Tỉnh ủy", "Tháng 4/2024"),
                             ("2", "Treo cờ, băng rôn", "UBND các huyện", "Tháng 5/2024")]):
        for c, text in enumerate(row):
            run = tasks.cell(r, c).paragraphs[0].add_run(text)
            run.bold = r == 0
    d.add_paragraph("Nơi nhận:").runs[0].bold = True
    return save(d, path)


def header_only_docx(path: Path) -> Path:
    d = docx.Document()
    header_table(d, state=True)
    return save(d, path)


def borderless_table_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Phân công:")
    table = d.add_table(rows=2, cols=3)  # python-docx's default table style has no borders
    for r, row in enumerate([("Đơn vị", "Nhiệm vụ", "Thời hạn"), ("Ban Tuyên giáo", "Chủ trì", "Tháng 5")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).add_paragraph("Phối hợp với Đoàn Thanh niên")
    d.add_paragraph("Hết.")
    return save(d, path)


def duplicate_numbering_docx(path: Path) -> Path:
    """Two numIds of one list: the second restarts at 1 (startOverride, how Word saves "Restart at 1"), a third
    without override goes on counting, a fourth jumps to 5, and a paragraph at level 2 skips level 1."""
    d = docx.Document()
    add_numbering(d, 91, [("decimal", "%1.", 1), ("decimal", "%1.%2.", 1), ("lowerLetter", "%3)", 1)],
                  {201: {}, 202: {0: 1}, 203: {}, 204: {0: 5}})
    for text, num in (("Một", 201), ("Hai", 201), ("Một lần nữa", 202), ("Hai lần nữa", 202), ("Tiếp", 203),
                      ("Nhảy", 204)):
        numbered(d, text, num)
    numbered(d, "Mục con", 204, 1)
    numbered(d, "Bỏ qua một cấp", 204, 2)
    numbered(d, "", 204, 1)  # an empty numbered paragraph is dropped, but Word counts it
    numbered(d, "Sau đoạn trống", 204, 1)
    return save(d, path)


def tracked_changes_docx(path: Path) -> Path:
    d = docx.Document()
    p = d.add_paragraph("Tổ chức ")
    p._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="A"><w:r><w:delText>hội nghị</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="A"><w:r><w:t>hội thảo</w:t></w:r></w:ins>'))
    return save(d, path)


def legacy_font_docx(path: Path) -> Path:
    d = docx.Document()
    for text in ("Ban Tuyªn gi¸o TØnh ñy", "Thùc hiÖn H­íng dÉn sè 87-HD/BTGTW"):
        run = d.add_paragraph().add_run(text)
        run.font.name = ".VnTime"
    return save(d, path)


def big_docx(path: Path, pages: int = 200) -> Path:
    """About 200 pages: per page a numbered bold heading, ten long paragraphs and a three-by-three table."""
    d = docx.Document()
    add_numbering(d, 92, [("upperRoman", "%1.", 1)], {300: {}})
    body = ("Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến thắng Điện Biên Phủ; khẳng định sự "
            "lãnh đạo đúng đắn, sáng suốt của Đảng, Chủ tịch Hồ Chí Minh. ") * 2
    for page in range(pages):
        numbered(d, f"PHẦN {page + 1}", 300).runs[0].bold = True
        for _ in range(10):
            d.add_paragraph(body)
        table = d.add_table(rows=3, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = "Ban Tuyên giáo Tỉnh ủy"
    return save(d, path)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese software wrote them: a base letter (with its circumflex, breve or horn when
    the code page has it) followed by a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            rest = "".join(m for m in marks if m != mark)
            try:
                out += composed.encode("cp1258") + rest.encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


# A PDF written by hand: each page a list of ("text", x, y, text[, font, size]), ("rect", x, y, w, h) filled, or
# ("image", x, y, w, h). Fonts F1 Helvetica, F2 Helvetica-Bold, F3 Helvetica-Oblique (WinAnsi: Latin-1 text).
def raw_pdf(pages: list[list[tuple]], width: int = 595, height: int = 842) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    fonts = {name: add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>".encode())
             for name, base in (("F1", "Helvetica"), ("F2", "Helvetica-Bold"), ("F3", "Helvetica-Oblique"))}
    image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    tree = add(b"")
    kids = []
    for items in pages:
        ops = []
        for item in items:
            if item[0] == "text":
                _, x, y, text, *rest = item
                font, size = (rest[0] if rest else "F1"), (rest[1] if len(rest) > 1 else 11)
                escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                ops.append(f"BT /{font} {size} Tf {x} {y} Td (".encode() + escaped + b") Tj ET")
            elif item[0] == "rect":
                ops.append("{} {} {} {} re f".format(*item[1:]).encode())
            elif item[0] == "image":
                _, x, y, w, h = item
                ops.append(f"q {w} 0 0 {h} {x} {y} cm /Im1 Do Q".encode())
        content = b"\n".join(ops)
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        font_refs = " ".join(f"/{name} {ref} 0 R" for name, ref in fonts.items())
        kids.append(add(f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {width} {height}] /Resources "
                        f"<< /Font << {font_refs} >> /XObject << /Im1 {image} 0 R >> >> /Contents {stream} 0 R >>"
                        .encode()))
    objects[tree - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
                         .encode())
    catalog = add(f"<< /Type /Catalog /Pages {tree} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


def text_pdf(lines: list[str], top: int = 780, x: int = 85, step: int = 16) -> bytes:
    return raw_pdf([[("text", x, top - i * step, text) for i, text in enumerate(lines)]])


def header_pdf() -> bytes:
    """An official header block by hand: left column (issuer, "*", number) and right column (motto, date) on
    shared baselines, then a centred title and the body; page 2 starts with its page number, centred."""
    page1 = [
        ("text", 110, 790, "DANG BO TINH LAI CHAU"), ("text", 330, 790, "DANG CONG SAN VIET NAM", "F2", 11),
        ("text", 130, 775, "BAN TUYEN GIAO", "F2", 11),
        ("text", 168, 760, "*"),
        ("text", 120, 745, "So 171-KH/BTGTU"), ("text", 335, 745, "Lai Chau, ngay 15 thang 6 nam 2023", "F3", 11),
        ("text", 265, 715, "KE HOACH", "F2", 13),
        ("text", 85, 690, "Thuc hien Huong dan so 87-HD/BTGTW cua Ban Tuyen giao Trung uong ve tuyen truy-"),
        ("text", 85, 675, "en ky niem cac ngay le lon; so 171-KH/BTGTU giu nguyen dau gach noi."),
        ("text", 85, 660, "- Muc mot cua danh sach"),
        ("text", 85, 645, "Dong cuoi trang mot ket thuc bang Mac-"),
    ]
    page2 = [("text", 294, 810, "2"), ("text", 85, 780, "Lenin, chu hoa: khong noi."),
             ("text", 85, 765, "Noi dung trang hai."), ("text", 290, 40, "- 2 -")]
    return raw_pdf([page1, page2])


def ruled_table_pdf() -> bytes:
    """A task table drawn with thin filled rectangles (as Chromium and Word print borders), two rows of which one
    cell wraps onto two lines, continued on page 2 with the same columns under a repeated header row; "12" sits
    so close to the next cell that only the border between them separates the two."""
    def grid(top: float, rows: list[list[str]], height: float = 40) -> list[tuple]:
        xs = [85, 100, 330, 460, 540]
        items: list[tuple] = []
        for r, row in enumerate(rows):
            y_top = top - r * height
            items.append(("rect", xs[0], y_top, xs[-1] - xs[0], 0.7))
            for c, text in enumerate(row):
                for k, part in enumerate(text.split("|")):
                    items.append(("text", xs[c] + 4, y_top - 14 - k * 13, part))
        bottom = top - len(rows) * height
        items.append(("rect", xs[0], bottom, xs[-1] - xs[0], 0.7))
        items.extend(("rect", x, bottom, 0.7, top - bottom) for x in xs)
        return items

    heading = ["TT", "Noi dung", "Chu tri", "Thoi han"]
    page1 = [("text", 85, 790, "Phan cong nhiem vu:")] + grid(770, [
        heading, ["12", "To chuc hoi thao|khoa hoc", "Ban Tuyen giao", "Thang 4"]])
    # page 2 repeats the header row (Word's "Repeat as header row at the top of each page")
    page2 = grid(800, [heading, ["2", "Treo co", "UBND huyen", "Thang 5"]]) + [
        ("text", 85, 650, "Noi nhan:")]
    return raw_pdf([page1, page2])


def encrypted_pdf(user: str, algorithm: str, restrict: bool = False) -> bytes:
    from pypdf import PdfWriter
    from pypdf.constants import UserAccessPermissions
    writer = PdfWriter(clone_from=io.BytesIO(text_pdf(["Noi dung mat"])))
    if restrict:
        writer.encrypt(user, "chu-so-huu", permissions_flag=UserAccessPermissions.PRINT, algorithm=algorithm)
    else:
        writer.encrypt(user, "chu-so-huu", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# The robustness table: damaged or unusual inputs, each with its exact message or its exact first lines
# ---------------------------------------------------------------------------------------------------------------

ACCEPTED = ".docx, .pdf, .txt hoặc .md"
EMPTY = "tệp không có chữ nào: hãy kiểm tra lại đã chọn đúng tệp và nội dung văn bản đã được lưu vào tệp"
DOC = "tệp .doc (Word 97-2003) không đọc được; hãy mở bằng Word hoặc LibreOffice và lưu thành .docx rồi nhập lại"
DOCX_BROKEN = ("tệp .docx bị hỏng hoặc không phải tệp Word thật (có thể chỉ được đổi tên thành .docx): hãy mở bằng "
               "Word hoặc LibreOffice, lưu lại thành .docx rồi nhập lại")
PDF_SCANNED = ("tệp PDF không có lớp chữ (có lẽ là bản scan hoặc ảnh chụp): hãy nhận dạng chữ (OCR) trước, ví dụ "
               "bằng VnDocr hoặc ABBYY FineReader, rồi nhập tệp đã nhận dạng; hoặc nhập tệp Word (.docx) của văn "
               "bản nếu có")
PDF_PASSWORD = ("tệp PDF có đặt mật khẩu: hãy mở bằng trình xem PDF với mật khẩu, lưu (hoặc in ra PDF) một bản "
                "không đặt mật khẩu rồi nhập lại; hoặc nhập tệp Word (.docx) của văn bản")
PDF_BROKEN = ("tệp PDF bị hỏng (không đọc được cấu trúc tệp): hãy tải hoặc chép lại tệp, hoặc mở bằng trình xem PDF "
              "và in ra một tệp PDF mới rồi nhập lại; hoặc nhập tệp Word (.docx) của văn bản")


def _write(name: str, data: bytes | str | Callable[[], bytes], encoding: str = "utf-8") -> Callable[[Path], Path]:
    """A maker of the file `name` holding `data` (made when the test runs if it is a function)."""
    def make(where: Path) -> Path:
        path = where / name
        content = data() if callable(data) else data
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path
    return make


def _made(name: str, build: Callable[[Path], Path]) -> Callable[[Path], Path]:
    return lambda where: build(where / name)


def _truncated_docx(where: Path) -> Path:
    whole = plan_docx(where / "whole.docx").read_bytes()
    path = where / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _broken_xml_docx(where: Path) -> Path:
    """A real Word package whose main XML part is cut in the middle."""
    whole = plan_docx(where / "whole.docx")
    path = where / "xml-hong.docx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    return path


def _odt_named_docx(where: Path) -> Path:
    path = where / "la-odt.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return path


def _empty_docx(where: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("")
    d.add_paragraph("   \t ")
    return save(d, where / "empty.docx")


def _directory(where: Path) -> Path:
    path = where / "folder.docx"
    path.mkdir()
    return path


def _too_big(where: Path) -> Path:
    path = where / "huge.txt"
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: nothing is written
    return path


def _big(where: Path) -> Path:
    return big_docx(where / "big.docx")


def _folder_missing(where: Path) -> Path:
    return where / "không-có" / "kế-hoạch.docx"


HEADER_LINES = ["DANG BO TINH LAI CHAU", "BAN TUYEN GIAO", "*", "So 171-KH/BTGTU", "DANG CONG SAN VIET NAM",
                "Lai Chau, ngay 15 thang 6 nam 2023", "KE HOACH"]
VIETNAMESE = ["KẾ HOẠCH", "Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ"]

# (id, make(tmp_path) -> path, the exact message, or the exact first lines)
ROBUSTNESS: list[tuple[str, Callable[[Path], Path], str | list[str]]] = [
    ("doc-word-97", _write("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), DOC),
    ("empty-file", _write("trong.txt", b""), EMPTY),
    ("empty-docx-0-bytes", _write("moi.docx", b""), EMPTY),
    ("docx-without-text", _empty_docx, EMPTY),
    ("docx-that-is-a-text-file", _write("doi-ten.docx", "KẾ HOẠCH\nTuyên truyền"), DOCX_BROKEN),
    ("docx-truncated-zip", _truncated_docx, DOCX_BROKEN),
    ("docx-with-broken-xml", _broken_xml_docx, DOCX_BROKEN),
    ("odt-renamed-docx", _odt_named_docx,
     "tệp có đuôi .docx nhưng nội dung là một tệp OpenDocument (.odt): hãy đổi đuôi tệp thành .odt rồi nhập lại"),
    ("doc-renamed-docx", _write("cu.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
     "tệp này thực ra là tệp .doc (Word 97-2003) được đổi tên thành .docx; hãy mở bằng Word hoặc LibreOffice và "
     "lưu thành .docx rồi nhập lại"),
    ("docx-with-password", _write("mat-khau.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                                  + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100),
     "tệp Word có đặt mật khẩu: hãy mở bằng Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật "
     "khẩu, xóa mật khẩu) và lưu một bản không có mật khẩu rồi nhập lại"),
    ("pdf-renamed-docx", _write("la-pdf.docx", text_pdf(["Noi dung"])),
     "tệp có đuôi .docx nhưng nội dung là một tệp PDF: hãy đổi đuôi tệp thành .pdf rồi nhập lại"),
    ("scanned-pdf", _write("scan.pdf", raw_pdf([[("image", 0, 0, 595, 842)], [("image", 0, 0, 595, 842)]])),
     PDF_SCANNED),
    ("encrypted-pdf-rc4", _write("mat-khau.pdf", lambda: encrypted_pdf("matkhau", "RC4-128")), PDF_PASSWORD),
    ("encrypted-pdf-aes256", _write("mat-khau-aes.pdf", lambda: encrypted_pdf("matkhau", "AES-256")), PDF_PASSWORD),
    ("pdf-copy-restricted-no-password", _write("han-che.pdf", lambda: encrypted_pdf("", "AES-128", restrict=True)),
     ["Noi dung mat"]),
    ("broken-pdf-bytes", _write("hong.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catal" + b"\x00\xff" * 200), PDF_BROKEN),
    ("truncated-pdf", _write("cut.pdf", lambda: header_pdf()[:400]), PDF_BROKEN),
    ("nfd-text", _write("nfd.txt", unicodedata.normalize("NFD", "\n".join(VIETNAMESE))), VIETNAMESE),
    ("windows-1258-text", _write("cp1258.txt", to_cp1258("\r\n".join(VIETNAMESE))), VIETNAMESE),
    ("utf-16-with-bom", _write("utf16.txt", "\n".join(VIETNAMESE), "utf-16"), VIETNAMESE),
    ("utf-8-with-bom", _write("bom.md", "\n".join(VIETNAMESE), "utf-8-sig"), VIETNAMESE),
    ("crlf-and-cr", _write("crlf.txt", "KẾ HOẠCH\r\n\r\nTuyên truyền\rdòng ba\r\n"),
     ["KẾ HOẠCH", "Tuyên truyền", "dòng ba"]),
    ("tabs-nbsp-zero-width", _write("spaces.txt", "\tSố\u00a0171-KH/BTGTU \u200b\n  Lai\u00a0Châu,\t\tngày  15\n"),
     ["Số 171-KH/BTGTU", "Lai Châu, ngày 15"]),
    ("legacy-tcvn3-text", _write("tcvn3.txt", "Ban Tuyªn gi¸o TØnh ñy\nThùc hiÖn H­íng dÉn sè 87\n"),
     "tệp dùng bảng mã tiếng Việt cũ (TCVN3/ABC hoặc VNI), chữ đọc ra sẽ sai (ví dụ «Ban Tuyªn gi¸o TØnh ñy»): hãy "
     "chuyển sang Unicode, ví dụ bằng Unikey (Công cụ chuyển mã), lưu lại rồi nhập lại"),
    ("legacy-font-docx", _made("vntime.docx", legacy_font_docx),
     "tệp dùng bảng mã tiếng Việt cũ (TCVN3/ABC hoặc VNI), chữ đọc ra sẽ sai (ví dụ «Ban Tuyªn gi¸o TØnh ñy»): hãy "
     "chuyển sang Unicode, ví dụ bằng Unikey (Công cụ chuyển mã), lưu lại rồi nhập lại"),
    ("undecodable-text", _write("lạ.txt", b"Noi dung \x81\x8d\x90 khong doc duoc \xc3"),
     "không nhận ra bảng mã của tệp văn bản (không phải UTF-8, UTF-16 hay Windows-1258): hãy mở bằng Notepad và "
     "lưu lại với bảng mã UTF-8 rồi nhập lại"),
    ("damaged-utf-8-text", _write("hong-utf8.txt", "KẾ HOẠCH\nTuyên truyền".encode().replace(b"\xc3", b"\xff")),
     ["KẾ HOẠCH", "Tuy\ufffd\ufffdn truyền"]),
    ("binary-text", _write("nhi-phan.txt", b"KE HOACH\x00\x00\x01\x02"),
     "tệp không phải văn bản thuần (có ký tự nhị phân): hãy mở bằng Notepad và lưu lại với bảng mã UTF-8, hoặc "
     "nhập tệp gốc (.docx, .pdf)"),
    ("pdf-named-txt", _write("la-pdf.txt", text_pdf(["Noi dung"])),
     "tệp có đuôi .txt nhưng nội dung là một tệp PDF: hãy đổi đuôi tệp thành .pdf rồi nhập lại"),
    ("hyphenated-pdf-line-ends", _write("gach-noi.pdf", header_pdf), HEADER_LINES + [
        "Thuc hien Huong dan so 87-HD/BTGTW cua Ban Tuyen giao Trung uong ve tuyen truyen ky niem cac ngay le lon; "
        "so 171-KH/BTGTU giu nguyen dau gach noi.",
        "- Muc mot cua danh sach", "Dong cuoi trang mot ket thuc bang Mac-", "Lenin, chu hoa: khong noi.",
        "Noi dung trang hai."]),
    ("ruled-table-pdf-over-two-pages", _write("bang.pdf", ruled_table_pdf),
     ["Phan cong nhiem vu:", "TT", "Noi dung", "Chu tri", "Thoi han", "12", "To chuc hoi thao", "khoa hoc",
      "Ban Tuyen giao", "Thang 4", "2", "Treo co", "UBND huyen", "Thang 5", "Noi nhan:"]),
    ("table-without-borders", _made("bang.docx", borderless_table_docx),
     ["Phân công:", "Đơn vị", "Nhiệm vụ", "Thời hạn", "Ban Tuyên giáo", "Chủ trì", "Phối hợp với Đoàn Thanh niên",
      "Tháng 5", "Hết."]),
    ("duplicate-and-jumping-numbering", _made("so.docx", duplicate_numbering_docx),
     ["1. Một", "2. Hai", "1. Một lần nữa", "2. Hai lần nữa", "3. Tiếp", "5. Nhảy", "5.1. Mục con",
      "a) Bỏ qua một cấp", "5.3. Sau đoạn trống"]),
    ("header-only", _made("dau.docx", header_only_docx),
     ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 125/KH-UBND", "Lai Châu, ngày 15 tháng 6 năm 2023"]),
    ("no-header-markdown", _write("than.md", "## I. MỤC ĐÍCH\n\n- Tuyên truyền\n- Giáo dục\n"),
     ["I. MỤC ĐÍCH", "- Tuyên truyền", "- Giáo dục"]),
    ("tracked-changes", _made("sua.docx", tracked_changes_docx), ["Tổ chức hội thảo"]),
    ("200-page-docx", _big, ["I. PHẦN 1"]),
    ("directory", _directory, "{path} là một thư mục, không phải một tệp: hãy chỉ ra một tệp " + ACCEPTED),
    ("missing-file", _folder_missing,
     "không tìm thấy tệp {path}: hãy kiểm tra lại tên và đường dẫn của tệp"),
    ("odt", _write("ke-hoach.odt", b"PK\x03\x04"),
     "không nhập được tệp .odt: lệnh nhập chỉ đọc tệp .docx, .pdf, .txt hoặc .md; hãy mở bằng Word hoặc LibreOffice "
     "và lưu thành .docx (hoặc in ra PDF) rồi nhập lại"),
    ("rtf", _write("ke-hoach.rtf", "{\\rtf1 KE HOACH}"),
     "không nhập được tệp .rtf: lệnh nhập chỉ đọc tệp .docx, .pdf, .txt hoặc .md; hãy mở bằng Word hoặc LibreOffice "
     "và lưu thành .docx (hoặc in ra PDF) rồi nhập lại"),
    ("image", _write("anh-chup.JPG", b"\xff\xd8\xff\xe0"),
     "tệp ảnh (.jpg) không có chữ để đọc: hãy nhận dạng chữ (OCR) trước, ví dụ bằng VnDocr hoặc ABBYY FineReader, "
     "và lưu thành .docx; lệnh nhập chỉ đọc tệp .docx, .pdf, .txt hoặc .md"),
    ("no-extension", _write("ke-hoach", "KẾ HOẠCH"),
     "không nhập được tệp không có phần mở rộng: lệnh nhập chỉ đọc tệp .docx, .pdf, .txt hoặc .md; hãy mở bằng "
     "Word hoặc LibreOffice và lưu thành .docx (hoặc in ra PDF) rồi nhập lại"),
    ("over-50-mb", _too_big,
     "tệp nặng 51,0 MB, vượt giới hạn 50 MB của lệnh nhập: hãy lưu một bản nhẹ hơn (bỏ hoặc nén ảnh, chỉ giữ phần "
     "văn bản cần nhập) rồi nhập lại"),
]


def printed(line: Line) -> str:
    """A line as it prints: Word's number label before the text."""
    return f"{line.label} {line.text}" if line.label else line.text


@pytest.mark.parametrize("case, make, expected", ROBUSTNESS, ids=[case for case, _, _ in ROBUSTNESS])
def test_robustness(tmp_path: Path, case: str, make: Callable[[Path], Path], expected: str | list[str]) -> None:
    path = make(tmp_path)
    started = time.perf_counter()
    try:
        source = read_file(path)
    except ImportProblem as problem:
        assert isinstance(expected, str), f"{case}: expected lines, got the message {problem}"
        assert str(problem) == expected.format(path=path)
        return
    seconds = time.perf_counter() - started
    assert isinstance(expected, list), f"{case}: expected «{expected}», got lines {texts(source, 5)}"
    assert [printed(line) for line in source.lines[:len(expected)]] == expected
    assert [line.number for line in source.lines] == list(range(1, len(source.lines) + 1))
    assert all(line.text == " ".join(unicodedata.normalize("NFC", line.text).split()) for line in source.lines)
    if case == "200-page-docx":
        print(f"\n200-page docx: {len(source.lines)} lines read in {seconds:.3f} s")
        assert len(source.lines) == 200 * 20
        assert seconds < 5, "far over the 1 s this should take"


def test_the_robustness_table_is_complete() -> None:
    """At least 20 inputs, covering the ones the task names."""
    cases = {case for case, _, _ in ROBUSTNESS}
    assert len(cases) == len(ROBUSTNESS) >= 20
    for needed in ("doc-word-97", "empty-file", "docx-that-is-a-text-file", "docx-truncated-zip", "scanned-pdf",
                   "encrypted-pdf-rc4", "broken-pdf-bytes", "nfd-text", "windows-1258-text", "utf-16-with-bom",
                   "utf-8-with-bom", "crlf-and-cr", "tabs-nbsp-zero-width", "hyphenated-pdf-line-ends",
                   "table-without-borders", "duplicate-and-jumping-numbering", "header-only", "no-header-markdown",
                   "200-page-docx", "directory", "missing-file", "odt"):
        assert needed in cases


@pytest.mark.parametrize("kind", ["docx", "pdf", "md"])
def test_damaged_copies_give_lines_or_a_message_never_a_traceback(tmp_path: Path, kind: str) -> None:
    """Forty copies of a good file, each with a few bytes overwritten at random (seeded) places."""
    good = {"docx": lambda: plan_docx(tmp_path / "good.docx").read_bytes(), "pdf": header_pdf,
            "md": lambda: "\n".join(["## I. MỤC ĐÍCH", "**Đậm**", "| a | b |", "|---|---|", "| 1 | 2 |"] * 20)
            .encode("utf-8")}[kind]()
    rng = random.Random(13)
    outcomes = {"lines": 0, "message": 0}
    for i in range(40):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            data[at:at + 4] = bytes(rng.randrange(256) for _ in range(4))[: len(data) - at]
        path = tmp_path / f"hong-{i}.{kind}"
        path.write_bytes(bytes(data))
        try:
            source = read_file(path)
        except ImportProblem as problem:
            assert str(problem) and "Traceback" not in str(problem)
            outcomes["message"] += 1
        else:
            assert all(line.text for line in source.lines)
            outcomes["lines"] += 1
    print(f"\n{kind}: {outcomes}")


def test_an_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "khoa.txt"
    path.write_text("KẾ HOẠCH", encoding="utf-8")
    path.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Root reads every file whatever its mode (CI runs as root): refuse the open as the system would.
        real_open = Path.open

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)
        monkeypatch.setattr(Path, "open", refuse)
    try:
        with pytest.raises(ImportProblem) as problem:
            read_file(path)
    finally:
        path.chmod(0o644)
    assert str(problem.value) == (f"không mở được tệp {path} (không có quyền đọc): hãy kiểm tra quyền đọc tệp, hoặc "
                                  f"chép tệp vào một thư mục của mình rồi nhập lại")


# ---------------------------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------------------------

def test_a_word_plan_reads_in_document_order_with_formatting_numbering_and_cells(tmp_path: Path) -> None:
    source = read_file(plan_docx(tmp_path / "ke-hoach.docx"))
    assert (source.format, source.path, source.notes) == ("docx", str(tmp_path / "ke-hoach.docx"), [])
    got = [(line.text, line.bold, line.italic, line.label, line.level, line.table, line.row, line.cell, line.align)
           for line in source.lines]
    assert got == [
        ("ĐẢNG BỘ TỈNH LAI CHÂU", False, False, None, None, 0, 0, 0, "center"),
        ("BAN TUYÊN GIÁO", True, False, None, None, 0, 0, 0, "center"),
        ("*", False, False, None, None, 0, 0, 0, "center"),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", True, False, None, None, 0, 0, 1, "center"),
        ("Số 171-KH/BTGTU", False, False, None, None, 0, 1, 0, None),
        ("Lai Châu, ngày 15 tháng 6 năm 2023", False, True, None, None, 0, 1, 1, "right"),
        ("KẾ HOẠCH", True, False, None, None, None, None, None, "center"),
        ("tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", True, False, None, None, None, None, None,
         "center"),
        ("Thực hiện Hướng dẫn số 87-HD/BTGTW, ngày 15/3/2023 của Ban Tuyên giáo Trung ương, Ban Tuyên giáo Tỉnh ủy "
         "xây dựng kế hoạch như sau:", False, False, None, None, None, None, None, None),
        ("MỤC ĐÍCH, YÊU CẦU", True, False, "I.", 0, None, None, None, None),
        ("Mục đích", True, False, "1.", 1, None, None, None, None),
        ("Tuyên truyền sâu rộng ý nghĩa lịch sử của Chiến thắng.", False, False, "-", 3, None, None, None, None),
        ("Yêu cầu", True, False, "2.", 1, None, None, None, None),
        ("Thiết thực, hiệu quả.", False, False, "a)", 2, None, None, None, None),
        ("Tiết kiệm.", False, False, "b)", 2, None, None, None, None),
        ("NỘI DUNG", True, False, "II.", 0, None, None, None, None),
        ("Phụ lục: phân công nhiệm vụ", True, False, None, None, None, None, None, None),  # a Heading style
        ("TT", True, False, None, None, 1, 0, 0, None),
        ("Nội dung", True, False, None, None, 1, 0, 1, None),
        ("Chủ trì", True, False, None, None, 1, 0, 2, None),
        ("Thời gian", True, False, None, None, 1, 0, 3, None),
        ("1", False, False, None, None, 1, 1, 0, None),
        ("Tổ chức hội thảo khoa học", False, False, None, None, 1, 1, 1, None),
        ("Ban Tuyên giáo Tỉnh ủy", False, False, None, None, 1, 1, 2, None),
        ("Tháng 4/2024", False, False, None, None, 1, 1, 3, None),
        ("2", False, False, None, None, 1, 2, 0, None),
        ("Treo cờ, băng rôn", False, False, None, None, 1, 2, 1, None),
        ("UBND các huyện", False, False, None, None, 1, 2, 2, None),
        ("Tháng 5/2024", False, False, None, None, 1, 2, 3, None),
        ("Nơi nhận:", True, False, None, None, None, None, None, None),
    ]
    assert [line.number for line in source.lines] == list(range(1, 31))


def test_word_runs_breaks_styles_and_hidden_text(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Lai Châu,").italic = True
    p.add_run("  ")  # a space-only run does not count against italic
    p.add_run().add_break()  # a soft line break: joined with a space
    p.add_run("ngày 15 tháng 6").italic = True
    mixed = d.add_paragraph()
    mixed.add_run("Ban ")
    mixed.add_run("Tuyên giáo").bold = True
    caps = d.add_paragraph().add_run("kế hoạch")
    caps.font.all_caps = True
    caps.bold = True
    hidden = d.add_paragraph("Hiện ")
    hidden.add_run("ẩn").font.hidden = True
    d.add_paragraph("Tiêu đề tài liệu", style="Title")
    d.add_paragraph("Đầu mục cấp 1", style="Heading 1")
    strong = d.add_paragraph()
    strong.add_run("Không").bold = True
    strong.add_run("\u00a0in\u00a0đậm").bold = True
    plain_heading = d.add_paragraph(style="Heading 2")
    plain_heading.add_run("Đầu mục bỏ đậm").bold = False
    d.add_paragraph("Danh sách số", style="List Number")
    d.add_paragraph("Danh sách số tiếp", style="List Number")
    d.add_paragraph("Gạch đầu dòng", style="List Bullet")
    source = read_file(save(d, tmp_path / "runs.docx"))
    assert [(line.text, line.bold, line.italic, line.label) for line in source.lines] == [
        ("Lai Châu, ngày 15 tháng 6", False, True, None),
        ("Ban Tuyên giáo", False, False, None),
        ("KẾ HOẠCH", True, False, None),
        ("Hiện", False, False, None),
        ("Tiêu đề tài liệu", True, False, None),
        ("Đầu mục cấp 1", True, False, None),
        ("Không in đậm", True, False, None),
        ("Đầu mục bỏ đậm", False, False, None),
        ("Danh sách số", False, False, "1."),
        ("Danh sách số tiếp", False, False, "2."),
        ("Gạch đầu dòng", False, False, "•"),
    ]


def test_word_merged_cells_nested_tables_and_text_boxes(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Gộp hai cột"
    table.cell(0, 2).text = "Cột ba"
    table.cell(1, 0).text = "A"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Trong"
    inner.cell(0, 1).text = "Bảng con"
    table.cell(1, 2).text = "C"
    p = d.add_paragraph("Neo")
    p._p.append(parse_xml(
        f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:100pt;height:40pt">'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>Số 12/KH-UBND</w:t></w:r></w:p></w:txbxContent></v:textbox>'
        '</v:shape></w:pict></w:r>'))
    d.add_paragraph("Sau")
    source = read_file(save(d, tmp_path / "cells.docx"))
    assert [(line.text, line.table, line.row, line.cell) for line in source.lines] == [
        ("Gộp hai cột", 0, 0, 0), ("Cột ba", 0, 0, 2),
        ("A", 0, 1, 0), ("Trong", 0, 1, 1), ("Bảng con", 0, 1, 1), ("C", 0, 1, 2),
        ("Neo", None, None, None), ("Số 12/KH-UBND", None, None, None), ("Sau", None, None, None),
    ]
    assert source.notes == ["đã đọc chữ trong 1 khung văn bản (text box), đặt sau đoạn chứa nó"]


def test_word_numbering_formats_restarts_and_legal(tmp_path: Path) -> None:
    d = docx.Document()
    add_numbering(d, 93, [("upperLetter", "%1.", 1), ("decimal", "%1.%2.", 1), ("lowerRoman", "(%3)", 1),
                          ("decimalZero", "%4 -", 1), ("none", "", 1)], {400: {}})
    for text, level in (("A", 0), ("A1", 1), ("A1i", 2), ("A1ii", 2), ("A1ii01", 3), ("A2", 1), ("A2i", 2),
                        ("B", 0), ("B1", 1), ("không số", 4)):
        numbered(d, text, 400, level)
    p = numbered(d, "bỏ số", 0)  # numId 0 removes the numbering
    assert p.text == "bỏ số"
    source = read_file(save(d, tmp_path / "formats.docx"))
    assert [(line.label, line.text, line.level) for line in source.lines] == [
        ("A.", "A", 0), ("A.1.", "A1", 1), ("(i)", "A1i", 2), ("(ii)", "A1ii", 2), ("01 -", "A1ii01", 3),
        ("A.2.", "A2", 1), ("(i)", "A2i", 2), ("B.", "B", 0), ("B.1.", "B1", 1), (None, "không số", None),
        (None, "bỏ số", None)]


def test_the_200_page_word_file_is_streamed_within_bounds(tmp_path: Path) -> None:
    """Reading time and peak memory of the 200-page Word file, measured in a fresh process. Printed; asserted only
    against generous bounds."""
    path = big_docx(tmp_path / "big.docx")
    figures = _measure(path)
    print(f"\n200-page docx ({path.stat().st_size // 1024} KB): {figures['lines']} lines, {figures['seconds']:.3f} s, "
          f"peak memory +{figures['rss_mb']:.1f} MB, in use after +{figures['kept_mb']:.1f} MB")
    assert figures["lines"] == 4000
    assert figures["seconds"] < 5
    assert figures["rss_mb"] < 300 and figures["kept_mb"] < 300


_MEASURE = """
import sys, time
from pathlib import Path
from macros.core.importer.reading import read_file
import docx, pdfminer.converter, pdfminer.pdfinterp
status = Path("/proc/self/status")
def memory(field):  # in MB: VmRSS (resident now) or VmHWM (the peak)
    return int(next(l.split()[1] for l in status.read_text().splitlines() if l.startswith(field + ":"))) / 1024
before = memory("VmRSS")
Path("/proc/self/clear_refs").write_text("5")  # the peak starts again from here (Linux)
started = time.perf_counter()
source = read_file(Path(sys.argv[1]))
seconds = time.perf_counter() - started
print(len(source.lines), seconds, memory("VmHWM") - before, memory("VmRSS") - before)
"""


def _measure(path: Path) -> dict[str, float]:
    """Lines, seconds, and memory in a fresh process (lxml's memory is not seen by tracemalloc): the peak above
    what was in use before reading, and what is still in use after (the lines, and memory not handed back)."""
    if not Path("/proc/self/status").exists():
        pytest.skip("memory is measured through /proc (Linux)")
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True,
                          check=True, timeout=600)
    lines, seconds, peak, kept = done.stdout.split()
    return {"lines": int(lines), "seconds": float(seconds), "rss_mb": float(peak), "kept_mb": float(kept)}


# ---------------------------------------------------------------------------------------------------------------
# Text and Markdown
# ---------------------------------------------------------------------------------------------------------------

def test_markdown_headings_emphasis_lists_and_tables(tmp_path: Path) -> None:
    text = """# KẾ HOẠCH

**Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ**

*Lai Châu, ngày 15 tháng 6 năm 2023*

## I. MỤC ĐÍCH ##

1. Mục đích
- Tuyên truyền **sâu rộng** ý nghĩa lịch sử, xem [trang](https://example.org) và `mã`.
+ Cộng
* Sao
> Trích dẫn: 1\\. không phải danh sách

Yêu cầu
-------

***

| TT | Nội dung | Chủ trì |
|---:|:---|---|
| 1 | Tổ chức hội thảo | **Ban Tuyên giáo** |
| 2 | Treo cờ \\| băng rôn | UBND |

Đầu mục gạch dưới
=================
___Đậm nghiêng___
*
"""
    source = read_file(_write("ke-hoach.md", text)(tmp_path))
    assert source.format == "md"
    assert [(line.text, line.bold, line.italic, line.table, line.row, line.cell) for line in source.lines] == [
        ("KẾ HOẠCH", True, False, None, None, None),
        ("Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", True, False, None, None, None),
        ("Lai Châu, ngày 15 tháng 6 năm 2023", False, True, None, None, None),
        ("I. MỤC ĐÍCH", True, False, None, None, None),
        ("1. Mục đích", False, False, None, None, None),
        ("- Tuyên truyền sâu rộng ý nghĩa lịch sử, xem trang và mã.", False, False, None, None, None),
        ("+ Cộng", False, False, None, None, None),
        ("* Sao", False, False, None, None, None),
        ("Trích dẫn: 1. không phải danh sách", False, False, None, None, None),
        ("Yêu cầu", True, False, None, None, None),
        ("TT", False, False, 0, 0, 0), ("Nội dung", False, False, 0, 0, 1), ("Chủ trì", False, False, 0, 0, 2),
        ("1", False, False, 0, 1, 0), ("Tổ chức hội thảo", False, False, 0, 1, 1),
        ("Ban Tuyên giáo", True, False, 0, 1, 2),
        ("2", False, False, 0, 2, 0), ("Treo cờ | băng rôn", False, False, 0, 2, 1), ("UBND", False, False, 0, 2, 2),
        ("Đầu mục gạch dưới", True, False, None, None, None),
        ("Đậm nghiêng", True, True, None, None, None),
        ("*", False, False, None, None, None),
    ]


def test_text_keeps_every_line_as_written(tmp_path: Path) -> None:
    source = read_file(_write("ke-hoach.txt", "## không phải Markdown\n**giữ nguyên**\n- gạch\n")(tmp_path))
    assert (source.format, texts(source), source.notes) == ("txt", ["## không phải Markdown", "**giữ nguyên**",
                                                                    "- gạch"], [])
    assert not any(line.bold for line in source.lines)


def test_windows_1258_is_said_in_the_notes(tmp_path: Path) -> None:
    source = read_file(_write("cp1258.txt", to_cp1258("Đảng bộ tỉnh Lai Châu\nỦy ban nhân dân"))(tmp_path))
    assert texts(source) == ["Đảng bộ tỉnh Lai Châu", "Ủy ban nhân dân"]
    assert source.notes == ["đã đọc tệp theo bảng mã Windows-1258 (tệp không phải UTF-8)"]


def test_a_damaged_utf_8_file_is_read_with_its_damage_said(tmp_path: Path) -> None:
    data = "Đảng bộ tỉnh Lai Châu\nỦy ban nhân dân".encode().replace("ả".encode(), b"\xff")
    source = read_file(_write("hong.txt", data)(tmp_path))
    assert texts(source) == ["Đ\ufffdng bộ tỉnh Lai Châu", "Ủy ban nhân dân"]
    assert source.notes == ["tệp UTF-8 có 1 ký tự hỏng, đã thay bằng dấu �: hãy kiểm tra các dòng có dấu đó"]


def test_the_200_page_text_files_read_fast(tmp_path: Path) -> None:
    page = "Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến thắng Điện Biên Phủ.\n" * 40
    for name in ("big.txt", "big.md"):
        path = _write(name, "".join(f"## PHẦN {i}\n\n{page}\n" for i in range(200)))(tmp_path)
        started = time.perf_counter()
        source = read_file(path)
        seconds = time.perf_counter() - started
        print(f"\n200-page {path.suffix}: {len(source.lines)} lines in {seconds:.3f} s")
        assert len(source.lines) == 200 * 41
        assert seconds < 5


# ---------------------------------------------------------------------------------------------------------------
# PDF written by hand (fast)
# ---------------------------------------------------------------------------------------------------------------

def test_pdf_header_columns_page_numbers_hyphens_and_fonts(tmp_path: Path) -> None:
    source = read_file(_write("ke-hoach.pdf", header_pdf())(tmp_path))
    assert (source.format, source.pages) == ("pdf", 2)
    assert source.notes == ["đã nối 1 từ bị ngắt bằng dấu gạch nối cuối dòng", "đã bỏ 2 dòng chỉ có số trang"]
    got = [(line.text[:30], line.bold, line.italic, line.page, line.align) for line in source.lines]
    assert got == [
        ("DANG BO TINH LAI CHAU", False, False, 1, None),
        ("BAN TUYEN GIAO", True, False, 1, None),
        ("*", False, False, 1, None),
        ("So 171-KH/BTGTU", False, False, 1, None),
        ("DANG CONG SAN VIET NAM", True, False, 1, None),
        ("Lai Chau, ngay 15 thang 6 nam ", False, True, 1, None),
        ("KE HOACH", True, False, 1, "center"),
        ("Thuc hien Huong dan so 87-HD/B", False, False, 1, None),
        ("- Muc mot cua danh sach", False, False, 1, None),
        ("Dong cuoi trang mot ket thuc b", False, False, 1, None),
        ("Lenin, chu hoa: khong noi.", False, False, 2, None),
        ("Noi dung trang hai.", False, False, 2, None),
    ]


def test_pdf_ruled_table_cells_and_continuation(tmp_path: Path) -> None:
    source = read_file(_write("bang.pdf", ruled_table_pdf)(tmp_path))
    cells = [(line.text, line.table, line.row, line.cell, line.page) for line in source.lines]
    assert cells == [
        ("Phan cong nhiem vu:", None, None, None, 1),
        ("TT", 0, 0, 0, 1), ("Noi dung", 0, 0, 1, 1), ("Chu tri", 0, 0, 2, 1), ("Thoi han", 0, 0, 3, 1),
        ("12", 0, 1, 0, 1), ("To chuc hoi thao", 0, 1, 1, 1), ("khoa hoc", 0, 1, 1, 1),
        ("Ban Tuyen giao", 0, 1, 2, 1), ("Thang 4", 0, 1, 3, 1),
        ("2", 0, 2, 0, 2), ("Treo co", 0, 2, 1, 2), ("UBND huyen", 0, 2, 2, 2), ("Thang 5", 0, 2, 3, 2),
        ("Noi nhan:", None, None, None, 2),
    ]
    assert source.notes == ["1 bảng nối sang trang sau được đọc như một bảng (đã bỏ 1 dòng tiêu đề bảng lặp lại ở "
                            "đầu trang)"]


def test_pdf_pages_without_text_are_named(tmp_path: Path) -> None:
    pdf = raw_pdf([[("text", 85, 780, "Trang mot")], [("image", 0, 0, 595, 842)], [("text", 85, 780, "Trang ba")]])
    source = read_file(_write("mot-phan-scan.pdf", pdf)(tmp_path))
    assert texts(source) == ["Trang mot", "Trang ba"]
    assert [line.page for line in source.lines] == [1, 3]
    assert source.notes == ["trang 2 không có chữ (có thể là ảnh scan), đã bỏ qua: hãy đối chiếu với bản giấy"]


def test_hyphen_joins_only_a_letter_hyphen_at_the_end_before_lower_case(tmp_path: Path) -> None:
    pdf = text_pdf(["tuyen truy-", "en sau rong", "so 171-", "KH/BTGTU", "ngay 23-", "24/3/2023", "cap uy -",
                    "chinh quyen", "-", "muc", "bao cao Mac-", "Lenin"])
    source = read_file(_write("gach.pdf", pdf)(tmp_path))
    assert texts(source) == ["tuyen truyen sau rong", "so 171-", "KH/BTGTU", "ngay 23-", "24/3/2023", "cap uy -",
                             "chinh quyen", "-", "muc", "bao cao Mac-", "Lenin"]


# ---------------------------------------------------------------------------------------------------------------
# PDF printed by Chromium (Vietnamese text as a browser prints it)
# ---------------------------------------------------------------------------------------------------------------

PAGE_CSS = """
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
body { font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 14pt; }
table.header { width: 100%; border-collapse: collapse; font-size: 13pt; }
table.header td { text-align: center; vertical-align: top; }
p { text-align: justify; margin: 0 0 6pt 0; text-indent: 1cm; line-height: 1.3; }
p.title { text-align: center; text-indent: 0; }
table.tasks { width: 100%; border-collapse: collapse; }
table.tasks td, table.tasks th { border: 1px solid black; padding: 3pt; font-size: 12pt; vertical-align: top; }
table.plain td { padding: 2pt 12pt; }
"""

PARTY_HEADER = """<table class="header"><tr>
<td style="width:42%">ĐẢNG BỘ TỈNH LAI CHÂU<br><b>BAN TUYÊN GIÁO</b><br>*<br>Số 171-KH/BTGTU</td>
<td><b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b><br><br><br><i>Lai Châu, ngày 15 tháng 6 năm 2023</i></td></tr></table>"""

STATE_HEADER = """<table class="header"><tr>
<td style="width:38%"><b>ỦY BAN NHÂN DÂN<br>TỈNH LAI CHÂU</b></td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br><u>Độc lập - Tự do - Hạnh phúc</u></b></td></tr>
<tr><td>Số: 125/KH-UBND</td><td><i>Lai Châu, ngày 30 tháng 01 năm 2023</i></td></tr></table>"""

BODY = """<p class="title"><b>KẾ HOẠCH</b></p>
<p class="title"><b>Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ</b></p>
<p>Thực hiện Hướng dẫn số 87-HD/BTGTW, ngày 15/3/2023 của Ban Tuyên giáo Trung ương về tuyên truy-<br>ền kỷ
niệm các ngày lễ lớn, sự kiện lịch sử quan trọng trong năm 2024, Ban Tuyên giáo Tỉnh ủy xây dựng kế hoạch.</p>
<p><b>I. MỤC ĐÍCH, YÊU CẦU</b></p>
<p>- Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến thắng Điện Biên Phủ.</p>
<table class="plain"><tr><td>Đơn vị</td><td>Thời hạn</td></tr><tr><td>Ban Tuyên giáo</td><td>Tháng 5</td></tr></table>
<table class="tasks"><thead><tr><th>TT</th><th>Nội dung</th><th>Chủ trì</th><th>Thời gian</th></tr></thead><tbody>
{rows}</tbody></table>
<p><b>Nơi nhận:</b></p>"""


def _chromium_pdf(browser, html: str, path: Path, page_numbers: bool = True) -> Path:
    """The page printed by Chromium. `browser` only says Chromium is there (the fixture below): Playwright runs in a
    thread of its own, beside the browser tests' session browser."""
    from macros.outputs.pdf import launch_chromium

    def make() -> Path:
        with launch_chromium() as chromium:
            return _print(chromium, html, path, page_numbers)
    return in_own_thread(make)


def _print(browser, html: str, path: Path, page_numbers: bool) -> Path:
    page = browser.new_page()
    try:
        page.set_content(f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>{PAGE_CSS}</style>'
                         f'</head><body>{html}</body></html>')
        page.pdf(path=str(path), prefer_css_page_size=True, display_header_footer=page_numbers,
                 header_template='<div style="font-size:10pt;width:100%;text-align:center">'
                                 '<span class="pageNumber"></span></div>',
                 footer_template="<div></div>",
                 margin={"top": "20mm", "bottom": "20mm", "left": "30mm", "right": "15mm"})
    finally:
        page.close()
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser); skipped without it, failed under CI."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's package chromium (./setup.sh test does)"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "the Python package playwright is missing: pip install -e '.[test]' -c constraints.txt"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
        pytest.skip(reason)
    yield CHROMIUM


def _task_rows(n: int) -> str:
    return "".join(f"<tr><td>{i}</td><td>Tổ chức hoạt động tuyên truyền số {i} về Chiến thắng Điện Biên Phủ</td>"
                   f"<td>Ban Tuyên giáo Tỉnh ủy</td><td>Tháng {i % 12 + 1}/2024</td></tr>" for i in range(1, n + 1))


@pytest.mark.browser
def test_chromium_party_plan(browser, tmp_path: Path) -> None:
    path = _chromium_pdf(browser, PARTY_HEADER + BODY.format(rows=_task_rows(30)), tmp_path / "dang.pdf")
    source = read_file(path)
    assert (source.format, source.pages) == ("pdf", 2)
    assert source.notes == ["đã nối 1 từ bị ngắt bằng dấu gạch nối cuối dòng", "đã bỏ 2 dòng chỉ có số trang",
                            "1 bảng nối sang trang sau được đọc như một bảng (đã bỏ 1 dòng tiêu đề bảng lặp lại ở "
                            "đầu trang)"]
    got = [(line.text, line.bold, line.italic, line.table, line.row, line.cell) for line in source.lines[:29]]
    assert got == [
        # the header block: left column, then right column (not glued side by side)
        ("ĐẢNG BỘ TỈNH LAI CHÂU", False, False, None, None, None),
        ("BAN TUYÊN GIÁO", True, False, None, None, None),
        ("*", False, False, None, None, None),
        ("Số 171-KH/BTGTU", False, False, None, None, None),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", True, False, None, None, None),
        ("Lai Châu, ngày 15 tháng 6 năm 2023", False, True, None, None, None),
        ("KẾ HOẠCH", True, False, None, None, None),
        ("Tuyên truyền kỷ niệm 70 năm Chiến thắng Điện Biên Phủ", True, False, None, None, None),
        ("Thực hiện Hướng dẫn số 87-HD/BTGTW, ngày 15/3/2023 của Ban Tuyên", False, False, None, None, None),
        # "tuyên truy-" + "ền kỷ niệm …": joined into one line
        ("giáo Trung ương về tuyên truyền kỷ niệm các ngày lễ lớn, sự kiện lịch sử quan trọng trong năm 2024, Ban",
         False, False, None, None, None),
        ("Tuyên giáo Tỉnh ủy xây dựng kế hoạch.", False, False, None, None, None),
        ("I. MỤC ĐÍCH, YÊU CẦU", True, False, None, None, None),
        ("- Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến", False, False, None, None, None),
        ("thắng Điện Biên Phủ.", False, False, None, None, None),
        # a table without borders: row by row, left to right
        ("Đơn vị", False, False, None, None, None), ("Thời hạn", False, False, None, None, None),
        ("Ban Tuyên giáo", False, False, None, None, None), ("Tháng 5", False, False, None, None, None),
        # the bordered task table: cell by cell
        ("TT", True, False, 0, 0, 0), ("Nội dung", True, False, 0, 0, 1), ("Chủ trì", True, False, 0, 0, 2),
        ("Thời gian", True, False, 0, 0, 3),
        ("1", False, False, 0, 1, 0), ("Tổ chức hoạt động tuyên truyền số 1 về Chiến", False, False, 0, 1, 1),
        ("thắng Điện Biên Phủ", False, False, 0, 1, 1), ("Ban Tuyên giáo", False, False, 0, 1, 2),
        ("Tỉnh ủy", False, False, 0, 1, 2), ("Tháng", False, False, 0, 1, 3), ("2/2024", False, False, 0, 1, 3),
    ]
    assert [line.align for line in source.lines[6:8]] == ["center", "center"]
    # one table over both pages, the header row the browser repeats on page 2 dropped, rows counted on
    tasks = [line for line in source.lines if line.table is not None]
    assert {line.table for line in tasks} == {0}
    assert [(line.text, line.row) for line in tasks if line.cell == 0] == [("TT", 0)] + [
        (str(i), i) for i in range(1, 31)]
    assert [line.page for line in tasks if line.cell == 0 and line.text in ("11", "12")] == [1, 2]
    assert texts(source)[-1] == "Nơi nhận:"
    assert [line.page for line in source.lines].count(2) == len(source.lines) - 99


@pytest.mark.browser
def test_chromium_state_plan_header(browser, tmp_path: Path) -> None:
    path = _chromium_pdf(browser, STATE_HEADER + BODY.format(rows=_task_rows(2)), tmp_path / "nha-nuoc.pdf",
                         page_numbers=False)
    source = read_file(path)
    assert [(line.text, line.bold, line.italic) for line in source.lines[:7]] == [
        ("ỦY BAN NHÂN DÂN", True, False),
        ("TỈNH LAI CHÂU", True, False),
        ("Số: 125/KH-UBND", False, False),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
        ("Độc lập - Tự do - Hạnh phúc", True, False),
        ("Lai Châu, ngày 30 tháng 01 năm 2023", False, True),
        ("KẾ HOẠCH", True, False),
    ]


@pytest.mark.browser
@pytest.mark.benchmark
def test_benchmark_reading_a_200_page_pdf(browser, tmp_path: Path) -> None:
    """pdfminer.six interprets every text operator in Python: the figure to know for big PDFs (printed)."""
    para = ("<p>Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến thắng Điện Biên Phủ; khẳng định "
            "sự lãnh đạo đúng đắn, sáng suốt của Đảng, Chủ tịch Hồ Chí Minh và Đại tướng Võ Nguyên Giáp.</p>") * 8
    html = "".join(f"<p><b>{i}. PHẦN {i}</b></p>{para}<div style='page-break-after:always'></div>"
                   for i in range(1, 201))
    path = _chromium_pdf(browser, html, tmp_path / "big.pdf")
    figures = _measure(path)
    print(f"\n200-page PDF ({path.stat().st_size // 1024} KB, printed by Chromium): {figures['lines']} lines, "
          f"{figures['seconds']:.1f} s ({figures['seconds'] / 200 * 1000:.0f} ms a page), "
          f"peak memory +{figures['rss_mb']:.1f} MB, in use after +{figures['kept_mb']:.1f} MB")
    assert figures["seconds"] < 120


@pytest.mark.benchmark
def test_benchmark_reading_200_pages(tmp_path: Path) -> None:
    """Reading time and peak memory of 200-page Word, text and Markdown files and a hand-written 200-page PDF."""
    page = "Tuyên truyền sâu rộng ý nghĩa lịch sử, tầm vóc thời đại của Chiến thắng Điện Biên Phủ.\n" * 40
    inputs = {
        "docx": big_docx(tmp_path / "big.docx"),
        "txt": _write("big.txt", page * 200)(tmp_path),
        "md": _write("big.md", "".join(f"## PHẦN {i}\n\n{page}\n" for i in range(200)))(tmp_path),
        "pdf (by hand)": _write("big.pdf", raw_pdf([[("text", 85, 800 - 16 * k, f"Dong {k} cua trang {i}")
                                                     for k in range(45)] for i in range(200)]))(tmp_path),
    }
    print()
    for name, path in inputs.items():
        figures = _measure(path)
        print(f"200-page {name}: {path.stat().st_size // 1024} KB, {figures['lines']} lines, "
              f"{figures['seconds']:.3f} s, peak memory +{figures['rss_mb']:.1f} MB, "
              f"in use after +{figures['kept_mb']:.1f} MB")
        assert figures["seconds"] < 60
