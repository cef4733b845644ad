"""tests/browsercheck.py finds Chromium from DRILLBOOK_CHROMIUM, PATH or Playwright's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from browsercheck import find_chromium


def _exe(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_env_var_wins(tmp_path: Path) -> None:
    chosen = _exe(tmp_path, "my-chrome")
    _exe(tmp_path, "chromium")
    env = {"PATH": str(tmp_path), "DRILLBOOK_CHROMIUM": str(chosen)}
    assert find_chromium(env) == str(chosen)


def test_env_var_that_is_not_a_browser_says_so(tmp_path: Path) -> None:
    env = {"PATH": str(tmp_path), "DRILLBOOK_CHROMIUM": str(tmp_path / "nope")}
    with pytest.raises(RuntimeError, match=r"DRILLBOOK_CHROMIUM=.* is not an executable browser"):
        find_chromium(env)


@pytest.mark.parametrize("name", ["chromium", "chromium-browser", "google-chrome"])
def test_path_names(tmp_path: Path, name: str) -> None:
    found = _exe(tmp_path, name)
    assert find_chromium({"PATH": str(tmp_path)}) == str(found)


def test_nothing_found_means_playwrights_managed_browser(tmp_path: Path) -> None:
    assert find_chromium({"PATH": str(tmp_path)}) is None
