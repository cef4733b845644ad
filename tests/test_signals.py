"""A build stopped by a real signal leaves nothing running and nothing behind.

`drillbook build` runs as a subprocess on the real project with the PDF cache off (so its two
PDF workers are busy for a while); once they exist it gets SIGTERM or SIGKILL. No worker may
survive, the previous site stays as it was, and the next build removes the leftover folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitecheck import ENV

from generator.adapters.mkdocs_site import remove_stale_builds

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()
    return fields[0], int(fields[1])


def _running(pid: int) -> bool:
    found = _stat(pid)
    return found is not None and found[0] not in ("Z", "X")


def _children(pid: int) -> list[int]:
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (found := _stat(int(entry.name))) and found[1] == pid:
            kids.append(int(entry.name))
    return kids


def _start_build(site: Path) -> subprocess.Popen[str]:
    env = {**ENV, "DRILLBOOK_CACHE": "0"}
    return subprocess.Popen(
        [sys.executable, "-m", "generator.adapters.cli", "build", "--site-dir", str(site)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_workers(proc: subprocess.Popen[str], count: int = 2) -> list[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        kids = [k for k in _children(proc.pid) if _running(k)]
        if len(kids) >= count:
            time.sleep(0.5)  # let them pick up jobs
            return kids
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the build never started its PDF workers")


def _assert_all_gone(pids: list[int], seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while any(_running(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p for p in pids if _running(p)] == []


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site")
    return site


def _leftovers(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.glob(".site-*"))


def test_sigterm_stops_workers_and_removes_its_folder(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    proc = _start_build(site)
    workers = _wait_for_workers(proc)
    assert [n.split("-")[1] for n in _leftovers(tmp_path)] == [str(proc.pid)]  # its own
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.splitlines()[-1] == "build stopped (SIGTERM); the site was not changed"
    assert "Traceback" not in err
    _assert_all_gone(workers)
    assert _leftovers(tmp_path) == []
    assert (site / "index.html").read_text() == "previous site"


def test_sigkill_leaves_no_worker_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    site = _previous_site(tmp_path)
    proc = _start_build(site)
    workers = _wait_for_workers(proc)
    proc.kill()
    proc.communicate(timeout=30)
    _assert_all_gone(workers)
    stale = _leftovers(tmp_path)
    assert len(stale) == 1 and stale[0].startswith(f".site-{proc.pid}-")
    assert (site / "index.html").read_text() == "previous site"

    again = _start_build(site)  # the next build removes the stale folder first
    more = _wait_for_workers(again)
    assert stale[0] not in _leftovers(tmp_path)
    assert _leftovers(tmp_path)[0].startswith(f".site-{again.pid}-")
    again.send_signal(signal.SIGINT)  # Ctrl-C cleans up the same way
    _, err = again.communicate(timeout=30)
    assert again.returncode == 128 + signal.SIGINT, err
    assert err.splitlines()[-1] == "build stopped (Ctrl-C); the site was not changed"
    _assert_all_gone(more)
    assert _leftovers(tmp_path) == []
    assert (site / "index.html").read_text() == "previous site"


def test_stale_folders_of_live_processes_are_kept(tmp_path: Path) -> None:
    mine = tmp_path / f".site-{os.getpid()}-abc"
    other = tmp_path / ".site-notapid"
    dead = subprocess.Popen([sys.executable, "-c", ""])
    dead.wait()
    gone = tmp_path / f".site-{dead.pid}-xyz"
    for folder in (mine, other, gone):
        folder.mkdir()
        (folder / "index.html").write_text("x")
    assert remove_stale_builds(tmp_path) == [gone]
    assert _leftovers(tmp_path) == sorted([mine.name, other.name])
