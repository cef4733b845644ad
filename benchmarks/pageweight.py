"""First-view page weight in a real browser: every request a page makes, fetches included.

Debian's Chromium driven by Playwright (no browser download) loads the page from a local
server, waits until the network is idle, and sums every response body, raw and as gzip
(level 6, what a static host such as GitHub Pages sends for text; images count as they are).
`site_search_queries` counts the same way what each search costs: the search dialog's script and
Pagefind's files fetched from the click on the search button until the results show.
"""

from __future__ import annotations

import gzip
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def _served(site: Path) -> Iterator[str]:
    """`site` on a local static server; yields its base URL."""
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
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def site_first_view(site: Path, page: str) -> FirstView:
    """First view of `page` (a path like 'drills/x/') of a built site served locally."""
    with _served(site) as base:
        return first_view(base + page)


def search_queries(url: str, queries: list[str], timeout_s: float = 30) -> list[FirstView]:
    """Open `url`, then search each query in turn with the header's search button: what each
    one fetches over the network (the first also the dialog's script, styles and word list and
    Pagefind's engine; every one the index chunks of its words and its results' fragments)."""
    from playwright.sync_api import sync_playwright

    views: list[FirstView] = []
    with sync_playwright() as p:
        context = launch(p)
        try:
            page = context.new_page()
            page.goto(url, wait_until="networkidle")
            page.wait_for_timeout(500)
            bodies: list[Any] = []
            # A response the service worker answered is counted as the worker's own fetch.
            context.on("response", lambda r: None if r.from_service_worker else bodies.append(r))
            page.locator("button.db-search-open").click()
            box = page.locator("input.db-search__input")
            box.wait_for(timeout=timeout_s * 1000)  # the dialog's script loads on the click
            for query in queries:
                bodies.clear()
                page.evaluate("document.querySelector('.db-search__results').textContent = ''")
                box.fill(query)
                deadline = time.monotonic() + timeout_s
                while not page.locator(".db-search__result").count():
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"no search results for {query!r} at {url}")
                    page.wait_for_timeout(100)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                view = FirstView()
                for response in list(bodies):
                    view.add(response.url, _body(response))
                views.append(view)
        finally:
            context.close()
    return views


def site_search_queries(site: Path, page: str, queries: list[str]) -> list[FirstView]:
    """`search_queries` on a built site served locally."""
    with _served(site) as base:
        return search_queries(base + page, queries)


def folder_gz(folder: Path) -> int:
    """Every file under `folder`, gzipped at level 6 as `FirstView` counts them (bytes)."""
    total = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            binary = path.name.lower().endswith(_BINARY)
            total += len(data) if binary else len(gzip.compress(data, 6, mtime=0))
    return total
