"""Units named in a document matched to the data's organisations: by name, short name, alias and symbol, with
Vietnamese folding (accents, đ, case and tone placement do not matter), a word trie for names inside running text
("phối hợp với Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông tổ chức…") and rapidfuzz for names written
differently. Every lookup is recorded with its score; a name that matches nothing becomes a proposed organisation,
its level, sector and group inferred from the name (macros/core/org_names.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..fields import MAX_ID_LENGTH
from ..model import LEVELS, SECTORS, Dataset, Organisation
from ..org_names import infer_organisation
from ..vietnamese import fold, match_key, nfc, slugify
from .draft import Proposed, UnitMatch
from .wording import clean, trim

# A name written differently is taken for a unit of the data from this score (0-100) up, and marked for the editor.
MATCH_THRESHOLD = 88
EXACT = 100.0
FOLDED = 98.0  # the same letters, other accents: "Phỏng" for "Phòng" is a typo, not another unit

_TOKEN = re.compile(r"[^\W_]+")
# The kind of unit a list item names; "Sở Văn hóa…; Công thương; Kế hoạch và Đầu tư" means three Sở.
_HEAD_WORDS = ("sở", "văn phòng", "ban", "phòng", "hội", "ủy ban nhân dân", "ubnd", "đài", "báo", "trung tâm",
               "cục", "chi cục", "bộ", "công ty", "liên đoàn", "tạp chí", "cổng", "trang", "trường", "bệnh viện",
               "công an", "bộ chỉ huy", "huyện ủy", "thành ủy", "đảng ủy", "đảng đoàn", "tỉnh ủy", "tỉnh đoàn",
               "đoàn", "mặt trận", "viện", "kho bạc", "thanh tra")
# "Các …" names a group of units when one of these follows ("Các sở, ban, ngành", "Các cơ quan báo chí").
_GROUP_WORDS = ("sở", "ban", "ngành", "cơ quan", "đơn vị", "huyện", "xã", "phòng", "tổ chức", "hội", "đoàn",
                "tiểu ban", "đồng chí", "đ/c", "báo", "cấp ủy", "cấp uỷ", "chi bộ", "đảng", "ủy ban", "ubnd")
# "các sở, ngành: A; B" and "Văn phòng: Tỉnh ủy, UBND tỉnh": a kind of unit shared by the items after the colon.
_SHARED_HEAD = re.compile(r"(?P<head>các sở,? ngành|các sở|sở|văn phòng|các ban|ban)\s*:\s*", re.I)
# Words naming a position before the unit ("Chỉ huy trưởng BCH Quân sự tỉnh").
_POSITIONS = re.compile(r"(?:phó\s+)?(?:chỉ huy trưởng|giám đốc|chủ tịch|trưởng ban|thủ trưởng|lãnh đạo|bí thư|"
                        r"các đồng chí|đồng chí|đ/c)\s+", re.I)
_SEPARATOR = re.compile(r"\s*(?:[,;]\s*)+(?:và\s+)?|\s+và\s+|\s*:\s+")
_CHUNK_END = re.compile(r"[,;]|\s+và\s+")
_PURPOSE_TAIL = re.compile(r"\s*\((?:để\s+)?(?:b/c|báo cáo|t/h|thực hiện|biết|p/h|phối hợp|chỉ đạo|để biết)\)\s*$",
                           re.I)
_REQUEST = re.compile(r"^(?:đề nghị|kính gửi)\s+", re.I)


# Folding letter by letter (accents off, đ to d) for the words of long texts: one translate instead of a fold per
# word. Built once; the letters Vietnamese and its neighbours use.
_FOLD_TABLE = {code: fold(chr(code)) for code in range(0xC0, 0x2000) if fold(chr(code)) != chr(code).casefold()}


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of `text`, folded, with their spans in `text`."""
    folded = text.translate(_FOLD_TABLE).lower()
    if len(folded) != len(text):  # a letter folded to more or fewer letters: fold word by word
        return [(fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]


def folded_words(text: str) -> tuple[str, ...]:
    return tuple(word for word, _, _ in tokens(text))


@dataclass(frozen=True)
class Hit:
    """A unit found in a text: the organisation (None when proposed), the text as written, where it ends."""

    org_id: str | None
    written: str
    score: float
    end: int  # character offset in the searched text just after the name
    proposed: bool = False


@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    org_id: str | None = None


class UnitIndex:
    """The data's units, folded once, for every lookup a document needs."""

    def __init__(self, dataset: Dataset, document_id: str) -> None:
        self.organisations = dataset.organisations
        self.document_id = document_id
        self.by_key: dict[str, str] = {}  # match_key of each name -> org id
        self.by_folded: dict[str, str] = {}  # folded words joined -> org id
        self.keys_of: dict[str, set[str]] = {}  # org id -> its names as spelt (case, spaces, tone placement aside)
        self.trie = _Node()
        self.bigrams: set[tuple[str, str]] = set()
        self.starts: set[tuple[str, str]] = set()  # the first two words of names of two words or more
        for org in dataset.organisations.values():
            for name in _names(org):
                self._add(name, org.id)
        self.choices = list(self.by_folded)
        self.matches: list[UnitMatch] = []
        self.proposed: dict[str, Proposed] = {}  # folded name -> proposal

    def _add(self, name: str, org_id: str) -> None:
        words = folded_words(name)
        if not words:
            return
        self.by_key.setdefault(match_key(name), org_id)
        self.keys_of.setdefault(org_id, set()).add(_spelling(name))
        self.by_folded.setdefault(" ".join(words), org_id)
        node = self.trie
        for word in words:
            node = node.children.setdefault(word, _Node())
        if node.org_id is None:
            node.org_id = org_id
        self.bigrams.update(zip(words, words[1:]))
        if len(words) >= 2:
            self.starts.add(words[:2])

    # ---- what a printed line break hides ----

    def continues_name(self, before: str, after: str) -> bool:
        """Whether a line break falls inside a unit's name: "… Đảng đoàn Mặt trận / Tổ quốc và…" or "… Chỉ huy
        trưởng / BCH Bộ đội Biên phòng tỉnh"."""
        tail, head = folded_words(before), folded_words(after)
        if not tail or not head:
            return False
        if (tail[-1], head[0]) in self.bigrams:
            return True
        hit = self._longest(tokens(after), 0)
        return hit is not None and len(hit[2]) >= 3 and head[:2] in self.starts

    # ---- lookups ----

    def _longest(self, words: list[tuple[str, int, int]], start: int,
                 lead: tuple[str, ...] = ()) -> tuple[str, int, tuple[str, ...]] | None:
        """The longest name of the data starting at word `start` (after the words `lead` given in front): its org
        id, the index of the word after it and the words matched."""
        node, best = self.trie, None
        for word in lead:
            node = node.children.get(word)
            if node is None:
                return None
        index = start
        while index < len(words):
            node = node.children.get(words[index][0])
            if node is None:
                break
            index += 1
            if node.org_id is not None:
                best = (node.org_id, index, tuple(w for w, _, _ in words[start:index]))
        return best

    def _partial(self, words: list[tuple[str, int, int]], start: int) -> tuple[str, int, float] | None:
        """A name of which the text writes only the first words ("các phòng chuyên môn" for "Các phòng chuyên môn,
        đơn vị thuộc Sở"): at least four words and half of the name."""
        node, index = self.trie, start
        while index < len(words) and words[index][0] in node.children:
            node = node.children[words[index][0]]
            index += 1
        matched = index - start
        if matched < 4 or node.org_id is not None:
            return None
        ends = _terminals(node)
        if len({org_id for org_id, _ in ends}) != 1:
            return None  # the words begin the names of several units
        org_id, rest = min(ends, key=lambda end: end[1])
        if matched * 2 < matched + rest:
            return None
        written = " ".join(word for word, _, _ in words[start:index])
        full = " ".join([written, *_first_branch(node, rest)])
        return org_id, index, float(fuzz.WRatio(written, full))

    def resolve(self, name: str, where: str) -> Hit:
        """The organisation a whole name (a list item, a heading) stands for; proposed when nothing matches."""
        written = _bare(name)
        org_id, score = self.score(written)
        if org_id is not None and score >= MATCH_THRESHOLD:
            self.matches.append(UnitMatch(written, org_id, score, where))
            return Hit(org_id, written, score, len(name))
        return self.propose(written, where, score, org_id)

    def _exactness(self, written: str, org_id: str) -> float:
        """100 when the text spells one of the unit's names (case, spaces and tone placement aside), else 98: the
        same words with other accents or punctuation ("Biên phỏng" for "Biên phòng")."""
        return EXACT if _spelling(written) in self.keys_of.get(org_id, set()) else FOLDED

    def _probe(self, name: str) -> Hit:
        written = _bare(name)
        org_id, score = self.score(written)
        matched = org_id is not None and score >= MATCH_THRESHOLD
        return Hit(org_id if matched else None, written, score, len(name), proposed=not matched)

    def score(self, name: str) -> tuple[str | None, float]:
        """The best organisation for `name` and its score: exact (100), the same letters (98), else fuzzy."""
        if (found := self.by_key.get(match_key(name))) is not None:
            return found, EXACT
        folded = " ".join(folded_words(name))
        if (found := self.by_folded.get(folded)) is not None:
            return found, FOLDED
        if not folded or not self.choices:
            return None, 0.0
        best: tuple[str | None, float] = (None, 0.0)
        for choice, _, _ in process.extract(folded, self.choices, scorer=fuzz.token_set_ratio, limit=5):
            strict = max(fuzz.ratio(folded, choice), fuzz.token_sort_ratio(folded, choice))
            if strict > best[1]:
                best = (self.by_folded[choice], float(strict))
        return best

    def propose(self, written: str, where: str, score: float = 0.0, near: str | None = None) -> Hit:
        """A unit the data does not have: a proposed organisation, its level, sector and group from its name."""
        key = " ".join(folded_words(written))
        proposal = self.proposed.get(key)
        if proposal is None:
            proposal = self._proposal(written, where, score, near)
            self.proposed[key] = proposal
        self.matches.append(UnitMatch(written, None, score, where))
        return Hit(proposal.record["id"], written, score, len(written), proposed=True)

    def _proposal(self, written: str, where: str, score: float, near: str | None) -> Proposed:
        name = written[:1].upper() + written[1:]
        inferred = infer_organisation(name, self.organisations)
        record: dict[str, object] = {"id": self._new_id(name), "name": name}
        marks: dict[tuple[str | int, ...], str] = {}
        record["level"] = inferred.level or "tinh"
        if inferred.level is None:
            marks[("level",)] = (f"tên đơn vị không cho biết cấp; đã ghi \"tinh\", hãy chọn một trong: "
                                 f"{', '.join(LEVELS)}")
        record["sector"] = inferred.sector or "khac"
        if inferred.sector is None:
            marks[("sector",)] = (f"tên đơn vị không cho biết khối; đã ghi \"khac\", hãy chọn một trong: "
                                  f"{', '.join(SECTORS)}")
        if inferred.parent:
            record["parent"] = inferred.parent
        if inferred.group:
            record["group"] = True
        record["source"] = {"document": self.document_id, "section": where}
        near_text = ""
        if near is not None and score > 0:
            near_text = f"; gần nhất là \"{self.organisations[near].name}\" ({score:.0f}/100), chưa đủ để coi là một"
        reason = f"đơn vị \"{written}\" ở mục {where} không khớp đơn vị nào trong dữ liệu{near_text}"
        return Proposed("organisation", record, marks, reason)

    def _new_id(self, name: str) -> str:
        base = slugify(name)[:MAX_ID_LENGTH].strip("-") or "don-vi-moi"
        taken = set(self.organisations) | {p.record["id"] for p in self.proposed.values()}
        candidate, number = base, 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate, number = base[:MAX_ID_LENGTH - len(suffix)] + suffix, number + 1
        return candidate

    def record(self, hit: Hit, where: str) -> None:
        self.matches.append(UnitMatch(hit.written, None if hit.proposed else hit.org_id, hit.score, where))

    # ---- units inside a text ----

    def leading(self, text: str, where: str) -> Hit | None:
        """The unit a paragraph starts with ("Công an tỉnh chủ trì…", "UBND huyện Than Uyên: Ngoài…"), if any;
        not recorded until the caller uses it."""
        body = _REQUEST.sub("", text)
        offset = len(text) - len(body)
        words = tokens(body)
        found = self._longest(words, 0)
        if found is None:
            return None
        org_id, index, _ = found
        end = words[index - 1][2]
        return Hit(org_id, body[:end], self._exactness(body[:end], org_id), offset + end)

    def listed(self, text: str, where: str, record: bool = True) -> list[Hit]:
        """Every unit of a list ("Ban Tuyên giáo Tỉnh ủy, các sở, ngành: Thông tin và Truyền thông; Văn hoá, Thể
        thao và Du lịch, Văn phòng UBND tỉnh"): known names, names of the data written differently (fuzzy, with
        their score) and, for the rest, proposed organisations. All recorded, unless `record` is false (a probe:
        nothing recorded, nothing proposed)."""
        text = _bare(_REQUEST.sub("", clean(text)))
        hits: list[Hit] = []
        position, head = 0, ()
        while position < len(text):
            position = _skip_separators(text, position)
            if position >= len(text):
                break
            shared = _SHARED_HEAD.match(text, position)
            if shared is not None:
                head = folded_words(shared["head"].split(",")[0].replace("các ", ""))
                position = shared.end()
                continue
            hit = self._known_at(text, position, head)
            if hit is None:
                end = _chunk_end(text, position)
                chunk = trim(text[position:end])
                if chunk:
                    stripped = _POSITIONS.sub("", chunk, count=1) if _POSITIONS.match(chunk) else chunk
                    hit = self.resolve(stripped, where) if record else self._probe(stripped)
                    hit = Hit(hit.org_id, hit.written, hit.score, end, hit.proposed)
                    hits.append(hit)
                position = end
                continue
            if record:
                self.record(hit, where)
            hits.append(hit)
            head = _head_of(hit.written) or head
            position = hit.end
        return _unique(hits)

    def _known_at(self, text: str, position: int, head: tuple[str, ...]) -> Hit | None:
        """A known name at `position` (after a position word, or with the shared kind of unit in front), ending at
        a list separator or at the end of the text."""
        rest = text[position:]
        skipped = 0
        if (found := _POSITIONS.match(rest)) is not None:
            skipped = found.end()
        for lead in ((), head) if head else ((),):
            words = tokens(rest[skipped:])
            found_name = self._longest(words, 0, lead)
            if found_name is None:
                continue
            org_id, index, _ = found_name
            end = _past_closers(text, position + skipped + words[index - 1][2])
            if not _at_boundary(text, end):
                continue
            written = (" ".join(_display(lead)) + " " if lead else "") + text[position + skipped:end]
            return Hit(org_id, written, self._exactness(written, org_id), end)
        return None

    def cooperating(self, text: str, where: str) -> tuple[list[Hit], list[str]]:
        """The units a paragraph works with: those named after "phối hợp (với)" up to the verb that follows them
        ("Chủ trì, phối hợp với Văn phòng UBND tỉnh, Sở Thông tin và Truyền thông tổ chức họp báo"). Only names of
        the data count; short chunks that match none ("đơn vị tổ chức sự kiện") are returned apart, for a mark."""
        hits: list[Hit] = []
        unknown: list[str] = []
        for found in re.finditer(r"phối hợp(?:\s+với)?\s+", text, re.I):
            position = found.end()
            while position < len(text):
                words = tokens(text[position:])
                match = self._longest(words, 0)
                if match is not None:
                    org_id, index, _ = match
                    end = position + words[index - 1][2]
                    hit = Hit(org_id, text[position:end], self._exactness(text[position:end], org_id), end)
                    self.record(hit, where)
                    hits.append(hit)
                    position = end
                elif (partial := self._partial(words, 0)) is not None:
                    org_id, index, score = partial
                    end = position + words[index - 1][2]
                    hit = Hit(org_id, text[position:end], score, end)
                    self.record(hit, where)
                    hits.append(hit)
                    position = end
                else:
                    end = _chunk_end(text, position)
                    chunk = text[position:end].strip()
                    if end >= len(text) or not re.match(r"[,;]|\s+và\s+", text[end:]) or len(chunk.split()) > 6 \
                            or not _unit_like_chunk(chunk):
                        break
                    unknown.append(chunk)
                    position = end
                separator = re.match(r"(?:\s*[,;]\s*(?:và\s+)?|\s+và\s+)", text[position:])
                if separator is None:
                    break
                position += separator.end()
        return _unique(hits), unknown

    def scanned(self, text: str, where: str) -> list[Hit]:
        """Every known unit named anywhere in a line (a "Nơi nhận" line), longest names first, left to right."""
        text = _PURPOSE_TAIL.sub("", text)
        hits: list[Hit] = []
        shared = _SHARED_HEAD.search(text)
        head = folded_words(shared["head"].split(",")[0].replace("các ", "")) if shared else ()
        words = tokens(text)
        index = 0
        while index < len(words):
            found = None
            if head and shared is not None and words[index][1] >= shared.end():
                found = self._longest(words, index, head)  # "Văn phòng: Tỉnh ủy, UBND tỉnh": the Văn phòng of each
            found = found or self._longest(words, index)
            if found is None:
                index += 1
                continue
            org_id, after, _ = found
            written = text[words[index][1]:words[after - 1][2]]
            hit = Hit(org_id, written, self._exactness(written, org_id), words[after - 1][2])
            self.record(hit, where)
            hits.append(hit)
            index = after
        return _unique(hits)

    def proposals(self) -> list[Proposed]:
        return list(self.proposed.values())


def _spelling(name: str) -> str:
    """A name as spelt, for telling an exact match: lower case, tone placement and dashes unified, punctuation
    spaced alike."""
    key = match_key(re.sub(r"[–—‐-]", "-", _bare(name)))
    return re.sub(r"\s*([,;:()\-])\s*", r"\1", key)


def _names(org: Organisation) -> list[str]:
    return [name for name in (org.name, org.short, *org.aliases, org.symbol) if name]


def _first_branch(node: _Node, depth: int) -> list[str]:
    """The words that complete, `depth` words further, a name that passes through `node`."""
    if depth == 0:
        return []
    for word, child in node.children.items():
        rest = _first_branch(child, depth - 1)
        if (depth == 1 and child.org_id is not None) or rest:
            return [word, *rest]
    return []


def _terminals(node: _Node, depth: int = 0) -> list[tuple[str, int]]:
    """The names below `node` in the trie: (org id, how many more words)."""
    found = [(node.org_id, depth)] if node.org_id is not None and depth else []
    for child in node.children.values():
        found += _terminals(child, depth + 1)
    return found


def _bare(name: str) -> str:
    """A unit's name without "(b/c)", "(báo cáo)", a final full stop or list punctuation."""
    return trim(_PURPOSE_TAIL.sub("", nfc(name)).strip().rstrip("."))


def _skip_separators(text: str, position: int) -> int:
    found = re.compile(r"(?:[\s,;:.]|và\s)+").match(text, position)
    return found.end() if found else position


def _past_closers(text: str, end: int) -> int:
    """The end of a name moved past the brackets and quotes that close it ("… (01/01/2004 - 01/01/2024)")."""
    while end < len(text) and text[end] in ")”\"’]":
        end += 1
    return end


def _chunk_end(text: str, position: int) -> int:
    found = _CHUNK_END.search(text, position)
    return found.start() if found else len(text)


def _at_boundary(text: str, end: int) -> bool:
    """Whether a name ending at `end` ends a list item: the text ends, or a separator follows."""
    rest = text[end:]
    return not rest.strip(" .") or re.match(r"\s*(?:[,;:(]|và\s|$)", rest) is not None


def _head_of(written: str) -> tuple[str, ...]:
    """The kind of unit a name starts with ("Sở" of "Sở Văn hóa…"), shared with the list items that follow."""
    key = match_key(written)
    for word in ("sở", "văn phòng", "phòng"):
        if key.startswith(word + " "):
            return folded_words(word)
    return ()


def _display(words: tuple[str, ...]) -> list[str]:
    names = {"so": "Sở", "van": "Văn", "phong": "phòng", "ban": "Ban"}
    return [names.get(word, word) for word in words]


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[str | None] = set()
    found = []
    for hit in hits:
        if hit.org_id not in seen:
            seen.add(hit.org_id)
            found.append(hit)
    return found


def _unit_like_chunk(chunk: str) -> bool:
    """Whether words between two commas after "phối hợp với" may name units: "đơn vị tổ chức sự kiện", "lực lượng
    vũ trang", "các ngành liên quan", not "theo dõi"."""
    key = match_key(chunk)
    return looks_like_unit(chunk) or key.startswith(("đơn vị", "lực lượng", "các ", "cơ quan", "ngành"))


def looks_like_unit(text: str) -> bool:
    """Whether a phrase names a unit by its kind ("Sở …", "Ban …", "UBND …", "Các cơ quan …")."""
    key = match_key(_REQUEST.sub("", text))
    if key.startswith("các "):
        return any(key.startswith(f"các {word}") for word in _GROUP_WORDS)
    return any(key.startswith(word + " ") for word in _HEAD_WORDS)
