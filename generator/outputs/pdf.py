"""The WeasyPrint adapter: print-ready HTML -> PDF bytes, deterministic, cached and parallel.

WeasyPrint writes no creation date unless the HTML asks for one and no random file identifier
(`pdf_identifier=False`), and it embeds subset fonts; so the same HTML gives the same bytes.
That makes a content-addressed cache safe: `.cache/pdf/<sha256 of HTML + WeasyPrint version>`.

A site build does not wait for its PDFs: producers return `PdfJob`s, the MkDocs adapter starts
them in worker processes (`BackgroundPdfs`) while MkDocs renders the pages, and writes them into
the site at the end.

Workers never outlive the build: each asks Linux to kill it when its parent dies
(PR_SET_PDEATHSIG) and, everywhere, a watchdog thread exits it once its parent is gone, so a
build killed by SIGKILL leaves nothing running. `stop_background` cancels what is still queued.
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from generator.outputs.files import PdfJob, write_atomic

CACHE_DIR = Path(".cache") / "pdf"
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_SECONDS = 0.5
_LIVE: weakref.WeakSet[BackgroundPdfs] = weakref.WeakSet()


def html_to_pdf(html: str) -> bytes:
    """Render a standalone HTML document (inline CSS, figures as data: URLs) to PDF. The
    fetcher allows data: URLs only, so a sheet never loads anything from a network or disk."""
    from weasyprint import HTML  # imported late: 0.6 s, only when a PDF is made
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=("data",))
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(pdf_identifier=False)


def cache_dir_for(root: Path) -> Path | None:
    """The project's PDF cache, unless DRILLBOOK_CACHE=0 turns caching off."""
    if os.environ.get("DRILLBOOK_CACHE", "1") == "0":
        return None
    return root / CACHE_DIR


def cached_pdf(html: str, cache: Path | None) -> bytes:
    """`html_to_pdf`, reusing an earlier result for the very same HTML and WeasyPrint."""
    if cache is None:
        return html_to_pdf(html)
    import weasyprint

    key = hashlib.sha256(f"{weasyprint.__version__}\n{html}".encode()).hexdigest()
    path = cache / f"{key}.pdf"
    if path.is_file():
        return path.read_bytes()
    data = html_to_pdf(html)
    write_atomic(path, data)  # a parallel build never reads half a file
    return data


def render_jobs(jobs: dict[str, PdfJob], cache: Path | None) -> dict[str, bytes]:
    """Render every job now (in this process), in path order."""
    return {path: cached_pdf(job.html, cache) for path, job in sorted(jobs.items())}


def die_with_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the process that started the pool is gone.

    Ctrl-C reaches the whole process group: the parent handles it and stops the workers, so they
    ignore SIGINT; SIGTERM (the parent's own handler is inherited by fork) ends them quietly.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Fallback where there is no PR_SET_PDEATHSIG: poll the parent pid, exit when it changes."""
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def stop_background() -> None:
    """Cancel every queued PDF of every live pool (on Ctrl-C or SIGTERM); no waiting."""
    for pdfs in list(_LIVE):
        pdfs.close(wait=False)


class BackgroundPdfs:
    """PDF jobs rendered in worker processes while the caller does other work."""

    def __init__(self, jobs: dict[str, PdfJob], cache: Path | None) -> None:
        self._futures: dict[str, Future[bytes]] = {}
        self._pool: ProcessPoolExecutor | None = None
        if not jobs:
            return
        workers = min(2, os.cpu_count() or 1, len(jobs))
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
        _LIVE.add(self)
        # The workers fork at the first submit and inherit the build's whole heap. Frozen, it is
        # never walked by their garbage collector, whose full collections would otherwise touch,
        # and so copy, every inherited object (about 2.8 s of the workers' CPU at 1,000 drills).
        gc.freeze()
        try:
            # Largest first, so the last job to finish is a short one.
            for path, job in sorted(jobs.items(), key=lambda kv: (-len(kv[1].html), kv[0])):
                self._futures[path] = self._pool.submit(cached_pdf, job.html, cache)
        finally:
            gc.unfreeze()  # the parent's own objects are collected as usual

    def results(self) -> dict[str, bytes]:
        """Wait for every PDF; a failure in a worker is raised here."""
        try:
            return {path: self._futures[path].result() for path in sorted(self._futures)}
        finally:
            self.close()

    def paths(self) -> list[str]:
        return sorted(self._futures)

    def deliver(self, write: Callable[[str, bytes], None]) -> threading.Thread:
        """Hand each PDF to `write` as soon as it is ready (from a daemon thread), then stop the
        workers: `drillbook serve` serves the site without waiting for its PDFs."""
        by_future = {future: path for path, future in self._futures.items()}

        def run() -> None:
            try:
                for future in as_completed(by_future):
                    try:
                        data = future.result()
                    except Exception as exc:  # cancelled, or a worker failed: say so, go on
                        print(f"PDF {by_future[future]} not rendered: {exc}", file=sys.stderr)
                        continue
                    write(by_future[future], data)
            finally:
                self.close()

        thread = threading.Thread(target=run, name="drillbook-pdfs", daemon=True)
        thread.start()
        return thread

    def close(self, wait: bool = True) -> None:
        """Cancel the jobs not started; with `wait`, wait for the running ones, else stop the
        workers now (an interrupted build must not render PDFs nobody will write)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            _LIVE.discard(self)
            # No public API to stop a worker before Python 3.14 (terminate_workers).
            workers = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=wait, cancel_futures=True)
            if not wait:
                for worker in workers:
                    if worker.is_alive():
                        worker.terminate()
                for worker in workers:
                    worker.join(timeout=5)
