"""Timeline layout for one year (placeholder until the timeline lands)."""

from __future__ import annotations


def layout_year(views, year):
    return None
