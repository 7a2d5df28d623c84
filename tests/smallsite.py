"""A small real project for tests that need many builds: the mini data set (tests/fixtures/mini), a home page and
one page under test, the project's own mkdocs.yml (nav cut down), hooks, theme overrides and assets, built
in-process with MkDocs' own `build` in strict mode. A build takes about a second, so a table of cases can each
have a real build of its own."""

from __future__ import annotations

import logging
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .conftest import FIXTURES, ROOT

TEST_PAGE = "thu-nghiem.md"
HOME = "# Sổ tay thử nghiệm\n\n{{ data_summary() }}\n"
GUIDES = ("xuat-ban.md", "giay-phep.md", "nginx-sotay.conf")


def make_project(where: Path, page: str | None = None, data: Path | None = None) -> Path:
    """A project folder: data/ (a copy of `data`, default the mini set), docs/ with index.md, assets and, when
    `page` is given, docs/thu-nghiem.md holding it; mkdocs.yml pointing at the project's hooks and overrides."""
    project = where / "project"
    shutil.copytree(data or FIXTURES / "mini", project / "data")
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    (project / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    (project / "docs" / "huong-dan").mkdir()
    for name in GUIDES:  # the offline-copy page links to these
        shutil.copy(ROOT / "docs" / "huong-dan" / name, project / "docs" / "huong-dan" / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^  - macros/plugin/(\w+\.py)$", lambda m: f"  - {ROOT / 'macros' / 'plugin' / m.group(1)}", config, flags=re.M)
    config = config.replace("  custom_dir: overrides\n", f"  custom_dir: {ROOT / 'overrides'}\n")
    nav = "nav:\n  - Trang chủ: index.md\n  - ky-niem-sap-toi.md\n" + "".join(f"  - huong-dan/{n}\n" for n in GUIDES if n.endswith(".md"))
    if page is not None:
        (project / "docs" / TEST_PAGE).write_text(page, encoding="utf-8")
        nav += f"  - Thử nghiệm: {TEST_PAGE}\n"
    config = re.sub(r"^nav:\n(?:  .*\n)+", nav, config, flags=re.M)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


@dataclass
class Build:
    ok: bool
    log: str  # every message MkDocs and the project logged at WARNING and above, one per line
    site: Path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(project: Path, site: Path | None = None, **env: str) -> Build:
    """`mkdocs build --strict` of `project` in this process; never raises for a failed build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = site or project.parent / "site"
    collect = _Collect()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("sotay")]
    for logger in loggers:
        logger.addHandler(collect)
    values = {"SOTAY_BUILD_DATE": "2024-05-01", "NO_MKDOCS_2_WARNING": "true", **env}
    ok = False
    try:
        with _environment(values):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
            mkdocs_build(config)
            ok = True
    except (MkDocsException, SystemExit) as error:
        collect.lines.append(str(error))
    finally:
        for logger in loggers:
            logger.removeHandler(collect)
    return Build(ok, "\n".join(collect.lines), site)


def site_text(site: Path) -> str:
    """Every text file of the built site and of the offline zip inside it, as one string (for leak checks)."""
    import zipfile

    parts: list[str] = []
    for path in sorted(site.rglob("*")) if site.exists() else []:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        elif path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)
