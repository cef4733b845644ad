"""Build and serve the site with MkDocs (the plugin in `mkdocs_plugin` does the Drillbook part).

With the plugin, the only module that imports mkdocs; the CLI calls it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


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
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        build(config)
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


def serve_site(root: Path, addr: str) -> int:
    """Serve the site with live reload."""
    from mkdocs.commands.serve import serve

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    serve(str(root / "mkdocs.yml"), dev_addr=addr, livereload=True)
    return 0
