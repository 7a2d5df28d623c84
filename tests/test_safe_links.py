"""Links are judged as a browser judges them: after entity decoding and after dropping the characters a browser
ignores, every script URL in a Markdown data field or a hand-written page becomes plain text.

FORMS is the table of obfuscated script URLs; each is tried in every Markdown context (inline link, reference
link, image, raw HTML) of every Markdown-capable data field, in a real build, and in hand-written pages.
tests/browser/test_safe_links_browser.py clicks every link of those pages in Chromium.
"""

from __future__ import annotations

import json
import re
from dataclasses import fields as dataclass_fields
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.core import model
from macros.core.fields import ListOf, Text
from macros.views.safe_html import is_safe_url, sanitise_html, url_scheme
from macros.views.safe_markdown import render_markdown

from .sites import FIXTURES, SiteConfig, make_project

# (name, the URL as written in Markdown or an HTML attribute). Every one of them runs script, loads data or reads
# files when a browser follows it as written.
FORMS = [
    ("plain", "javascript:alert(1)"),
    ("mixed-case", "JaVaScRiPt:alert(1)"),
    ("upper-case-entity-colon", "JAVASCRIPT&#58;alert(1)"),
    ("decimal", "&#106;avascript:alert(1)"),
    ("decimal-no-semicolon", "&#106avascript:alert(1)"),
    ("decimal-leading-zeros", "&#0000106;avascript:alert(1)"),
    ("decimal-leading-zeros-no-semicolon", "&#0000106avascript:alert(1)"),
    ("hex", "&#x6A;avascript:alert(1)"),
    ("hex-upper-x", "&#X6A;avascript:alert(1)"),
    ("hex-leading-zeros", "&#x0006a;avascript:alert(1)"),
    ("named-colon", "javascript&colon;alert(1)"),
    ("decimal-colon", "javascript&#58;alert(1)"),
    ("hex-colon", "javascript&#x3A;alert(1)"),
    ("colon-no-semicolon", "javascript&#0000058alert(1)"),
    ("middle-entity", "java&#115;cript:alert(1)"),
    ("all-entities", "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)"),
    ("tab-entity", "jav&#x09;ascript:alert(1)"),
    ("named-tab", "jav&Tab;ascript:alert(1)"),
    ("newline-entity", "jav&#x0A;ascript:alert(1)"),
    ("named-newline", "jav&NewLine;ascript:alert(1)"),
    ("carriage-return-entity", "jav&#13;ascript:alert(1)"),
    ("leading-space-entity", "&#x20;javascript:alert(1)"),
    ("leading-control-entity", "&#x01;javascript:alert(1)"),
    ("leading-newline-entity", "&NewLine;javascript:alert(1)"),
    ("data-html", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("data-entity", "&#100;ata:text/html,%3Cscript%3Ealert(1)%3C/script%3E"),
    ("data-svg", "data:image/svg+xml,%3Csvg%20onload=alert(1)%3E"),
    ("vbscript", "vbscript:msgbox(1)"),
    ("file", "file:///etc/passwd"),
]
SAFE = [
    "https://laichau.gov.vn/", "http://example.org/a?b=c&amp;d=e", "HTTPS://EXAMPLE.ORG", "mailto:ban@laichau.gov.vn",
    "tel:+842133876543", "../don-vi/ban-tuyen-giao-tinh-uy.md", "ke-hoach/171-kh-btgtu.md#muc-ii", "#muc-1",
    "/tai-lieu/a.pdf", "", "%6Aavascript:alert(1)", "&amp;#106;avascript:alert(1)", "./javascript:alert(1)",
]


@pytest.mark.parametrize(("name", "url"), FORMS, ids=[name for name, _ in FORMS])
def test_obfuscated_script_url_is_unsafe(name: str, url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", SAFE)
def test_safe_url(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(("raw", "scheme"), [
    ("&#106;avascript:alert(1)", "javascript"), ("  \x01javascript:x", "javascript"), ("java\tscript:x", "javascript"),
    ("java\nscript:x", "javascript"), ("HTTPS://x", "https"), ("../x", None), ("#x", None), ("a/b:c", None),
    ("&#0;javascript:x", None),  # NUL becomes U+FFFD, which a browser does not strip: a relative path
])
def test_url_scheme(raw: str, scheme: str | None) -> None:
    assert url_scheme(raw) == scheme


# ---------------------------------------------------------------------------------------------------------------
# Markdown data fields
# ---------------------------------------------------------------------------------------------------------------

def contexts(url: str, label: str) -> dict[str, str]:
    """The Markdown ways of writing a link or image to `url`, each labelled so its text can be found."""
    return {
        "inline": f"[bấm {label}]({url})",
        "reference": f"[bấm {label}][r-{label}]\n\n[r-{label}]: {url}",
        "image": f"![ảnh {label}]({url})",
        "raw-html": f'<a href="{url}">bấm {label}</a>',
        "autolink": f"<{url}>",
    }


class _Links(HTMLParser):
    """Every URL-bearing attribute of an HTML text, as the browser decodes it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and name in ("href", "src", "xlink:href", "action", "formaction", "poster", "data"):
                self.urls.append((tag, name, value))

    handle_startendtag = handle_starttag


def unsafe_urls(html: str) -> list[tuple[str, str, str]]:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return [(tag, name, value) for tag, name, value in parser.urls if not is_safe_url(value, decoded=True)]


@pytest.mark.parametrize("context", ["inline", "reference", "image", "raw-html", "autolink"])
@pytest.mark.parametrize(("name", "url"), FORMS, ids=[name for name, _ in FORMS])
def test_form_in_a_markdown_field_is_plain_text(name: str, url: str, context: str) -> None:
    html = str(render_markdown(contexts(url, "x")[context]))
    # Python-Markdown turns a few forms into harmless relative links itself ("&amp;#106avascript:…"); every other
    # one is left as plain text, with neither a link nor an image.
    assert unsafe_urls(html) == []
    links = re.findall(r'<(?:a|img)\b[^>]*?(?:href|src)="([^"]*)"', html)
    assert all(url_scheme(link) is None for link in links), html
    if context in ("inline", "reference", "raw-html"):
        assert "bấm x" in html
    if context == "image":
        assert "ảnh x" in html


def markdown_fields() -> set[str]:
    """Every Markdown-capable field of the model, as "Class.field"."""
    found = set()
    records = [cls for cls in vars(model).values()
               if isinstance(cls, type) and cls.__module__ == model.__name__ and hasattr(cls, "LABEL")]
    for cls in records:
        for f in dataclass_fields(cls):
            kind = f.metadata.get("kind")
            item = kind.item if isinstance(kind, ListOf) else kind
            if isinstance(item, Text) and item.markdown:
                found.add(f"{cls.__name__}.{f.name}")
    return found


# The Markdown fields links_data() fills in.
FIELD_PLACES = {
    "Organisation.notes", "Paragraph.text", "ContentItem.text", "Timing.text", "Phase.items", "Task.details",
    "Task.notes", "Plan.preamble", "Plan.closing", "Milestone.description", "Event.description",
    "OutlineSection.body", "Outline.intro", "Phase.text", "PrintedSection.text",
}


def test_the_build_below_covers_every_markdown_field() -> None:
    assert markdown_fields() == FIELD_PLACES, "a Markdown field was added: give it a place in links_data()"


def payload(field: str) -> str:
    """All forms in every Markdown context, tagged with the field's marker."""
    label = "truong-" + field.lower().replace(".", "-")
    parts = [f"Đoạn {label}."]
    for name, url in FORMS:
        parts += [contexts(url, f"{label}-{name}")[context] for context in ("inline", "reference", "image", "autolink")]
    return "\n\n".join(parts)


def y(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML strings


def links_data(where: Path) -> Path:
    """The mini data set with every Markdown field filled with `payload`."""
    import shutil

    data = where / "data"
    shutil.copytree(FIXTURES / "mini", data)

    def append(name: str, text: str) -> None:
        path = data / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    def replace(name: str, old: str, new: str) -> None:
        path = data / name
        content = path.read_text(encoding="utf-8")
        assert content.count(old) == 1, (name, old)
        path.write_text(content.replace(old, new), encoding="utf-8")

    replace("organisations.yml", "- id: tinh-uy\n", f"- id: tinh-uy\n  notes: {y(payload('Organisation.notes'))}\n")
    append("milestones/chien-thang-dien-bien-phu.yml", f"description: {y(payload('Milestone.description'))}\n")
    append("events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml", f"description: {y(payload('Event.description'))}\n")
    replace("outlines/de-cuong-dien-bien-phu.yml", "    body: Chiến thắng Điện Biên Phủ ngày 07/5/1954.\n",
            f"    body: {y(payload('OutlineSection.body'))}\n")
    append("outlines/de-cuong-dien-bien-phu.yml", f"intro: {y(payload('Outline.intro'))}\n")
    replace("plans/171-kh-btgtu.yml", "    text: Tuyên truyền ý nghĩa lịch sử của Chiến thắng Điện Biên Phủ.\n",
            f"    text: {y(payload('ContentItem.text'))}\n")
    replace("plans/171-kh-btgtu.yml", '    section: "IV.5"\n',
            f'    section: "IV.5"\n    details: {y(payload("Task.details"))}\n    notes: {y(payload("Task.notes"))}\n')
    replace("plans/171-kh-btgtu.yml", "    heading: TỔ CHỨC THỰC HIỆN\n",
            f"    heading: TỔ CHỨC THỰC HIỆN\n    text: {y(payload('PrintedSection.text'))}\n")
    append("plans/171-kh-btgtu.yml", "".join([
        f"preamble: {y(payload('Plan.preamble'))}\n",
        f"purposes:\n  - text: {y(payload('Paragraph.text'))}\n    section: \"II\"\n",
        f"timing:\n  text: {y(payload('Timing.text'))}\n  section: \"II\"\n",
        f"phases:\n  - name: Đợt 1\n    section: \"II\"\n    text: {y(payload('Phase.text'))}\n"
        f"    items:\n      - {y(payload('Phase.items'))}\n",
        f"closing: {y(payload('Plan.closing'))}\n",
    ]))
    return data


def links_page() -> str:
    """A hand-written page with every form in every context a page can write (an autolink of a script URL is not
    a link in Markdown)."""
    return "# Trang thử nghiệm\n\n" + "\n\n".join(
        contexts(url, f"trang-{name}")[context] for name, url in FORMS for context in contexts(url, "").keys()
        if context != "autolink") + "\n"


def links_project(where: Path) -> Path:
    """The small project with every Markdown field of the data and a hand-written page full of script URLs."""
    return make_project(where, links_page(), data=links_data(where))


# Also clicked through in Chromium by tests/browser/test_safe_links_browser.py.
LINKS_SITE = SiteConfig("mini-links", links_project)


@pytest.fixture(scope="module")
def links_site(sites) -> Path:
    return sites.site(LINKS_SITE)


@pytest.mark.site
def test_no_page_of_the_site_has_an_unsafe_link(links_site: Path) -> None:
    found = []
    for page in sorted(links_site.rglob("*.html")):
        found += [(page.relative_to(links_site).as_posix(), *url) for url in
                  unsafe_urls(page.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.site
def test_every_field_and_form_reached_a_page_as_plain_text(links_site: Path) -> None:
    text = "\n".join(page.read_text(encoding="utf-8") for page in links_site.rglob("*.html"))
    # Milestone descriptions are in the data but no page shows them yet.
    shown = sorted(FIELD_PLACES - {"Milestone.description"})
    missing = [f"{field}/{name}" for field in shown for name, _ in FORMS
               if f"bấm truong-{field.lower().replace('.', '-')}-{name}" not in text]
    assert missing == []
    missing = [name for name, _ in FORMS if f"bấm trang-{name}" not in text]
    assert missing == []


# ---------------------------------------------------------------------------------------------------------------
# Raw HTML in hand-written pages
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="&#106;avascript:alert(1)">bấm</a>', "bấm"),
    ("<a href=javascript:alert(1)>bấm</a>", "bấm"),
    ("<a href='jav&#x09;ascript:alert(1)'>bấm</a>", "bấm"),
    ('<a/href="javascript:alert(1)">bấm</a>', "bấm"),
    ('<A HREF="javascript:alert(1)">bấm</A>', "bấm"),
    ('<a href="https://laichau.gov.vn/" onclick="alert(1)">bấm</a>', '<a href="https://laichau.gov.vn/">bấm</a>'),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<img alt="ảnh" src="javascript:alert(1)">', "ảnh"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<iframe src="javascript:alert(1)"></iframe>', '&lt;iframe src="javascript:alert(1)"&gt;&lt;/iframe&gt;'),
    ('<svg><a xlink:href="javascript:alert(1)"><text>k</text></a></svg>', "<svg><text>k</text></svg>"),
    ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
     '<svg>&lt;animate attributeName="href" to="javascript:alert(1)"/&gt;</svg>'),
    ('<math href="javascript:alert(1)">m</math>', "<math>m</math>"),
    ('<button formaction="javascript:alert(1)">b</button>', "<button>b</button>"),
    ('<img srcset="a.png 1x, javascript:alert(1) 2x" alt="x">', "x"),
    ('<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>', '<svg viewBox="0 0 1 1"><path d="M0 0" /></svg>'),
    ("<p>A &amp; B &lt; C</p>", "<p>A &amp; B &lt; C</p>"),
    ('<a href="https://a.vn/?x=1&amp;y=2">ok</a>', '<a href="https://a.vn/?x=1&amp;y=2">ok</a>'),
])
def test_raw_html(html: str, expected: str) -> None:
    assert sanitise_html(html) == expected
