"""Renders the templates in macros/templates/ in a sandboxed, autoescaping Jinja environment.

Everything a template prints is HTML-escaped unless it passes through one of the filters here:
`md` for data text placed in Markdown, `markdown` for Markdown fields (rendered without raw HTML).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from . import dates
from .numbering import number_label
from .safe_markdown import md_escape, render_markdown

TEMPLATES = Path(__file__).parent / "templates"


def _format_date(value: Any) -> str:
    if isinstance(value, date):
        return dates.format_date(value)
    if value is None:
        return "Chưa rõ"
    if hasattr(value, "render"):
        return value.render()
    return str(value)


def section_label(section: str) -> str:
    """"mục II.1.1" for a numbered section; a named part ("Phần mở đầu", "Nơi nhận") as a phrase."""
    if " " in section.strip():
        return section[:1].lower() + section[1:]
    return f"mục {section}"


@lru_cache(maxsize=1)
def template_environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=md_escape,
        markdown=render_markdown,
        date=_format_date,
        section=section_label,
        header_date=lambda d, place=None: dates.format_date_header(d, place) if isinstance(d, date) else "",
    )
    env.globals.update(number_label=number_label)
    return env


def render_template(name: str, **context: Any) -> str:
    return template_environment().get_template(name).render(**context)
