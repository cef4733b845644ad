"""The folder tree is the pipeline: import contracts hold, and break when broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root)
    shutil.copytree(REPO / "generator", root / "generator", ignore=shutil.ignore_patterns("*.pyc"))
    return root


def test_contracts_hold_on_the_shipped_tree() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_module_importing_mkdocs_breaks_a_contract(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    module = root / "generator" / "model" / "drill.py"
    module.write_text(module.read_text() + "\nimport mkdocs  # noqa\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "The core never reaches MkDocs, WeasyPrint or icalendar BROKEN" in result.stdout
    assert "generator.model.drill -> mkdocs" in result.stdout


def test_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    module = root / "generator" / "load" / "layout.py"
    module.write_text(module.read_text() + "\nimport generator.render.environment  # noqa\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "Layers import only downward BROKEN" in result.stdout
