"""The ready CI configurations, the pre-commit hook and CODEOWNERS say what the issue asks, and their
commands exist; CI's quick tests are the fast suite, whose marks are registered."""

from __future__ import annotations

import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from .sites import FAST_SUITE, ROOT, SLOW_MARKS

WORKFLOWS = [".github/workflows/sotay.yml", ".forgejo/workflows/sotay.yml", ".gitea/workflows/sotay.yml"]


def scripts_of(path: str) -> str:
    config = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    if path == ".gitlab-ci.yml":
        return "\n".join(str(line) for job in config.values() if isinstance(job, dict) for line in job.get("script", []))
    return "\n".join(step.get("run", "") + str(step.get("uses", "")) for job in config["jobs"].values()
                     for step in job.get("steps", []))


@pytest.mark.parametrize("path", [".gitlab-ci.yml", *WORKFLOWS])
def test_forge_config_checks_builds_tests_and_keeps_a_preview(path: str) -> None:
    text = scripts_of(path)
    assert "sotay check --refuse-marks --format" in text  # a draft still marked "KIỂM TRA" is refused
    assert "./setup.sh build" in text  # sotay build: checks data, then mkdocs build --strict
    assert "pytest" in text
    raw = (ROOT / path).read_text(encoding="utf-8")
    assert "site/" in raw and ("upload-artifact" in raw or "artifacts:" in raw)
    assert "SOTAY_PUBLISH_DIR" in raw


@pytest.mark.parametrize("path", [".gitlab-ci.yml", *WORKFLOWS])
def test_forge_config_runs_the_fast_suite(path: str) -> None:
    assert f'.venv/bin/python -m pytest -q -m "{FAST_SUITE}"' in scripts_of(path)


def test_the_marks_of_the_fast_suite_are_registered() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    registered = {line.split(":")[0] for line in settings["markers"]}
    assert registered == set(SLOW_MARKS)
    assert "--strict-markers" in settings["addopts"]
    assert FAST_SUITE == " and ".join(f"not {mark}" for mark in ("site", "browser", "network", "benchmark"))


def test_workflow_triggers_on_pull_requests_and_main() -> None:
    for path in WORKFLOWS:
        config = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
        triggers = config[True] if True in config else config["on"]  # YAML 1.1 reads the key `on` as true
        assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]


def test_pre_commit_hook_command_runs(mini_data: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    entry = shlex.split(next(h for h in hooks if h["id"] == "sotay-check")["entry"])
    assert entry[:2] == [".venv/bin/sotay", "check"]
    command = [sys.executable, "-m", "macros.cli.main", *entry[1:], "data/milestones/chien-thang-dien-bien-phu.yml"]
    result = subprocess.run(command, cwd=mini_data.parent, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    # A data file that still carries a mark of `sotay import` is refused, with the file and line named.
    path = mini_data / "milestones" / "chien-thang-dien-bien-phu.yml"
    path.write_text(path.read_text(encoding="utf-8") + "# KIỂM TRA: ngày lấy từ dòng 3 của tệp gốc\n",
                    encoding="utf-8")
    result = subprocess.run(command, cwd=mini_data.parent, capture_output=True, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert result.stdout.startswith('data/milestones/chien-thang-dien-bien-phu.yml:7:1: còn dấu "KIỂM TRA" của sotay '
                                    'import: ngày lấy từ dòng 3 của tệp gốc; hãy đối chiếu với văn bản gốc, sửa nếu '
                                    'cần, rồi xóa dòng chú thích này'), result.stdout


def test_codeowners_protects_code_and_configuration() -> None:
    owned = {line.split()[0] for line in (ROOT / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    assert {"/macros/", "/overrides/", "/mkdocs.yml", "/.ci/", "/.github/", "/.gitlab-ci.yml", "/.forgejo/",
            "/.gitea/"} <= owned
    assert "/data/" not in owned and "/docs/" not in owned


@pytest.mark.parametrize("path", [".gitlab-ci.yml", *WORKFLOWS])
def test_forge_config_builds_with_the_second_engine(path: str) -> None:
    text = scripts_of(path)
    assert '.venv/bin/pip install -q -c constraints.txt -e ".[test,engine2]"' in text
    assert ".venv/bin/python -m pytest -q tests/test_second_engine.py" in text
    assert (ROOT / "tests" / "test_second_engine.py").is_file()


def test_the_full_suite_installs_the_second_engine() -> None:
    # ./setup.sh test (the README's test command, what .ci/run runs) installs ProperDocs: its comparison is part of
    # the full suite, and fails under CI when ProperDocs is missing instead of being skipped.
    setup = (ROOT / "setup.sh").read_text(encoding="utf-8")
    assert 'if [ "$command" = test ]; then extras="[test,engine2]"; fi' in setup
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["engine2"] == ["properdocs~=1.6.7"]
    assert "properdocs==1.6.7" in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
