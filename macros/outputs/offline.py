"""The offline copy of the site: a zip that works after unzipping, opened from file:// on Windows and Linux.

No MkDocs here: it takes a built site folder and writes the zip.

- Every internal link that points at a folder ("./", "..", "../su-kien/", "ke-hoach/171-kh-btgtu/") is rewritten
  to that folder's index.html: from file:// a folder address shows a file listing (Linux) or nothing useful
  (Windows), never the page. Only href and src attributes of tags are touched; data-* attributes, scripts,
  styles and comments are left as they are.
- Links stay relative; a root-absolute link ("/assets/x.css") becomes relative (from file:// it would point at
  the root of the disk).
- A folder that holds pages but no index.html of its own (tai-lieu-chi-bo/, say) gets a plain list of them, so
  every folder a reader opens has its index.html.
- Everything sits under one folder named like the zip (so-tay-tuyen-truyen-2024-05-01/): unzipping never
  scatters files.
- Deterministic: entries in sorted order, timestamps from the build date, fixed permissions; the same site
  gives the same bytes.

Also here: filling the <!--sotay-offline:NAME--> regions, where a page says what it knows of the copy (its size on
the site, which copy it is inside the zip).
"""

from __future__ import annotations

import fnmatch
import html
import os
import posixpath
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.core.vietnamese import sort_key

from . import zipping

NAME_PREFIX = "so-tay-tuyen-truyen"
INDEX = "index.html"
# Already compressed: deflating them again only costs time.
_STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz", ".zip", ".ico"}
# Below zlib's default (6): at 5,000 pages, level 6 took 1.3 s more CPU than 4 for a zip 3 % smaller (54.1 MB
# against 55.8 MB); level 1 saved 0.7 s more for 13 % more bytes; level 9 took twice as long as 6 for 1 % less.
_LEVEL = 4

# One token of HTML that matters here: a comment, an element whose content is raw text (script, style), or a
# start tag with its attributes.
# (Possessive quantifiers: a tag left open must not make the scan backtrack over every split of its attributes.)
_TAG_ATTRS = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_TOKEN = re.compile(
    r"""<(?:!--.*?-->"""
    rf"""|(?P<raw>script|style|textarea|title)\b(?P<raw_attrs>{_TAG_ATTRS})>.*?</(?P=raw)\s*>"""
    rf"""|(?P<tag>[a-zA-Z][\w:-]*+)(?P<attrs>{_TAG_ATTRS})>)""",
    re.S | re.I)
# The same tokens, each with the text before it and the start tags without a link before it (a link: an href or
# src attribute outside quotes): a page has four times as many tags as tags with a link, and the regular
# expression skips them without a Python step each. Every match ends in a token, or in nothing where the text ends
# or a "<" starts no token (a tag left open), so that the scan never goes over the same text twice.
_SKIPPED = (r"""(?:[^<]++|<(?![a-zA-Z]|!--)"""
            r"""|<(?!(?:script|style|textarea|title)\b)[a-zA-Z][\w:-]*+"""
            r"""(?:[^>"'\s]++|\s(?!(?:href|src)\s*=)|"[^"]*+"|'[^']*+')*+>)*+""")
_LINK_TOKEN = re.compile(f"{_SKIPPED}(?:{_TOKEN.pattern})?", re.S | re.I)
# A link attribute, with the attributes before it (their quoted values are text, even where one reads ' href=x');
# or only the attributes after the last link.
_LINK_ATTR = re.compile(r"""(?!\Z)(?P<before>(?:[^"'\s]++|\s(?!(?:href|src)\s*=)|"[^"]*+"|'[^']*+')*+)"""
                        r"""(?:(?P<lead>\s(?:href|src)\s*=\s*)"""
                        r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+)))?""", re.I)
_HAS_LINK = re.compile(r"\s(?:href|src)\s*=", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
# "../" steps, then names that do not start with a dot, then perhaps "?…" or "#…": nothing to unescape or resolve.
_PLAIN_RELATIVE = re.compile(r"(?P<ups>(?:\.\./)*)(?:[^./?#&:\s\\][^/?#&:\s\\]*/?)*(?:[?#]\S*)?")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
# What a page says of the offline copy, between markers (views/offline_page.py: on the site, in the copy).
_REGION = re.compile(r"<!--sotay-offline:(?P<name>[a-z]+)-->.*?<!--/sotay-offline:(?P=name)-->", re.S)
_REGION_START = b"<!--sotay-offline:"


@dataclass(frozen=True)
class OfflineCopy:
    path: Path
    size: int  # bytes of the zip
    files: int  # files in it
    content_size: int  # bytes once unzipped


def zip_name(build_date: date) -> str:
    """so-tay-tuyen-truyen-2024-05-01.zip"""
    return f"{folder_name(build_date)}.zip"


def folder_name(build_date: date) -> str:
    return f"{NAME_PREFIX}-{build_date.isoformat()}"


def format_size(size: int) -> str:
    """Bytes as megabytes the Vietnamese way, with a decimal comma: 12,3 MB (0,1 MB at least)."""
    megabytes = max(size / 1_000_000, 0.1)
    return f"{megabytes:.1f}".replace(".", ",") + " MB"


# ---------------------------------------------------------------------------------------------------------------
# Links
# ---------------------------------------------------------------------------------------------------------------

def _split(value: str) -> tuple[str, str]:
    """("path", "?query#fragment")"""
    cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    return value[:cut], value[cut:]


def link_target(value: str, page: str) -> str | None:
    """The site-relative path a link on `page` (a site-relative file path) points at, or None when it leaves
    the site or only moves within the page: "../su-kien/" on "ke-hoach/x/index.html" -> "su-kien"."""
    value = value.strip()
    if not value or value.startswith(("#", "?", "//")) or _SCHEME.match(value):
        return None
    path, _ = _split(html.unescape(value))
    if not path:
        return None
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".." or target.startswith("../"):
        return None
    return "" if target == "." else target


def offline_link(value: str, page: str, is_folder: Callable[[str], bool]) -> str:
    """The link as it must read from file://: a folder link ends in index.html, a root-absolute one is made
    relative. Anything else comes back unchanged."""
    target = link_target(value, page)
    if target is None:
        return value
    path, rest = _split(value.strip())
    folder = path.endswith("/") or is_folder(target)
    if path.startswith("/"):  # root-absolute: relative to the page's folder
        path = posixpath.relpath(target or ".", posixpath.dirname(page) or ".")
    if folder:
        stem = path.rstrip("/")
        path = INDEX if stem in ("", ".") else f"{stem}/{INDEX}"
    return path + rest


class LinkRewriter:
    """`offline_link` for every page of one copy, remembered: a page has some ninety links, most of them the same
    on every page of its folder (the navigation, the stylesheets)."""

    def __init__(self, is_folder: Callable[[str], bool]) -> None:
        self.is_folder = is_folder
        self._rewritten: dict[tuple[str, str], str] = {}

    def link(self, value: str, page: str) -> str:
        """offline_link(value, page, is_folder)"""
        return self._link(value, page, _ancestors(page))

    def _link(self, value: str, page: str, ancestors: list[str]) -> str:
        """`link`, given the folders above `page` (_ancestors)."""
        plain = _PLAIN_RELATIVE.fullmatch(value)
        if plain is None:
            return offline_link(value, page, self.is_folder)
        # Made of "../" steps and plain names: the link points at the same file from every page whose folder has
        # the same ancestor that many steps up, and is written the same way.
        ups = len(plain.group("ups")) // 3
        if ups >= len(ancestors):
            return value  # above the site
        key = (value, ancestors[ups])
        rewritten = self._rewritten.get(key)
        if rewritten is None:
            rewritten = self._rewritten[key] = offline_link(value, page, self.is_folder)
        return rewritten

    def rewrite(self, text: str, page: str) -> str:
        """Every href and src of the HTML `text` of `page` rewritten by `link`."""
        ancestors = _ancestors(page)

        def one(match: re.Match[str]) -> str:
            before, lead, dq, sq, bare = match.group("before", "lead", "dq", "sq", "bare")
            if lead is None:
                return before  # no link after these
            if dq is not None:
                return f'{before}{lead}"{self._link(dq, page, ancestors)}"'
            if sq is not None:
                return f"{before}{lead}'{self._link(sq, page, ancestors)}'"
            return f"{before}{lead}{self._link(bare, page, ancestors)}"

        # Most tags carry no link: they are copied as they are, without a call per tag (a page has hundreds of tags).
        parts: list[str] = []
        copied = 0
        for match in _LINK_TOKEN.finditer(text):
            group = "tag" if match.group("tag") else "raw"
            name, attrs = match.group(group), match.group("attrs") or match.group("raw_attrs")
            if not name or not attrs or not _HAS_LINK.search(attrs):
                continue  # the end of the text, a comment, or a raw-text element without a link
            start = match.start(group) + len(name)  # after "<name"
            parts.append(text[copied:start])
            parts.append(_LINK_ATTR.sub(one, attrs))
            copied = start + len(attrs)
        parts.append(text[copied:])
        return "".join(parts)


def _ancestors(page: str) -> list[str]:
    """The folder of `page`, then each folder above it up to the site's top (""): "a/b/index.html" -> ["a/b",
    "a", ""]."""
    folder = posixpath.dirname(page)
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:len(parts) - ups]) for ups in range(len(parts) + 1)]


def rewrite_links(text: str, page: str, is_folder: Callable[[str], bool]) -> str:
    """Every href and src of the HTML `text` of `page` rewritten by offline_link."""
    return LinkRewriter(is_folder).rewrite(text, page)


def internal_links(text: str, page: str) -> Iterator[str]:
    """The site-relative targets of the href and src attributes of an HTML page (for checks and tests)."""
    for match in _TOKEN.finditer(text):
        attrs = match.group("attrs") or match.group("raw_attrs")
        if not attrs:
            continue
        for attr in _LINK_ATTR.finditer(attrs):
            if attr.group("lead") is None:
                continue  # another attribute's value
            value = next(v for v in (attr.group("dq"), attr.group("sq"), attr.group("bare")) if v is not None)
            target = link_target(value, page)
            if target is not None:
                yield target


# ---------------------------------------------------------------------------------------------------------------
# The copy
# ---------------------------------------------------------------------------------------------------------------

def _site_files(site: Path, exclude: Iterable[str]) -> dict[str, Path]:
    """The site's files by their site-relative path, in the order os.walk gives them with its lists sorted (a
    folder's files, then each subfolder's); symbolic links to folders are not followed."""
    patterns = list(exclude)
    found: dict[str, Path] = {}

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            return
        folders = []
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    folders.append(entry)
            elif entry.is_file():
                relative = prefix + entry.name
                if not any(fnmatch.fnmatchcase(relative, p) for p in patterns):
                    found[relative] = Path(entry.path)
        for entry in folders:
            walk(entry.path, f"{prefix}{entry.name}/")

    walk(str(site), "")
    return found


def _folders(files: Iterable[str]) -> set[str]:
    folders = {""}
    for relative in files:
        parent = posixpath.dirname(relative)
        while parent and parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders


def _title(text: str, fallback: str) -> str:
    match = _TITLE.search(text)
    return html.unescape(re.sub(r"\s+", " ", match.group(1))).strip() if match else fallback


def folder_listing(folder: str, pages: list[tuple[str, str]], site_title: str) -> str:
    """A plain page listing the pages of a folder that has no index.html: [(relative link, title)]."""
    depth = folder.count("/") + 1
    home = "../" * depth + INDEX
    items = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
                      for href, title in sorted(pages, key=lambda page: sort_key(page[1])))
    name = html.escape(posixpath.basename(folder))
    return (f'<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f"<title>Các trang trong thư mục {name} - {html.escape(site_title)}</title>\n"
            "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
            "</style>\n</head>\n<body>\n"
            f'<p><a href="{home}">{html.escape(site_title)}: trang chủ</a></p>\n'
            f"<h1>Các trang trong thư mục {name}</h1>\n<ul>\n{items}\n</ul>\n</body>\n</html>\n")


@dataclass(frozen=True)
class _Plan:
    """What the offline copy holds: the site's files, the listings made for folders without an index.html."""

    files: dict[str, Path]
    listings: dict[str, str]
    folders: set[str]
    links: LinkRewriter

    @property
    def names(self) -> list[str]:
        return sorted([*self.files, *self.listings])


def _plan(site: Path, exclude: Iterable[str], site_title: str) -> _Plan:
    files = _site_files(site, exclude)
    folders = _folders(files)
    # What a folder's listing would hold, in the files' order: its pages, and its subfolders' index pages.
    held: dict[str, list[tuple[str, bool]]] = {}
    for relative in files:
        if relative.endswith(".html"):
            parent = posixpath.dirname(relative)
            held.setdefault(parent, []).append((relative, False))
            if relative.endswith("/" + INDEX):
                held.setdefault(posixpath.dirname(parent), []).append((relative, True))
    listings: dict[str, str] = {}
    for folder in sorted(folders - {""}):
        if posixpath.join(folder, INDEX) in files:
            continue
        pages = []
        for relative, subfolder in held.get(folder, []):
            text = files[relative].read_text(encoding="utf-8", errors="replace")
            if subfolder:
                child = posixpath.basename(posixpath.dirname(relative))
                pages.append((f"{child}/{INDEX}", _title(text, child).removesuffix(f" - {site_title}")))
            else:
                name = posixpath.basename(relative)
                pages.append((name, _title(text, name).removesuffix(f" - {site_title}")))
        if pages:
            listings[posixpath.join(folder, INDEX)] = folder_listing(folder, pages, site_title)
    return _Plan(files, listings, folders, LinkRewriter(folders.__contains__))


def _content(plan: _Plan, relative: str, transform: Callable[[str, str], str] | None) -> bytes:
    if relative in plan.listings:
        return plan.listings[relative].encode("utf-8")
    data = plan.files[relative].read_bytes()
    return _page_content(data, relative, plan.links, transform) if relative.endswith(".html") else data


def _page_content(data: bytes, relative: str, links: LinkRewriter,
                  transform: Callable[[str, str], str] | None) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    text = links.rewrite(text, relative)
    if transform is not None:
        text = transform(relative, text)
    return text.encode("utf-8")


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True)
class EarlyPages:
    """Pages of the copy packed before the site was finished (while the search index was still being written),
    with the folders their links were judged against and the size and time of each file they were read from."""

    folders: frozenset[str]
    members: dict[str, tuple[tuple[int, int], zipping.Packed]]


def pack_pages_early(site: Path, *, exclude: Iterable[str] = (), folders_to_come: Iterable[str] = (),
                     transform: Callable[[str, str], str] | None = None,
                     until: Callable[[], bool] = lambda: False) -> EarlyPages:
    """The HTML pages of the built site `site` packed as `make_offline_zip` packs them, in its order, until
    `until()` is true. `folders_to_come`: the folders the files still to be written will be in. The zip uses a
    page packed here only if the site's folders are then these and the page's file is unchanged."""
    files = _site_files(Path(site), exclude)
    folders = _folders(files) | set(folders_to_come)
    links = LinkRewriter(folders.__contains__)
    members: dict[str, tuple[tuple[int, int], zipping.Packed]] = {}
    for relative in sorted(files):
        if not relative.endswith(".html"):
            continue
        if until():
            break
        path = files[relative]
        stamp = _stamp(path)
        members[relative] = (stamp, zipping.pack(_page_content(path.read_bytes(), relative, links, transform),
                                                 False, _LEVEL))
    return EarlyPages(frozenset(folders), members)


def _early_members(early: EarlyPages | None, plan: _Plan, names: list[str]) -> dict[int, zipping.Packed]:
    if early is None or early.folders != plan.folders:
        return {}  # a link may now lead to a folder it did not lead to, or the reverse
    found: dict[int, zipping.Packed] = {}
    for n, name in enumerate(names):
        packed = early.members.get(name)
        if packed is not None and name in plan.files and _stamp(plan.files[name]) == packed[0]:
            found[n] = packed[1]
    return found


def make_offline_zip(site: Path, target: Path, build_date: date, *, exclude: Iterable[str] = (),
                     transform: Callable[[str, str], str] | None = None,
                     site_title: str = "Sổ tay tuyên truyền", jobs: int = 1,
                     early: EarlyPages | None = None) -> OfflineCopy:
    """Write the offline copy of the built site folder `site` to the zip `target` (written beside it first and
    renamed, so a reader never downloads half a zip). `exclude`: glob patterns of site-relative paths left out
    (the zip itself, when it is written inside the site). `transform(path, html)`: a last change to each HTML
    page, after its links are rewritten. `jobs` processes prepare and compress the files (the same zip whatever
    their number). `early`: pages `pack_pages_early` packed with the same `exclude` and `transform`, used where
    they still hold."""
    site = Path(site)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    exclude = list(exclude)
    for path in (target, Path(temporary)):  # never put the zip inside itself
        try:
            exclude.append(path.resolve().relative_to(site.resolve()).as_posix())
        except ValueError:
            pass
    try:
        plan = _plan(site, exclude, site_title)
        names = plan.names

        def prepare(n: int) -> tuple[bytes, bool]:
            return _content(plan, names[n], transform), posixpath.splitext(names[n])[1].lower() in _STORED

        members = zipping.pack_all(len(names), prepare, level=_LEVEL, jobs=jobs, work=target.parent,
                                   packed=_early_members(early, plan, names))
        top = folder_name(build_date)
        zipping.write_zip(Path(temporary), [f"{top}/{name}" for name in names], members, build_date)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return OfflineCopy(target, target.stat().st_size, len(names), sum(member.size for member in members))


# ---------------------------------------------------------------------------------------------------------------
# What the pages say of the copy
# ---------------------------------------------------------------------------------------------------------------

def fill_page_regions(pages: list[Path], regions: dict[str, str]) -> None:
    """Each of the HTML `pages` with its <!--sotay-offline:NAME--> regions filled (fill_regions). Only the file
    from its first region on is written again: on most pages that is the footer, at the end of the page."""
    for page in pages:
        with page.open("r+b") as handle:
            data = handle.read()
            start = data.find(_REGION_START)
            if start < 0:
                continue
            tail = data[start:]
            filled = fill_regions(tail.decode("utf-8"), regions).encode("utf-8")
            if filled != tail:
                handle.seek(start)
                handle.write(filled)
                handle.truncate()


def fill_regions(text: str, regions: dict[str, str]) -> str:
    """The text with each <!--sotay-offline:NAME--> region replaced by regions[NAME]."""
    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in regions:
            return match.group(0)
        return f"<!--sotay-offline:{name}-->{regions[name]}<!--/sotay-offline:{name}-->"
    return _REGION.sub(replace, text)
