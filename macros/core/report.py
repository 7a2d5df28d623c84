"""Prints checker problems for people and for CI: plain `path:line:column: message`, GitHub workflow
annotations, a GitLab Code Quality report, or JSON; and narrows a report to the files a change touches."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Iterable, Sequence

from .diagnostics import NOTE, Pos, Problem, printable
from .model import Dataset
from .validate import all_records, iter_refs

FORMATS = ("text", "github", "gitlab", "json")


def _github_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Sequence[Problem], output: str) -> str:
    # Every format ends up in a terminal or a CI log: no raw control character or ANSI escape from the data.
    problems = [Problem(Pos(printable(p.pos.path), p.pos.line, p.pos.column), printable(p.message), p.severity)
                for p in problems]
    if output == "github":
        return "\n".join(f"::{'notice' if p.severity == NOTE else 'error'} file={_github_property(p.pos.path)},"
                         f"line={p.pos.line},col={p.pos.column},"
                         f"title=sotay check::{_github_escape(p.message)}" for p in problems)
    if output == "gitlab":
        return json.dumps([{
            "description": p.message,
            "check_name": "sotay-check",
            "fingerprint": hashlib.sha1(p.format().encode("utf-8")).hexdigest(),
            "severity": "info" if p.severity == NOTE else "major",
            "location": {"path": p.pos.path, "lines": {"begin": p.pos.line}},
        } for p in problems], ensure_ascii=False, indent=2)
    if output == "json":
        return json.dumps([{"path": p.pos.path, "line": p.pos.line, "column": p.pos.column, "message": p.message,
                            "severity": p.severity} for p in problems], ensure_ascii=False, indent=2)
    return "\n".join(p.format() for p in problems)


def _normalise(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./")


def limit_to_changed(problems: Iterable[Problem], dataset: Dataset, changed: Sequence[str]) -> list[Problem]:
    """Problems in the changed files and in every file that references a record defined in them."""
    touched = {_normalise(path) for path in changed}
    defined = {(getattr(record, "id", None)) for record in all_records(dataset)
               if _normalise(record.pos.path) in touched}
    defined |= {task.plan_id for task in dataset.tasks if _normalise(task.pos.path) in touched}
    defined.discard(None)
    referencing = {_normalise(record.pos.path) for record in all_records(dataset)
                   if any(ref.id in defined for ref in iter_refs(record))}
    wanted = touched | referencing
    return [p for p in problems if _normalise(p.pos.path) in wanted]
