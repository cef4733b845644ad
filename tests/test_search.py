"""Search on the built site in a real browser: nothing loads before someone searches, a query
loads only some of Pagefind's index, runners' words and a misspelling find the right drills,
and search keeps working offline once loaded."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from browsercheck import run_axe, set_palette

from generator.model.knowledge import KnowledgeBase
from generator.outputs.search import search_vocabulary

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
    links = page.locator(".db-search__result > a").evaluate_all("links => links.map(a => a.href)")
    paths = [urlparse(h).path.strip("/") for h in links]
    return list(dict.fromkeys(paths))


def search(page: Any, query: str, good: Callable[[list[str]], bool]) -> list[str]:
    """Type `query` into the search dialog (opened from the header's button if it is closed);
    the result paths once `good` holds (or at 15 s)."""
    box = page.locator("input.db-search__input")
    if not box.is_visible():
        page.locator("button.db-search-open").click()
        box.wait_for(state="visible")
    box.fill("")
    box.press_sequentially(query, delay=20)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = _results(page)
        if found and good(found):
            return found
        page.wait_for_timeout(200)
    return _results(page)


def _is_search(url: str) -> bool:
    return "/pagefind/" in url or "/assets/drillbook/search" in url


def test_first_view_does_not_download_the_search_index(context: Any, base: str) -> None:
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert requested and not [u for u in requested if _is_search(u)]
    page.keyboard.press("/")  # the wish to search is what loads it
    page.locator("dialog.db-search[open] input.db-search__input").wait_for()
    assert page.evaluate("document.activeElement.matches('input.db-search__input')")
    for _ in range(100):  # the dialog opens first; Pagefind's entry file follows
        if [u for u in requested if u.endswith("/pagefind/pagefind.js")]:
            break
        page.wait_for_timeout(100)
    assert [u for u in requested if u.endswith("/pagefind/pagefind.js")]
    page.keyboard.press("Escape")  # closes, and focus returns to the page
    page.locator("dialog.db-search").wait_for(state="hidden")
    page.keyboard.press("s")  # the other shortcut opens it again
    page.locator("dialog.db-search[open]").wait_for()


def test_a_query_loads_only_some_of_the_index(context: Any, base: str, repo_site: Path) -> None:
    """One query fetches Pagefind's engine, the index chunks of its words and the fragments of
    the results shown: far less than the whole index, and few of the pages' fragments."""
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    fetched: dict[str, int] = {}

    def keep(response: Any) -> None:
        path = urlparse(response.url).path.lstrip("/")
        if path.startswith("pagefind/"):
            fetched[path] = len(gzip.compress(response.body(), 6))

    page.on("response", keep)
    found = search(page, "hamstring", lambda paths: paths[0] == "regions/hamstrings")
    assert found and found[0] == "regions/hamstrings", found
    page.wait_for_timeout(500)
    bundle = repo_site / "pagefind"
    whole = {
        p.relative_to(repo_site).as_posix(): len(gzip.compress(p.read_bytes(), 6))
        for p in bundle.rglob("*")
        if p.is_file()
    }
    assert set(fetched) <= set(whole), set(fetched) - set(whole)
    fragments = [p for p in whole if p.startswith("pagefind/fragment/")]
    shown = [p for p in fetched if p.startswith("pagefind/fragment/")]
    assert 0 < len(shown) <= 10 < len(fragments) // 4, (len(shown), len(fragments))
    chunks = [p for p in whole if p.startswith("pagefind/index/")]
    assert len([p for p in fetched if p.startswith("pagefind/index/")]) < len(chunks)
    assert sum(fetched.values()) < sum(whole.values()) / 2, (fetched, sum(whole.values()))


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


def _controlled(page: Any) -> None:
    """Wait until the service worker controls the page (it claims it on activation)."""
    deadline = time.monotonic() + 15
    while not page.evaluate("!!navigator.serviceWorker.controller"):
        assert time.monotonic() < deadline, "no service worker took control"
        page.wait_for_timeout(100)


def test_search_works_offline_once_loaded(context: Any, base: str, kb: KnowledgeBase) -> None:
    """What a query fetched is kept: the same words search offline, in a new page too."""
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    _controlled(page)
    page.reload(wait_until="networkidle")  # the worker keeps the page it now serves
    assert search(page, "ankle", lambda paths: "regions/ankles" in paths)
    context.set_offline(True)
    found = search(page, "ankles", lambda paths: "regions/ankles" in paths)
    assert "regions/ankles" in found, found
    again = context.new_page()  # a fresh page: the engine and the entry file come from the cache
    again.goto(base + DRILL_PAGE)
    assert "regions/ankles" in search(again, "ankle", lambda paths: "regions/ankles" in paths)


def test_pages_kept_offline_keep_the_whole_search(
    context: Any, base: str, kb: KnowledgeBase
) -> None:
    """A runner who keeps the pages for offline use (the follow-along's precache) can search
    for anything offline, words never searched before included."""
    page = context.new_page()
    page.goto(base + DRILL_PAGE, wait_until="networkidle")
    _controlled(page)
    page.evaluate("navigator.serviceWorker.controller.postMessage({type: 'drillbook-precache'})")
    deadline = time.monotonic() + 60
    listed = page.evaluate("fetch('../../pagefind/drillbook-offline.json').then(r => r.json())")
    while True:
        missing = page.evaluate(
            """async (paths) => {
                let n = 0;
                for (const p of paths) if (!(await caches.match(new URL('../../' + p, location))))
                    n++;
                return n;
            }""",
            listed,
        )
        if missing == 0:
            break
        assert time.monotonic() < deadline, f"{missing} search files not kept"
        page.wait_for_timeout(250)
    context.set_offline(True)
    found = search(page, "calf", lambda paths: bool(set(paths) & _drills_in(kb, "calves")))
    assert set(found) & _drills_in(kb, "calves"), found


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_open_search_passes_axe_and_the_keyboard(
    browser: Any, base: str, scheme: str, viewport: tuple[int, int]
) -> None:
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = ctx.new_page()
        page.goto(base + DRILL_PAGE, wait_until="networkidle")
        set_palette(page, scheme)
        button = page.locator("button.db-search-open")
        assert button.is_visible() and button.get_attribute("aria-label") == "Search"
        button.focus()
        page.keyboard.press("Enter")  # a keyboard user opens it like a click
        page.locator("dialog.db-search[open] input.db-search__input").wait_for()
        found = search(page, "ankle", lambda paths: "regions/ankles" in paths)
        assert "regions/ankles" in found
        serious = [v for v in run_axe(page) if v["impact"] in {"serious", "critical"}]
        assert serious == [], serious
        page.locator("input.db-search__input").focus()
        page.keyboard.press("ArrowDown")  # the arrows walk the results
        href = page.evaluate("document.activeElement.getAttribute('href')")
        assert href and urlparse(href).path.strip("/") == found[0]
        page.keyboard.press("Escape")
        page.locator("dialog.db-search").wait_for(state="hidden")
        assert page.evaluate("document.activeElement.matches('button.db-search-open')")
    finally:
        ctx.close()


def test_the_word_list_holds_runner_words_of_five_letters_or_more(kb: KnowledgeBase) -> None:
    words = search_vocabulary(kb)
    assert words == sorted(set(words)) and all(len(w) >= 5 and w.islower() for w in words)
    assert {"hamstring", "gastrocs", "ankles", "activation", "stiff"} <= set(words)
    assert "hamstrng" not in words


def test_the_index_is_the_articles_and_lists_its_files(repo_site: Path) -> None:
    bundle = repo_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    bodies = [p for p in repo_site.rglob("index.html") if b"data-pagefind-body" in p.read_bytes()]
    assert entry["languages"]["en"]["page_count"] == len(bodies) > 100
    assert b"data-pagefind-body" not in (repo_site / "404.html").read_bytes()
    files = {p.relative_to(repo_site).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert not {f for f in files if "-ui." in f or "unknown" in f}  # what the site never loads
    listed = json.loads((bundle / "drillbook-offline.json").read_text(encoding="utf-8"))
    assert set(listed) == files - {"pagefind/drillbook-offline.json"} | {
        "assets/drillbook/search-words.json"
    }
