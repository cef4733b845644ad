"""Build and serve the site with MkDocs (the plugin in `mkdocs_plugin` does the Drillbook part).

With the plugin, the only module that imports mkdocs; the CLI calls it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.outputs.pdf import stop_background

STOP_SIGNALS = ("SIGTERM", "SIGHUP")
_TMP_NAME = re.compile(r"^\.site-(?P<pid>[0-9]+)-")
# `drillbook serve` answers a PDF still rendering in the background with this (503).
PDF_PENDING = (
    b"<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=2>"
    b"<title>PDF being rendered</title><p>This PDF is being rendered for the preview. "
    b"Reload in a moment (this page tries again every 2 s).</p>"
)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread so every `finally` runs, as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextmanager
def stop_like_ctrl_c() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Stopped` (a KeyboardInterrupt) in this thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    known = [getattr(signal, name) for name in STOP_SIGNALS if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in known}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_builds(folder: Path) -> list[Path]:
    """Remove `.site-<pid>-*` folders left by interrupted builds whose process is gone."""
    removed = []
    for path in folder.glob(".site-*"):
        found = _TMP_NAME.match(path.name)
        if found and path.is_dir() and not _alive(int(found["pid"])):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _source_date_epoch(root: Path) -> str:
    """Dates in the build come from the last commit, so two builds give the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def _show_mkdocs_log() -> None:
    """MkDocs logs through `logging`; show its warnings and errors on stderr like `mkdocs` does."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)


def build_site(root: Path, site_dir: Path, strict: bool = True) -> int:
    """Build into a temporary folder and swap it in only on success: a failed build never
    leaves a half-written site behind."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    _show_mkdocs_log()  # the plugin validates and logs every problem before anything is written
    os.environ.setdefault("SOURCE_DATE_EPOCH", _source_date_epoch(root))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(site_dir.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=site_dir.parent))
    try:
        with stop_like_ctrl_c():
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
            build(config)
    except KeyboardInterrupt as exc:
        stop_background()
        shutil.rmtree(tmp, ignore_errors=True)
        how = exc.args[0] if isinstance(exc, Stopped) else "Ctrl-C"
        print(f"build stopped ({how}); the site was not changed", file=sys.stderr)
        return 128 + (exc.signum if isinstance(exc, Stopped) else signal.SIGINT)
    except Abort:  # MkDocs has logged the reason (for our data: every problem, with its fix)
        shutil.rmtree(tmp, ignore_errors=True)
        print("nothing was built; fix the problems above", file=sys.stderr)
        return 1
    except (PluginError, ConfigurationError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = site_dir.with_name(site_dir.name + ".old")
    if site_dir.exists():
        shutil.rmtree(old, ignore_errors=True)
        site_dir.rename(old)
    tmp.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"built {site_dir}")
    return 0


def _serve_logging() -> None:
    """Show MkDocs' INFO lines ("Serving on", "built in") like `mkdocs serve` does."""
    import logging

    from mkdocs.__main__ import ColorFormatter

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_drillbook", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(ColorFormatter())
        handler._drillbook = True  # type: ignore[attr-defined]
        logger.handlers = [handler]
        logger.propagate = False
    logger.setLevel(logging.INFO)


def _problems_banner(text: str) -> bytes:
    """The problems as an HTML banner shown on top of every served page."""
    from html import escape

    return (
        '<div id="drillbook-problems" role="alert" style="position:sticky;top:0;z-index:10000;'
        "margin:0;padding:1em 1.5em;background:#fff0f0;color:#600;border-bottom:3px solid #c00;"
        'font:14px/1.4 monospace;white-space:pre-wrap;max-height:60vh;overflow:auto">'
        "<strong>Drillbook: the data has problems, so this preview shows the last good build."
        "</strong>\n\n" + escape(text) + "\n\nSave the fixed file: this page reloads by itself."
        "</div>"
    ).encode()


def _preview_server(**kwargs: Any) -> Any:
    """A LiveReloadServer that puts the current problems on top of every HTML page it serves."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        problems = ""
        pending: Callable[[str], bool] = staticmethod(lambda path: False)

        def rebuild_soon(self) -> None:
            """Run the builder again as soon as this build is served."""
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            if path.startswith(self.mount_path) and self.pending(path[len(self.mount_path) :]):
                start_response(
                    "503 Service Unavailable",
                    [("Content-Type", "text/html; charset=utf-8"), ("Retry-After", "2")],
                )
                return [PDF_PENDING]
            return super()._serve_request(environ, start_response)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            if not self.problems:
                return content
            start = content.find(b"<body")
            at = content.find(b">", start) + 1 if start >= 0 else 0
            return content[:at] + _problems_banner(self.problems) + content[at:]

    return PreviewServer(**kwargs)


def _preview_builder(root: Path, server: Any, preview: Any) -> Callable[[], None]:
    """Check the data first: on problems, log each (path:line:col and fix) and keep serving the
    last good site with a banner; otherwise update the site with the checked data (only what
    the change touches, `mkdocs_preview.SitePreview`)."""
    import logging

    from generator import pipeline
    from generator.load.problems import fails, format_all

    log = logging.getLogger("mkdocs.drillbook")

    def builder() -> None:
        started = time.perf_counter()
        result = pipeline.load(root)
        took = time.perf_counter() - started
        if result.kb is not None:
            log.info(
                "Data checked in %.2f s: %d drills; building the site...",
                took,
                len(result.kb.drills),
            )
        if result.kb is None or fails(result.problems):
            server.problems = format_all(result.problems)
            log.error(
                "Drillbook data has problems; still serving the last good site:\n%s",
                server.problems,
            )
            return
        try:
            # The edited drill's page now, what lists it next; a fixed save clears the banner
            # at once, over the last good site, and the update follows.
            fixed = bool(server.problems) and preview.outputs is not None
            if preview.quick(result) or fixed:
                server.rebuild_soon()
            else:
                preview.rebuild(result)
        except Exception as exc:  # a preview must not hang on a failed build
            server.problems = f"The build failed: {exc}\n(the messages above in the terminal)"
            log.error("The build failed; the problems are shown on every page: %s", exc)
            return
        server.problems = ""

    return builder


def serve_site(root: Path, addr: str) -> int:
    """Serve the site with live reload; data problems show in the terminal and on every page
    while the last good site stays served, and the next good save clears them."""
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    from generator.adapters.mkdocs_preview import site_preview

    _serve_logging()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = tempfile.mkdtemp(prefix="drillbook-serve-")
    config_file = str(root / "mkdocs.yml")
    config = load_config(config_file, site_dir=site_dir, dev_addr=addr, strict=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    server = _preview_server(  # the watcher polls every 0.25 s (MkDocs: 0.5 s)
        builder=None,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=0.25,
    )
    preview = site_preview(root, site_dir, addr, serve_url)
    server.pending = preview.is_pending
    server.builder = _preview_builder(root, server, preview)
    server.error_handler = _error_page(Path(site_dir), server)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        server.builder()
        server.watch(config.docs_dir)
        server.watch(config_file)
        config.plugins.on_serve(server, config=config, builder=server.builder)
        try:
            with stop_like_ctrl_c():
                server.serve()
        except KeyboardInterrupt:
            print("Shutting down...", file=sys.stderr)
            stop_background()
        finally:
            server.shutdown()
    finally:
        preview.search.close()  # a Pagefind run must not outlive the site it reads
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _error_page(site_dir: Path, server: Any) -> Callable[[int], bytes | None]:
    """404 page: the site's own, or the problems when no good build exists yet."""

    def handler(code: int) -> bytes | None:
        if server.problems:
            return b"<!doctype html><title>Drillbook problems</title><body>" + _problems_banner(
                server.problems
            )
        page = site_dir / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    return handler
