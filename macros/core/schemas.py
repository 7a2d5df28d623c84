"""JSON Schemas of the data files, generated from the model's field declarations (one source of truth).

Editors' tools (VS Code's YAML extension, other yaml-language-server clients) read the
`# yaml-language-server: $schema=…` first line of each data file and offer completion, hover help and
inline errors from these schemas. `sotay schema` writes them; a test checks they are current.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from .fields import Nested
from .kinds import BY_FOLDER, KINDS, Kind

SCHEMA_DIR = "schemas"  # inside data/
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def build_schema(kind: Kind) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    record = Nested(kind.record).json(defs)
    schema: dict[str, Any] = {"$schema": DIALECT, "$id": f"{kind.schema}.schema.json", "title": kind.schema_title}
    if kind.many:
        schema.update({"type": "array", "items": record})
    else:
        # One record per file: its properties at the root, where editors look first.
        schema.update({k: v for k, v in defs.pop(kind.record.__name__).items() if k != "title"})
    schema["$defs"] = defs
    return schema


def render_schemas() -> dict[str, str]:
    """File name → JSON text, stable (sorted keys, trailing newline) so the repository copy can be compared."""
    return {f"{kind.schema}.schema.json": json.dumps(build_schema(kind), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n" for kind in KINDS}


def write_schemas(data_dir: Path) -> list[Path]:
    target = data_dir / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(data_dir: Path) -> list[str]:
    """Schema files that are missing or differ from what the model generates."""
    return [name for name, text in render_schemas().items()
            if not (data_dir / SCHEMA_DIR / name).is_file()
            or (data_dir / SCHEMA_DIR / name).read_text(encoding="utf-8") != text]


def kind_for(relative: str) -> Kind | None:
    """The schema kind of a data file, from its path relative to data/ ("events/x.yml", "organisations.yml")."""
    parts = relative.split("/")
    key = parts[0] if len(parts) == 2 else parts[0].rsplit(".", 1)[0] if len(parts) == 1 else ""
    return BY_FOLDER.get(key)


def schema_line(relative: str) -> str | None:
    """The first line a data file should carry, e.g. `# yaml-language-server: $schema=../schemas/event.schema.json`."""
    kind = kind_for(relative)
    if kind is None:
        return None
    here = posixpath.dirname(relative)
    target = posixpath.relpath(f"{SCHEMA_DIR}/{kind.schema}.schema.json", here or ".")
    return f"{SCHEMA_LINE_PREFIX}{target}"
