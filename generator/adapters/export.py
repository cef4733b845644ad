"""`drillbook export DIR`: the whole site source for an engine that runs no MkDocs plugins.

DIR/docs holds the hand-written pages of content/ (without the data files the generator
consumes) merged with every generated page and file, PDFs rendered. DIR/mkdocs.yml is the
project's own configuration without the drillbook plugin and with plain paths for `!relative`,
so `zensical build -f DIR/mkdocs.yml` builds the same site MkDocs builds. Every path is resolved
and checked before anything is written; a previous export in DIR is replaced as a whole.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator import pipeline
from generator.load import settings
from generator.load.layout import CONSUMED_PREFIXES, Layout
from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs import figures
from generator.outputs.pdf import cache_dir_for, cached_pdf

MARKER = ".drillbook-export"
DOCS = "docs"
CONFIG = "mkdocs.yml"
_SNIPPET = re.compile(r'^-{1,3}8<-{1,3}\s+"([^"]+)"', re.MULTILINE)

Say = Callable[[str], None]


class ExportError(Exception):
    """A reason the export cannot be written; nothing has been written when it is raised."""


class _Relative:
    """A `!relative` tag from mkdocs.yml, kept until the export folder is known."""

    def __init__(self, value: str) -> None:
        self.value = value


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data; `!relative` is kept, any other MkDocs tag is refused."""


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> _Relative:
    value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""
    return _Relative(str(value))


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    raise ExportError(
        f"mkdocs.yml: the tag !{suffix} at line {node.start_mark.line + 1} has no plain-path "
        "form for Zensical; replace it with a plain value."
    )


_ConfigLoader.add_constructor("!relative", _relative)
_ConfigLoader.add_multi_constructor("", _unknown)


def site_info(root: Path) -> SiteInfo:
    """The project's site settings, as the MkDocs build passes them (QR codes, calendars)."""
    return SiteInfo(site_url=settings.site_url(root), repo_url=settings.repo_url(root))


def safe_target(dest: Path, rel: str) -> Path:
    """`dest/rel`, resolved; ExportError if it would land outside `dest`."""
    base = dest.resolve()
    target = (base / rel).resolve()
    if not rel or target == base or not target.is_relative_to(base):
        raise ExportError(
            f"refusing to write {rel!r}: it resolves outside {dest} "
            "(an id or page path with '../' or a leading '/'); rename it to a plain slug."
        )
    return target


def write_tree(dest: Path, files: Mapping[str, str | bytes]) -> None:
    """Write `files` under `dest`; every path is checked first, so a bad one writes nothing."""
    targets = {rel: safe_target(dest, rel) for rel in files}
    for rel, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        content = files[rel]
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        target.write_bytes(data)


def hand_written(root: Path) -> dict[str, bytes]:
    """content/ as MkDocs publishes it: no data files the generator consumes, no dotfiles."""
    content = Layout(root).content_dir
    files: dict[str, bytes] = {}
    for path in sorted(content.rglob("*")):
        rel = path.relative_to(content).as_posix()
        hidden = any(part.startswith(".") for part in rel.split("/"))
        if path.is_file() and not hidden and not rel.startswith(CONSUMED_PREFIXES):
            files[rel] = path.read_bytes()
    return files


def _pdfs(jobs: Mapping[str, Any], root: Path, say: Say) -> dict[str, bytes]:
    """Render the PDFs in path order (reusing the build's cache), one progress line each."""
    cache = cache_dir_for(root)
    rendered: dict[str, bytes] = {}
    for n, path in enumerate(sorted(jobs), start=1):
        rendered[path] = cached_pdf(jobs[path].html, cache)
        say(f"  PDFs {n}/{len(jobs)}: {path}")
    return rendered


def docs_files(kb: KnowledgeBase, root: Path, say: Say) -> dict[str, str | bytes]:
    """Every file of DIR/docs: hand-written pages and files, then everything generated."""
    built = pipeline.build(kb, root, site_info(root))
    say(f"  pages: {len(built.pages)} generated")
    say(f"  files: {len(built.files)} generated (JSON, scripts, styles, images)")
    # the drill figures go straight into the Markdown: another engine runs no plugin to fill them
    pages = {uri: figures.fill_figures(text, kb) for uri, text in built.pages.items()}
    files: dict[str, str | bytes] = {**hand_written(root), **pages, **built.files}
    files.update(_pdfs(built.pdf_jobs, root, say))
    return files


def _plain_paths(value: Any, dest: Path) -> Any:
    """The config with each `!relative $config_dir` / `$docs_dir` as a plain absolute path."""
    if isinstance(value, dict):
        return {k: _plain_paths(v, dest) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_paths(v, dest) for v in value]
    if isinstance(value, _Relative):
        paths = {"$config_dir": dest, "$docs_dir": dest / DOCS}
        if value.value not in paths:
            raise ExportError(
                f"mkdocs.yml: `!relative {value.value}` depends on the page being rendered, "
                "which Zensical cannot express; use `!relative $config_dir` or a plain path."
            )
        return str(paths[value.value].resolve())
    return value


def _copied(src: Path, root: Path, as_rel: str) -> dict[str, bytes]:
    """Files of a project file or folder, keyed by their path in the export; inside root only."""
    if not src.resolve().is_relative_to(root.resolve()):
        raise ExportError(f"mkdocs.yml or a page refers to {src}, outside the project.")
    if src.is_file():
        return {as_rel: src.read_bytes()}
    found = sorted(p for p in src.rglob("*") if p.is_file())
    return {f"{as_rel}/{p.relative_to(src).as_posix()}": p.read_bytes() for p in found}


def engine_config(root: Path, dest: Path, pages: Mapping[str, bytes]) -> dict[str, str | bytes]:
    """DIR/mkdocs.yml for Zensical, with the theme overrides and the files pages include."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    except (OSError, yaml.YAMLError) as exc:
        raise ExportError(f"mkdocs.yml cannot be read: {exc}") from exc
    if not isinstance(config, dict):
        raise ExportError("mkdocs.yml is not a mapping of settings.")
    extras: dict[str, str | bytes] = {}
    plugins = config.get("plugins") or []
    config["plugins"] = [p for p in plugins if p != "drillbook" and not _is_drillbook(p)]
    config["docs_dir"], config["site_dir"] = DOCS, "site"
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        custom = (root / theme["custom_dir"]).resolve()
        if custom.is_relative_to(root.resolve()):  # copied along; one outside stays where it is
            extras.update(_copied(custom, root, "overrides"))
            custom = Path("overrides")
        theme["custom_dir"] = str(custom)
    for rel, data in pages.items():
        if rel.endswith(".md"):
            for ref in _SNIPPET.findall(data.decode("utf-8", "replace")):
                extras.update(_copied(root / ref, root, ref))
    config = _plain_paths(config, dest)
    extras[CONFIG] = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    return extras


def _is_drillbook(plugin: object) -> bool:
    return isinstance(plugin, dict) and "drillbook" in plugin


def _check_dest(dest: Path) -> None:
    """DIR must be new, empty, or an earlier export (which is then replaced)."""
    if dest.exists() and not dest.is_dir():
        raise ExportError(f"{dest} is a file; give a folder.")
    if dest.is_dir() and any(dest.iterdir()) and not (dest / MARKER).is_file():
        raise ExportError(
            f"{dest} is not empty and holds no earlier export ({MARKER}); "
            "give a new or empty folder."
        )


def _swap_in(staging: Path, dest: Path) -> None:
    """Put the finished export in place of DIR (and of an earlier export there)."""
    if not dest.exists():
        staging.replace(dest)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
    dest.replace(old / "export")
    staging.replace(dest)
    shutil.rmtree(old, ignore_errors=True)


def export(kb: KnowledgeBase, root: Path, dest: Path, say: Say = print) -> int:
    """Write the site source into `dest` and return how many files it holds."""
    _check_dest(dest)
    files = docs_files(kb, root, say)
    extras = engine_config(root, dest, hand_written(root))
    extras[MARKER] = "Written by `drillbook export`; the next export replaces this folder.\n"
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        for rel in files:  # every path checked before the first byte is written
            safe_target(staging / DOCS, rel)
        write_tree(staging, extras)
        write_tree(staging / DOCS, files)
        _swap_in(staging, dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(files) + len(extras)
