"""macros/plugin/theme_cache.py: Material's navigation and tabs rendered once for the pages that get the same ones,
and its words looked up once, give every page the HTML Material would have rendered for it."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from macros.plugin.theme_cache import PartialCache, Translations
from tests.sites import build, make_project


def item(url: str | None = None, children: list | None = None, active: bool = False) -> SimpleNamespace:
    return SimpleNamespace(url=url, children=children, active=active)


HOME, GUIDE, INDEX = item(""), item("huong-dan/thoi-han/"), item("don-vi/")
SECTION = item(None, [INDEX, item("don-vi/so-noi-vu/nam-2024/")])
NAV = SimpleNamespace(items=[HOME, item(None, [GUIDE]), SECTION], pages=[HOME, GUIDE, INDEX])


@pytest.mark.parametrize("page, key", [
    (None, None),  # the 404 page
    (HOME, None), (GUIDE, None), (INDEX, None),  # in the navigation: the page's own entry is marked
    (item("don-vi/so-noi-vu/"), None),  # a menu entry below it: "./nam-2024/" for it, "../so-noi-vu/…" for others
    (item("don-vi/so-y-te/"), ("don-vi", True, ())),
    (item("don-vi/so-y-te/nam-2024/"), ("don-vi/so-y-te", True, ())),
    (item("don-vi/so-y-te.html"), ("don-vi", False, ())),
    (item("ke-hoach/171/"), ("ke-hoach", True, ())),
])
def test_the_key_of_a_page(page: SimpleNamespace | None, key: tuple | None) -> None:
    partial = PartialCache.__new__(PartialCache)
    partial.nav = None
    assert partial.key(page, NAV) == key


def test_the_sections_open_are_in_the_key() -> None:
    partial = PartialCache.__new__(PartialCache)
    partial.nav = None
    SECTION.active = True
    try:
        assert partial.key(item("don-vi/so-y-te/"), NAV) == ("don-vi", True, (id(SECTION),))
    finally:
        SECTION.active = False


@pytest.mark.site
def test_every_page_gets_the_html_material_renders_for_it(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path / "a")
    cached = build(project, tmp_path / "cached")
    calls = []
    original = PartialCache.key
    monkeypatch.setattr(PartialCache, "key", lambda self, page, nav: calls.append(original(self, page, nav)))
    monkeypatch.setattr(Translations, "t", lambda self, key: self.module.t(key))
    rendered = build(project, tmp_path / "rendered")
    assert cached.ok and rendered.ok
    pages = sorted(p.relative_to(cached.site) for p in cached.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(rendered.site) for p in rendered.site.rglob("*.html"))
    for page in pages:
        assert (cached.site / page).read_bytes() == (rendered.site / page).read_bytes(), page
    # Most pages of the mini project are records outside the navigation: they share renderings.
    keys = [key for key in calls if key is not None]
    assert len(keys) > len(set(keys)) + 5
