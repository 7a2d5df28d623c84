"""Where a page comes from and when that source last changed: git dates and edit links for the forge.

A repository address may carry a token (`https://user:token@host/…`, `?private_token=…`); it is cleaned before
any page sees it, and dropped when it cannot be. No MkDocs here. Without git (an unpacked copy, a zip) there are
simply no dates.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

EDIT_TEMPLATE_DEFAULT = "edit/{branch}/{path}"  # GitHub, Forgejo; GitLab uses "-/edit/{branch}/{path}"


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def last_changed(repo: Path, folders: tuple[str, ...] = ("data", "docs")) -> dict[str, date]:
    """Path (relative to the repository) → the date of the last commit that touched it, from one `git log`."""
    out = _git(repo, "log", "--format=%x00%cs", "--name-only", "--", *folders)
    dates: dict[str, date] = {}
    if not out:
        return dates
    current: date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = date.fromisoformat(line[1:])
        elif line.strip() and current is not None:
            dates.setdefault(line.strip(), current)  # newest first: keep the first seen
    return dates


def newest_under(dates: dict[str, date], folder: str) -> date | None:
    found = [d for path, d in dates.items() if path.startswith(folder.rstrip("/") + "/")]
    return max(found) if found else None


@dataclass(frozen=True)
class RepositoryAddress:
    """Where pages link to for editing, with any credentials removed; `warning` says why there is none."""

    url: str | None
    warning: str | None = None


def clean_url(url: str) -> str | None:
    """An http(s) address without what may carry a secret: user and password ("https://user:token@host"), query
    string ("?private_token=…") and fragment. None when it cannot be cleaned safely."""
    if any(ord(ch) < 0x21 or ch in "\\\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    cleaned = urlunsplit((parts.scheme.lower(), netloc, parts.path, "", ""))
    if "@" in cleaned or "%40" in cleaned.lower():
        return None  # an address that still names a user somewhere: do not guess what is secret in it
    return cleaned.removesuffix(".git").rstrip("/")


def repository_url(repo: Path, configured: str | None) -> RepositoryAddress:
    """The forge address pages link to for editing: the configured one (`repo_url` of the plugin, which
    SOTAY_REPO_URL sets), else the http(s) `origin` remote; always without credentials."""
    url = configured
    where = "repo_url (mkdocs.yml hoặc biến SOTAY_REPO_URL)"
    if not url:
        remote = (_git(repo, "remote", "get-url", "origin") or "").strip()
        if not remote.lower().startswith(("https://", "http://")):
            return RepositoryAddress(None)  # an ssh or local remote has no web page to edit on
        url, where = remote, "remote origin của git"
    cleaned = clean_url(url.strip())
    if cleaned is None:
        return RepositoryAddress(None, f"Cảnh báo: địa chỉ kho mã ở {where} không dùng được cho liên kết "
                                       "\"Sửa trang này\" (không phải http/https hoặc không bỏ được phần có thể chứa "
                                       "mật khẩu); trang web được dựng không có liên kết này.")
    return RepositoryAddress(cleaned)


def current_branch(repo: Path, configured: str | None = None) -> str:
    """The branch edit links open: the configured one (SOTAY_BRANCH), else git's current branch, else main."""
    return (configured or (_git(repo, "rev-parse", "--abbrev-ref", "HEAD") or "").strip()
            or "main").replace("HEAD", "main")


def edit_url(base: str | None, template: str | None, branch: str, path: str) -> str | None:
    if not base:
        return None
    pattern = template or EDIT_TEMPLATE_DEFAULT
    return f"{base}/{pattern.format(branch=branch, path=path)}"
