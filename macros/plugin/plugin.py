"""The `sotay` MkDocs plugin: the only place that knows MkDocs. It checks data/, adds the generated pages and the
calendar feeds, makes every page safe and says where it comes from, and after the build writes the search index,
the PDFs and the offline copy. Everything one build knows lives on the plugin instance; what each step does is
decided in the views and outputs packages, which know nothing of MkDocs.

Hooks are in the order MkDocs calls them. mkdocs.yml lists `sotay` before `macros`: the data is checked and a
project's main.py refused before mkdocs-macros starts, and mkdocs-macros renders pages only through the
allow-listed sandbox installed here.
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import posixpath
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from macros.core import dates, deadlines
from macros.core.check import check_data
from macros.outputs import calendar, offline, pdf, provenance, zipping
from macros.outputs.compact_html import compact_html
from macros.outputs.search_index import (SHARD_FOLDERS, SHARDS_FOLDER, SINGLE_INDEX_PATH, PageText, PageTextReader,
                                         alias_table, build_index, index_script, shard_files)
from macros.views import breadcrumbs, calendar_links, offline_page, print_pack
from macros.views.page_macros import page_macros
from macros.views.page_sandbox import PageRenderer
from macros.views.doc_numbers import keep_numbers_whole
from macros.views.heading_page import HeadingPages
from macros.views.safe_html import sanitise_pieces
from macros.views.raw_blocks import LostBlock
from macros.views.site import Site, make_site
from macros.views.pages import GeneratedPage
from macros.views.paths import page_path
from . import parallel
from .theme_cache import PartialCache, Translations
from .options import SotayConfig
from .renderer import install_renderer, refuse_local_module

log = logging.getLogger("mkdocs.plugins.sotay")
# The logger of MkDocs' Page.render, whose level decides whether it keeps a page's links to anchors.
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
# Not MkDocs' logger: in strict mode its warnings stop the build, and some warnings should not.
notice = logging.getLogger("sotay")

# A PDF is listed before the build (so MkDocs checks the "Tải PDF" links) and written after it.
PDF_PLACEHOLDER = b"%PDF-1.4\n% Sotay: placeholder, replaced after the build\n"
# The rules of the task states (macros/core/deadlines.py) for docs/assets/sotay-states.js, which judges them again
# on the reader's day; a script, not JSON to fetch, so that it loads from file:// too. Listed in mkdocs.yml.
STATE_RULES_PATH = "assets/sotay-state-rules.js"
# Not in the offline copy: the zip itself, its description, and the sitemap (empty without a site_url, and the .gz
# carries the time of the build, which would make every zip different).
OFFLINE_EXCLUDE = ("tai-ve/*.zip", offline_page.INFO, "sitemap.xml", "sitemap.xml.gz")
# Material's lunr search is replaced by the site's own Vietnamese search; nothing loads these.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class DataError(PluginError):
    """Stops the build when data/ has problems; MkDocs prints the message (path:line:column lines), no traceback."""


class SotayPlugin(BasePlugin[SotayConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.site: Site | None = None
        self.project = Path(".")
        self.generated: dict[str, GeneratedPage] = {}  # generated pages by path
        self.changed: dict[str, Any] = {}  # repository path → date of its last commit
        self.edit_base: str | None = None
        self.branch = "main"
        self.search_pages: dict[str, PageText] = {}
        self.pdf_pages: list[str] = []
        self.nav_pages: dict[str, Any] = {}  # the pages of the navigation by source path
        self.files: Files | None = None  # every file of the site
        self.activated: list[Any] = []  # nav items marked active for the page being written
        self.serving = False  # `mkdocs serve` (sotay serve): a preview rebuilt on every save, no offline zip
        self.dirty = False  # `mkdocs serve --dirty`: MkDocs renders only the changed pages, in this process
        self.workers: parallel.PageWorkers | None = None  # helper processes rendering pages (parallel.py)
        self.workers_asked = False  # whether this build has decided on helpers yet
        self.in_helper = False  # this process is such a helper
        self.writers: parallel.PageWorkers | None = None  # helper processes writing pages out with the theme
        self.writers_asked = False  # whether this build has decided on them yet
        self.env: Any = None  # the theme's template environment, for them
        self.written: dict[str, str] = {}  # a page's HTML from them, until MkDocs' loop hands it to on_post_page
        self.search_job: parallel.Background | None = None  # the search index, made while MkDocs writes the pages
        self.calendar_job: parallel.Background | None = None  # the calendar feeds, written while MkDocs renders

    # ---- configuration ----

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: Any) -> Any:
        self.project = Path(config.config_file_path).parent
        refuse_local_module(self.project)
        parallel.release_the_last_build()  # `mkdocs serve`: what the last build kept can go
        with parallel.no_collection():  # loading makes objects that live as long as the build, hardly any garbage
            self.site = self._load_site(dates.build_date(self.config.build_date))
        parallel.keep_for_the_build()
        self.site.directory_urls = config.use_directory_urls
        self.generated = {page.path: page for page in self.site.pages}
        self._read_provenance(config)
        self.search_pages = {}
        self.pdf_pages = []
        self.workers_asked = self.writers_asked = False
        self.headings = HeadingPages.for_markdown(config.markdown_extensions, config.mdx_configs)
        if "macros" not in config.plugins:
            raise PluginError("mkdocs.yml phải liệt kê plugin macros (mkdocs-macros) sau plugin sotay.")
        site = self.site
        macros = config.plugins["macros"]

        def here() -> str:
            return macros.page.file.src_uri if macros.page is not None else "index.md"

        values = {"site_name": config.site_name, "build_date": site.today}
        install_renderer(macros, PageRenderer(page_macros(site, here), values))
        return config

    def _load_site(self, today: Any) -> Site:
        checked = check_data(self.project / "data", base=self.project)
        if checked.problems:
            lines = "\n".join(problem.format() for problem in checked.problems.sorted())
            raise DataError(f"Dữ liệu còn lỗi, trang web chưa được dựng:\n{lines}\n"
                            "Sửa các dòng trên (chạy \"sotay check\" để kiểm tra lại) rồi dựng lại trang.")
        return make_site(checked.dataset, today)

    def _read_provenance(self, config: Any) -> None:
        self.changed = provenance.last_changed(self.project)
        address = provenance.repository_url(self.project, self.config.repo_url)
        if address.warning:
            notice.warning(address.warning)
        self.edit_base = address.url
        self.branch = provenance.current_branch(self.project, self.config.branch)

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self._stop_workers()  # MkDocs has gone through every page: their search texts are all known
        parallel.keep_for_the_build(collect=True)  # the rendered pages
        self._finish_calendars()  # MkDocs copies them next
        if self._helpers(len(self.search_pages)):
            site_dir = Path(config.site_dir)
            self.search_job = parallel.Background(lambda: self._write_search_index(site_dir))
            self.search_job.start()
        # The theme's templates compiled once, not on every `sotay serve` rebuild (see macros/views/render.py).
        env.bytecode_cache = FileSystemBytecodeCache()
        # Parts of Material's template the same on many pages, rendered once (theme_cache.py; overrides/partials/).
        env.globals["sotay_nav"] = PartialCache(env, "partials/nav.html").global_function()
        env.globals["sotay_tabs"] = PartialCache(env, "partials/tabs.html").global_function()
        env.globals["sotay_t"] = Translations(env, config).t
        self.env = env
        return env

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        """`sotay serve` rebuilds when a data file is saved, as it does for the pages: editors edit data/ most."""
        server.watch(str(self.project / "data"))
        return server

    # ---- files ----

    def on_files(self, files: Files, config: Any) -> Files:
        site = self._site()
        for page in site.pages:
            if files.get_file_from_path(page.path) is None:  # a hand-written page of the same path wins
                inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
                files.append(File.generated(config, page.path, content=page.content, inclusion=inclusion))
        if self.config.pdf:
            for page in print_pack.pdf_pages(site.data):
                target = print_pack.pdf_path(page)
                if files.get_file_from_path(page) is not None and files.get_file_from_path(target) is None:
                    files.append(File.generated(config, target, content=PDF_PLACEHOLDER))
                    self.pdf_pages.append(page)
        site.print_links = print_pack.PrintLinks(set(self.pdf_pages))
        self._add_calendars(files, config)
        if files.get_file_from_path(STATE_RULES_PATH) is None:
            rules = json.dumps(deadlines.table(), ensure_ascii=False, sort_keys=True)
            files.append(File.generated(config, STATE_RULES_PATH,
                                        content=f"window.SotayStateRules = {rules};\n"))
        if self.config.offline_zip:
            day = site.today
            page = offline_page.offline_page(site.templates, offline.zip_name(day), offline.folder_name(day),
                                             dates.format_date(day))
            if files.get_file_from_path(page.path) is None:
                files.append(File.generated(config, page.path, content=page.content,
                                            inclusion=InclusionLevel.NOT_IN_NAV))
        if "search" not in config.plugins:
            # Leave lunr and its language files out of the site and the offline copy (fewer bytes, fewer
            # third-party licences to list in huong-dan/giay-phep.md).
            for file in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
                files.remove(file)
        return files

    def _add_calendars(self, files: Files, config: Any) -> None:
        # The calendar feeds come from the data alone, so they are listed here, before the build: MkDocs copies them
        # into the site (hence into the offline copy) and checks the pages' links to them like any other link.
        # Writing them out (icalendar) takes a while: a forked process does it while MkDocs renders the pages,
        # straight into the site, where MkDocs finds each already in place when it copies the static files after the
        # pages (a file that is its own source is left as it is: shutil.SameFileError in File.copy_file). A copy
        # through another folder cost some 3,300 files written twice, read and deleted at 5,000 pages. on_env waits
        # for the job.
        site = self._site()

        def page_url(kind: str, record_id: str) -> str:
            return print_pack.page_url(page_path(kind, record_id), config.use_directory_urls)

        feeds = [(path, feed) for feed in calendar.feeds(site, page_url, config.site_url, config.site_name)
                 if files.get_file_from_path(path := calendar_links.feed_path(feed.kind, feed.id)) is None]
        writer = calendar.FeedWriter(site.today)
        if not self._helpers(len(feeds)):
            for path, feed in feeds:
                files.append(File.generated(config, path, content=writer.to_ical(feed)))
            return
        folder = Path(config.site_dir)

        def write_feeds() -> None:
            for path, feed in feeds:
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(writer.to_ical(feed))

        self.calendar_job = parallel.Background(write_feeds)
        self.calendar_job.start()
        for path, _ in feeds:
            files.append(File.generated(config, path, abs_src_path=str(folder / path)))

    def _finish_calendars(self) -> None:
        job, self.calendar_job = self.calendar_job, None
        if job is not None and not job.finish():
            job.job()  # again here, where an error is reported

    # ---- navigation ----

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        self.files = files
        return nav

    # ---- pages ----

    def on_pre_page(self, page: Any, config: Any, files: Files) -> Any:
        if self.in_helper:
            return page
        if not self.workers_asked:  # the first page: every plugin has seen the configuration, files and navigation
            self.workers_asked = True
            self._start_workers(config, files)
        rendered = self.workers.take(page.file.src_uri) if self.workers else None
        if rendered is None:
            return page
        parallel.replay(rendered.logs)
        parallel.apply_changes(page, rendered.changed, files)
        if rendered.extra is not None:
            self.search_pages[page.file.src_uri] = rendered.extra
        return RenderedStandIn.of(page)

    def _start_workers(self, config: Any, files: Files) -> None:
        inclusion = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        keys = [file.src_uri for file in files.documentation_pages(inclusion=inclusion)]
        helpers = self._helpers(len(keys))
        if not helpers:
            return

        def render(key: str) -> tuple[Any, Any]:
            self.in_helper = True
            file = files.get_file_from_path(key)
            page = file.page if file.page is not None else Page(None, file, config)  # as MkDocs' loop makes it
            before = dict(vars(page))
            _render_page(page, config, files)
            return parallel.page_changes(before, page), self.search_pages.get(key)

        self.workers = parallel.PageWorkers(keys)
        self.workers.start(helpers, render)

    def _stop_workers(self, *, report: bool = True) -> None:
        workers, self.workers = self.workers, None
        _close_helpers(workers, "dựng", report)

    def _helpers(self, items: int) -> int:
        """Helper processes worth forking for `items` pages (or feeds, or search texts): none in a dirty rebuild,
        where MkDocs renders only the changed pages."""
        return 0 if self.dirty else parallel.worker_count(self.config.jobs, items)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_workers(report=False)
        self._stop_writers(report=False)
        for job in (self.search_job, self.calendar_job):
            if job is not None:
                job.cancel()
        self.search_job = self.calendar_job = None

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        if isinstance(page, RenderedStandIn):
            return markdown
        self._site().templates.blocks.clear()  # nothing kept by a page that failed before its HTML was made
        # Where the page comes from ("Sửa trang này") and when that source last changed ("Cập nhật lần cuối").
        src = page.file.src_uri
        if page.file.generated_by is None:  # hand-written: the Markdown file itself
            docs = Path(config.docs_dir).resolve().relative_to(self.project.resolve()).as_posix()
            source = f"{docs}/{src}"
        else:  # generated: the data file it shows, or none for pages made from all the data (indexes)
            source = self.generated[src].source if src in self.generated else None
        changed = self.changed.get(source) if source else provenance.newest_under(self.changed, "data")
        page.meta["sotay_source"] = source
        page.meta["sotay_updated"] = f"ngày {dates.format_date(changed)}" if changed else None
        page.edit_url = (provenance.edit_url(self.edit_base, self.config.edit_template, self.branch, source)
                         if source else None)
        if self.headings is not None:  # MkDocs renders the page next, once mkdocs-macros has made its Markdown
            page.render = functools.partial(_render_headings, page, self.headings)
        return markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Files) -> str:
        if isinstance(page, RenderedStandIn):  # a helper has done all of this
            return html
        # Hand-written pages may hold raw HTML and data fields Markdown links: one pass over the final HTML of every
        # page judges each link as the browser will (before search, print and the offline copy use the page). The
        # search text is read from what that pass writes, as it writes it.
        try:
            restored = self._site().templates.blocks.restore(html)
        except LostBlock as error:
            raise PluginError(f"Trang {page.file.src_uri}: {error}.") from None
        if restored.anchors:  # as MkDocs would have found them in the raw HTML (its links to anchors are checked)
            page.present_anchor_ids = (page.present_anchor_ids or set()) | restored.anchors
        search = (page.meta or {}).get("search")
        reader = None if isinstance(search, dict) and search.get("exclude") else PageTextReader()
        pieces = sanitise_pieces(restored.html, reader)
        if reader is not None:
            generated = self.generated.get(page.file.src_uri)
            self.search_pages[page.file.src_uri] = reader.page_text(
                page.url, page.title, titles=generated.titles if generated else (),
                keywords=generated.keywords if generated else ())
        # Nothing reads a page's Markdown once it is rendered (the theme reads page.content): let it go (some 60 MB
        # at 5,000 pages, and what a helper would send back).
        page.markdown = ""
        # Not in the search text: the number spans are layout only (no line break inside a number).
        return keep_numbers_whole("".join(pieces))

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        if not self.in_helper:
            if not self.writers_asked:  # the first page written: everything the theme needs is known
                self.writers_asked = True
                self._start_writers(context, config, nav)
            written = self.writers.take(page.file.src_uri) if self.writers else None
            if written is not None:  # a helper has written it: overrides/main.html renders nothing
                parallel.replay(written.logs)
                self.written[page.file.src_uri] = written.extra
                context["sotay_written"] = True
                return context
        # Where the page sits, for its breadcrumb (overrides/partials/path.html). A page kept out of the navigation
        # (a record's page, mkdocs.yml not_in_nav) sits under the index page of its folder: that page is marked
        # active while this one is written, as MkDocs marks a page of the navigation, so that Material highlights
        # its tab and shows its section in the sidebar. on_post_page clears the mark.
        src = page.file.src_uri
        if src in self.nav_pages:
            trail = _nav_trail(self.nav_pages[src])[:-1]
        else:
            index = self._folder_index(src)
            if index is None:
                return context
            index.active = True
            self.activated.append(index)
            trail = _nav_trail(index) + [self._data_crumb(crumb) for crumb in breadcrumbs.trail(self._site(), src)]
        page.meta["sotay_trail"] = trail
        return context

    def _folder_index(self, src: str) -> Any:
        """The page of the navigation that is the index of the folder holding `src` (or of a folder above)."""
        folder = posixpath.dirname(src)
        while folder:
            index = self.nav_pages.get(f"{folder}/index.md")
            if index is not None and index.file.src_uri != src:
                return index
            folder = posixpath.dirname(folder)
        return None

    def _data_crumb(self, crumb: breadcrumbs.Crumb) -> dict[str, str | None]:
        """A step to a heading of an index page, or to a record's page above this one (plain text when the site has
        no such page)."""
        target = self.files.get_file_from_path(crumb.target) if self.files is not None else None
        if target is None:
            return {"title": crumb.title, "url": None, "anchor": None}
        return {"title": crumb.title, "url": target.url, "anchor": crumb.anchor or None}

    def _start_writers(self, context: Any, config: Any, nav: Any) -> None:
        """Fork helpers that write pages out from the end of MkDocs' list (the theme's template, on_page_context,
        on_post_page: mkdocs.commands.build._build_page) while MkDocs writes from its start; they send the HTML."""
        doc_files = list(context["pages"])  # the pages MkDocs writes, in its order
        keys = [file.src_uri for file in doc_files]
        helpers = self._helpers(len(keys))
        if not helpers:
            return

        def render(key: str) -> tuple[Any, Any]:
            if not self.in_helper:  # a helper's first page: MkDocs had marked its own page active before forking
                self.in_helper = True
                context["page"].active = False
            file = self.files.get_file_from_path(key)
            return {}, _page_output(file.page, config, doc_files, nav, self.env, file.inclusion.is_excluded())

        self.writers = parallel.PageWorkers(keys)
        self.writers.start(helpers, render)

    def _stop_writers(self, *, report: bool = True) -> None:
        writers, self.writers = self.writers, None
        _close_helpers(writers, "ghi", report)
        self.written = {}

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if page.file.src_uri in self.written:
            return self.written.pop(page.file.src_uri)
        for item in self.activated:
            item.active = False
        self.activated = []
        return compact_html(output)

    # ---- after the build: the search index, the PDFs, then the offline copy of all of it ----

    def on_post_build(self, config: Any) -> None:
        self._stop_writers()  # MkDocs has written every page
        job, self.search_job = self.search_job, None
        early = None
        if job is not None and self.config.offline_zip and not self.serving:
            # While the search index is still being written, by one core: the offline copy's pages, by the other.
            early = offline.pack_pages_early(
                Path(config.site_dir), exclude=OFFLINE_EXCLUDE, folders_to_come=SHARD_FOLDERS,
                transform=self._offline_transform(), until=job.done)
        if job is None or not job.finish():
            self._write_search_index(Path(config.site_dir))
        if self.pdf_pages:
            self._print_pdfs(config)
        if self.config.offline_zip and self.serving:
            self._fill_offline_regions(Path(config.site_dir), offline_page.regions_preview(
                self._site().templates, offline.zip_name(self._site().today)))
        elif self.config.offline_zip:
            self._write_offline_copy(config, early)

    def _write_search_index(self, site_dir: Path) -> None:
        pages = sorted(self.search_pages.values(), key=lambda page: page.url)
        aliases = alias_table(self._site().data.organisations.values())
        index = build_index(pages, aliases)
        shutil.rmtree(site_dir / SHARDS_FOLDER, ignore_errors=True)  # `mkdocs serve` rebuilds in place
        files = shard_files(index)
        if self.config.search_single_index:
            files = itertools.chain(files, [(SINGLE_INDEX_PATH, index_script(index))])
        folders: set[Path] = set()
        for path, script in files:
            target = site_dir / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_text(script, encoding="utf-8")

    def _print_pdfs(self, config: Any) -> None:
        jobs = [pdf.PdfJob(print_pack.page_url(page, config.use_directory_urls), print_pack.pdf_path(page))
                for page in self.pdf_pages]
        started = time.perf_counter()
        try:
            results = pdf.print_pdfs(Path(config.site_dir), jobs, chromium=Path(self.config.chromium))
        except pdf.PdfError as error:
            raise PluginError(f"Không tạo được bản PDF: {error}.") from error
        size = sum(r.size for r in results)
        log.info(f"Đã tạo {len(results)} bản PDF (kế hoạch, đề cương, tài liệu sinh hoạt chi bộ) trong "
                 f"{time.perf_counter() - started:.1f} giây, tổng {size / 1_000_000:.1f} MB.")

    def _fill_offline_regions(self, site_dir: Path, texts: dict[str, str]) -> None:
        """Every page of the site with its <!--sotay-offline:…--> regions filled."""
        offline.fill_page_regions(sorted(site_dir.rglob("*.html")), texts)

    def _offline_transform(self) -> Callable[[str, str], str]:
        """What a page of the offline copy says of the copy (its regions filled for the copy)."""
        day = self._site().today
        in_copy = offline_page.regions_in_copy(self._site().templates, offline.zip_name(day), dates.format_date(day))
        return lambda path, text: offline.fill_regions(text, in_copy)

    def _write_offline_copy(self, config: Any, early: offline.EarlyPages | None) -> None:
        site_dir = Path(config.site_dir)
        templates = self._site().templates
        day = self._site().today
        name = offline.zip_name(day)
        shown_day = dates.format_date(day)
        target = site_dir / "tai-ve" / name
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="sotay-offline-") as work:
            # Written outside the site (the walk must not meet a half-written zip), then moved in.
            try:
                copy = offline.make_offline_zip(site_dir, Path(work) / name, day, exclude=OFFLINE_EXCLUDE,
                                                transform=self._offline_transform(), site_title=config.site_name,
                                                jobs=parallel.processes(self.config.jobs), early=early)
            except zipping.ZipTooLarge as error:
                raise PluginError(f"Bản ngoại tuyến quá lớn cho một tệp zip thông thường ({error}). Tắt bản "
                                  "ngoại tuyến (offline_zip: false trong mkdocs.yml) hoặc tách trang web.") from None
            target.parent.mkdir(parents=True, exist_ok=True)
            for old in target.parent.glob(f"{offline.NAME_PREFIX}-*.zip"):  # `mkdocs serve` rebuilds in place
                old.unlink()
            shutil.move(copy.path, target)
        size = offline.format_size(copy.size)
        online = offline_page.regions_online(templates, name, size, shown_day, offline.format_size(copy.content_size))
        self._fill_offline_regions(site_dir, online)
        (site_dir / offline_page.INFO).write_text(json.dumps(
            {"name": name, "path": f"tai-ve/{name}", "size": copy.size, "size_text": size, "files": copy.files,
             "content_size": copy.content_size, "build_date": day.isoformat()},
            ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        log.info(f"Đã tạo bản ngoại tuyến tai-ve/{name} ({size}, {copy.files} tệp) trong "
                 f"{time.perf_counter() - started:.1f} giây.")

    def _site(self) -> Site:
        if self.site is None:
            raise PluginError("plugin sotay chưa được cấu hình (on_config chưa chạy)")
        return self.site


class RenderedStandIn(Page):
    """What MkDocs' loop gets for a page a helper process has rendered (parallel.py): the page's own state, already
    set on the page itself; reading and rendering it again do nothing, and the plugin's page hooks skip it."""

    @classmethod
    def of(cls, page: Page) -> RenderedStandIn:
        stand_in = cls.__new__(cls)
        stand_in.__dict__.update(vars(page))
        return stand_in

    def read_source(self, config: Any) -> None:
        self.markdown = ""  # mkdocs-macros then renders nothing

    def render(self, config: Any, files: Any) -> None:
        pass  # the content is the helper's


def _render_page(page: Any, config: Any, files: Files) -> None:
    """One page read, rendered and passed through every plugin's page hooks, in a helper process: the steps of MkDocs'
    own loop (mkdocs.commands.build._populate_page, private, hence repeated here)."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        config._current_page = None


def _render_headings(page: Any, headings: HeadingPages, config: Any, files: Files) -> None:
    """Page.render for a page of headings and raw blocks (most generated pages): what MkDocs' render sets,
    converted by heading_page.py; any other page goes to MkDocs' render (Python-Markdown) as before."""
    del page.render  # set on the page by on_page_markdown, for this render only
    converted = headings.convert(page.markdown) if isinstance(page.markdown, str) else None
    if converted is None:
        page.render(config, files)
        return
    page.content = converted.html
    page.toc = get_toc(converted.toc_tokens)
    page._title_from_render = converted.title
    page.present_anchor_ids = set(converted.anchor_ids)
    if _PAGES_LOG.getEffectiveLevel() > logging.DEBUG:  # as MkDocs' render: no link, so no link to an anchor
        page.links_to_anchors = {}


def _close_helpers(workers: parallel.PageWorkers | None, verb: str, report: bool) -> None:
    """Wait for the helpers that render ("dựng") or write ("ghi") pages, and say how the pages were shared."""
    if workers is None:
        return
    taken = workers.close()
    if report:
        log.info(f"Đã {verb} {len(workers.keys)} trang bằng {workers.helpers + 1} tiến trình song song "
                 f"({taken} trang do tiến trình phụ {verb}).")


def _page_output(page: Any, config: Any, doc_files: list[Any], nav: Any, env: Any, excluded: bool) -> str:
    """One page written out with the theme's template and passed through the plugins' hooks, in a helper process:
    the steps of MkDocs' own loop (mkdocs.commands.build._build_page, private, hence repeated here) but the
    writing, which the main process does."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        if excluded:
            page.content = (
                '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
                'DRAFT'
                '</div>' + (page.content or '')
            )
        return config.plugins.on_post_page(template.render(context), page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def _nav_trail(page: Any) -> list[dict[str, str | None]]:
    """The steps of the navigation down to `page`, itself included: each section it is in, linked to the section's
    index page (navigation.indexes), then the page unless it is that index."""
    chain = [page]
    while chain[0].parent is not None:
        chain.insert(0, chain[0].parent)
    steps: list[dict[str, str | None]] = []
    for item in chain:
        if item.is_section:
            first = item.children[0] if item.children else None
            index = first if first is not None and first.is_page and first.is_index else None
            steps.append({"title": item.title, "url": index.url if index else None, "anchor": None})
        elif not (item.parent is not None and item.is_index and item.parent.children[0] is item):
            steps.append({"title": item.title, "url": item.url, "anchor": None})
    return steps


