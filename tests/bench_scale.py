"""The scale benchmark (on demand, never in CI): how building the handbook grows with the number of pages, and what
it costs over a plain MkDocs + Material site holding the same text.

For each size N it

1. generates a project of about N built pages in a temporary folder: the shipped docs/, overrides/, mkdocs.yml and
   data/, plus generated organisations, cited documents, plans with tasks, milestones, events and outlines, in
   roughly the page mix of the shipped site. Their text is drawn, word by word, from the vocabulary of the real
   Vietnamese texts (tests/seeds/ and the shipped data/) with the words' own frequencies, so the search index grows
   as it would with real data. Generation is seeded: the same N and the same shipped data give the same files;
2. times `sotay check` on that data, then `mkdocs build` of it (SOTAY_PDF off, the offline zip as configured) in a
   subprocess, and measures its wall and CPU time (CPU time is the steadier figure on a busy machine), its peak RSS,
   the site, its pages, the search index and the offline zip;
3. writes the main content of every built page as plain Markdown into a plain MkDocs + Material project (no macros,
   no hooks, no sotay plugin; Material's own search; the same nav and features) and builds and measures it the
   same way;
4. with --repeat R, builds both R times, alternately (handbook, plain, handbook, …, each into an emptied folder),
   and reports the build whose wall time is the median of each, with every run's time beside it: one run of a
   build on a shared machine can be a fifth slower than the next;
5. prints one table. It asserts nothing.

    .venv/bin/python -m tests.bench_scale --pages 1000 --pages 5000
    .venv/bin/python -m tests.bench_scale --pages 1000 --keep /tmp/bench   # keep the projects and sites
    .venv/bin/python -m tests.bench_scale --pages 1000 --pages 5000 --repeat 3   # the median of three builds

The same run from pytest (marked `benchmark` and `site`; skipped unless SOTAY_BENCH_PAGES is set):

    SOTAY_BENCH_PAGES=1000,5000 .venv/bin/python -m pytest -q -s tests/test_benchmarks.py -k scale
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
SEED = 20240501
BUILD_DATE = "2024-05-01"
# Pages of the shipped site by URL section (a shipped build at 2024-05-01: 76 don-vi, 20 van-ban, 12 su-kien,
# 12 tai-lieu-chi-bo, 7 de-cuong, 4 ke-hoach of 153); each event has two pages (su-kien, tai-lieu-chi-bo).
PAGE_MIX = {"organisation": 0.50, "document": 0.13, "event": 0.08, "outline": 0.05, "plan": 0.03}
PAGES_PER_RECORD = {"organisation": 1, "document": 1, "event": 2, "outline": 1, "plan": 1}
SHIPPED_PAGES = 153  # the shipped site's pages, which every generated project keeps
ISSUER = "ban-tuyen-giao-tinh-uy"  # symbol BTGTU, active until 28/02/2025: issues the generated documents and plans
BUILD_ENV = {"SOTAY_PDF": "0", "SOTAY_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "true"}
WORD_RE = re.compile(r"[^\W\d_]+")
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ROMAN_RE = re.compile(r"[ivxlc]+")  # section numbers (II, IV), not words
SINGLE_LETTER_WORDS = set("àáạảãèéẹẻẽìíịỉĩòóọỏõùúụủũyỳýỵỷỹ")


# ---------------------------------------------------------------------------------------------------------------
# Vocabulary and text
# ---------------------------------------------------------------------------------------------------------------

def _strings(value: Any) -> Iterator[str]:
    """The text values of a YAML document (not its keys, nor the ids that records refer to each other by)."""
    if isinstance(value, str):
        if not ID_RE.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def vocabulary() -> Counter[str]:
    """Words of the real Vietnamese texts (tests/seeds/, the text values of data/), lower-cased, NFC, counted."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    for path in sorted((ROOT / "data").rglob("*.yml")):
        texts += list(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    words: Counter[str] = Counter()
    for text in texts:
        words.update(word for word in (w.lower() for w in WORD_RE.findall(unicodedata.normalize("NFC", text)))
                     if not ROMAN_RE.fullmatch(word) and (len(word) > 1 or word in SINGLE_LETTER_WORDS))
    return words


class Writer:
    """Seeded Vietnamese-looking text: words drawn from the vocabulary with their frequencies."""

    def __init__(self, words: Counter[str], seed: int) -> None:
        self.random = random.Random(seed)
        self.words = sorted(words)
        self.cumulative: list[int] = []
        total = 0
        for word in self.words:
            total += words[word]
            self.cumulative.append(total)

    def draw(self, count: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=count)

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.draw(self.random.randint(low, high)))

    def title(self, low: int = 5, high: int = 14) -> str:
        text = self.phrase(low, high)
        return text[:1].upper() + text[1:]

    def name(self, low: int = 2, high: int = 3) -> str:
        return " ".join(word.capitalize() for word in self.draw(self.random.randint(low, high)))

    def sentence(self) -> str:
        clauses = [self.phrase(4, 12) for _ in range(self.random.randint(1, 3))]
        text = ", ".join(clauses)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, low: int = 2, high: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(low, high)))

    def paragraphs(self, low: int = 1, high: int = 3) -> str:
        return "\n\n".join(self.paragraph() for _ in range(self.random.randint(low, high))) + "\n"

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.random.randint(0, (last - first).days))


def written(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


# ---------------------------------------------------------------------------------------------------------------
# Generated data
# ---------------------------------------------------------------------------------------------------------------

ORG_KINDS = [  # (name prefix, level, sector)
    ("Ủy ban nhân dân xã", "xa", "nha-nuoc"), ("Đảng ủy xã", "xa", "dang"), ("Hội Nông dân xã", "xa",
    "mat-tran-doan-the"), ("Đoàn Thanh niên xã", "xa", "mat-tran-doan-the"), ("Trường Trung học cơ sở", "xa",
    "su-nghiep"), ("Trạm Y tế xã", "xa", "su-nghiep"), ("Chi bộ thôn", "co-so", "dang"), ("Ban Tuyên giáo Đảng ủy xã",
    "xa", "dang"), ("Trung tâm Văn hóa", "tinh", "su-nghiep"), ("Hội Cựu chiến binh xã", "xa", "mat-tran-doan-the")]
DOCUMENT_KINDS = ("HD", "TB", "BC", "CV", "CTr")
FILE_RECORDS = 400  # organisations or documents a file
FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2024, 12, 31)  # the issuer's documents, within its lifetime


@dataclass
class Counts:
    """How many records of each kind to generate."""

    organisation: int
    document: int
    event: int
    outline: int
    plan: int

    @classmethod
    def for_pages(cls, pages: int) -> "Counts":
        """The records that add about `pages - SHIPPED_PAGES` pages in the shipped site's mix."""
        extra = max(pages - SHIPPED_PAGES, 0)
        total = sum(PAGE_MIX.values())
        return cls(**{kind: max(1, round(extra * share / total / PAGES_PER_RECORD[kind]))
                      for kind, share in PAGE_MIX.items()})


def _dump(path: Path, schema: str, record: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(f"# yaml-language-server: $schema={schema}\n# Sinh tự động cho phép đo hiệu năng.\n{text}",
                    encoding="utf-8")


def _dump_lists(folder: Path, schema: str, records: list[dict[str, Any]]) -> None:
    """Lists of records, FILE_RECORDS a file: the checker refuses a file of more than 20,000 values."""
    for start in range(0, len(records), FILE_RECORDS):
        _dump(folder / f"bench-{start // FILE_RECORDS:03d}.yml", schema, records[start:start + FILE_RECORDS])


@dataclass
class Generated:
    """The ids of the generated records that others refer to."""

    organisations: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


def generate_data(data: Path, pages: int, words: Counter[str]) -> Counts:
    """Add the generated records for about `pages` built pages to `data` (a copy of the shipped data)."""
    counts = Counts.for_pages(pages)
    write = Writer(words, SEED + pages)
    ids = Generated(organisations=[f"don-vi-{i:05d}" for i in range(counts.organisation)],
                    plans=[f"{3000 + i}-kh-btgtu" for i in range(counts.plan)],
                    events=[f"su-kien-{i:05d}" for i in range(counts.event)])
    _organisations(data, write, ids)
    _documents(data, write, counts.document, ids)
    _events_and_milestones(data, write, ids)
    _outlines(data, write, counts.outline, ids)
    _plans(data, write, ids)
    return counts


def _source(write: Writer, ids: Generated, section: str = "II") -> dict[str, str]:
    return {"document": write.random.choice(ids.plans), "section": section}


def _organisations(data: Path, write: Writer, ids: Generated) -> None:
    records = []
    for org_id in ids.organisations:
        prefix, level, sector = write.random.choice(ORG_KINDS)
        record: dict[str, Any] = {"id": org_id, "name": f"{prefix} {write.name()}", "level": level,
                                  "sector": sector, "source": _source(write, ids, "Nơi nhận")}
        if write.random.random() < 0.3:
            record["notes"] = write.paragraph(1, 3)
        records.append(record)
    _dump_lists(data / "organisations", "../schemas/organisations.schema.json", records)


def _documents(data: Path, write: Writer, count: int, ids: Generated) -> None:
    records = [{"id": f"{5000 + i}-{kind.lower()}-btgtu", "number": f"{5000 + i}-{kind}/BTGTU", "issuer": ISSUER,
                "date": written(write.day(FIRST_DAY, LAST_DAY)), "title": write.phrase(8, 24),
                "source": _source(write, ids, "Phần mở đầu")}
               for i, kind in ((i, write.random.choice(DOCUMENT_KINDS)) for i in range(count))]
    _dump_lists(data / "documents", "../schemas/documents.schema.json", records)


def _events_and_milestones(data: Path, write: Writer, ids: Generated) -> None:
    for i, event_id in enumerate(ids.events):
        year = write.random.randint(2020, 2026)
        kind = write.random.choice(("anniversary", "anniversary", "congress", "review", "other"))
        record: dict[str, Any] = {"id": event_id, "kind": kind, "name": write.title(3, 8)}
        if kind == "anniversary":
            n = write.random.choice((5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100))
            milestone = f"moc-{i:05d}"
            day = write.day(date(year - n, 1, 1), date(year - n, 12, 28))
            _dump(data / "milestones" / f"{milestone}.yml", "../schemas/milestone.schema.json",
                  {"id": milestone, "title": write.title(4, 10), "date": written(day),
                   "description": write.paragraph(1, 3), "source": _source(write, ids, "II.1")})
            record.update(milestones=[milestone], year=year, n=n)
        else:
            record.update(year=year, date=written(write.day(date(year, 1, 1), date(year, 12, 28))))
        record.update(description=write.paragraphs(1, 2), source=_source(write, ids, "II.1"))
        _dump(data / "events" / f"{event_id}.yml", "../schemas/event.schema.json", record)


def _outline_sections(write: Writer, depth: int) -> list[dict[str, Any]]:
    sections = []
    for _ in range(write.random.randint(2, 5)):
        section: dict[str, Any] = {"title": write.title(4, 10)}
        if depth < 1 and write.random.random() < 0.5:
            section["sections"] = _outline_sections(write, depth + 1)
        else:
            section["body"] = write.paragraphs(1, 3)
        sections.append(section)
    return sections


def _outlines(data: Path, write: Writer, count: int, ids: Generated) -> None:
    for i in range(count):
        outline_id = f"de-cuong-{i:05d}"
        _dump(data / "outlines" / f"{outline_id}.yml", "../schemas/outline.schema.json",
              {"id": outline_id, "title": "Đề cương tuyên truyền " + write.phrase(6, 14),
               "events": write.random.sample(ids.events, min(len(ids.events), write.random.randint(1, 2))),
               "intro": write.paragraph(), "sections": _outline_sections(write, 0),
               "source": [_source(write, ids, "II.1")]})


def _paragraphs(write: Writer, low: int, high: int) -> list[dict[str, str]]:
    return [{"label": "-", "text": write.paragraph()} for _ in range(write.random.randint(low, high))]


def _task(write: Writer, ids: Generated, issued: date) -> dict[str, Any]:
    units = len(ids.organisations)  # one, below the shipped site's size
    task: dict[str, Any] = {"title": write.title(8, 20), "details": write.paragraph(1, 4),
                            "lead": write.random.sample(ids.organisations, min(units, write.random.randint(1, 2)))}
    if write.random.random() < 0.4:  # a unit never both leads and supports one task
        others = [org for org in write.random.sample(ids.organisations, min(units, 5)) if org not in task["lead"]]
        task["support"] = others[:write.random.randint(1, 3)]
    if write.random.random() < 0.6:
        task["when"] = written(issued + timedelta(days=write.random.randint(10, 300)))
    if write.random.random() < 0.3:
        task["events"] = write.random.sample(ids.events, 1)
    return task


def _plans(data: Path, write: Writer, ids: Generated) -> None:
    for plan_id in ids.plans:
        issued = write.day(FIRST_DAY, LAST_DAY)
        recipients = write.random.sample(ids.organisations, min(len(ids.organisations), 5))
        record = {
            "id": plan_id, "number": plan_id.split("-")[0] + "-KH/BTGTU", "kind": "KH", "issuer": ISSUER,
            "date": written(issued), "place": "Lai Châu", "title": write.title(10, 24), "implements": [],
            "based_on": [], "source": {"document": plan_id, "section": "Phần mở đầu"},
            "preamble": write.paragraph(1, 2), "purposes": _paragraphs(write, 1, 3),
            "requirements": _paragraphs(write, 1, 2),
            "content": [{"label": f"{k + 1}.", "title": write.title(), "text": write.paragraphs(1, 3),
                         "events": write.random.sample(ids.events, 1), "year": issued.year}
                        for k in range(write.random.randint(2, 6))],
            "forms": _paragraphs(write, 2, 4),
            "timing": {"text": write.paragraph(1, 3), "focus_before": 20, "focus_after": 5},
            "tasks": [_task(write, ids, issued) for _ in range(write.random.randint(6, 24))],
            "recipients": [{"text": "Như trên"}] + [{"text": write.name(), "orgs": [org]} for org in recipients]
            + [{"text": "Lưu."}],
            "signer": {"title": "TRƯỞNG BAN", "name": write.name(3, 3)},
        }
        _dump(data / "plans" / f"{plan_id}.yml", "../schemas/plan.schema.json", record)


# ---------------------------------------------------------------------------------------------------------------
# Projects, builds and measures
# ---------------------------------------------------------------------------------------------------------------

def make_project(where: Path, pages: int, words: Counter[str]) -> Path:
    """where/sotay: the shipped docs/, overrides/ and mkdocs.yml, and data/ = the shipped data + generated data."""
    project = where / "sotay"
    for name in ("docs", "data", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    generate_data(project / "data", pages, words)
    return project


@dataclass
class Run:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a shared machine
    peak_rss: int  # bytes: the largest of the process and the helpers it forked, each alone
    peak_memory: int  # bytes: the most the process and its helpers held together (proportional set size, sampled)
    ok: bool
    log: str
    sampler_cpu: float = 0.0  # CPU seconds the memory sampling itself took, in this process (not in `cpu_seconds`)


def _children(pid: int) -> list[int] | None:
    """The processes `pid` forked (/proc/PID/task/TID/children), or None where the kernel does not list them."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []  # it has ended
    for task in tasks:
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except FileNotFoundError:
            if not task.exists():
                continue  # the thread has ended
            return None
        except (OSError, ValueError):
            return None
    return found


def _tree(root: int) -> list[int]:
    """`root` and every process under it."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        children = _children(pid)
        if children is None:
            return _tree_from_all(root)
        found.append(pid)
        todo += children
    return found


def _tree_from_all(root: int) -> list[int]:
    """`_tree`, from the parent of every process on the machine."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += parents.get(pid, [])
    return found


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


# How often the memory of a build is sampled. Reading a process's proportional set size makes the kernel walk its
# memory: every 50 ms (and listing every process of the machine to find the build's), that took 12 % of a core
# during a 1,000-page build, which a build using both cores lost and a single-process build, such as the plain
# site's, did not (it had the other core). Every 250 ms, through the children the kernel lists: 2.4 %.
SAMPLE_EVERY = 0.25


def run(command: list[str], cwd: Path, log: Path) -> Run:
    """Run `command`, timing it (CPU time of the process and the helpers it forked and waited for, os.wait4), with
    its peak RSS and, sampled every SAMPLE_EVERY seconds, the most memory it and its helpers held together (shared
    pages counted once: proportional set size)."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SOTAY_")}, **BUILD_ENV}
    peak = [0]
    sampler_cpu = [0.0]
    done = threading.Event()
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(process.pid)))
            sampler_cpu[0] = time.thread_time()

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, peak[0], process.returncode == 0,
               text, sampler_cpu[0])


@dataclass
class Measure:
    pages: int
    build: Run
    site_bytes: int
    largest: tuple[int, str]
    median: float
    search_raw: int
    search_gzip: int
    zip_bytes: int | None
    check: Run | None = None  # `sotay check` of the data (the handbook only)
    runs: tuple[float, ...] = ()  # wall seconds of every build, in order (`build` is the median one)


def html_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).as_posix() != "404.html")


def measure(site: Path, build: Run, search_folder: str, zipped: bool) -> Measure:
    """Figures of a built site: pages, sizes, the search files (all files of `search_folder`, shards included)."""
    pages = html_pages(site)
    sizes = {path: path.stat().st_size for path in pages}
    largest = max(sizes, key=sizes.__getitem__)
    search = [path for path in (site / search_folder).rglob("*") if path.is_file()]
    zips = list((site / "tai-ve").glob("*.zip")) if zipped else []
    return Measure(pages=len(pages), build=build,
                   site_bytes=sum(path.stat().st_size for path in site.rglob("*") if path.is_file()),
                   largest=(sizes[largest], largest.relative_to(site).as_posix()),
                   median=statistics.median(sizes.values()),
                   search_raw=sum(path.stat().st_size for path in search),
                   search_gzip=sum(len(gzip.compress(path.read_bytes(), 6)) for path in search),
                   zip_bytes=sum(path.stat().st_size for path in zips) if zipped else None)


def build(project: Path, site: Path, name: str) -> Run:
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], project, project.parent / f"{name}.log")
    if not result.ok:
        raise SystemExit(f"{name}: the build failed (log: {project.parent / f'{name}.log'}):\n{result.log[-3000:]}")
    return result


def time_check(project: Path) -> Run:
    sotay = Path(sys.executable).with_name("sotay")
    result = run([str(sotay), "check"], project, project.parent / "check.log")
    if not result.ok:
        errors = "\n".join(line for line in result.log.splitlines() if ": ghi chú: " not in line)
        raise SystemExit(f"sotay check refused the generated data (log: {project.parent / 'check.log'}):\n"
                         f"{errors[-3000:]}")
    return result


# ---------------------------------------------------------------------------------------------------------------
# The plain MkDocs + Material project with the same pages
# ---------------------------------------------------------------------------------------------------------------

class ArticleToMarkdown(HTMLParser):
    """The text of a built page's <article> as Markdown: headings, paragraphs, lists, tables; links as their text.
    The page's buttons, permalinks, SVG drawings and scripts are left out."""

    BLOCKS = {"p", "div", "section", "details", "summary", "blockquote", "dl", "dt", "dd", "figure", "header",
              "footer", "aside", "ol", "ul"}
    SKIP = {"script", "style", "svg", "button", "form"}
    SKIP_CLASSES = ("headerlink", "md-content__button", "md-source-file")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.line: list[str] = []
        self.prefix = ""
        self.skipping: list[str] = []  # open tags whose content is left out
        self.inside = 0  # depth inside <article>
        self.lists = 0
        self.row: list[str] | None = None
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def flush(self) -> None:
        text = " ".join("".join(self.line).split())
        if text:
            self.out.append(self.prefix + text)
        self.line, self.prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside += 1
            return
        if not self.inside:
            return
        if self.skipping:
            if tag == self.skipping[-1][0] and tag not in ("br", "img", "hr", "input"):
                self.skipping.append(tag)
            return
        classes = dict(attrs).get("class") or ""
        if tag in self.SKIP or any(name in classes.split() for name in self.SKIP_CLASSES):
            if tag not in ("br", "img", "hr", "input"):
                self.skipping.append(tag)
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.lists += 1
        elif tag == "li":
            self.flush()
            self.prefix = "    " * (self.lists - 1) + "- "
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br":
            self.line.append(" ")
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside -= 1
            self.flush()
            return
        if not self.inside:
            return
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in ("ul", "ol"):
            self.flush()
            self.lists = max(self.lists - 1, 0)
            if not self.lists:
                self.out.append("")
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()).replace("|", "\\|"))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.flush()
            self.out += self.table() + [""]
            self.rows = []
        elif re.fullmatch(r"h[1-6]", tag) or tag in self.BLOCKS or tag == "li":
            self.flush()
            if tag not in ("li",):
                self.out.append("")

    def table(self) -> list[str]:
        if not self.rows:
            return []
        width = max(len(row) for row in self.rows)
        rows = [row + [""] * (width - len(row)) for row in self.rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]

    def handle_data(self, data: str) -> None:
        if not self.inside or self.skipping:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.line.append(re.sub(r"([*_`\[\]<>#])", r"\\\1", data))

    def markdown(self) -> str:
        self.flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.out)).strip() + "\n"


def page_markdown(html: str) -> str:
    parser = ArticleToMarkdown()
    parser.feed(html)
    return parser.markdown()


def plain_config(pages: set[str]) -> str:
    """mkdocs.yml of the plain project: the handbook's nav, theme and features; Material's own search; no plugin of
    the handbook, no macros, no hooks, no extra CSS or JavaScript."""
    source = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.search(r"^nav:\n(?:  .*\n)+", source, flags=re.M)
    assert nav, "mkdocs.yml has no nav: section"
    entries = []
    for line in nav.group(0).splitlines()[1:]:
        line = re.sub(r"(?<![\w/-])((?:[\w-]+/)*)((?!index)[\w-]+)\.md$", r"\1\2/index.md", line)
        target = re.search(r"(\S+\.md)$", line)
        if target is None or target.group(1) in pages:
            entries.append(line)
    return ("site_name: Sổ tay tuyên truyền\n"
            "theme:\n  name: material\n  language: vi\n  font: false\n"
            "  features:\n    - navigation.tabs\n    - navigation.indexes\n    - navigation.top\n"
            "  palette:\n    primary: red\n    accent: red\n"
            "plugins:\n  - search\n"
            "markdown_extensions:\n  - toc:\n      permalink: true\n  - tables\n  - sane_lists\n"
            "extra:\n  generator: false\n"
            "validation:\n  nav:\n    omitted_files: ignore\n    not_found: warn\n"
            "  links:\n    not_found: ignore\n    anchors: ignore\n    unrecognized_links: ignore\n"
            "nav:\n" + "\n".join(entries) + "\n")


def make_plain_project(where: Path, site: Path) -> Path:
    """where/plain: one Markdown page per built page of `site`, at the same URL (a/b/index.html -> a/b/index.md)."""
    project = where / "plain"
    docs = project / "docs"
    written_pages: set[str] = set()
    for path in html_pages(site):
        relative = path.relative_to(site).with_suffix(".md").as_posix()
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
        written_pages.add(relative)
    (project / "mkdocs.yml").write_text(plain_config(written_pages), encoding="utf-8")
    return project


# ---------------------------------------------------------------------------------------------------------------
# The run and the table
# ---------------------------------------------------------------------------------------------------------------

def bench(pages: int, where: Path, words: Counter[str], repeat: int = 1) -> tuple[Measure, Measure]:
    """(the handbook's figures, the plain site's) for about `pages` pages, built under `where`, each `repeat` times
    (alternately) and measured by its median build."""
    where.mkdir(parents=True, exist_ok=True)
    print(f"[bench] N={pages}: generating data in {where}", file=sys.stderr, flush=True)
    project = make_project(where, pages, words)
    check = time_check(project)
    print(f"[bench] N={pages}: sotay check {check.seconds:.1f} s", file=sys.stderr, flush=True)
    site, plain_site = where / "site-sotay", where / "site-plain"
    plain_project: Path | None = None
    sotay_runs: list[Run] = []
    plain_runs: list[Run] = []
    for n in range(1, repeat + 1):
        shutil.rmtree(site, ignore_errors=True)  # each build into an empty folder, as the first
        sotay_runs.append(build(project, site, "build-sotay"))
        if plain_project is None:
            plain_project = make_plain_project(where, site)
        shutil.rmtree(plain_site, ignore_errors=True)
        plain_runs.append(build(plain_project, plain_site, "build-plain"))
        print(f"[bench] N={pages}: build {n} of {repeat}: handbook {sotay_runs[-1].seconds:.1f} s, "
              f"plain {plain_runs[-1].seconds:.1f} s", file=sys.stderr, flush=True)
    sotay = measure(site, median_run(sotay_runs), "search", zipped=True)
    sotay.check = check
    sotay.runs = tuple(run.seconds for run in sotay_runs)
    plain = measure(plain_site, median_run(plain_runs), "search", zipped=False)
    plain.runs = tuple(run.seconds for run in plain_runs)
    return sotay, plain


def median_run(runs: list[Run]) -> Run:
    """The run whose wall time is the median (the lower middle one of an even number)."""
    return sorted(runs, key=lambda run: run.seconds)[(len(runs) - 1) // 2]


def size(count: float | None) -> str:
    if count is None:
        return "—"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count:.0f} B"


def table(results: dict[int, tuple[Measure, Measure]]) -> str:
    """Rows: figures; columns: the handbook and the plain site at each size."""
    sizes = sorted(results)
    first = sizes[0]
    columns: list[tuple[str, Measure, Measure, Measure]] = []  # (header, measure, same engine at first N, sotay)
    for n in sizes:
        sotay, plain = results[n]
        columns.append((f"sotay N={n}", sotay, results[first][0], sotay))
        columns.append((f"plain N={n}", plain, results[first][1], sotay))

    def ratio(m: Measure, base: Measure, cpu: bool = False) -> str:
        if cpu:
            return f"{m.build.cpu_seconds / base.build.cpu_seconds:.2f}×"
        return f"{m.build.seconds / base.build.seconds:.2f}×"

    rows: list[tuple[str, Any]] = [
        ("pages (HTML)", lambda m, b, s: f"{m.pages:,}"),
        ("build s", lambda m, b, s: f"{m.build.seconds:.1f}"),
        ("build CPU s", lambda m, b, s: f"{m.build.cpu_seconds:.1f}"),
        ("build s, each run", lambda m, b, s: ", ".join(f"{seconds:.1f}" for seconds in m.runs)),
        ("ms/page", lambda m, b, s: f"{m.build.seconds * 1000 / m.pages:.1f}"),
        (f"build vs N={first}", lambda m, b, s: ratio(m, b)),
        (f"build CPU vs N={first}", lambda m, b, s: ratio(m, b, cpu=True)),
        ("sotay vs plain (build)", lambda m, b, s: ratio(s, m) if m is not s else ""),
        ("sotay vs plain (CPU)", lambda m, b, s: ratio(s, m, cpu=True) if m is not s else ""),
        ("peak RSS", lambda m, b, s: size(m.build.peak_rss)),
        ("peak memory (PSS)", lambda m, b, s: size(m.build.peak_memory)),
        ("memory sampling CPU s", lambda m, b, s: f"{m.build.sampler_cpu:.2f}"),
        ("site bytes", lambda m, b, s: size(m.site_bytes)),
        ("largest page", lambda m, b, s: f"{size(m.largest[0])} {m.largest[1]}"),
        ("median page", lambda m, b, s: size(m.median)),
        ("search index raw", lambda m, b, s: size(m.search_raw)),
        ("search index gzip", lambda m, b, s: size(m.search_gzip)),
        ("offline zip", lambda m, b, s: size(m.zip_bytes)),
        ("sotay check s (CPU s)",
         lambda m, b, s: f"{m.check.seconds:.1f} ({m.check.cpu_seconds:.1f})" if m.check is not None else "—"),
    ]
    cells = [[label] + [show(m, b, s) for _, m, b, s in columns] for label, show in rows]
    header = [""] + [name for name, *_ in columns]
    widths = [max(len(row[i]) for row in [header] + cells) for i in range(len(header))]
    line = lambda row: "  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(row) for row in cells])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, action="append", help="about how many pages (repeat: 1000, 5000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each site this many times, alternately, and report the median build (default: 1)")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be 1 or more")
    print(report(options.pages or [1000, 5000], options.keep, options.repeat))
    return 0


def report(sizes: list[int], keep: Path | None = None, repeat: int = 1) -> str:
    words = vocabulary()
    print(f"[bench] vocabulary: {len(words):,} words, {sum(words.values()):,} occurrences", file=sys.stderr)
    results: dict[int, tuple[Measure, Measure]] = {}
    with tempfile.TemporaryDirectory(prefix="sotay-bench-") as temporary:
        base = keep or Path(temporary)
        for pages in sorted(set(sizes)):
            results[pages] = bench(pages, base / f"n{pages}", words, repeat)
            print(table({pages: results[pages]}), file=sys.stderr, flush=True)  # kept if a later size fails
            if keep is None:
                shutil.rmtree(base / f"n{pages}", ignore_errors=True)  # 5,000 pages take gigabytes
    return table(results)


if __name__ == "__main__":
    raise SystemExit(main())
