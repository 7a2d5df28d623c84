"""How the site words the small things: a section of a source document ("mục II.1.1", "Phần mở đầu") and the
"(mục … trong văn bản gốc)" note under a paragraph. No MkDocs here; templates use these as filters."""

from __future__ import annotations

from macros.core.vietnamese import lower_first


def _is_named(section: str) -> bool:
    """ "Phần mở đầu", "Chú thích 1" are names of parts; "II.1", "B.I.2" are numbers, read with "mục"."""
    words = section.split()
    head = words[0] if words else section
    return len(words) > 1 and head[:1].isupper() and head.isalpha() and len(head) > 2


def section_name(section: str, mid_sentence: bool = False) -> str:
    """ "mục II.1.1.2.2"; a named part as it is written, or with a small first letter in the middle of a sentence
    ("Theo Kế hoạch 171, phần mở đầu")."""
    if _is_named(section):
        return lower_first(section) if mid_sentence else section
    return f"mục {section}"


def section_phrase(section: str) -> str:
    """The section in the middle of a sentence: "mục II.1", "phần mở đầu"."""
    return section_name(section, mid_sentence=True)


def section_note(section: str | None) -> str:
    """ "(mục II.1.1.2.2 trong văn bản gốc)", or "" when the data gives no section."""
    if not section:
        return ""
    return f"({section_name(section)} trong văn bản gốc)"
