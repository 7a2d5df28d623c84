"""A unit index that does not grow with the data: past organisations.INDEX_LIMIT units, the index lists each level's
initial letters and each (level, letter) has a page of its own. The shipped data (75 units) keeps one index."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.core.diagnostics import Pos
from macros.core.model import Organisation
from macros.views import organisations
from macros.views.site import make_site

from .sites import article, build, make_project


def unit(name: str) -> Organisation:
    return Organisation(id="x", name=name, level="tinh", sector="dang", pos=Pos("data/organisations.yml"))


@pytest.mark.parametrize(("name", "letter"), [
    ("Tỉnh ủy Lai Châu", "t"),
    ("Đảng ủy xã Bản Bo", "d"),  # Đ is filed under d, as a reader types it without diacritics
    ("Ủy ban nhân dân tỉnh", "u"),
    ("Ban Tuyên giáo Tỉnh ủy", "b"),
    ("Ấp Bắc", "a"),
    ("2 trường học", "khac"),
    ("“Báo” Lai Châu", "khac"),
])
def test_initial(name: str, letter: str) -> None:
    assert organisations.initial(unit(name)) == letter


def test_shipped_data_keeps_one_index(shipped_dataset) -> None:
    site = make_site(shipped_dataset, date(2026, 12, 1))
    assert len(shipped_dataset.organisations) <= organisations.INDEX_LIMIT
    assert not site.organisations.index_split() and site.organisations.letter_pages() == []


def test_split_pages_cover_every_unit_once(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(organisations, "INDEX_LIMIT", 10)
    site = make_site(shipped_dataset, date(2026, 12, 1))
    pages = site.organisations.letter_pages()
    assert site.organisations.index_split() and len(pages) == len(set(pages))
    seen = []
    for level, letter in pages:
        label, orgs = site.organisations.letter_page(level, letter)
        assert orgs and all(o.level == level and organisations.initial(o) == letter for o in orgs)
        seen += [o.id for o in orgs]
    assert sorted(seen) == sorted(shipped_dataset.organisations)


@pytest.mark.site
def test_split_index_is_built_and_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(organisations, "INDEX_LIMIT", 2)
    result = build(make_project(tmp_path))
    assert result.ok, result.log
    index = article(result.site, "don-vi/")
    assert "chia theo chữ cái đầu" in index
    assert not re.search(r'href="\.\./don-vi/[a-z0-9-]+/"', index)  # no unit listed on the index itself
    letters = re.findall(r'href="theo-chu/([a-z-]+)/">([A-ZĐ]|Khác) \((\d+)\)</a>', index)
    assert letters
    listed: list[str] = []
    for slug, _, count in letters:
        page = article(result.site, f"don-vi/theo-chu/{slug}/")
        units = re.findall(r'href="\.\./\.\./([a-z0-9-]+)/"', page)
        assert len(units) == int(count), slug
        listed += units
    built = sorted(p.parent.name for p in (result.site / "don-vi").glob("*/index.html") if p.parent.name != "theo-chu")
    assert sorted(listed) == built
