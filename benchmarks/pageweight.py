"""First-view page weight in a real browser: every request a page makes, fetches included.

Debian's Chromium driven by Playwright (no browser download) loads the page from a local
server, waits until the network is idle, and sums every response body, raw and as gzip
(level 6, what a static host such as GitHub Pages sends for text; images count as they are).
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_BINARY = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff", ".woff2", ".pdf")


@dataclass
class FirstView:
    """What one first view of a page downloaded."""

    requests: int = 0
    raw: int = 0
    gz: int = 0
    urls: list[tuple[str, int]] = field(default_factory=list)

    def add(self, url: str, body: bytes) -> None:
        sent = len(body) if url.lower().endswith(_BINARY) else len(gzip.compress(body, 6))
        self.requests += 1
        self.raw += len(body)
        self.gz += sent
        self.urls.append((url, sent))


def launch(playwright: Any) -> Any:
    """A fresh Chromium context with an empty cache (a first visit)."""
    profile = tempfile.mkdtemp(prefix="drillbook-chromium-")
    return playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )


def _body(response: Any) -> bytes:
    """The response's bytes; a service worker's responses are not readable from Playwright,
    so those are fetched again (same bytes from a static server)."""
    try:
        body = bytes(response.body())
    except Exception:
        body = b""
    if not body and response.status == 200:
        try:
            with urllib.request.urlopen(response.url, timeout=30) as again:
                body = bytes(again.read())
        except OSError:
            pass
    return body


def first_view(url: str, settle_ms: int = 2000) -> FirstView:
    """Load `url` once in a fresh browser and count everything it transfers."""
    from playwright.sync_api import sync_playwright

    view = FirstView()
    with sync_playwright() as p:
        context = launch(p)
        try:
            page = context.new_page()
            bodies: list[Any] = []
            # On the context, so a service worker's own fetches count too (Chromium).
            context.on("response", lambda response: bodies.append(response))
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(settle_ms)  # a service worker installs after the load
            for response in bodies:
                view.add(response.url, _body(response))
        finally:
            context.close()
    return view


def site_first_view(site: Path, page: str) -> FirstView:
    """First view of `page` (a path like 'drills/x/') of a built site served locally."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        return first_view(f"http://127.0.0.1:{port}/{page}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
