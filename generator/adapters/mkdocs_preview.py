"""The incremental preview behind `drillbook serve`: one full MkDocs build, then each save
re-renders only what changed.

After a full build the preview keeps MkDocs' config, theme environment, Files and navigation,
and the generator's last `Outputs` (and each page's entries for MkDocs' own search plugin, when
a configuration still uses it). On a save of drill, principle, routine or program files it
builds the new Outputs, diffs them against the last (pages whose Markdown changed, files whose
bytes changed, PDF jobs whose HTML changed, pages added or removed), and runs only those pages
through MkDocs' own page pipeline (`_populate_page`, `_build_page`), then rewrites the theme's
static templates (sitemap, 404) and the service worker. Pagefind then re-indexes the site in a
background thread (`_SearchIndexer`): the edited page is served without waiting for the search
index, which follows a moment later. Anything else (mkdocs.yml, overrides, vocabularies and
other data files, a hand-written page added or removed, a page of the navigation added,
removed or retitled) gets a full build. PDFs render in worker processes and are written into
the site as each completes; until then the server answers their URL with 503 (`pending`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, set_exclusions
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.adapters import search_index
from generator.adapters.mkdocs_plugin import DrillbookPlugin, generated_files, write_service_worker
from generator.load.layout import CONSUMED_PREFIXES
from generator.outputs import offline
from generator.outputs.files import write_atomic
from generator.outputs.pdf import BackgroundPdfs, cache_dir_for

log = logging.getLogger("mkdocs.drillbook")
# Source folders (relative to the project root) whose changes the generator turns into pages.
DATA_PREFIXES = ("drills/",)
DOCS_DATA = ("principles/", "routines/", "programs/")


class _Recorder(BasePlugin):  # type: ignore[type-arg]
    """Registered after every other plugin: keeps the build's Files, navigation and theme
    environment, and the search entries each page added."""

    def __init__(self, search: Any) -> None:
        self.search = search
        self.files: Files | None = None
        self.nav: Any = None
        self.env: Any = None
        self.entries: dict[str, list[dict[str, Any]]] = {}
        self.mark = 0

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        return env

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        if self.search is not None:
            entries = self.search.search_index.entries
            self.entries[page.file.src_uri] = entries[self.mark :]
            self.mark = len(entries)
        return context


@dataclass
class _Diff:
    """What a new Outputs changes against the last one."""

    pages: list[str] = field(default_factory=list)  # changed or added Markdown
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)  # pages, files and PDFs gone
    files: list[str] = field(default_factory=list)  # changed or added bytes
    jobs: dict[str, Any] = field(default_factory=dict)  # PDFs whose HTML changed


def diff_outputs(old: pipeline.Outputs, new: pipeline.Outputs) -> _Diff:
    """Pages, files and PDF jobs of `new` that differ from `old`, and what `old` had alone."""
    d = _Diff()
    d.pages = [uri for uri, text in new.pages.items() if old.pages.get(uri) != text]
    d.added = set(new.pages) - set(old.pages)
    d.files = [uri for uri, data in new.files.items() if old.files.get(uri) != data]
    d.jobs = {
        uri: job
        for uri, job in new.pdf_jobs.items()
        if uri not in old.pdf_jobs or old.pdf_jobs[uri].html != job.html
    }
    d.removed = set(old.paths()) - set(new.paths())
    return d


def _fingerprints(folders: list[Path], files: list[Path], root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file under `folders` and of `files`, by root-relative path."""
    found: dict[str, tuple[int, int]] = {}
    paths = [p for p in files if p.is_file()]
    for folder in folders:
        for base, _dirs, names in os.walk(folder):
            paths += [Path(base) / name for name in names]
    for path in paths:
        st = path.stat()
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = path.as_posix()
        found[rel] = (st.st_mtime_ns, st.st_size)
    return found


class _SearchIndexer:
    """Runs Pagefind over the preview site in a background thread after each build, one run at
    a time: a build finishing during a run asks for one more run, which then sees its pages.
    Each run replaces `pagefind/` in one rename and then calls `after` (the service worker)."""

    def __init__(self, after: Callable[[], None]) -> None:
        self.after = after
        self._cond = threading.Condition()
        self._wanted = self._done = 0
        self._site: Path | None = None
        self._thread: threading.Thread | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._closed = False

    def request(self, site_dir: Path) -> None:
        with self._cond:
            if self._closed:
                return
            self._wanted += 1
            self._site = site_dir
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._cond:
                if self._done >= self._wanted or self._site is None or self._closed:
                    self._thread = None
                    self._cond.notify_all()
                    return
                target, site = self._wanted, self._site
            try:
                stats = search_index.index_site(site, background=True, on_start=self._started)
                log.debug("Search index: %d pages in %.2f s", stats.pages, stats.seconds)
                self.after()
            except Exception as exc:  # the preview goes on without a fresh index
                if not self._closed:
                    log.warning("Search index not updated: %s", exc)
            with self._cond:
                self._done = target
                self._cond.notify_all()

    def _started(self, proc: subprocess.Popen[str]) -> None:
        with self._cond:
            self._proc = proc
            if self._closed:
                proc.terminate()

    def wait(self, timeout: float) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._done >= self._wanted or self._closed, timeout)

    def close(self, timeout: float = 10) -> None:
        """Stop: no more runs, and a running Pagefind is terminated (the server is going)."""
        with self._cond:
            self._closed = True
            proc, thread = self._proc, self._thread
            self._cond.notify_all()
        if proc is not None and proc.poll() is None:
            proc.terminate()
        if thread is not None:
            thread.join(timeout)


class SitePreview:
    """The site in `site_dir`, kept up to date by `rebuild(result)` after each checked save."""

    def __init__(self, root: Path, get_config: Callable[[], MkDocsConfig], serve_url: str) -> None:
        self.root = root
        self.get_config = get_config
        self.serve_url = serve_url
        self.config: MkDocsConfig | None = None
        self.recorder: _Recorder | None = None
        self.outputs: pipeline.Outputs | None = None
        self.sources: dict[str, tuple[int, int]] = {}
        self.pending: dict[str, object] = {}  # PDF path -> the render that may write it
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._pools: list[BackgroundPdfs] = []
        self._snapshot: dict[str, tuple[int, int, bytes]] = {}
        self._sw_lock = threading.Lock()
        self.search = _SearchIndexer(self._write_service_worker)

    # -- which kind of build -------------------------------------------------------------

    def _scan(self, config: MkDocsConfig) -> dict[str, tuple[int, int]]:
        folders = [self.root / "drills", Path(config.docs_dir)]
        custom = config.theme.custom_dir
        if custom:
            folders.append(Path(custom))
        return _fingerprints(folders, [Path(config.config_file_path or "")], self.root)

    def _docs_rel(self, rel: str) -> str | None:
        assert self.config is not None
        docs = Path(self.config.docs_dir).resolve()
        try:
            return (self.root / rel).resolve().relative_to(docs).as_posix()
        except ValueError:
            return None

    def _edited_pages(self, now: dict[str, tuple[int, int]]) -> set[str] | None:
        """Hand-written pages edited since the last build, or None when the change needs a full
        build (anything but drills, principles, routines, programs and edited pages)."""
        changed = {p for p in now.keys() | self.sources.keys() if now.get(p) != self.sources.get(p)}
        pages: set[str] = set()
        for rel in changed:
            if rel.startswith(DATA_PREFIXES):
                continue
            docs = self._docs_rel(rel)
            if docs is None or docs.startswith(CONSUMED_PREFIXES[0]):
                return None
            if docs.startswith(DOCS_DATA):
                continue
            if docs.endswith(".md") and rel in now and rel in self.sources:
                pages.add(docs)
                continue
            return None
        return pages

    def rebuild(self, result: pipeline.LoadResult) -> str:
        """Bring the site up to date with checked data; says what it did."""
        started = time.perf_counter()
        edited = None
        if self.config is not None and self.outputs is not None:
            now = self._scan(self.config)
            edited = self._edited_pages(now)
        if edited is not None:
            try:
                done = self._update(result, edited, now)
            except Exception as exc:
                log.warning("Incremental update failed (%s); building everything", exc)
                done = None
            if done is not None:
                took = time.perf_counter() - started
                log.info("Updated %s in %.2f seconds", done, took)
                return "incremental"
        self.full(result)
        return "full"

    def quick(self, result: pipeline.LoadResult) -> bool:
        """When the save only edited drill files (none added or removed), write just those
        drills' own pages and say so; the caller then runs `rebuild` for the pages that list
        them (library, regions, routines...), the search index and the service worker."""
        config, rec, old = self.config, self.recorder, self.outputs
        if config is None or rec is None or rec.files is None or old is None or not result.kb:
            return False
        now = self._scan(config)
        changed = {p for p in now.keys() | self.sources.keys() if now.get(p) != self.sources.get(p)}
        ids = sorted(Path(p).stem for p in changed)
        uris = [f"drills/{drill_id}.md" for drill_id in ids]
        ours = {uri for uri in old.pages if uri.startswith("drills/")}
        edits_only = all(p.startswith("drills/") and p.endswith(".yaml") for p in changed)
        if not changed or not edits_only or not changed <= self.sources.keys():
            return False
        if {f"drills/{d}.md" for d in result.kb.drills} | {"drills/index.md"} != ours:
            return False  # a drill added, removed or broken: the whole diff decides
        plugin = self._plugin(config)
        fresh = pipeline.drill_pages(result.kb, plugin.site(config), ids)
        fresh = {uri: text for uri, text in fresh.items() if old.pages.get(uri) != text}
        if not fresh or not set(uris) >= set(fresh):
            return False
        plugin.kb = result.kb
        for uri, text in fresh.items():
            file = rec.files.get_file_from_path(uri)
            assert file is not None
            file.content_string = text
        self._render_pages(config, rec.files, list(fresh), set())
        self.outputs = pipeline.Outputs({**old.pages, **fresh}, old.files, old.pdf_jobs)
        log.info("Updated %s; the pages that list it follow", ", ".join(fresh))
        return True

    # -- full build ------------------------------------------------------------------------

    def full(self, result: pipeline.LoadResult) -> None:
        """A whole MkDocs build; keeps what an update needs."""
        config = self.get_config()
        sources = self._scan(config)
        plugin = self._plugin(config)
        plugin.preloaded = result
        plugin.defer_pdfs = self._defer
        search = config.plugins.get("material/search") or config.plugins.get("search")
        recorder = _Recorder(search)
        config.plugins["drillbook-preview"] = recorder
        with self._lock:
            self.pending.clear()
        for pool in self._pools:  # a whole build renders every PDF again
            pool.close(wait=False)
        self._pools = []
        self.config = self.outputs = None
        build(config, serve_url=self.serve_url, dirty=False)
        self.config, self.recorder, self.outputs = config, recorder, plugin.outputs
        self.sources = sources
        with self._sw_lock:
            self._snapshot.clear()
        self._write_service_worker()
        self.search.request(Path(config.site_dir))

    @staticmethod
    def _plugin(config: MkDocsConfig) -> DrillbookPlugin:
        plugin = config.plugins["drillbook"]
        assert isinstance(plugin, DrillbookPlugin)
        return plugin

    # -- PDFs ------------------------------------------------------------------------------

    def _defer(self, pdfs: BackgroundPdfs, site_dir: Path) -> None:
        """Take a build's PDFs still rendering: remove their placeholders, write each when
        ready (the server answers 503 for a pending one)."""
        token = object()
        with self._lock:
            for path in pdfs.paths():
                self.pending[path] = token
                (site_dir / path).unlink(missing_ok=True)

        def write(path: str, data: bytes) -> None:
            with self._lock:
                if self.pending.get(path) is not token:
                    return  # a later build owns this path, or the site was rebuilt
                write_atomic(site_dir / path, data)
                del self.pending[path]

        self._pools.append(pdfs)
        self._threads.append(pdfs.deliver(write))

    def wait_for_pdfs(self, timeout: float = 300) -> None:
        """Wait until every PDF handed to a worker is written and the search index is up to
        date (tests, benchmarks)."""
        for thread in self._threads:
            thread.join(timeout)
        self._threads = [t for t in self._threads if t.is_alive()]
        self.search.wait(timeout)

    def is_pending(self, site_path: str) -> bool:
        with self._lock:
            return site_path in self.pending

    # -- incremental update ----------------------------------------------------------------

    def _update(
        self, result: pipeline.LoadResult, edited: set[str], now: dict[str, tuple[int, int]]
    ) -> str | None:
        """Re-render what changed; None when the change needs a full build."""
        config, rec, old = self.config, self.recorder, self.outputs
        assert config is not None and rec is not None and old is not None and result.kb
        assert rec.files is not None
        plugin = self._plugin(config)
        out = pipeline.build(result.kb, self.root, plugin.site(config))
        d = diff_outputs(old, out)
        nav_uris = {page.file.src_uri for page in rec.nav.pages}
        if (d.added | d.removed) & nav_uris:
            return None
        plugin.kb, plugin.generated = result.kb, set(out.pages)
        old_files = rec.files
        files = self._new_files(config, old_files, old, out, d)
        pages = self._render_pages(config, files, [*d.pages, *sorted(edited)], nav_uris)
        if pages is None:
            return None
        self._remove(config, old_files, d.removed)
        for uri in d.files:
            file = files.get_file_from_path(uri)
            assert file is not None
            file.copy_file()
        self._finish(config, files, d)
        self.outputs, self.sources = out, now
        return f"{len(pages)} pages, {len(d.files)} files, {len(d.jobs)} PDFs"

    def _new_files(
        self,
        config: MkDocsConfig,
        files: Files,
        old: pipeline.Outputs,
        out: pipeline.Outputs,
        d: _Diff,
    ) -> Files:
        """The Files a full build would have, in its order, reusing unchanged File objects."""
        ours = set(old.paths())
        kept = [f for f in files if f.src_uri not in ours]
        made = []
        for new in generated_files(config, out):
            current = files.get_file_from_path(new.src_uri)
            if current is None:
                made.append(new)
                continue
            if new.src_uri in out.pages and out.pages[new.src_uri] != old.pages[new.src_uri]:
                current.content_string = out.pages[new.src_uri]
            elif new.src_uri in out.files and out.files[new.src_uri] != old.files.get(new.src_uri):
                current.content_bytes = new.content_bytes
            made.append(current)
        fresh = Files([*kept, *made])
        set_exclusions(fresh, config)
        return fresh

    def _render_pages(
        self, config: MkDocsConfig, files: Files, uris: list[str], nav: set[str]
    ) -> list[str] | None:
        """Populate and write the given pages; None if a page of the navigation changed title."""
        rec = self.recorder
        assert rec is not None
        pages = []
        for uri in dict.fromkeys(uris):
            file = files.get_file_from_path(uri)
            assert file is not None
            page = file.page if file.page is not None else Page(None, file, config)
            title = page.title
            _populate_page(page, config, files)
            if uri in nav and page.title != title:
                return None
            pages.append(page)
        doc_files = files.documentation_pages()
        if rec.search is not None:
            rec.search.search_index.entries = []
        rec.mark = 0
        for page in pages:
            _build_page(page, config, doc_files, rec.nav, rec.env)
        rec.files = files
        return [page.file.src_uri for page in pages]

    def _remove(self, config: MkDocsConfig, files: Files, removed: set[str]) -> None:
        """Delete what the site no longer has (a page's folder too, once empty)."""
        assert self.recorder is not None
        for uri in removed:
            file = files.get_file_from_path(uri)
            self.recorder.entries.pop(uri, None)
            if file is None:
                continue
            dest = Path(file.abs_dest_path)
            dest.unlink(missing_ok=True)
            with self._lock:
                self.pending.pop(uri, None)
            if dest.parent != Path(config.site_dir):  # fails while the folder holds others
                with contextlib.suppress(OSError):
                    dest.parent.rmdir()

    def _finish(self, config: MkDocsConfig, files: Files, d: _Diff) -> None:
        """Search index, sitemap and 404 page, PDFs, and the service worker last."""
        rec = self.recorder
        assert rec is not None
        for name in config.theme.static_templates:
            _build_theme_template(name, rec.env, files, config, rec.nav)
        if rec.search is not None:
            rec.search.search_index.entries = [
                entry
                for file in files.documentation_pages()
                for entry in rec.entries.get(file.src_uri, [])
            ]
            rec.search.on_post_build(config=config)
        if d.jobs:
            self._defer(BackgroundPdfs(d.jobs, cache_dir_for(self.root)), Path(config.site_dir))
        self._write_service_worker()
        self.search.request(Path(config.site_dir))

    def _write_service_worker(self) -> None:
        """`sw.js` from every site file, re-reading only files whose mtime or size changed."""
        with self._sw_lock:
            self._write_service_worker_locked()

    def _write_service_worker_locked(self) -> None:
        assert self.config is not None
        site = Path(self.config.site_dir)
        snapshot: dict[str, bytes] = {}
        seen: dict[str, tuple[int, int, bytes]] = {}
        # A file written in the last two seconds is always read again: a same-size rewrite
        # inside one clock tick keeps its mtime, and a busy machine makes that likely.
        recent = time.time_ns() - 2_000_000_000
        for base, _dirs, names in os.walk(site):
            for name in names:
                path = Path(base) / name
                rel = path.relative_to(site).as_posix()
                # Dot files are temporary files of atomic writes (a PDF finishing meanwhile).
                if offline.UNHASHED.search(rel) or name.startswith("."):
                    continue
                try:
                    st = path.stat()
                except FileNotFoundError:  # renamed into place between the walk and the stat
                    continue
                known = self._snapshot.get(rel)
                stale = known is None or known[:2] != (st.st_mtime_ns, st.st_size)
                if stale or st.st_mtime_ns >= recent:
                    known = (st.st_mtime_ns, st.st_size, path.read_bytes())
                seen[rel] = known
                snapshot[rel] = known[2]
        self._snapshot = seen
        write_service_worker(site, snapshot)


def site_preview(root: Path, site_dir: str, addr: str, serve_url: str) -> SitePreview:
    """The preview of `root` in `site_dir` as `drillbook serve` runs it (not strict, site_url
    the server's address; each full build reads mkdocs.yml again)."""
    config_file = str(root / "mkdocs.yml")

    def get_config() -> MkDocsConfig:
        fresh = load_config(config_file, site_dir=site_dir, dev_addr=addr, strict=False)
        fresh.site_url = serve_url
        return fresh

    return SitePreview(root, get_config, serve_url)
