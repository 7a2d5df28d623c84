"""The data model: plain typed records for organisations, documents, plans, milestones, events,
outlines and tasks. Each field is declared once with its type and Vietnamese help text; the reader,
the checker and the JSON Schemas are derived from these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import FuzzyDate
from .diagnostics import Pos
from .unknown import UNKNOWN, Unknown
from .fields import ( Boolean, DateField, Enum, FuzzyField, Id, Integer, ListOf, Nested, Ref, RefField,
                     Text, spec)

# Since 01/7/2025 local government has two levels, tỉnh and xã; "huyen" stays for the units and documents of
# before that day. "co-so" is the grassroots Party level: chi bộ, đảng bộ cơ sở.
LEVELS = {"trung-uong": "Trung ương", "tinh": "cấp tỉnh", "huyen": "cấp huyện", "xa": "cấp xã",
          "co-so": "cấp cơ sở"}
SECTORS = {
    "dang": "cơ quan Đảng",
    "nha-nuoc": "cơ quan nhà nước",
    "mat-tran-doan-the": "Mặt trận Tổ quốc, đoàn thể",
    "bao-chi": "cơ quan báo chí",
    "su-nghiep": "đơn vị sự nghiệp",
    "doanh-nghiep": "doanh nghiệp",
    "khac": "khác",
}
EVENT_KINDS = {
    "anniversary": "kỷ niệm ngày lịch sử",
    "congress": "đại hội",
    "review": "sơ kết, tổng kết",
    "other": "sự kiện khác",
}
TASK_STATUSES = {
    "chua-thuc-hien": "chưa thực hiện",
    "dang-thuc-hien": "đang thực hiện",
    "da-thuc-hien": "đã thực hiện",
}

Date = date | Unknown


def _located() -> Any:
    return field(default_factory=dict, repr=False, compare=False)


@dataclass
class Source:
    """Nguồn của một thông tin: văn bản và mục trong văn bản đó."""

    LABEL = "nguồn (source)"
    document: Ref = spec(RefField("document"), "mã văn bản chứa thông tin", required=True)
    section: str = spec(Text(), "mục trong văn bản, ghi như văn bản in, ví dụ II.1.2.2", required=True)
    note: str | None = spec(Text(), "ghi chú, ví dụ vì sao một thông tin chưa rõ")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


SOURCES = ListOf(Nested(Source), one_or_many=True)


@dataclass
class Organisation:
    """Cơ quan, đơn vị."""

    LABEL = "cơ quan, đơn vị"
    id: str = spec(Id(), "mã cơ quan, đơn vị", required=True)
    name: str = spec(Text(), "tên đầy đủ", required=True)
    short: str | None = spec(Text(), "tên ngắn dùng trong danh sách")
    symbol: str | None = spec(Text(), "ký hiệu dùng trong số văn bản, ví dụ BTGTU")
    level: str = spec(Enum(LEVELS), "cấp", required=True)
    sector: str = spec(Enum(SECTORS), "khối", required=True)
    parent: Ref | None = spec(RefField("organisation"), "cơ quan cấp trên trực tiếp")
    group: bool = spec(Boolean(), "true nếu là một nhóm đơn vị, ví dụ \"Các sở, ban, ngành\"", default=False)
    member_of: list[Ref] = spec(RefField("organisation", many=True),
                                "các nhóm đơn vị (group: true) mà đơn vị này thuộc về, ví dụ \"Các sở, ban, ngành, "
                                "đoàn thể tỉnh\": nhiệm vụ giao cho nhóm hiện cả trên trang của đơn vị", factory=list)
    aliases: list[str] = spec(ListOf(Text()), "các cách viết khác trong văn bản", factory=list)
    valid_from: Date = spec(DateField(), "ngày bắt đầu hoạt động", default=UNKNOWN)
    valid_to: Date | None = spec(DateField(), "ngày kết thúc hoạt động (bỏ trống nếu còn hoạt động)")
    successor: list[Ref] = spec(RefField("organisation", many=True), "đơn vị kế tục", factory=list)
    notes: str | None = spec(Text(markdown=True), "ghi chú")
    source: list[Source] = spec(SOURCES, "nguồn", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()

    @property
    def display_name(self) -> str:
        return self.short or self.name


@dataclass
class HeaderLines:
    """Hai dòng tên cơ quan ở góc trái phần đầu văn bản, ghi như bản in khi quy tắc chung không đúng."""

    LABEL = "tên cơ quan ở phần đầu văn bản (header)"
    upper: str | None = spec(Text(), "dòng trên: tên cơ quan cấp trên, ví dụ ĐẢNG BỘ TỈNH LAI CHÂU; bỏ trống nếu "
                                     "văn bản không in dòng này")
    lower: str = spec(Text(), "dòng dưới: tên cơ quan ban hành, ví dụ HUYỆN ỦY TAM ĐƯỜNG", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class DocumentFocus:
    """Thời gian tuyên truyền sâu đậm mà một văn bản đặt ra cho đơn vị nhận văn bản đó."""

    LABEL = "thời gian tuyên truyền sâu đậm theo văn bản (focus)"
    event: Ref = spec(RefField("event"), "sự kiện được tuyên truyền", required=True)
    start: FuzzyDate = spec(FuzzyField(), "bắt đầu, ví dụ 01/5/2024", key="from", required=True)
    end: FuzzyDate = spec(FuzzyField(), "kết thúc, ví dụ 07/5/2024", key="to", required=True)
    orgs: list[Ref] = spec(RefField("organisation", many=True), "các đơn vị áp dụng (mặc định: nơi nhận văn bản)",
                           factory=list)
    section: str | None = spec(Text(), "mục trong văn bản")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Document:
    """Văn bản được trích dẫn."""

    LABEL = "văn bản"
    id: str = spec(Id(), "mã văn bản", required=True)
    number: str | Unknown = spec(Text(allow_unknown=True), "số và ký hiệu, ví dụ 171-KH/BTGTU hoặc 125/QĐ-UBND",
                                  required=True)
    kind: str | Unknown | None = spec(Text(allow_unknown=True), "loại văn bản (KH, CT, QĐ…), bắt buộc khi số chưa rõ; "
                                                               "ghi \"chưa rõ\" nếu văn bản không in tên loại")
    issuer: list[Ref] = spec(RefField("organisation", many=True), "cơ quan ban hành", required=True)
    date: Date = spec(DateField(), "ngày ban hành", required=True)
    issued_after: date | None = spec(DateField(allow_unknown=False),
                                     "khi chưa rõ ngày ban hành: văn bản ban hành sau ngày này, ví dụ ngày của văn "
                                     "bản mà nó thực hiện")
    issued_before: date | None = spec(DateField(allow_unknown=False),
                                      "khi chưa rõ ngày ban hành: văn bản ban hành trước ngày này")
    title: str | Unknown = spec(Text(allow_unknown=True), "trích yếu nội dung", required=True)
    editor_title: str | None = spec(Text(), "khi văn bản không có trích yếu: một dòng tóm tắt do người biên tập "
                                            "viết; trang ghi rõ đây là lời người biên tập")
    header: HeaderLines | None = spec(Nested(HeaderLines), "tên cơ quan ở phần đầu văn bản, chỉ ghi khi khác quy "
                                                            "tắc chung")
    implements: list[Ref] = spec(RefField("document", many=True), "các văn bản mà văn bản này thực hiện",
                                 factory=list)
    based_on: list[Ref] = spec(RefField("document", many=True), "các văn bản làm căn cứ", factory=list)
    focus: list[DocumentFocus] = spec(ListOf(Nested(DocumentFocus)), "thời gian tuyên truyền sâu đậm mà văn bản "
                                                                     "đặt ra cho đơn vị nhận", factory=list)
    source: list[Source] = spec(SOURCES, "nơi văn bản được trích dẫn", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()

    @property
    def cited(self) -> list[Ref]:
        return [*self.implements, *self.based_on]


@dataclass
class Paragraph:
    """Một đoạn nội dung của kế hoạch, kèm mục trong văn bản gốc."""

    LABEL = "đoạn nội dung"
    text: str = spec(Text(markdown=True), "nội dung (Markdown)", required=True)
    label: str | None = spec(Text(), "số hoặc ký hiệu đầu đoạn như bản in, ví dụ \"a)\", \"-\"")
    section: str | None = spec(Text(), "mục trong văn bản gốc")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class ContentItem:
    """Nội dung tuyên truyền về một hoặc nhiều sự kiện."""

    LABEL = "mục nội dung tuyên truyền"
    label: str | None = spec(Text(), "số mục như bản in, ví dụ \"1.1.1.\"")
    title: str = spec(Text(), "tiêu đề", required=True)
    text: str | None = spec(Text(markdown=True), "nội dung (Markdown)")
    events: list[Ref] = spec(RefField("event", many=True), "các sự kiện liên quan", factory=list)
    year: int | None = spec(Integer(1800, 2200), "năm")
    section: str | None = spec(Text(), "mục trong văn bản gốc")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Timing:
    """Thời gian tuyên truyền."""

    LABEL = "thời gian tuyên truyền (timing)"
    text: str = spec(Text(markdown=True), "nội dung (Markdown)", required=True)
    focus_before: int | None = spec(Integer(0, 366), "số ngày tuyên truyền sâu đậm trước mỗi sự kiện")
    focus_after: int | None = spec(Integer(0, 366), "số ngày tuyên truyền sâu đậm sau mỗi sự kiện")
    section: str | None = spec(Text(), "mục trong văn bản gốc")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Phase:
    """Một đợt tuyên truyền."""

    LABEL = "đợt tuyên truyền (phase)"
    label: str | None = spec(Text(), "số mục như bản in, ví dụ \"1.\"")
    name: str = spec(Text(), "tên đợt, ví dụ Đợt 1", required=True)
    title: str | None = spec(Text(), "phạm vi thời gian như văn bản ghi")
    start: FuzzyDate | None = spec(FuzzyField(), "bắt đầu", key="from")
    end: FuzzyDate | None = spec(FuzzyField(), "kết thúc", key="to")
    after_event: Ref | None = spec(RefField("event"), "đợt bắt đầu sau sự kiện này")
    until_event: Ref | None = spec(RefField("event"), "đợt kéo dài đến hết sự kiện này")
    text: str | None = spec(Text(markdown=True), "câu dẫn in dưới tên đợt, ví dụ \"Tập trung tuyên truyền:\"")
    items: list[str] = spec(ListOf(Text(markdown=True)), "các nội dung tuyên truyền trong đợt", factory=list)
    section: str | None = spec(Text(), "mục trong văn bản gốc")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Recipient:
    """Một dòng \"Nơi nhận\"."""

    LABEL = "nơi nhận"
    text: str = spec(Text(), "dòng nơi nhận như văn bản in", required=True)
    orgs: list[Ref] = spec(RefField("organisation", many=True), "các đơn vị được nhắc đến", factory=list)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Signer:
    """Người ký."""

    LABEL = "người ký (signer)"
    authority: str | None = spec(Text(), "thẩm quyền ký: TM., KT., T/M…")
    title: str = spec(Text(), "chức vụ", required=True)
    extra_title: str | None = spec(Text(), "chức vụ kiêm nhiệm ghi dưới chữ ký")
    name: str | Unknown = spec(Text(allow_unknown=True), "họ và tên", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class TaskResult:
    """Kết quả thực hiện một nhiệm vụ: ngày hoàn thành và văn bản báo cáo hoặc ghi chú."""

    LABEL = "kết quả thực hiện (result)"
    date: date = spec(DateField(allow_unknown=False), "ngày hoàn thành, ví dụ 15/5/2024", required=True)
    report: Ref | None = spec(RefField("document"), "mã văn bản báo cáo kết quả (ghi văn bản đó vào "
                                                    "data/documents.yml)")
    note: str | None = spec(Text(), "ghi chú về kết quả, ví dụ số buổi, số người dự, hoặc nơi lưu báo cáo")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Task:
    """Nhiệm vụ: việc gì, ai chủ trì, ai phối hợp, khi nào."""

    LABEL = "nhiệm vụ"
    id: str | None = spec(Id(), "mã nhiệm vụ")
    label: str | None = spec(Text(), "số hoặc ký hiệu như bản in, ví dụ \"a)\", \"3.\"")
    title: str = spec(Text(), "việc cần làm", required=True)
    details: str | None = spec(Text(markdown=True), "chi tiết (Markdown), ghi nguyên văn đoạn giao việc")
    lead: list[Ref] = spec(RefField("organisation", many=True),
                           "đơn vị thực hiện, chủ trì; bỏ trống khi văn bản giao cho chính các đơn vị nhận văn bản "
                           "(\"addressees\" của kế hoạch)", factory=list)
    support: list[Ref] = spec(RefField("organisation", many=True), "đơn vị phối hợp", factory=list)
    when: FuzzyDate | None = spec(FuzzyField(), "thời gian thực hiện, hoàn thành")
    events: list[Ref] = spec(RefField("event", many=True), "các sự kiện liên quan", factory=list)
    status: str | None = spec(Enum(TASK_STATUSES), "tình trạng")
    result: TaskResult | None = spec(Nested(TaskResult), "kết quả thực hiện: ngày hoàn thành (date) và văn bản báo "
                                                         "cáo (report) hoặc ghi chú (note); có kết quả là đã thực "
                                                         "hiện")
    place: str | None = spec(Text(), "địa điểm")
    budget: str | None = spec(Text(), "kinh phí")
    notes: str | None = spec(Text(markdown=True), "ghi chú")
    section: str | None = spec(Text(), "mục trong văn bản gốc")
    same_as: list[str] = spec(ListOf(Text()), "cùng một hoạt động được văn bản ghi ở mục khác: mã nhiệm vụ đó "
                                              "(cùng kế hoạch) hoặc \"mã-kế-hoạch/mã-nhiệm-vụ\"", factory=list)
    plan: Ref | None = spec(RefField("plan"), "kế hoạch giao nhiệm vụ (chỉ dùng trong data/tasks/)")
    source: list[Source] = spec(SOURCES, "nguồn (chỉ dùng trong data/tasks/)", factory=list)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()
    plan_id: str = ""  # set by the loader: the plan this task belongs to
    key: str = ""  # set by the loader: a unique key "plan-id/task-id"
    lead_implied: bool = False  # set by the loader: no `lead` written, the plan's addressees lead it



@dataclass
class PrintedSection:
    """Một mục của văn bản như bản in: số, tiêu đề và các mục con, theo đúng thứ tự của văn bản."""

    LABEL = "mục của văn bản (printed)"
    ref: str = spec(Text(), "mã mục mà các phần khác ghi ở \"section\", ví dụ II.1", required=True)
    label: str | None = spec(Text(), "số mục như bản in, kể cả dấu, ví dụ \"I-\", \"1.\", \"1.1.\", \"a)\"")
    heading: str | None = spec(Text(), "tiêu đề mục như bản in")
    text: str | None = spec(Text(markdown=True), "đoạn văn in ngay dưới tiêu đề, trước các phần khác của mục")
    note: str | None = spec(Text(), "ghi chú của người biên tập về mục này, ví dụ bản in đánh số nhảy cóc; hiện "
                                    "trên trang (không in), và sotay check không nhắc lại ghi chú về số mục")
    sections: list["PrintedSection"] = field(default_factory=list, metadata={})
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


PrintedSection.__dataclass_fields__["sections"].metadata = {  # type: ignore[index]
    "kind": ListOf(Nested(PrintedSection)), "help": "các mục con", "required": False, "key": None}


@dataclass
class Plan(Document):
    """Kế hoạch: một văn bản có nội dung đầy đủ."""

    LABEL = "kế hoạch"
    place: str | Unknown | None = spec(Text(allow_unknown=True), "địa danh ghi ở dòng ngày tháng, ví dụ Lai Châu")
    printed: list[PrintedSection] = spec(ListOf(Nested(PrintedSection)),
                                         "các mục của văn bản như bản in, theo thứ tự; mỗi phần nội dung, nhiệm vụ "
                                         "được đặt vào mục có \"ref\" bằng \"section\" của nó", factory=list)
    addressees: list[Ref] = spec(RefField("organisation", many=True),
                                 "các đơn vị thực hiện văn bản (đối tượng thi hành), nếu văn bản giao việc cho "
                                 "chính nơi nhận", factory=list)
    preamble: str | None = spec(Text(markdown=True), "đoạn mở đầu \"Thực hiện…\", \"Căn cứ…\"")
    purposes: list[Paragraph] = spec(ListOf(Nested(Paragraph)), "mục đích", factory=list)
    requirements: list[Paragraph] = spec(ListOf(Nested(Paragraph)), "yêu cầu", factory=list)
    content: list[ContentItem] = spec(ListOf(Nested(ContentItem)), "nội dung tuyên truyền", factory=list)
    forms: list[Paragraph] = spec(ListOf(Nested(Paragraph)), "hình thức tuyên truyền", factory=list)
    timing: Timing | None = spec(Nested(Timing), "thời gian tuyên truyền")
    phases: list[Phase] = spec(ListOf(Nested(Phase)), "các đợt tuyên truyền", factory=list)
    tasks: list[Task] = spec(ListOf(Nested(Task)), "tổ chức thực hiện, phân công nhiệm vụ", factory=list)
    budget: Paragraph | None = spec(Nested(Paragraph), "kinh phí")
    closing: str | None = spec(Text(markdown=True), "đoạn kết \"Trên đây là…\"")
    recipients: list[Recipient] = spec(ListOf(Nested(Recipient)), "nơi nhận", factory=list)
    signer: Signer | None = spec(Nested(Signer), "người ký")


@dataclass
class Milestone:
    """Mốc lịch sử."""

    LABEL = "mốc lịch sử"
    id: str = spec(Id(), "mã mốc lịch sử", required=True)
    title: str = spec(Text(), "tên sự kiện lịch sử", required=True)
    date: date = spec(DateField(allow_unknown=False), "ngày diễn ra", required=True)
    description: str | None = spec(Text(markdown=True), "mô tả")
    source: list[Source] = spec(SOURCES, "nguồn", required=True)
    national_day: Source | None = spec(Nested(Source), "chỉ với ngày lễ lớn, ngày kỷ niệm của cả nước: văn bản của cơ "
                                       "quan Trung ương quy định hay hướng dẫn kỷ niệm ngày này, và mục, ví dụ "
                                       "{document: 145-2013-nd-cp, section: \"Điều 4, khoản 5\"}")
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Focus:
    """Thời gian tuyên truyền sâu đậm (cao điểm) của một sự kiện."""

    LABEL = "thời gian tuyên truyền sâu đậm (focus)"
    start: FuzzyDate | None = spec(FuzzyField(), "bắt đầu, ví dụ 01/12/2023", key="from")
    end: FuzzyDate | None = spec(FuzzyField(), "kết thúc, ví dụ 10/01/2024", key="to")
    before: int | None = spec(Integer(0, 366), "số ngày trước sự kiện (mặc định 20)")
    after: int | None = spec(Integer(0, 366), "số ngày sau sự kiện (mặc định 5)")
    source: list[Source] = spec(SOURCES, "nguồn", factory=list)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Event:
    """Sự kiện: điều được kỷ niệm hay tổ chức trong một năm."""

    LABEL = "sự kiện"
    id: str = spec(Id(), "mã sự kiện", required=True)
    kind: str = spec(Enum(EVENT_KINDS), "loại sự kiện", required=True)
    name: str = spec(Text(), "điều được kỷ niệm hoặc tổ chức", required=True)
    title: str | None = spec(Text(), "tiêu đề đầy đủ (nếu bỏ trống sẽ được tính)")
    milestones: list[Ref] = spec(RefField("milestone", many=True), "các mốc lịch sử được kỷ niệm", factory=list)
    year: int | Unknown = spec(Integer(1800, 2200, allow_unknown=True), "năm diễn ra", required=True)
    date: Date | None = spec(DateField(), "ngày diễn ra (mặc định: ngày của mốc lịch sử trong năm)")
    n: int | None = spec(Integer(1, 2000), "số năm kỷ niệm (phải bằng năm sự kiện trừ năm của mốc)")
    focus: Focus | None = spec(Nested(Focus), "thời gian tuyên truyền sâu đậm")
    description: str | None = spec(Text(markdown=True), "mô tả")
    source: list[Source] = spec(SOURCES, "nguồn", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class OutlineSection:
    """Một mục của đề cương; số thứ tự được tính theo cấp, không gõ tay."""

    LABEL = "mục đề cương"
    title: str = spec(Text(), "tiêu đề mục (không ghi số thứ tự)", required=True)
    body: str | None = spec(Text(markdown=True), "nội dung (Markdown)")
    source: list[Source] = spec(SOURCES, "nguồn", factory=list)
    sections: list["OutlineSection"] = field(default_factory=list, metadata={})
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


# A section contains sections: declare the recursive field after the class exists.
OutlineSection.__dataclass_fields__["sections"].metadata = {  # type: ignore[index]
    "kind": ListOf(Nested(OutlineSection)), "help": "các mục con", "required": False, "key": None}


@dataclass
class Outline:
    """Đề cương tuyên truyền."""

    LABEL = "đề cương"
    id: str = spec(Id(), "mã đề cương", required=True)
    title: str = spec(Text(), "tiêu đề đề cương", required=True)
    events: list[Ref] = spec(RefField("event", many=True), "các sự kiện của đề cương", required=True)
    intro: str | None = spec(Text(markdown=True), "lời dẫn")
    sections: list[OutlineSection] = spec(ListOf(Nested(OutlineSection)), "các mục", required=True)
    source: list[Source] = spec(SOURCES, "nguồn", required=True)
    pos: Pos = field(default=Pos(""), repr=False, compare=False)
    positions: dict[str, Pos] = _located()


@dataclass
class Dataset:
    """Everything in data/, after reading; validation fills nothing in, it only reports."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)  # cited documents and plans
    plans: dict[str, Plan] = field(default_factory=dict)
    milestones: dict[str, Milestone] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    outlines: dict[str, Outline] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)  # every task, from plans and from data/tasks/
    # Records whose file could not be read ("*" when a whole list file failed): references to them are
    # not reported again, the file's own problem says what to fix.
    unreadable: set[tuple[str, str]] = field(default_factory=set)
