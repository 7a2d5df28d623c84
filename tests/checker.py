"""Running the checker quickly in tests that change one file of the shipped data and check all of it (the
guide's mistakes, tests/test_editor_guide.py; a few cases of tests/test_hostile_data.py).

A check of the shipped data takes about half a second, nearly all of it composing YAML
(macros/core/yamlsource.py runs PyYAML's pure-Python scanner, kept for its limits on hostile files). Composing is
a function of a file's shown path and text: within `reused_composition()` a file already composed in this process
with the same path and text is not composed again (the problems composing found are reported again); a changed
file is composed for real. What the checker reads, validates and prints is unchanged.

No pytest here: worker processes import this module too.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

_composed: dict[tuple[str, str], tuple[object, object]] = {}


@contextlib.contextmanager
def reused_composition() -> Iterator[None]:
    from macros.core import load, yamlsource
    from macros.core.diagnostics import Problems

    def compose(path: str, text: str, problems: Problems) -> yamlsource.Parsed:
        if (path, text) not in _composed:
            found = Problems()
            _composed[path, text] = (yamlsource.compose(path, text, found), found)
        parsed, found = _composed[path, text]
        problems.extend(found)  # type: ignore[arg-type]
        return parsed  # type: ignore[return-value]

    assert load.compose is yamlsource.compose, "macros.core.load no longer composes with yamlsource.compose"
    load.compose = compose
    try:
        yield
    finally:
        load.compose = yamlsource.compose


class Checked(NamedTuple):
    status: int
    lines: list[str]  # what it printed on stdout: the problems, one a line
    stderr: str  # the summary, or a crash's traceback


def check_output(project: Path) -> Checked:
    """`sotay check` run in `project`, in this process: its exit status and what it printed."""
    from macros.cli.main import main

    before = os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["check"])
    finally:
        os.chdir(before)
    return Checked(status, out.getvalue().splitlines(), err.getvalue())
