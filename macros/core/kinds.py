"""The kinds of record the handbook keeps, each declared once: where its files live and how they are shaped, the
schema editors' tools read, whether `sotay new` writes one, the URL section of its pages and how the search labels
them. The URL sections of the pages that show no single record are declared here too. The loader, the checker, the schemas, the scaffolds, the generated pages and the search all read this
table; adding a kind means one declaration here plus its model class and its page template
(macros/views/templates/pages/<name>.md.j2, which receives the record under the kind's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .unknown import UNKNOWN
from .model import Dataset, Document, Event, Milestone, Organisation, Outline, Plan, Task


@dataclass(frozen=True)
class Kind:
    name: str  # in code, in references (Ref.target), in `sotay new NAME` and in page macros
    record: type  # the model class
    folder: str  # data/<folder>/: one record per file named after its id, or (many) lists of records
    table: str  # the Dataset attribute holding the records by id
    schema_title: str  # the title of its JSON Schema (data/schemas/)
    many: bool = False  # lists of records: data/<folder>.yml and data/<folder>/*.yml
    section: str | None = None  # the URL section of its pages (su-kien/<id>/); None: no page of its own
    search_label: str | None = None  # shown beside a search result
    search_boost: int = 0  # ranks its pages above index pages and guides
    scaffold: bool = False  # `sotay new NAME` writes one from macros/cli/templates/NAME.yml.j2
    counts_as: str | None = None  # the kind references to it name too: a plan is a document
    search_titles: tuple[str, ...] = ()  # fields the search also finds its page by, as titles
    search_keywords: tuple[str, ...] = ()  # fields it finds its page by as exact words: numbers, symbols

    @property
    def what(self) -> str:
        """The Vietnamese noun for one record, as messages say it: "sự kiện", "cơ quan, đơn vị"."""
        return self.record.LABEL

    @property
    def file_what(self) -> str:
        """What one of its files holds, as messages say it: "danh sách văn bản", "kế hoạch"."""
        return f"danh sách {self.what}" if self.many else self.what

    @property
    def where(self) -> str:
        """Where its records are written: "data/organisations.yml", "data/events/"."""
        return f"data/{self.folder}.yml" if self.many else f"data/{self.folder}/"

    @property
    def schema(self) -> str:
        """The stem of its JSON Schema file: a list file's folder ("organisations"), else the kind ("event")."""
        return self.folder if self.many else self.name

    def records(self, dataset: Dataset) -> dict[str, Any]:
        return getattr(dataset, self.table)

    def search_terms(self, record: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(titles, keywords) of a record for the search: the known values of its search fields."""
        return _values(record, self.search_titles), _values(record, self.search_keywords)


def _values(record: Any, names: tuple[str, ...]) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        value = getattr(record, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item is not UNKNOWN and item.strip():
                found.append(item)
    return tuple(found)


# In the order `sotay new` offers them.
KINDS: tuple[Kind, ...] = (
    Kind("event", Event, "events", "events", "Sự kiện", section="su-kien", search_label="Sự kiện", search_boost=3,
         scaffold=True, search_keywords=("name",)),
    Kind("plan", Plan, "plans", "plans", "Kế hoạch", section="ke-hoach", search_label="Kế hoạch", search_boost=3,
         scaffold=True, counts_as="document", search_titles=("title",), search_keywords=("number",)),
    Kind("organisation", Organisation, "organisations", "organisations", "Danh sách cơ quan, đơn vị", many=True,
         section="don-vi", search_label="Đơn vị", search_boost=2, scaffold=True,
         search_keywords=("name", "short", "symbol", "aliases")),
    Kind("outline", Outline, "outlines", "outlines", "Đề cương tuyên truyền", section="de-cuong",
         search_label="Đề cương", search_boost=2, scaffold=True),
    Kind("task", Task, "tasks", "tasks", "Nhiệm vụ", scaffold=True),
    Kind("document", Document, "documents", "documents", "Danh sách văn bản được trích dẫn", many=True,
         section="van-ban", search_label="Văn bản", search_boost=2, search_titles=("title",),
         search_keywords=("number",)),
    Kind("milestone", Milestone, "milestones", "milestones", "Mốc lịch sử"),
)
SCAFFOLDS = tuple(kind for kind in KINDS if kind.scaffold)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_FOLDER = {kind.folder: kind for kind in KINDS}
BY_RECORD = {kind.record: kind for kind in KINDS}


@dataclass(frozen=True)
class PageSection:
    """A URL section of pages that show no single record."""

    section: str
    search_label: str | None = None
    search_boost: int = 0


TIMELINE = PageSection("dong-thoi-gian", "Dòng thời gian", 1)  # a page per year, and its index
PRINT_PACKS = PageSection("tai-lieu-chi-bo", "Tài liệu chi bộ")  # each event's print pack for chi bộ meetings
GUIDE = PageSection("huong-dan", "Hướng dẫn")  # the hand-written editors' guide
DATA_PAGE = PageSection("du-lieu", "Dữ liệu")  # what data the handbook keeps (docs/du-lieu.md)
ANNIVERSARIES_AHEAD = PageSection("ky-niem-sap-toi", "Kỷ niệm sắp tới")  # the anniversaries coming up
DOWNLOAD = PageSection("tai-ve", "Tải về")  # the offline copy
# How the search labels and ranks a page by the first segment of its URL.
SEARCH_LABELS = {**{k.section: (k.search_label, k.search_boost) for k in KINDS if k.section and k.search_label},
                 **{p.section: (p.search_label, p.search_boost)
                    for p in (TIMELINE, PRINT_PACKS, GUIDE, DATA_PAGE, ANNIVERSARIES_AHEAD, DOWNLOAD)
                    if p.search_label}}


def kind_of(record: Any) -> Kind:
    """The kind of a record, by its exact class (a Plan is a plan, not a document)."""
    return BY_RECORD[type(record)]


def referred_as(kind: Kind) -> Kind:
    """The kind whose table a reference to a record of `kind` looks in: a plan is found among the documents."""
    return BY_NAME[kind.counts_as] if kind.counts_as else kind


def where_written(kind: Kind) -> str:
    """Where a record a reference of this kind names may be written: documents are in data/documents.yml or,
    with their text, in data/plans/."""
    others = [k.where for k in KINDS if k.counts_as == kind.name]
    return " hoặc ".join([kind.where, *others])
