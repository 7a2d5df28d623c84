"""The readers of `sotay import`: a .docx, .pdf, .txt or .md file read into a SourceText (source.py), lines in reading
order with what the format tells about each; anything else refused with one Vietnamese message (ImportProblem) that
says what to do instead. The recogniser reads only the SourceText, never the file.

Libraries, and why:

- Word (.docx): python-docx, because it exposes directly what the recogniser needs: the body's paragraphs and
  tables in document order, each run's formatting (bold, italic, capitals, hidden), the numbering properties of a
  paragraph (numPr) and the numbering part (numbering.xml), the styles with their `basedOn` chain. mammoth turns
  the document into HTML lists without the printed numbers; docx2python returns nested lists of strings, run
  formatting only as inline HTML. We walk python-docx's own lxml elements (its `oxml` layer) rather than its proxy
  objects: a 200-page file read through the proxies (paragraph.style, run.bold…) took 2 s, this way 0.1 s. Word's
  numbering is rendered to its printed labels here (_Numbering).
- PDF: pdfminer.six, already a project dependency and pure Python: it gives every character with its position and
  font name, which the two-column header block, the page numbers, bold/italic and ruled tables need. pdfplumber is
  built on pdfminer.six and would add binary wheels (pypdfium2, Pillow) that the offline machines would also have to
  carry; pypdf extracts text without reliable positions.
- Text (.txt, .md): the standard library: UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1258
  (the legacy Vietnamese code page, whose text uses combining tone marks: everything is NFC-normalised).

Every line is NFC, its spaces collapsed, empty lines dropped. Files are read as a stream where the format allows
(text line by line, PDF page by page); a file over MAX_BYTES, or a .docx whose XML unpacks beyond MAX_XML_BYTES, is
refused, so memory stays bounded by the lines kept.
"""

from __future__ import annotations

import codecs
import logging
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .source import ImportProblem, Line, SourceText

MAX_BYTES = 50 * 1024 * 1024  # a real document, even with its images, is far below
MAX_XML_BYTES = 200 * 1024 * 1024  # the XML inside a .docx, unpacked (a "zip bomb" is refused before parsing)

ACCEPTED = ".docx, .pdf, .txt hoặc .md"

# ---------------------------------------------------------------------------------------------------------------
# The messages (each says what to do instead)
# ---------------------------------------------------------------------------------------------------------------

EMPTY = ("tệp không có chữ nào: hãy kiểm tra lại đã chọn đúng tệp và nội dung văn bản đã được lưu vào tệp")
DOC = ("tệp .doc (Word 97-2003) không đọc được; hãy mở bằng Word hoặc LibreOffice và lưu thành .docx rồi nhập lại")
DOC_RENAMED = ("tệp này thực ra là tệp .doc (Word 97-2003) được đổi tên thành .docx; hãy mở bằng Word hoặc "
               "LibreOffice và lưu thành .docx rồi nhập lại")
DOCX_BROKEN = ("tệp .docx bị hỏng hoặc không phải tệp Word thật (có thể chỉ được đổi tên thành .docx): hãy mở bằng "
               "Word hoặc LibreOffice, lưu lại thành .docx rồi nhập lại")
DOCX_PASSWORD = ("tệp Word có đặt mật khẩu: hãy mở bằng Word, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → "
                 "Mã hóa bằng mật khẩu, xóa mật khẩu) và lưu một bản không có mật khẩu rồi nhập lại")
DOCX_HUGE = ("tệp .docx khi giải nén quá lớn (trên 200 MB chữ và định dạng): hãy mở bằng Word hoặc LibreOffice, "
             "lưu lại thành .docx (hoặc chỉ giữ phần văn bản cần nhập) rồi nhập lại")
PDF_SCANNED = ("tệp PDF không có lớp chữ (có lẽ là bản scan hoặc ảnh chụp): hãy nhận dạng chữ (OCR) trước, ví dụ "
               "bằng VnDocr hoặc ABBYY FineReader, rồi nhập tệp đã nhận dạng; hoặc nhập tệp Word (.docx) của văn "
               "bản nếu có")
PDF_PASSWORD = ("tệp PDF có đặt mật khẩu: hãy mở bằng trình xem PDF với mật khẩu, lưu (hoặc in ra PDF) một bản "
                "không đặt mật khẩu rồi nhập lại; hoặc nhập tệp Word (.docx) của văn bản")
PDF_BROKEN = ("tệp PDF bị hỏng (không đọc được cấu trúc tệp): hãy tải hoặc chép lại tệp, hoặc mở bằng trình xem PDF "
              "và in ra một tệp PDF mới rồi nhập lại; hoặc nhập tệp Word (.docx) của văn bản")
PDF_NO_UNICODE = ("chữ trong tệp PDF không trích ra được (phông chữ nhúng không kèm bảng mã Unicode): hãy nhập tệp "
                  "Word (.docx) của văn bản, hoặc nhận dạng chữ (OCR) tệp PDF trước")
TEXT_ENCODING = ("không nhận ra bảng mã của tệp văn bản (không phải UTF-8, UTF-16 hay Windows-1258): hãy mở bằng "
                 "Notepad và lưu lại với bảng mã UTF-8 rồi nhập lại")
TEXT_BINARY = ("tệp không phải văn bản thuần (có ký tự nhị phân): hãy mở bằng Notepad và lưu lại với bảng mã UTF-8, "
               "hoặc nhập tệp gốc (.docx, .pdf)")
LEGACY = ("tệp dùng bảng mã tiếng Việt cũ (TCVN3/ABC hoặc VNI), chữ đọc ra sẽ sai (ví dụ «{sample}»): hãy chuyển "
          "sang Unicode, ví dụ bằng Unikey (Công cụ chuyển mã), lưu lại rồi nhập lại")


def _missing(shown: str) -> str:
    return f"không tìm thấy tệp {shown}: hãy kiểm tra lại tên và đường dẫn của tệp"


def _directory(shown: str) -> str:
    return f"{shown} là một thư mục, không phải một tệp: hãy chỉ ra một tệp {ACCEPTED}"


def _not_regular(shown: str) -> str:
    return f"{shown} không phải một tệp thông thường: hãy chỉ ra một tệp {ACCEPTED}"


def _unreadable(shown: str, error: OSError) -> str:
    why = "không có quyền đọc" if isinstance(error, PermissionError) else "lỗi khi đọc tệp"
    return (f"không mở được tệp {shown} ({why}): hãy kiểm tra quyền đọc tệp, hoặc chép tệp vào một thư mục của mình "
            f"rồi nhập lại")


def _too_big(size: int) -> str:
    return (f"tệp nặng {_megabytes(size)} MB, vượt giới hạn {MAX_BYTES // (1024 * 1024)} MB của lệnh nhập: hãy lưu một "
            f"bản nhẹ hơn (bỏ hoặc nén ảnh, chỉ giữ phần văn bản cần nhập) rồi nhập lại")


IMAGES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}


def _wrong_format(suffix: str) -> str:
    if suffix in IMAGES:
        return (f"tệp ảnh ({suffix}) không có chữ để đọc: hãy nhận dạng chữ (OCR) trước, ví dụ bằng VnDocr hoặc "
                f"ABBYY FineReader, và lưu thành .docx; lệnh nhập chỉ đọc tệp {ACCEPTED}")
    what = f"tệp {suffix}" if suffix else "tệp không có phần mở rộng"
    return (f"không nhập được {what}: lệnh nhập chỉ đọc tệp {ACCEPTED}; hãy mở bằng Word hoặc LibreOffice và lưu "
            f"thành .docx (hoặc in ra PDF) rồi nhập lại")


def _renamed(suffix: str, actual: str, right: str) -> str:
    return (f"tệp có đuôi {suffix} nhưng nội dung là {actual}: hãy đổi đuôi tệp thành {right} rồi nhập lại")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


# What a file really is, from its first bytes: (description, extension it should have).
_SIGNATURES = (
    (b"%PDF-", "một tệp PDF", ".pdf"),
    (b"PK\x03\x04", "một tệp nén zip (có thể là tệp Word .docx)", ".docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "một tệp Word 97-2003 (.doc)", ".doc"),
    (b"{\\rtf", "một tệp RTF", ".rtf"),
    (b"\x89PNG", "một ảnh PNG", ".png"),
    (b"\xff\xd8\xff", "một ảnh JPEG", ".jpg"),
)


def _sniff(head: bytes) -> tuple[str, str] | None:
    for magic, actual, right in _SIGNATURES:
        if head.startswith(magic):
            return actual, right
    return None


# ---------------------------------------------------------------------------------------------------------------
# The entry point
# ---------------------------------------------------------------------------------------------------------------

def read_file(path: Path) -> SourceText:
    """The lines of the document at `path` (a .docx, .pdf, .txt or .md file), or ImportProblem with a Vietnamese
    message saying what to do instead."""
    shown = str(path)
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise ImportProblem(_missing(shown)) from None
    except OSError as error:
        raise ImportProblem(_unreadable(shown, error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportProblem(_directory(shown))
    if suffix == ".doc":
        raise ImportProblem(DOC)
    reader = _READERS.get(suffix)
    if reader is None:
        raise ImportProblem(_wrong_format(suffix))
    if not stat.S_ISREG(info.st_mode):
        raise ImportProblem(_not_regular(shown))
    if info.st_size > MAX_BYTES:
        raise ImportProblem(_too_big(info.st_size))
    if info.st_size == 0:
        raise ImportProblem(EMPTY)
    lines = _Lines()
    source = SourceText(path=shown, format=suffix[1:], lines=lines.lines)
    try:
        reader(path, source, lines)
    except ImportProblem:
        raise
    except OSError as error:
        raise ImportProblem(_unreadable(shown, error)) from None
    except Exception:  # whatever a damaged file makes a library (or a reader) raise: never a traceback
        raise ImportProblem(_BROKEN.get(suffix, TEXT_ENCODING)) from None
    problem = lines.legacy_problem()
    if problem:
        raise ImportProblem(problem)
    if not source.lines:
        raise ImportProblem(EMPTY)
    note = lines.legacy_note()
    if note:
        source.notes.append(note)
    return source


# ---------------------------------------------------------------------------------------------------------------
# The lines, as every reader adds them
# ---------------------------------------------------------------------------------------------------------------

# Characters that print nothing: soft hyphen, zero-width space and joiners, word joiner, BOM, control characters.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Text in the legacy Vietnamese encoding TCVN3/ABC, read as Unicode, is full of Latin-1 characters that Vietnamese
# never uses (ơ is ¬, ư the soft hyphen, á ¸, à µ, ỉ Ø, ủ ñ, ệ Ö…): every Latin-1 sign and letter except the
# Vietnamese vowels (à á â ã è é ê ì í ò ó ô õ ù ú ý), the quotes « », the degree sign, × and ÷, and Ð (often typed
# for Đ).
_LEGACY_CHARS = re.compile("[\u00a1-\u00aa\u00ac-\u00af\u00b1-\u00ba\u00bc-\u00bf\u00c4-\u00c7\u00cb"
                           "\u00ce\u00cf\u00d1\u00d6\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb"
                           "\u00ee-\u00f1\u00f6\u00f8\u00fb\u00fc\u00fe\u00ff]")
_LEGACY_FONT = re.compile(r"^\.?vn[a-z]|^vni[-_ ]", re.IGNORECASE)


def clean(text: str) -> str:
    """NFC, invisible characters dropped, every run of whitespace (tab, no-break space, line breaks) one space."""
    return " ".join(unicodedata.normalize("NFC", _INVISIBLE.sub("", text)).split())


@dataclass
class _Lines:
    """The lines of the document as they are added, numbered from 1; and the evidence of a legacy Vietnamese
    encoding (TCVN3/ABC or VNI text shown as if it were Unicode)."""

    lines: list[Line] = field(default_factory=list)
    chars: int = 0
    legacy: int = 0  # characters typical of TCVN3 read as Unicode
    legacy_font: int = 0  # non-ASCII characters set in a TCVN3 (.VnTime…) or VNI (VNI-Times…) font
    legacy_first: str | None = None  # the first line showing either

    def add(self, text: str, **props) -> Line | None:
        self.chars += len(text)
        found = len(_LEGACY_CHARS.findall(text))
        if found:
            self.legacy += found
            self._saw_legacy(text)
        text = clean(text)
        if not text:
            return None
        line = Line(text, number=len(self.lines) + 1, **props)
        self.lines.append(line)
        return line

    def legacy_in_font(self, found: int, text: str) -> None:
        self.legacy_font += found
        self._saw_legacy(text)

    def _saw_legacy(self, text: str) -> None:
        if self.legacy_first is None:
            self.legacy_first = clean(text)[:40]

    def reset(self) -> None:
        self.lines.clear()
        self.chars = self.legacy = self.legacy_font = 0
        self.legacy_first = None

    def legacy_problem(self) -> str | None:
        """The message when the text is mostly in a legacy encoding (then nothing read is right)."""
        evidence = self.legacy + self.legacy_font
        if evidence >= 5 and evidence * 50 > self.chars:
            return LEGACY.format(sample=self.legacy_first)
        return None

    def legacy_note(self) -> str | None:
        """A note when a few lines are set in a legacy font (a header in .VnTimeH in an otherwise Unicode file)."""
        if self.legacy_font >= 5:
            return (f"một số dòng dùng phông chữ cũ TCVN3/VNI, chữ có thể sai (ví dụ «{self.legacy_first}»): hãy "
                    f"kiểm tra các dòng đó")
        return None


# ---------------------------------------------------------------------------------------------------------------
# Text and Markdown
# ---------------------------------------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", None),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)


def _read_text(path: Path, source: SourceText, lines: _Lines) -> None:
    """UTF-8 (BOM or not), UTF-16/32 with a BOM, else Windows-1258; a UTF-8 file with a few damaged bytes (the rest
    mostly valid UTF-8) is read with those characters replaced by �, and said so."""
    with path.open("rb") as f:
        head = f.read(8)
    bom = next(((encoding, name) for mark, encoding, name in _BOMS if head.startswith(mark)), None)
    if bom is None:
        sniffed = _sniff(head)
        if sniffed:
            raise ImportProblem(_renamed(path.suffix.lower(), *sniffed))
    read = _markdown_lines if source.format == "md" else _plain_lines

    def attempt(encoding: str, errors: str = "strict") -> bool:
        lines.reset()
        try:
            with path.open(encoding=encoding, errors=errors, newline=None) as f:
                read(f, lines)
        except UnicodeError:
            return False
        return True

    if bom is not None:
        if not attempt(bom[0]):
            raise ImportProblem(TEXT_ENCODING)
        if bom[1]:
            source.notes.append(f"đã đọc tệp theo bảng mã {bom[1]}")
        return
    if attempt("utf-8"):
        return
    damaged, other = _utf8_damage(path)
    if damaged <= other and attempt("utf-8", "replace"):
        source.notes.append(f"tệp UTF-8 có {damaged} ký tự hỏng, đã thay bằng dấu �: hãy kiểm tra các dòng có dấu đó")
        return
    if attempt("cp1258"):
        source.notes.append("đã đọc tệp theo bảng mã Windows-1258 (tệp không phải UTF-8)")
        return
    raise ImportProblem(TEXT_ENCODING)


def _utf8_damage(path: Path) -> tuple[int, int]:
    """How many characters of the file are not valid UTF-8, and how many other non-ASCII characters it has (a
    Windows-1258 file is almost all of the first kind, a damaged UTF-8 file almost all of the second)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    damaged = other = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            text = decoder.decode(chunk)
            bad = text.count("\ufffd")
            damaged += bad
            other += len(text) - len(text.encode("ascii", "ignore")) - bad
    return damaged, other


def _checked(f) -> Iterator[str]:
    for raw in f:
        if "\x00" in raw:
            raise ImportProblem(TEXT_BINARY)
        yield raw


def _plain_lines(f, lines: _Lines) -> None:
    for raw in _checked(f):
        lines.add(raw)


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_WHOLE = (  # a line that is all emphasis: (pattern, bold, italic)
    (re.compile(r"^(\*\*\*|___)(?=\S)(.*\S)\1$"), True, True),
    (re.compile(r"^(\*\*|__)(?=\S)(.*\S)\1$"), True, False),
    (re.compile(r"^(\*|_)(?=[^\s*_])(.*[^\s*_]|)\1$"), False, True),
)
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image: its alternative text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link: its text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"<br\s*/?>", re.IGNORECASE), " "),
    (re.compile(r"\\([!-/:-@\[-`{-~])"), r"\1"),  # backslash escapes
)


def _inline(text: str) -> str:
    """Markdown's inline markup dropped: the text as it would print."""
    if "\\" not in text and not any(c in text for c in "*_`[<"):
        return text
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _emphasis(text: str) -> tuple[str, bool, bool]:
    """A line that is bold or italic as a whole: its text and which."""
    for pattern, bold, italic in _WHOLE:
        m = pattern.match(text)
        if m and m.group(1) not in m.group(2):
            return m.group(2), bold, italic
    return text, False, False


def _markdown_lines(f, lines: _Lines) -> None:
    """Headings ('## I. MỤC ĐÍCH', or underlined) become bold lines without their marks; a line all in ** or __ is
    bold, in * or _ italic; list markers stay as printed; a pipe table gives one line per cell."""
    pending: tuple[str, bool, bool] | None = None  # the last paragraph line: an underline may make it a heading
    table, row, in_table, fenced = -1, 0, False, False

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            text, bold, italic = pending
            lines.add(_inline(text), bold=bold, italic=italic)
            pending = None

    for raw in _checked(f):
        text = raw.rstrip("\n")
        if _FENCE.match(text):
            flush()
            fenced = not fenced
            continue
        if fenced:
            lines.add(text)
            continue
        while _QUOTE.match(text):
            text = _QUOTE.sub("", text, count=1)
        if _TABLE_ROW.match(text):
            flush()
            if _TABLE_RULE.match(text):
                continue
            if not in_table:
                table, row, in_table = table + 1, 0, True
            cells = re.split(r"(?<!\\)\|", text.strip().strip("|") if text.strip() != "|" else "")
            for col, cell in enumerate(cells):
                cell_text, bold, italic = _emphasis(cell.strip())
                lines.add(_inline(cell_text), bold=bold, italic=italic, table=table, row=row, cell=col)
            row += 1
            continue
        in_table = False
        if not text.strip():
            flush()
            continue
        underline = _SETEXT.match(text)
        if underline and pending is not None and not pending[1] and (underline.group(1)[0] == "=" or
                                                                    len(underline.group(1)) >= 2):
            pending = (pending[0], True, pending[2])
            flush()
            continue
        if _BREAK.match(text):
            flush()
            continue
        heading = _ATX.match(text)
        flush()
        if heading:
            lines.add(_inline(heading.group(2) or ""), bold=True)
            continue
        body = text.rstrip()
        if body.endswith("\\"):
            body = body[:-1]
        body, bold, italic = _emphasis(body.strip())
        pending = (body, bold, italic)
    flush()


# ---------------------------------------------------------------------------------------------------------------
# Word (.docx)
# ---------------------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _R, _T, _TBL, _TR, _TC = (_W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _TCPR, _TRPR = (_W + t for t in ("pPr", "rPr", "tcPr", "trPr"))
_TXBX = _W + "txbxContent"
_VAL = _W + "val"
# Elements that hold runs (or blocks) inside a paragraph, a body, a row: read through them. Deleted text (w:del,
# w:moveFrom) is not among them: a document is read as if its tracked changes were accepted.
_RUN_HOLDERS = {_W + t for t in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "sdt", "sdtContent",
                                 "customXml", "bdo", "dir")}
_TRACKED = {_W + t for t in ("ins", "del", "moveFrom", "moveTo")}
_BLOCK_HOLDERS = {_W + t for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
_SPACE_ELEMENTS = {_W + t for t in ("tab", "ptab", "br", "cr")}
_JC = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right", "both": "justify",
       "distribute": "justify", "thaiDistribute": "justify", "lowKashida": "justify", "mediumKashida": "justify",
       "highKashida": "justify"}
_HEADING_NAME = re.compile(r"^(heading [1-9]|title)$", re.IGNORECASE)


def _on(element) -> bool | None:
    """A Word on/off property (w:b, w:i…): None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "true") not in ("0", "false", "off")


def _child(element, *tags: str):
    for tag in tags:
        if element is None:
            return None
        element = element.find(_W + tag)
    return element


def _val(element, *tags: str) -> str | None:
    found = _child(element, *tags)
    return None if found is None else found.get(_VAL)


@dataclass
class _RunProps:
    """Run formatting as styles give it: None where they say nothing."""

    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    hidden: bool | None = None
    font: str | None = None

    @classmethod
    def of(cls, rpr) -> _RunProps:
        if rpr is None:
            return cls()
        fonts = rpr.find(_W + "rFonts")
        return cls(bold=_on(rpr.find(_W + "b")), italic=_on(rpr.find(_W + "i")),
                   caps=_first(_on(rpr.find(_W + "caps")), _on(rpr.find(_W + "smallCaps"))),
                   hidden=_on(rpr.find(_W + "vanish")),
                   font=None if fonts is None else (fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi")))

    def under(self, base: _RunProps) -> _RunProps:
        """These properties where set, else those of `base`."""
        return _RunProps(*(_first(mine, theirs) for mine, theirs in zip(self.astuple(), base.astuple())))

    def astuple(self) -> tuple:
        return self.bold, self.italic, self.caps, self.hidden, self.font


def _first(*values):
    return next((v for v in values if v is not None), None)


@dataclass
class _ParaStyle:
    run: _RunProps
    align: str | None
    num_id: str | None
    ilvl: int | None


class _Styles:
    """The styles part, each style resolved along its basedOn chain (once)."""

    def __init__(self, root) -> None:
        self._elements = {}
        self.default_paragraph: str | None = None
        self.defaults = _RunProps()
        self.default_align: str | None = None
        self._paragraph: dict[str | None, _ParaStyle] = {}
        self._character: dict[str | None, _RunProps] = {}
        if root is None:
            return
        for style in root.iterchildren(_W + "style"):
            sid = style.get(_W + "styleId")
            self._elements[sid] = style
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                self.default_paragraph = sid
        defaults = root.find(_W + "docDefaults")
        self.defaults = _RunProps.of(_child(defaults, "rPrDefault", "rPr"))
        self.default_align = _JC.get(_val(defaults, "pPrDefault", "pPr", "jc") or "")

    def paragraph(self, sid: str | None) -> _ParaStyle:
        if sid is None:
            sid = self.default_paragraph
        found = self._paragraph.get(sid)
        if found is None:
            found = self._paragraph[sid] = self._resolve_paragraph(sid)
        return found

    def _resolve_paragraph(self, sid: str | None) -> _ParaStyle:
        run, align, num_id, ilvl, heading = _RunProps(), None, None, None, False
        for style in self._chain(sid):
            run = run.under(_RunProps.of(style.find(_RPR)))
            ppr = style.find(_PPR)
            align = _first(align, _JC.get(_val(ppr, "jc") or ""))
            num = _child(ppr, "numPr")
            if num is not None:
                num_id = _first(num_id, _val(num, "numId"))
                ilvl = _first(ilvl, _int(_val(num, "ilvl")))
            name = _val(style, "name") or ""
            outline = _int(_val(ppr, "outlineLvl"))
            heading = heading or bool(_HEADING_NAME.match(name)) or (outline is not None and outline < 9)
        if heading and run.bold is None:
            run.bold = True  # a heading style prints as a heading: the recogniser takes it as bold
        return _ParaStyle(run.under(self.defaults), _first(align, self.default_align), num_id, ilvl)

    def character(self, sid: str | None) -> _RunProps:
        found = self._character.get(sid)
        if found is None:
            found = _RunProps()
            for style in self._chain(sid):
                found = found.under(_RunProps.of(style.find(_RPR)))
            self._character[sid] = found
        return found

    def numbering_of(self, sid: str) -> str | None:
        """The numId a numbering style (numStyleLink) points to."""
        style = self._elements.get(sid)
        return _val(style, "pPr", "numPr", "numId") if style is not None else None

    def _chain(self, sid: str | None) -> Iterator:
        seen = set()
        while sid is not None and sid not in seen and sid in self._elements:
            seen.add(sid)
            style = self._elements[sid]
            yield style
            sid = _val(style, "basedOn")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@dataclass
class _Level:
    start: int = 0  # the spec's default when w:start is missing
    fmt: str = "decimal"
    text: str | None = None  # lvlText, "%1." ; None: the level prints no number
    restart: int | None = None  # lvlRestart: restarted by levels 1..restart (1-based); 0 never
    legal: bool = False  # isLgl: every level printed as decimal

    @classmethod
    def of(cls, lvl) -> _Level:
        return cls(start=_int(_val(lvl, "start")) or 0, fmt=_val(lvl, "numFmt") or "decimal",
                   text=_val(lvl, "lvlText"), restart=_int(_val(lvl, "lvlRestart")),
                   legal=bool(_on(lvl.find(_W + "isLgl"))))


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int]  # startOverride by level
    levels: dict[int, _Level]  # levels the num redefines


class _Numbering:
    """Word's automatic numbering rendered to its printed labels. As in Word, the counters belong to the list
    definition (abstractNum): two numIds sharing one continue each other's count, and a numId whose lvlOverride
    carries a startOverride restarts its levels where it is first used (how "Restart at 1" and "Set numbering
    value" are saved). A level restarts when a higher level is used (unless lvlRestart says otherwise)."""

    def __init__(self, root, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum -> numbering style it takes its levels from
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for abstract in root.iterchildren(_W + "abstractNum"):
            aid = abstract.get(_W + "abstractNumId")
            self.abstract[aid] = {_int(lvl.get(_W + "ilvl")) or 0: _Level.of(lvl)
                                  for lvl in abstract.iterchildren(_W + "lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.iterchildren(_W + "num"):
            starts, levels = {}, {}
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl")) or 0
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _Level.of(lvl)
            self.nums[num.get(_W + "numId")] = _Num(_val(num, "abstractNumId") or "", starts, levels)

    def _abstract_of(self, num: _Num) -> str:
        aid = num.abstract
        link = self.links.get(aid)
        if link:  # the list takes its levels from a numbering style, itself pointing at another num
            target = self.nums.get(self.styles.numbering_of(link) or "")
            if target is not None and target.abstract in self.abstract:
                aid = target.abstract
        return aid

    def label(self, num_id: str, ilvl: int) -> str | None:
        num = self.nums.get(num_id)
        if num is None or not 0 <= ilvl <= 8:
            return None
        aid = self._abstract_of(num)
        defined = self.abstract.get(aid, {})
        levels = [num.levels.get(k) or defined.get(k) or _Level() for k in range(9)]
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.seen:
            self.seen.add(num_id)
            for k in num.starts:
                if 0 <= k <= 8:
                    counters[k] = None
        start = [num.starts.get(k, levels[k].start) for k in range(9)]
        counters[ilvl] = start[ilvl] if counters[ilvl] is None else counters[ilvl] + 1
        for k in range(ilvl + 1, 9):
            restart = levels[k].restart
            if restart != 0 and ilvl < (k if restart is None else restart):
                counters[k] = None
        level = levels[ilvl]
        if level.text is None:
            return None
        if level.fmt == "bullet":
            return _bullet(level.text)

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            if k > ilvl:
                return ""
            shown = counters[k] if counters[k] is not None else start[k]
            return _format_number(shown, "decimal" if level.legal else levels[k].fmt)

        return re.sub(r"%([1-9])", value, level.text)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("upperRoman", "lowerRoman") and n > 0:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("upperLetter", "lowerLetter") and n > 0:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero" and 0 <= n < 10:
        return f"0{n}"
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# Bullets in the Symbol and Wingdings fonts are saved as private-use characters.
_SYMBOLS = {0xF0B7: "•", 0xF0A7: "▪", 0xF0D8: "➢", 0xF076: "❖", 0xF0FC: "✓", 0xF06E: "■", 0xF0A8: "□",
            0xF0E0: "→", 0xF0F0: "⇨"}


def _symbol(ch: str) -> str:
    code = ord(ch)
    if code in _SYMBOLS:
        return _SYMBOLS[code]
    if 0xF020 <= code <= 0xF07E:
        return chr(code - 0xF000)
    if 0xE000 <= code <= 0xF8FF:
        return "•"
    return ch


def _bullet(text: str) -> str | None:
    return "".join(_symbol(ch) for ch in text).strip() or None


class _Docx:
    """The body of a Word file read in document order into lines."""

    def __init__(self, styles: _Styles, numbering: _Numbering, lines: _Lines) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines = lines
        self.tables = 0
        self.tracked = False
        self.text_boxes = 0

    def block(self, parent, where: tuple[int, int, int] | None) -> None:
        """The paragraphs and tables under `parent` (the body, a cell, a text box, a content control)."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                self.paragraph(child, where)
            elif tag == _TBL:
                self.table(child, where)
            elif tag in _BLOCK_HOLDERS:
                if tag in _TRACKED:
                    self.tracked = True
                self.block(child, where)

    def table(self, tbl, where: tuple[int, int, int] | None) -> None:
        """Row by row, cell by cell; `cell` is the cell's column in the table's grid (merged cells count their
        span). A table inside a cell is read in place, its lines keeping the outer cell."""
        index = None
        if where is None:
            index, self.tables = self.tables, self.tables + 1
        for row, tr in enumerate(_rows(tbl)):
            col = _int(_val(tr.find(_TRPR), "gridBefore")) or 0
            for tc in _cells(tr):
                self.block(tc, where if where is not None else (index, row, col))
                col += _int(_val(tc.find(_TCPR), "gridSpan")) or 1

    def paragraph(self, p, where: tuple[int, int, int] | None) -> None:
        ppr = p.find(_PPR)
        style = self.styles.paragraph(_val(ppr, "pStyle"))
        label = level = None
        numpr = _child(ppr, "numPr")
        num_id = _first(_val(numpr, "numId"), style.num_id)
        if num_id not in (None, "0"):
            level = _first(_int(_val(numpr, "ilvl")), style.ilvl, 0)
            label = self.numbering.label(num_id, level)
            label = clean(label) or None if label is not None else None
            if label is None:
                level = None
        parts, bold, italic = [], True, True
        for r in self.runs(p):
            text, props = self.run_text(r, style)
            if not text:
                continue
            parts.append(text)
            if text.strip():
                bold = bold and bool(props.bold)
                italic = italic and bool(props.italic)
                if props.font and _LEGACY_FONT.match(props.font):
                    found = sum(1 for ch in text if ord(ch) > 127)
                    if found:
                        self.lines.legacy_in_font(found, text)
        text = "".join(parts)
        if text.strip():
            table, row, cell = where if where is not None else (None, None, None)
            self.lines.add(text, bold=bold, italic=italic, label=label, level=level, table=table, row=row,
                           cell=cell, align=_first(_JC.get(_val(ppr, "jc") or ""), style.align))
        for box in _text_boxes(p):
            self.text_boxes += 1
            self.block(box, where)

    def runs(self, parent) -> Iterator:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _R:
                yield child
            elif tag in _RUN_HOLDERS:
                if tag in _TRACKED:
                    self.tracked = True
                yield from self.runs(child)
            elif tag in _TRACKED:  # deleted or moved-away text: not printed
                self.tracked = True

    def run_text(self, r, style: _ParaStyle) -> tuple[str, _RunProps]:
        rpr = r.find(_RPR)
        props = _RunProps.of(rpr).under(self.styles.character(_val(rpr, "rStyle"))).under(style.run)
        if props.hidden:
            return "", props
        out = []
        for child in r.iterchildren():
            tag = child.tag
            if tag == _T:
                out.append(child.text or "")
            elif tag in _SPACE_ELEMENTS:
                out.append(" ")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "sym":
                code = child.get(_W + "char")
                if code:
                    try:
                        out.append(_symbol(chr(int(code, 16))))
                    except ValueError:
                        pass
        text = "".join(out)
        return (text.upper() if props.caps else text), props


def _rows(tbl) -> Iterator:
    for child in tbl.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag in _BLOCK_HOLDERS:
            yield from _rows(child)


def _cells(tr) -> Iterator:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag in _BLOCK_HOLDERS:
            yield from _cells(child)


def _text_boxes(p) -> Iterator:
    """The text boxes anchored in paragraph `p` (not their fallback copies, not boxes inside boxes)."""
    for box in p.iter(_TXBX):
        parent = box.getparent()
        while parent is not None and parent is not p:
            if parent.tag in (_MC_FALLBACK, _TXBX):
                break
            parent = parent.getparent()
        else:
            yield box


def _read_docx(path: Path, source: SourceText, lines: _Lines) -> None:
    _check_docx_container(path)
    try:
        import docx
        document = docx.Document(str(path))
        body = document.element.body
    except ImportProblem:
        raise
    except Exception:  # python-docx, zipfile and lxml raise many kinds for a damaged package
        raise ImportProblem(DOCX_BROKEN) from None
    try:
        styles = _Styles(document.styles.element)
    except Exception:
        styles = _Styles(None)
    try:
        numbering = _Numbering(document.part.numbering_part.element, styles)
    except Exception:
        numbering = _Numbering(None, styles)
    reader = _Docx(styles, numbering, lines)
    reader.block(body, None)
    if reader.tracked:
        source.notes.append("tệp còn thay đổi chưa chấp nhận (theo dõi thay đổi): đã đọc như khi chấp nhận tất cả; "
                            "hãy đối chiếu với bản đã ban hành")
    if reader.text_boxes:
        source.notes.append(f"đã đọc chữ trong {reader.text_boxes} khung văn bản (text box), đặt sau đoạn chứa nó")


def _check_docx_container(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE container: an old .doc renamed, or a password-protected .docx (Word encrypts into one).
        raise ImportProblem(DOCX_PASSWORD if _contains(path, "EncryptedPackage".encode("utf-16-le"))
                            else DOC_RENAMED)
    if not head.startswith(b"PK"):
        sniffed = _sniff(head)
        if sniffed and sniffed[1] != ".docx":
            raise ImportProblem(_renamed(".docx", *sniffed))
        raise ImportProblem(DOCX_BROKEN)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ImportProblem(DOCX_BROKEN) from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names and "mimetype" in names and "content.xml" in names:
        raise ImportProblem(_renamed(".docx", "một tệp OpenDocument (.odt)", ".odt"))
    if sum(info.file_size for info in infos if not info.filename.startswith("word/media/")) > MAX_XML_BYTES:
        raise ImportProblem(DOCX_HUGE)


def _contains(path: Path, needle: bytes) -> bool:
    with path.open("rb") as f:
        tail = b""
        while chunk := f.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


# ---------------------------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float  # PDF coordinates: y grows upwards
    bottom: float
    bold: bool
    italic: bool
    region: tuple = ("body",)  # lines are joined (hyphenation) only within one region
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    align: str | None = None
    page: int = 0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi")
_ITALIC_WORDS = ("italic", "oblique", "inclined", "kursiv")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?$",
                          re.IGNORECASE)
_HYPHENS = "-\u2010\u00ad"
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every oddity of a file (a missing font box, a colour space…): not the editor's
    concern; the reader says what matters in its notes."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


class _Fonts:
    """Bold and italic from a font name ("ABCDEF+TimesNewRomanPS-BoldItalicMT"), once per name."""

    def __init__(self) -> None:
        self._style: dict[str, tuple[bool, bool, bool]] = {}

    def style(self, name: str) -> tuple[bool, bool, bool]:
        found = self._style.get(name)
        if found is None:
            bare = name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name
            lower = bare.lower()
            found = self._style[name] = (any(w in lower for w in _BOLD_WORDS), any(w in lower for w in _ITALIC_WORDS),
                                         bool(_LEGACY_FONT.match(bare)))
        return found


def _read_pdf(path: Path, source: SourceText, lines: _Lines) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        sniffed = _sniff(head)
        if sniffed and sniffed[1] != ".pdf":
            raise ImportProblem(_renamed(".pdf", *sniffed))
        raise ImportProblem(PDF_BROKEN)
    with _quiet_pdfminer(), path.open("rb") as f:
        try:
            pages, notes = _pdf_pages(f, lines)
        except ImportProblem:
            raise
        except Exception as error:  # pdfminer raises many kinds (and KeyError, TypeError…) for a damaged file
            if _is_password_error(error):
                raise ImportProblem(PDF_PASSWORD) from None
            raise ImportProblem(PDF_BROKEN) from None
    source.pages = pages
    source.notes.extend(notes)


def _is_password_error(error: Exception) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError
    return isinstance(error, PDFEncryptionError)


def _pdf_pages(f, lines: _Lines) -> tuple[int, list[str]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(f), password="")
    notes = []
    if not document.is_extractable:
        notes.append("tệp PDF có đặt quyền hạn chế (không cho chép chữ): đã đọc chữ như trình xem PDF vẫn hiển thị")
    manager = PDFResourceManager(caching=True)
    # boxes_flow=None: no grouping of text boxes into a reading order (slow, and wrong for the header block); the
    # order is made here from the positions of lines. all_texts: text inside form XObjects counts too.
    device = PDFPageAggregator(manager, laparams=LAParams(boxes_flow=None, all_texts=True))
    interpreter = PDFPageInterpreter(manager, device)
    fonts, layout = _Fonts(), _PdfLayout()
    ordered: list[_PdfLine] = []
    pages = dropped = 0
    blank: list[int] = []
    damaged: list[int] = []
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        pages = number
        try:
            interpreter.process_page(page)
            result = device.get_result()
            found, rules = _page_content(result, fonts, lines)
            box = [result.x0, result.y0, result.x1, result.y1]  # as laid out (a rotated page turned upright)
        except ImportProblem:
            raise
        except Exception as error:  # one damaged page: read the others, and say which
            if _is_password_error(error):
                raise
            damaged.append(number)
            continue
        found, gone = _drop_page_numbers(found, box)
        dropped += gone
        if not found:
            blank.append(number)
        for line in layout.order(found, rules, number, box[3] - box[1]):
            line.page = number
            ordered.append(line)
    if pages == 0:
        raise ImportProblem(PDF_BROKEN)
    cids = sum(line.text.count("(cid:") for line in ordered)
    if cids >= 20 and cids * 8 > sum(len(line.text) for line in ordered):
        raise ImportProblem(PDF_NO_UNICODE)
    if not ordered:
        raise ImportProblem(PDF_BROKEN if damaged else PDF_SCANNED)
    joined = _add_joined(ordered, lines)
    if joined:
        notes.append(f"đã nối {joined} từ bị ngắt bằng dấu gạch nối cuối dòng")
    if dropped:
        notes.append(f"đã bỏ {dropped} dòng chỉ có số trang")
    if blank:
        notes.append(f"trang {', '.join(map(str, blank))} không có chữ (có thể là ảnh scan), đã bỏ qua: hãy đối "
                     f"chiếu với bản giấy")
    if damaged:
        notes.append(f"trang {', '.join(map(str, damaged))} bị hỏng, không đọc được: hãy đối chiếu với bản giấy")
    if layout.continued:
        notes.append(f"{layout.continued} bảng nối sang trang sau được đọc như một bảng"
                     + (f" (đã bỏ {layout.repeated} dòng tiêu đề bảng lặp lại ở đầu trang)" if layout.repeated else ""))
    return pages, notes


def _page_content(layout, fonts: _Fonts, lines: _Lines) -> tuple[list[_PdfLine], list[tuple]]:
    """The text lines of a page and its ruling (thin rectangles and lines: table borders)."""
    from pdfminer.layout import LTCurve, LTFigure, LTTextBox, LTTextLine

    text_lines: list = []
    rules: list[tuple] = []
    top_area = layout.y1 - 0.4 * (layout.y1 - layout.y0)

    def visit(item) -> None:
        for obj in item:
            if isinstance(obj, LTTextLine):
                text_lines.append(obj)
            elif isinstance(obj, (LTTextBox, LTFigure)):
                visit(obj)
            elif isinstance(obj, LTCurve):  # LTRect and LTLine are curves
                _add_rules(obj, rules)

    visit(layout)
    found: list[_PdfLine] = []
    for obj in text_lines:
        middle = (obj.y0 + obj.y1) / 2
        # a cell border crossing a line: pdfminer joined the text of two cells ("12" and "Tổ chức…")
        borders = [x for kind, y0, y1, x in rules if kind == "v" and y0 - 2 <= middle <= y1 + 2 and obj.x0 < x < obj.x1]
        found.extend(_line_parts(obj, fonts, lines, gaps=obj.y0 >= top_area, borders=borders))
    return found, rules


def _line_parts(obj, fonts: _Fonts, lines: _Lines, gaps: bool, borders: list[float]) -> list[_PdfLine]:
    """A pdfminer line as one _PdfLine, or several: where a table border crosses it, and (`gaps`, at the top of a
    page) where a wide gap separates two columns (the header block's left and right parts set close together)."""
    from pdfminer.layout import LTChar

    parts: list[list] = [[]]
    last = None
    for item in obj:
        if isinstance(item, LTChar):
            if last is not None and (
                    (gaps and item.x0 - last.x1 > max(12.0, 1.2 * max(item.size, last.size)))
                    or any((last.x0 + last.x1) / 2 < x < (item.x0 + item.x1) / 2 for x in borders)):
                parts.append([])
            last = item
        parts[-1].append(item)
    out = []
    for items in parts:
        chars = [c for c in items if isinstance(c, LTChar) and not c.get_text().isspace()]
        if not chars:
            continue
        text = "".join(item.get_text() for item in items).strip().translate(_LIGATURES)
        if text.endswith("\u00ad"):
            text = text[:-1] + "-"
        bold = italic = 0
        ascii_plain = ascii_upright = False
        legacy = 0
        for c in chars:
            is_bold, is_italic, is_legacy = fonts.style(c.fontname)
            is_italic = is_italic or (c.matrix[1] == 0 and c.matrix[2] != 0)  # slanted by the PDF (fake italic)
            bold += is_bold
            italic += is_italic
            if c.get_text().isascii():
                ascii_plain = ascii_plain or not is_bold
                ascii_upright = ascii_upright or not is_italic
            if is_legacy and not c.get_text().isascii():
                legacy += 1
        if legacy:
            lines.legacy_in_font(legacy, text)
        # A whole line in a bold (italic) font; a few accented letters drawn from a fallback font do not count
        # against it, but any plain ASCII character does.
        out.append(_PdfLine(text, min(c.x0 for c in chars), max(c.x1 for c in chars), max(c.y1 for c in chars),
                            min(c.y0 for c in chars), bold=not ascii_plain and bold * 2 >= len(chars),
                            italic=not ascii_upright and italic * 2 >= len(chars)))
    return out


def _add_rules(obj, rules: list[tuple]) -> None:
    """Table borders: thin filled rectangles, stroked lines, or the edges of a stroked rectangle."""
    from pdfminer.layout import LTRect

    x0, y0, x1, y1 = obj.x0, obj.y0, obj.x1, obj.y1
    w, h = x1 - x0, y1 - y0
    if h <= 2.5 and w >= 5:
        rules.append(("h", x0, x1, (y0 + y1) / 2))
    elif w <= 2.5 and h >= 5:
        rules.append(("v", y0, y1, (x0 + x1) / 2))
    elif isinstance(obj, LTRect) and obj.stroke and w > 2.5 and h > 2.5:
        rules.extend((("h", x0, x1, y0), ("h", x0, x1, y1), ("v", y0, y1, x0), ("v", y0, y1, x1)))


def _drop_page_numbers(found: list[_PdfLine], box: list[float]) -> tuple[list[_PdfLine], int]:
    """Drop the page's top or bottom line when it is only a page number ("2", "- 2 -", "Trang 2") set near the
    middle of the page, in its top or bottom 15 %."""
    if not found:
        return found, 0
    width, height = box[2] - box[0], box[3] - box[1]
    centre = (box[0] + box[2]) / 2
    top = max(found, key=lambda line: line.top)
    bottom = min(found, key=lambda line: line.bottom)
    drop = set()
    for line, near in ((top, top.bottom >= box[3] - 0.15 * height), (bottom, bottom.top <= box[1] + 0.15 * height)):
        if near and _PAGE_NUMBER.match(clean(line.text)) and abs(line.cx - centre) <= 0.12 * width:
            drop.add(id(line))
    return [line for line in found if id(line) not in drop], len(drop)


def _rows_of(found: list[_PdfLine]) -> list[list[_PdfLine]]:
    """Lines grouped into rows (a line belongs to a row when its middle lies within the row's first line), rows
    from the top, lines in a row from the left."""
    rows: list[list[_PdfLine]] = []
    for line in sorted(found, key=lambda line: -line.top):
        if rows and rows[-1][0].bottom <= line.cy <= rows[-1][0].top:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda line: line.x0) for row in rows]


class _PdfLayout:
    """The reading order of a page: the header block of page 1 by columns, ruled tables cell by cell, every other
    line from top to bottom and, on one row, from left to right. Keeps the count of tables across pages."""

    def __init__(self) -> None:
        self.tables = 0
        # a table ending the page: index, column lefts, rows so far, the texts of its first row
        self.open_table: tuple[int, list[float], int, list[str]] | None = None
        self.continued = 0
        self.repeated = 0  # header rows repeated at the top of a continued table, dropped

    def order(self, found: list[_PdfLine], rules: list[tuple], page: int, height: float) -> list[_PdfLine]:
        tables, rest = _tables(found, rules)
        blocks: list[tuple[float, list[_PdfLine], tuple | None]] = list(tables)
        if page == 1:
            header, rest = _header_block(rest, height)
            if header:
                blocks.append((max(line.top for line in header), header, None))
        _centre(rest)
        blocks.extend((_top(row), row, None) for row in _rows_of(rest))
        blocks.sort(key=lambda block: -block[0])
        open_table, self.open_table = self.open_table, None
        for i, (top, lines, table) in enumerate(blocks):
            if table is None:
                continue
            columns, rows = table
            heading = [line.text for line in lines if line.row == 0]
            if i == 0 and open_table is not None and _same_columns(columns, open_table[1]):
                # the table of the previous page goes on (a long task table): same index, rows counted on; a
                # header row Word or the browser repeats on each page is dropped
                index, offset, heading = open_table[0], open_table[2], open_table[3]
                self.continued += 1
                if [line.text for line in lines if line.row == 0] == heading:
                    lines[:] = [line for line in lines if line.row != 0]
                    for line in lines:
                        line.row -= 1
                    rows -= 1
                    self.repeated += 1
            else:
                index, offset, self.tables = self.tables, 0, self.tables + 1
            for line in lines:
                line.table, line.row = index, line.row + offset
                line.region = ("table", index, line.row, line.cell)
            if i == len(blocks) - 1:
                self.open_table = (index, columns, offset + rows, heading)
        return [line for _, lines, _ in blocks for line in lines]


def _top(row: list[_PdfLine]) -> float:
    return max(line.top for line in row)


def _bottom(row: list[_PdfLine]) -> float:
    return min(line.bottom for line in row)


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 3 for x, y in zip(a, b))


def _tables(found: list[_PdfLine], rules: list[tuple]) -> tuple[list, list[_PdfLine]]:
    """The lines inside the cells of ruled tables, one block per table: (top, lines cell by cell with `row` and
    `cell` set, (column lefts, rows)); and the other lines. `cell` is the column of the cell's left border in the
    table (a merged cell counts as its first column), `row` the rank of its top border."""
    if not rules:
        return [], found
    horizontal = [r for r in rules if r[0] == "h"]
    vertical = [r for r in rules if r[0] == "v"]
    cells: dict[tuple, list[_PdfLine]] = {}
    rest = []
    for line in found:
        cell = _cell_of(line, horizontal, vertical) if horizontal and vertical else None
        if cell is None:
            rest.append(line)
        else:
            cells.setdefault(cell, []).append(line)
    keys = list(cells)
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(keys):
        for j in range(i + 1, len(keys)):
            if _touch(a, keys[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(root(i), []).append(key)
    blocks = []
    for group in groups.values():
        if len(group) < 2:  # a frame around some text, not a table
            rest.extend(cells[group[0]])
            continue
        row_of = _levels([key[3] for key in group], descending=True)
        column_of = _levels([key[0] for key in group])
        ordered = []
        for key in sorted(group, key=lambda key: (row_of(key[3]), column_of(key[0]))):
            for line in sorted(cells[key], key=lambda line: (-line.top, line.x0)):
                line.row, line.cell = row_of(key[3]), column_of(key[0])
                ordered.append(line)
        columns = _distinct(sorted(key[0] for key in group))
        blocks.append((max(key[3] for key in group), ordered, (columns, max(line.row for line in ordered) + 1)))
    return blocks, rest


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in values:
        if not out or value - out[-1] > 3:
            out.append(value)
    return out


def _levels(values: list[float], descending: bool = False) -> Callable[[float], int]:
    """The rank of a value among `values` (from the smallest, or the largest), values closer than 3 pt counting
    as one."""
    distinct = _distinct(sorted(values))
    if descending:
        distinct.reverse()
    return lambda v: min(range(len(distinct)), key=lambda i: abs(distinct[i] - v))


def _cell_of(line: _PdfLine, horizontal: list[tuple], vertical: list[tuple]) -> tuple | None:
    """The rectangle of ruling that encloses `line`: (left, bottom, right, top), or None."""
    cx, cy = line.cx, line.cy
    left = max((x for _, y0, y1, x in vertical if x <= line.x0 + 2 and y0 - 2 <= cy <= y1 + 2), default=None)
    right = min((x for _, y0, y1, x in vertical if x >= line.x1 - 2 and y0 - 2 <= cy <= y1 + 2), default=None)
    top = min((y for _, x0, x1, y in horizontal if y >= line.top - 2 and x0 - 2 <= cx <= x1 + 2), default=None)
    bottom = max((y for _, x0, x1, y in horizontal if y <= line.bottom + 2 and x0 - 2 <= cx <= x1 + 2), default=None)
    if left is None or right is None or top is None or bottom is None:
        return None
    return round(left, 1), round(bottom, 1), round(right, 1), round(top, 1)


def _touch(a: tuple, b: tuple) -> bool:
    """Two cells (left, bottom, right, top) that share a border."""
    overlap_y = min(a[3], b[3]) - max(a[1], b[1]) > 1
    overlap_x = min(a[2], b[2]) - max(a[0], b[0]) > 1
    return ((abs(a[2] - b[0]) <= 3 or abs(b[2] - a[0]) <= 3) and overlap_y) or \
        ((abs(a[1] - b[3]) <= 3 or abs(b[1] - a[3]) <= 3) and overlap_x)


def _header_block(found: list[_PdfLine], height: float) -> tuple[list[_PdfLine], list[_PdfLine]]:
    """The two-column header block at the top of page 1 (left: issuer, "*", "Số …"; right: motto, place and date),
    left column first, and the other lines.

    The block starts at a row with lines on both sides of a gap (among the first three rows, in the top 40 % of the
    page); the middle of that gap splits the columns. It runs down to the last row with lines on both sides, no row
    crossing the split; after it, rows in the left column only (a công văn's "V/v …") belong to it while they
    follow closely."""
    rows = _rows_of(found)
    if not rows:
        return [], found
    page_top = _top(rows[0])
    start = split = None
    for i, row in enumerate(rows[:3]):
        if page_top - _top(row) > 0.4 * height:
            break
        split = _widest_gap(row)
        if split is not None:
            start = i
            break
    if start is None or split is None:
        return [], found
    block = []
    for row in rows[start:]:
        if page_top - _top(row) > 0.5 * height or any(line.x0 < split < line.x1 for line in row):
            break
        block.append(row)
    paired = [i for i, row in enumerate(block)
              if any(line.cx < split for line in row) and any(line.cx >= split for line in row)]
    if not paired:  # the first row had a line across the gap: no header block here
        return [], found
    kept = block[:paired[-1] + 1]
    left = [line for row in kept for line in row if line.cx < split]
    right = [line for row in kept for line in row if line.cx >= split]
    left_x0 = min(line.x0 for line in left)
    for row in block[paired[-1] + 1:]:
        if _bottom(kept[-1]) - _top(row) > 0.6 * row[0].height or \
                not all(line.x0 >= left_x0 - 12 and line.x1 <= split for line in row):
            break
        kept.append(row)
        left.extend(row)
    for column, lines in ((0, left), (1, right)):
        for line in lines:
            line.region = ("header", column)
    taken = {id(line) for line in left + right}
    return left + right, [line for line in found if id(line) not in taken]


def _widest_gap(row: list[_PdfLine]) -> float | None:
    """The middle of the widest gap (at least 15 pt) between lines side by side on one row."""
    best = None
    for a, b in zip(row, row[1:]):
        gap = b.x0 - a.x1
        if gap >= 15 and (best is None or gap > best[0]):
            best = (gap, (a.x1 + b.x0) / 2)
    return None if best is None else best[1]


def _centre(found: list[_PdfLine]) -> None:
    """Mark lines set clearly in the middle of the page's text area (a title, the kind word)."""
    if len(found) < 3:
        return
    left = min(line.x0 for line in found)
    right = max(line.x1 for line in found)
    width = right - left
    if width <= 0:
        return
    middle = (left + right) / 2
    for line in found:
        if line.x1 - line.x0 < 0.85 * width and line.x0 > left + 0.04 * width and \
                abs(line.cx - middle) <= 0.03 * width:
            line.align = "center"


def _add_joined(ordered: list[_PdfLine], lines: _Lines) -> int:
    """Add the lines, a word broken by a hyphen at the very end of a line ("tuyên truy-" + "ền …") joined when the
    next line (same column or cell) starts with a lower-case letter; returns how many were joined."""
    joined = 0
    pending: _PdfLine | None = None
    for line in ordered:
        text = clean(line.text)
        if not text:
            continue
        line.text = text
        if pending is not None and _breaks(pending.text) and line.region == pending.region and text[0].islower():
            pending.text = pending.text[:-1] + text
            pending.bold = pending.bold and line.bold
            pending.italic = pending.italic and line.italic
            joined += 1
            continue
        if pending is not None:
            _emit(pending, lines)
        pending = line
    if pending is not None:
        _emit(pending, lines)
    return joined


def _breaks(text: str) -> bool:
    return len(text) >= 2 and text[-1] in _HYPHENS and text[-2].isalpha()


def _emit(line: _PdfLine, lines: _Lines) -> None:
    lines.add(line.text, bold=line.bold, italic=line.italic, table=line.table, row=line.row, cell=line.cell,
              align=line.align, page=line.page)


_BROKEN = {".docx": DOCX_BROKEN, ".pdf": PDF_BROKEN}
_READERS: dict[str, Callable[[Path, SourceText, _Lines], None]] = {
    ".docx": _read_docx,
    ".pdf": _read_pdf,
    ".txt": _read_text,
    ".md": _read_text,
}
