"""The benchmark's own arithmetic: marginal cost per drill, memory summed over a process tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks.bench import Row, Run, ms_per_drill
from benchmarks.features import track_step, without_poses
from benchmarks.preview import tree_rss_kb


def _row(drills: int, build_s: float) -> Row:
    return Row(drills, build=Run(build_s, 0.0, ""))


def test_ms_per_drill_is_the_marginal_cost_between_sizes() -> None:
    rows = [_row(100, 8.0), _row(1000, 17.0), _row(5000, 57.0)]
    assert ms_per_drill(rows, 0) is None  # no size before the first
    assert ms_per_drill(rows, 1) == 10.0  # (17 - 8) s / 900 drills
    assert ms_per_drill(rows, 2) == 10.0  # fixed costs cancel: not 57 s / 5,000 = 11.4 ms


def test_tree_rss_counts_the_children_too() -> None:
    alone = tree_rss_kb(os.getpid())
    hold = "b = bytearray(80 * 1024 * 1024); import time; time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", hold])
    try:
        deadline = 200
        while tree_rss_kb(os.getpid()) < alone + 60 * 1024 and deadline:
            subprocess.run(["sleep", "0.05"], check=True)
            deadline -= 1
        assert tree_rss_kb(os.getpid()) >= alone + 60 * 1024
        assert tree_rss_kb(child.pid) >= 60 * 1024
    finally:
        child.kill()
        child.wait()


def test_without_poses_drops_only_the_poses(mini: Path, tmp_path: Path) -> None:
    bare = without_poses(mini, tmp_path / "bare")
    for path in sorted((mini / "drills").glob("*.yaml")):
        before = yaml.safe_load(path.read_text(encoding="utf-8"))
        after = yaml.safe_load((bare / "drills" / path.name).read_text(encoding="utf-8"))
        before.pop("poses", None)
        assert after == before
    assert any("\nposes:" in p.read_text() for p in (mini / "drills").glob("*.yaml"))


def test_track_step_times_the_track_features_inside_a_real_build(
    mini: Path, tmp_path: Path
) -> None:
    times = track_step(mini, tmp_path / "site")
    assert (tmp_path / "site" / "sw.js").is_file()  # the build really ran
    assert 0 < times["track"] < times["total"]
