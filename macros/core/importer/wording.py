"""Small facts about Vietnamese official wording the recogniser relies on everywhere: which words cannot end a
phrase (a printed line ending with one goes on), which proper nouns may start a printed line mid-sentence, how a
date span is spaced, where the first clause of a paragraph ends, and how a text's edges are trimmed the way the data
writes them."""

from __future__ import annotations

import re

from ..vietnamese import fold, nfc

# Words that never end a heading or a paragraph: a printed line that ends with one continues on the next line,
# even when that line starts with a capital ("… đời sống vật chất và tinh thần của / Nhân dân …").
FUNCTION_WORDS = frozenset((
    "của", "và", "với", "các", "cho", "về", "trong", "tại", "là", "những", "để", "từ", "đến", "theo", "ở", "do",
    "bằng", "vào", "nhất", "hoặc", "hay", "mà", "như", "một", "được", "bị", "nhằm", "qua", "trên", "dưới",
    "giữa", "sau", "trước", "khi", "thì", "cùng", "đối", "lần", "thứ", "số", "ngày", "tháng", "đưa", "tới",
    "gắn", "thuộc", "gồm", "có", "đã", "sẽ", "đang", "mừng"))

# Proper nouns a printed line can start with in the middle of a sentence.
PROPER_STARTS = tuple(tuple(fold(phrase).split()) for phrase in (
    "Lai Châu", "Nhân dân", "Nhà nước", "Tổ quốc", "Việt Nam", "Hồ Chí Minh", "Bác Hồ", "Điện Biên", "Đảng Cộng sản",
    "Chủ tịch", "Quốc hội", "Chính phủ"))

_DATE_SPAN = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})\s*[-–]\s*(\d{1,2}/\d{1,2}/\d{4})")
_SPACES = re.compile(r"\s+")
_TRAILING = " \t,;:"
_END_MARK = re.compile(r"\s*\./\.\s*$")
_SENTENCE_END = re.compile(r"(?<=[^\s.])[.;](?=\s+[^\W\d_])|(?<=[^\s.])[.;]$")
_CLAUSE_LIMIT = 160


def clean(text: str) -> str:
    """NFC, single spaces, and date spans spaced as the data writes them: "(01/01/2004-01/01/2024)" becomes
    "(01/01/2004 - 01/01/2024)"."""
    text = _SPACES.sub(" ", nfc(text)).strip()
    return _DATE_SPAN.sub(r"\1 - \2", text)


def trim(text: str) -> str:
    """The text without the commas, semicolons and colons that join it to the next line of a list."""
    return text.strip().rstrip(_TRAILING).strip()


def without_end_mark(text: str) -> str:
    """A last paragraph without the "./." that closes a document's body: "… xã hội./." becomes "… xã hội."."""
    return _END_MARK.sub(".", text) if _END_MARK.search(text) else text


def first_clause(text: str, limit: int = _CLAUSE_LIMIT) -> str:
    """What a paragraph says first, for a task's title: up to the first full stop or semicolon, cut at a comma
    when still longer than `limit`; no final punctuation."""
    found = _SENTENCE_END.search(text)
    clause = text[:found.start()] if found else text
    if len(clause) > limit:
        cut = clause.rfind(", ", 0, limit)
        clause = clause[:cut] if cut > limit // 3 else clause[:limit].rsplit(" ", 1)[0]
    return clause.strip().rstrip(" .,;:")


def last_word(text: str) -> str:
    """The last word, lower case with its accents ("Sở" is not "số")."""
    words = nfc(text).lower().split()
    return words[-1].strip(",;:()\"“”") if words else ""


def first_words(text: str, count: int) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", fold(text))[:count])


def ends_open(text: str) -> bool:
    """Whether a printed line ends with a word that cannot end a phrase ("của", "và", "các"…); not after a closing
    bracket or quote ("(… kèm theo)")."""
    stripped = text.rstrip()
    if stripped.endswith((")", "”", "\"", "’", "]")):
        return False
    return last_word(stripped) in FUNCTION_WORDS


def ends_sentence(text: str) -> bool:
    """Whether a printed line ends a sentence or a list item: ".", ":", ";", "!", "?", "…" (maybe before a closing
    quote or parenthesis)."""
    stripped = text.rstrip().rstrip("\"”’')»")
    return stripped.endswith((".", ":", ";", "!", "?", "…"))


def starts_upper(text: str) -> bool:
    """Whether the first letter of the text (after quotes and brackets) is a capital."""
    for char in text:
        if char.isalpha():
            return char.isupper()
        if char.isdigit():
            return False
    return False


def starts_lower(text: str) -> bool:
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def is_upper_line(text: str) -> bool:
    """A line written in capitals ("II- NỘI DUNG, HÌNH THỨC", "TRƯỞNG BAN"): most of its letters are capitals."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def starts_proper(text: str) -> bool:
    words = first_words(text, 3)
    return any(words[:len(phrase)] == phrase for phrase in PROPER_STARTS)
