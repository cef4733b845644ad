"""Raw-HTML URLs in generated pages, from the Markdown file's point of view to the page's.

Generated pages write every URL in raw HTML (`<a href>`, `<img src>`, `<script src>`) relative
to their Markdown file, as Markdown links are written: `high-knee-march.md` from
`drills/a-skip.md`, `../assets/calendar.js` from `programs/foundations.md`. Zensical reads raw
HTML that way; MkDocs leaves raw HTML alone and the browser reads it relative to the page's URL
(`drills/a-skip/`). `page_relative` translates a generated page for MkDocs, before the Markdown is
converted, so both engines publish the same links. Pure text; no mkdocs import.
"""

from __future__ import annotations

import posixpath
import re

# Attributes written by the templates; text from data files is escaped (`"` becomes `&#34;`),
# so it never forms one of these.
_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of the page built from `src_uri` ('drills/a.md' -> 'drills/a/')."""
    stem = src_uri.removesuffix(".md")
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_url(target: str, page: str) -> str:
    """`target` (site-relative, '' = home) as a URL relative to the page at `page`."""
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or not target:
        return "./" if rel == "." else f"{rel}/"
    return rel


def resolve(ref: str, src_uri: str, use_directory_urls: bool = True) -> str:
    """One URL written relative to the Markdown file `src_uri`, made relative to its page."""
    if not ref or _ABSOLUTE.match(ref):
        return ref
    path, hash_, fragment = ref.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if target == ".":
        target = ""
    if target == ".." or target.startswith("../"):
        raise ValueError(
            f"{src_uri}: the raw-HTML URL {ref!r} climbs above the site; write it relative to "
            "the Markdown file (from drills/x.md, the site's assets/ is '../assets/')."
        )
    if target.endswith(".md"):
        target = page_url(target, use_directory_urls)
    elif path.endswith("/") and target:
        target += "/"
    return relative_url(target, page_url(src_uri, use_directory_urls)) + hash_ + fragment


def page_relative(markdown: str, src_uri: str, use_directory_urls: bool = True) -> str:
    """Every raw-HTML href/src of a generated page, made relative to the page's URL.

    ValueError names a URL that climbs above the site (written relative to the page's URL).
    """

    def swap(match: re.Match[str]) -> str:
        url = resolve(match.group(2), src_uri, use_directory_urls)
        return f'{match.group(1)}="{url}"'

    return _ATTRIBUTE.sub(swap, markdown)
