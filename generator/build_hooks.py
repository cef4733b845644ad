"""Extension points for outputs beyond Markdown pages, kept free of MkDocs types.

- `STATIC_FILES`: producers of extra files published with the site (JSON, schema, assets):
  each yields (site-relative path, bytes or str). They are added in sorted order.
- `POST_BUILD_HOOKS`: steps that write into the finished site folder (PDFs): each is called
  as hook(kb, project_root, site_dir, site_url).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .model import KnowledgeBase

StaticProducer = Callable[[KnowledgeBase, Path], dict[str, str | bytes]]
PostBuildHook = Callable[[KnowledgeBase, Path, Path, str], None]


class StaticFiles:
    """A registry of static-file producers."""

    def __init__(self) -> None:
        self.producers: list[StaticProducer] = []

    def register(self, producer: StaticProducer) -> StaticProducer:
        self.producers.append(producer)
        return producer

    def produce(self, kb: KnowledgeBase, root: Path) -> Iterator[tuple[str, str | bytes]]:
        out: dict[str, str | bytes] = {}
        for producer in self.producers:
            out.update(producer(kb, root))
        yield from sorted(out.items())


STATIC_FILES = StaticFiles()
POST_BUILD_HOOKS: list[PostBuildHook] = []
