"""The drill finder in a real browser: Debian's Chromium, driven by Playwright, on the real site.

The repo's site is built once into a temporary folder and served over HTTP; every expectation
about which drills should show is computed from the data, not written down by hand.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from jsonschema import Draft202012Validator
from sitecheck import broken_links

from generator.model.knowledge import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def visible_cards(page: Any) -> set[str]:
    ids = page.eval_on_selector_all(
        ".db-card", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.id)"
    )
    return {i.removeprefix("card-") for i in ids}


def expected(kb: KnowledgeBase, region: str, equipment: str, minutes: int) -> set[str]:
    """Drills for a region that need only `equipment` (or nothing) and fit in `minutes`."""
    return {
        d
        for d, drill in kb.drills.items()
        if region in drill.regions
        and set(drill.equipment) <= {equipment, "none"}
        and drill.dosage.seconds() <= minutes * 60
    }


def test_library_links_resolve(repo_site: Path) -> None:
    assert broken_links(repo_site) == []


def test_filters_narrow_the_list_and_the_count_follows(
    page: Any, base: str, kb: KnowledgeBase
) -> None:
    page.goto(base + "drills/")
    total = len(kb.drills)
    assert page.inner_text("#db-count") == f"{total} drills"
    page.click(".db-facet[data-param=region] > summary")
    page.check("input[name=region][value=ankles]")
    ankles = {d for d, drill in kb.drills.items() if "ankles" in drill.regions}
    assert visible_cards(page) == ankles
    assert page.inner_text("#db-count").startswith(f"{len(ankles)} of {total} drills")
    page.click(".db-facet[data-param=equipment] > summary")
    page.check("input[name=equipment][value=none]")
    page.select_option("select[name=time]", "5")
    short = expected(kb, "ankles", "none", 5)
    assert 0 < len(short) < len(ankles)
    assert visible_cards(page) == short
    assert page.inner_text("#db-count") == (
        f"{len(short)} of {total} drills: Ankles · No equipment · up to 5 min"
    )
    assert page.url.endswith("drills/?region=ankles&equipment=none&time=5")
    # a second region widens the list again (any of the ticked regions)
    page.check("input[name=region][value=thoracic-spine]")
    wider = short | expected(kb, "thoracic-spine", "none", 5)
    assert visible_cards(page) == wider
    page.click("button.db-clear")
    page.wait_for_function("!location.search")
    assert len(visible_cards(page)) == total


def test_a_filtered_url_restores_the_view(page: Any, base: str, kb: KnowledgeBase) -> None:
    page.goto(base + "drills/?region=ankles&equipment=none&time=5&region=%3Cb%3Enonsense")
    short = expected(kb, "ankles", "none", 5)
    assert visible_cards(page) == short
    assert page.is_checked("input[name=region][value=ankles]")
    assert page.is_checked("input[name=equipment][value=none]")
    assert page.input_value("select[name=time]") == "5"
    # values that are not options are ignored, never shown
    assert page.inner_text(".db-facet[data-param=region] .db-facet-n") == " (1)"
    assert "nonsense" not in page.inner_text("#db-finder")
    page.goto(base + "drills/?time=7")
    assert page.input_value("select[name=time]") == ""
    assert len(visible_cards(page)) == len(kb.drills)


def test_two_taps_from_home_on_a_phone(page: Any, base: str, kb: KnowledgeBase) -> None:
    page.goto(base)
    link = page.get_by_role("link", name="Stiff ankles, no equipment, under 5 min")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]  # no scrolling
    link.click()
    page.wait_for_url("**/drills/?*")
    short = expected(kb, "ankles", "none", 5)
    assert visible_cards(page) == short
    # each card says at a glance what the drill targets, how long it takes and what it needs
    first = page.locator(".db-card:visible").first
    drill = kb.drills[first.get_attribute("id").removeprefix("card-")]
    chips = first.locator(".db-chips li").all_inner_texts()
    assert chips == [kb.vocab.label("regions", r) for r in drill.regions]
    assert "No equipment" in first.locator(".db-card-meta").inner_text()


def test_without_javascript_the_full_list_is_there(
    browser: Any, base: str, kb: KnowledgeBase
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "drills/?region=ankles")
    assert len(visible_cards(page)) == len(kb.drills)
    assert not page.is_visible("#db-filters")
    page.get_by_role("link", name="Split squat", exact=True).click()
    assert page.url.endswith("/drills/split-squat/")
    context.close()


def test_search_finds_a_drill_by_a_synonym(page: Any, base: str, kb: KnowledgeBase) -> None:
    # "gastrocs" is in no drill text: only the synonyms list (calves) puts it on pages
    for path in (REPO / "drills").glob("*.yaml"):
        assert "gastrocs" not in path.read_text(encoding="utf-8").lower()
    page.goto(base + "drills/")
    page.click("button.db-search-open")  # the phone header search button
    page.locator("input.db-search__input").press_sequentially("gastrocs")
    results = page.locator(".db-search__result > a")
    calves = {d for d, drill in kb.drills.items() if "calves" in drill.regions}

    def found() -> set[str]:
        links = results.evaluate_all("links => links.map(a => a.href)")
        paths = {urlparse(h).path for h in links}
        return {p.split("/")[2] for p in paths if p.startswith("/drills/") and p != "/drills/"}

    # Results update once per keystroke in a worker: wait for the full word's answer to settle.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        current = found()
        if current and current <= calves:
            break
        page.wait_for_timeout(250)
    assert found() and found() <= calves, found()


def test_body_map_highlights_the_drill_regions(page: Any, base: str, kb: KnowledgeBase) -> None:
    page.goto(base + "drills/split-squat/")
    regions = set(kb.drills["split-squat"].regions)
    for region in kb.vocab.ids("regions"):
        group = page.locator(f"svg #region-{region}")
        assert ("db-region--on" in group.get_attribute("class")) == (region in regions), region
    on_fill = page.eval_on_selector("#region-quads", "g => getComputedStyle(g).fill")
    off_fill = page.eval_on_selector("#region-shoulders", "g => getComputedStyle(g).fill")
    assert on_fill != off_fill
    # the progression map links work in the browser
    page.click(".db-progmap a >> text=Controlled deep squat")
    assert page.url.endswith("/drills/controlled-deep-squat/")


def test_published_json_round_trips_through_its_schema(page: Any, base: str) -> None:
    for name in ("drills", "principles", "routines", "programs"):
        data = page.request.get(f"{base}api/{name}.json").json()
        schema = page.request.get(f"{base}api/{name}.schema.json").json()
        assert list(Draft202012Validator(schema).iter_errors(data)) == []
        again = json.loads(json.dumps(data))
        assert again == data and data["count"] == len(data[name])
