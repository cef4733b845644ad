"""Drill images: read their size at load time, publish a web-sized copy with the site.

`media[].image` is a path relative to drills/. The loader records each readable image's
published size in kb.extra['images'] so the page can state width and height (no layout shift);
the static producer writes a copy scaled to at most MAX_WIDTH pixels wide, with metadata
stripped, at the same site path (drills/<image>). Checking that paths exist and stay inside
drills/ is the validator's job (issue 6); images that cannot be read are simply not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.load.layout import Layout
from generator.load.problems import Problem
from generator.model.knowledge import KnowledgeBase

MAX_WIDTH = 1200
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}


@dataclass(frozen=True)
class ImageInfo:
    site_path: str  # e.g. "drills/media/ankle-circles.jpg"
    width: int
    height: int


def source_path(drills_dir: Path, rel: str) -> Path | None:
    path = (drills_dir / rel).resolve()
    if not path.is_relative_to(drills_dir.resolve()) or not path.is_file():
        return None
    return path


def _scaled(width: int, height: int) -> tuple[int, int]:
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, max(1, round(height * MAX_WIDTH / width))


def load_images(layout: Layout, kb: KnowledgeBase) -> list[Problem]:
    """Record the published size of every drill image that can be read."""
    images: dict[str, ImageInfo] = {}
    for drill in kb.drills.values():
        for media in drill.media:
            if media.image is None or media.image in images:
                continue
            path = source_path(layout.drills_dir, media.image)
            if path is None:
                continue
            try:
                with Image.open(path) as img:
                    if img.format not in FORMATS:
                        continue
                    w, h = _scaled(*img.size)
            except (OSError, UnidentifiedImageError):
                continue
            images[media.image] = ImageInfo(f"drills/{media.image}", w, h)
    kb.extra["images"] = images
    return []
