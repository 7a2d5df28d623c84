"""How good `sotay import` is: each seed document, as Word, PDF and text (tests/import_corpus.py), read
(`macros.core.importer.reading.read_file`) and recognised against the shipped data
(`macros.core.importer.recognise.recognise`), and the draft compared field by field with the hand-entered plan of
data/plans/. The benchmarks print the table (SOTAY_IMPORT_MISSES=1 also lists every value missed or wrong);
`test_import_reaches_the_target` holds the issue's target (every field group at least 90 % recall and precision on
each document, as Word and as text). The harness tests first check the comparison itself on the shipped plans.

What is compared, by field group:

- header: number, kind, issuer (the set of ids), date, place, title (the trích yếu);
- lineage: implements and based_on, each id one value;
- tasks: for each shipped task its text, its lead ids and support ids (each id one value) and its `when`;
- recipients: each "Nơi nhận" line (its `text`);
- signer: authority, title, extra_title (the line under the signature space), name.

Equal means: after NFC, whitespace collapsed, Markdown emphasis and list marks dropped, quotes and dashes unified,
tone marks placed one way ("hoà" = "hòa") and final ".", ";", "," and "./." dropped, the two texts are the same, or,
for texts (title, task text, recipient lines, signer lines, place), their rapidfuzz `fuzz.ratio` is at least 95 (the
shipped data corrects typing slips of the source: "Lai châu", "tiến tiến", "Văn hoá"/"Văn hóa"). Numbers are
compared without spaces, dates as dates ("30/5/2023" = "30/05/2023"), `when` as the project's fuzzy-date parser
renders it ("Quý II/2023" = "Quý II năm 2023"; when either cannot be read, as text, a final parenthetical remark
aside: the shipped data moved "(trong đó, dự kiến phần lễ 30’, …)" of B.III.1.4 into `notes`).

Counting, per field: a value is expected when the truth has one, produced when the draft has one, and correct when
both have it and they are equal. "chưa rõ" and a missing key count as no value: a draft that says "chưa rõ" where
the truth has a number loses recall, one that prints a number where the truth has none loses precision. For id
sets each id is a value. recall = correct / expected, precision = correct / produced.

The truth is the shipped plan, except where the file does not print what the data knows: the seeds (the .txt)
print no header block, so for text the number, date and place are expected unknown (171-KH/BTGTU's number and date
come from a district plan that cites it); the issuer stays expected, as every seed names itself in its opening or
closing sentence ("Ban Tuyên giáo Tỉnh ủy ban hành kế hoạch …"). The Word and PDF files print the shipped header.

Tasks are aligned before they are compared: a drafted task may stand for a shipped one only in the same printed
section (their `section` refs equal or one inside the other, "B.I.2.1" and "B.I.2.1.a"; a draft that uses no ref
the shipped data knows is aligned without sections, and the table says so), one to one, best text similarity
first (at least 60). The shipped data is edited in places, and the comparison allows for it rather than counting
the edits silently as misses:

- the shipped data splits one printed paragraph into two tasks (171-KH/BTGTU IV.7: the sentence "Triển khai cuộc
  thi ảnh …" is a task of its own): a shipped task left without a partner is aligned to a drafted task whose text
  contains it verbatim (a part of that paragraph), and its text counts as found; its units and time are compared
  with that drafted task's, which counts as produced once for each shipped task it stands for;
- fields the printed text does not give, filled in by the editor from elsewhere (EDITORIAL below: the task made
  from the closing paragraph of seed 002, the units of B.II.3 and of the Marathon, taken from section D; the three
  units the editor wrote for "lực lượng vũ trang" in D.1; the Cổng Thông tin điện tử tỉnh as support of
  171-KH/BTGTU IV.3), are left out of the counts and listed under the table. Readings of the printed words are
  kept in the counts even where an importer can hardly make them: 171-KH/BTGTU IV.6's third paragraph ("Khuyến
  khích các tập thể, cá nhân …") has the lead "các tổ chức, cá nhân có liên quan", not the units of the heading;
  seed 002's D.18 makes the Đài Truyền hình Việt Nam ("Đầu mối liên hệ với …") a support.

A shipped task's text is its `details` (the printed paragraph), or its `title` when it has no details (then the
title is the printed text, as for the a) - h) of B.I.2.1) or when the task carries its printed number (the title of
"1.4. Lễ kỷ niệm …" is its printed line, the details the programme printed under it): either may be found. A
drafted task's text is the better of its `details` and `title`.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

import pytest
import yaml

from . import import_corpus
from .import_corpus import PLAN_IDS
from .sites import ROOT

TARGET = 0.90  # the target, for every field group of every document
TEXT_RATIO = 95.0  # rapidfuzz fuzz.ratio at or above which two texts are the same
PAIR_RATIO = 60.0  # the least similarity at which a drafted task may stand for a shipped one
GROUPS = {
    "header": ("number", "kind", "issuer", "date", "place", "title"),
    "lineage": ("implements", "based_on"),
    "tasks": ("text", "lead", "support", "when"),
    "recipients": ("lines",),
    "signer": ("authority", "title", "extra_title", "name"),
}
# Fields the printed document does not give, filled in by the editor from elsewhere: (plan, task id or the start of
# its title, field) -> (why, the ids concerned or None for the whole field). None as the field: the whole task.
EDITORIAL: dict[tuple[str, str, str | None], tuple[str, frozenset[str] | None]] = {
    ("kh-btc-20-nam-chia-tach", "ket-gui-ke-hoach-du-toan", None):
        ("tách từ đoạn kết (\"Trên đây là Kế hoạch …\"), không nằm trong mục tổ chức thực hiện hay bảng nhiệm vụ",
         None),
    ("kh-btc-20-nam-chia-tach", "b-ii-3", "lead"): ("mục B.II.3 không ghi đơn vị; người biên tập lấy theo D.12", None),
    ("kh-btc-20-nam-chia-tach", "b-ii-3", "support"):
        ("mục B.II.3 không ghi đơn vị; người biên tập lấy theo D.15 và các cấp huyện, xã", None),
    ("kh-btc-20-nam-chia-tach", "b-ii-4-marathon", "lead"):
        ("mục B.II.4 không ghi đơn vị giải Marathon; người biên tập lấy theo D.1", None),
    ("kh-btc-20-nam-chia-tach", "d1-5", "support"):
        ("bản in ghi \"lực lượng vũ trang\"; người biên tập ghi ba đơn vị",
         frozenset({"cong-an-tinh", "bo-chi-huy-quan-su-tinh", "bo-chi-huy-bo-doi-bien-phong-tinh"})),
    ("171-kh-btgtu", "Tham mưu UBND tỉnh chỉ đạo triển khai", "support"):
        ("đoạn IV.3 không ghi \"phối hợp\"; Cổng Thông tin điện tử tỉnh là đơn vị được chỉ đạo", None),
}
# Header fields a file format does not print (see the module docstring).
UNPRINTED = {"txt": ("number", "date", "place")}


# ---------------------------------------------------------------------------------------------------------------
# Normalising and comparing
# ---------------------------------------------------------------------------------------------------------------

class _Unknown:
    def __repr__(self) -> str:
        return "—"


NONE = _Unknown()  # no value: missing, empty or "chưa rõ"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


def _is_none(value: Any) -> bool:
    if value is None or value is NONE:
        return True
    if isinstance(value, str):
        return not value.strip() or " ".join(value.split()).casefold() == "chưa rõ"
    if isinstance(value, (list, tuple, set, frozenset, dict)):
        return not value
    return False


def norm(text: Any) -> str:
    """The comparable form of a text (see the module docstring)."""
    from macros.core.vietnamese import normalize_tone_placement

    value = unicodedata.normalize("NFC", str(text)).translate(_QUOTES)
    value = re.sub(r"\*\*|__", "", value)
    value = re.sub(r"(?m)^\s*[-+*]\s+", "", value)
    value = value.replace("…", "...")
    value = " ".join(value.split())
    value = re.sub(r"(\./\.|[.;,])+$", "", value).strip()
    return normalize_tone_placement(value)


def same_text(a: Any, b: Any) -> bool:
    from rapidfuzz import fuzz

    x, y = norm(a), norm(b)
    return x == y or fuzz.ratio(x, y) >= TEXT_RATIO


def similarity(a: Any, b: Any) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(norm(a), norm(b))


def contains(whole: Any, part: Any) -> bool:
    """`part` appears verbatim (normalised) in `whole`, and is long enough to mean something."""
    p = norm(part)
    return len(p) >= 20 and p in norm(whole)


def _as_date(value: Any) -> Any:
    from macros.core.dates import parse_date

    if _is_none(value):
        return NONE
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except ValueError:
        return norm(value)


def _as_number(value: Any) -> Any:
    return NONE if _is_none(value) else "".join(unicodedata.normalize("NFC", str(value)).split()).upper()


def _ids(value: Any) -> frozenset[str]:
    if _is_none(value):
        return frozenset()
    if isinstance(value, str):
        return frozenset([value.strip()])
    found = set()
    for item in value:
        if isinstance(item, dict):
            item = item.get("id")
        if item:
            found.add(str(item).strip())
    return frozenset(found)


def _rendered_when(value: Any) -> str | None:
    from macros.core.dates import parse_fuzzy

    try:
        return parse_fuzzy(" ".join(str(value).split())).render()
    except ValueError:
        return None


def same_when(a: Any, b: Any) -> bool:
    ra, rb = _rendered_when(a), _rendered_when(b)
    if ra is not None and rb is not None:
        return ra == rb
    without = [re.sub(r"\s*\([^()]*\)\s*$", "", norm(x)) for x in (a, b)]
    return norm(a) == norm(b) or without[0] == norm(b) or without[1] == norm(a) or without[0] == without[1]


# ---------------------------------------------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------------------------------------------

@dataclass
class Count:
    expected: int = 0
    produced: int = 0
    correct: int = 0

    def __iadd__(self, other: "Count") -> "Count":
        self.expected += other.expected
        self.produced += other.produced
        self.correct += other.correct
        return self

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.produced if self.produced else None

    def cell(self) -> str:
        def pct(x: float | None) -> str:
            return "  -" if x is None else f"{x * 100:3.0f}"
        return f"{pct(self.recall)}/{pct(self.precision)}"


@dataclass
class Score:
    plan_id: str
    fmt: str
    fields: dict[tuple[str, str], Count] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)  # what was not found or not right, for reading the table
    excluded: list[str] = field(default_factory=list)  # EDITORIAL entries applied
    tasks: dict[str, int] = field(default_factory=dict)  # shipped, drafted, aligned, parts, unaligned drafted
    sections_used: bool = True
    seconds: float = 0.0

    def count(self, group: str, name: str) -> Count:
        return self.fields.setdefault((group, name), Count())

    def group(self, group: str) -> Count:
        total = Count()
        for name in GROUPS[group]:
            total += self.fields.get((group, name), Count())
        return total

    def value(self, group: str, name: str, truth: Any, drafted: Any, equal: Callable[[Any, Any], bool],
              what: str = "") -> None:
        count = self.count(group, name)
        has_truth, has_draft = not _is_none(truth), not _is_none(drafted)
        count.expected += has_truth
        count.produced += has_draft
        if has_truth and has_draft and equal(truth, drafted):
            count.correct += 1
        elif has_truth or has_draft:
            self.misses.append(f"{group}.{name}{what}: expected {_show(truth)}, drafted {_show(drafted)}")

    def id_set(self, group: str, name: str, truth: frozenset[str], drafted: frozenset[str], what: str = "") -> None:
        count = self.count(group, name)
        count.expected += len(truth)
        count.produced += len(drafted)
        count.correct += len(truth & drafted)
        if truth != drafted:
            self.misses.append(f"{group}.{name}{what}: missing {sorted(truth - drafted)}, "
                               f"extra {sorted(drafted - truth)}")


def _show(value: Any) -> str:
    if _is_none(value):
        return "—"
    text = " ".join(str(value).split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


# ---------------------------------------------------------------------------------------------------------------
# The truth, and comparing a draft with it
# ---------------------------------------------------------------------------------------------------------------

def shipped_record(plan_id: str) -> dict[str, Any]:
    """The shipped plan as its data file reads (the format of `Draft.record`)."""
    with open(ROOT / "data" / "plans" / f"{plan_id}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def truth_record(plan_id: str, fmt: str) -> dict[str, Any]:
    """What a perfect draft of the file `fmt` holds: the shipped plan, less what the file does not print."""
    record = dict(shipped_record(plan_id))
    for name in UNPRINTED.get(fmt, ()):
        record.pop(name, None)
    return record


@dataclass
class _Task:
    index: int
    key: str  # id, or the start of the title
    text: str
    title: str
    details: str
    lead: frozenset[str]
    support: frozenset[str]
    when: Any
    section: str | None
    label: str | None = None

    @property
    def printed(self) -> list[str]:
        """The texts of a shipped task that are printed: its details, and its title when the task carries its
        printed number (the title of "1.4. Lễ kỷ niệm …" is the printed line, its details the programme under it)."""
        return [t for t in (self.details, self.title if self.label or not self.details else "") if t]


def _tasks(record: dict[str, Any]) -> list[_Task]:
    found = []
    for index, task in enumerate(record.get("tasks") or []):
        if not isinstance(task, dict):
            continue
        title = str(task.get("title") or "")
        details = str(task.get("details") or "")
        found.append(_Task(index, str(task.get("id") or title), details or title, title, details,
                           _ids(task.get("lead")), _ids(task.get("support")), task.get("when"),
                           str(task["section"]) if task.get("section") else None,
                           str(task["label"]) if task.get("label") else None))
    return found


def _editorial(plan_id: str, task: _Task, name: str | None) -> tuple[str, frozenset[str] | None] | None:
    for (plan, key, field_name), found in EDITORIAL.items():
        if plan == plan_id and field_name == name and (task.key == key or task.title.startswith(key)):
            return found
    return None


def _section_parts(ref: str | None) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[.\s]+", (ref or "").strip()) if p)


def _compatible(a: str | None, b: str | None) -> bool:
    x, y = _section_parts(a), _section_parts(b)
    n = min(len(x), len(y))
    return n > 0 and x[:n] == y[:n]


def _drafted_texts(drafted: _Task) -> list[str]:
    return [t for t in (drafted.details, drafted.title) if t]


def _contained(shipped: _Task, drafted: _Task) -> bool:
    return any(contains(d, s) for s in shipped.printed for d in _drafted_texts(drafted))


def _text_found(shipped: _Task, drafted: _Task) -> bool:
    return _contained(shipped, drafted) or any(same_text(s, d) for s in shipped.printed
                                               for d in _drafted_texts(drafted))


def _pair_score(shipped: _Task, drafted: _Task) -> float:
    if _contained(shipped, drafted):
        return 100.0
    return max([similarity(s, d) for s in shipped.printed for d in _drafted_texts(drafted)] or [0.0])


def align(shipped: list[_Task], drafted: list[_Task], use_sections: bool) -> list[tuple[_Task, _Task, bool]]:
    """(shipped, drafted, is a part) pairs: one to one by best similarity within a section, then shipped tasks
    left over to a drafted task that contains their text."""
    candidates = []
    for s in shipped:
        for d in drafted:
            if use_sections and s.section and d.section and not _compatible(s.section, d.section):
                continue
            score = _pair_score(s, d)
            if score >= PAIR_RATIO:
                distance = abs(s.index / max(len(shipped), 1) - d.index / max(len(drafted), 1))
                candidates.append((-score, distance, s.index, d.index, s, d))
    candidates.sort(key=lambda c: c[:4])
    pairs: list[tuple[_Task, _Task, bool]] = []
    used_s: set[int] = set()
    used_d: set[int] = set()
    for _, _, si, di, s, d in candidates:
        if si not in used_s and di not in used_d:
            pairs.append((s, d, False))
            used_s.add(si)
            used_d.add(di)
    for s in shipped:
        if s.index in used_s:
            continue
        for d in drafted:
            if use_sections and s.section and d.section and not _compatible(s.section, d.section):
                continue
            if _contained(s, d):
                pairs.append((s, d, True))
                used_s.add(s.index)
                break
    return pairs


def evaluate(plan_id: str, fmt: str, drafted: dict[str, Any]) -> Score:
    """The draft of `plan_id` read from its `fmt` file, compared with the truth field by field."""
    truth = truth_record(plan_id, fmt)
    score = Score(plan_id, fmt)

    # Header
    score.value("header", "number", _as_number(truth.get("number")), _as_number(drafted.get("number")),
                lambda a, b: a == b)
    score.value("header", "kind", truth.get("kind"), drafted.get("kind"),
                lambda a, b: norm(a).upper() == norm(b).upper())
    score.value("header", "issuer", _ids(truth.get("issuer")), _ids(drafted.get("issuer")), lambda a, b: a == b)
    score.value("header", "date", _as_date(truth.get("date")), _as_date(drafted.get("date")), lambda a, b: a == b)
    score.value("header", "place", truth.get("place"), drafted.get("place"), same_text)
    score.value("header", "title", truth.get("title"), drafted.get("title"), same_text)

    # Lineage
    for name in GROUPS["lineage"]:
        score.id_set("lineage", name, _ids(truth.get(name)), _ids(drafted.get(name)))

    # Tasks
    shipped_tasks, drafted_tasks = _tasks(truth), _tasks(drafted)
    excluded = {t.index for t in shipped_tasks if _editorial(plan_id, t, None)}
    score.excluded += [f"{t.key}: {_editorial(plan_id, t, None)[0]}" for t in shipped_tasks if t.index in excluded]
    shipped_refs = {t.section for t in shipped_tasks if t.section}
    score.sections_used = any(any(_compatible(d.section, r) for r in shipped_refs) for d in drafted_tasks
                              if d.section)
    # Excluded shipped tasks take part in the alignment, so that a drafted task standing for one is not counted as
    # an invention; their pairs are not counted at all.
    pairs = align(shipped_tasks, drafted_tasks, score.sections_used)
    partner = {s.index: (d, part) for s, d, part in pairs}
    paired_drafts = {d.index for _, d, _ in pairs}
    for s in shipped_tasks:
        if s.index in excluded:
            continue
        what = f" [{s.section or '?'} {s.key[:40]}]"
        if s.index not in partner:
            score.value("tasks", "text", s.text, None, same_text, what)
            score.id_set("tasks", "lead", s.lead, frozenset(), what)
            score.id_set("tasks", "support", s.support, frozenset(), what)
            score.value("tasks", "when", s.when, None, same_when, what)
            continue
        d, part = partner[s.index]
        text_ok = part or _text_found(s, d)
        score.value("tasks", "text", s.text, d.details or d.title, lambda a, b: text_ok, what)
        for name in ("lead", "support"):
            truth_ids, drafted_ids = getattr(s, name), getattr(d, name)
            editorial = _editorial(plan_id, s, name)
            if editorial:
                reason, ids = editorial
                score.excluded.append(f"{s.key} {name}{' ' + ', '.join(sorted(ids)) if ids else ''}: {reason}")
                if ids is None:
                    continue
                truth_ids, drafted_ids = truth_ids - ids, drafted_ids - ids
            score.id_set("tasks", name, truth_ids, drafted_ids, what)
        score.value("tasks", "when", s.when, d.when, same_when, what)
    for d in drafted_tasks:
        if d.index not in paired_drafts:
            what = f" [drafted, not aligned: {d.section or '?'} {d.text[:40]!r}]"
            score.value("tasks", "text", None, d.text, same_text, what)
            score.id_set("tasks", "lead", frozenset(), d.lead, what)
            score.id_set("tasks", "support", frozenset(), d.support, what)
            score.value("tasks", "when", None, d.when, same_when, what)
    score.tasks = {"shipped": len(shipped_tasks), "drafted": len(drafted_tasks),
                   "aligned": sum(1 for *_, part in pairs if not part), "parts": sum(1 for *_, part in pairs if part),
                   "unaligned drafts": len(drafted_tasks) - len(paired_drafts)}

    # Recipients: each line, one to one, best first.
    def lines(record: dict[str, Any]) -> list[str]:
        found = []
        for item in record.get("recipients") or []:
            text = item.get("text") if isinstance(item, dict) else item
            if not _is_none(text):
                found.append(str(text))
        return found
    expected, produced = lines(truth), lines(drafted)
    count = score.count("recipients", "lines")
    count.expected += len(expected)
    count.produced += len(produced)
    ranked = sorted(((similarity(e, p), i, j) for i, e in enumerate(expected) for j, p in enumerate(produced)),
                    reverse=True)
    used_e: set[int] = set()
    used_p: set[int] = set()
    for ratio, i, j in ranked:
        if i in used_e or j in used_p or not same_text(expected[i], produced[j]):
            continue
        used_e.add(i)
        used_p.add(j)
        count.correct += 1
    for i, e in enumerate(expected):
        if i not in used_e:
            score.misses.append(f"recipients: not found {_show(e)}")
    for j, p in enumerate(produced):
        if j not in used_p:
            score.misses.append(f"recipients: not in the document {_show(p)}")

    # Signer
    truth_signer = truth.get("signer") or {}
    drafted_signer = drafted.get("signer") or {}
    if not isinstance(drafted_signer, dict):
        drafted_signer = {}
    for name in GROUPS["signer"]:
        score.value("signer", name, truth_signer.get(name), drafted_signer.get(name), same_text)
    return score


# ---------------------------------------------------------------------------------------------------------------
# Running the importer, and the table
# ---------------------------------------------------------------------------------------------------------------

IMPORTER_FILES = ("macros/core/importer/reading.py", "macros/core/importer/recognise.py")


def importer() -> tuple[Callable[[Path], Any], Callable[..., Any]]:
    """(read_file, recognise), or the test fails saying which part of the importer is missing."""
    missing = [name for name in IMPORTER_FILES if not (ROOT / name).exists()]
    if missing:
        pytest.fail(f"the importer is not there yet: {', '.join(missing)} missing", pytrace=False)
    from macros.core.importer.reading import read_file
    from macros.core.importer.recognise import recognise
    return read_file, recognise


def run(plan_id: str, fmt: str, path: Path, dataset: Any) -> Score:
    read_file, recognise = importer()
    started = time.perf_counter()
    source = read_file(path)
    draft = recognise(source, dataset)
    seconds = time.perf_counter() - started
    score = evaluate(plan_id, fmt, draft.record)
    score.seconds = seconds
    return score


def table(scores: Iterable[Score], details: bool = True) -> str:
    """The figures as text: recall/precision in per cent by field group, then by field, then the tasks' alignment,
    the editorial exclusions and the time each import took."""
    scores = list(scores)
    lines = ["sotay import accuracy, recall/precision in % (a field group: all its fields' values together)"]
    head = f"{'document':40} {'format':6} " + " ".join(f"{g:>10}" for g in GROUPS) + f" {'seconds':>8}"
    lines += [head, "-" * len(head)]
    for s in scores:
        lines.append(f"{s.plan_id:40} {s.fmt:6} " + " ".join(f"{s.group(g).cell():>10}" for g in GROUPS)
                     + f" {s.seconds:8.2f}")
    if details:
        lines += ["", "by field (correct/expected/produced):"]
        names = [(g, n) for g in GROUPS for n in GROUPS[g]]
        lines.append(f"{'field':22} " + " ".join(f"{s.plan_id[:14] + ' ' + s.fmt:>22}" for s in scores))
        for g, n in names:
            cells = []
            for s in scores:
                c = s.fields.get((g, n), Count())
                cells.append(f"{c.correct}/{c.expected}/{c.produced} {c.cell()}")
            lines.append(f"{g + '.' + n:22} " + " ".join(f"{cell:>22}" for cell in cells))
        lines += ["", "tasks aligned:"]
        for s in scores:
            note = "" if s.sections_used else " (the draft's section refs match none of the data's: aligned without)"
            lines.append(f"  {s.plan_id} {s.fmt}: " + ", ".join(f"{k} {v}" for k, v in s.tasks.items()) + note)
        excluded = sorted({f"{s.plan_id}: {e}" for s in scores for e in s.excluded})
        if excluded:
            lines += ["", "left out of the counts (the shipped data's own additions, see EDITORIAL):"]
            lines += [f"  {e}" for e in excluded]
    return "\n".join(lines)


def misses(scores: Iterable[Score], limit: int = 400) -> str:
    found = [f"  {s.plan_id} {s.fmt}: {m}" for s in scores for m in s.misses]
    return "\n".join(found[:limit] + ([f"  … {len(found) - limit} more"] if len(found) > limit else []))


def below_target(scores: Iterable[Score]) -> list[str]:
    found = []
    for s in scores:
        for g in GROUPS:
            c = s.group(g)
            for what, value in (("recall", c.recall), ("precision", c.precision)):
                if value is not None and value < TARGET:
                    found.append(f"{s.plan_id} {s.fmt} {g} {what} {value * 100:.0f}%")
                elif value is None and c.expected:
                    found.append(f"{s.plan_id} {s.fmt} {g} {what}: nothing drafted")
    return found


# ---------------------------------------------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------------------------------------------

_CORPUS_SECONDS: dict[str, float] = {}  # how long making each part of the corpus took, for the benchmarks' notes


@pytest.fixture(scope="module")
def docx_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    started = time.perf_counter()
    made = import_corpus.make_docx_corpus(tmp_path_factory.mktemp("import-corpus"))
    _CORPUS_SECONDS["docx"] = time.perf_counter() - started
    return made


@pytest.fixture(scope="module")
def pdf_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not Path("/usr/bin/chromium").exists():
        message = "/usr/bin/chromium is missing: install Debian's package chromium (./setup.sh test does)"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI=true: the browser tests must run)", pytrace=False)
        pytest.skip(message)
    started = time.perf_counter()
    made = import_corpus.make_pdf_corpus(tmp_path_factory.mktemp("import-corpus-pdf"))
    _CORPUS_SECONDS["pdf"] = time.perf_counter() - started
    return made


@pytest.fixture(scope="module")
def docx_txt_scores(docx_corpus, shipped_dataset) -> list[Score]:
    """The importer on the Word and text files, run once for the module."""
    return [run(plan_id, fmt, docx_corpus[plan_id][fmt], shipped_dataset)
            for plan_id in PLAN_IDS for fmt in ("docx", "txt")]


# ---------------------------------------------------------------------------------------------------------------
# The harness itself (fast, no importer needed)
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("plan_id", PLAN_IDS)
@pytest.mark.parametrize("fmt", ("docx", "pdf"))
def test_the_shipped_plan_scores_as_perfect(plan_id: str, fmt: str) -> None:
    """The harness itself: the shipped plan, as a draft of a file that prints its header, finds everything."""
    score = evaluate(plan_id, fmt, shipped_record(plan_id))
    assert not score.misses
    for g in GROUPS:
        c = score.group(g)
        assert c.expected > 0, g
        assert c.recall in (None, 1.0) and c.precision in (None, 1.0), (g, c)
    assert score.tasks["unaligned drafts"] == 0


def test_text_truth_expects_no_header_values() -> None:
    """The seeds print no number, date or place: the shipped plan as a draft of the text invents them."""
    score = evaluate("171-kh-btgtu", "txt", shipped_record("171-kh-btgtu"))
    for name in ("number", "date", "place"):
        c = score.count("header", name)
        assert (c.expected, c.produced, c.correct) == (0, 1, 0), name
    assert score.count("header", "title").correct == 1


def test_misses_are_counted() -> None:
    record = shipped_record("kh-btc-20-nam-chia-tach")
    record["tasks"] = [dict(t) for t in record["tasks"]]
    total = len(record["tasks"]) - 1  # less the editorial task
    dropped = next(t for t in record["tasks"] if t.get("id") == "d8")
    record["tasks"].remove(dropped)
    changed = next(t for t in record["tasks"] if t.get("id") == "b-i-2-1-c")
    changed["lead"] = ["bao-lai-chau"]  # was dai-phat-thanh-truyen-hinh-tinh
    record["tasks"].append({"title": "Một nhiệm vụ không có trong văn bản", "lead": ["so-y-te"], "section": "D.8"})
    record["recipients"] = [*record["recipients"], {"text": "Báo Lai Châu"}]
    record["number"] = "06-KH/BTC"
    record["implements"] = ["11-ct-tu"]
    score = evaluate("kh-btc-20-nam-chia-tach", "docx", record)
    texts = score.count("tasks", "text")
    assert (texts.expected, texts.produced, texts.correct) == (total, total, total - 1)
    leads = score.count("tasks", "lead")
    lead_ids = sum(len(_ids(t.get("lead"))) for t in shipped_record("kh-btc-20-nam-chia-tach")["tasks"]
                   if t.get("id") != "ket-gui-ke-hoach-du-toan") - 2  # less b-ii-3's and the Marathon's
    # d8's lead lost, b-i-2-1-c's lead wrong (one missing, one extra), the added task's lead extra
    assert (leads.expected, leads.correct) == (lead_ids, lead_ids - 2)
    assert leads.produced == lead_ids - 1 + 1
    assert score.count("recipients", "lines").produced == score.count("recipients", "lines").correct + 1
    number = score.count("header", "number")
    assert (number.expected, number.produced, number.correct) == (0, 1, 0)
    implements = score.count("lineage", "implements")
    assert (implements.expected, implements.produced, implements.correct) == (2, 1, 1)


def test_a_paragraph_the_data_splits_counts_for_both_tasks() -> None:
    """171-KH/BTGTU IV.7 is one printed paragraph, two shipped tasks: a draft with the one paragraph finds both."""
    record = shipped_record("171-kh-btgtu")
    tasks = [dict(t) for t in record["tasks"]]
    first = next(i for i, t in enumerate(tasks) if t["section"] == "IV.7")
    merged = dict(tasks[first])
    merged["details"] = tasks[first]["details"].strip() + " " + tasks[first + 1]["details"].strip()
    record["tasks"] = tasks[:first] + [merged] + tasks[first + 2:]
    score = evaluate("171-kh-btgtu", "docx", record)
    texts = score.count("tasks", "text")
    assert texts.correct == texts.expected == len(tasks)
    assert score.tasks["parts"] == 1
    assert score.group("tasks").recall == 1.0


def test_the_word_corpus(docx_corpus: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    """The Word files are the same bytes each time, and laid out as real documents: the header table, bold
    headings, Word's own numbering, the footnote, seed 002's task table, Nơi nhận and the signer."""
    import docx

    again = import_corpus.make_docx_corpus(tmp_path)
    for plan_id in PLAN_IDS:
        assert again[plan_id]["docx"].read_bytes() == docx_corpus[plan_id]["docx"].read_bytes()
        assert again[plan_id]["txt"].read_bytes() == (import_corpus.SEEDS / import_corpus.SEED_OF[plan_id]).read_bytes()
    document = docx.Document(str(docx_corpus["171-kh-btgtu"]["docx"]))
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert left.split("\n") == ["TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "*", "Số 171-KH/BTGTU"]
    assert right.split("\n") == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Lai Châu, ngày 30 tháng 5 năm 2023"]
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [p.text for p in numbered][:3] == ["Ban Tuyên giáo Tỉnh uỷ", "Các huyện ủy, thành ủy, đảng ủy trực thuộc, "
                                              "Đảng đoàn Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh, Ban "
                                              "Thường vụ Tỉnh đoàn", "Văn phòng UBND tỉnh"]
    assert all(run.bold for p in numbered for run in p.runs)
    heading = next(p for p in document.paragraphs if p.text == "I- MỤC ĐÍCH, YÊU CẦU")
    assert heading.runs[0].bold
    closing = document.tables[-1]
    recipients, signer = (cell.text.split("\n") for cell in closing.rows[0].cells)
    assert recipients[0] == "Nơi nhận:" and recipients[-1] == "- Lưu."
    assert signer[0] == "TRƯỞNG BAN" and signer[-1] == "Lê Đức Dục"

    btc = docx.Document(str(docx_corpus["kh-btc-20-nam-chia-tach"]["docx"]))
    left = btc.tables[0].rows[0].cells[0].text.split("\n")
    assert left[0] == "UBND TỈNH LAI CHÂU" and left[-1] == "Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/KH-BTC"
    assert btc.tables[0].rows[0].cells[1].text.split("\n")[-1] == ""  # no date in the data: an empty date line
    tasks = btc.tables[1]
    assert [c.text for c in tasks.rows[0].cells] == ["TT", "Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp",
                                                     "Thời gian"]
    assert [c.text for c in tasks.rows[2].cells][2:] == ["Ban Tuyên giáo Tỉnh ủy", "Các đơn vị có liên quan",
                                                       "Quý II năm 2023"]
    assert len(tasks.rows) == 1 + 1 + 7 + 1 + 1
    signer = btc.tables[-1].rows[0].cells[1].text.split("\n")
    assert [line for line in signer if line] == ["TM. BAN TỔ CHỨC", "PHÓ TRƯỞNG BAN", "PHÓ CHỦ TỊCH UBND TỈNH",
                                                 "Tống Thanh Hải"]
    with __import__("zipfile").ZipFile(docx_corpus["kh-svhttdl-tuyen-truyen-dai-hoi-2025"]["docx"]) as archive:
        assert "Kết luận số 121-KL/TW" in archive.read("word/footnotes.xml").decode("utf-8")
        assert 'w:footnoteReference w:id="1"' in archive.read("word/document.xml").decode("utf-8")


@pytest.mark.browser
def test_the_pdf_corpus(pdf_corpus: dict[str, Path]) -> None:
    """The PDFs: A4, a text layer with the header, the task table and the closing as the Word files have them."""
    from pypdf import PdfReader

    for plan_id, path in pdf_corpus.items():
        reader = PdfReader(str(path))
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), plan_id
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert "KẾ HOẠCH" in text and "Nơi nhận:" in text, plan_id
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf_corpus["kh-btc-20-nam-chia-tach"])).pages)
    for line in ("UBND TỈNH LAI CHÂU", "/KH-BTC", "Đơn vị phối", "2.1. Năm 2023", "PHÓ CHỦ TỊCH UBND TỈNH"):
        assert line in text
    text = PdfReader(str(pdf_corpus["171-kh-btgtu"])).pages[0].extract_text()
    for line in ("TỈNH ỦY LAI CHÂU", "BAN TUYÊN GIÁO", "Số 171-KH/BTGTU", "Lai Châu, ngày 30 tháng 5 năm 2023"):
        assert line in text


# ---------------------------------------------------------------------------------------------------------------
# The importer: the target, and the benchmarks that print the table
# ---------------------------------------------------------------------------------------------------------------

def test_import_reaches_the_target(docx_txt_scores: list[Score]) -> None:
    """The issue's target: every field group at least 90 % recall and precision on each document, as Word and as
    text."""
    failed = below_target(docx_txt_scores)
    if failed:
        pytest.fail("below the target of 90 %:\n  " + "\n  ".join(failed) + "\n\n" + table(docx_txt_scores)
                    + "\n\nwhat was missed:\n" + misses(docx_txt_scores, 120), pytrace=False)


@pytest.mark.benchmark
def test_benchmark_import_accuracy(docx_txt_scores: list[Score], capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print("\n[benchmark] " + table(docx_txt_scores))
        if "docx" in _CORPUS_SECONDS:
            print(f"[benchmark] the Word corpus (3 documents, python-docx) made in {_CORPUS_SECONDS['docx']:.2f} s")
        if os.environ.get("SOTAY_IMPORT_MISSES"):
            print("\nwhat was missed:\n" + misses(docx_txt_scores))


@pytest.mark.benchmark
@pytest.mark.browser
def test_benchmark_import_accuracy_pdf(pdf_corpus: dict[str, Path], shipped_dataset,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    scores = [run(plan_id, "pdf", pdf_corpus[plan_id], shipped_dataset) for plan_id in PLAN_IDS]
    with capsys.disabled():
        print("\n[benchmark] " + table(scores))
        print(f"[benchmark] the PDF corpus (3 documents, Chromium) printed in {_CORPUS_SECONDS.get('pdf', 0):.2f} s")
        if os.environ.get("SOTAY_IMPORT_MISSES"):
            print("\nwhat was missed:\n" + misses(scores))
