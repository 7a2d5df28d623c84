"""Parts of Material's page template rendered once for all the pages that would get the same HTML.

- The site navigation (partials/nav.html) and the tabs (partials/tabs.html) are the same on every page except for
  the page's own entry in the navigation (marked active, with the page's table of contents under it), the sections
  leading to it (open), and the links, which are relative to the page's folder. Most pages of the handbook are
  records that are in no menu: all those in one folder, under the same sections, get the same navigation and tabs,
  which Material would otherwise render again for each (a tenth of writing the pages). `PartialCache`.
- The theme's words ("lang.t('nav')", some 17 a page) are each looked up once: Material's lookup builds the table
  of every word of the language on each call. `Translations`.

overrides/partials/nav.html, tabs.html and language.html call these, which render Material's own templates.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import material
from jinja2 import Environment, Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def material_template(env: Environment, name: str) -> Template:
    """Material's own template `name`, which a file of the same name in overrides/ hides from the theme."""
    return env.from_string((MATERIAL_TEMPLATES / name).read_text(encoding="utf-8"))


class PartialCache:
    """A partial of Material (the navigation, the tabs) rendered once per build for the pages it is the same on, by
    what it depends on. Made for each build (on_env)."""

    def __init__(self, env: Environment, name: str) -> None:
        self.template = material_template(env, name)
        self.nav: Any = None
        self.in_nav: set[int] = set()
        self.urls: list[str] = []
        self.items: list[Any] = []
        self.rendered: dict[tuple, Markup] = {}

    def key(self, page: Any, nav: Any) -> tuple | None:
        """What the navigation of `page` depends on, or None when it is the page's own (a page in the menu, the
        home page, a page with menu entries below it, a page without a URL)."""
        if nav is not self.nav:
            self._read(nav)
        if page is None or id(page) in self.in_nav or not getattr(page, "url", ""):
            return None
        url = page.url
        if any(target.startswith(url) for target in self.urls):  # its links would be "./…", unlike its siblings'
            return None
        # Relative links from "a/b/" and from "a/c/" (or "a/b.html" and "a/c.html") are the same to any page
        # outside both: what counts is the folder holding the page, and which sections are open (marked active by
        # MkDocs for the page's own, or by the sotay plugin for the section of a record page).
        folder = posixpath.dirname(url.rstrip("/"))
        return folder, url.endswith("/"), tuple(id(item) for item in self.items if getattr(item, "active", False))

    def _read(self, nav: Any) -> None:
        self.nav, self.items, self.rendered = nav, nav_items(nav.items), {}
        self.in_nav = {id(page) for page in nav.pages}
        self.urls = [item.url for item in self.items if getattr(item, "url", None) is not None]

    def global_function(self) -> Any:
        """The Jinja global called by the overriding partial, with the including template's context."""
        @pass_context
        def render(context: Context) -> Markup:
            key = self.key(context.get("page"), context.get("nav"))
            if key is None:
                return Markup(self.template.render(context.get_all()))
            if key not in self.rendered:
                self.rendered[key] = Markup(self.template.render(context.get_all()))
            return self.rendered[key]
        return render


class Translations:
    """Material's lang.t(key) (partials/language.html: the configured language, then English, then the key), each
    word looked up once per build."""

    def __init__(self, env: Environment, config: Any) -> None:
        self.module = material_template(env, "partials/language.html").make_module({"config": config})
        self.words: dict[str, str] = {}

    def t(self, key: str) -> str:
        word = self.words.get(key)
        if word is None:
            word = self.words[key] = self.module.t(key)
        return word


def nav_items(items: list[Any]) -> list[Any]:
    """The sections, pages and links of a navigation, at every level."""
    found = []
    for item in items:
        found.append(item)
        found.extend(nav_items(getattr(item, "children", None) or []))
    return found
