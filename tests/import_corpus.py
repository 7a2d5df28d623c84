"""The test corpus of `sotay import`: the three seed documents the tests keep (tests/seeds/), each as the editor
would receive it - a Word file, a PDF printed from it, and the text extraction itself - made deterministically into
a folder the caller gives.

What each file is:

- `<plan id>.txt`: the seed itself, byte for byte (a PDF text extraction: a blank line between printed lines,
  paragraphs broken mid-sentence, page numbers alone on their lines, no header block).
- `<plan id>.docx`: the document in the layout of a real one (Hướng dẫn 36-HD/VPTW for a Party document, Nghị định
  30/2020/NĐ-CP for a state one), built with python-docx: A4, margins 20/20/30/15 mm, Times New Roman 14 pt; the
  header as a two-column borderless table (left: the issuer's upper line, the issuer bold, "*" for a Party document,
  the number line; right: the national motto and the italic place-and-date line); the kind word and the trích yếu
  bold and centred; the body as paragraphs rejoined from the printed lines (`_paragraphs`), section headings bold;
  the numbers of the organisation section's units (IV./D.: 1., 2., ...) and of every run of a), b), c) points given
  by Word's automatic numbering (w:numPr and a numbering definition), not typed; a real Word footnote where the seed
  has one; seed 002's activities of section B.I.2 (2.1. a) - h), 2.2.) as a task table (TT, Nội dung, Đơn vị thực
  hiện, Đơn vị phối hợp, Thời gian; the 2.1./2.2. headings as merged rows) instead of their "- Đơn vị thực hiện: …"
  lines; then "Nơi nhận:" with its lines (left, small) and the signer block (right) side by side in a borderless
  table.
- `<plan id>.pdf`: the same structure as HTML (the same blocks, the task table with borders, typed numbers where
  Word numbers automatically, page numbers at the top from page 2) printed by Chromium through Playwright, A4, with
  the shipped Liberation Serif (docs/assets/fonts/). The same Chromium makes the same bytes: the dates it writes
  into the PDF's metadata are overwritten with a fixed one (same length, so the file stays valid).

The seeds print no header block, so the header comes from the shipped data, never invented: the issuer, number,
date and place of data/plans/<id>.yml and the names of data/organisations.yml, laid out by the site's own rules
(macros/views/header.py, the issuer's upper line from its parent). Where the data says "chưa rõ" (the seed printed
no number, no date), the corpus prints what an unsigned draft prints: the number line with a blank before the
symbol ("Số:      /KH-BTC", the kind code from the plan and the symbol from the issuer's record), and the date line
with blanks ("Lai Châu, ngày     tháng     năm 2023") only when the data knows the place and the year (the date
itself, or issued_after and issued_before in one year); otherwise the date line is left empty. Of the three, only
171-KH/BTGTU has a known number, date and place (from a district plan that cites it; the seed itself prints none).

The seeds, as laid out here:

- 171-kh-btgtu (seed 000): Kế hoạch 171-KH/BTGTU of the Ban Tuyên giáo Tỉnh ủy, a Party header ("TỈNH ỦY LAI CHÂU"
  over "BAN TUYÊN GIÁO", "*", "Số 171-KH/BTGTU"; "ĐẢNG CỘNG SẢN VIỆT NAM"; "Lai Châu, ngày 30 tháng 5 năm 2023"); the
  "-----" rule under the trích yếu; sections I-, II-, IV- as printed (no III); the eight units of IV numbered by Word.
- kh-btc-20-nam-chia-tach (seed 002): the Ban Tổ chức kỷ niệm 20 năm chia tách, thành lập tỉnh, a state header
  ("UBND TỈNH LAI CHÂU" over the Ban's name, "Số:      /KH-BTC", an empty date line); sections A.-D.; the B.I.2
  task table; a), b), c) of B.II.2 and of D.26 and the 26 units of D numbered by Word; signer TM. BAN TỔ CHỨC, PHÓ
  TRƯỞNG BAN, PHÓ CHỦ TỊCH UBND TỈNH under the signature space.
- kh-svhttdl-tuyen-truyen-dai-hoi-2025 (seed 004): the Sở Văn hóa, Thể thao và Du lịch, a state header ("UBND TỈNH
  LAI CHÂU" over "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số:      /KH-SVHTTDL", an empty date line); footnote 1 of section
  II as a Word footnote (in the PDF, in small type where the seed's page ended); the six units of IV and a), b) of
  IV.1 numbered by Word; signer KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC.

`make_docx_corpus` (python-docx only, about a second) and `make_pdf_corpus` (needs Chromium) are separate so that a
test without a browser can have the Word files.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .sites import ROOT, SEEDS

# The seed of each shipped plan.
SEED_OF = {
    "171-kh-btgtu": "000_f44ed8d44b5feeb3.txt",
    "kh-btc-20-nam-chia-tach": "002_63f06e50c0e1289a.txt",
    "kh-svhttdl-tuyen-truyen-dai-hoi-2025": "004_eaac9b6472a047a3.txt",
}
PLAN_IDS = tuple(SEED_OF)
FORMATS = ("docx", "pdf", "txt")
FONTS = ROOT / "docs" / "assets" / "fonts"
FIXED_TIME = (2024, 5, 1, 0, 0, 0)  # every zip entry of a .docx, and the PDFs' metadata dates

# ---------------------------------------------------------------------------------------------------------------
# Reading a seed: the printed lines rejoined into paragraphs
# ---------------------------------------------------------------------------------------------------------------

# The labels a paragraph can start with, as printed: I- / II. (a part), A. (a part of seed 002), 1. / 1.1. / 1.1.1.,
# a), (1). / (1), "- " and "+ " (a bullet; "- xã hội" in lower case is a line that starts with a dash of the text).
_LABEL = re.compile(r"^(?P<label>[IVX]+[.-]|[A-D]\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|\(\d+\)\.?|[-+])\s+(?P<text>\S.*)$")
_PAGE_NUMBER = re.compile(r"^\d{1,2}$")
_RULE = re.compile(r"^-{3,}$")
_FOOTNOTE_MARK = re.compile(r"(?<=[^\W\d_])(\d)$")  # "… Ban Bí thư1": a footnote mark after a word
_AUTHORITY = re.compile(r"^(TM\.|T/M|KT\.|K/T|TL\.|TUQ\.|Q\.)\s*")
_SHORT = 0.72  # a printed line shorter than this share of a full line ends its paragraph


@dataclass
class Para:
    """One paragraph of the body: its printed label (None for none), its text, and how the corpus prints it."""

    label: str | None
    text: str
    bold: bool = False
    numbering: int | None = None  # the Word numbering instance (w:numId) that prints the label, if any
    footnote: int | None = None  # the number of the footnote whose mark ends the paragraph
    footnote_text: str | None = None  # a footnote printed at this place (the PDF: where the seed's page ended)

    @property
    def kind(self) -> str:
        """"part" (I., A.), "num" (1., 1.1.), "point" (a)), "item" ((1)), "bullet" (-, +) or "text"."""
        label = self.label or ""
        if re.fullmatch(r"[IVX]+[.-]|[A-D]\.", label):
            return "part"
        if re.fullmatch(r"\d+(?:\.\d+)*\.", label):
            return "num"
        if re.fullmatch(r"[a-zđ]\)", label):
            return "point"
        if label.startswith("("):
            return "item"
        return "bullet" if label else "text"

    @property
    def printed(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass
class TaskRow:
    label: str
    content: str
    lead: str = ""
    support: str = ""
    when: str = ""


@dataclass
class TaskTable:
    """Activities as a table: a heading row, then rows that are either a group heading (str) or a TaskRow."""

    columns: tuple[str, ...] = ("TT", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian")
    rows: list[TaskRow | str] = field(default_factory=list)


@dataclass
class Seed:
    kind_word: str  # "KẾ HOẠCH"
    subject: str  # the trích yếu, its printed lines joined
    rule: bool  # a "-----" rule printed under the trích yếu
    body: list[Para]
    footnotes: dict[int, str]
    recipients: list[str]  # as printed, with their "- " and final punctuation
    signer: list[str]  # the signer block's lines: authority, title, then (after the space) any more, and the name


def _lines(path: Path) -> list[str]:
    """The seed's printed lines, stripped, with blank lines and page numbers dropped."""
    found = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = " ".join(raw.split())
        if line and not _PAGE_NUMBER.match(line):
            found.append(line)
    return found


def _label(text: str) -> re.Match[str] | None:
    """The printed label `text` starts with, if any (a dash before a word in lower case is not one)."""
    match = _LABEL.match(text)
    if match and match["label"] in "-+" and match["text"][:1].islower():
        return None
    return match


def _join(lines: list[str]) -> str:
    """The printed lines of one paragraph as one line: a space between lines, none after a line that ends with a
    hyphen glued to a word or number ("21-" + "KL/TW", "23-" + "24/3/2023")."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and not text[-2].isspace():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return " ".join(text.split())


def _key(text: str) -> str:
    """Text for comparing across editorial corrections: folded, letters and digits only, single spaces."""
    from macros.core.vietnamese import fold

    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


@dataclass
class Oracle:
    """What the shipped data says about the printed paragraphs: the headings it records (a paragraph ends where one
    is complete) and its paragraphs of printed text (a line break inside one of them is not a paragraph break)."""

    headings: set[str] = field(default_factory=set)
    text: str = ""  # every shipped paragraph's key, separated by " | "

    def continues(self, before: str, after: str) -> bool:
        span = _key(f"{before[-45:]} {after[:45]}")
        return len(span) > 30 and span in self.text


def _oracle(plan_id: str) -> Oracle:
    """The shipped plan's headings (printed sections, content titles, phases, labelled tasks without details) and
    printed paragraphs (preamble, purposes, content, forms, timing, phases, task details, budget, closing)."""
    plan = _dataset().plans[plan_id]
    oracle = Oracle()
    paragraphs: list[str] = []

    def add(text: str | None) -> None:
        for part in re.split(r"\n\s*\n|\n(?=[-+] )", text or ""):
            if part.strip():
                paragraphs.append(_key(part))

    def walk(sections) -> None:
        for section in sections:
            if section.heading:
                oracle.headings.add(_key(section.heading))
            add(section.text)
            walk(section.sections)
    walk(plan.printed)
    add(plan.preamble)
    add(plan.closing)
    for item in [*plan.purposes, *plan.requirements, *plan.forms]:
        add(item.text)
    for item in plan.content:
        oracle.headings.add(_key(item.title))
        add(item.text)
    for phase in plan.phases:
        oracle.headings.add(_key(f"{phase.name}. {phase.title or ''}"))
        add(phase.text)
        for entry in phase.items:
            add(entry)
    for task in plan.tasks:
        if task.details:
            add(task.details)
        elif task.label:
            oracle.headings.add(_key(task.title))
    if plan.timing:
        add(plan.timing.text)
    if plan.budget:
        add(plan.budget.text)
    oracle.text = " | " + " | ".join(paragraphs) + " | "
    return oracle


def _paragraphs(lines: list[str], oracle: Oracle) -> list[tuple[str | None, str, int]]:
    """The corpus's own paragraph joining: (label, text, index of the first line) of each paragraph.

    A paragraph starts at a printed label (_LABEL); after a line that completes a heading the shipped data records
    (a numbered heading without final punctuation, "1.2.3. Kỷ niệm 115 năm … (28/6/1909 - 28/6/2024)", is followed
    by its text on the next line); and after a line ending in ".", ":" or ";" or a short line (one that stops before
    the right margin) - unless the next line starts in lower case, or the shipped data holds the text across that
    line break in one paragraph ("… các công trình:" / "Đường hành lang …")."""
    lengths = sorted(len(line) for line in lines)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80
    groups: list[tuple[list[str], int]] = []
    for index, line in enumerate(lines):
        if not groups:
            groups.append(([line], index))
            continue
        previous = groups[-1][0][-1]
        so_far = _label(_join(groups[-1][0]))
        heading_done = so_far is not None and _key(so_far["text"]) in oracle.headings
        ends = previous.endswith((".", ":", ";", "…")) or len(previous) < _SHORT * full
        lower = line[:1].islower()
        if (_label(line) is not None or heading_done
                or (ends and not lower and not oracle.continues(previous, line))):
            groups.append(([line], index))
        else:
            groups[-1][0].append(line)
    result = []
    for group, first in groups:
        text = _join(group)
        match = _label(text)
        result.append((match["label"], match["text"], first) if match else (None, text, first))
    return result


def read_seed(path: Path, oracle: Oracle) -> Seed:
    lines = _lines(path)
    kind_word = lines[0]
    index = 1
    subject_lines = []
    while not lines[index].startswith(("Thực hiện", "Căn cứ")) and not _RULE.match(lines[index]):
        subject_lines.append(lines[index])
        index += 1
    rule = bool(_RULE.match(lines[index]))
    index += 1 if rule else 0
    end = next(i for i in range(index, len(lines)) if lines[i].startswith("Nơi nhận"))
    body_lines = lines[index:end]

    # Footnotes: a line "1 Kết luận số …" (its number as a mark at the end of a line before it), up to the line
    # that ends with a full stop.
    footnotes: dict[int, str] = {}
    marks = {int(m.group(1)) for line in body_lines if (m := _FOOTNOTE_MARK.search(line))}
    kept: list[str] = []
    footnote_at: dict[int, int] = {}  # footnote -> index in `kept` of the line printed after it
    i = 0
    while i < len(body_lines):
        line = body_lines[i]
        number = re.match(r"^(\d+) (?=[A-ZĐ])", line)
        if number and int(number.group(1)) in marks and int(number.group(1)) not in footnotes:
            n = int(number.group(1))
            part = [line[number.end():]]
            while not part[-1].endswith("."):
                i += 1
                part.append(body_lines[i])
            footnotes[n] = _join(part)
            footnote_at[n] = len(kept)
            i += 1
            continue
        kept.append(line)
        i += 1

    body: list[Para] = []
    firsts: list[int] = []
    for label, text, first in _paragraphs(kept, oracle):
        para = Para(label, text)
        mark = _FOOTNOTE_MARK.search(text)
        if mark and int(mark.group(1)) in footnotes:
            para.text = text[:mark.start()]
            para.footnote = int(mark.group(1))
        body.append(para)
        firsts.append(first)
    for n, at in footnote_at.items():
        # After the paragraph that holds the last line printed before the footnote (the page's last line).
        holder = max(k for k, first in enumerate(firsts) if first <= at - 1)
        body[holder].footnote_text = footnotes[n]

    rest = lines[end + 1:]
    recipients: list[list[str]] = []
    j = 0
    while j < len(rest) and not _is_caps(rest[j]):
        if rest[j].startswith("-") or not recipients:
            recipients.append([rest[j]])
        else:
            recipients[-1].append(rest[j])
        j += 1
    return Seed(kind_word, _join(subject_lines), rule, body, footnotes, [_join(r) for r in recipients], rest[j:])


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# ---------------------------------------------------------------------------------------------------------------
# The document: header from the shipped data, body from the seed
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Signer:
    authority: str | None
    title: str
    below: list[str]  # printed under the signature space, above the name (PHÓ CHỦ TỊCH UBND TỈNH)
    name: str


@dataclass
class CorpusDocument:
    plan_id: str
    system: str  # "party" or "state"
    superior: str | None
    issuer: str
    motto: tuple[str, ...]
    number_line: str
    date_line: str  # "" when the data knows neither place nor year
    kind_word: str
    subject: str
    rule: bool
    blocks: list[Para | TaskTable]
    footnotes: dict[int, str]
    recipients: list[str]
    signer: Signer
    numbering: dict[int, tuple[str, bool]] = field(default_factory=dict)  # numId -> (format, bold)


@functools.lru_cache(maxsize=1)
def _dataset():
    """The shipped data, checked (read once; never changed)."""
    from macros.core.check import check_data

    data, problems, _ = check_data(ROOT / "data", base=ROOT)
    assert not problems, "\n".join(p.format() for p in problems.sorted())
    return data


def _header_facts(plan_id: str) -> dict[str, object]:
    """The header lines of the shipped plan, from the data and the site's header rules."""
    from datetime import date

    from macros.core.unknown import UNKNOWN
    from macros.views import header as rules

    data = _dataset()
    plan = data.plans[plan_id]
    org = data.organisations[plan.issuer[0].id]
    system = "party" if org.sector == "dang" else "state"
    superior, issuer = rules.issuer_lines(plan, data.organisations)
    if plan.number is not UNKNOWN:
        number = f"Số {plan.number}" if system == "party" else f"Số: {plan.number}"
    else:
        # An unsigned draft: the office fills in the number when it signs. Kind code from the plan, symbol from the
        # issuer's record: "Số:      /KH-BTC" (state), "Số      -KH/BTGTU" (Party).
        blank = "\u00a0" * 6
        number = (f"Số {blank}-{plan.kind}/{org.symbol}" if system == "party"
                  else f"Số: {blank}/{plan.kind}-{org.symbol}")
    place = plan.place if isinstance(plan.place, str) and plan.place.strip() else None
    if isinstance(plan.date, date):
        year: int | None = plan.date.year
    elif plan.issued_after and plan.issued_before and plan.issued_after.year == plan.issued_before.year:
        year = plan.issued_after.year
    else:
        year = None
    if place and isinstance(plan.date, date):
        date_line = rules.date_line(plan)
    elif place and year:
        blank = "\u00a0" * 5
        date_line = f"{place}, ngày{blank}tháng{blank}năm {year}"  # the day and month filled in at signing
    else:
        date_line = ""  # no place or no year in the data: an empty line, nothing invented
    return {"system": system, "superior": superior, "issuer": issuer, "motto": rules.MOTTOS[system],
            "number_line": number, "date_line": date_line}


def _signer(lines: list[str]) -> Signer:
    caps = [line for line in lines if _is_caps(line)]
    name = next(line for line in reversed(lines) if not _is_caps(line))
    authority = caps.pop(0) if caps and _AUTHORITY.match(caps[0]) else None
    return Signer(authority, caps[0], caps[1:], name)


def _is_activity_line(para: Para) -> bool:
    return para.label == "-" and para.text.startswith(("Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian"))


def _task_table(paras: list[Para]) -> TaskTable:
    """Seed 002's B.I.2.1 and B.I.2.2 as a table: each activity and its "- Đơn vị thực hiện / phối hợp / Thời gian"
    lines one row, the 2.1./2.2. headings group rows."""
    table = TaskTable()
    for para in paras:
        if para.kind == "num":
            table.rows.append(para.printed)
        elif _is_activity_line(para):
            row = table.rows[-1]
            assert isinstance(row, TaskRow)
            value = para.text.split(":", 1)[1].strip().rstrip(".").strip()
            if para.text.startswith("Đơn vị thực hiện"):
                row.lead = value
            elif para.text.startswith("Đơn vị phối hợp"):
                row.support = value
            else:
                row.when = value
        else:
            table.rows.append(TaskRow(para.label or "", para.text))
    return table


def _number_runs(blocks: list[Para | TaskTable]) -> dict[int, tuple[str, bool]]:
    """Give Word's automatic numbering to the units of the last part (TỔ CHỨC THỰC HIỆN: 1., 2., …) and to every
    run of points a), b), c)… in Latin order; returns numId -> (format, bold)."""
    numbering: dict[int, tuple[str, bool]] = {}
    paras = [b for b in blocks if isinstance(b, Para)]
    next_id = 100  # above the ids of the template's own numbering definitions
    last_part = max(i for i, p in enumerate(paras) if p.kind == "part")
    units = [p for p in paras[last_part + 1:] if p.kind == "num" and "." not in p.label.rstrip(".")]
    if units and [p.label for p in units] == [f"{n}." for n in range(1, len(units) + 1)]:
        for p in units:
            p.numbering = next_id
        numbering[next_id] = ("decimal", all(p.bold for p in units))
        next_id += 1
    run: list[Para] = []

    def close() -> None:
        nonlocal next_id
        if len(run) >= 2 and [p.label for p in run] == [f"{chr(ord('a') + k)})" for k in range(len(run))]:
            for p in run:
                p.numbering = next_id
            numbering[next_id] = ("lowerLetter", all(p.bold for p in run))
            next_id += 1
        run.clear()

    for block in blocks:
        if isinstance(block, TaskTable):
            close()
            continue
        if block.kind == "point":
            run.append(block)
        elif block.kind in ("part", "num"):
            close()
    close()
    return numbering


def build(plan_id: str) -> CorpusDocument:
    """The document of one seed: header from the shipped data, body, closing and signer from the seed."""
    oracle = _oracle(plan_id)
    seed = read_seed(SEEDS / SEED_OF[plan_id], oracle)
    for para in seed.body:
        # Bold: the parts (I., A.), and numbered headings - those the shipped data records as headings, and any
        # numbered paragraph without final punctuation (the long bold headings of seed 002's B.II).
        para.bold = (para.kind == "part"
                     or (para.kind in ("num", "point") and _key(para.text) in oracle.headings)
                     or (para.kind == "num" and not para.text.endswith((".", ":", ";", ",", "…"))))
    blocks: list[Para | TaskTable] = []
    body = seed.body
    if plan_id == "kh-btc-20-nam-chia-tach":
        # B.I.2: from "2.1. Năm 2023" to the next part (II. CÁC HOẠT ĐỘNG CHÀO MỪNG KỶ NIỆM).
        start = next(i for i, p in enumerate(body) if p.label == "2.1." and p.text.startswith("Năm 2023"))
        end = next(i for i in range(start, len(body)) if body[i].kind == "part")
        blocks = [*body[:start], _task_table(body[start:end]), *body[end:]]
    else:
        blocks = list(body)
    doc = CorpusDocument(plan_id=plan_id, kind_word=seed.kind_word, subject=seed.subject, rule=seed.rule,
                         blocks=blocks, footnotes=seed.footnotes, recipients=seed.recipients,
                         signer=_signer(seed.signer), **_header_facts(plan_id))  # type: ignore[arg-type]
    doc.numbering = _number_runs(blocks)
    return doc


# ---------------------------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------------------------

def _no_borders(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _cell_paragraph(cell, text: str, *, bold=False, italic=False, underline=False, size=None, align="center",
                    first=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    return paragraph


def _add_numbering(document, numbering: dict[int, tuple[str, bool]]) -> None:
    """One abstract numbering definition and one w:num per run (each restarts at 1): "%1." or "%1)"."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    element = document.part.numbering_part.element
    first_num = element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    for num_id, (fmt, bold) in sorted(numbering.items()):
        text = "%1." if fmt == "decimal" else "%1)"
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>'
            f'<w:rPr>{"<w:b/>" if bold else ""}</w:rPr></w:lvl></w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            element.append(abstract)
        element.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                 f'<w:abstractNumId w:val="{num_id}"/></w:num>'))


def _add_footnotes(document, footnotes: dict[int, str]) -> None:
    """A footnotes part (word/footnotes.xml) with Word's two separators and one footnote per entry."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:footnote>',
    ]
    for number, text in sorted(footnotes.items()):
        notes.append(
            f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> {html.escape(text, quote=False)}</w:t>'
            '</w:r></w:p></w:footnote>')
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{w}" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{"".join(notes)}'
            '</w:footnotes>').encode("utf-8")
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", blob,
                document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def _footnote_reference(paragraph, number: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="{number}"/></w:r>'))


def _set_numbering(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _merge_row(table, row_index: int, text: str) -> None:
    from docx.shared import Pt

    row = table.rows[row_index]
    merged = row.cells[0].merge(row.cells[-1])
    paragraph = merged.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    run.bold = True


def write_docx(doc: CorpusDocument, path: Path) -> Path:
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    properties = document.core_properties
    properties.title = doc.subject
    properties.author = "sotay tests"
    properties.last_modified_by = "sotay tests"
    properties.revision = 1
    from datetime import datetime
    properties.created = properties.modified = datetime(*FIXED_TIME)

    # The header: a borderless table, the issuer block left, the motto and the date line right.
    header = document.add_table(rows=1, cols=2)
    _no_borders(header)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    first = True
    if doc.superior:
        _cell_paragraph(left, doc.superior, size=13, first=True)
        first = False
    _cell_paragraph(left, doc.issuer, bold=True, size=13, first=first)
    if doc.system == "party":
        _cell_paragraph(left, "*")
    _cell_paragraph(left, doc.number_line, size=13)
    if doc.system == "party":
        _cell_paragraph(right, doc.motto[0], bold=True, underline=True, size=15, first=True)
    else:
        _cell_paragraph(right, doc.motto[0], bold=True, size=13, first=True)
        _cell_paragraph(right, doc.motto[1], bold=True, underline=True, size=14)
    _cell_paragraph(right, "")
    _cell_paragraph(right, doc.date_line, italic=True, size=14)

    def centred(text: str, *, bold: bool = True, size: float | None = None, before: float = 0) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(before)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)

    centred(doc.kind_word, size=15, before=18)
    centred(doc.subject)
    if doc.rule:
        centred("-----", bold=False)
    document.add_paragraph()

    for block in doc.blocks:
        if isinstance(block, TaskTable):
            _write_task_table(document, block)
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        text = block.text
        if block.numbering is not None:
            _set_numbering(paragraph, block.numbering)
            paragraph.paragraph_format.first_line_indent = None  # the numbering definition indents
        elif block.label:
            text = f"{block.label} {text}"
        run = paragraph.add_run(text)
        run.bold = block.bold or None
        if block.footnote is not None:
            _footnote_reference(paragraph, block.footnote)
    if doc.footnotes:
        _add_footnotes(document, doc.footnotes)
    if doc.numbering:
        _add_numbering(document, doc.numbering)

    # Nơi nhận (left, small) and the signer (right), side by side.
    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = closing.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    _cell_paragraph(left, "Nơi nhận:", bold=True, italic=True, size=12, align="left", first=True)
    for line in doc.recipients:
        _cell_paragraph(left, line, size=11, align="left")
    signer = doc.signer
    first = True
    if signer.authority:
        _cell_paragraph(right, signer.authority, bold=True, first=True)
        first = False
    _cell_paragraph(right, signer.title, bold=True, first=first)
    for _ in range(4):
        _cell_paragraph(right, "")
    for line in signer.below:
        _cell_paragraph(right, line, bold=True)
    _cell_paragraph(right, signer.name, bold=True)

    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    _fix_zip_times(path)
    return path


def _write_task_table(document, table_data: TaskTable) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    table = document.add_table(rows=1, cols=len(table_data.columns))
    table.style = document.styles["Table Grid"]
    widths = (Mm(12), Mm(58), Mm(35), Mm(35), Mm(25))
    for cell, title, width in zip(table.rows[0].cells, table_data.columns, widths):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(title)
        run.bold = True
        run.font.size = Pt(12)
    for row in table_data.rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths):
            cell.width = width
        if isinstance(row, str):
            _merge_row(table, len(table.rows) - 1, row)
            continue
        for cell, value, centre in zip(cells, (row.label, row.content, row.lead, row.support, row.when),
                                       (True, False, False, False, False)):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(value)
            run.font.size = Pt(12)
    document.add_paragraph()


def _fix_zip_times(path: Path) -> None:
    """Rewrite the .docx with a fixed time on every entry, so the same corpus is the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


# ---------------------------------------------------------------------------------------------------------------
# HTML, printed to PDF by Chromium
# ---------------------------------------------------------------------------------------------------------------

_CSS = """
@font-face { font-family: "Corpus Serif"; src: url("{fonts}/LiberationSerif-Regular.ttf"); }
@font-face { font-family: "Corpus Serif"; font-weight: 700; src: url("{fonts}/LiberationSerif-Bold.ttf"); }
@font-face { font-family: "Corpus Serif"; font-style: italic; src: url("{fonts}/LiberationSerif-Italic.ttf"); }
@font-face { font-family: "Corpus Serif"; font-weight: 700; font-style: italic;
             src: url("{fonts}/LiberationSerif-BoldItalic.ttf"); }
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font-family: "Corpus Serif"; font-size: 14pt; }
        @bottom-center { content: ""; } }
@page :first { @top-center { content: ""; } }
html { font-family: "Corpus Serif", serif; font-size: 14pt; line-height: 1.3; color: #000; }
body { margin: 0; }
table.header, table.closing { width: 100%; border-collapse: collapse; }
table.header td, table.closing td { vertical-align: top; padding: 0; }
table.header td { text-align: center; font-size: 13pt; }
table.header .motto-party { font-size: 15pt; font-weight: 700; text-decoration: underline; }
table.header .motto { font-weight: 700; }
table.header .motto2 { font-weight: 700; text-decoration: underline; font-size: 14pt; }
table.header .date { font-style: italic; font-size: 14pt; margin-top: 1em; }
table.header p, table.closing p { margin: 0; }
.kind { text-align: center; font-weight: 700; font-size: 15pt; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: 700; margin: 0; }
.rule { text-align: center; margin: 0 0 12pt; }
p.body { text-align: justify; text-indent: 10mm; margin: 0 0 6pt; }
p.body.bold { font-weight: 700; }
p.footnote { font-size: 10pt; text-align: justify; border-top: 0.5pt solid #000; width: 100%; margin: 6pt 0;
             padding-top: 2pt; }
table.tasks { width: 100%; border-collapse: collapse; font-size: 12pt; margin: 0 0 8pt; }
table.tasks th, table.tasks td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.tasks td.tt { text-align: center; }
table.tasks td.group { font-weight: 700; }
table.closing { margin-top: 12pt; page-break-inside: avoid; }
table.closing td.recipients { width: 52%; font-size: 11pt; }
table.closing td.recipients p.title { font-size: 12pt; font-weight: 700; font-style: italic; }
table.closing td.signer { text-align: center; font-weight: 700; }
table.closing .space { height: 70pt; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def render_html(doc: CorpusDocument) -> str:
    css = _CSS.replace("{fonts}", FONTS.as_uri())
    left = [f"<p>{_e(doc.superior)}</p>"] if doc.superior else []
    left.append(f"<p><b>{_e(doc.issuer)}</b></p>")
    if doc.system == "party":
        left.append("<p>*</p>")
    left.append(f"<p>{_e(doc.number_line)}</p>")
    if doc.system == "party":
        right = [f'<p class="motto-party">{_e(doc.motto[0])}</p>']
    else:
        right = [f'<p class="motto">{_e(doc.motto[0])}</p>', f'<p class="motto2">{_e(doc.motto[1])}</p>']
    right.append(f'<p class="date">{_e(doc.date_line) or "&nbsp;"}</p>')
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">', f"<title>{_e(doc.subject)}</title>",
        f"<style>{css}</style></head><body>",
        '<table class="header"><tr><td style="width:42%">' + "".join(left) + '</td><td>' + "".join(right)
        + "</td></tr></table>",
        f'<p class="kind">{_e(doc.kind_word)}</p>', f'<p class="subject">{_e(doc.subject)}</p>',
        '<p class="rule">-----</p>' if doc.rule else '<p class="rule">&nbsp;</p>',
    ]
    for block in doc.blocks:
        if isinstance(block, TaskTable):
            rows = ["<tr>" + "".join(f"<th>{_e(c)}</th>" for c in block.columns) + "</tr>"]
            for row in block.rows:
                if isinstance(row, str):
                    rows.append(f'<tr><td class="group" colspan="{len(block.columns)}">{_e(row)}</td></tr>')
                else:
                    rows.append(f'<tr><td class="tt">{_e(row.label)}</td><td>{_e(row.content)}</td>'
                                f"<td>{_e(row.lead)}</td><td>{_e(row.support)}</td><td>{_e(row.when)}</td></tr>")
            parts.append('<table class="tasks">' + "".join(rows) + "</table>")
            continue
        mark = f"<sup>{block.footnote}</sup>" if block.footnote is not None else ""
        css_class = "body bold" if block.bold else "body"
        parts.append(f'<p class="{css_class}">{_e(block.printed)}{mark}</p>')
        if block.footnote_text:
            number = next(n for n, text in doc.footnotes.items() if text == block.footnote_text)
            parts.append(f'<p class="footnote"><sup>{number}</sup> {_e(block.footnote_text)}</p>')
    recipients = ['<p class="title">Nơi nhận:</p>', *(f"<p>{_e(line)}</p>" for line in doc.recipients)]
    signer = doc.signer
    sign = ([f"<p>{_e(signer.authority)}</p>"] if signer.authority else []) + [f"<p>{_e(signer.title)}</p>",
                                                                               '<div class="space"></div>']
    sign += [f"<p>{_e(line)}</p>" for line in signer.below] + [f"<p>{_e(signer.name)}</p>"]
    parts.append('<table class="closing"><tr><td class="recipients">' + "".join(recipients)
                 + '</td><td class="signer">' + "".join(sign) + "</td></tr></table>")
    parts.append("</body></html>")
    return "\n".join(parts)


_PDF_DATE = re.compile(rb"\(D:\d{14}[^)]*\)")


def _fixed_pdf_dates(data: bytes) -> bytes:
    """The PDF with every metadata date replaced by the fixed one, padded to the same length."""
    def fixed(match: re.Match[bytes]) -> bytes:
        stamp = b"(D:%04d%02d%02d%02d%02d%02d" % FIXED_TIME
        original = match.group(0)
        body = stamp + original[len(stamp):-1]
        return body[: len(original) - 1] + b")"
    return _PDF_DATE.sub(fixed, data)


def print_pdfs(docs: list[CorpusDocument], folder: Path) -> dict[str, Path]:
    """Each document as HTML printed by Chromium (Playwright, A4) into folder/<plan id>.pdf."""
    from macros.outputs.pdf import launch_chromium

    folder.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="sotay-corpus-") as scratch, launch_chromium() as browser:
        page = browser.new_page()
        try:
            for doc in docs:
                source = Path(scratch) / f"{doc.plan_id}.html"
                source.write_text(render_html(doc), encoding="utf-8")
                page.goto(source.as_uri(), wait_until="load")
                page.evaluate("async () => { await document.fonts.ready; }")
                data = page.pdf(prefer_css_page_size=True, print_background=False)
                target = folder / f"{doc.plan_id}.pdf"
                target.write_bytes(_fixed_pdf_dates(data))
                found[doc.plan_id] = target
        finally:
            page.close()
    return found


# ---------------------------------------------------------------------------------------------------------------
# The corpus
# ---------------------------------------------------------------------------------------------------------------

def make_docx_corpus(folder: Path) -> dict[str, dict[str, Path]]:
    """folder/<plan id>.docx and folder/<plan id>.txt (the seed) for each seed; no browser needed."""
    folder.mkdir(parents=True, exist_ok=True)
    found: dict[str, dict[str, Path]] = {}
    for plan_id, seed in SEED_OF.items():
        txt = folder / f"{plan_id}.txt"
        shutil.copyfile(SEEDS / seed, txt)
        found[plan_id] = {"docx": write_docx(build(plan_id), folder / f"{plan_id}.docx"), "txt": txt}
    return found


def make_pdf_corpus(folder: Path) -> dict[str, Path]:
    """folder/<plan id>.pdf for each seed, printed by Chromium (/usr/bin/chromium; raises PdfError without it), in a
    thread of its own so that it works beside the browser tests' session browser."""
    from .sites import in_own_thread
    return in_own_thread(print_pdfs, [build(plan_id) for plan_id in SEED_OF], folder)


def make_corpus(folder: Path) -> dict[str, dict[str, Path]]:
    """The whole corpus: {plan id: {"docx": …, "pdf": …, "txt": …}}."""
    found = make_docx_corpus(folder)
    for plan_id, path in make_pdf_corpus(folder).items():
        found[plan_id]["pdf"] = path
    return found


if __name__ == "__main__":  # python -m tests.import_corpus FOLDER: write the corpus to look at
    import sys

    made = make_corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus"))
    for plan_id, files in made.items():
        print(plan_id, *(str(p) for p in files.values()))
