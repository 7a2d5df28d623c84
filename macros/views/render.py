"""Renders the templates in macros/views/templates/ in a sandboxed, autoescaping Jinja environment.

Everything a template prints is HTML-escaped unless it passes through one of the filters here:
`md` for data text placed in Markdown, `markdown` for Markdown fields (rendered without raw HTML), `line` for data
text placed in a raw HTML block (the text `md` would have made of it). `block` keeps a raw HTML block out of the
page's Markdown conversion (raw_blocks.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from macros.core import dates
from macros.core.unknown import UNKNOWN_TEXT
from macros.core.numbering import number_label
from macros.core.vietnamese import capitalise
from .raw_blocks import RawBlocks
from .safe_markdown import DataMarkdown, md_escape
from .text import section_phrase

TEMPLATES = Path(__file__).parent / "templates"


def _one_line(text: object) -> Markup:
    """Data text in raw HTML as Markdown shows it after `md`: escaped (even when it is markup), on one line."""
    return escape(str(text).replace("\n", " "))


def _format_date(value: Any) -> str:
    if isinstance(value, date):
        return dates.format_date(value)
    if value is None:
        return capitalise(UNKNOWN_TEXT)
    if hasattr(value, "render"):
        return value.render()
    return str(value)


class Templates:
    """The page templates of one build: a sandboxed, autoescaping environment and its own Markdown converter."""

    def __init__(self) -> None:
        self.markdown = DataMarkdown()
        self.blocks = RawBlocks()
        self.env = SandboxedEnvironment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Compiled templates kept on disk (Jinja's per-user folder, checked by source checksum): `sotay serve`
            # rebuilds on every save, and compiling the same templates again took a tenth of each rebuild.
            bytecode_cache=FileSystemBytecodeCache(),
        )
        self.env.filters.update(
            md=md_escape,
            line=_one_line,
            markdown=self.markdown.render,
            block=self.blocks.keep,
            date=_format_date,
            section=section_phrase,
            header_date=lambda d, place=None: dates.format_date_header(d, place) if isinstance(d, date) else "",
        )
        self.env.globals.update(number_label=number_label)

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
