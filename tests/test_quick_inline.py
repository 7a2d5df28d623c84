"""macros/views/quick_inline.py: Python-Markdown's inline step, trying only the patterns that could match, gives the
HTML of the standard step, byte for byte."""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTextInlineProcessor

from macros.views.quick_inline import QuickInlineExtension, pattern_needs

EXTENSIONS = ["toc", "admonition", "pymdownx.details", "attr_list", "tables", "sane_lists"]

SAMPLES = [
    "Thời gian: Chưa rõ",
    "**Kế hoạch** số [171-KH/TU](ke-hoach/171.md) và *chú thích* _nghiêng_ __đậm__",
    "Ngắt dòng ở đây  \nrồi tiếp, và một dấu \\* thoát, `mã *không* đậm`,"
    " ``hai `dấu` huyền``",
    "Ký tự &amp; thực thể &#273; &copy; và & trơ trọi, < nhỏ hơn, a<b",
    "<span class=\"x\">HTML trong dòng</span> <https://example.org/a> <ai@example.org>",
    "![ảnh](a.png) [tham chiếu][r] [r] ![r]\n\n[r]: https://example.org/r",
    "***đậm nghiêng*** ___cả hai___ * không phải * _ cũng không _ a*b*c snake_case_word",
    "- mục **một**\n- mục [hai](b.md){: .lop }\n    - con `ba`\n\n| cột | *b* |\n|---|---|\n| 1 | [x](y) |",
    "## Tiêu đề *nghiêng* {: #neo }\n\n!!! note \"Chú ý **đậm**\"\n\n    Nội dung _nghiêng_.",
    "??? sotay-past \"Năm 2025 (1 nhiệm vụ)\"\n\n    - **Việc** <span data-x=\"[1]\">Tình trạng</span>\n"
    "        - Thời gian: 20/11/2020",
    "Chỉ một dấu \\\\ và [ ngoặc mở lẻ, ]ngoặc đóng lẻ, và \\[không phải liên kết\\](x)",
    "",
]


def convert(text: str, extensions: list) -> str:
    return markdown.Markdown(extensions=extensions).convert(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_the_html_is_the_standard_one(text: str) -> None:
    assert convert(text, EXTENSIONS + [QuickInlineExtension()]) == convert(text, EXTENSIONS)


class DashExtension(Extension):
    """An inline pattern of an extension this module does not know: "--" needs none of the standard characters."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(SimpleTextInlineProcessor("(--)"), "dash", 5)


@pytest.mark.parametrize("text", SAMPLES)
def test_with_an_unknown_pattern_every_pattern_is_tried(text: str) -> None:
    text += " -- gạch nối, và chú thích[^1]\n\n[^1]: Chú thích."
    for extensions in ([DashExtension()], ["footnotes"], ["smarty"]):
        assert convert(text, extensions + [QuickInlineExtension()]) == convert(text, extensions)


def test_what_each_pattern_needs() -> None:
    md = markdown.Markdown()
    needs = dict(zip([item.name for item in sorted(md.inlinePatterns._priority, key=lambda i: -i.priority)],
                     pattern_needs(md) or []))
    assert needs == {
        "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "image_link": ("[",),
        "image_reference": ("[",), "short_reference": ("[",), "short_image_ref": ("[",), "autolink": ("<",),
        "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    }
    assert pattern_needs(markdown.Markdown(extensions=[DashExtension()])) is None
    assert pattern_needs(markdown.Markdown(extensions=["footnotes"])) is None
