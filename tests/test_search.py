"""Search on the built site in a real browser: nothing loads before someone searches, runners'
words and a misspelling find the right drills, and search keeps working offline once loaded."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from generator.model.knowledge import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
DRILL_PAGE = "drills/ankle-circles/"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield ctx
    finally:
        ctx.close()


def _results(page: Any) -> list[str]:
    links = page.locator(".md-search-result__item > a").evaluate_all(
        "links => links.map(a => a.href)"
    )
    paths = [urlparse(h).path.strip("/") for h in links]
    return list(dict.fromkeys(paths))  # a page's sections follow the page: one entry per page


def search(page: Any, query: str, good: Callable[[list[str]], bool]) -> list[str]:
    """Type `query` into the header search; the result paths once `good` holds (or at 15 s)."""
    box = page.locator("input.md-search__input")
    box.focus()
    box.fill("")
    box.press_sequentially(query, delay=20)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = _results(page)
        if found and good(found):
            return found
        page.wait_for_timeout(200)
    return _results(page)


def test_first_view_does_not_download_the_search_index(context: Any, base: str) -> None:
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requested and not [u for u in requested if "search_index" in u]
    page.keyboard.press("/")  # the wish to search is what loads it
    page.wait_for_function(
        "(document.querySelector('.md-search-result__meta') || {}).textContent"
        " !== 'Initializing search'"
    )
    assert [u for u in requested if u.endswith("search/search_index.json")]


def _drills_in(kb: KnowledgeBase, region: str) -> set[str]:
    return {f"drills/{d}" for d, drill in kb.drills.items() if region in drill.regions}


@pytest.mark.parametrize(
    ("query", "region", "page_first"),
    [
        ("stiff ankles", "ankles", "regions/ankles"),
        ("shin", "shins", "regions/shins"),
        ("hamstring", "hamstrings", "regions/hamstrings"),
        ("hamstrng", "hamstrings", None),  # misspelt: one edit away
    ],
)
def test_runner_queries_rank_the_right_drills_first(
    context: Any, base: str, kb: KnowledgeBase, query: str, region: str, page_first: str | None
) -> None:
    wanted = _drills_in(kb, region) | {f"regions/{region}"}
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    found = search(page, query, lambda paths: paths[0] in wanted)
    top = found[:5]
    assert top and top[0] in wanted, (query, found)
    assert sum(p in wanted for p in top) >= 2, (query, top)
    if page_first:
        assert top[0] == page_first, (query, top)


def test_glute_activation_finds_glute_drills(context: Any, base: str, kb: KnowledgeBase) -> None:
    glutes = _drills_in(kb, "glutes")
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    found = search(page, "glute activation", lambda paths: "drills/glute-bridge" in paths[:5])
    assert "drills/glute-bridge" in found[:5], found
    assert sum(p in glutes for p in found[:5]) >= 2, found[:5]


def test_search_works_offline_once_loaded(context: Any, base: str, kb: KnowledgeBase) -> None:
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    assert search(page, "ankle", lambda paths: "regions/ankles" in paths)
    context.set_offline(True)
    found = search(page, "calf", lambda paths: bool(set(paths) & _drills_in(kb, "calves")))
    assert set(found) & _drills_in(kb, "calves"), found
