"""Figures where people see them: drill pages, library cards, `drillbook figure`, and errors in a
drill's `poses:` reported like every other field."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitecheck import drillbook, soup

from generator.outputs.html_allowlist import check_html

REPO = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
Write = Callable[[str, str], Path]

POSES = """\
poses:
  view: side
  working_side: right
  frames:
    - step: 1
      label: Tall
      base: standing
    - step: 2
      label: Knee forward
      base: lunge
      left: {hip: -20, knee: 10}
      right: {hip: 30, knee: KNEE, ankle: 20}
"""


def _svg_ok(markup: str) -> ET.Element:
    root = ET.fromstring(markup)  # parses as XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert not {el.tag.split("}")[-1] for el in root.iter()} & {"script", "image", "style"}
    assert check_html(markup) == []  # the page allowlist
    return root


def test_every_drill_page_with_poses_shows_frames_and_its_movement_file(repo_site: Path) -> None:
    posed = [
        p.stem for p in sorted((REPO / "drills").glob("*.yaml")) if "\nposes:" in p.read_text()
    ]
    assert len(posed) >= 60
    for drill_id in posed:
        html = repo_site / "drills" / drill_id / "index.html"
        page = soup(html)
        frames = page.select(".db-figure-frames svg")
        assert len(frames) == 1, drill_id
        _svg_ok(str(frames[0]))
        # the moving figure is a file next to the page, fetched by figures.js; a drill whose
        # positions differ only in the toes (one-segment feet) has none rather than a still one
        anim = page.select(".db-figure-anim")
        if drill_id in ("short-foot", "toe-yoga"):
            assert not anim and not (html.parent / "movement.svg").exists()
            continue
        assert len(anim) == 1 and anim[0].has_attr("hidden") and not anim[0].select("svg")
        assert anim[0]["data-src"] == "movement.svg", drill_id
        movement = (html.parent / "movement.svg").read_text()
        root = _svg_ok(movement)
        assert "dbf-anim" in root.get("class", "")
        assert root.find(f".//{SVG}animateTransform") is not None, drill_id
        # the step numbers shown match the steps list
        steps = len(page.select("ol.db-steps > li"))
        badges = [int(t.get_text()) for t in frames[0].select("text.bt")]
        assert badges and all(1 <= b <= steps for b in badges), drill_id
        assert html.stat().st_size <= 60_000, drill_id  # at 5,000 drills: benchmarks/bench.py


def test_library_cards_carry_a_thumbnail(repo_site: Path) -> None:
    library = soup(repo_site / "drills" / "index.html")
    cards = library.select(".db-card-thumb svg")
    assert len(cards) >= 60


def test_figure_command_writes_an_svg(tmp_path: Path) -> None:
    out = tmp_path / "gb.svg"
    done = drillbook("figure", "glute-bridge", "--output", str(out), cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out} (frames of glute-bridge")
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg" and root.find(f"{SVG}title") is not None
    anim = drillbook("figure", "glute-bridge", "--kind", "animated", cwd=REPO)
    assert anim.returncode == 0 and "<animateTransform" in anim.stdout


def test_figure_command_errors_are_clear(mini: Path) -> None:
    unknown = drillbook("figure", "knee-rok", cwd=mini)
    assert unknown.returncode == 1
    assert "no drill 'knee-rok' (did you mean 'knee-rock'?)" in unknown.stderr
    path = mini / "drills" / "knee-rock.yaml"
    path.write_text(path.read_text().split("\nposes:")[0] + "\n")
    bare = drillbook("figure", "knee-rock", cwd=mini)
    assert bare.returncode == 1
    assert "drills/knee-rock.yaml has no poses yet" in bare.stderr
    assert "Traceback" not in unknown.stderr + bare.stderr
    check = drillbook("check", "--strict", "drills/knee-rock.yaml", cwd=mini)
    assert check.returncode == 1
    assert "warning: drill has no `poses:`, so its page and cards show no figure" in check.stdout


def test_a_bad_angle_is_reported_at_its_line_and_column(mini: Path) -> None:
    path = mini / "drills" / "knee-rock.yaml"
    good = path.read_text().split("\nposes:")[0] + "\n"
    path.write_text(good + POSES.replace("KNEE", "40"))
    assert drillbook("check", "drills/knee-rock.yaml", cwd=mini).returncode == 0
    path.write_text(good + POSES.replace("KNEE", "-30"))
    done = drillbook("check", "drills/knee-rock.yaml", cwd=mini)
    assert done.returncode == 1
    line = (
        len(good.splitlines())
        + POSES.splitlines().index("      right: {hip: 30, knee: KNEE, ankle: 20}")
        + 1
    )
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"drills/knee-rock.yaml:{line}:"), done.stdout
    assert "knee" in first and "fix:" in done.stdout
    figure = drillbook("figure", "knee-rock", cwd=mini)
    assert figure.returncode == 1 and "has the problems above" in figure.stderr


def test_routine_pages_point_the_session_at_each_drills_movement(repo_site: Path) -> None:
    html = repo_site / "routines" / "five-runs" / "index.html"
    page = soup(html)
    figures = page.select(".db-fa-figures [data-figure]")
    ids = {f["data-figure"] for f in figures}
    links = page.select(".db-card-title a:not(.headerlink)")
    cards = {a["href"].rstrip("/").split("/")[-1] for a in links}
    posed = {d for d in cards if "\nposes:" in (REPO / "drills" / f"{d}.yaml").read_text()}
    assert ids == posed - {"short-foot", "toe-yoga"} and posed
    assert not page.select(".db-fa-figures svg")  # fetched when the session needs them
    for fig in figures:
        target = (html.parent / fig["data-src"]).resolve()
        assert target == (repo_site / "drills" / fig["data-figure"] / "movement.svg").resolve()
        assert target.is_file()


def _movement_requests(browser: Any, base: str, motion: str) -> tuple[Any, list[str], Any]:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion=motion)
    page = ctx.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "drills/glute-bridge/", wait_until="networkidle")
    assert not errors
    return ctx, requested, page


def test_the_movement_loads_on_the_page_and_pauses(browser: Any, base: str) -> None:
    ctx, requested, page = _movement_requests(browser, base, "no-preference")
    try:
        assert base + "drills/glute-bridge/movement.svg" in requested
        svg = page.locator(".db-figure-anim svg.dbf-anim")
        svg.wait_for()
        assert page.locator(".db-figure-anim").is_visible()
        assert page.get_by_role("button", name="Pause").count() == 1
        button = page.locator(".db-figure-toggle")
        button.click()
        assert page.evaluate("document.querySelector('svg.dbf-anim').animationsPaused()")
        assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "Play"
        svg.click()  # a tap on the figure plays it again
        assert not page.evaluate("document.querySelector('svg.dbf-anim').animationsPaused()")
    finally:
        ctx.close()


def test_under_reduced_motion_only_the_key_positions_show(browser: Any, base: str) -> None:
    ctx, requested, page = _movement_requests(browser, base, "reduce")
    try:
        assert not [u for u in requested if u.endswith("movement.svg")]
        assert page.locator(".db-figure-frames svg").is_visible()
        assert page.locator(".db-figure-anim").is_hidden()
    finally:
        ctx.close()


def test_figure_slots_are_filled_and_each_figure_passes_the_allowlist(
    kb: Any, monkeypatch: Any
) -> None:
    from markupsafe import Markup

    from generator.outputs import figures

    slot = str(figures.figure_slot("figures", kb, "glute-bridge"))
    assert slot == "<!--drillbook-figure:figures:glute-bridge-->"
    filled = figures.fill_figures(f"<p>a</p>{slot}<p>b</p>", kb)
    assert filled.startswith('<p>a</p><div class="db-figures">')
    assert filled.endswith('<script src="../assets/drillbook/figures.js" defer></script><p>b</p>')
    assert filled.count("<svg") == 1 and 'data-src="glute-bridge/movement.svg"' in filled
    # an engine reading raw-HTML URLs from the page's URL gets them rewritten, the SVG untouched
    relinked = figures.fill_figures(slot, kb, lambda block: block.replace("../", "../../"))
    assert '<script src="../../assets/drillbook/figures.js"' in relinked
    assert relinked.count("<svg") == 1
    try:
        figures.fill_figures("<!--drillbook-figure:figures:no-such-drill-->", kb)
    except figures.FigureError as exc:
        assert "no-such-drill" in str(exc)
    else:
        raise AssertionError("a slot naming no drill was filled")
    evil = {**figures._DRAW, "drill_frames": lambda kb, d: Markup("<svg><script>1</script></svg>")}
    monkeypatch.setattr(figures, "_DRAW", evil)
    try:
        figures.fill_figures(slot, kb)
    except figures.FigureError as exc:
        assert str(exc).startswith("drills/glute-bridge.yaml: the drill's key positions figure")
        assert "script" in str(exc)
    else:
        raise AssertionError("a figure outside the allowlist was published")


def test_check_svg_applies_the_page_allowlist_to_a_figure() -> None:
    from generator.outputs.html_allowlist import check_svg

    evil = (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
        '<a href="javascript:x"/><image href="http://x/y.png"/><path onload="x"/>'
        "<style>@import url(//x)</style></svg>"
    )
    found = [f.what for f in check_svg(evil)]
    assert found == [
        "<script> in a figure",
        "<a href> points at 'javascript:x' (only https:// or the site's own pages)",
        "<image> is not an allowed tag",
        "<path> has attribute 'onload'",
        "<style> in a figure",
    ]
    assert [f.what for f in check_svg('<!DOCTYPE svg [<!ENTITY a "b">]><svg/>')] == [
        "a DOCTYPE in a figure"
    ]
    assert check_svg("<svg><g></svg>")[0].what == "not well-formed SVG: mismatched tag"
    assert check_svg('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>') == []
