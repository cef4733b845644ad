"""Offline use: a web app manifest with icons, and a service worker versioned by the build.

The manifest and the icons are static files (the icons drawn here as PNG, no image library).
The service worker needs the finished site: `service_worker` takes every output file, hashes
them into a version (same outputs, same bytes) and lists what to precache: every routine,
program and drill page with the drills' moving figures, the indexes, and the theme's and
Drillbook's own scripts and styles.
The MkDocs adapter calls it after the build and writes `sw.js` at the site root.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import zlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.render.environment import ASSETS

MANIFEST_PATH = "manifest.webmanifest"
SW_PATH = "sw.js"
SW_TEMPLATE = ASSETS / "sw.js"
THEME_COLOR = "#00695c"  # teal 800: white on it passes WCAG AA for normal text
ICON_SIZES = (192, 512)
# Site paths precached at install. Search data, source maps, PDFs and other pages are left
# out to keep the first visit light; the worker caches every page a runner opens anyway.
PRECACHE = re.compile(
    r"^(index\.html"
    r"|(drills|routines|programs)/(index\.html|[^/]+/index\.html)"
    r"|drills/[^/]+/movement\.svg"
    r"|assets/(stylesheets|javascripts)/[^/]+\.(css|js)"
    r"|assets/[^/]+\.(css|js)"
    r"|assets/drillbook/[^/]+\.(css|js|png)"
    r"|assets/images/favicon\.png"
    r"|manifest\.webmanifest)$"
)
# Not part of the version: the worker itself, and files too large to hash on every build that
# follow from the pages anyway (PDFs, source maps).
UNHASHED = re.compile(r"(^sw\.js$|\.pdf$|\.map$)")


def icon_path(size: int) -> str:
    return f"assets/drillbook/icon-{size}.png"


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    """An 8-bit RGB PNG from raw rows (no filter byte yet); deterministic bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


@lru_cache(maxsize=4)
def icon_png(size: int) -> bytes:
    """The app icon: a white ring and three motion bars on teal, full-bleed (maskable)."""
    teal, white = bytes.fromhex(THEME_COLOR[1:]), b"\xff\xff\xff"
    cx, cy, outer, inner = 0.58 * size, 0.5 * size, 0.2 * size, 0.12 * size
    bars = [
        (0.5 * size + dy * size, 0.18 * size + dx * size)
        for dy, dx in ((-0.1, 0.06), (0.0, 0.0), (0.1, 0.06))
    ]
    half = 0.022 * size
    rows = []
    for y in range(size):
        row = bytearray(teal * size)
        dy2 = (y + 0.5 - cy) ** 2
        for x in range(size):
            d2 = (x + 0.5 - cx) ** 2 + dy2
            on = inner * inner <= d2 <= outer * outer
            if not on:
                on = any(
                    abs(y + 0.5 - by) <= half and bx <= x < cx - outer - 0.04 * size
                    for by, bx in bars
                )
            if on:
                row[3 * x : 3 * x + 3] = white
        rows.append(bytes(row))
    return _png(size, size, rows)


def manifest(site: SiteInfo) -> str:
    """The web app manifest; every URL relative to its own place at the site root."""
    data = {
        "name": "Drillbook: mobility drills for runners",
        "short_name": "Drillbook",
        "description": "Dynamic mobility drills, routines and programs for runners.",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": icon_path(s), "sizes": f"{s}x{s}", "type": "image/png", "purpose": "any"}
            for s in ICON_SIZES
        ]
        + [
            {
                "src": icon_path(512),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            }
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: the manifest and its icons."""
    files: dict[str, str | bytes] = {MANIFEST_PATH: manifest(site)}
    for size in ICON_SIZES:
        files[icon_path(size)] = icon_png(size)
    return files


def build_version(files: Mapping[str, bytes]) -> str:
    """A short hash of every published file (path and bytes), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        if UNHASHED.search(path):
            continue
        digest.update(path.encode("utf-8") + b"\x00")
        digest.update(hashlib.sha256(files[path]).digest())
    return digest.hexdigest()[:16]


def precache_urls(paths: list[str]) -> list[str]:
    """Site-relative URLs to precache: 'routines/x/' for routines/x/index.html."""
    urls = []
    for path in sorted(paths):
        if PRECACHE.match(path):
            urls.append(path.removesuffix("index.html") or "./")
    return urls


def service_worker(files: Mapping[str, bytes]) -> str:
    """The service worker script for a finished site (path -> bytes, site-relative)."""
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    urls = precache_urls(list(files))
    return template.replace('"__VERSION__"', json.dumps(build_version(files))).replace(
        "[] /* __PRECACHE__ */", json.dumps(urls, separators=(",", ":"))
    )
