"""Reads YAML into nodes that remember where they were written, so every problem can name its line.

PyYAML's constructors turn unquoted `2024-05-07` into a date and `yes` into a boolean and forget
positions; here every scalar keeps its source text and resolved tag, and the schema decides what
a value means.

PyYAML's own composer expands aliases without limit (a 1 KB "billion laughs" file takes minutes and all
memory) and recurses once per nesting level (RecursionError on deep data). The composer below walks the
parser's event stream with an explicit stack, reuses an anchored node for each of its aliases, and stops a
file at the first limit it crosses, saying which limit and where.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Union

import yaml
import yaml.cyaml  # noqa: F401  (libyaml, when PyYAML was built with it)

from .diagnostics import Pos, Problems, char_name, echo

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"

# The limits a data file must stay within. The largest shipped files are a plan of 130 tasks (75 KB, about
# 2,000 values) and the list of 74 organisations (39 KB, 2,200 values); the deepest data is an outline of 4
# section levels, about 10 YAML levels. Each limit leaves a wide margin above real data (a longer list is split
# into files in data/organisations/ or data/documents/) while keeping what a hostile file costs to about a
# second and a few megabytes: the pure-Python parser needs some 30 µs a value, so the value limit bounds the time.
MAX_FILE_BYTES = 1_000_000  # 13 times the largest shipped file
MAX_DEPTH = 64  # nested lists and mappings; the recursive readers downstream stay far from Python's limit
MAX_ALIASES = 1_000  # real data uses none; a few for repeated values are fine
MAX_NODES = 20_000  # values after every alias is replaced by what it names (each alias counts in full)
MAX_TEXT = 2_000_000  # characters of scalar text after the same expansion (twice what one file can hold)

# Explicit tags that only restate what a value is; every other tag (!!binary, !!timestamp, !!python/…, !custom)
# would ask a YAML library for a type the data model does not have, or for code to run.
SCALAR_TAGS = frozenset({STR_TAG, INT_TAG, FLOAT_TAG, BOOL_TAG, NULL_TAG})
COLLECTION_TAGS = {"sequence": SEQ_TAG, "mapping": MAP_TAG}


@dataclass
class Scalar:
    text: str
    tag: str
    pos: Pos
    style: str | None = None  # None (plain), "'", '"', "|" or ">"

    @property
    def is_null(self) -> bool:
        return self.tag == NULL_TAG

    def line_of(self, offset: int) -> Pos:
        """The position of a character inside the value; exact for literal blocks, else the value's start."""
        if self.style == "|":
            line = self.pos.line + 1 + self.text.count("\n", 0, offset)
            return Pos(self.pos.path, line, self.pos.column)
        return self.pos


@dataclass
class Mapping:
    pos: Pos
    # key -> (position of the key, value node); insertion order is the file's order
    items: dict[str, tuple[Pos, "Node"]] = field(default_factory=dict)


@dataclass
class Sequence:
    pos: Pos
    items: list["Node"] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]

KIND_NAMES = {Scalar: "một giá trị", Mapping: "một bảng khóa: giá trị", Sequence: "một danh sách"}

# PyYAML explains syntax errors in English; these are the ones editors meet most often.
_SYNTAX_HINTS = {
    "mapping values are not allowed here": "có dấu hai chấm không đúng chỗ; nếu giá trị chứa \": \" hãy đặt nó trong ngoặc kép",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên khóa, hoặc một dòng văn bản bị ngắt mà không thụt lề",
    "found character '\\t' that cannot start any token": "có ký tự Tab; YAML chỉ cho phép thụt lề bằng dấu cách",
    "expected <block end>, but found '-'": "mục danh sách \"-\" thụt lề không khớp với các mục khác",
    "expected <block end>, but found '<block mapping start>'": "thụt lề không khớp với các dòng phía trên",
    "expected <block end>, but found '<scalar>'": "thụt lề không khớp với các dòng phía trên",
    "found unexpected end of stream": "thiếu dấu ngoặc kép đóng",
    "found undefined alias": "dùng bí danh (*) chưa được khai báo",
    "expected ',' or ']', but got": "danh sách trong ngoặc vuông [ ] chưa đóng, thiếu dấu phẩy, hoặc trong đó có "
                                    "chuỗi thiếu dấu ngoặc kép đóng",
    "expected ',' or '}', but got": "bảng trong ngoặc nhọn { } chưa đóng, thiếu dấu phẩy, hoặc trong đó có chuỗi "
                                    "thiếu dấu ngoặc kép đóng",
    "found unknown escape character": "chuỗi trong ngoặc kép có ký tự \\ không hợp lệ; dùng ngoặc đơn hoặc bỏ \\",
    "while scanning a quoted scalar": "chuỗi trong ngoặc kép chưa được đóng",
}


def _pos(path: str, mark: yaml.Mark) -> Pos:
    return Pos(path, mark.line + 1, mark.column + 1)


def describe_syntax_error(exc: yaml.MarkedYAMLError) -> str:
    english = " ".join(filter(None, [exc.context, exc.problem]))
    for key, hint in _SYNTAX_HINTS.items():
        if key in english:
            return f"lỗi cú pháp YAML: {hint}"
    return f"lỗi cú pháp YAML ({echo(english, 200)}); kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép"


def _count(n: int) -> str:
    """1.000.000: Vietnamese groups thousands with dots."""
    return f"{n:,}".replace(",", ".")


# ---- characters, before the parser sees them ----

# What PyYAML's reader refuses (with an English message placed at 1:1) or reads as a line break that no editor
# shows (U+0085, U+2028, U+2029: every later line number would be off by one).
_RAW_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x0D: "CR", 0x1B: "ESC",
                  0x7F: "DEL", 0x85: "NEL", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}


def _shown_char(char: str) -> str:
    name = _CONTROL_NAMES.get(ord(char))
    return f"{char_name(char)} ({name})" if name else char_name(char)


def offset_pos(path: str, text: str, offset: int) -> Pos:
    """Line and column of a character, counting only LF (so CRLF once) as a line end, as editors do."""
    line_start = text.rfind("\n", 0, offset) + 1
    return Pos(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def _raw_message(char: str, more: int) -> str:
    where = f"ở đây (và {more} chỗ khác trong tệp)" if more else "ở đây"
    shown = _shown_char(char)
    if char in "\u2028\u2029\x85":
        return (f"có ký tự ngắt dòng ẩn {shown} {where}, thường lẫn vào khi dán văn bản từ Word hoặc trang web; "
                "trình soạn thảo không xuống dòng ở ký tự này nhưng YAML thì có: hãy xóa nó (muốn xuống dòng thì "
                "nhấn Enter)")
    if char in "\ufffe\uffff":
        return f"có ký tự không hợp lệ {shown} {where}; hãy xóa nó"
    hint = ("; nếu có rất nhiều ký tự này, tệp có thể đã được lưu theo mã UTF-16: hãy lưu lại với mã hóa UTF-8"
            if char == "\x00" else "")
    return (f"có ký tự điều khiển vô hình {shown} {where}, thường lẫn vào khi dán văn bản từ Word, PDF hoặc "
            f"trang web; hãy xóa ký tự này (Visual Studio Code hiện nó thành một ô nhỏ màu đỏ){hint}")


_SAVE_AS_LF = ("hãy lưu lại tệp với kiểu xuống dòng LF (trong Visual Studio Code: bấm chữ CRLF hoặc LF ở góc dưới bên "
               "phải, chọn LF, rồi lưu)")
CR_ONLY_MESSAGE = ("tệp xuống dòng bằng ký tự U+000D (CR) kiểu máy Mac cũ, nên cả tệp bị đọc thành một dòng; "
                   + _SAVE_AS_LF)


def _lone_cr_message(more: int) -> str:
    where = f"ở đây (và {more} chỗ khác trong tệp)" if more else "ở đây"
    return (f"có ký tự U+000D (CR) đứng riêng {where}: YAML xuống dòng ở đó nhưng trình soạn thảo thì có thể không, "
            f"nên số dòng không còn khớp; {_SAVE_AS_LF}")


def check_characters(path: str, text: str, problems: Problems) -> str | None:
    """Report invisible characters the parser would misread; return the text to parse, or None when there is none.

    Each reported character is replaced by a space, so the file is still read and every later line and column
    stays where the editor shows it. A CR not followed by LF ends a line for YAML and not for every editor, so no
    later position could be trusted: it is reported once (an old Mac file, all CR, once as such) and the file is
    not read.
    """
    lone_cr = _LONE_CR.search(text)
    if lone_cr:
        message = CR_ONLY_MESSAGE if "\n" not in text else _lone_cr_message(len(_LONE_CR.findall(text)) - 1)
        problems.add(offset_pos(path, text, lone_cr.start()), message)
        return None
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for match in _RAW_BAD.finditer(text):
        char = match.group()
        first.setdefault(char, match.start())
        counts[char] += 1
    if not first:
        return text
    for char, offset in first.items():
        problems.add(offset_pos(path, text, offset), _raw_message(char, counts[char] - 1))
    return _RAW_BAD.sub(" ", text)


# ---- characters that escapes in double-quoted strings produce ----

_BAD_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _escape_message(value: str, match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xD800 <= code <= 0xDBFF and match.end() < len(value) and "\udc00" <= value[match.end()] <= "\udfff":
        low = ord(value[match.end()])
        whole = chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
        return (f"chuỗi có mã thoát \\u{code:04x}\\u{low:04x}: hai nửa ký tự UTF-16 mà YAML không ghép lại thành "
                f"một ký tự; hãy gõ thẳng ký tự {echo(whole)} thay cho mã thoát")
    if 0xD800 <= code <= 0xDFFF:
        return (f"chuỗi có mã thoát \\u{code:04x} tạo ra nửa ký tự UTF-16 ({char_name(char)}), không đứng riêng "
                "được; hãy gõ thẳng ký tự cần viết (ví dụ 😀) thay cho mã thoát")
    if char in "\u2028\u2029\x85":
        return (f"chuỗi có mã thoát tạo ra ký tự ngắt dòng ẩn {_shown_char(char)}; hãy bỏ mã thoát đó (muốn xuống "
                "dòng trong ngoặc kép thì viết \\n)")
    return (f"chuỗi có mã thoát tạo ra ký tự điều khiển {_shown_char(char)}; hãy bỏ mã thoát đó (trong ngoặc kép "
            "chỉ dùng \\n để xuống dòng và \\t cho Tab)")


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_YAML_TAG_PREFIX):] if tag.startswith(_YAML_TAG_PREFIX) else tag
    shown = echo(shown, 60)
    if tag == "tag:yaml.org,2002:binary":
        return "thẻ \"!!binary\" (dữ liệu nhị phân) không dùng được trong tệp dữ liệu; hãy bỏ thẻ và viết văn bản"
    if tag == TIMESTAMP_TAG:
        return "thẻ \"!!timestamp\" không dùng được: ngày viết dạng 15/6/2022, không cần thẻ; hãy bỏ thẻ"
    if tag.startswith(_YAML_TAG_PREFIX + "python/"):
        return f"thẻ \"{shown}\" (tạo đối tượng Python) bị cấm trong tệp dữ liệu; hãy bỏ thẻ"
    return (f"thẻ \"{shown}\" không được dùng trong tệp dữ liệu; hãy bỏ thẻ và viết giá trị bình thường (chỉ dùng "
            "được các thẻ chuẩn !!str, !!int, !!float, !!bool, !!null, !!seq, !!map)")


# ---- composing located nodes from the event stream ----

SECOND_DOCUMENT = ("dòng \"---\" này mở một tài liệu YAML thứ hai, nhưng mỗi tệp chỉ chứa một tài liệu; hãy xóa dòng "
                   "này nếu phần sau thuộc cùng tệp, hoặc chuyển phần sau sang một tệp riêng")


class _Stop(Exception):
    """A limit was crossed or the stream cannot be composed: the file is reported once and not read."""

    def __init__(self, pos: Pos, message: str) -> None:
        super().__init__(message)
        self.pos, self.message = pos, message


@dataclass(frozen=True)
class _Open:
    """An anchor whose node is still being composed: an alias to it would contain itself."""

    pos: Pos
_NO_KEY = object()


@dataclass
class _Anchor:
    node: Node
    nodes: int  # expanded size: values, counting every alias inside in full
    text: int  # expanded characters of scalar text
    height: int  # nesting levels of lists and mappings inside, 0 for a scalar


class _Frame:
    __slots__ = ("node", "anchor", "height", "nodes_before", "text_before", "key", "entry_mark", "value_mark")

    def __init__(self, node: Node, anchor: str | None, nodes_before: int, text_before: int, mark: int) -> None:
        self.node, self.anchor = node, anchor
        self.height = 0
        self.nodes_before, self.text_before = nodes_before, text_before
        self.key: object = _NO_KEY
        self.entry_mark = self.value_mark = mark


@dataclass
class Parsed:
    root: Node | None  # None for a file with no content (only comments, or nothing)
    failed: bool = False  # a problem was recorded and the file could not be read


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with its scanner's look-ahead kept linear on deep flow nesting."""

    def save_possible_simple_key(self) -> None:
        # The scanner remembers a possible key for each open [ or { and re-checks them all at every token while it
        # looks ahead (up to 1024 characters) for a ":". On a line of a thousand brackets that is quadratic: seconds
        # before the first event reaches the composer. A token inside more than MAX_DEPTH flow collections is in a
        # file the composer refuses (at the right place, from the events before it), so its key is not tracked.
        if self.flow_level <= MAX_DEPTH:
            super().save_possible_simple_key()


if yaml.__with_libyaml__:
    class _CLoader(yaml.cyaml.CParser, yaml.resolver.Resolver):  # type: ignore[misc, name-defined]
        """libyaml's parser (events with line and column) and PyYAML's resolver, for files without problems."""

        def __init__(self, text: str) -> None:
            yaml.cyaml.CParser.__init__(self, text)
            yaml.resolver.Resolver.__init__(self)
else:  # pragma: no cover - PyYAML built without libyaml
    _CLoader = None  # type: ignore[assignment, misc]


class _Composer:
    def __init__(self, path: str) -> None:
        self.path = path
        # Problems inside a document are kept apart until it is fully read: a file that stops at a syntax
        # error or a limit reports only that, as a file PyYAML could not compose.
        self.soft = Problems()
        self.anchors: dict[str, _Anchor | _Open] = {}
        self.nodes = self.text = self.aliases = 0

    def pos(self, mark: yaml.Mark) -> Pos:
        return Pos(self.path, mark.line + 1, mark.column + 1)

    def run(self, loader: _Loader) -> Node | None:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        root = self.document(loader)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _Stop(self.pos(loader.get_event().start_mark), SECOND_DOCUMENT)
        return root

    def grow(self, nodes: int, text: int, mark: yaml.Mark, alias: str | None) -> None:
        self.nodes += nodes
        self.text += text
        if self.nodes > MAX_NODES:
            if alias is not None:
                raise _Stop(self.pos(mark), f"bí danh *{echo(alias)} làm tệp vượt giới hạn {_count(MAX_NODES)} giá "
                                            "trị khi mỗi bí danh được thay bằng giá trị nó trỏ tới (bí danh lồng nhau "
                                            "nhân số giá trị lên rất nhanh); hãy viết thẳng giá trị thay cho bí danh")
            raise _Stop(self.pos(mark), f"tệp có quá {_count(MAX_NODES)} giá trị; hãy tách thành nhiều tệp nhỏ hơn")
        if self.text > MAX_TEXT:
            if alias is not None:
                raise _Stop(self.pos(mark), f"bí danh *{echo(alias)} làm tệp vượt giới hạn {_count(MAX_TEXT)} ký tự "
                                            "khi mỗi bí danh được thay bằng giá trị nó trỏ tới; hãy viết thẳng giá "
                                            "trị thay cho bí danh")
            raise _Stop(self.pos(mark), f"tệp có quá {_count(MAX_TEXT)} ký tự; hãy tách thành nhiều tệp nhỏ hơn")

    def claim(self, anchor: str | None, mark: yaml.Mark) -> None:
        if anchor is None:
            return
        first = self.anchors.get(anchor)
        if first is not None:
            line = (first.node.pos if isinstance(first, _Anchor) else first.pos).line
            raise _Stop(self.pos(mark), f"neo &{echo(anchor)} đã được đặt ở dòng {line}; mỗi neo chỉ đặt một lần, "
                                        "hãy đổi tên một neo")
        self.anchors[anchor] = _Open(self.pos(mark))

    def alias(self, event: yaml.AliasEvent, depth: int) -> _Anchor:
        name, mark = event.anchor, event.start_mark
        anchor = self.anchors.get(name)
        if anchor is None:
            raise _Stop(self.pos(mark), f"lỗi cú pháp YAML: {_SYNTAX_HINTS['found undefined alias']}")
        if isinstance(anchor, _Open):
            raise _Stop(self.pos(mark), f"bí danh *{echo(name)} nằm ngay trong giá trị được neo &{echo(name)} nên "
                                        "trỏ vào chính nó, lặp vô tận; hãy bỏ bí danh này")
        assert isinstance(anchor, _Anchor)
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _Stop(self.pos(mark), f"tệp dùng quá {_count(MAX_ALIASES)} bí danh (*); hãy viết thẳng giá trị "
                                        "thay cho bí danh")
        if depth + anchor.height > MAX_DEPTH:
            raise _Stop(self.pos(mark), f"bí danh *{echo(name)} đặt ở đây làm dữ liệu lồng nhau quá {MAX_DEPTH} "
                                        "cấp; hãy viết thẳng giá trị thay cho bí danh")
        self.grow(anchor.nodes, anchor.text, mark, name)
        return anchor

    def scalar(self, event: yaml.ScalarEvent, loader: _Loader) -> Scalar:
        value, style = event.value, event.style or None  # libyaml gives '' for a plain scalar, PyYAML None
        pos = self.pos(event.start_mark)
        self.grow(1, len(value), event.start_mark, None)
        tag = event.tag
        if tag is not None and tag not in SCALAR_TAGS:
            self.soft.add(pos, _tag_message(tag))
            tag = None
        if tag is None:
            implicit = event.implicit if event.tag is None else (style is None, style is not None)
            tag = loader.resolve(yaml.ScalarNode, value, implicit)
        bad = _BAD_VALUE.search(value)
        if bad:
            self.soft.add(pos, _escape_message(value, bad))
            value = _BAD_VALUE.sub("\ufffd", value)  # nothing downstream sees a character it cannot print
        return Scalar(value, tag, pos, style)

    def document(self, loader: _Loader) -> Node:
        stack: list[_Frame] = []
        soft = self.soft.items
        get_event = loader.get_event
        while True:
            event = get_event()
            kind = type(event)
            node: Node
            if kind is yaml.ScalarEvent:
                self.claim(event.anchor, event.start_mark)
                node, height = self.scalar(event, loader), 0
                if event.anchor is not None:
                    self.anchors[event.anchor] = _Anchor(node, 1, len(node.text), 0)
            elif kind is yaml.AliasEvent:
                anchor = self.alias(event, len(stack))
                node, height = anchor.node, anchor.height
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                pos = self.pos(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(pos, f"dữ liệu lồng nhau quá {MAX_DEPTH} cấp (danh sách, bảng nằm trong nhau); dữ "
                                     "liệu thật chỉ cần khoảng 10 cấp (đề cương tối đa 4 cấp mục), nên ở đây có lỗi "
                                     "thụt lề hoặc thừa dấu ngoặc [ {; hãy kiểm tra từ dòng này")
                self.claim(event.anchor, event.start_mark)
                collection = "sequence" if kind is yaml.SequenceStartEvent else "mapping"
                if event.tag is not None and event.tag != COLLECTION_TAGS[collection]:
                    self.soft.add(pos, _tag_message(event.tag))
                frame = _Frame(Sequence(pos) if collection == "sequence" else Mapping(pos), event.anchor,
                               self.nodes, self.text, len(soft))
                self.grow(1, 0, event.start_mark, None)
                stack.append(frame)
                continue
            else:  # the end of the innermost list or mapping
                frame = stack.pop()
                node, height = frame.node, frame.height + 1
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = _Anchor(node, self.nodes - frame.nodes_before,
                                                         self.text - frame.text_before, height)
            if not stack:
                return node
            parent = stack[-1]
            if height > parent.height:
                parent.height = height
            container = parent.node
            if isinstance(container, Sequence):
                container.items.append(node)
            elif parent.key is _NO_KEY:
                parent.key = node
                parent.value_mark = len(soft)
            else:
                self.entry(parent, node, soft)

    def entry(self, frame: _Frame, value: Node, soft: list) -> None:
        """One `key: value` of a mapping; a key that is not text, or is given twice, drops its value unread."""
        key, mapping = frame.key, frame.node
        assert isinstance(mapping, Mapping) and isinstance(key, (Scalar, Mapping, Sequence))
        if not isinstance(key, Scalar):
            del soft[frame.entry_mark:]
            self.soft.add(key.pos, "tên khóa phải là một chữ, không phải danh sách hay bảng")
        elif key.text in mapping.items:
            del soft[frame.value_mark:]
            first = mapping.items[key.text][0]
            self.soft.add(key.pos, f"khóa \"{echo(key.text)}\" bị lặp lại (đã có ở dòng {first.line}); chỉ giữ một "
                                   "lần")
        else:
            mapping.items[key.text] = (key.pos, value)
        frame.key = _NO_KEY
        frame.entry_mark = len(soft)


def _error_mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where to point the editor. A bracket left open is found only lines later, wherever the parser gives up (a
    quote it swallowed may close on a later line); the mistake is on the line where the bracket opened."""
    problem, context = exc.problem_mark, exc.context_mark
    if (problem is not None and context is not None and problem.line > context.line
            and (exc.problem or "").startswith(("expected ',' or '}'", "expected ',' or ']'"))):
        return context
    return problem or context


def compose(path: str, text: str, problems: Problems) -> Parsed:
    """Compose one YAML document from text already passed through check_characters.

    A file libyaml reads without a problem is composed from its events (several times faster than the pure-Python
    parser, with the same positions); any other file is read again by PyYAML's Python parser, whose messages and
    positions the editors' guide quotes."""
    if _CLoader is not None:
        fast = Problems()
        parsed = _compose(_CLoader, path, text, fast)
        if not fast.items:
            return parsed
    return _compose(_Loader, path, text, problems)


def _compose(loader_class: type, path: str, text: str, problems: Problems) -> Parsed:
    composer = _Composer(path)
    loader = None
    try:
        loader = loader_class(text)
        root = composer.run(loader)
    except _Stop as stop:
        problems.add(stop.pos, stop.message)
        return Parsed(None, failed=True)
    except yaml.MarkedYAMLError as exc:
        problems.add(_pos(path, mark) if (mark := _error_mark(exc)) else Pos(path), describe_syntax_error(exc))
        return Parsed(None, failed=True)
    except yaml.YAMLError as exc:
        problems.add(Pos(path), f"lỗi cú pháp YAML: {echo(exc, 200)}")
        return Parsed(None, failed=True)
    finally:
        if loader is not None:
            loader.dispose()
    problems.extend(composer.soft)
    if isinstance(root, Scalar) and root.is_null and root.text == "" and root.style is None:
        return Parsed(None)  # "---" and nothing else: as empty as a file of comments
    return Parsed(root)


def read_yaml(path: str, text: str, problems: Problems) -> Parsed:
    """Check the characters of one YAML document and compose it; every problem is recorded, none raised."""
    text = unicodedata.normalize("NFC", text)
    checked = check_characters(path, text, problems)
    if checked is None:
        return Parsed(None, failed=True)
    return compose(path, checked, problems)


def load_yaml(path: str, text: str, problems: Problems) -> Node | None:
    """Parse one YAML document; on a problem that stops the reading, record it and return None."""
    return read_yaml(path, text, problems).root


def first_comment_ok(text: str) -> bool:
    """Data files open with a comment saying what they hold (a schema line may come first)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("# yaml-language-server:"):
            continue
        return stripped.startswith("#")
    return True
