"""Helpers to build a site with the real tools and read the HTML it produced."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from bs4 import BeautifulSoup

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000"}


def drillbook(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `drillbook` command (with `env` instead of ENV when given)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.adapters.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=ENV if env is None else env,
        check=False,
    )


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url_path: str) -> BeautifulSoup:
    """Parsed HTML of a page by its directory URL, e.g. 'drills/knee-rock/'."""
    return soup(site / url_path / "index.html")


def content(site: Path, url_path: str) -> BeautifulSoup:
    """Only the article of a page (no navigation or footer)."""
    article = page(site, url_path).select_one("article")
    assert article is not None
    return article


# Elements whose href/src/data/poster point at another file: pages, PDFs, JSON, images, media.
LINKING_TAGS = [
    "a",
    "area",
    "link",
    "img",
    "script",
    "source",
    "iframe",
    "object",
    "video",
    "audio",
]


def broken_links(site: Path, base: str = "/drillbook/") -> list[str]:
    """Every internal href/src in the site that does not resolve to a file (and #anchor).

    Root-relative links (only 404.html has them) are read against `base`, the site_url path.
    """
    problems = []
    ids_cache: dict[Path, set[str]] = {}
    for html in sorted(site.rglob("*.html")):
        doc = soup(html)
        for tag in doc.find_all(LINKING_TAGS):
            ref = tag.get("href") or tag.get("src") or tag.get("data") or tag.get("poster")
            if not ref or ref.startswith(("mailto:", "tel:")):
                continue
            parsed = urlparse(ref)
            if parsed.scheme or parsed.netloc:
                continue
            target_url, frag = urldefrag(ref)
            if not target_url:
                target = html
            elif parsed.path.startswith("/"):
                if not parsed.path.startswith(base):
                    problems.append(f"{html.relative_to(site)}: {ref} (outside the site)")
                    continue
                target = site / unquote(parsed.path[len(base) :])
                if target.is_dir() or parsed.path.endswith("/"):
                    target = target / "index.html"
            else:
                target = (html.parent / unquote(parsed.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            if not target.exists():
                problems.append(f"{html.relative_to(site)}: {ref}")
                continue
            if frag and target.suffix == ".html":
                if target not in ids_cache:
                    ids_cache[target] = {t["id"] for t in soup(target).find_all(id=True)}
                if unquote(frag) not in ids_cache[target]:
                    problems.append(f"{html.relative_to(site)}: {ref} (no #{frag})")
    return problems
