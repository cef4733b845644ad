"""The search index: Pagefind run over the finished site, after MkDocs has written it.

Pagefind (`pagefind[bin]` from the package index: a static binary, no Node) reads every page's
`data-pagefind-body` element (the article; `overrides/main.html`) and writes `pagefind/`: a
small entry file, a WebAssembly search engine, the word index split into chunks, and one
fragment per page. A query fetches the entry, the engine, the chunks holding its words and the
fragments of the results it shows, never the whole index. Same pages, same bytes.

Only this adapter runs Pagefind; the core never imports it. The browser side is
`assets/search.js` (`outputs/search.py`), which loads on the first wish to search.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.outputs import search

BUNDLE = "pagefind"
# What Pagefind writes that the site does not use: its own ready-made interfaces, and the
# engine for pages of no known language.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # pages are indexed as English (--force-language en)
)
# Left out of the index: the headings' permalink signs (¶) and the page's edit button.
EXCLUDE = ".headerlink, .md-content__button"
TIMEOUT_S = 1800
# The list of every file a query can fetch, for the service worker to keep when a runner keeps
# the site for offline use (site-relative paths).
OFFLINE_LIST = f"{BUNDLE}/drillbook-offline.json"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


@dataclass(frozen=True)
class IndexStats:
    pages: int
    files: int
    bytes: int
    seconds: float


def pagefind_executable() -> str:
    """The Pagefind binary installed with the `pagefind[bin]` dependency."""
    try:
        from pagefind_bin import get_executable
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SearchIndexError(
            "Pagefind is not installed: run `make install` (pip install -e .), which installs "
            "the `pagefind[bin]` dependency."
        ) from exc
    return str(get_executable())


def index_site(
    site_dir: Path,
    *,
    background: bool = False,
    on_start: Callable[[subprocess.Popen[str]], None] | None = None,
) -> IndexStats:
    """Index `site_dir` into `site_dir/pagefind/`, replacing any index there in one rename, so
    a server reading the site meanwhile sees the old index or the new one, never half of one.
    `background` (the preview) runs Pagefind at a lower CPU priority than the server, and
    `on_start` receives the process (so the preview can stop it when it shuts down)."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-pagefind-", dir=site_dir.parent))
    try:
        out = work / BUNDLE
        proc = subprocess.Popen(
            [
                pagefind_executable(),
                "--site",
                str(site_dir),
                "--output-path",
                str(out),
                "--force-language",
                "en",
                "--exclude-selectors",
                EXCLUDE,
                "--silent",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            if background and hasattr(os, "setpriority"):
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, proc.pid, 10)
            if on_start is not None:
                on_start(proc)
            stdout, stderr = proc.communicate(timeout=TIMEOUT_S)
        except BaseException as exc:  # a timeout, an interrupt: Pagefind must not outlive us
            proc.kill()
            stdout, stderr = proc.communicate()
            if not isinstance(exc, subprocess.TimeoutExpired):
                raise
            stderr += f"\nstopped after {TIMEOUT_S} s"
        if proc.returncode != 0 or not (out / "pagefind-entry.json").exists():
            raise SearchIndexError(
                f"Pagefind could not index {site_dir}:\n{stdout}{stderr}".rstrip()
            )
        for name in UNUSED:
            (out / name).unlink(missing_ok=True)
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        listed = [f"{BUNDLE}/{f}" for f in files]
        listed.append(search.WORDS_PATH)
        (out / Path(OFFLINE_LIST).name).write_text(
            json.dumps(listed, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = sum(lang.get("page_count", 0) for lang in entry.get("languages", {}).values())
        target = site_dir / BUNDLE
        if target.exists():
            old = work / "old"
            target.rename(old)
        out.rename(target)
        return IndexStats(pages, len(files) + 1, size, time.perf_counter() - started)
    finally:
        shutil.rmtree(work, ignore_errors=True)
