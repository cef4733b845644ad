"""Site settings read from mkdocs.yml for the commands that run without MkDocs."""

from __future__ import annotations

from pathlib import Path

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: MkDocs tags (`!relative`, `!!python/name:`) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url(root: Path) -> str:
    """site_url from mkdocs.yml, for QR codes and calendar links; empty when unreadable."""
    return _setting(root, "site_url")


def repo_url(root: Path) -> str:
    """repo_url from mkdocs.yml, for edit links; empty when unreadable."""
    return _setting(root, "repo_url")


def _setting(root: Path, key: str) -> str:
    """One string setting of mkdocs.yml; empty when missing or unreadable."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get(key) if isinstance(config, dict) else None
    return value if isinstance(value, str) else ""
