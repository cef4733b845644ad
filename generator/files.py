"""Small file helpers the commands and the PDF cache share."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place, so no reader
    ever sees a half-written file. The file gets the usual permissions (umask), not mkstemp's 0600.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: MkDocs tags (`!relative`, `!!python/name:`) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url(root: Path) -> str:
    """site_url from mkdocs.yml, for QR codes and calendar links; empty when unreadable."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config = yaml.load(text, Loader=_ConfigLoader)  # a SafeLoader subclass
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) else ""
