"""macros/views/raw_blocks.py: a raw HTML block kept out of a page's Markdown conversion and put back after it gives
the HTML the conversion gives the page with the block in it, and the anchors MkDocs would have read in it."""

from __future__ import annotations

import markdown
import pytest

from macros.views.quick_inline import QuickInlineExtension
from macros.views.raw_blocks import LostBlock, RawBlocks

EXTENSIONS = ["toc", "admonition", "pymdownx.details", "attr_list", "tables", "sane_lists", QuickInlineExtension()]

TASKS = ('<ul>\n<li><strong>Tuyên truyền &amp; cổ động</strong> <span class="sotay-state">Đang thực hiện</span><ul>\n'
         '<li>Thời gian: 20/11/2020</li>\n<li>Kế hoạch: <a href="../../ke-hoach/171/">171-KH/BTGTU</a></li>\n'
         '</ul>\n</li>\n</ul>\n')
FACTS = ('<div class="sotay-facts">\n<dl>\n<dt>Loại sự kiện</dt><dd>Kỷ niệm: 70 năm <span class="sotay-badge">năm tròn'
         '</span></dd>\n<dt>Thời gian diễn ra</dt><dd>07/5/2024</dd>\n</dl>\n</div>\n')
FIGURE = ('<figure class="sotay-progress">\n<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 10 10">\n'
          '<title id="p1-title">Nhiệm vụ</title>\n<desc id="p1-desc">Biểu đồ</desc>\n<rect width="8" height="8"/>\n'
          '</svg>\n</figure>\n')
PARAGRAPHS = "<p>Đoạn một, có <em>nghiêng</em>.</p>\n<p>Đoạn hai &lt;không phải thẻ&gt;.</p>\n"

# (Markdown before the block, the block, Markdown after it), as the page templates write them.
PAGES = [
    ("# Đơn vị\n\n", FACTS, "\n## Nhiệm vụ chủ trì\n\n2 nhiệm vụ chủ trì.\n"),
    ("## Nhiệm vụ chủ trì\n\nCó 1 nhiệm vụ.\n{: .sotay-org-summary }\n\n", TASKS, "\n## Nhiệm vụ phối hợp\n"),
    ("", FACTS, "\nVăn bản sau.\n"),
    ("# Kế hoạch\n\nĐoạn đầu.\n\n", FIGURE, ""),
    ("### Nội dung {: #noi-dung }\n\nTheo [171-KH](a.md)\n{: .sotay-source }\n\n", PARAGRAPHS, "\n### Tiếp\n"),
    ("Công việc đã qua, theo năm:\n{: .sotay-past-lead }\n\n",
     '<details class="sotay-past" open="open">\n<summary>Năm 2024 (1 nhiệm vụ)</summary>\n' + TASKS + "</details>\n",
     "\n## Văn bản ban hành\n"),
    ("- mục một\n- mục hai\n\n", TASKS, "\n- mục ba\n"),
]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


@pytest.mark.parametrize(("before", "block", "after"), PAGES)
def test_a_kept_block_gives_the_html_of_the_block_in_the_page(before: str, block: str, after: str) -> None:
    blocks = RawBlocks()
    page = before + str(blocks.keep(block)) + after  # str: Markup + str would escape the Markdown
    assert "<" not in page.replace("<!--sotay-block:1-->", "")
    assert blocks.restore(convert(page)).html == convert(before + block + after)


def test_blocks_in_a_row_and_blocks_inside_blocks_come_back_in_their_places() -> None:
    blocks = RawBlocks()
    details = '<details class="sotay-past">\n<summary>Năm 2023</summary>\n' + str(blocks.keep(TASKS)) + "</details>\n"
    page = "# Trang\n\n" + "\n".join(str(blocks.keep(block)) for block in (FACTS, details, PARAGRAPHS))
    expected = ("# Trang\n\n" + FACTS + "\n" + '<details class="sotay-past">\n<summary>Năm 2023</summary>\n' + TASKS
                + "</details>\n" + "\n" + PARAGRAPHS)
    assert blocks.restore(convert(page)).html == convert(expected)


@pytest.mark.parametrize(("block", "written"), [
    ("<ul>\n<li>a</li>\n</ul>", "<!--sotay-block:1-->"),
    ("\n<ul>\n<li>a</li>\n</ul>\n", "\n<!--sotay-block:1-->\n"),
    ("\n\n<p>a</p>\n\n", "\n\n<!--sotay-block:1-->\n\n"),
    ("", ""),
    ("\n\n", "\n\n"),
])
def test_the_placeholder_keeps_the_new_lines_around_the_block(block: str, written: str) -> None:
    assert RawBlocks().keep(block) == written


@pytest.mark.parametrize(("block", "anchors"), [
    (FIGURE, {"p1-title", "p1-desc"}),
    ('<div class="sotay-task-anchor" id="nv-1"></div>', {"nv-1"}),
    ('<p><a name="cu">cũ</a> <a href="#x" name="moi">mới</a></p>', {"cu", "moi"}),
    ('<div id="a&amp;b" data-id="khong"><span class="x"\nid="dong-moi">x</span></div>', {"a&b", "dong-moi"}),
    ('<span name="khong-phai-a">x</span> <li data-id="khong">y</li>', set()),
    (TASKS, set()),
])
def test_the_anchors_of_the_blocks_are_those_mkdocs_reads_in_raw_html(block: str, anchors: set[str]) -> None:
    blocks = RawBlocks()
    assert blocks.restore(f"<h1>x</h1>\n{blocks.keep(block)}").anchors == anchors


def test_a_block_whose_placeholder_is_lost_is_an_error() -> None:
    blocks = RawBlocks()
    placeholder = blocks.keep(TASKS)
    with pytest.raises(LostBlock, match="1 khối HTML"):
        blocks.restore(f"<p>{placeholder.replace('<', '&lt;')}</p>")
    assert blocks.restore("<p>trang sau</p>").html == "<p>trang sau</p>"  # nothing left over for the next page


def test_a_placeholder_written_in_a_page_brings_back_nothing() -> None:
    blocks = RawBlocks()
    assert blocks.restore("<!--sotay-block:1--><p>x</p>").html == "<!--sotay-block:1--><p>x</p>"
    blocks.keep(TASKS)
    blocks.clear()  # the page failed before its HTML was made
    assert blocks.restore("<!--sotay-block:1-->").html == "<!--sotay-block:1-->"
