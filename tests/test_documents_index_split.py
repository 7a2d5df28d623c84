"""A documents index that does not grow with the data: past documents.INDEX_LIMIT documents, each issuer's heading
lists its years of issue, and each issuer's documents of one year have a page of their own. The shipped data keeps
one index."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.views import documents
from macros.views.site import make_site

from .sites import article, build, make_project


def test_shipped_data_keeps_one_index(shipped_dataset) -> None:
    site = make_site(shipped_dataset, date(2026, 12, 1))
    assert len(shipped_dataset.documents) <= documents.INDEX_LIMIT
    assert not site.documents.index_split() and site.documents.year_pages() == []


def test_year_pages_cover_every_document_once(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "INDEX_LIMIT", 5)
    site = make_site(shipped_dataset, date(2026, 12, 1))
    pages = site.documents.year_pages()
    assert site.documents.index_split() and len(pages) == len(set(pages))
    seen = []
    for issuer, year in pages:
        org, docs = site.documents.year_page(issuer, year)
        assert docs and all(site.documents.year_key(doc) == year for doc in docs)
        assert all((doc.issuer[0].id if doc.issuer else documents.NO_ISSUER) == issuer for doc in docs)
        seen += [doc.id for doc in docs]
    assert sorted(seen) == sorted(shipped_dataset.documents)


def test_years_run_latest_first_unknown_last(shipped_dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "INDEX_LIMIT", 5)
    site = make_site(shipped_dataset, date(2026, 12, 1))
    for _, docs in site.documents.by_issuer():
        years = [year for year, _ in site.documents.by_year(docs)]
        known = [int(y) for y in years if y != documents.NO_YEAR]
        assert known == sorted(known, reverse=True)
        assert documents.NO_YEAR not in years[:-1]


@pytest.mark.site
def test_split_index_is_built_and_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "INDEX_LIMIT", 1)
    result = build(make_project(tmp_path))
    assert result.ok, result.log
    index = article(result.site, "van-ban/")
    assert "<table" not in index and "chọn một năm" in index
    years = re.findall(r'href="theo-nam/([a-z0-9-]+)/">(Năm \d{4}|Chưa rõ năm) \((\d+)\)</a>', index)
    assert years
    listed: list[str] = []
    for slug, label, count in years:
        page = article(result.site, f"van-ban/theo-nam/{slug}/")
        assert label.lower() in page
        # From van-ban/theo-nam/<page>/: a cited document is ../../<id>/, a plan ../../../ke-hoach/<id>/
        docs = re.findall(r'<td><a href="\.\./\.\./(?:\.\./ke-hoach/)?([a-z0-9-]+)/">', page)
        assert len(docs) == int(count), slug
        listed += docs
    from macros.core.check import check_data
    dataset, _, _ = check_data(result.site.parent / "project" / "data")
    assert sorted(listed) == sorted(dataset.documents)
