"""Quality gates over ONE real build of the repository's own site.

Accessibility (axe-core in Debian's Chromium, both palettes, one page of each kind; headings,
text alternatives, keyboard), links (internal links and anchors, no plain http, no third-party
requests), reproducibility (a second clean build is byte-identical) and strictness
(`mkdocs build --strict` without warnings, no duplicate HTML ids).
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from browsercheck import run_axe, served, set_palette
from sitecheck import broken_links, drillbook, soup

REPO = Path(__file__).resolve().parent.parent
# No SOURCE_DATE_EPOCH: the build takes its dates from the last commit, as on a fresh clone.
# No PDF cache: the two builds compared byte for byte must each render their own PDFs.
BUILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"},
    "NO_MKDOCS_2_WARNING": "1",
    "DRILLBOOK_CACHE": "0",
}

# One page of each kind: the first page (sorted) matching the pattern in the built site.
KINDS = {
    "home": "index.html",
    "guide": "guide/*/index.html",
    "library": "drills/index.html",
    "drill": "drills/*/index.html",
    "principles": "principles/index.html",
    "principle": "principles/*/index.html",
    "term-index": "uses/index.html",
    "region": "regions/*/index.html",
    "routine": "routines/*/index.html",
    "program": "programs/*/index.html",
}
# Kinds that exist only once their data does; without data files they are skipped.
SOURCES = {"routine": "content/routines/*.yaml", "program": "content/programs/*.yaml"}
# Top-level site folders the kinds above stand for (same templates), or that are not pages.
COVERED = {"guide", "drills", "principles", "regions", "uses", "equipment", "routines"}
COVERED |= {"programs", "about", "contributing", "assets", "pagefind", "schema"}
PALETTES = {"light": "default", "dark": "slate"}
SERIOUS = {"serious", "critical"}


def _build(site: Path) -> subprocess.CompletedProcess[str]:
    result = drillbook("build", "--site-dir", str(site), cwd=REPO, env=BUILD_ENV)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The repository's site, built once for this module: (site folder, build log)."""
    site = tmp_path_factory.mktemp("quality") / "site"
    result = _build(site)
    return site, result.stdout + result.stderr


@pytest.fixture(scope="module")
def site(build: tuple[Path, str]) -> Path:
    return build[0]


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def pages_of_kind(site: Path, kind: str) -> list[str]:
    """Site-relative URLs of the page(s) standing for `kind`; skips a kind with no data yet."""
    if kind == "other":
        # Any new top-level section (calculator, ...) is checked too, until it gets its own kind.
        urls = []
        for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in COVERED):
            pages = [folder / "index.html"] if (folder / "index.html").exists() else []
            pages += sorted(folder.glob("*/index.html"))[:1]
            urls += [p.parent.relative_to(site).as_posix() + "/" for p in pages]
        if not urls:
            pytest.skip("no sections beyond the known page kinds")
        return urls
    pattern = KINDS[kind]
    matches = sorted(site.glob(pattern))
    if not matches:
        if kind in SOURCES and not list(REPO.glob(SOURCES[kind])):
            pytest.skip(f"no {kind} data in this repository yet")
        pytest.fail(f"the site has no {kind} page ({pattern})")
    rel = matches[0].parent.relative_to(site).as_posix()
    return ["" if rel == "." else rel + "/"]


def _open(browser: Any, url: str) -> tuple[Any, Any, list[str]]:
    """A fresh context and page at `url`; returns (context, page, every URL requested)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    return context, page, requests


# -- accessibility -------------------------------------------------------------------------


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("kind", [*KINDS, "other"])
def test_axe_finds_no_serious_violations(
    site: Path, base_url: str, browser: Any, kind: str, palette: str
) -> None:
    found = []
    for url in pages_of_kind(site, kind):
        context, page, _ = _open(browser, base_url + url)
        try:
            set_palette(page, PALETTES[palette])
            for v in run_axe(page):
                if v["impact"] in SERIOUS:
                    nodes = "\n      ".join(v["nodes"][:5])
                    found.append(f"/{url} {v['id']} ({v['impact']}): {v['help']}\n      {nodes}")
        finally:
            context.close()
    assert found == [], "\n".join(found)


def test_palette_toggle_switches_the_scheme(site: Path, base_url: str, browser: Any) -> None:
    # The dark run above is only meaningful if the toggle really changes the page's colours.
    context, page, _ = _open(browser, base_url)
    try:
        set_palette(page, "default")
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        set_palette(page, "slate")
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    finally:
        context.close()
    assert light != dark


def test_headings_descend_one_level_at_a_time(site: Path) -> None:
    problems = []
    for html in html_pages(site):
        article = soup(html).select_one("article")
        if article is None:
            continue
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        if levels[:1] != [1] or levels.count(1) != 1:
            problems.append(f"{html.relative_to(site)}: headings {levels} need one h1, first")
        for before, after in itertools.pairwise(levels):
            if after > before + 1:
                problems.append(f"{html.relative_to(site)}: h{before} followed by h{after}")
    assert problems == []


def _named(tag: Any) -> bool:
    return bool(
        (tag.get("aria-label") or "").strip()
        or tag.get("aria-labelledby")
        or (tag.find("title") and tag.find("title").get_text(strip=True))
    )


def test_images_and_diagrams_have_text_alternatives(site: Path) -> None:
    problems = []
    for html in html_pages(site):
        doc = soup(html)
        where = html.relative_to(site)
        for img in doc.find_all("img"):
            decorative = img.get("role") in ("presentation", "none") or img.get("aria-hidden")
            if img.get("alt") is None or not (img["alt"].strip() or decorative):
                problems.append(f"{where}: <img src={img.get('src')!r}> has no alt text")
        for svg in doc.find_all("svg"):
            if svg.get("role") == "img" and not _named(svg):
                problems.append(f"{where}: <svg role=img> without aria-label or <title>")
        article = doc.select_one("article")
        for svg in article.find_all("svg") if article else []:
            if svg.find_parent("svg") or svg.find_parent(attrs={"aria-hidden": "true"}):
                continue
            named = svg.get("role") == "img" and _named(svg)
            icon = svg.find_parent(["a", "button", "label"]) is not None
            if svg.get("aria-hidden") != "true" and not named and not icon:
                problems.append(f"{where}: a diagram <svg> needs role=img and a name")
    assert problems == []


@pytest.mark.parametrize("kind", ["home", "drill", "library", "principle", "routine"])
def test_keyboard_skip_link_and_every_control_reachable(
    site: Path, base_url: str, browser: Any, kind: str
) -> None:
    url = pages_of_kind(site, kind)[0]
    context, page, _ = _open(browser, base_url + url)
    try:
        # The first Tab lands on "Skip to content", which moves to the article's first heading.
        page.keyboard.press("Tab")
        skip = page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a.classList.contains('md-skip') ? a.getAttribute('href') : a.outerHTML })()"
        )
        assert skip.startswith("#"), f"first Tab focused {skip}"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == skip
        assert page.evaluate(f"!!document.getElementById({skip[1:]!r})")
        # Every visible link and control in the article is reached by Tab alone.
        total = page.evaluate(
            """() => {
                const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
                let i = 0;
                for (const el of document.querySelector('article').querySelectorAll(sel)) {
                    if (el.tabIndex < 0 || el.disabled || !el.getClientRects().length) continue;
                    // inside a closed <details>: hidden until its summary (reachable) opens it
                    const closed = el.closest('details:not([open])');
                    if (closed && el.closest('summary')?.parentElement !== closed) continue;
                    el.dataset.kb = String(i++);
                }
                return i;
            }"""
        )
        reached: set[str] = set()
        for _ in range(total + 200):
            page.keyboard.press("Tab")
            mark = page.evaluate("document.activeElement.dataset.kb || null")
            if mark is not None:
                reached.add(mark)
            if len(reached) == total:
                break
        missed = page.evaluate(
            "ids => [...document.querySelectorAll('[data-kb]')]"
            ".filter(e => !ids.includes(e.dataset.kb)).map(e => e.outerHTML.slice(0, 120))",
            sorted(reached),
        )
        assert missed == []
    finally:
        context.close()


# -- links ---------------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_sitemap_lists_only_pages_that_exist(site: Path) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    assert locs
    missing = []
    for loc in locs:
        path = urlparse(loc).path.removeprefix("/drillbook/")
        if not (site / path / "index.html").exists() and not (site / path).is_file():
            missing.append(loc)
    assert missing == []


def test_no_link_uses_plain_http(site: Path) -> None:
    plain = []
    for html in html_pages(site):
        for tag in soup(html).find_all(href=True) + soup(html).find_all(src=True):
            ref = tag.get("href") or tag.get("src")
            if ref.lower().startswith("http:"):
                plain.append(f"{html.relative_to(site)}: {ref}")
    for pdf in sorted(site.rglob("*.pdf")):
        from pypdf import PdfReader

        for pdf_page in PdfReader(pdf).pages:
            for annot in pdf_page.get("/Annots") or []:
                uri = annot.get_object().get("/A", {}).get("/URI", "")
                if str(uri).lower().startswith("http:"):
                    plain.append(f"{pdf.relative_to(site)}: {uri}")
    assert plain == []


@pytest.mark.parametrize("kind", [*KINDS, "other"])
def test_no_request_leaves_the_site_at_page_load(
    site: Path, base_url: str, browser: Any, kind: str
) -> None:
    outside = []
    for url in pages_of_kind(site, kind):
        context, _, requests = _open(browser, base_url + url)
        context.close()
        outside += [r for r in requests if urlparse(r).hostname != "127.0.0.1"]
    assert outside == []


# -- reproducible and strict ---------------------------------------------------------------


def test_two_clean_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _build(again)
    first = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file()}
    assert first == second
    differ = [
        rel for rel in sorted(first) if (site / rel).read_bytes() != (again / rel).read_bytes()
    ]
    assert differ == []
    assert {"sitemap.xml", "pagefind/pagefind-entry.json"} <= first


def test_build_has_no_warnings(build: tuple[Path, str]) -> None:
    _, log = build
    assert [line for line in log.splitlines() if "WARNING" in line] == []


def test_plain_mkdocs_strict_build_has_no_warnings(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=BUILD_ENV,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if "WARNING" in line] == []


def test_no_page_has_duplicate_ids(site: Path) -> None:
    duplicates = []
    for html in html_pages(site):
        ids = [t["id"] for t in soup(html).find_all(id=True)]
        duplicates += [
            f"{html.relative_to(site)}: #{i}" for i in sorted(set(ids)) if ids.count(i) > 1
        ]
    assert duplicates == []
