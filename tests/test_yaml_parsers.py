"""The two YAML parsers behind macros/core/yamlsource.py: libyaml reads files without problems, PyYAML's Python
parser reads any other (its messages and positions are the ones the editors' guide quotes). On every data file the
project ships or tests with, both give the same tree: the same values, tags, styles and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.core import yamlsource
from macros.core.diagnostics import Problems

from .sites import FIXTURES, ROOT

FILES = sorted([*ROOT.glob("data/**/*.yml"), *FIXTURES.glob("**/*.yml")])


def tree(node: yamlsource.Node | None) -> object:
    if node is None:
        return None
    where = (node.pos.line, node.pos.column)
    if isinstance(node, yamlsource.Scalar):
        return ("scalar", node.text, node.tag, node.style, where)
    if isinstance(node, yamlsource.Sequence):
        return ("list", where, [tree(item) for item in node.items])
    assert isinstance(node, yamlsource.Mapping)
    return ("map", where, [(key, (pos.line, pos.column), tree(value)) for key, (pos, value) in node.items.items()])


@pytest.mark.skipif(yamlsource._CLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_libyaml_and_python_parsers_compose_the_same_tree(path: Path) -> None:
    problems = Problems()
    text = yamlsource.check_characters(str(path), path.read_text(encoding="utf-8"), problems)
    assert text is not None and not problems.items
    fast, slow = Problems(), Problems()
    by_c = yamlsource._compose(yamlsource._CLoader, str(path), text, fast)
    by_python = yamlsource._compose(yamlsource._Loader, str(path), text, slow)
    assert fast.items == slow.items
    assert tree(by_c.root) == tree(by_python.root)


def test_libyaml_is_used_when_available() -> None:
    """The CI machine's PyYAML wheel carries libyaml: without it every check is several times slower."""
    import yaml
    assert yaml.__with_libyaml__ and yamlsource._CLoader is not None
