"""macros/views/heading_page.py: a page of headings and raw-block placeholders converted without Python-Markdown
gives what Python-Markdown and MkDocs' render give it (HTML, table of contents, title, ids on the page); any
other page is left to them; and the shipped site is the same byte for byte with every page converted by them."""

from __future__ import annotations

import functools
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files

from macros.core.vietnamese import toc_slugify
from macros.views.heading_page import HeadingPages

from .compare_builds import compare
from .sites import ROOT, build

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "pymdownx.details", "attr_list", "sane_lists",
              "macros.views.safe_markdown", "macros.views.quick_inline"]
CONFIGS = {"toc": {"permalink": True, "permalink_title": "Liên kết cố định tới mục này", "slugify": toc_slugify}}
HEADINGS = HeadingPages.for_markdown(EXTENSIONS, CONFIGS)
LINK = '<a class="headerlink" href="#{0}" title="Liên kết cố định tới mục này">&para;</a>'


@functools.cache
def project_config():
    return load_config(str(ROOT / "mkdocs.yml"))


def mkdocs_render(text: str, extensions=EXTENSIONS, configs=CONFIGS) -> tuple:
    """(HTML, toc tokens, title, ids on the page) as MkDocs' Page.render makes them of `text`."""
    file = File("trang.md", "docs", "site", True)
    files = Files([file])
    config = project_config()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    raw = mkdocs_pages._RawHTMLPreprocessor()
    raw._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(file, files, config)
    anchors._register(md)
    mkdocs_pages._RelativePathTreeprocessor(file, files, config)._register(md)
    title = mkdocs_pages._ExtractTitleTreeprocessor()
    title._register(md)
    html = md.convert(text)
    return html, md.toc_tokens, title.title, anchors.present_anchor_ids | raw.present_anchor_ids


def quick_render(text: str, headings: HeadingPages | None = HEADINGS) -> tuple | None:
    assert headings is not None
    converted = headings.convert(text)
    if converted is None:
        return None
    return converted.html, converted.toc_tokens, converted.title, set(converted.anchor_ids)


# Pages converted here, as the page templates write them and in the corners of the rules Python-Markdown follows.
CONVERTED = [
    "",
    "\n\n  \n",
    "<!--sotay-block:1-->",
    "# Sở Văn hóa, Thể thao và Du lịch\n\n<!--sotay-block:1-->\n\n<!--sotay-block:2-->\n\n## Việc của đơn vị\n",
    "## Việc của đơn vị\n\n<!--sotay-block:3-->\n\n### 1. Quá hạn (0) {: #viec-qua-han .sotay-work-part }\n\n"
    "<!--sotay-block:4-->\n\n\n### 2. Đến hạn trong tháng 12/2026 (0) {: #viec-thang-nay .sotay-work-part }\n",
    "<!--sotay-block:1-->\n\n# Tiêu đề sau một khối\n\n<!--sotay-block:2-->",
    "# A\n\n## A\n\n## A {: #a }\n\n## a-1 {: .k #z }\n\n## A\n\n### a-1",
    "## C\n\n## C\n\n## B {: #c_1 }\n\n## C",
    "## X  Y   {: #q}\n\n# T\n\n#  A b  \n\n## C\u2003\n\n### D {:#id}  \n\n#### E {: .x .y }",
    "# Kế hoạch số 171\\-KH/BTGTU\n\n## Nghị định số 145/2013/NĐ\\-CP \\(sửa đổi\\)\n\n### \\#1 \\* \\_ \\` \\\\ \\[x\\] \\{y\\} \\! \\+ \\.",
    "# Ban &#34;Tuyên giáo&#34; &amp; Dân vận &#39;tỉnh&#39; &lt;Lai Châu&gt; &quot;x&quot;",
    "# Đơn vị: (cũ) - 2025! + 100% / 3 'a' \"b\" ~ ^ = ; , ?",
    "###### Mức sáu\n\n# Mức một {: .a #b .c }",
    "## Trùng\n\n## Khác {: #trùng .lớp-một }\n\n## Trùng",
]

# Pages left to Python-Markdown.
DECLINED = [
    "Một đoạn văn.",
    "# Tiêu đề\nMột dòng ngay dưới",
    "# Tiêu đề\n<!--sotay-block:1-->",
    "<!--sotay-block:1-->\n<!--sotay-block:2-->",
    "<!--sotay-block:1-->\n## Tiêu đề",
    "Tiêu đề\n=====",
    "#Dính liền",
    "####### Bảy dấu",
    "    # thụt lề",
    " # một dấu cách đầu dòng",
    "# Có *nhấn mạnh*",
    "# Có _gạch dưới_",
    "# Có `mã`",
    "# Có [liên kết](a.md)",
    "# Có <b>thẻ</b>",
    "# Có &copy; thực thể khác",
    "# Có & một mình",
    "# Có \\> thoát",
    "# Có \\| thoát",
    "# Có | cột",
    "# Có \\ một mình",
    "# Có # giữa",
    "# Kết thúc ##",
    "# Có {: #a b=c }",
    "# Có {: data-x }",
    "#\tcó tab",
    "# có\r\n",
    "# \n",
    "!!! note \"Chưa có toàn văn\"",
    "<div>khối khác</div>",
    "<!--chú thích khác-->",
    "- mục",
    "1. mục",
    "[TOC]",
]


@pytest.mark.parametrize("text", CONVERTED)
def test_a_page_of_headings_is_converted_as_python_markdown_and_mkdocs_convert_it(text: str) -> None:
    assert quick_render(text) == mkdocs_render(text)


@pytest.mark.parametrize("text", DECLINED)
def test_any_other_page_is_left_to_python_markdown(text: str) -> None:
    assert quick_render(text) is None


@pytest.mark.parametrize(("text", "html", "title", "toc"), [
    ("# Sở Y tế\n\n<!--sotay-block:1-->\n\n## Nguồn {: .sotay-print-stop }",
     f'<h1 id="sở-y-tế">Sở Y tế{LINK.format("sở-y-tế")}</h1>\n<!--sotay-block:1-->\n\n'
     f'<h2 class="sotay-print-stop" id="nguồn">Nguồn{LINK.format("nguồn")}</h2>',
     "Sở Y tế", [("sở-y-tế", "Sở Y tế", [("nguồn", "Nguồn", [])])]),
    ("## Trùng\n\n## Trùng\n\n## Khác {: #trùng }",
     f'<h2 id="trùng_1">Trùng{LINK.format("trùng_1")}</h2>\n<h2 id="trùng_2">Trùng{LINK.format("trùng_2")}</h2>\n'
     f'<h2 id="trùng">Khác{LINK.format("trùng")}</h2>',
     None, [("trùng_1", "Trùng", []), ("trùng_2", "Trùng", []), ("trùng", "Khác", [])]),
    ("<!--sotay-block:7-->\n\n# Sau khối",
     f'<!--sotay-block:7-->\n\n<h1 id="sau-khối">Sau khối{LINK.format("sau-khối")}</h1>', None,
     [("sau-khối", "Sau khối", [])]),
])
def test_what_a_page_of_headings_becomes(text: str, html: str, title: str | None, toc: list) -> None:
    def shape(tokens: list) -> list:
        return [(token["id"], token["name"], shape(token["children"])) for token in tokens]

    converted = HEADINGS.convert(text)
    assert converted is not None
    assert (converted.html, converted.title, shape(converted.toc_tokens)) == (html, title, toc)


@pytest.mark.parametrize("configs", [
    {"toc": {"permalink": False, "slugify": toc_slugify}},
    {"toc": {"slugify": toc_slugify}},
    {"toc": {"permalink": True}},
    {},
])
def test_other_toc_settings_it_knows_give_what_python_markdown_gives(configs: dict) -> None:
    headings = HeadingPages.for_markdown(EXTENSIONS, configs)
    for text in CONVERTED:
        assert quick_render(text, headings) == mkdocs_render(text, configs=configs)


@pytest.mark.parametrize(("extensions", "configs"), [
    (EXTENSIONS + ["footnotes"], CONFIGS),
    ([name for name in EXTENSIONS if name != "attr_list"], CONFIGS),
    ([name for name in EXTENSIONS if name != "toc"], {}),
    (EXTENSIONS[:-1] + [object()], CONFIGS),
    (EXTENSIONS, {"toc": {**CONFIGS["toc"], "baselevel": 2}}),
    (EXTENSIONS, {"toc": {**CONFIGS["toc"], "permalink": "#"}}),
    (EXTENSIONS, {"toc": {**CONFIGS["toc"], "permalink": ""}}),
    (EXTENSIONS, {"toc": {**CONFIGS["toc"], "permalink_title": 'Liên kết "cố định"'}}),
    (EXTENSIONS, {"toc": {**CONFIGS["toc"], "toc_depth": 3}}),
])
def test_a_markdown_configuration_it_does_not_know_leaves_every_page_to_python_markdown(extensions, configs) -> None:
    assert HeadingPages.for_markdown(extensions, configs) is None


def test_the_project_configuration_is_one_it_knows() -> None:
    config = project_config()
    assert HeadingPages.for_markdown(config.markdown_extensions, config.mdx_configs) is not None


@pytest.mark.site
def test_the_shipped_site_is_the_same_with_python_markdown_converting_every_page(
        tmp_path: Path, shipped_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HeadingPages, "for_markdown", classmethod(lambda cls, extensions, configs: None))
    slow = build(ROOT, tmp_path / "site")
    assert slow.ok, slow.log
    assert compare(slow.site, shipped_site) == []
