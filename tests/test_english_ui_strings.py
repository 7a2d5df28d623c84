"""No English theme wording on the shipped site: every built page's visible text, its <title>, its aria-label, title
and alt attributes, and the labels Material hands its scripts are scanned for the words of the theme's English
labels (Material's partials/languages/en.html, read from the installed package, plus the English Material writes
into its templates directly). Legitimate hits are allowed one by one, with the reason."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"

# Keys of en.html that are settings, not wording.
SETTING_KEYS = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}

# English words of en.html that are also everyday Vietnamese words written without diacritics.
VIETNAMESE_WORDS = {
    "in": "in = print (nút In, tài liệu in sẵn)",
    "to": "to = big, as in to lớn",
    "no": "no = full, as in no đủ, no ấm",
}

# (page, English word as written) found legitimately, and why.
ALLOWED = {
    ("huong-dan/macro/index.html", "table"): "the macro name task_table, quoted for page authors",
    ("huong-dan/them-su-kien/index.html", "source"): "the data field name `source`, beside its Vietnamese name",
    ("huong-dan/giay-phep/index.html", "clipboard"): "clipboard.js, the name of a licensed library",
    ("huong-dan/giay-phep/index.html", "Document"): "W3C Software and Document License, the name of a licence",
    ("huong-dan/du-lieu/index.html", "language"): "yaml-language-server, the name of a program",
    ("huong-dan/thong-bao-loi/index.html", "View"): "the English menu View of the editor VS Code, as it is shown",
}

# Text inside these elements is code or drawing, not wording.
NOT_WORDING = {"script", "style", "code", "pre", "kbd", "samp", "svg"}
LABEL_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def english_labels() -> dict[str, str]:
    """The English labels of Material's en.html, by key (settings left out)."""
    text = (MATERIAL_TEMPLATES / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    pairs = dict(re.findall(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', text, re.MULTILINE))
    return {key: value for key, value in pairs.items() if key not in SETTING_KEYS}


def hard_coded_english() -> list[str]:
    """The English Material writes into its templates without a translation key (404.html: "404 - Not found")."""
    text = (MATERIAL_TEMPLATES / "404.html").read_text(encoding="utf-8")
    return re.findall(r"<h1>([^<]*)</h1>", text)


def english_words() -> set[str]:
    words = {w.lower() for label in [*english_labels().values(), *hard_coded_english()] for w in WORD.findall(label)}
    return words - set(VIETNAMESE_WORDS)


class _Wording(HTMLParser):
    """Collects a page's visible text and its label attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NOT_WORDING:
            self.skipping += 1
        self.parts += [f"{name}=\"{value}\"" for name, value in attrs if name in LABEL_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in NOT_WORDING and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.parts.append(" ".join(data.split()))


def wording(html: str) -> list[str]:
    """Visible text runs and label attributes of a page, then the labels Material's scripts will show."""
    parser = _Wording()
    parser.feed(html)
    if match := re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL):
        parser.parts += list(json.loads(match.group(1)).get("translations", {}).values())
    return parser.parts


def english_hits(site: Path, words: set[str]) -> list[str]:
    hits = []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        for part in wording(path.read_text(encoding="utf-8")):
            for word in WORD.findall(part):
                if word.lower() in words and (name, word) not in ALLOWED:
                    hits.append(f"{name}: {word!r} in {part[:120]!r}")
    return hits


# ---- the word list and the scanner ----

def test_word_list_comes_from_material() -> None:
    words = english_words()
    assert {"skip", "back", "top", "tabs", "initializing", "contributors", "not", "found"} <= words
    assert not words & set(VIETNAMESE_WORDS)


@pytest.mark.parametrize(("html", "expected"), [
    ('<nav aria-label="Tabs"></nav>', ['aria-label="Tabs"']),
    ('<p>Bỏ qua <code>task_table</code></p><pre>Back to top</pre>', ["Bỏ qua"]),
    ('<img alt="Ảnh" src="a.png"><a title="Mở">Mở</a>', ['alt="Ảnh"', 'title="Mở"', "Mở"]),
    ('<svg><title>Back</title></svg><title>Sổ tay</title>', ["Sổ tay"]),
    ('<script id="__config" type="application/json">{"translations": {"a": "Copy"}}</script>', ["Copy"]),
])
def test_wording_reads_text_and_labels_only(html: str, expected: list[str]) -> None:
    assert wording(html) == expected


# ---- the shipped site ----

@pytest.mark.site
def test_shipped_site_has_no_english_theme_words(shipped_site: Path) -> None:
    hits = english_hits(shipped_site, english_words())
    assert not hits, "English on the site (translate it, or allow it in ALLOWED with the reason):\n" + "\n".join(
        hits[:40])


@pytest.mark.site
def test_every_allowed_hit_still_occurs(shipped_site: Path) -> None:
    """An allowance whose page no longer says the word is stale: drop it."""
    found = {(path.relative_to(shipped_site).as_posix(), word)
             for path in shipped_site.rglob("*.html")
             for part in wording(path.read_text(encoding="utf-8"))
             for word in WORD.findall(part)}
    assert not set(ALLOWED) - found


@pytest.mark.site
@pytest.mark.parametrize(("page", "expected"), [
    ("index.html", 'aria-label="Mục chính"'),
    ("index.html", "Bỏ qua, đến nội dung"),
    ("index.html", "Lên đầu trang"),
    ("404.html", "<h1>Không tìm thấy trang</h1>"),
    ("404.html", "<title>Không tìm thấy trang - Sổ tay tuyên truyền</title>"),
])
def test_theme_labels_in_vietnamese(shipped_site: Path, page: str, expected: str) -> None:
    assert expected in (shipped_site / page).read_text(encoding="utf-8")


@pytest.mark.site
def test_no_misleading_back_to_top_label(shipped_site: Path) -> None:
    """Material's vi.html calls the back-to-top button "Trở lại mục lục" (back to the table of contents)."""
    pages = [p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html")
             if "Trở lại mục lục" in p.read_text(encoding="utf-8")]
    assert not pages


@pytest.mark.site
def test_theme_keeps_vietnamese_as_page_language(shipped_site: Path) -> None:
    assert '<html lang="vi"' in (shipped_site / "index.html").read_text(encoding="utf-8")
