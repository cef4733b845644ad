"""Extension points for outputs beyond Markdown pages, kept free of MkDocs types.

`STATIC_FILES` holds producers of extra files published with the site (JSON, schema, assets,
PDFs): each is called as producer(kb, project_root, site_info) and returns {site-relative path:
str, bytes or PdfJob}. They are added to the site in sorted order, so links to them are checked.
A `PdfJob` is a file still to render: the adapter renders it in the background (see `pdf.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import KnowledgeBase
from .render import SiteInfo


@dataclass(frozen=True)
class PdfJob:
    """A PDF still to render from a standalone HTML document."""

    html: str


FileContent = str | bytes | PdfJob
StaticProducer = Callable[[KnowledgeBase, Path, SiteInfo], dict[str, FileContent]]


class StaticFiles:
    """A registry of static-file producers."""

    def __init__(self) -> None:
        self.producers: list[StaticProducer] = []

    def register(self, producer: StaticProducer) -> StaticProducer:
        self.producers.append(producer)
        return producer

    def produce(
        self, kb: KnowledgeBase, root: Path, site: SiteInfo
    ) -> Iterator[tuple[str, FileContent]]:
        out: dict[str, FileContent] = {}
        for producer in self.producers:
            out.update(producer(kb, root, site))
        yield from sorted(out.items())


STATIC_FILES = StaticFiles()
