"""Where a page comes from and when that source last changed: git dates and edit links for the forge.

No MkDocs here. Without git (an unpacked copy, a zip) there are simply no dates.
"""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

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


def repository_url(repo: Path, configured: str | None) -> str | None:
    """The forge URL pages link to for editing: configured, else the http(s) `origin` remote."""
    url = os.environ.get("SOTAY_REPO_URL") or configured
    if not url:
        remote = (_git(repo, "remote", "get-url", "origin") or "").strip()
        url = remote if remote.startswith(("https://", "http://")) else None
    return url.removesuffix(".git").rstrip("/") if url else None


def current_branch(repo: Path) -> str:
    return (os.environ.get("SOTAY_BRANCH") or (_git(repo, "rev-parse", "--abbrev-ref", "HEAD") or "").strip()
            or "main").replace("HEAD", "main")


def edit_url(base: str | None, template: str | None, branch: str, path: str) -> str | None:
    if not base:
        return None
    pattern = os.environ.get("SOTAY_EDIT_TEMPLATE") or template or EDIT_TEMPLATE_DEFAULT
    return f"{base}/{pattern.format(branch=branch, path=path)}"
