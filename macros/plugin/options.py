"""The options of the `sotay` plugin in mkdocs.yml, typed. An environment variable overrides an option through
MkDocs' `!ENV [NAME, default]` tag in mkdocs.yml, never by a read of os.environ in the code.

    plugins:
      - sotay:
          build_date: !ENV [SOTAY_BUILD_DATE, null]
          pdf: !ENV [SOTAY_PDF, false]
"""

from __future__ import annotations

from datetime import date
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from macros.core import dates
from macros.outputs.pdf import DEFAULT_CHROMIUM
from macros.outputs.provenance import EDIT_TEMPLATE_DEFAULT

# What `pdf: yes` may be written as, in mkdocs.yml or in SOTAY_PDF (which !ENV reads as YAML: 1, true, "có").
_YES = frozenset({"1", "true", "yes", "on", "co", "có"})
_NO = frozenset({"", "0", "false", "no", "off", "khong", "không", "none"})


class Switch(c.BaseConfigOption[bool]):
    """On or off, written as a YAML boolean, 1/0, or yes/no (có/không)."""

    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        text = str(value).strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise base.ValidationError(f"cần bật hoặc tắt (true/false, 1/0, có/không), không phải \"{value}\"")


class Day(c.BaseConfigOption[Any]):
    """A day written 2024-05-01 or 01/5/2024 (a YAML date too), or nothing for the day of the build."""

    def run_validation(self, value: object) -> date | None:
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return dates.parse_date(str(value))
        except dates.DateError as error:
            raise base.ValidationError(str(error)) from None


class SotayConfig(base.Config):
    build_date = Day()
    """The day task states and focus windows are judged against (SOTAY_BUILD_DATE); empty: the day of the build."""

    pdf = Switch(default=False)
    """Print every plan, outline and print pack to a PDF beside its page after the build (SOTAY_PDF)."""

    chromium = c.Type(str, default=str(DEFAULT_CHROMIUM))
    """The Chromium the PDFs are printed with (SOTAY_CHROMIUM); Debian's by default, never a downloaded one."""

    repo_url = c.Optional(c.Type(str))
    """The forge address of the repository for "Sửa trang này" (SOTAY_REPO_URL); empty: the http(s) origin remote.
    Credentials in it are removed before any page sees it."""

    branch = c.Optional(c.Type(str))
    """The branch edit links open (SOTAY_BRANCH); empty: git's current branch."""

    edit_template = c.Type(str, default=EDIT_TEMPLATE_DEFAULT)
    """The edit path on the forge (SOTAY_EDIT_TEMPLATE): GitHub, Gitea, Forgejo "edit/{branch}/{path}", GitLab
    "-/edit/{branch}/{path}"."""

    offline_zip = Switch(default=True)
    """Zip the finished site into tai-ve/ for reading offline."""

    jobs = c.Type(int, default=0)
    """Processes rendering pages at once (SOTAY_JOBS): 0 one per usable core, 1 none besides MkDocs' own."""

    search_single_index = Switch(default=False)
    """Also write the whole search index as one file, search/sotay-index-single.js (SOTAY_SEARCH_SINGLE_INDEX): the
    tests compare the results of the sharded search with those of the single index. The site never loads it."""
