"""JSON Schemas for editors: generated from the model, kept current in data/schemas/, named by every data file,
and satisfied by the shipped data."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from macros.core.schemas import SCHEMA_DIR, kind_for, render_schemas, schema_line, stale_schemas

from .sites import ROOT

DATA = ROOT / "data"


def load_as_editor_tools_do(path: Path):
    """YAML 1.2 tools (yaml-language-server) read an unquoted 2024-05-07 as a string, not a date."""
    def undate(value):
        if isinstance(value, dict):
            return {k: undate(v) for k, v in value.items()}
        if isinstance(value, list):
            return [undate(v) for v in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value
    return undate(yaml.safe_load(path.read_text(encoding="utf-8")))


def data_files() -> list[Path]:
    return sorted(p for p in DATA.rglob("*.yml"))


def test_schemas_in_the_repository_are_current() -> None:
    assert stale_schemas(DATA) == [], "run: sotay schema"


def test_each_schema_is_a_valid_json_schema() -> None:
    for name, text in render_schemas().items():
        Draft202012Validator.check_schema(json.loads(text))


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.relative_to(DATA).as_posix())
def test_data_file_names_its_schema_and_satisfies_it(path: Path) -> None:
    relative = path.relative_to(DATA).as_posix()
    assert path.read_text(encoding="utf-8").split("\n", 1)[0] == schema_line(relative)
    kind = kind_for(relative)
    schema = json.loads((DATA / SCHEMA_DIR / f"{kind.schema}.schema.json").read_text(encoding="utf-8"))
    errors = sorted(Draft202012Validator(schema).iter_errors(load_as_editor_tools_do(path)), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize(("relative", "line"), [
    ("organisations.yml", "# yaml-language-server: $schema=schemas/organisations.schema.json"),
    ("documents.yml", "# yaml-language-server: $schema=schemas/documents.schema.json"),
    ("events/ky-niem-70-nam.yml", "# yaml-language-server: $schema=../schemas/event.schema.json"),
    ("plans/171-kh-btgtu.yml", "# yaml-language-server: $schema=../schemas/plan.schema.json"),
    ("tasks/nv-1.yml", "# yaml-language-server: $schema=../schemas/task.schema.json"),
    ("ghi-chu.yml", None),
])
def test_schema_line(relative: str, line: str | None) -> None:
    assert schema_line(relative) == line


@pytest.mark.parametrize(("mutation", "message"), [
    ({"nmae": "x"}, "Additional properties are not allowed ('nmae' was unexpected)"),
    ({"kind": "le-hoi"}, "'le-hoi' is not one of"),
    ({"year": "2024"}, "'2024' is not valid under any of the given schemas"),
])
def test_schema_reports_what_editors_should_see(mutation: dict, message: str) -> None:
    schema = json.loads(render_schemas()["event.schema.json"])
    event = load_as_editor_tools_do(DATA / "events" / "ky-niem-70-nam-chien-thang-dien-bien-phu.yml")
    errors = [e.message for e in Draft202012Validator(schema).iter_errors({**event, **mutation})]
    assert any(message in e for e in errors), errors


def test_schema_carries_vietnamese_help() -> None:
    schema = json.loads(render_schemas()["event.schema.json"])
    assert schema["properties"]["focus"]["description"] == "thời gian tuyên truyền sâu đậm"
    assert "sự kiện" in schema["title"].lower()
