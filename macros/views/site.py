"""What one build shows: the checked data set seen on the build date, through one object per concern (events,
documents, plans, tasks, a plan's progress, organisations, outlines, the home page, print packs), the pages to
generate and the templates that render them. No MkDocs here; the plugin makes one Site per build."""

from __future__ import annotations

from datetime import date
from typing import Any

from macros.core.model import Dataset
from .collation import Collation
from .context import page_context
from .documents import Documents
from .events import Events
from .home import Home
from .organisations import Organisations
from .outlines import Outlines
from .pages import generated_pages
from .plans import Plans
from .print_pack import PrintLinks, PrintPacks
from .progress import Progress
from .render import Templates
from .tasks import Tasks


class Site:
    def __init__(self, dataset: Dataset, today: date) -> None:
        self.data = dataset
        self.today = today
        # Vietnamese sort keys, computed once per text for every list of every page.
        self.collation = Collation()
        self.events = Events(self)
        self.documents = Documents(self)
        self.plans = Plans(self)
        self.tasks = Tasks(self)
        self.progress = Progress(self)
        self.organisations = Organisations(self)
        self.outlines = Outlines(self)
        self.home = Home(self)
        self.packs = PrintPacks(self)
        self.pages = generated_pages(self)
        self.templates = Templates()
        # Which pages get a "Tải PDF" link: known once the build has listed its files.
        self.print_links = PrintLinks()
        # How MkDocs writes page URLs (its use_directory_urls), for links in raw HTML that MkDocs does not rewrite.
        self.directory_urls = True

    def render(self, template: str, here: str, **context: Any) -> str:
        """A page template rendered for the page whose Markdown source is `here` (links are relative to it)."""
        return self.templates.render(template, **page_context(self, here), **context)


def make_site(dataset: Dataset, today: date) -> Site:
    return Site(dataset, today)
