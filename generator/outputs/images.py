"""Web-sized copies of the drill images, published with the site."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from generator.load.layout import Layout
from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.validate.images import FORMATS, source_path


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Web-sized copies of the drill images, metadata stripped, at drills/<image>."""
    files: dict[str, str | bytes] = {}
    drills_dir = Layout(root).drills_dir
    for rel, info in sorted(kb.extra.get("images", {}).items()):
        path = source_path(drills_dir, rel)
        if path is None:
            continue
        with Image.open(path) as img:
            fmt = FORMATS[img.format or ""]
            out = img.copy()
        if out.size != (info.width, info.height):
            out = out.resize((info.width, info.height), Image.Resampling.LANCZOS)
        if fmt == "JPEG" and out.mode not in ("RGB", "L"):
            out = out.convert("RGB")
        buf = io.BytesIO()
        options = {"quality": 82, "optimize": True} if fmt != "PNG" else {"optimize": True}
        out.save(buf, fmt, **options)
        files[info.site_path] = buf.getvalue()
    return files
