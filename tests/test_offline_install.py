"""A machine without internet can install and build: `./setup.sh wheels` prepares a folder of every wheel the
project needs (this needs PyPI, once: about 90 MB, kept in pytest's cache for later runs), then a copy of the
project, with the package index switched off and any network use made to fail, installs from that folder alone
into a fresh venv and builds the site, exactly as the README tells a new user to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .sites import ROOT, building

SOURCES = ["mkdocs.yml", "pyproject.toml", "constraints.txt", "README.md", "setup.sh", "data", "docs", "macros",
           "overrides"]
# Any attempt to reach the network goes to a closed port on this machine.
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
              "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "VIRTUAL_ENV", "SOTAY_", "PYTHONPATH"))}
    # The machine's pip configuration (extra indexes, find-links) must not help.
    return {**env, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", **extra}


@pytest.mark.network
@pytest.mark.site
def test_install_and_build_from_a_wheel_folder_without_the_index(tmp_path: Path, request: pytest.FixtureRequest
                                                                  ) -> None:
    wheelhouse = Path(request.config.cache.mkdir("sotay-wheelhouse"))
    fetched = subprocess.run(["bash", str(ROOT / "setup.sh"), "wheels", str(wheelhouse)], cwd=ROOT,
                             env=_env(PYTHON=sys.executable), capture_output=True, text=True, timeout=900)
    if fetched.returncode != 0:
        reason = f"./setup.sh wheels failed (is PyPI reachable?): {fetched.stderr[-2000:]}"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    assert "PIP_NO_INDEX=1 PIP_FIND_LINKS=" in fetched.stderr  # it tells what to do next
    wheels = {p.name.split("-")[0].lower() for p in wheelhouse.iterdir()}
    assert {"mkdocs", "mkdocs_material", "playwright", "pytest", "pip", "setuptools", "wheel"} <= wheels

    project = tmp_path / "sotay"
    project.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    (project / "wheelhouse").symlink_to(wheelhouse)

    # What the README says to run on the machine without internet.
    building("./setup.sh build")
    built = subprocess.run(["./setup.sh", "build"], cwd=project, capture_output=True, text=True, timeout=900,
                           env=_env(PYTHON=sys.executable, PIP_NO_INDEX="1", PIP_FIND_LINKS="wheelhouse",
                                    SOTAY_PDF="0", SOTAY_BUILD_DATE="2024-05-01", **NO_NETWORK))
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-5000:]
    venv = project / ".venv"
    assert (venv / "bin" / "sotay").exists()
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
                               capture_output=True, text=True, env=_env(), check=True).stdout
    assert "mkdocs-material==" in installed
    site = project / "site"
    assert (site / "index.html").is_file()
    assert (site / "tai-ve" / "so-tay-tuyen-truyen-2024-05-01.zip").is_file()
    assert (site / "su-kien" / "ky-niem-70-nam-chien-thang-dien-bien-phu" / "index.html").is_file()
