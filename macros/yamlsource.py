"""Reads YAML into nodes that remember where they were written, so every problem can name its line.

PyYAML's constructors turn unquoted `2024-05-07` into a date and `yes` into a boolean and forget
positions; here every scalar keeps its source text and resolved tag, and the schema decides what
a value means.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Union

import yaml

from .diagnostics import Pos, Problems

STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


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
    "expected ',' or ']', but got": "danh sách trong ngoặc vuông [ ] chưa đóng hoặc thiếu dấu phẩy",
    "expected ',' or '}', but got": "bảng trong ngoặc nhọn { } chưa đóng hoặc thiếu dấu phẩy",
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
    return f"lỗi cú pháp YAML ({english}); kiểm tra thụt lề, dấu hai chấm và dấu ngoặc kép"


def load_yaml(path: str, text: str, problems: Problems) -> Node | None:
    """Parse one YAML document; on a syntax error record it and return None."""
    text = unicodedata.normalize("NFC", text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.add(_pos(path, mark) if mark else Pos(path), describe_syntax_error(exc))
        return None
    except yaml.YAMLError as exc:  # e.g. a second document marker
        problems.add(Pos(path), f"lỗi cú pháp YAML: {exc}")
        return None
    if root is None:
        return None
    return _convert(path, root, problems)


def _convert(path: str, node: yaml.Node, problems: Problems) -> Node:
    pos = _pos(path, node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        return Scalar(node.value, node.tag, pos, node.style)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(pos, [_convert(path, item, problems) for item in node.value])
    mapping = Mapping(pos)
    for key_node, value_node in node.value:
        key_pos = _pos(path, key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.add(key_pos, "tên khóa phải là một chữ, không phải danh sách hay bảng")
            continue
        key = key_node.value
        if key in mapping.items:
            first = mapping.items[key][0]
            problems.add(key_pos, f"khóa \"{key}\" bị lặp lại (đã có ở dòng {first.line}); chỉ giữ một lần")
            continue
        mapping.items[key] = (key_pos, _convert(path, value_node, problems))
    return mapping


def first_comment_ok(text: str) -> bool:
    """Data files open with a comment saying what they hold (a schema line may come first)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("# yaml-language-server:"):
            continue
        return stripped.startswith("#")
    return True
