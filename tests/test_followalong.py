"""Follow-along mode and offline use, in Debian's Chromium at a phone's size.

A small project (the mini fixture plus one routine with a timed hold, a rep-counted set, sides
and rest) is built with the real `drillbook build`; the session runs on a controlled clock
(`page.clock`), the service worker is checked offline and across a second build.
"""

from __future__ import annotations

import json
import shutil
import struct
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from browsercheck import run_axe, served, set_palette
from conftest import make_project
from sitecheck import drillbook, soup

from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs import followalong, offline
from generator.pipeline import load as load_project

REPO = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}
START = datetime(2026, 5, 28, 8, 0, 0, tzinfo=UTC)
PAGE = "routines/mini-week/"
ROUTINE = """\
title: Mini week
summary: {summary}
level: 2
days:
  monday:
    run: rest
  tuesday:
    run: easy
    blocks:
      pre-run:
        - {{drill: hip-circle, hold_seconds: 20}}
        - {{drill: knee-rock, reps: 3}}
  wednesday:
    run: rest
  thursday:
    run: progressive
    blocks:
      pre-run: [hip-circle, cadence-lunge]
  friday:
    run: rest
  saturday:
    run: rest
  sunday:
    run: rest
"""
FIRST = "One easy run with a guided warm-up, for the tests."
SECOND = "A changed summary, to see the new build arrive."
# Tuesday's pre-run block, step by step (hip-circle: 1 set per side held 20 s; knee-rock: 2 sets
# of 3 reps per side with 15 s rest): what the phase line shows at each step.
TUESDAY = [
    "Get ready",
    "Set 1 of 1 · left side",
    "Switch sides",
    "Set 1 of 1 · right side",
    "Get ready",
    "Set 1 of 2 · left side",
    "Switch sides",
    "Set 1 of 2 · right side",
    "Rest",
    "Set 2 of 2 · left side",
    "Switch sides",
    "Set 2 of 2 · right side",
]


PALETTE = """\
  palette:
    - scheme: default
      primary: teal
      accent: deep orange
      toggle: {icon: material/weather-night, name: Switch to dark mode}
    - scheme: slate
      primary: teal
      accent: deep orange
      toggle: {icon: material/weather-sunny, name: Switch to light mode}
"""


def make_mini(dest: Path, summary: str = FIRST) -> Path:
    """The mini fixture with one routine, the site's palettes and its style sheet."""
    project = make_project(dest)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  font: false\n", "  font: false\n" + PALETTE)
    config.write_text(text + "extra_css: [assets/drillbook.css]\n", encoding="utf-8")
    (project / "content" / "assets").mkdir(exist_ok=True)
    shutil.copy(REPO / "content" / "assets" / "drillbook.css", project / "content" / "assets")
    for page in ("scheduling", "tracking-progress"):
        (project / "content" / "guide" / f"{page}.md").write_text(f"# {page}\n\nText.\n")
    routines = project / "content" / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    (routines / "mini-week.yaml").write_text(ROUTINE.format(summary=summary), encoding="utf-8")
    return project


def build(project: Path, site: Path) -> None:
    result = drillbook("build", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fa")
    site = base / "site"
    build(make_mini(base / "proj"), site)
    return site


@pytest.fixture(scope="module")
def base_url(mini_site: Path) -> Iterator[str]:
    with served(mini_site) as url:
        yield url


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport=PHONE, service_workers="block")
    yield ctx
    ctx.close()


def open_page(context: Any, url: str, clock: bool = True) -> Any:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    if clock:
        page.clock.install(time=START)
    page.goto(url)
    if clock:
        # From here on, time moves only with run_for.
        page.clock.pause_at(START + timedelta(seconds=1))
    return page


def start(page: Any, day: str = "tuesday", block: str | None = "pre-run") -> None:
    selector = f'.db-fa-start[data-day="{day}"]' + (
        f'[data-block="{block}"]' if block else ":not([data-block])"
    )
    page.locator(selector).click()
    page.locator(".db-fa-session[open]").wait_for()


def text(page: Any, selector: str) -> str:
    return str(page.locator(f".db-fa-session {selector}").text_content()).strip()


def live(page: Any) -> str:
    return str(page.locator(".db-fa-live").text_content()).strip()


# -- Python side: the data the page carries ----------------------------------------------------


def test_session_json_comes_from_the_plan_and_cannot_close_the_script(tmp_path: Path) -> None:
    project = make_mini(tmp_path / "proj")
    kb = load_project(project).kb
    assert kb is not None
    plan = kb.extra["routine_plans"]["mini-week"]
    data = followalong.session_data(plan, kb)
    assert [d["key"] for d in data["days"]] == ["tuesday", "thursday"]  # type: ignore[index]
    hold, reps = data["days"][0]["blocks"][0]["items"]  # type: ignore[index]
    assert hold["drill"] == "hip-circle" and hold["hold"] == 20 and hold["reps"] is None
    assert reps["reps"] == 3 and reps["perSide"] and reps["rest"] == 15 and reps["sets"] == 2
    assert [c["key"] for c in data["columns"]] == [c.key for c in TRACKING_COLUMNS]  # type: ignore[union-attr]
    nasty = {"x": "</script><!-- & \u2028"}
    embedded = str(followalong.script_json(nasty))
    assert "<" not in embedded and ">" not in embedded and "\u2028" not in embedded
    assert json.loads(embedded) == nasty


def test_build_version_is_deterministic_and_follows_the_content() -> None:
    files = {"index.html": b"a", "routines/x/index.html": b"b", "x.pdf": b"c", "sw.js": b"d"}
    same = offline.build_version(dict(files))
    assert same == offline.build_version(dict(reversed(list(files.items()))))
    assert offline.build_version({**files, "x.pdf": b"other", "sw.js": b""}) == same
    assert offline.build_version({**files, "routines/x/index.html": b"B"}) != same
    assert offline.precache_urls(
        [
            "index.html",
            "routines/x/index.html",
            "drills/a/index.html",
            "guide/p/index.html",
            "assets/drillbook/followalong.js",
            "pagefind/pagefind-entry.json",
            "routines/x-a4.pdf",
        ]
    ) == ["assets/drillbook/followalong.js", "drills/a/", "./", "routines/x/"]


def test_icons_are_valid_pngs_and_the_manifest_points_at_them(mini_site: Path) -> None:
    manifest = json.loads((mini_site / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "./" and manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        png = (mini_site / icon["src"]).read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        assert f"{width}x{height}" == icon["sizes"]
        assert zlib.crc32(png[12:29]) == struct.unpack(">I", png[29:33])[0]
    page = soup(mini_site / PAGE / "index.html")
    assert page.find("link", rel="manifest")["href"] == "../../manifest.webmanifest"
    # The session data is JSON in the page; without JavaScript the launcher stays hidden.
    data = json.loads(page.find("script", id="db-fa-data").string)
    assert data["routine"] == "mini-week"
    assert page.find("div", class_="db-fa").has_attr("hidden")
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert "../../assets/drillbook/followalong.js" in scripts
    home = [s.get("src", "") for s in soup(mini_site / "index.html").find_all("script")]
    assert not any("followalong" in s for s in home)


# -- The session in the browser ----------------------------------------------------------------


def test_a_session_runs_start_to_finish_and_fills_a_log_row(context: Any, base_url: str) -> None:
    page = open_page(context, base_url + PAGE)
    start(page)
    assert text(page, ".db-fa-where") == "Tuesday · Before the run"
    seen = [text(page, ".db-fa-phase")]
    assert seen == ["Get ready"] and live(page).startswith("Get ready: Hip circle")
    assert text(page, ".db-fa-next").startswith("Next up: Hip circle, set 1 of 1, left side")
    page.clock.run_for(5_100)  # get ready -> the 20 s hold
    assert text(page, ".db-fa-clock") == "0:20"
    # the drill's moving figure, fetched from its own file (drills/hip-circle/movement.svg)
    figure = page.locator(".db-fa-session .db-fa-figure svg.dbf-anim")
    figure.wait_for()
    assert "hip-circle" in str(figure.get_attribute("class"))
    assert figure.locator("animateTransform").count() > 0
    seen.append(text(page, ".db-fa-phase"))
    page.clock.run_for(10_000)
    assert text(page, ".db-fa-clock") == "0:10" and live(page) == "10 seconds"
    page.clock.run_for(7_000)
    assert live(page) == "3"
    page.clock.run_for(3_000)  # done: switch sides
    seen.append(text(page, ".db-fa-phase"))
    assert live(page) == "switch to the right side"
    page.clock.run_for(5_000)
    seen.append(text(page, ".db-fa-phase"))
    page.clock.run_for(20_000)
    seen.append(text(page, ".db-fa-phase"))  # get ready for knee rock
    page.clock.run_for(15_000)
    seen.append(text(page, ".db-fa-phase"))
    tap = page.locator(".db-fa-tap")
    assert tap.text_content() == "0 / 3tap for each rep"
    assert page.locator(".db-fa-clock").is_hidden()
    tap.click()
    tap.click()
    assert tap.locator("span").text_content() == "2 / 3"
    assert page.get_by_role("button", name="2 / 3 tap for each rep").count() == 1
    tap.click()  # the third rep ends the set
    seen.append(text(page, ".db-fa-phase"))
    page.clock.run_for(5_300)
    seen.append(text(page, ".db-fa-phase"))
    page.locator(".db-fa-stage").focus()
    for _ in range(3):
        page.keyboard.press(" ")  # space counts a rep
    seen.append(text(page, ".db-fa-phase"))
    assert text(page, ".db-fa-clock") == "0:15"
    page.clock.run_for(15_300)
    seen.append(text(page, ".db-fa-phase"))
    for _ in range(3):
        tap.click()
    seen.append(text(page, ".db-fa-phase"))
    page.clock.run_for(5_300)
    seen.append(text(page, ".db-fa-phase"))
    assert seen == TUESDAY
    assert page.locator(".db-fa-progress").get_attribute("value") == "11"
    for _ in range(3):
        tap.click()
    summary = page.locator(".db-fa-summary")
    assert summary.is_visible()
    assert page.locator(".db-fa-progress").evaluate("p => p.value === p.max")
    assert "2 drills, 6 sets" in text(page, ".db-fa-done-text")
    assert live(page).startswith("Session done.")
    form = page.locator(".db-fa-summary")
    assert form.locator("[name=date]").input_value() == "2026-05-28"
    assert form.locator("[name=run]").input_value() == "Easy run"
    form.locator("[name=cadence]").fill("172")
    form.locator("[name=pain]").fill("0")
    page.locator(".db-fa-save").click()
    assert "1 row" in text(page, ".db-fa-saved")
    rows = page.evaluate("JSON.parse(localStorage.getItem('drillbook:log'))")
    assert rows[0]["cadence"] == "172" and rows[0]["date"] == "2026-05-28"
    href = page.locator(".db-fa-csv").get_attribute("href")
    from urllib.parse import unquote

    csv = unquote(href.split(",", 1)[1]).splitlines()
    assert csv[0] == ",".join(c.label for c in TRACKING_COLUMNS)
    assert csv[1].startswith("2026-05-28,Easy run,172,,0,")
    assert page.errors == []


def test_pause_survives_a_reload_and_resumes(context: Any, base_url: str) -> None:
    page = open_page(context, base_url + PAGE)
    start(page)
    page.clock.run_for(5_100 + 7_000)
    assert text(page, ".db-fa-clock") == "0:13"
    page.locator(".db-fa-pause").click()
    assert live(page) == "Paused" and text(page, ".db-fa-pause") == "Resume"
    page.reload()
    page.locator(".db-fa-session[open]").wait_for()
    assert text(page, ".db-fa-phase") == "Set 1 of 1 · left side"
    assert text(page, ".db-fa-clock") == "0:13"
    assert live(page).startswith("Paused at Hip circle")
    page.clock.run_for(30_000)  # paused: nothing moves
    assert text(page, ".db-fa-clock") == "0:13"
    page.locator(".db-fa-pause").click()
    assert text(page, ".db-fa-pause") == "Pause"
    page.clock.run_for(13_200)
    assert text(page, ".db-fa-phase") == "Switch sides"
    # A running session keeps running through a reload (a locked phone): wall-clock end times.
    page.reload()
    page.locator(".db-fa-session[open]").wait_for()
    page.clock.run_for(5_200)
    assert text(page, ".db-fa-phase") == "Set 1 of 1 · right side"


def test_keyboard_back_skip_space_and_escape(context: Any, base_url: str) -> None:
    page = open_page(context, base_url + PAGE)
    start(page, "thursday", None)  # the whole day
    assert text(page, ".db-fa-where") == "Thursday · Before the run"
    assert "Smoother, quicker circles." in text(page, ".db-fa-dose")  # a progressive day
    page.keyboard.press("ArrowRight")
    assert text(page, ".db-fa-phase") == "Set 1 of 1 · left side"
    assert text(page, ".db-fa-tap span") == "0 / 5"
    page.keyboard.press(" ")
    assert text(page, ".db-fa-tap span") == "1 / 5"
    page.keyboard.press("ArrowLeft")
    assert text(page, ".db-fa-phase") == "Get ready"
    page.keyboard.press(" ")  # a timed step: space pauses
    assert text(page, ".db-fa-pause") == "Resume"
    page.keyboard.press(" ")
    assert text(page, ".db-fa-pause") == "Pause"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert text(page, ".db-fa-phase") == "Switch sides"
    page.keyboard.press("Escape")
    assert page.locator(".db-fa-session[open]").count() == 0
    resume = page.locator('.db-fa-start[data-day="thursday"]:not([data-block])')
    assert "db-fa-resume" in (resume.get_attribute("class") or "")
    resume.focus()
    page.keyboard.press("Enter")  # opens where it was, paused
    assert text(page, ".db-fa-phase") == "Switch sides"
    assert text(page, ".db-fa-pause") == "Resume"
    sizes = page.eval_on_selector_all(
        ".db-fa-session button:not([hidden])",
        "bs => bs.filter(b => b.offsetParent).map(b => b.getBoundingClientRect())"
        ".map(r => Math.min(r.width, r.height))",
    )
    assert sizes and min(sizes) >= 44


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_on_the_open_session(context: Any, base_url: str, scheme: str) -> None:
    page = open_page(context, base_url + PAGE, clock=False)
    set_palette(page, scheme)
    start(page)
    page.keyboard.press("ArrowRight")
    bad = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad, indent=1)


# -- Offline -----------------------------------------------------------------------------------


def _sw_ready(page: Any) -> str:
    """Wait until the service worker controls the page; its cache names."""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    return str(page.evaluate("caches.keys().then(k => k.join(' '))"))


def _until(page: Any, promise: str, seconds: float = 30) -> None:
    """Poll until the JavaScript `promise` resolves truthy (wait_for_function would see the
    Promise object itself, which is always truthy)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(promise):
        assert time.monotonic() < deadline, f"timed out waiting for {promise}"
        page.wait_for_timeout(100)


def _cached(page: Any, url: str) -> bool:
    return bool(
        page.evaluate(f"caches.match(new URL({url!r}, location.origin + '/')).then(r => !!r)")
    )


def test_offline_after_a_first_visit(browser: Any, base_url: str, mini_site: Path) -> None:
    ctx = browser.new_context(viewport=PHONE)
    try:
        page = ctx.new_page()
        page.goto(base_url)  # a first view stores nothing ahead: it pays only for itself
        version = json.loads(
            (mini_site / "sw.js").read_text().split("const VERSION = ")[1].split(";")[0]
        )
        assert _sw_ready(page) in ("", f"drillbook-{version}")
        assert not _cached(page, "drills/knee-rock/")
        assert not _cached(page, "assets/drillbook/followalong.js")
        page.goto(base_url + PAGE)  # a routine page asks for every page
        _until(
            page,
            f"caches.open('drillbook-{version}')"
            f".then(c => c.match('{base_url}drills/knee-rock/')).then(r => !!r)",
        )
        ctx.set_offline(True)
        page.goto(base_url + PAGE)
        assert page.locator("h1").inner_text().startswith("Mini week")
        page.locator(".db-fa").wait_for()  # the script came from the cache too
        start(page)
        page.keyboard.press("ArrowRight")
        assert text(page, ".db-fa-clock") == "0:20"
        page.locator(".db-fa-figure svg.dbf-anim").wait_for()  # the figure file, from the cache
        page.goto(base_url + "drills/knee-rock/")
        assert "Knee" in page.locator("h1").inner_text()
    finally:
        ctx.close()


def test_a_new_build_replaces_the_cache(browser: Any, tmp_path: Path) -> None:
    site = tmp_path / "site"
    project = make_mini(tmp_path / "proj")
    build(project, site)
    first = (site / "sw.js").read_text()
    with served(site) as url:
        ctx = browser.new_context(viewport=PHONE)
        try:
            page = ctx.new_page()
            page.goto(url + PAGE)
            _sw_ready(page)
            _until(page, "caches.keys().then(k => k.length === 1)")
            old = page.evaluate("caches.keys().then(k => k[0])")
            make_mini(project, SECOND)
            build(project, site)
            assert (site / "sw.js").read_text() != first
            page.goto(url + PAGE)  # the browser sees the new sw.js, installs it, drops the old
            _until(page, f"caches.keys().then(k => k.length === 1 && k[0] !== {old!r})")
            new = page.evaluate("caches.keys().then(k => k[0])")
            _until(  # the pages come again, from the new build
                page,
                f"caches.open({new!r}).then(c => c.match('{url}{PAGE}')).then(r => r && r.text())"
                f".then(t => !!t && t.includes({SECOND!r}))",
            )
            assert page.locator(".db-summary").inner_text() == SECOND
            ctx.set_offline(True)
            page.reload()
            assert page.locator(".db-summary").inner_text() == SECOND
        finally:
            ctx.close()
