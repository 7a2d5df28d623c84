"""The years that long lists are cut into (a split index, a busy unit's past work): a year's key ("2024", or NO_YEAR
when the year is unknown), how it reads, and the order the years are listed in. No MkDocs here."""

from __future__ import annotations

NO_YEAR = "chua-ro-nam"


def year_label(key: str) -> str:
    """"Năm 2024", or "Chưa rõ năm"."""
    return "Chưa rõ năm" if key == NO_YEAR else f"Năm {key}"


def newest_first(key: str) -> tuple[bool, int]:
    """Sort key of year keys: the latest year first, the unknown year last."""
    return (not key.isdigit(), -int(key) if key.isdigit() else 0)
