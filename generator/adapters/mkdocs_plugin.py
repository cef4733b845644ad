"""The MkDocs plugin: with `mkdocs_site` and `mkdocs_preview`, the only modules that import
mkdocs.

It validates before anything is written (`on_pre_build` runs before MkDocs cleans `site/`),
adds the generated pages in memory with `File.generated`, and watches the data folders in
`mkdocs serve`. Everything else is the pure core.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import pipeline
from generator.adapters import search_index
from generator.adapters.page_links import page_relative
from generator.load.layout import CONSUMED_PREFIXES
from generator.load.problems import fails, format_all
from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs import figure_workers, figures, offline
from generator.outputs.html_allowlist import check_html, source_file
from generator.outputs.pdf import BackgroundPdfs, cache_dir_for

log = logging.getLogger("mkdocs.plugins.drillbook")


class DrillbookConfig(Config):
    root = opt.Optional(opt.Type(str))
    strict = opt.Type(bool, default=False)


class DrillbookPlugin(BasePlugin[DrillbookConfig]):
    """Generates drill, principle, region, use and equipment pages from the data files."""

    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None
        self.pdfs: BackgroundPdfs | None = None
        self.root = Path.cwd()
        self.generated: set[str] = set()
        # `drillbook serve` checks the data before each build and hands the result over.
        self.preloaded: pipeline.LoadResult | None = None
        self.outputs: pipeline.Outputs | None = None
        # `drillbook serve` takes the PDFs still rendering instead of waiting for them.
        self.defer_pdfs: Callable[[BackgroundPdfs, Path], None] | None = None

    def _project_root(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / self.config.root).resolve() if self.config.root else base

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = self._project_root(config)
        if not config.use_directory_urls:
            raise PluginError(
                f"{config.config_file_path or 'mkdocs.yml'}: 'use_directory_urls: false' is not "
                "supported: Drillbook's links, QR codes, calendars and open data use directory "
                "URLs (drills/<id>/). Fix: set 'use_directory_urls: true' in mkdocs.yml (or "
                "remove the line)."
            )
        return config

    def site(self, config: MkDocsConfig) -> SiteInfo:
        """Where the site lives and how its files are edited, from mkdocs.yml."""
        try:
            docs = Path(config.docs_dir).resolve().relative_to(self.root).as_posix()
        except ValueError:
            docs = ""
        return SiteInfo(
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            edit_uri=config.edit_uri or "",
            docs_dir=docs,
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        result = self.preloaded or pipeline.load(self.root)
        self.preloaded = None
        strict = bool(self.config.strict or config.strict)
        if result.kb is None or fails(result.problems, strict=strict):
            raise PluginError(
                "Drillbook data has problems; nothing was built.\n" + format_all(result.problems)
            )
        for problem in result.problems:
            log.warning(problem.format())
        self.kb = result.kb

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.kb is not None
        figure_workers.start(self.kb)  # the figures are drawn beside the build (and waited for)
        try:
            out = pipeline.build(self.kb, self.root, self.site(config))
            figure_workers.finish(self.kb)  # every figure in hand; the workers stop
        except figures.FigureError as exc:
            raise PluginError(str(exc)) from exc
        self.outputs = out
        self.generated = set(out.pages)
        for file in list(files):
            if file.src_uri in out.pages or file.src_uri.startswith(CONSUMED_PREFIXES):
                files.remove(file)
        for file in generated_files(config, out):
            files.append(file)
        # The PDFs render in worker processes while MkDocs renders the pages; `drillbook serve`
        # starts them only once the site is written, so they do not slow its first page down.
        if self.defer_pdfs is None:
            self.pdfs = BackgroundPdfs(out.pdf_jobs, cache_dir_for(self.root))
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Point 'edit this page' at the drill's YAML file rather than a generated page, and make
        a generated page's raw-HTML URLs relative to its URL (`page_links`)."""
        uri = page.file.src_uri
        if uri in self.generated:
            try:
                markdown = page_relative(markdown, uri, config.use_directory_urls)
            except ValueError as exc:
                raise PluginError(str(exc)) from exc
        if uri.startswith("drills/") and uri != "drills/index.md":
            page.edit_url = self.site(config).edit_url(f"drills/{Path(uri).stem}.yaml") or None
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fail the build when a page's content HTML leaves the allowlist (never strip); then
        put the drill figures into their slots."""
        findings = check_html(html)
        if findings:
            generated = page.file.generated_by is not None or page.file.abs_src_path is None
            source = source_file(page.file.src_uri, self.kb.files if self.kb else {}, generated)
            raise PluginError(
                f"{source}: the page {page.file.src_uri} renders HTML outside the allowlist; "
                "nothing was published:\n" + "\n".join(f"  {f.format()}" for f in findings[:20])
            )
        if self.kb is None:
            return html
        uri, directory_urls = page.file.src_uri, config.use_directory_urls
        try:  # the drill figures go in now, each checked by the allowlist once (outputs/figures)
            return figures.fill_figures(
                html, self.kb, lambda block: page_relative(block, uri, directory_urls)
            )
        except figures.FigureError as exc:
            raise PluginError(str(exc)) from exc

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        # serve: each PDF is written when ready; the search index and sw.js by the preview
        if self.defer_pdfs is not None:
            jobs = self.outputs.pdf_jobs if self.outputs else {}
            self.defer_pdfs(BackgroundPdfs(jobs, cache_dir_for(self.root)), site_dir)
            return
        if self.pdfs is not None:
            for src_uri, data in self.pdfs.results().items():
                (site_dir / src_uri).write_bytes(data)
        self.pdfs = None
        # Pagefind reads the written pages; the service worker is versioned by everything the
        # build wrote, the search index included, so it comes last.
        try:
            stats = search_index.index_site(site_dir)
        except search_index.SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
        log.debug("Search index: %d pages in %.2f s", stats.pages, stats.seconds)
        write_service_worker(site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        figure_workers.stop()
        if self.pdfs is not None:
            self.pdfs.close()
            self.pdfs = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # From the config, not self.root: `drillbook serve` calls this before any build.
        root = self._project_root(config)
        for folder in ("drills", "content/_data"):
            path = root / folder
            if path.exists():
                server.watch(str(path))
        return server


def generated_files(config: MkDocsConfig, out: pipeline.Outputs) -> list[File]:
    """The generated pages, then the files and PDFs in path order (a PDF is an empty
    placeholder until it is rendered, so links to it are checked meanwhile)."""
    made = [File.generated(config, uri, content=text) for uri, text in out.pages.items()]
    for src_uri in sorted([*out.files, *out.pdf_jobs]):
        made.append(File.generated(config, src_uri, content=out.files.get(src_uri, b"")))
    return made


def write_service_worker(site_dir: Path, snapshot: dict[str, bytes] | None = None) -> None:
    """Write `sw.js`, versioned by every file in the site (read from disk unless given)."""
    if snapshot is None:
        snapshot = {
            p.relative_to(site_dir).as_posix(): p.read_bytes()
            for p in site_dir.rglob("*")
            if p.is_file() and not offline.UNHASHED.search(p.name)
        }
    (site_dir / offline.SW_PATH).write_text(offline.service_worker(snapshot), encoding="utf-8")
