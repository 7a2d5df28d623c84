"""Renders the Jinja in a page (hand-written or generated) with an allow-listed context in a locked sandbox.

Anyone who can open a pull request writes pages, so a page is untrusted code. It sees only what it needs: the
documented macros (each checks its arguments), a plain read-only `page` (path, title, URL, front matter), and a
few plain values. No MkDocs object, no plugin or module, no Jinja environment, no loader (so no include, import
or extends), and attribute access only on plain data. Every misuse ends in one Vietnamese line naming the page
file and line, never a traceback. No MkDocs here: the MkDocs layer (macros/site_macros.py) plugs this in.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, is_dataclass
from datetime import date
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, Undefined, UndefinedError, nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from macros.core.fields import ID_RE

# Years a macro accepts (`year_timeline(2024)`, `anniversaries(2029)`): the years events may have.
YEAR_MIN, YEAR_MAX = 1800, 2200
MAX_EXPONENT = 64
MAX_REPEAT = 10_000
# Plain data a page may read attributes of (string methods, a date's year, the page's front matter).
_PLAIN = (str, int, float, bool, type(None), date, list, tuple, dict, types.MappingProxyType, LoopContext)
# Statements that read other files: with no loader they could not work anyway, but they get a clear message.
_FILE_STATEMENTS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
                    nodes.Extends: "extends"}
# Python's exceptions, as an editor can read them.
_RUNTIME_ERRORS = {
    ZeroDivisionError: "phép chia cho 0",
    OverflowError: "số quá lớn",
    TypeError: "sai kiểu giá trị (ví dụ cộng chữ với số)",
    ValueError: "giá trị không hợp lệ",
    KeyError: "không có khóa này",
    IndexError: "vị trí vượt quá độ dài danh sách",
    RecursionError: "lời gọi lồng nhau quá sâu",
}


class MacroError(Exception):
    """A macro was called with an unknown id or a wrong argument; the message is Vietnamese, without a place."""


class PageError(Exception):
    """A page cannot be rendered: one Vietnamese line, `path:line: message`."""


@dataclass(frozen=True)
class PageInfo:
    """What a page template may know about its own page."""

    path: str  # shown in messages: "docs/du-lieu.md", or the docs-relative path of a generated page
    title: str | None
    url: str
    meta: Mapping[str, Any]
    line_offset: int = 0  # lines of front matter before the Markdown the template sees


def freeze(value: Any, depth: int = 0) -> Any:
    """Plain, read-only data from front matter: mappings become read-only, anything else is dropped."""
    if depth > 20:
        return None
    if isinstance(value, (str, int, float, bool, date)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return tuple(freeze(item, depth + 1) for item in value)
    if isinstance(value, Mapping):
        return types.MappingProxyType({str(k): freeze(v, depth + 1) for k, v in value.items()})
    return None


class PageSandbox(ImmutableSandboxedEnvironment):
    """A sandbox that reads attributes of plain data only, and calls only the macros it was given."""

    # "x" * 10**12 would fill the build machine's memory: these operators are checked first.
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, allowed_callables: frozenset[int]) -> None:
        super().__init__(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
        # Only what a page needs from Jinja's defaults: range (the sandbox's bounded one). No lipsum, cycler,
        # joiner, namespace, dict.
        self.globals = {"range": self.globals["range"]}
        self._allowed = allowed_callables | {id(self.globals["range"])}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        numbers = [value for value in (left, right) if isinstance(value, int)]
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise MacroError(f"số mũ {right} quá lớn (tối đa {MAX_EXPONENT})")
        if operator == "*" and any(isinstance(v, (str, list, tuple)) for v in (left, right)) and \
                any(abs(n) > MAX_REPEAT for n in numbers):
            raise MacroError(f"lặp chuỗi hoặc danh sách quá nhiều lần (tối đa {MAX_REPEAT})")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if isinstance(value, (types.ModuleType, type)) or hasattr(value, "__globals__"):
            # A Python function or method leads to its module's globals; only LoopContext's own are needed.
            return isinstance(obj, LoopContext) and attr in ("cycle", "changed")
        return isinstance(obj, _PLAIN) or (is_dataclass(obj) and type(obj).__module__.startswith("macros."))

    def is_safe_callable(self, obj: Any) -> bool:
        # Calling an undefined name fails with UndefinedError, which says what is wrong better than a refusal.
        if id(obj) in self._allowed or isinstance(obj, (Macro, Undefined)):
            return True
        if isinstance(obj, types.BuiltinMethodType):  # "abc".upper, a dict's .get: bound to plain data
            return isinstance(obj.__self__, _PLAIN)
        if isinstance(obj, types.MethodType):
            return isinstance(obj.__self__, LoopContext)
        return False


# ---- macros with checked arguments ----

def _describe_call(name: str, signature: inspect.Signature) -> str:
    params = []
    for param in signature.parameters.values():
        params.append(param.name if param.default is inspect.Parameter.empty else f"{param.name}=…")
    return f"{name}({', '.join(params)})"


def _check_argument(name: str, param: str, expected: Any, value: Any) -> None:
    options = typing.get_args(expected) or (expected,)
    if value is None and type(None) in options:
        return
    if int in options:
        if type(value) is not int:
            raise MacroError(f"macro {name}: \"{param}\" phải là một năm viết bằng số, không có dấu nháy, ví dụ "
                             f"{name}(2024); ở đây là {_shown(value)}")
        if not YEAR_MIN <= value <= YEAR_MAX:
            raise MacroError(f"macro {name}: năm {value} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}")
        return
    if str in options:
        if not isinstance(value, str):
            raise MacroError(f"macro {name}: \"{param}\" phải là một mã viết trong dấu nháy kép, ví dụ "
                             f"\"ky-niem-70-nam-chien-thang-dien-bien-phu\"; ở đây là {_shown(value)}")
        if not ID_RE.match(value):
            raise MacroError(f"macro {name}: mã {_shown(value)} không hợp lệ: mã chỉ gồm chữ thường không dấu, "
                             "chữ số và dấu gạch ngang")


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"\"{value}\""
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= 80 else text[:79] + "…"


def checked_macro(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The macro as pages call it: arguments bound and type-checked first, with a Vietnamese message."""
    signature = inspect.signature(function)
    hints = typing.get_type_hints(function)

    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            raise MacroError(f"macro {name} được gọi sai tham số; cách gọi đúng: "
                             f"{_describe_call(name, signature)}") from None
        for param, value in bound.arguments.items():
            if param in hints:
                _check_argument(name, param, hints[param], value)
        return function(*bound.args, **bound.kwargs)

    call.__name__ = name
    call.__doc__ = function.__doc__
    return call


# ---- rendering ----

def _template_line(error: BaseException) -> int | None:
    """The template line an exception was raised at: Jinja rewrites tracebacks so a frame names it."""
    line = getattr(error, "lineno", None)
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _message(error: BaseException) -> str:
    if isinstance(error, MacroError):
        return str(error)
    if isinstance(error, SecurityError):
        return ("bị từ chối vì lý do an toàn: trang chỉ được gọi các macro đã hướng dẫn (xem trang \"Macro cho "
                "trang viết tay\"), không được truy cập thành phần bên trong của chương trình")
    if isinstance(error, UndefinedError):
        name = re.search(r"'([^']{1,80})' is undefined|has no attribute '([^']{1,80})'", str(error))
        what = f" (\"{next(g for g in name.groups() if g)}\")" if name else ""
        return (f"dùng biến hoặc macro không tồn tại{what}; trang chỉ dùng được các macro ở trang \"Macro cho trang "
                "viết tay\" và biến page")
    if isinstance(error, TemplateSyntaxError):
        unknown = re.search(r"No (filter|test) named '([^']{1,80})'", str(error))
        if unknown:
            return f"dùng bộ lọc không tồn tại (\"{unknown.group(2)}\"); trang chỉ dùng được các bộ lọc có sẵn của Jinja"
        return "cú pháp macro sai; kiểm tra hai cặp ngoặc nhọn và dấu nháy"
    for kind, text in _RUNTIME_ERRORS.items():
        if isinstance(error, kind):
            return f"lỗi khi tính giá trị trong macro: {text}"
    return "lỗi khi tính giá trị trong macro"


def _parse_refusing_file_statements(env: PageSandbox, source: str) -> nodes.Template:
    """The page's syntax tree, once it is known to read no other file; compiled as it is, not parsed again."""
    tree = env.parse(source)
    for kind, word in _FILE_STATEMENTS.items():
        for node in tree.find_all(kind):
            error = MacroError(f"lệnh {{% {word} %}} không được dùng trong trang: trang không được đọc tệp khác")
            error.lineno = node.lineno  # type: ignore[attr-defined]
            raise error
    return tree


def _literals_as_names(tree: nodes.Template) -> dict[str, Any] | None:
    """For a page that is one macro call with literal ids or years and nothing else but text (every generated
    page: `{{ record_page("event", "x") }}`), the literals are made names in `tree` and their values returned: pages
    that differ only in their ids then compile to the same template. None, `tree` unchanged, for any other page."""
    if len(tree.body) != 1 or not isinstance(tree.body[0], nodes.Output):
        return None
    calls = [node for node in tree.body[0].nodes if not isinstance(node, nodes.TemplateData)]
    if len(calls) != 1 or type(calls[0]) is not nodes.Call:
        return None
    call = calls[0]
    if type(call.node) is not nodes.Name or call.node.name.startswith("sotay_literal_") or call.kwargs \
            or call.dyn_args is not None or call.dyn_kwargs is not None \
            or not all(type(arg) is nodes.Const and type(arg.value) in (str, int) for arg in call.args):
        return None
    values = {f"sotay_literal_{n}": arg.value for n, arg in enumerate(call.args)}
    call.args = [nodes.Name(name, "load", lineno=arg.lineno) for name, arg in zip(values, call.args)]
    return values


# A generated page as pages.py writes it: one macro call with ids and numbers, on the first line.
_ARGUMENT = r'(?:"[a-z0-9-]*"|0|[1-9][0-9]*)'
_GENERATED_PAGE = re.compile(rf"\{{\{{ ([a-z_]+)\(({_ARGUMENT}(?:, {_ARGUMENT})*)?\) \}}\}}\n?")
_LITERAL = re.compile(r'"([a-z0-9-]*)"|([0-9]+)')


def _generated_call(source: str) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """For a page that is one generated macro call (_GENERATED_PAGE): its shape (the macro and the kinds of its
    arguments) and the values of its literals under the names _literals_as_names gives them. None for any other."""
    match = _GENERATED_PAGE.fullmatch(source)
    if match is None:
        return None
    literals = _LITERAL.findall(match.group(2) or "")
    values = {f"sotay_literal_{n}": text if number == "" else int(number) for n, (text, number) in enumerate(literals)}
    return (match.group(1), source.endswith("\n"), *("s" if number == "" else "n" for _, number in literals)), values


class PageRenderer:
    """Renders pages with one fixed set of macros and values; build one per build."""

    def __init__(self, macros: Mapping[str, Callable[..., Any]], values: Mapping[str, Any]) -> None:
        self.macros = {name: checked_macro(name, function) for name, function in macros.items()}
        self.values = {name: freeze(value) for name, value in values.items()}
        self.env = PageSandbox(frozenset(id(m) for m in self.macros.values()))
        # Compiled pages by shape (_literals_as_names): compiling took a quarter of rendering a generated page.
        self._compiled: dict[tuple[str, tuple[int, ...]], Template] = {}
        # The same, by the shape of a generated page's source (_generated_call): such a page is not even parsed
        # again (parsing was a tenth of rendering it).
        self._generated: dict[tuple[str, ...], Template] = {}

    def _template(self, tree: nodes.Template) -> tuple[Template, dict[str, Any]]:
        """The page compiled, and the values of the literals it reads as names (none but for one macro call)."""
        literals = _literals_as_names(tree)
        if literals is None:
            return self.env.from_string(tree), {}
        # The lines are part of the shape: an error names the page's line.
        shape = (repr(tree), tuple(node.lineno for node in tree.find_all(nodes.Node)))
        template = self._compiled.get(shape)
        if template is None:
            template = self._compiled[shape] = self.env.from_string(tree)
        return template, literals

    def render(self, source: str, page: PageInfo) -> str:
        context: dict[str, Any] = {**self.values, **self.macros}
        context["page"] = types.MappingProxyType({"path": page.path, "title": page.title, "url": page.url,
                                                  "meta": freeze(page.meta)})
        try:
            generated = _generated_call(source)
            template = self._generated.get(generated[0]) if generated else None
            if template is not None:
                literals = generated[1]
            else:
                template, literals = self._template(_parse_refusing_file_statements(self.env, source))
                if generated and literals == generated[1]:
                    self._generated[generated[0]] = template
            result = template.render({**context, **literals})
        except Exception as error:  # every error, the page's or a macro's, becomes one line
            line = _template_line(error)
            where = f"{page.path}:{line + page.line_offset}" if line else page.path
            raise PageError(f"{where}: {_message(error)}") from None
        return str(result) if isinstance(result, Markup) else result
