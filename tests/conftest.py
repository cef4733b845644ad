"""Shared fixtures: small throwaway projects built from tests/fixtures/ and the real vocabulary."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browsercheck import chromium, served

from generator.model.knowledge import KnowledgeBase
from generator.pipeline import load

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINI_MKDOCS = """\
site_name: Mini Drillbook
site_url: https://example.org/drillbook/
use_directory_urls: true
docs_dir: content
theme:
  name: material
  custom_dir: {overrides}
  font: false
plugins:
  - drillbook
nav:
  - Home: index.md
  - Library: drills/index.md
  - Principles: principles/index.md
  - Pain rules: guide/pain-rules.md
"""
# The Markdown configuration the site ships with, so tests render what is published.
MINI_MKDOCS += (
    "markdown_extensions:"
    + ((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[1])
    .split("\n\n")[0]
    .replace("{", "{{")
    .replace("}", "}}")
    + "\n"
)


def make_project(dest: Path, source: Path = FIXTURES / "mini") -> Path:
    """Copy a fixture project into `dest`, with the repo's vocabularies and pages it links to."""
    shutil.copytree(source, dest, dirs_exist_ok=True)
    data = dest / "content" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "content" / "_data" / "vocabularies.yaml", data / "vocabularies.yaml")
    (dest / "content" / "guide").mkdir(exist_ok=True)
    for page, text in {
        "index.md": "# Mini\n\n[Library](drills/index.md)\n",
        "guide/pain-rules.md": "# Pain rules\n\nStop on sharp pain.\n",
        "guide/scheduling.md": "# Scheduling\n\nWhen each block goes in the week.\n",
        "contributing.md": "# Contribute\n\nSend a drill.\n",
    }.items():
        target = dest / "content" / page
        if not target.exists():
            target.write_text(text, encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        MINI_MKDOCS.format(overrides=REPO / "overrides"), encoding="utf-8"
    )
    return dest


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A small valid project (3 drills, 2 principles) in a temporary folder."""
    return make_project(tmp_path / "proj")


@pytest.fixture
def write(mini: Path) -> Callable[[str, str], Path]:
    """Write a file into the mini project and return its path."""

    def _write(rel: str, text: str) -> Path:
        path = mini / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per test run and shared by every module and
    xdist worker (the tests that use it only read it)."""
    from sitecheck import drillbook

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / "repo-site"
    with (shared / "repo-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "index.html").exists():
            result = drillbook("build", "--site-dir", str(site), cwd=REPO)
            assert result.returncode == 0, result.stderr
    return site


# Shared by the modules that read the repository's knowledge base or drive a browser.
@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    """The repository's own knowledge base, loaded once per module."""
    result = load(REPO)
    assert result.kb is not None
    return result.kb


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, one per module."""
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base(repo_site: Path) -> Iterator[str]:
    """The repository's site served on a free local port (its base URL)."""
    with served(repo_site) as url:
        yield url
