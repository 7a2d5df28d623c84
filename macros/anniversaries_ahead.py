"""Anniversaries ahead (placeholder until the page lands)."""

from __future__ import annotations


def ahead(views):
    return []


def for_year(views, year):
    return []
