"""The layers of macros/ and the direction of their imports, read from the source (no import is run):

- macros.core (model, loading, checking, dates, record kinds…) imports no MkDocs, no Jinja, no other layer;
- macros.views (what pages show, templates) and macros.outputs (search index, PDF, offline copy, publishing,
  provenance) import no MkDocs and not each other, nor the plugin or the CLI;
- only macros.plugin imports MkDocs;
- no module keeps mutable state at module level, and each record kind is declared once (macros/core/kinds.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "macros"
LAYERS = ("core", "views", "outputs", "plugin", "cli")
MKDOCS = ("mkdocs", "mkdocs_macros", "material")
TEMPLATING = ("jinja2", "markupsafe", "markdown")
# What each layer must not import: third-party top-level packages, and other layers of macros.
FORBIDDEN = {
    "core": (*MKDOCS, *TEMPLATING, "macros.views", "macros.outputs", "macros.plugin", "macros.cli"),
    "views": (*MKDOCS, "macros.outputs", "macros.plugin", "macros.cli"),
    "outputs": (*MKDOCS, "macros.views", "macros.plugin", "macros.cli"),
    "cli": (*MKDOCS, "macros.plugin"),
    "plugin": (),
}
# Methods that change a list, dict or set in place.
_MUTATORS = {"append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "add", "discard",
             "popitem", "sort", "reverse"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, name: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file `path` (module `name`), relative imports
    resolved."""
    name = name or module_name(path)
    package = name.rsplit(".", 1)[0] if path.name != "__init__.py" else name
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from macros import views` imports the layer itself.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return found


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def test_every_module_is_in_a_layer() -> None:
    loose = [p.relative_to(ROOT).as_posix() for p in modules() if layer_of(p) is None and p.name != "__init__.py"]
    assert loose == []
    assert {layer_of(p) for p in modules()} - {None} == set(LAYERS)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_only_downwards(path: Path) -> None:
    layer = layer_of(path)
    if layer is None:
        return
    wrong = [(line, name) for line, name in imports(path)
             if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer])]
    assert wrong == [], f"{path.relative_to(ROOT)} ({layer}) imports what its layer must not"


def test_only_the_plugin_imports_mkdocs() -> None:
    users = {module_name(p) for p in modules() for _, name in imports(p)
             if name.split(".")[0] in ("mkdocs", "mkdocs_macros")}
    assert users and all(name.startswith("macros.plugin") for name in users), users


def test_the_checker_in_action_is_wrong_about_a_wrong_import(tmp_path: Path) -> None:
    """The check itself: an import of MkDocs in a core module is caught."""
    bad = PACKAGE / "core" / "model.py"
    copy = tmp_path / "macros" / "core" / "model.py"
    copy.parent.mkdir(parents=True)
    copy.write_text(bad.read_text(encoding="utf-8") + "\nfrom mkdocs.plugins import BasePlugin\n", encoding="utf-8")
    names = [name for _, name in imports(copy, "macros.core.model")]
    assert "mkdocs.plugins" in names and "macros.core.fields" in names


# ---------------------------------------------------------------------------------------------------------------
# No module-level mutable state
# ---------------------------------------------------------------------------------------------------------------

def module_globals(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AnnAssign, ast.AugAssign)) else []
        for target in targets:
            if isinstance(target, ast.Name):
                names.add(target.id)
    return names


def state_problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    names = module_globals(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append(f"{node.lineno}: global {', '.join(node.names)}")
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                text = ast.unparse(decorator)
                if text.split("(")[0].rsplit(".", 1)[-1] in ("cache", "lru_cache"):
                    found.append(f"{node.lineno}: @{text} keeps a module-level cache")
    for function in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        local = {a.arg for a in [*function.args.args, *function.args.kwonlyargs]}
        local |= {t.id for n in ast.walk(function) for t in getattr(n, "targets", [])
                  if isinstance(n, ast.Assign) and isinstance(t, ast.Name)}
        for node in ast.walk(function):
            target = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
                target = node.func.value
            elif isinstance(node, (ast.Assign, ast.AugAssign)):
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                    if isinstance(t, (ast.Subscript, ast.Attribute)):
                        target = t.value
            if isinstance(target, ast.Name) and target.id in names and target.id not in local:
                found.append(f"{node.lineno}: {function.name}() changes the module-level {target.id}")
    return found


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_level_mutable_state(path: Path) -> None:
    assert state_problems(path) == []


def test_the_state_check_sees_a_cache_and_a_global(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import functools\n_seen = {}\n@functools.lru_cache(maxsize=1)\ndef a():\n    return 1\n"
                      "def b(x):\n    _seen[x] = 1\ndef c():\n    global _seen\n    _seen = {}\n", encoding="utf-8")
    problems = state_problems(sample)
    assert any("lru_cache" in p for p in problems)
    assert any("changes the module-level _seen" in p for p in problems)
    assert any("global _seen" in p for p in problems)


# ---------------------------------------------------------------------------------------------------------------
# One declaration of each record kind
# ---------------------------------------------------------------------------------------------------------------

URL_SECTIONS = ("su-kien", "ke-hoach", "don-vi", "de-cuong", "van-ban", "dong-thoi-gian", "tai-lieu-chi-bo")


def string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_url_sections_and_data_files_are_declared_once() -> None:
    kinds = PACKAGE / "core" / "kinds.py"
    found = [(p.relative_to(ROOT).as_posix(), line, value) for p in modules() if p != kinds
             for line, value in string_constants(p)
             if value in URL_SECTIONS or value in ("organisations.yml", "documents.yml")]
    assert found == []
    declared = [value for _, value in string_constants(kinds)]
    assert all(section in declared for section in URL_SECTIONS)


def test_the_unknown_value_is_written_once() -> None:
    found = [(p.relative_to(ROOT).as_posix(), line) for p in modules() if p.name != "unknown.py"
             for line, value in string_constants(p) if value.strip().lower() == "chưa rõ"]
    assert found == []
