"""The HTML the page templates write in raw blocks (`line` for data text, macros/views/render.py; html_feed_link,
macros/views/calendar_links.py) reads as the Markdown they used to write for the same thing: data text through
`md` in a paragraph, a link, a list item and a table cell gives the same page once made safe and compact, and the
link to a file is the one MkDocs makes of the Markdown link."""

from __future__ import annotations

import posixpath
import random

import markdown
import pytest
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from macros.outputs.compact_html import compact_html
from macros.views import calendar_links
from macros.views.paths import page_url, relative_file_url, relative_link, relpath
from macros.views.quick_inline import QuickInlineExtension
from macros.views.render import Templates
from macros.views.safe_html import sanitise_html
from macros.views.safe_markdown import md_escape

EXTENSIONS = ["toc", "admonition", "pymdownx.details", "attr_list", "tables", "sane_lists", QuickInlineExtension()]

TEXTS = [
    "Ban Tuyên giáo Tỉnh ủy",
    "a * b _c_ **d**",
    "x < y & z > w",
    'nói "có" và \'không\'',
    "hai\ndòng",
    "gạch \\ ngược",
    "`mã`",
    "[liên kết](x.md)",
    "ống | dẫn",
    "# không phải tiêu đề",
    "&amp; đã mã hóa",
    "<b>đậm</b>",
    Markup("<i>đánh dấu</i>"),
    "171-KH/BTGTU",
    "1. không phải danh sách",
]

# (Markdown as a template wrote it, the HTML it writes now), `{}` standing for the data text.
SHAPES = [
    ("**{md}**\n{{: #ban-in .sotay-unit-work }}\n", '<p class="sotay-unit-work" id="ban-in"><strong>{line}</strong></p>'),
    ("[{md}](../../ke-hoach/k/), phần mở đầu: {md}\n", '<p><a href="../../ke-hoach/k/">{line}</a>, phần mở đầu: {line}</p>'),
    ("- [{md}](../../van-ban/v/), ngày 01/5/2024: {md}\n- [{md}](../../van-ban/w/), chưa rõ ngày: {md}\n",
     '<ul>\n<li><a href="../../van-ban/v/">{line}</a>, ngày 01/5/2024: {line}</li>\n'
     '<li><a href="../../van-ban/w/">{line}</a>, chưa rõ ngày: {line}</li>\n</ul>'),
    ("| TT | Nhiệm vụ |\n|---|---|\n| 1 | {md} |\n",
     "<table>\n<thead>\n<tr>\n<th>TT</th>\n<th>Nhiệm vụ</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n"
     "<td>{line}</td>\n</tr>\n</tbody>\n</table>"),
]


def page_of(html: str) -> str:
    return compact_html(sanitise_html(html))


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("written", "html"), SHAPES)
def test_data_text_in_a_raw_block_reads_as_it_did_in_markdown(written: str, html: str, text: str) -> None:
    line = Templates().env.filters["line"]
    converted = markdown.Markdown(extensions=EXTENSIONS).convert(written.format(md=md_escape(text)))
    assert page_of(html.format(line=line(text))) == page_of(converted)


@pytest.mark.parametrize(("text", "line"), [
    ("a\nb", "a b"),
    ("<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"),
    (Markup("<i>x</i>"), "&lt;i&gt;x&lt;/i&gt;"),
    ('"\'', "&#34;&#39;"),
    (2024, "2024"),
])
def test_line_escapes_data_text_even_markup_and_keeps_it_on_one_line(text: object, line: str) -> None:
    assert Templates().env.filters["line"](text) == line


@pytest.mark.parametrize(("here", "target", "directory_urls", "url"), [
    ("don-vi/x.md", "lich/don-vi/x.ics", True, "../../lich/don-vi/x.ics"),
    ("don-vi/x.md", "lich/don-vi/x.ics", False, "../lich/don-vi/x.ics"),
    ("su-kien/index.md", "lich/su-kien.ics", True, "../lich/su-kien.ics"),
    ("su-kien/index.md", "lich/su-kien.ics", False, "../lich/su-kien.ics"),
    ("index.md", "lich/su-kien.ics", True, "lich/su-kien.ics"),
    ("gioi-thieu.md", "tai-ve/a.zip", True, "../tai-ve/a.zip"),
    ("gioi-thieu.md", "tai-ve/a.zip", False, "tai-ve/a.zip"),
    ("a/b/c.md", "a/b/d.pdf", True, "../d.pdf"),
])
def test_a_link_to_a_file_from_a_built_page_is_the_one_mkdocs_makes(here: str, target: str, directory_urls: bool,
                                                                      url: str) -> None:
    assert relative_file_url(here, target, directory_urls) == url
    # MkDocs turns the Markdown link relative_link(here, target) into the URL of the file relative to the page's.
    assert posixpath.normpath(posixpath.join(posixpath.dirname(here), relative_link(here, target))) == target
    assert get_relative_url(target, page_url(here, directory_urls)) == url


def test_the_feed_link_for_raw_html_is_the_built_feed() -> None:
    assert calendar_links.feed_url("don-vi/x.md", "organisation", "x") == "../../lich/don-vi/x.ics"
    assert calendar_links.feed_url("su-kien/index.md", "event") == "../lich/su-kien.ics"
    assert calendar_links.feed_url("don-vi/x.md", "organisation", "x", directory_urls=False) == "../lich/don-vi/x.ics"


@pytest.mark.parametrize(("path", "start", "link"), [
    ("su-kien/x.md", "don-vi", "../su-kien/x.md"),
    ("don-vi/x.md", "don-vi", "x.md"),
    ("don-vi/x/", "don-vi/x", "."),
    (".", "don-vi/x", "../.."),
    ("lich/su-kien.ics", ".", "lich/su-kien.ics"),
    ("a/b/c", "a/b/d/e", "../../c"),
    ("a/./b", "a", "b"),
    ("../x", "a", "../../x"),
])
def test_relpath_is_posixpaths_for_paths_inside_the_site(path: str, start: str, link: str) -> None:
    assert relpath(path, start) == link == posixpath.relpath(path, start)


def test_relpath_agrees_with_posixpath_on_random_site_paths() -> None:
    rng = random.Random(7)
    names = ["a", "b", "don-vi", "x.md", "index.md", "."]
    def path() -> str:
        return "/".join(rng.choice(names) for _ in range(rng.randint(1, 4))) + rng.choice(["", "/"])
    for _ in range(5000):
        one, two = path(), path()
        assert relpath(one, two) == posixpath.relpath(one, two), (one, two)
    with pytest.raises(ValueError):
        relpath("", "a")
