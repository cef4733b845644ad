"""A built site served on 127.0.0.1 and a Chromium driven by Playwright, for browser tests.

No browser download: Playwright drives the first Chromium found (`find_chromium`): the
DRILLBOOK_CHROMIUM environment variable, then `chromium`, `chromium-browser` or `google-chrome`
on PATH, then Playwright's own managed browser if `playwright install chromium` fetched one.
axe-core comes pinned from npm (package.json); `run_axe` injects it into the page and returns
its violations.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ENV = "DRILLBOOK_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve `site` with `python -m http.server`; yields the base URL ('http://127.0.0.1:N/')."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the site server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def find_chromium(env: dict[str, str] | None = None) -> str | None:
    """The Chromium to drive: $DRILLBOOK_CHROMIUM, else the first of CHROMIUM_NAMES on PATH;
    None means Playwright's managed browser (if installed)."""
    env = dict(os.environ) if env is None else env
    chosen = env.get(CHROMIUM_ENV, "").strip()
    if chosen:
        found = shutil.which(chosen, path=env.get("PATH"))
        if found is None:
            raise RuntimeError(f"{CHROMIUM_ENV}={chosen!r} is not an executable browser")
        return found
    for name in CHROMIUM_NAMES:
        found = shutil.which(name, path=env.get("PATH"))
        if found:
            return found
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright Browser): see find_chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        path = find_chromium()
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def set_palette(page: Any, scheme: str) -> None:
    """Switch the page to the 'default' (light) or 'slate' (dark) palette with its toggle."""
    current = page.evaluate("document.body.dataset.mdColorScheme")
    if current != scheme:
        page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === {scheme!r}")


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the current page: [{id, impact, help, nodes: [selector, ...]}]."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return list(
        page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
                }));
            }"""
        )
    )
