"""Extension points for outputs beyond Markdown pages, kept free of MkDocs types.

- `STATIC_FILES`: producers of extra files published with the site (JSON, schema, assets):
  each is called as producer(kb, project_root, site_info) and returns {site-relative path:
  bytes or str}. They are added to the site in sorted order (so links to them are checked).
- `POST_BUILD_HOOKS`: steps that write into the finished site folder (PDFs): each is called
  as hook(kb, project_root, site_dir, site_url).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .model import KnowledgeBase
from .render import SiteInfo

StaticProducer = Callable[[KnowledgeBase, Path, SiteInfo], dict[str, str | bytes]]
PostBuildHook = Callable[[KnowledgeBase, Path, Path, str], None]


class StaticFiles:
    """A registry of static-file producers."""

    def __init__(self) -> None:
        self.producers: list[StaticProducer] = []

    def register(self, producer: StaticProducer) -> StaticProducer:
        self.producers.append(producer)
        return producer

    def produce(
        self, kb: KnowledgeBase, root: Path, site: SiteInfo
    ) -> Iterator[tuple[str, str | bytes]]:
        out: dict[str, str | bytes] = {}
        for producer in self.producers:
            out.update(producer(kb, root, site))
        yield from sorted(out.items())


STATIC_FILES = StaticFiles()
POST_BUILD_HOOKS: list[PostBuildHook] = []
