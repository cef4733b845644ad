"""The `drillbook` command's exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

from sitecheck import drillbook


def test_check_ok(mini: Path) -> None:
    result = drillbook("check", cwd=mini)
    assert result.returncode == 0
    assert result.stdout.strip() == "ok: 3 drills, 2 principles"


def test_check_typo_in_key(mini: Path) -> None:
    path = mini / "drills/hip-circle.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("setup:", "stup:"), encoding="utf-8")
    result = drillbook("check", cwd=mini)
    assert result.returncode == 1
    assert (
        "drills/hip-circle.yaml:17:1: unknown key 'stup' (did you mean 'setup'?)" in result.stdout
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_check_formats(mini: Path) -> None:
    path = mini / "drills/hip-circle.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: 1", "level: 7"), encoding="utf-8"
    )
    gh = drillbook("check", "--format", "github", cwd=mini)
    assert gh.returncode == 1
    assert gh.stdout.startswith("::error file=drills/hip-circle.yaml,line=8,col=8::")
    js = drillbook("check", "--format", "json", cwd=mini)
    data = json.loads(js.stdout)
    assert data[0]["path"] == "drills/hip-circle.yaml" and data[0]["line"] == 8


def test_export_writes_markdown(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = drillbook("export", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    assert (docs / "drills/knee-rock.md").read_text(encoding="utf-8").count("Knee rock") >= 1
    assert (docs / "principles/ankle-work.md").exists()
    assert (docs / "guide/pain-rules.md").exists()  # hand-written pages come along
    assert not (docs / "_data").exists()  # the data the generator consumes does not
    assert "- drillbook" not in (out / "mkdocs.yml").read_text(encoding="utf-8")
