"""The benchmark's synthetic projects are valid: `drillbook check --strict` passes on one."""

from __future__ import annotations

from pathlib import Path

import yaml
from sitecheck import drillbook

from benchmarks.synthetic import write_project

REPO = Path(__file__).resolve().parent.parent


def test_synthetic_project_passes_strict_check(tmp_path: Path) -> None:
    real = len(list((REPO / "drills").glob("*.yaml")))
    project = write_project(REPO, tmp_path / "p", real + 12)
    result = drillbook("check", "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"ok: {real + 12} drills")
    # copies point at copies of the same family, never back at the real drills
    copies = sorted((project / "drills").glob("*-2.yaml"))
    assert len(copies) == 12
    for path in copies:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["name"].endswith(" 2")
        for rel in ("progressions", "regressions", "substitutes", "related"):
            assert all(other.endswith("-2") for other in data[rel]), (path.name, rel)
