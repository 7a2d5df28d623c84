"""Pages cannot reach the build machine: a hand-written page sees only the documented macros, a plain `page` and a
few plain values, reads attributes of plain data only, and every misuse stops the build with one Vietnamese line
naming the page file and line.

The escape table builds each attempt for real (tests/sites.py: the project's own configuration, plugin and theme
on the small data set); a payload that would write a marker file or print the process environment must do
neither.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from macros.views.page_sandbox import PageError, PageInfo, PageRenderer

from .sites import ROOT, build, building, make_project, site_text

EVENT = "ky-niem-70-nam-chien-thang-dien-bien-phu"
# Output that only Python internals print: none may reach a page or the build's messages.
INTERNALS = ("<module", "__builtins__", "<function", "<built-in", "<class", "object at 0x", "<bound method",
             "mappingproxy(", "Environment", "PluginCollection", "SuperDict")


# ---------------------------------------------------------------------------------------------------------------
# The escape table: each row a page a pull request could add, built for real.
# ---------------------------------------------------------------------------------------------------------------

def escapes(marker: Path) -> list[tuple[str, str]]:
    """(route, page body); `M` in a payload is the marker file it would create."""
    m = repr(str(marker))
    touch = f"'touch ' ~ {m}"
    return [
        # The MkDocs config, its plugins and the theme's own (unsandboxed) Jinja environment.
        ("config", "{{ config }}"),
        ("config", "{{ config.plugins['macros'].env.globals }}"),
        ("config", "{{ config.theme.get_env().globals }}"),
        ("config", f"{{{{ config.__class__.__init__.__globals__['os'].system({touch}) }}}}"),
        # What mkdocs-macros gives every page by default.
        ("plugin", "{{ plugin }}"),
        ("plugin", "{{ environment }}"),
        ("plugin", "{{ context() }}"),
        ("plugin", "{{ context(config) | pretty }}"),
        ("plugin", "{{ macros_info() }}"),
        ("plugin", "{{ git }}"),
        ("plugin", "{{ navigation.pages }}"),
        ("plugin", "{{ files }}"),
        ("plugin", "{{ macros }}"),
        ("plugin", "{{ filters_builtin }}"),
        ("plugin", "{{ now() }}"),
        # Module globals through the macros themselves.
        ("module", f"{{{{ event_card.__globals__['os'].system({touch}) }}}}"),
        ("module", "{{ home.__closure__ }}"),
        ("module", "{{ data_summary.__module__ }}"),
        ("module", "{{ range.__globals__ }}"),
        ("module", "{{ range.__code__ }}"),
        # Jinja's own helpers.
        ("loop", f"{{% for x in [1] %}}{{{{ loop.__init__.__globals__['os'].system({touch}) }}}}{{% endfor %}}"),
        ("loop", "{% for x in [1] %}{{ loop.cycle.__func__.__globals__ }}{% endfor %}"),
        ("cycler", f"{{{{ cycler.__init__.__globals__.os.system({touch}) }}}}"),
        ("lipsum", f"{{{{ lipsum.__globals__['os'].system({touch}) }}}}"),
        ("namespace", f"{{{{ namespace.__init__.__globals__['os'].popen({touch}).read() }}}}"),
        ("joiner", f"{{{{ joiner.__init__.__globals__['os'].system({touch}) }}}}"),
        ("joiner", f"{{{{ joiner.__init__.__globals__['os'].popen({touch}).read() }}}}"),
        # The attr filter and attr() do what the dot does.
        ("attr", "{{ event_card|attr('__globals__') }}"),
        ("attr", "{{ (''|attr('__class__')|attr('__mro__'))[1] }}"),
        ("attr", "{{ page|attr('__class__') }}"),
        ("attr", "{{ (event_card|attr('__globals__'))['os'] }}"),
        ("attr", "{{ ''.__class__|attr('__mro__') }}"),
        ("attr", "{{ config|attr('__class__')|attr('__init__') }}"),
        ("attr", "{{ cycler|attr('__init__')|attr('__globals__') }}"),
        # String formatting reads attributes too.
        ("format", "{{ '{0.__globals__}'.format(event_card) }}"),
        ("format", "{{ '{0.__class__.__mro__[1].__subclasses__}'.format('') }}"),
        ("format", "{{ '%s'|format(event_card.__globals__) }}"),
        ("format", "{{ '{x.__init__.__globals__}'.format_map({'x': page}) }}"),
        ("format", "{{ '%(a)s'|format(a=home.__code__) }}"),
        # The template's own reference.
        ("self", f"{{{{ self.__init__.__globals__['os'].system({touch}) }}}}"),
        ("self", "{{ self._TemplateReference__context.parent }}"),
        ("self", f"{{{{ self.__init__.__globals__.__builtins__.open({m}, 'w').write('x') }}}}"),
        # __class__ chains to every class in the process.
        ("class", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("class", "{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__ == 'Popen' %}"
                  f"{{{{ c(['touch', {m}]) }}}}{{% endif %}}{{% endfor %}}"),
        ("class", "{{ [].__class__.__base__ }}"),
        ("class", "{{ build_date.__class__.__subclasses__() }}"),
        ("class", "{{ page.meta.__class__ }}"),
        ("class", "{{ site_name.__class__.__base__ }}"),
        # Front matter is read as plain data: a Python tag in it is not run.
        ("front matter", f"---\nx: !!python/object/apply:os.system [{m}]\n---\n\n# Trang\n"),
        ("front matter", "---\ntitle: \"{{ config.__class__ }}\"\n---\n\n# Trang\n"),
    ]


ESCAPES = escapes(Path("M"))


@pytest.mark.site
@pytest.mark.parametrize("index", range(len(ESCAPES)), ids=[f"{route}-{i}" for i, (route, _) in enumerate(ESCAPES)])
def test_escape_attempt_is_refused_or_harmless(tmp_path: Path, index: int) -> None:
    marker = tmp_path / "PWNED"
    route, body = escapes(marker)[index]
    page = body if body.startswith("---") else f"# Trang thử nghiệm\n\n{body}\n"
    secret = secrets.token_hex(16)
    result = build(make_project(tmp_path, page), SOTAY_TEST_SECRET=secret)
    assert not marker.exists(), f"{route}: the page ran a command on the build machine"
    assert not list(tmp_path.rglob("PWNED"))
    everything = site_text(result.site) + result.log
    assert secret not in everything, f"{route}: the process environment reached the output"
    assert "Traceback" not in result.log
    if result.ok:
        article = (result.site / "thu-nghiem" / "index.html").read_text(encoding="utf-8")
        assert not [word for word in INTERNALS if word in article], f"{route}: internals rendered"
    else:
        lines = [line for line in result.log.splitlines() if "docs/thu-nghiem.md:" in line]
        assert len(lines) == 1, result.log
        assert any(words in lines[0] for words in ("bị từ chối vì lý do an toàn", "không tồn tại")), lines[0]
        assert not [word for word in INTERNALS if word in result.log], result.log


def test_the_table_has_enough_cases() -> None:
    assert len(ESCAPES) >= 30
    assert {route for route, _ in ESCAPES} >= {"config", "plugin", "module", "loop", "cycler", "lipsum", "namespace",
                                                "joiner", "attr", "format", "self", "class"}


def test_the_marker_payloads_are_live_without_a_sandbox(tmp_path: Path) -> None:
    """Proves the table is real: plain Jinja (what mkdocs-macros uses unless told otherwise) runs them."""
    marker = tmp_path / "PWNED"
    body = dict(escapes(marker))["cycler"]
    jinja2.Environment().from_string(body).render(cycler=jinja2.utils.Cycler)
    assert marker.exists()


# ---------------------------------------------------------------------------------------------------------------
# Misuse: one Vietnamese line naming the page and line, in a real build.
# ---------------------------------------------------------------------------------------------------------------

UNDEFINED = "trang chỉ dùng được các macro ở trang \"Macro cho trang viết tay\" và biến page"
MISUSE = [
    ("{{ 1/0 }}", "lỗi khi tính giá trị trong macro: phép chia cho 0"),
    ("{% include 'index.md' %}", "lệnh {% include %} không được dùng trong trang: trang không được đọc tệp khác"),
    ("{% import 'index.md' as x %}", "lệnh {% import %} không được dùng trong trang: trang không được đọc tệp khác"),
    ("{% from 'index.md' import x %}",
     "lệnh {% from … import %} không được dùng trong trang: trang không được đọc tệp khác"),
    ("{% extends 'index.md' %}", "lệnh {% extends %} không được dùng trong trang: trang không được đọc tệp khác"),
    ("{{ event_card() }}", "macro event_card được gọi sai tham số; cách gọi đúng: event_card(event_id)"),
    ("{{ event_card('a', 'b') }}", "macro event_card được gọi sai tham số; cách gọi đúng: event_card(event_id)"),
    ("{{ task_table(don_vi='bao-lai-chau') }}",
     "macro task_table được gọi sai tham số; cách gọi đúng: task_table(unit=…, event=…, plan=…)"),
    ("{{ event_card(2024) }}", "macro event_card: \"event_id\" phải là một mã viết trong dấu nháy kép, ví dụ "
                               "\"ky-niem-70-nam-chien-thang-dien-bien-phu\"; ở đây là 2024"),
    ("{{ event_card('Điện Biên') }}", "macro event_card: mã \"Điện Biên\" không hợp lệ: mã chỉ gồm chữ thường không "
                                      "dấu, chữ số và dấu gạch ngang"),
    ("{{ year_timeline('abc') }}", "macro year_timeline: \"year\" phải là một năm viết bằng số, không có dấu nháy, "
                                   "ví dụ year_timeline(2024); ở đây là \"abc\""),
    ("{{ year_timeline(99999) }}", "macro year_timeline: năm 99999 nằm ngoài khoảng 1800–2200"),
    ("{{ anniversaries(true) }}", "macro anniversaries: \"year\" phải là một năm viết bằng số, không có dấu nháy, "
                                  "ví dụ anniversaries(2024); ở đây là True"),
    ("{{ event_card('ky-niem-70-nam-dien-bien') }}",
     "không có sự kiện nào mang mã \"ky-niem-70-nam-dien-bien\" trong data/; kiểm tra lại mã trong lời gọi macro"),
    ("{{ khong_co_macro() }}", f"dùng biến hoặc macro không tồn tại (\"khong_co_macro\"); {UNDEFINED}"),
    ("{{ bien_khong_co }}", f"dùng biến hoặc macro không tồn tại (\"bien_khong_co\"); {UNDEFINED}"),
    ("{{ record_page('event', 'khong-co-su-kien') }}",
     "không có sự kiện nào mang mã \"khong-co-su-kien\" trong data/; kiểm tra lại mã trong lời gọi macro"),
    ("{{ event_card( }}", "cú pháp macro sai; kiểm tra hai cặp ngoặc nhọn và dấu nháy"),
    ("{% for x in %}", "cú pháp macro sai; kiểm tra hai cặp ngoặc nhọn và dấu nháy"),
    ("{{ 'x' * 10**9 }}", "lặp chuỗi hoặc danh sách quá nhiều lần (tối đa 10000)"),
    ("{{ 2 ** 100000 }}", "số mũ 100000 quá lớn (tối đa 64)"),
]


@pytest.mark.site
@pytest.mark.parametrize(("body", "message"), MISUSE, ids=[body for body, _ in MISUSE])
def test_misuse_stops_the_build_with_one_line(tmp_path: Path, body: str, message: str) -> None:
    # Front matter and three lines above the call: the line named is the line of the file.
    page = f"---\ntitle: Thử nghiệm\n---\n\n# Trang thử nghiệm\n\n{body}\n"
    result = build(make_project(tmp_path, page))
    assert not result.ok
    lines = [line for line in result.log.splitlines() if "thu-nghiem.md" in line]
    assert lines == ["Error reading page 'thu-nghiem.md':",
                     f"docs/thu-nghiem.md:7: {message}. Trang chưa được dựng; sửa dòng đó rồi dựng lại."]
    assert "Traceback" not in result.log


@pytest.mark.site
def test_a_harmless_page_builds(tmp_path: Path) -> None:
    """The control for every failing build here: the same project with a page that uses the macros as documented."""
    result = build(make_project(tmp_path, f"# Trang thử nghiệm\n\n{{{{ event_card(\"{EVENT}\") }}}}\n\n"
                                          "{{ data_summary() }}\n\n[Trang chủ](index.md)\n"))
    assert result.ok, result.log
    assert "Trang thử nghiệm" in (result.site / "thu-nghiem" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_broken_internal_link_fails_the_strict_build(tmp_path: Path) -> None:
    result = build(make_project(tmp_path, "# Trang thử nghiệm\n\nXem [x](khong-co.md).\n"))
    assert not result.ok
    assert "khong-co.md" in result.log


@pytest.mark.site
@pytest.mark.parametrize("name", ["main.py", "main"])
def test_a_main_module_beside_mkdocs_yml_is_refused_before_it_runs(tmp_path: Path, name: str) -> None:
    """mkdocs-macros imports main.py (or the package main/) of the project folder whatever mkdocs.yml says: a pull
    request could add one. The build stops before it is imported."""
    project = make_project(tmp_path, "# Trang thử nghiệm\n")
    marker = tmp_path / "PWNED"
    code = f"open({str(marker)!r}, 'w').write('x')\ndef define_env(env):\n    pass\n"
    if name == "main.py":
        (project / "main.py").write_text(code, encoding="utf-8")
    else:
        (project / "main").mkdir()
        (project / "main" / "__init__.py").write_text(code, encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert not marker.exists(), "mkdocs-macros ran the project's main module"
    shown = "main.py" if name == "main.py" else "main/"
    assert (f"{shown}: mkdocs-macros sẽ chạy mã Python trong tệp này khi dựng trang; sổ tay không dùng nó. Hãy xóa "
            "nó (mã chương trình chỉ nằm trong macros/, do người quản trị kỹ thuật duyệt).") in result.log


@pytest.mark.site
def test_render_macros_false_leaves_the_page_as_written(tmp_path: Path) -> None:
    result = build(make_project(tmp_path, "---\nrender_macros: false\n---\n\n# Trang\n\n`{{ config }}`\n"))
    assert result.ok, result.log
    assert "{{ config }}" in (result.site / "thu-nghiem" / "index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_the_command_line_build_prints_no_traceback(tmp_path: Path) -> None:
    """What an editor sees from `mkdocs build`: the Vietnamese line, no Python traceback."""
    building("mkdocs build on the command line")
    project = make_project(tmp_path, "# Trang\n\n{{ year_timeline('abc') }}\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(ROOT),
                                 "SOTAY_BUILD_DATE": "2024-05-01"})
    assert result.returncode != 0
    assert "docs/thu-nghiem.md:3: macro year_timeline: \"year\" phải là một năm" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


# ---------------------------------------------------------------------------------------------------------------
# The renderer itself: what a page sees.
# ---------------------------------------------------------------------------------------------------------------

def event_card(event_id: str) -> str:
    return f"thẻ {event_id}"


def year_timeline(year: int) -> str:
    return f"năm {year}"


RENDERER = PageRenderer({"event_card": event_card, "year_timeline": year_timeline},
                        {"site_name": "Sổ tay tuyên truyền"})
PAGE = PageInfo("docs/x.md", "Trang x", "x/", {"tac_gia": "Ban Tuyên giáo", "so": 3, "ds": [1, {"a": "b"}]})


@pytest.mark.parametrize(("source", "expected"), [
    ("{{ event_card('ky-niem') }}", "thẻ ky-niem"),
    ("{{ year_timeline(2024) }}", "năm 2024"),
    ("{{ page.title }} {{ page.url }} {{ page.path }}", "Trang x x/ docs/x.md"),
    ("{{ page.meta.tac_gia|upper }} {{ page.meta.so + 1 }} {{ page.meta.ds[1].a }}", "BAN TUYÊN GIÁO 4 b"),
    ("{{ site_name }}", "Sổ tay tuyên truyền"),
    ("{% for x in range(3) %}{{ loop.index }}{{ loop.cycle('a', 'b') }}{% endfor %}", "1a2b3a"),
    ("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(1) }}", "<1>"),
    ("{{ 'a-b'.split('-')|join(' ') }} {{ 'ab' * 2 }} {{ 2 ** 10 }}", "a b abab 1024"),
    ("{% raw %}{{ x }}{% endraw %}", "{{ x }}"),
])
def test_what_a_page_may_do(source: str, expected: str) -> None:
    assert RENDERER.render(source, PAGE) == expected


@pytest.mark.parametrize("source", ["{{ page.meta.ds.append(2) }}", "{{ page.meta.update({}) }}",
                                    "{{ page.update({}) }}", "{% set x = [] %}{{ x.append(1) }}"])
def test_plain_data_is_read_only(source: str) -> None:
    with pytest.raises(PageError, match="(không tồn tại|bị từ chối vì lý do an toàn)"):
        RENDERER.render(source, PAGE)


@pytest.mark.parametrize("source", ["{{ page.meta.__class__ }}", "{{ event_card.__name__ }}",
                                    "{{ site_name.__class__ }}", "{{ (1).__class__ }}", "{{ range.__code__ }}",
                                    "{{ page.title.__len__() }}"])
def test_internals_are_refused(source: str) -> None:
    with pytest.raises(PageError, match="bị từ chối vì lý do an toàn"):
        RENDERER.render(source, PAGE)


@pytest.mark.parametrize("name", ["config", "plugin", "environment", "context", "macros_info", "git", "navigation",
                                  "files", "macros", "filters", "filters_builtin", "extra", "now", "fix_url",
                                  "cycler", "joiner", "lipsum", "namespace", "dict", "os", "Path"])
def test_nothing_else_is_in_the_context(name: str) -> None:
    with pytest.raises(PageError, match=f"dùng biến hoặc macro không tồn tại \\(\"{name}\"\\)"):
        RENDERER.render(f"{{{{ {name} }}}}", PAGE)



def record_page(kind: str, record_id: str) -> str:
    return f"[{kind}: {record_id}]"


def documents_year_page(issuer: str, year: int) -> str:
    return f"[{issuer}: {year}]"


def record_index(kind: str) -> str:
    return f"[{kind}]"


GENERATED = {"record_page": record_page, "documents_year_page": documents_year_page, "record_index": record_index}


def outcome(renderer: PageRenderer, source: str) -> str:
    try:
        return renderer.render(source, PAGE)
    except PageError as error:
        return f"PageError: {error}"


@pytest.mark.parametrize(("source", "expected"), [
    ('{{ record_page("event", "ky-niem-70-nam") }}\n', "[event: ky-niem-70-nam]\n"),
    ('{{ record_page("event", "dai-hoi") }}\n', "[event: dai-hoi]\n"),
    ('{{ record_page("event", "dai-hoi") }}', "[event: dai-hoi]"),
    ('{{ documents_year_page("so-vhttdl", 2024) }}\n', "[so-vhttdl: 2024]\n"),
    ('{{ documents_year_page("so-vhttdl", 0) }}\n', "PageError: docs/x.md:1: macro documents_year_page: "),
    ('{{ record_index("event") }}\n', "[event]\n"),
    ('{{ record_page("event", "dai-hoi") }}\nthêm', "[event: dai-hoi]\nthêm"),
    ('{{ record_page("event", "Dai-hoi") }}\n', "PageError: docs/x.md:1: macro record_page: mã \"Dai-hoi\" không hợp lệ"),
    ('{{ record_page("event", 2024) }}\n', "PageError: docs/x.md:1: macro record_page: "),
    ("{{ record_page('event', 'dai-hoi') }}\n", "[event: dai-hoi]\n"),
    ('{{ documents_year_page("so-vhttdl", 02024) }}\n', "PageError: docs/x.md:1: "),
])
def test_a_generated_page_renders_as_the_same_page_parsed_afresh(source: str, expected: str) -> None:
    """Generated pages are rendered from the template of the first page of their shape, without being parsed again
    (_generated_call): in any order, each gives what a renderer that has seen no other page gives."""
    alone = outcome(PageRenderer(GENERATED, {}), source)
    assert alone.startswith(expected)
    shared = PageRenderer(GENERATED, {})
    for text in ['{{ record_page("event", "khac") }}\n', '{{ documents_year_page("x", 1999) }}\n', source, source,
                 '{{ record_page("event", "khac") }}\n']:
        assert outcome(shared, text) == outcome(PageRenderer(GENERATED, {}), text)
