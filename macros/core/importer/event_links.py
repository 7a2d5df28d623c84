"""The events of the data a heading or a paragraph speaks of: by the anniversary span it prints ("(12/12/1953 -
12/12/2023)" is the event of that year commemorating a milestone of 12/12/1953), else by the event's name written
in the text ("Sơ kết giữa nhiệm kỳ thực hiện nghị quyết đại hội đảng bộ các cấp…")."""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz

from ..anniversaries import event_milestones
from ..dates import ANNIVERSARY_SPAN_RE
from ..model import Dataset
from ..vietnamese import fold

# A name is found in a text from this partial-match score up; shorter names match too often.
NAME_SCORE = 95
MIN_NAME = 24


def _day(text: str) -> date | None:
    try:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    except ValueError:
        return None


def events_in(text: str, dataset: Dataset) -> list[str]:
    """The ids of the events `text` names, in the order it names them."""
    found: list[str] = []
    for start_text, end_text in ANNIVERSARY_SPAN_RE.findall(text):
        start, end = _day(start_text), _day(end_text)
        if start is None or end is None:
            continue
        for event in dataset.events.values():
            if event.year != end.year or event.id in found:
                continue
            if any((m.date.day, m.date.month) == (start.day, start.month) for m in event_milestones(event, dataset)):
                found.append(event.id)
    folded = " ".join(re.findall(r"[a-z0-9]+", fold(text)))
    for event in dataset.events.values():
        if event.id in found or event.milestones:
            continue  # anniversaries are found by their span, which tells the year
        name = " ".join(re.findall(r"[a-z0-9]+", fold(event.name)))
        # The name must fit in the text: partial_ratio aligns the shorter string inside the longer one.
        if MIN_NAME <= len(name) <= len(folded) and fuzz.partial_ratio(name, folded) >= NAME_SCORE:
            found.append(event.id)
    return found


def year_in(text: str) -> int | None:
    """The year a heading such as "Năm 2023" or "1.1. Năm 2024" is about."""
    found = re.fullmatch(r"\s*năm\s+(\d{4})\s*", text, re.I)
    return int(found.group(1)) if found else None
