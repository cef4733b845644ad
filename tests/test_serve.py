"""`drillbook serve` as a contributor meets it: a real server, real HTTP requests, a broken save."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import make_project

DRILLBOOK = Path(sys.executable).with_name("drillbook")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _poll(check: Callable[[], bool], timeout: float) -> float:
    """Seconds until `check()` is true; fails the test after `timeout`."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if check():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    pytest.fail(f"not true within {timeout} s")


class Server:
    """A running `drillbook serve` and everything it has printed so far."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.log = root / "serve.log"
        self._out = self.log.open("wb")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.proc = subprocess.Popen(
            # From another folder with --root: the watched folders must follow --root.
            [str(DRILLBOOK), "--root", str(root), "serve", "--addr", f"127.0.0.1:{self.port}"],
            cwd=root.parent,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.base = f"http://127.0.0.1:{self.port}/drillbook/"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(make_project(tmp_path / "project"))
    try:
        _poll(lambda: "Serving on" in running.output(), timeout=60)
        yield running
    finally:
        running.stop()


def test_serve_prints_its_address_and_build_time(server: Server) -> None:
    out = server.output()
    assert f"Serving on http://127.0.0.1:{server.port}/drillbook/" in out
    assert "Documentation built in" in out
    assert "Knee rock" in _get(server.base + "drills/knee-rock/")


def test_a_broken_save_shows_the_problem_and_keeps_the_last_good_site(server: Server) -> None:
    drill = server.log.parent / "drills" / "knee-rock.yaml"
    page = server.base + "drills/knee-rock/"
    good = drill.read_text(encoding="utf-8")
    assert "drillbook-problems" not in _get(page)

    drill.write_text(good.replace("\nbreathing:", "\nbreathng:"), encoding="utf-8")
    waited = _poll(lambda: "drillbook-problems" in _get(page), timeout=15)
    html = _get(page)
    assert "drills/knee-rock.yaml:27:1: unknown key" in html
    assert "rename it to" in html
    assert "Knee rock" in html  # the last good page is still there under the banner
    assert "Hip circle" in _get(server.base + "drills/hip-circle/")
    out = server.output()
    assert "drills/knee-rock.yaml:27:1: unknown key 'breathng'" in out
    assert "fix: rename it to 'breathing'" in out
    # The save-to-error path does no build; generous for a shared 2-core machine.
    assert waited < 5

    drill.write_text(good, encoding="utf-8")
    _poll(lambda: "drillbook-problems" not in _get(page), timeout=30)
    assert "Knee rock" in _get(page)


def test_serve_starts_on_broken_data_and_recovers(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    drill = root / "drills" / "knee-rock.yaml"
    good = drill.read_text(encoding="utf-8")
    drill.write_text(good.replace("\nbreathing:", "\nbreathng:"), encoding="utf-8")
    running = Server(root)
    try:
        _poll(lambda: "Serving on" in running.output(), timeout=60)
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(running.base + "drills/knee-rock/")
        assert b"unknown key" in missing.value.read()
        drill.write_text(good, encoding="utf-8")
        _poll(lambda: "Knee rock" in _get(running.base + "drills/knee-rock/"), timeout=30)
    finally:
        running.stop()
