"""The benchmark's own arithmetic: marginal cost per drill, memory summed over a process tree."""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks.bench import Row, Run, ms_per_drill
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
