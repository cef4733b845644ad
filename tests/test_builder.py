"""The routine builder page: builder.js gives the week `drillbook routine` builds (a seeded
corpus of requests, run through the Python builder and through the script in Chromium in one
call), the same sheet, the follow-along JSON of routine pages, a valid .ics, and the page works
by keyboard, without JavaScript and without third-party requests."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsercheck import AXE, served, set_palette
from bs4 import BeautifulSoup
from icalendar import Calendar
from pypdf import PdfReader

from generator.model.knowledge import KnowledgeBase
from generator.model.routine import DAYS, plan
from generator.model.routine_builder import Request, RoutineRequestError, build_routine
from generator.model.site import SiteInfo
from generator.outputs.builder import builder_data
from generator.outputs.followalong import session_data
from generator.outputs.routine_pages import sheet_html
from generator.render.environment import ASSETS

REPO = Path(__file__).resolve().parent.parent
SCRIPT = ASSETS / "builder.js"
CORPUS_SIZE = 540


def requests(kb: KnowledgeBase, n: int, seed: int) -> list[dict[str, Any]]:
    """Seeded requests over days, run types, minutes, level, equipment and focus; some are
    impossible (minutes out of range or too short for a warm-up)."""
    rng = random.Random(seed)
    runs, kit = kb.vocab.ids("run_types"), kb.vocab.ids("equipment")
    regions = kb.vocab.ids("regions")
    out = []
    for _ in range(n):
        rest = rng.random() < 0.08  # now and then a week without runs
        days = {d: "rest" if rest else rng.choice(runs) for d in DAYS}
        minutes = rng.choice([rng.randint(1, 25), rng.randint(1, 60), rng.randint(-5, 130)])
        out.append(
            {
                "days": days,
                "minutes": minutes,
                "level": rng.randint(1, 3),
                "equipment": sorted(x for x in kit if rng.random() < 0.4),
                "focus": rng.choice([None, None, *regions]),
            }
        )
    return out


def python_week(kb: KnowledgeBase, req: dict[str, Any]) -> dict[str, Any]:
    """The Python builder's answer: {'routine': Routine as JSON} or {'error': the message}."""
    request = Request(
        days=req["days"],
        minutes=req["minutes"],
        level=req["level"],
        equipment=frozenset(req["equipment"]),
        focus=req["focus"],
    )
    try:
        routine = build_routine(kb, request)
    except RoutineRequestError as exc:
        return {"error": str(exc)}
    return {"routine": routine.model_dump(mode="json", exclude_none=True)}


def few_warmup_kb(kb: KnowledgeBase) -> KnowledgeBase:
    """The knowledge base without beginner warm-up drills: level 1 cannot warm up."""
    drills = {
        d: x for d, x in kb.drills.items() if "pre-run" not in x.use or x.level > 1 or d < "c"
    }
    return dataclasses.replace(kb, drills=drills)


@pytest.fixture(scope="module")
def script_page(browser: Any) -> Iterator[Any]:
    """builder.js and calendar.js loaded into a blank page (no site needed)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!DOCTYPE html><title>builder</title>")
    page.add_script_tag(content=(ASSETS / "calendar.js").read_text(encoding="utf-8"))
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    yield page
    assert errors == []


def run_js(page: Any, data: dict[str, Any], reqs: list[dict[str, Any]]) -> list[Any]:
    """Every request through builder.js in one evaluate call."""
    return list(
        page.evaluate(
            "([data, reqs]) => reqs.map(r => drillbookBuilder.build(data, r))", [data, reqs]
        )
    )


def test_golden_corpus_gives_identical_weeks(kb: KnowledgeBase, script_page: Any) -> None:
    reqs = requests(kb, CORPUS_SIZE, seed=2026)
    expected = [python_week(kb, r) for r in reqs]
    got = run_js(script_page, json.loads(json.dumps(builder_data(kb))), reqs)
    mismatches = [(r, e, g) for r, e, g in zip(reqs, expected, got, strict=True) if e != g]
    assert mismatches[:1] == []
    errors = [e["error"] for e in expected if "error" in e]
    assert len(expected) >= 500
    assert any("must be between" in e for e in errors)
    assert any("too short for a warm-up" in e for e in errors)
    assert len(errors) < len(expected) / 3  # mostly weeks, not only refusals
    blocks = {
        k
        for e in expected
        if "routine" in e
        for d in e["routine"]["days"].values()
        for k in d["blocks"]
    }
    assert blocks == {"pre-run", "post-run", "strength", "evening-recovery"}


def test_too_few_warmup_drills_same_message(kb: KnowledgeBase, script_page: Any) -> None:
    small = few_warmup_kb(kb)
    reqs = requests(small, 80, seed=7)
    expected = [python_week(small, r) for r in reqs]
    assert any("warm-up drill(s) match level" in e.get("error", "") for e in expected)
    assert run_js(script_page, builder_data(small), reqs) == expected


def test_sheet_and_session_match_the_python(kb: KnowledgeBase, script_page: Any) -> None:
    """The week drawn by the script has the PDF sheet's rows, cards and log; the follow-along
    JSON is what routine pages embed."""
    data = builder_data(kb)
    reqs = [r for r in requests(kb, 60, seed=3) if "routine" in python_week(kb, r)][:12]
    got = script_page.evaluate(
        """([data, reqs]) => reqs.map(r => {
            const p = drillbookBuilder.plan(data, drillbookBuilder.build(data, r).routine);
            return {html: drillbookBuilder.sheet(data, p, 'https://x.test/drills/'),
                    session: drillbookBuilder.session(data, p, 'my-week')};
        })""",
        [data, reqs],
    )
    for req, js in zip(reqs, got, strict=True):
        routine = build_routine(kb, Request(**{**req, "equipment": frozenset(req["equipment"])}))
        p = plan("my-week", routine, kb)
        assert js["session"] == json.loads(json.dumps(session_data(p, kb)))
        mine = BeautifulSoup(js["html"], "html.parser")
        theirs = BeautifulSoup(sheet_html(p, kb, SiteInfo()), "html.parser")
        for sel in (
            "table.db-week",
            ".db-cards",
            "table.db-log",
            ".db-routine-notes",
            ".db-sheet-meta",
            ".db-sheet-summary",
        ):
            assert cells(mine, sel) == cells(theirs, sel), sel


def test_print_button_sheet_is_two_pages_like_the_pdf(
    kb: KnowledgeBase, browser: Any, script_page: Any
) -> None:
    """The frame the Print button prints holds the PDF's sheet: same CSS, two A4 pages."""
    req = {
        "days": {
            **dict.fromkeys(DAYS, "rest"),
            "tuesday": "easy",
            "wednesday": "intervals",
            "saturday": "long",
        },
        "minutes": 15,
        "level": 1,
        "equipment": ["mat", "none", "wall"],
        "focus": "ankles",
    }
    html = script_page.evaluate(
        """([data, r]) => drillbookBuilder.printDocument(data,
            drillbookBuilder.plan(data, drillbookBuilder.build(data, r).routine),
            'routine.css', 'A4')""",
        [builder_data(kb), req],
    )
    css = (ASSETS.parent / "templates" / "routine.css").read_text(encoding="utf-8")
    html = html.replace('<link rel="stylesheet" href="routine.css">', f"<style>{css}</style>")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.body["class"] == ["db-print"] and soup.h1.get_text() == "My week"
    assert [h.get_text(" ", strip=True)[:20] for h in soup.select("h2")] == [
        "The week at a glance",
        "The drills dosage, s",
        "Tracking log",
    ]
    page = browser.new_page()
    page.set_content(html)
    pdf = page.pdf(format="A4")
    page.close()
    assert PdfReader(io.BytesIO(pdf)).get_num_pages() == 2


def cells(soup: BeautifulSoup, selector: str) -> list[str]:
    """The text of every cell, card or item under `selector`, whitespace collapsed."""
    found = soup.select_one(selector)
    assert found is not None, selector
    parts = found.select("th, td, article, li") or [found]
    return [re.sub(r"\s+", " ", p.get_text(" ", strip=True)) for p in parts]


def test_calendar_is_valid_icalendar(kb: KnowledgeBase, script_page: Any) -> None:
    req = {
        "days": {**dict.fromkeys(DAYS, "rest"), "tuesday": "easy", "saturday": "long"},
        "minutes": 20,
        "level": 1,
        "equipment": ["mat", "none", "wall"],
        "focus": "ankles",
    }
    text = script_page.evaluate(
        """([data, r]) => {
            const p = drillbookBuilder.plan(data, drillbookBuilder.build(data, r).routine);
            return drillbookBuilder.calendar(data, p, 'my-week-x', '2026-12-02', 4,
                                             drillbookCalendar);
        }""",
        [builder_data(kb), req],
    )
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    # Wednesday 2 December: the days with drills from then on, in date order.
    routine = build_routine(kb, Request(**{**req, "equipment": frozenset(req["equipment"])}))
    with_drills = [d.key for d in plan("x", routine, kb).days if d.blocks]
    dates = {
        "wednesday": "02",
        "thursday": "03",
        "friday": "04",
        "saturday": "05",
        "sunday": "06",
        "monday": "07",
        "tuesday": "08",
    }
    expected = sorted(f"2026-12-{dates[d]}" for d in with_drills)
    assert [e.decoded("dtstart").isoformat() for e in events] == expected
    assert {"2026-12-05", "2026-12-08"} <= set(expected)
    assert all(e["rrule"]["COUNT"] == [4] and e["rrule"]["FREQ"] == ["WEEKLY"] for e in events)
    tuesday = next(e for e in events if e.decoded("dtstart").isoformat() == "2026-12-08")
    assert str(tuesday["summary"]).startswith("Drills: Easy run, ")
    description = str(tuesday["description"])
    assert description.startswith("Before the run, ") and "\n" in description
    assert len({str(e["uid"]) for e in events}) == len(events)
    with pytest.raises(Exception, match="date"):
        script_page.evaluate(
            """([data, r]) => drillbookBuilder.calendar(data,
                drillbookBuilder.plan(data, drillbookBuilder.build(data, r).routine),
                'x', '2026-02-30', 4, drillbookCalendar)""",
            [builder_data(kb), req],
        )


def test_script_budget_and_only_on_its_page(repo_site: Path) -> None:
    script = repo_site / "assets" / "drillbook" / "builder.js"
    assert len(gzip.compress(script.read_bytes(), 9)) <= 30 * 1024
    page = (repo_site / "tools" / "routine-builder" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/drillbook/builder.js"' in page
    for other in ("index.html", "routines/index.html", "tools/calculator/index.html"):
        assert "builder.js" not in (repo_site / other).read_text(encoding="utf-8"), other


@pytest.fixture(scope="module")
def site_page(browser: Any, repo_site: Path) -> Iterator[Any]:
    """The built page on a phone, served locally; every request is recorded."""
    with served(repo_site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        errors: list[str] = []
        urls: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: urls.append(r.url))
        page.goto(base + "tools/routine-builder/")
        yield page
        assert errors == []
        assert [u for u in urls if not u.startswith((base, "blob:", "data:"))] == []


def test_page_builds_the_week_by_keyboard(site_page: Any, kb: KnowledgeBase) -> None:
    page = site_page
    page.select_option("#db-b-focus", "ankles")
    page.focus("#db-b-minutes")
    page.fill("#db-b-minutes", "20")
    page.keyboard.press("Enter")
    page.wait_for_selector(".db-b-sheet table.db-week")
    assert "focus ankles" in page.inner_text(".db-sheet-summary")
    cli = page.inner_text(".db-b-cli")
    assert cli.startswith("drillbook routine --days tue=easy,wed=intervals,sat=long --minutes 20")
    assert "level=1" in page.url and "focus=ankles" in page.url
    # Follow along: the launcher lists the built days and opens the session dialog.
    page.click(".db-b-start")
    first = page.locator(".db-fa-start").first
    first.click()
    page.wait_for_function("document.querySelector('.db-fa-session').open")
    page.keyboard.press("Escape")


def test_impossible_request_is_explained(site_page: Any, kb: KnowledgeBase) -> None:
    page = site_page
    page.fill("#db-b-minutes", "2")
    page.click("#db-builder button[type=submit]")
    page.wait_for_selector(".db-b-error:not([hidden])")
    text = page.inner_text(".db-b-error")
    req = {
        "days": {
            **dict.fromkeys(DAYS, "rest"),
            "tuesday": "easy",
            "wednesday": "intervals",
            "saturday": "long",
        },
        "minutes": 2,
        "level": 1,
        "equipment": ["mat", "none", "wall"],
        "focus": "ankles",
    }
    assert python_week(kb, req)["error"] in text
    assert "Minutes per session" in text
    assert page.locator(".db-b-week").is_hidden()


def test_every_control_is_labelled_and_axe_passes(site_page: Any) -> None:
    page = site_page
    page.fill("#db-b-minutes", "15")
    page.click("#db-builder button[type=submit]")
    page.wait_for_selector(".db-b-sheet table.db-week")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    for scheme in ("default", "slate"):
        set_palette(page, scheme)
        page.wait_for_timeout(400)  # the theme's colour transition
        found = page.evaluate(
            """async () => {
                const r = await axe.run(document.querySelector('article'),
                                        {resultTypes: ['violations']});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '));
            }"""
        )
        assert found == [], scheme


def test_without_javascript_the_command_is_explained(browser: Any, repo_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((repo_site / "tools" / "routine-builder" / "index.html").as_uri())
    assert page.locator("#db-builder").is_hidden()
    assert "drillbook routine --days" in page.inner_text("article")
    context.close()
