"""The WeasyPrint adapter: print-ready HTML -> PDF bytes, deterministic, cached and parallel.

WeasyPrint writes no creation date unless the HTML asks for one and no random file identifier
(`pdf_identifier=False`), and it embeds subset fonts; so the same HTML gives the same bytes.
That makes a content-addressed cache safe: `.cache/pdf/<sha256 of HTML + WeasyPrint version>`.

A site build does not wait for its PDFs: producers return `PdfJob`s, the MkDocs adapter starts
them in worker processes (`BackgroundPdfs`) while MkDocs renders the pages, and writes them into
the site at the end.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from generator.outputs.files import PdfJob, write_atomic

CACHE_DIR = Path(".cache") / "pdf"


def html_to_pdf(html: str) -> bytes:
    """Render a standalone HTML document (inline CSS, no external files) to PDF."""
    from weasyprint import HTML  # imported late: 0.6 s, only when a PDF is made

    return HTML(string=html, base_url=None).write_pdf(pdf_identifier=False)


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


class BackgroundPdfs:
    """PDF jobs rendered in worker processes while the caller does other work."""

    def __init__(self, jobs: dict[str, PdfJob], cache: Path | None) -> None:
        self._futures: dict[str, Future[bytes]] = {}
        self._pool: ProcessPoolExecutor | None = None
        if not jobs:
            return
        workers = min(2, os.cpu_count() or 1, len(jobs))
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        # Largest first, so the last job to finish is a short one.
        for path, job in sorted(jobs.items(), key=lambda kv: (-len(kv[1].html), kv[0])):
            self._futures[path] = self._pool.submit(cached_pdf, job.html, cache)

    def results(self) -> dict[str, bytes]:
        """Wait for every PDF; a failure in a worker is raised here."""
        try:
            return {path: self._futures[path].result() for path in sorted(self._futures)}
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
