"""MkDocs hooks for printing and PDFs. Thin: what a print pack shows is macros/print_pack.py and its template,
how a PDF is made is macros/pdf.py.

- Every event gets a print pack page, tai-lieu-chi-bo/<event id>.md, whose Markdown is one macro call with
  the event id (`print_pack_page`, defined with the other page macros in macros/site_macros.py).
- The page templates get the Jinja global `sotay_print` (macros.print_pack.PrintLinks) for the "Tải PDF" and
  print pack links.
- With SOTAY_PDF=1 in the environment (./setup.sh build sets it), every plan, outline and print pack is also
  printed to a PDF beside its page (ke-hoach/<id>.pdf, de-cuong/<id>.pdf, tai-lieu-chi-bo/<id>.pdf) by
  Chromium after the build, and its page links "Tải PDF". Without it nothing is printed: quick builds.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import print_pack
from macros.fields import ID_RE
from macros.render import template_environment
from macros.site_macros import current_site

PDF_ENV = "SOTAY_PDF"
# A PDF file is listed before the build (so MkDocs checks the "Tải PDF" links) and written after it.
PLACEHOLDER = b"%PDF-1.4\n% Sotay: placeholder, replaced after the build\n"

log = logging.getLogger("mkdocs.plugins.sotay.print")
_state: dict[str, Any] = {"pdf_pages": []}


def pdfs_requested() -> bool:
    return os.environ.get(PDF_ENV, "").strip().lower() in ("1", "true", "yes", "on", "co", "có")


def _site(config) -> Any:
    return current_site(Path(config.config_file_path).parent, config.extra.get("build_date"))


def on_config(config):
    _state["pdf_pages"] = []
    template_environment().globals["sotay_print"] = print_pack.PrintLinks()
    return config


def on_files(files: Files, config) -> Files:
    site = _site(config)
    for event_id in sorted(site.dataset.events):
        if not ID_RE.match(event_id):  # ids were validated on load; this guards the macro call
            raise PluginError(f"mã sự kiện không hợp lệ: {event_id!r}")
        path = print_pack.pack_path(event_id)
        if files.get_file_from_path(path) is None:  # a hand-written page of the same path wins
            files.append(File.generated(config, path, content=f'{{{{ print_pack_page("{event_id}") }}}}\n',
                                        inclusion=InclusionLevel.NOT_IN_NAV))
    pdf_pages: list[str] = []
    if pdfs_requested():
        for page in print_pack.pdf_pages(site.dataset):
            pdf = print_pack.pdf_path(page)
            if files.get_file_from_path(page) is not None and files.get_file_from_path(pdf) is None:
                files.append(File.generated(config, pdf, content=PLACEHOLDER))
                pdf_pages.append(page)
    _state["pdf_pages"] = pdf_pages
    template_environment().globals["sotay_print"] = print_pack.PrintLinks(set(pdf_pages))
    return files


def on_post_build(config) -> None:
    pages = _state["pdf_pages"]
    if not pages:
        return
    from macros import pdf

    jobs = [pdf.PdfJob(print_pack.page_url(page, config.use_directory_urls), print_pack.pdf_path(page))
            for page in pages]
    started = time.perf_counter()
    try:
        results = pdf.print_pdfs(Path(config.site_dir), jobs)
    except pdf.PdfError as error:
        raise PluginError(f"Không tạo được bản PDF: {error}.") from error
    total = time.perf_counter() - started
    size = sum(r.size for r in results)
    log.info(f"Đã tạo {len(results)} bản PDF (kế hoạch, đề cương, tài liệu sinh hoạt chi bộ) trong {total:.1f} giây, "
             f"tổng {size / 1_000_000:.1f} MB.")
