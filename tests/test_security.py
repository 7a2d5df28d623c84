"""Security of the build: nothing written in a page or in data/ may run code on the build machine or a
script in a reader's browser.

Every build here is a real `mkdocs build --strict` (in-process, tests/sites.py) of a copy of the shipped project,
changed in one place, so what is tested is what an editor's pull request would do to the real site.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from macros.core.check import check_data
from macros.views.safe_markdown import md_escape, render_markdown

from .checker import check_output
from .sites import ROOT, SiteConfig, build, copy_project, edit


# ---------------------------------------------------------------------------------------------------------------
# Helpers: a look at the HTML through a real parser.
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Element:
    tag: str
    attrs: list[tuple[str, str | None]]
    text: str = ""  # for <script>: its content


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # text nodes, entities decoded
    strong: list[str] = field(default_factory=list)  # text inside <strong>

    @property
    def all_text(self) -> str:
        return "".join(self.text)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._open: list[Element] = []
        self._strong_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, attrs)
        self.page.elements.append(element)
        if tag == "script":
            self._open.append(element)
        if tag == "strong":
            self._strong_depth += 1
            self.page.strong.append("")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open:
            self._open.pop()
        if tag == "strong" and self._strong_depth:
            self._strong_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].text += data
            return
        self.page.text.append(data)
        if self._strong_depth:
            self.page.strong[-1] += data


def parse_html(html: str) -> ParsedPage:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


# Templates in hand-written pages: tests/test_page_sandbox.py (the escape table and every misuse, each built).


# ---------------------------------------------------------------------------------------------------------------
# Template syntax in data is refused by the checker (and so by the build, which checks first).
# ---------------------------------------------------------------------------------------------------------------

JINJA_IN_DATA = [
    # (file, old, new, key, token)
    ("events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml", "  Tuyên truyền đường lối kháng chiến",
     "  {{ cycler.__init__.__globals__.os.system('touch PWNED') }} Tuyên truyền đường lối kháng chiến",
     "description", "{{"),
    ("organisations.yml", "  name: Ban Tuyên giáo Tỉnh ủy Lai Châu\n",
     "  name: \"Ban Tuyên giáo {% if true %}Tỉnh ủy{% endif %} Lai Châu\"\n", "name", "{%"),
    ("plans/171-kh-btgtu.yml", "  - title: Chỉ đạo, hướng dẫn đẩy mạnh công tác tuyên truyền;",
     "  - title: Chỉ đạo {#ẩn#}, hướng dẫn đẩy mạnh công tác tuyên truyền;", "title", "{#"),
]


@pytest.mark.parametrize(("relative", "old", "new", "key", "token"), JINJA_IN_DATA)
def test_checker_refuses_template_syntax_in_data(tmp_path: Path, compose_once, relative: str, old: str, new: str,
                                                 key: str, token: str) -> None:
    """`sotay check` in this process (tests/test_cli.py runs the command itself): a crash would raise here."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    edit(data / relative, old, new)
    result = check_output(tmp_path)
    assert result.status == 1, result
    lines = [line for line in result.lines if line.startswith(f"data/{relative}:")]
    assert lines, result.lines
    assert any(f"\"{key}\" chứa \"{token}\"" in line and "Jinja" in line for line in lines), lines
    assert "Traceback" not in "\n".join(result.lines) + result.stderr


@pytest.mark.site
def test_build_refuses_template_syntax_in_data_without_running_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    relative, old, new, _, _ = JINJA_IN_DATA[0]
    edit(project / "data" / relative, old, new)
    result = build(project)  # in the project folder, where the payload's `touch PWNED` would write
    assert not result.ok
    assert f"data/{relative}:" in result.log
    assert "Jinja" in result.log
    assert not list(tmp_path.rglob("PWNED"))


# ---------------------------------------------------------------------------------------------------------------
# HTML and script in data fields: the build succeeds, the pages show the text, escaped, and run nothing.
# ---------------------------------------------------------------------------------------------------------------

def payload(marker: str) -> str:
    """One line with every attack, tagged so each field's text can be found on the pages. `</title>` first: a
    title printed unescaped into <title> would otherwise only show the tags as text."""
    return (f"</title><script>alert('{marker}')</script> <img src=x onerror=alert('{marker}')> "
            f"[bấm {marker}](javascript:alert('{marker}')) **đậm {marker}**")


def yaml_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


EVENT_FILE = "events/ky-niem-70-nam-chien-thang-dien-bien-phu.yml"
TASK_PLAN_FILE = "plans/kh-btc-20-nam-chia-tach.yml"
DETAILS_PLAN_FILE = "plans/171-kh-btgtu.yml"
OUTLINE_FILE = "outlines/de-cuong-70-nam-chien-thang-dien-bien-phu.yml"
EVENT_PAGE = "su-kien/ky-niem-70-nam-chien-thang-dien-bien-phu/index.html"


@dataclass(frozen=True)
class Field:
    marker: str
    markdown: bool  # a Markdown field (rendered) or plain text (shown as written)
    page: str  # the site page where the field must show, relative to the site folder


FIELDS = {
    "event-title": Field("ten-su-kien", False, EVENT_PAGE),
    "event-description": Field("mo-ta-su-kien", True, EVENT_PAGE),
    "task-title": Field("ten-nhiem-vu", False, "su-kien/ky-niem-20-nam-chia-tach-thanh-lap-tinh/index.html"),
    "task-details": Field("chi-tiet-nhiem-vu", True, "ke-hoach/171-kh-btgtu/index.html"),
    "organisation-name": Field("ten-don-vi", False, "don-vi/ban-tuyen-giao-tinh-uy/index.html"),
    "outline-body": Field("noi-dung-de-cuong", True, "de-cuong/de-cuong-70-nam-chien-thang-dien-bien-phu/index.html"),
}
MARKERS = [spec.marker for spec in FIELDS.values()]


def inject_payloads(data: Path) -> None:
    title = "Kỷ niệm 70 năm Ngày Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2024)"
    edit(data / EVENT_FILE, f"title: {title}\n",
         "title: " + yaml_quoted(f"{title} {payload(FIELDS['event-title'].marker)}") + "\n")
    edit(data / EVENT_FILE, "  Tuyên truyền đường lối kháng chiến",
         f"  {payload(FIELDS['event-description'].marker)}\n\n  Tuyên truyền đường lối kháng chiến")
    edit(data / TASK_PLAN_FILE,
         "    title: Chỉ đạo, hướng dẫn thực hiện công tác tuyên truyền các sự kiện lịch sử của tỉnh năm 2024 bằng "
         "nhiều hình thức\n",
         "    title: " + yaml_quoted("Chỉ đạo, hướng dẫn thực hiện công tác tuyên truyền "
                                   + payload(FIELDS["task-title"].marker)) + "\n")
    edit(data / DETAILS_PLAN_FILE, "      Chỉ đạo, hướng dẫn các cơ quan tư tưởng - văn hóa tỉnh,",
         f"      {payload(FIELDS['task-details'].marker)}\n\n      Chỉ đạo, hướng dẫn các cơ quan tư tưởng - văn hóa tỉnh,")
    edit(data / "organisations.yml", "  name: Ban Tuyên giáo Tỉnh ủy Lai Châu\n",
         "  name: " + yaml_quoted("Ban Tuyên giáo Tỉnh ủy Lai Châu " + payload(FIELDS["organisation-name"].marker))
         + "\n")
    edit(data / OUTLINE_FILE, "          Tuyên truyền đường lối kháng chiến “Toàn dân, toàn diện, trường kỳ kháng chiến” "
                              "của Đảng; làm rõ",
         f"          {payload(FIELDS['outline-body'].marker)}\n\n"
         "          Tuyên truyền đường lối kháng chiến “Toàn dân, toàn diện, trường kỳ kháng chiến” của Đảng; làm rõ")


def payload_project(where: Path) -> Path:
    """The shipped project with the payloads in data/, which stay valid data."""
    project = copy_project(where)
    inject_payloads(project / "data")
    problems = check_data(project / "data", base=project).problems
    assert not problems, "the payloads must be valid data:\n" + "\n".join(p.format() for p in problems.sorted())
    return project


# Also opened in Chromium by tests/browser (payload_site there).
PAYLOAD_SITE = SiteConfig("shipped-payloads", payload_project)


@pytest.fixture(scope="module")
def payload_site(sites) -> Path:
    return sites.site(PAYLOAD_SITE)


@pytest.fixture(scope="module")
def payload_pages(payload_site: Path) -> dict[str, ParsedPage]:
    return {page.relative_to(payload_site).as_posix(): parse_html(page.read_text(encoding="utf-8"))
            for page in sorted(payload_site.rglob("*.html"))}


@pytest.mark.site
def test_no_page_has_an_event_handler_attribute(payload_pages: dict[str, ParsedPage]) -> None:
    found = [(name, element.tag, attr) for name, page in payload_pages.items() for element in page.elements
             for attr, _ in element.attrs if attr.lower().startswith("on")]
    assert found == []


@pytest.mark.site
def test_no_link_or_source_has_a_script_url(payload_pages: dict[str, ParsedPage]) -> None:
    found = []
    for name, page in payload_pages.items():
        for element in page.elements:
            for attr, value in element.attrs:
                if attr.lower() in ("href", "src", "action", "formaction", "srcset", "data", "xlink:href") and value:
                    squeezed = "".join(value.split()).lower()
                    if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                        found.append((name, element.tag, attr, value))
    assert found == []


ACTIVE_ATTRIBUTES = ("href", "src", "action", "formaction", "style", "srcdoc")


@pytest.mark.site
def test_no_injected_element(payload_pages: dict[str, ParsedPage]) -> None:
    """No element made from the payloads: no <img src=x>, no script with our alert, no attribute that could run
    it (a marker in a title="" tooltip or in an #anchor is text, and allowed)."""
    found = []
    for name, page in payload_pages.items():
        for element in page.elements:
            if element.tag == "img" and ("src", "x") in element.attrs:
                found.append((name, element))
            if element.tag in ("script", "style") and any(m in element.text for m in MARKERS):
                found.append((name, element))
            for attr, value in element.attrs:
                active = attr.lower().startswith("on") or attr.lower() in ACTIVE_ATTRIBUTES
                if active and value and not value.startswith("#") and "alert" in value:
                    found.append((name, element))
    assert found == []


@pytest.mark.site
def test_title_element_holds_only_text(payload_pages: dict[str, ParsedPage]) -> None:
    """<title> is printed by the theme, not by our templates: a title from data must not close it."""
    found = []
    for name, page in payload_pages.items():
        tags = [e.tag for e in page.elements]
        if "title" in tags:
            after_title = tags[tags.index("title") + 1:]
            if after_title[:1] == ["script"] or "img" in after_title[:2]:
                found.append((name, after_title[:3]))
    assert found == []


@pytest.mark.site
@pytest.mark.parametrize("name", FIELDS)
def test_field_shows_escaped_as_text(payload_pages: dict[str, ParsedPage], name: str) -> None:
    spec = FIELDS[name]
    assert spec.page in payload_pages, f"{spec.page} was not generated"
    page = payload_pages[spec.page]
    assert "Trang đang xây dựng" not in page.all_text, f"{spec.page} is a placeholder"
    text = page.all_text
    # The decoded text shows the tags as characters: so the HTML had them as &lt;script&gt;...
    assert f"</title><script>alert('{spec.marker}')</script>" in text
    assert f"<img src=x onerror=alert('{spec.marker}')>" in text


@pytest.mark.site
@pytest.mark.parametrize("name", FIELDS)
def test_markdown_renders_only_in_markdown_fields(payload_pages: dict[str, ParsedPage], name: str) -> None:
    spec = FIELDS[name]
    assert spec.page in payload_pages, f"{spec.page} was not generated"
    page = payload_pages[spec.page]
    if spec.markdown:
        assert f"đậm {spec.marker}" in page.strong
        assert f"bấm {spec.marker}" in page.all_text  # the link text stays, its javascript: target does not
        links = [dict(e.attrs).get("href") or "" for e in page.elements if e.tag == "a"]
        assert not [href for href in links if "alert" in href and not href.startswith("#")]
    else:
        assert f"**đậm {spec.marker}**" in page.all_text
        assert f"[bấm {spec.marker}](javascript:alert('{spec.marker}'))" in page.all_text
        assert not any(spec.marker in s for s in page.strong)


@pytest.mark.site
def test_payloads_escaped_on_every_page_they_reach(payload_site: Path) -> None:
    """Raw source check beside the parser: wherever a marker shows, its tags are entities."""
    found = []
    for page in payload_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in MARKERS:
            for raw in (f"<script>alert('{marker}')", f"<script>alert(&#39;{marker}&#39;)", "<img src=x"):
                if raw in html:
                    found.append((page.relative_to(payload_site).as_posix(), raw))
    assert found == []


@pytest.mark.site
def test_no_page_shows_an_entity_as_text(payload_pages: dict[str, ParsedPage]) -> None:
    """Escaping exactly once: the reader sees ' and ", never &#39; or &amp;#34; (in the page, header or title)."""
    entity = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
    found = []
    for name, page in payload_pages.items():
        for chunk in page.text:
            if any(m in chunk for m in MARKERS) and entity.search(chunk):
                found.append((name, entity.search(chunk).group(), chunk.strip()[:80]))
    assert found == []


# ---------------------------------------------------------------------------------------------------------------
# Unit tables for macros/views/safe_markdown.py
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("**đậm**", "<p><strong>đậm</strong></p>"),
    ("_nghiêng_", "<p><em>nghiêng</em></p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
    ("<div>\n<b>khối</b>\n</div>", "<p>&lt;div&gt;\n&lt;b&gt;khối&lt;/b&gt;\n&lt;/div&gt;</p>"),
    ("[bấm](javascript:alert(1))", "<p>bấm</p>"),
    ("[bấm](JAVASCRIPT:alert(1))", "<p>bấm</p>"),
    ("![ảnh](javascript:alert(1))", "<p>ảnh</p>"),
    ("[trang](https://laichau.gov.vn/)", '<p><a href="https://laichau.gov.vn/">trang</a></p>'),
    ("<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),  # not an autolink
    ("[a][r]\n\n[r]: javascript:alert(1)", "<p>a</p>"),
    ("- một\n- hai", "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>"),
    ("A & B < C", "<p>A &amp; B &lt; C</p>"),
    ("&lt;b&gt;", "<p>&lt;b&gt;</p>"),
    ("", ""),
    (None, ""),
])
def test_render_markdown(text: str | None, expected: str) -> None:
    rendered = render_markdown(text)
    assert isinstance(rendered, Markup)
    assert str(rendered) == expected


def test_render_markdown_does_not_leak_state_between_calls() -> None:
    render_markdown("[a][r]\n\n[r]: https://example.org/")
    assert str(render_markdown("[a][r]")) == "<p>[a][r]</p>"


@pytest.mark.parametrize(("text", "expected"), [
    ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
    ("**đậm**", "\\*\\*đậm\\*\\*"),
    ("[bấm](javascript:alert(1))", "\\[bấm\\]\\(javascript:alert\\(1\\)\\)"),
    ("171-KH/BTGTU", "171\\-KH/BTGTU"),
    ("# không phải tiêu đề", "\\# không phải tiêu đề"),
    ("a_b_c", "a\\_b\\_c"),
    ("`mã`", "\\`mã\\`"),
    ("{{ x }}", "\\{\\{ x \\}\\}"),
    ("1. không phải danh sách", "1\\. không phải danh sách"),
    ("a | b", "a \\| b"),
    ("dòng 1\ndòng 2", "dòng 1 dòng 2"),
    ("\\", "\\\\"),
    (2024, "2024"),
])
def test_md_escape(text: object, expected: str) -> None:
    escaped = md_escape(text)
    assert isinstance(escaped, Markup)
    assert str(escaped) == expected


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "**đậm** _nghiêng_ `mã`",
    "[bấm](javascript:alert(1))",
    "# tiêu đề giả\n- mục giả",
    "A & B <b>c</b> \\*",
    "171-KH/BTGTU, ngày 30/5/2023",
    "Phong trào \"Đền ơn đáp nghĩa\" & 'Uống nước nhớ nguồn'",
    "&lt; không phải thẻ &#34;",
])
def test_md_escape_renders_back_to_the_same_text(text: str) -> None:
    """Escaped text run through Markdown (as MkDocs does with a page) shows exactly the original characters."""
    import markdown
    html = markdown.markdown(str(md_escape(text)))
    assert parse_html(html).all_text == text.replace("\n", " ")
    assert not [e for e in parse_html(html).elements if e.tag not in ("p",)]
