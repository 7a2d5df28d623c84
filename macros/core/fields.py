"""Field types of the data model: each reads a located YAML node into a typed value or reports why not.

The model's dataclasses declare their fields with these types (see `spec`), so the reader, the
checker and the generated JSON Schemas all come from one declaration.
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from . import dates
from .unknown import UNKNOWN, UNKNOWN_TEXT
from .diagnostics import Pos, Problems, echo
from .vietnamese import closest, slugify
from .yamlsource import (BOOL_TAG, FLOAT_TAG, INT_TAG, KIND_NAMES, Mapping, Node, Scalar,
                         Sequence)

INVALID = object()  # a value that failed to read; its problem is already recorded
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# An id names generated files: `su-kien/<id>/index.html`, `<id>.pdf`, paths inside the offline zip. 100 ASCII
# characters keep those well inside the 255-byte file name limit and Windows' 260-character paths on a USB copy.
MAX_ID_LENGTH = 100
_DECIMAL_RE = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_NUMBER_LIKE_RE = re.compile(r"[-+]?[0-9][0-9A-Za-z_:]*")
MAX_DIGITS = 18  # no field needs more; int() of thousands of digits is slow and refused past 4,300
_JINJA_RE = re.compile(r"\{\{|\{%|\{#")


@dataclass(frozen=True)
class Ref:
    """A reference by id to another record, with where it was written (for "unknown id" messages)."""

    target: str  # "organisation", "document", "event", "milestone", "plan", "outline"
    id: str
    pos: Pos

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class WrittenName(Ref):
    """A reference written as a name, a number or a title ("Ban Tuyên giáo Huyện ủy", "171-KH/BTGTU") where an id
    belongs. The reader cannot tell which record bears that name (it reads one file, not the data set), so it keeps
    what was written here and the checker reports it once, suggesting the id of the record so named
    (validate.check_references). Its `id` is the text as written: it names no record."""

    key: str = ""  # the YAML key it was written under, as the message names it


@dataclass
class Ctx:
    problems: Problems
    # Each record type's data fields by YAML key (read_record), worked out once for the file, not once a record.
    _fields: dict[type, dict[str, dataclasses.Field]] = dataclasses.field(default_factory=dict)

    def error(self, pos: Pos, message: str) -> object:
        self.problems.add(pos, message)
        return INVALID

    def fields_by_key(self, cls: type) -> dict[str, dataclasses.Field]:
        found = self._fields.get(cls)
        if found is None:
            found = self._fields[cls] = {yaml_key(f): f for f in data_fields(cls)}
        return found


def is_unknown(node: Node) -> bool:
    return isinstance(node, Scalar) and node.text.strip().casefold() == UNKNOWN_TEXT


def _expect_scalar(node: Node, ctx: Ctx, key: str, what: str) -> Scalar | None:
    if isinstance(node, Scalar) and not node.is_null:
        return node
    got = "để trống" if isinstance(node, Scalar) else KIND_NAMES[type(node)]
    ctx.error(node.pos, f"\"{key}\" phải là {what}, nhưng ở đây {got}")
    return None


def _too_long(value: str) -> str | None:
    if len(value) <= MAX_ID_LENGTH:
        return None
    return (f"mã \"{echo(value)}\" dài {len(value)} ký tự, quá giới hạn {MAX_ID_LENGTH} ký tự (tên trang web và tệp "
            "PDF được đặt theo mã); hãy đặt mã ngắn hơn")


class FieldType(ABC):
    """Reads one field value. `json` describes it for the generated JSON Schema."""

    description = ""

    @abstractmethod
    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        """Return the typed value, or INVALID after reporting the problem."""

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {}


class Text(FieldType):
    description = "văn bản"

    def __init__(self, markdown: bool = False, allow_unknown: bool = False) -> None:
        self.markdown = markdown
        self.allow_unknown = allow_unknown

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        if self.allow_unknown and is_unknown(node):
            return UNKNOWN
        scalar = _expect_scalar(node, ctx, key, "một đoạn văn bản")
        if scalar is None:
            return INVALID
        value = scalar.text.strip() if scalar.style not in ("|", ">") else scalar.text.rstrip("\n")
        if not value:
            return ctx.error(scalar.pos, f"\"{key}\" để trống; hãy viết nội dung hoặc bỏ khóa này")
        match = _JINJA_RE.search(value)
        if match:
            return ctx.error(scalar.line_of(match.start()),
                             f"\"{key}\" chứa \"{match.group()}\": cú pháp mẫu (Jinja) không được dùng trong dữ liệu; "
                             "hãy bỏ dấu ngoặc nhọn")
        for offset, message in check_anniversary_spans(value):
            ctx.error(scalar.line_of(offset), message)
        return value

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.allow_unknown:
            schema["description"] = "viết \"chưa rõ\" nếu văn bản nguồn không nêu"
        return schema


class Id(FieldType):
    description = "mã định danh"

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        scalar = _expect_scalar(node, ctx, key, "một mã định danh")
        if scalar is None:
            return INVALID
        value = scalar.text.strip()
        if not ID_RE.match(value):
            return ctx.error(scalar.pos, f"mã \"{echo(value)}\" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và "
                                         f"dấu gạch ngang, ví dụ \"{echo(slugify(value) or 'ky-niem-70-nam')}\"")
        too_long = _too_long(value)
        if too_long:
            return ctx.error(scalar.pos, too_long)
        return value

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_RE.pattern, "maxLength": MAX_ID_LENGTH}


class Integer(FieldType):
    description = "số nguyên"

    def __init__(self, minimum: int | None = None, maximum: int | None = None, allow_unknown: bool = False) -> None:
        self.minimum, self.maximum, self.allow_unknown = minimum, maximum, allow_unknown

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        if self.allow_unknown and is_unknown(node):
            return UNKNOWN
        scalar = _expect_scalar(node, ctx, key, "một số nguyên")
        if scalar is None:
            return INVALID
        text = scalar.text
        if scalar.style is None and (scalar.tag == INT_TAG or _NUMBER_LIKE_RE.fullmatch(text)) \
                and not _DECIMAL_RE.fullmatch(text):
            # YAML 1.1 also reads 0x7E8, 0o17, 0b101, 33:44 (base 60), 1_000 and 017 (octal) as integers;
            # nobody reading the file sees the number the machine does.
            return ctx.error(scalar.pos, f"\"{key}\" phải viết số thập phân, ví dụ 2024 (không dùng 0x, 0o, 0b, dấu "
                                         f"_, dấu : hay số 0 ở đầu); ở đây là \"{echo(text)}\"")
        if scalar.tag != INT_TAG or scalar.style is not None:
            return ctx.error(scalar.pos, f"\"{key}\" phải là một số nguyên viết không có ngoặc kép, ví dụ 2024; "
                                         f"ở đây là \"{echo(text)}\"")
        digits = text.lstrip("+-")
        value = int(text) if len(digits) <= MAX_DIGITS else None
        if value is None or self.minimum is not None and value < self.minimum \
                or self.maximum is not None and value > self.maximum:
            if self.minimum is None and self.maximum is None:
                return ctx.error(scalar.pos, f"\"{key}\" = {echo(text)} quá lớn")
            return ctx.error(scalar.pos, f"\"{key}\" = {echo(text)} nằm ngoài khoảng cho phép "
                                         f"{self.minimum}–{self.maximum}")
        return value

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.allow_unknown:
            return {"anyOf": [schema, {"const": UNKNOWN_TEXT}]}
        return schema


class Boolean(FieldType):
    description = "có/không"

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        scalar = _expect_scalar(node, ctx, key, "true hoặc false")
        if scalar is None:
            return INVALID
        if scalar.tag != BOOL_TAG or scalar.text not in ("true", "false"):
            return ctx.error(scalar.pos, f"\"{key}\" chỉ nhận true hoặc false; ở đây là \"{echo(scalar.text)}\"")
        return scalar.text == "true"

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}


class Enum(FieldType):
    def __init__(self, choices: dict[str, str]) -> None:
        self.choices = choices
        self.description = "một trong: " + ", ".join(choices)

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        scalar = _expect_scalar(node, ctx, key, "một giá trị trong danh mục")
        if scalar is None:
            return INVALID
        value = scalar.text.strip()
        if value not in self.choices:
            options = ", ".join(f"{k} ({v})" for k, v in self.choices.items())
            near = closest(value, self.choices)
            hint = f"; có phải ý bạn là \"{near[0]}\"?" if near else ""
            return ctx.error(scalar.pos, f"\"{key}\" không nhận \"{echo(value)}\"{hint} Các giá trị hợp lệ: {options}")
        return value

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"enum": list(self.choices), "description": "; ".join(f"{k}: {v}" for k, v in self.choices.items())}


class DateField(FieldType):
    description = "ngày, viết 15/6/2022"

    def __init__(self, allow_unknown: bool = True) -> None:
        self.allow_unknown = allow_unknown

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        if self.allow_unknown and is_unknown(node):
            return UNKNOWN
        scalar = _expect_scalar(node, ctx, key, "một ngày (ví dụ 15/6/2022)")
        if scalar is None:
            return INVALID
        if scalar.tag in (INT_TAG, FLOAT_TAG, BOOL_TAG):
            return ctx.error(scalar.pos, f"\"{key}\" phải là một ngày dạng ngày/tháng/năm, ví dụ 15/6/2022; "
                                         f"ở đây là \"{echo(scalar.text)}\"")
        try:
            return dates.parse_date(scalar.text)
        except dates.DateError as exc:
            unknown_hint = " hoặc \"chưa rõ\"" if self.allow_unknown else ""
            return ctx.error(scalar.pos, f"\"{key}\": {exc}{'' if 'không đọc' not in str(exc) else unknown_hint}")

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        pattern = r"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})$"
        options: list[dict[str, Any]] = [{"type": "string", "pattern": pattern}]
        if self.allow_unknown:
            options.append({"const": UNKNOWN_TEXT})
        return {"anyOf": options, "description": "ngày/tháng/năm, ví dụ 15/6/2022"}


class FuzzyField(FieldType):
    description = "thời gian, có thể không chính xác (Quý III năm 2023, Tháng 12/2023, ...)"

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        scalar = _expect_scalar(node, ctx, key, "một mốc thời gian (ví dụ Quý III năm 2023)")
        if scalar is None:
            return INVALID
        try:
            return dates.parse_fuzzy(scalar.text)
        except dates.DateError as exc:
            return ctx.error(scalar.pos, f"\"{key}\": {exc}")

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": ["string", "integer"], "description": self.description}


class RefField(FieldType):
    """One id of another record, or (many=True) a list of ids, a single id being accepted as a list of one."""

    def __init__(self, target: str, many: bool = False) -> None:
        self.target, self.many = target, many

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"mã của {target_name(self.target)}" + (" (một hoặc danh sách)" if self.many else "")

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        if self.many:
            nodes = node.items if isinstance(node, Sequence) else [node]
            refs = [self._read_one(item, ctx, key) for item in nodes]
            return [ref for ref in refs if ref is not INVALID]
        return self._read_one(node, ctx, key)

    def _read_one(self, node: Node, ctx: Ctx, key: str) -> Any:
        scalar = _expect_scalar(node, ctx, key, f"mã của {target_name(self.target)}")
        if scalar is None:
            return INVALID
        value = scalar.text.strip()
        if not value:
            return ctx.error(scalar.pos, f"\"{key}\" để trống; hãy ghi mã của {target_name(self.target)} hoặc bỏ khóa "
                                         "này")
        if not ID_RE.match(value):
            return WrittenName(self.target, value, scalar.pos, key)
        too_long = _too_long(value)
        if too_long:
            return ctx.error(scalar.pos, f"\"{key}\": {too_long}")
        return Ref(self.target, value, scalar.pos)

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        one = {"type": "string", "pattern": ID_RE.pattern, "maxLength": MAX_ID_LENGTH}
        if self.many:
            return {"anyOf": [one, {"type": "array", "items": one}]}
        return one


class ListOf(FieldType):
    def __init__(self, item: FieldType, one_or_many: bool = False) -> None:
        self.item, self.one_or_many = item, one_or_many
        self.description = f"danh sách {item.description}"

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        if isinstance(node, Sequence):
            nodes = node.items
        elif self.one_or_many and isinstance(node, Mapping):
            nodes = [node]
        else:
            return ctx.error(node.pos, f"\"{key}\" phải là một danh sách (mỗi mục bắt đầu bằng \"- \")")
        values = [self.item.read(item, ctx, key) for item in nodes]
        return [v for v in values if v is not INVALID]

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        array = {"type": "array", "items": self.item.json(defs)}
        if self.one_or_many:
            return {"anyOf": [self.item.json(defs), array]}
        return array


class Nested(FieldType):
    """A mapping read into one of the model's dataclasses."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.description = getattr(cls, "__doc__", "") or cls.__name__

    def read(self, node: Node, ctx: Ctx, key: str) -> Any:
        return read_record(self.cls, node, ctx, key)

    def json(self, defs: dict[str, Any]) -> dict[str, Any]:
        # Outline sections nest: each record is defined once and referenced, so recursion terminates.
        name = self.cls.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = record_json(self.cls, defs)
        return {"$ref": f"#/$defs/{name}"}


def target_name(target: str) -> str:
    """What a reference of kind `target` names, and where such records are written, for messages and schemas."""
    from .kinds import BY_NAME, where_written  # the kinds are built from the model, which is built from these fields
    kind = BY_NAME[target]
    return f"{kind.what} (trong {where_written(kind)})"


def spec(kind: FieldType, help: str, required: bool = False, default: Any = None,
         factory: Callable[[], Any] | None = None, key: str | None = None) -> Any:
    """Declare a data field on a model dataclass: its type, whether it is required, and its help text.

    `key` is the YAML key when it differs from the attribute (`from` is a Python keyword).
    """
    metadata = {"kind": kind, "help": help, "required": required, "key": key}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def data_fields(cls: type) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if "kind" in f.metadata]


def yaml_key(f: dataclasses.Field) -> str:
    return f.metadata.get("key") or f.name


def read_record(cls: type, node: Node, ctx: Ctx, key: str = "") -> Any:
    """Read a mapping into `cls`, reporting unknown keys (with the nearest valid one) and missing fields."""
    label = getattr(cls, "LABEL", cls.__name__)
    if not isinstance(node, Mapping):
        got = KIND_NAMES[type(node)]
        return ctx.error(node.pos, f"mỗi {label} phải là một bảng khóa: giá trị, nhưng ở đây là {got}")
    fields = ctx.fields_by_key(cls)
    values: dict[str, Any] = {}
    positions: dict[str, Pos] = {}
    for name, (key_pos, value_node) in node.items.items():
        field = fields.get(name)
        if field is None:
            near = closest(name, fields)
            hint = f"; có phải ý bạn là \"{near[0]}\"?" if near else f"; các khóa hợp lệ: {', '.join(fields)}"
            ctx.error(key_pos, f"khóa \"{echo(name)}\" không có trong {label}{hint}")
            continue
        if isinstance(value_node, Scalar) and value_node.is_null and not field.metadata["required"]:
            continue  # `key:` with nothing after it means "not given" for an optional field
        value = field.metadata["kind"].read(value_node, ctx, name)
        if value is not INVALID:
            values[field.name] = value
            positions[field.name] = value_node.pos
    missing = [name for name, f in fields.items() if f.metadata["required"] and name not in node.items]
    for name in missing:
        ctx.error(node.pos, f"{label} thiếu khóa bắt buộc \"{name}\" ({fields[name].metadata['help']})")
    if any(f.name not in values for f in fields.values() if f.metadata["required"]):
        return INVALID  # a required field was missing or unreadable; the problem is already reported
    return cls(**values, pos=node.pos, positions=positions)


def record_json(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one record type; nested records go into `defs`."""
    properties = {}
    for f in data_fields(cls):
        schema = dict(f.metadata["kind"].json(defs))
        schema.setdefault("description", f.metadata["help"])
        properties[yaml_key(f)] = schema
    required = [yaml_key(f) for f in data_fields(cls) if f.metadata["required"]]
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    if cls.__doc__:
        schema["title"] = cls.__doc__.strip().splitlines()[0]
    return schema


# ---- the anniversary span check runs on every text field, wherever editors copy a title ----

def check_anniversary_spans(text: str) -> Iterable[tuple[int, str]]:
    """Find "N năm … (d/m/Y0 - d/m/Y)" and check that Y - Y0 == N and both ends fall on the same day.

    Seed 002 writes "70 năm ngày Bác Hồ gửi thư … (12/12/2023-12/12/2023)": that is caught here.
    """
    for match in dates.ANNIVERSARY_SPAN_RE.finditer(text):
        try:
            start, end = dates.parse_date(match.group(1)), dates.parse_date(match.group(2))
        except dates.DateError:
            continue  # the day itself is reported where dates are read
        before = text[max(0, match.start() - 240):match.start()]
        clause = re.split(r"[.;\n]\s", before)[-1]
        years = list(dates.YEARS_RE.finditer(clause))
        if not years:
            continue
        written = years[-1].group(1)
        # Thousands of digits are no anniversary; int() of them is slow or refused, so they simply never match.
        n = int(written) if len(written) <= MAX_DIGITS else -1
        expected_start = dates.same_day_in(end.year - n, end) if n >= 0 else None
        if end.year - start.year != n or (start.day, start.month) != (end.day, end.month):
            fix = (f"({dates.format_date(expected_start)} - {dates.format_date(end)})"
                   if expected_start else "hai mốc cách nhau đúng số năm kỷ niệm")
            yield match.start(), (f"kỷ niệm {n if n >= 0 else echo(written)} năm nhưng khoảng thời gian {match.group(0)} là "
                                  f"{end.year - start.year} năm"
                                  f"{'' if (start.day, start.month) == (end.day, end.month) else ' và hai mốc không cùng ngày, tháng'}"
                                  f"; viết đúng là {fix}")
