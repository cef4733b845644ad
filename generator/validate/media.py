"""Pictures that drill files point at, checked like the untrusted input they are.

An image is a file in drills/media/, named in a drill's `media` list as `media/<file>`. The path
may not leave that folder (no `..`, no absolute paths, no links, no symbolic links), the file
must exist, be at most MAX_IMAGE_BYTES and really be a PNG, JPEG or WebP picture. SVG is refused
outright: it is a document format that can carry script and links, and no maintained sanitiser
ships with the project. Each problem is reported at the line of the `image:` value.
Publishing and showing the pictures is images.py's job; it only sees files that passed here.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path, PurePosixPath

from generator.load.documents import Document
from generator.load.problems import Problem, did_you_mean

MEDIA_DIR = "media"
MAX_IMAGE_BYTES = 512 * 1024
MAX_IMAGE_PIXELS = 16_000_000
# File extension -> the format Pillow must find inside the file.
IMAGE_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)+$")
_FIX_PATH = "give a path inside drills/media/, e.g. media/hip-airplane.jpg"


def _path_problem(image: str) -> tuple[str, str] | None:
    """What is wrong with the path as written, before the disk is consulted."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", image) and not re.match(r"^[a-zA-Z]:[\\/]", image):
        return (
            f"image '{image}' is a link, not a file in drills/media/",
            "save the picture in drills/media/ and give its path; use `video:` for links",
        )
    if image.startswith(("/", "\\", "~")) or re.match(r"^[a-zA-Z]:", image):
        return f"image path '{image}' is absolute", _FIX_PATH
    parts = re.split(r"[\\/]", image)
    if ".." in parts:
        return f"image path '{image}' leaves the drills/ folder", _FIX_PATH
    if "\\" in image:
        return f"image path '{image}' uses '\\'", "separate folders with '/'"
    if len(parts) != 2 or parts[0] != MEDIA_DIR:
        return f"image '{image}' is not in drills/media/", _FIX_PATH
    name = parts[1]
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".svg":
        return (
            f"image '{image}' is an SVG; SVG files are not accepted because they can carry script",
            "export the picture as PNG, JPEG or WebP",
        )
    if suffix not in IMAGE_TYPES:
        return (
            f"image '{image}' has type '{suffix or '(none)'}'; accepted: png, jpg, jpeg, webp",
            "save the picture as PNG, JPEG or WebP",
        )
    if not _FILE_NAME.match(name):
        return (
            f"image file name '{name}' must be lower-case letters, digits and hyphens",
            "rename the file, e.g. hip-airplane-start.jpg",
        )
    return None


def _file_problem(image: str, drills_dir: Path) -> tuple[str, str] | None:
    """What is wrong with the file on disk: links, escapes, missing, oversize, wrong content."""
    media_dir = drills_dir / MEDIA_DIR
    target = drills_dir / image
    for part in (media_dir, target):
        if part.is_symlink():
            return (
                f"image '{image}' is a symbolic link"
                if part == target
                else "drills/media is a symbolic link",
                "commit the picture itself, not a link to it",
            )
    if not target.resolve().is_relative_to(media_dir.resolve()):
        return f"image path '{image}' leaves the drills/ folder", _FIX_PATH
    if not target.is_file():
        present = sorted(p.name for p in media_dir.glob("*")) if media_dir.is_dir() else []
        hint = did_you_mean(target.name, present)
        return (
            f"image file drills/{image} does not exist{hint}",
            "add the picture to drills/media/ or correct the path",
        )
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"image drills/{image} is {size:,} bytes, over the {MAX_IMAGE_BYTES:,}-byte limit",
            "resize it (1600 px wide is plenty) and save it compressed",
        )
    return _content_problem(image, target)


def _content_problem(image: str, target: Path) -> tuple[str, str] | None:
    from PIL import Image, UnidentifiedImageError

    expected = IMAGE_TYPES[target.suffix.lower()]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(target) as img:
                found, (width, height) = img.format, img.size
                img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        found, width, height = None, 0, 0
    if found != expected:
        return (
            f"image drills/{image} is not a valid {expected} picture",
            "export the picture again as a real PNG, JPEG or WebP file",
        )
    if width * height > MAX_IMAGE_PIXELS:
        return (
            f"image drills/{image} is {width} x {height} pixels, over the "
            f"{MAX_IMAGE_PIXELS:,}-pixel limit",
            "resize it; 1600 px wide is plenty",
        )
    return None


def media_problems(doc: Document, drills_dir: Path) -> list[Problem]:
    """Problems with the images a drill file names, each at its `image:` line."""
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get("media")
    if not isinstance(items, list):
        return []
    problems = []
    for i, item in enumerate(items):
        image = item.get("image") if isinstance(item, dict) else None
        if not isinstance(image, str):
            continue
        found = _path_problem(image) or _file_problem(image, drills_dir)
        if found:
            problems.append(doc.problem(("media", i, "image"), *found))
    return problems
