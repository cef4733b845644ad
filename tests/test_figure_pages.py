"""Figures where people see them: drill pages, library cards, `drillbook figure`, and errors in a
drill's `poses:` reported like every other field."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from sitecheck import drillbook, soup

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


def test_every_drill_page_with_poses_shows_frames_and_animation(repo_site: Path) -> None:
    posed = [
        p.stem for p in sorted((REPO / "drills").glob("*.yaml")) if "\nposes:" in p.read_text()
    ]
    assert len(posed) >= 60
    for drill_id in posed:
        page = soup(repo_site / "drills" / drill_id / "index.html")
        frames = page.select(".db-figure-frames svg")
        anim = page.select(".db-figure-anim svg")
        assert len(frames) == 1 and len(anim) == 1, drill_id
        for svg in (*frames, *anim):
            root = ET.fromstring(str(svg))  # parses as XML
            assert root.get("role") == "img"
            assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
            assert not {el.tag.split("}")[-1] for el in root.iter()} & {"script", "image"}
        # the step numbers shown match the steps list
        steps = len(page.select("ol.db-steps > li"))
        badges = [int(t.get_text()) for t in frames[0].select("text.bn, .db-step-badge text")]
        assert all(1 <= b <= steps for b in badges), drill_id
        assert len(str(page).encode()) < 60_000 or drill_id  # budget checked at scale in bench


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


def test_routine_pages_carry_each_drills_figure_for_the_session(repo_site: Path) -> None:
    page = soup(repo_site / "routines" / "five-runs" / "index.html")
    figures = page.select(".db-fa-figures [data-figure]")
    ids = {f["data-figure"] for f in figures}
    links = page.select(".db-card-title a:not(.headerlink)")
    cards = {a["href"].rstrip("/").split("/")[-1] for a in links}
    posed = {d for d in cards if "\nposes:" in (REPO / "drills" / f"{d}.yaml").read_text()}
    assert ids == posed and posed
    for fig in figures:
        assert fig.has_attr("hidden") and fig.select_one("svg.dbf-anim") is not None
