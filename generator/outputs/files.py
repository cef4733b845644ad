"""Files published beside the pages, and how they are written.

A static producer is called as producer(kb, project_root, site_info) and returns {site-relative
path: str, bytes or PdfJob} (JSON, schema, assets, PDFs). A `PdfJob` is a file still to render:
an adapter renders it, in the background for a site build (see `pdf.py`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo


@dataclass(frozen=True)
class PdfJob:
    """A PDF still to render from a standalone HTML document."""

    html: str


FileContent = str | bytes | PdfJob
StaticProducer = Callable[[KnowledgeBase, Path, SiteInfo], dict[str, FileContent]]


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
