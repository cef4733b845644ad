"""Edit-to-preview, measured from outside as a contributor meets it: a real `drillbook serve`,
a real edit of a drill file, and HTTP requests polling the drill's page until the edit shows."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

POLL_S = 0.05


@dataclass
class Preview:
    """Seconds from a save to the served page showing it."""

    start_s: float  # from launch to the first page served
    edit_s: float  # a drill's summary edited: until the page shows the new text
    error_s: float  # the drill broken: until its page shows the problem banner
    fixed_s: float  # the drill fixed again: until the banner is gone


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(check: Callable[[], bool], timeout: float) -> float:
    start = time.perf_counter()
    while not check():
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"preview: nothing changed within {timeout:.0f} s")
        time.sleep(POLL_S)
    return time.perf_counter() - start


def _mount(project: Path) -> str:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    found = re.search(r"(?m)^site_url:\s*(\S+)", text)
    return urlsplit(found.group(1)).path if found else "/"


def measure_preview(project: Path, drill_id: str, env: dict[str, str]) -> Preview:
    """Start `drillbook serve` on `project`, then edit, break and fix `drills/<drill_id>.yaml`."""
    port = _free_port()
    page = f"http://127.0.0.1:{port}{_mount(project)}drills/{drill_id}/"
    drill = project / "drills" / f"{drill_id}.yaml"
    good = drill.read_text(encoding="utf-8")
    cmd = [sys.executable, "-m", "generator.adapters.cli", "--root", str(project)]
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*cmd, "serve", "--addr", f"127.0.0.1:{port}"], stdout=log, stderr=log, env=env
        )
        try:
            _until(lambda: "<html" in _get(page), timeout=1800)
            start_s = time.perf_counter() - started
            edited = re.sub(r"(?m)^summary: ", "summary: Edited for the benchmark. ", good, count=1)
            drill.write_text(edited, encoding="utf-8")
            edit_s = _until(lambda: "Edited for the benchmark." in _get(page), timeout=1800)
            drill.write_text(edited.replace("\nbreathing:", "\nbreathng:"), encoding="utf-8")
            error_s = _until(lambda: "drillbook-problems" in _get(page), timeout=600)
            drill.write_text(edited, encoding="utf-8")
            fixed_s = _until(lambda: "drillbook-problems" not in _get(page), timeout=1800)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            drill.write_text(good, encoding="utf-8")
    return Preview(start_s, edit_s, error_s, fixed_s)


def measure_start(project: Path, env: dict[str, str]) -> float:
    """Seconds from launching `drillbook serve` with no PDF cache (every PDF renders cold, in the
    background) to the home page served."""
    port = _free_port()
    page = f"http://127.0.0.1:{port}{_mount(project)}"
    cmd = [sys.executable, "-m", "generator.adapters.cli", "--root", str(project), "serve"]
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*cmd, "--addr", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=log,
            env={**env, "DRILLBOOK_CACHE": "0"},
        )
        try:
            _until(lambda: "<html" in _get(page), timeout=1800)
            return time.perf_counter() - started
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _memory_kb(pid: int) -> int:
    """A process's proportional set size (PSS: its own pages, plus its share of pages it
    shares), or its resident size where the kernel has no smaps_rollup. RSS summed over a
    parent and its forked PDF workers would count every copy-on-write page the workers
    inherited once per process: at 5,000 drills that reported 2.3 GB for a tree using less."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8")
        found = re.search(r"^Pss:\s*(\d+)", rollup, re.M)
        if found:
            return int(found.group(1))
    except OSError:
        pass
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    found = re.search(r"VmRSS:\s*(\d+)", status)
    return int(found.group(1)) if found else 0


def tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, in KB (from /proc): the sum of their
    proportional set sizes (`_memory_kb`), so pages shared after a fork count once."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            total += _memory_kb(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


if __name__ == "__main__":  # pragma: no cover
    root, drill_id = Path(sys.argv[1]), sys.argv[2]
    print(measure_preview(root, drill_id, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}))
