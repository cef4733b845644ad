"""The incremental preview: after every kind of edit, the site `drillbook serve` updated in
place equals a fresh full build byte for byte (every file, PDFs included), and an edit shows on
a real server within seconds."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from conftest import make_project
from test_routines import GOOD as ROUTINE
from test_serve import Server, _get, _poll

from generator import pipeline
from generator.adapters.mkdocs_preview import SitePreview, site_preview

URL = "http://127.0.0.1:8000/drillbook/"


def _preview(root: Path, site: Path) -> SitePreview:
    return site_preview(root, str(site), "127.0.0.1:8000", URL)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _same_as_full_build(root: Path, site: Path, tmp: Path) -> None:
    fresh_site = tmp / "fresh"
    shutil.rmtree(fresh_site, ignore_errors=True)
    fresh = _preview(root, fresh_site)
    fresh.full(pipeline.load(root))
    fresh.wait_for_pdfs()
    mine, want = _tree(site), _tree(fresh_site)
    assert sorted(mine) == sorted(want)
    assert want["routines/mini-week-a4.pdf"].startswith(b"%PDF")
    assert "sw.js" in want and "pagefind/pagefind-entry.json" in want
    differ = [path for path in want if mine[path] != want[path]]
    assert differ == []


def _save(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    time.sleep(0.01)  # a distinct mtime even on coarse clocks


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = make_project(tmp_path / "proj")
    _save(root / "content" / "routines" / "mini-week.yaml", ROUTINE)
    return root


def test_incremental_updates_equal_a_full_build(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    preview = _preview(project, site)
    assert preview.rebuild(pipeline.load(project)) == "full"
    preview.wait_for_pdfs()
    drills = project / "drills"
    knee = (drills / "knee-rock.yaml").read_text(encoding="utf-8")
    edits = {
        "edit a drill's summary": lambda: _save(
            drills / "knee-rock.yaml", knee.replace("Rock the knee", "Edited, rock the knee")
        ),
        "add a drill": lambda: _save(
            drills / "ankle-rock.yaml", knee.replace("name: Knee rock", "name: Ankle rock")
        ),
        "rename a drill": lambda: (
            (drills / "ankle-rock.yaml").rename(drills / "ankle-sway.yaml"),
            _save(drills / "ankle-sway.yaml", knee.replace("name: Knee rock", "name: Ankle sway")),
        ),
        "delete a drill": lambda: (drills / "ankle-sway.yaml").unlink(),
        "edit a principle": lambda: _save(
            project / "content" / "principles" / "hip-work.md",
            (project / "content" / "principles" / "hip-work.md")
            .read_text(encoding="utf-8")
            .replace("Free hips make longer strides.", "Free hips, easier strides."),
        ),
        "edit a hand-written page": lambda: _save(
            project / "content" / "guide" / "pain-rules.md",
            "# Pain rules\n\nStop on sharp pain; ease off on a dull ache.\n",
        ),
        "edit a routine": lambda: _save(
            project / "content" / "routines" / "mini-week.yaml",
            ROUTINE.replace("pre-run: [hip-circle, cadence-lunge]", "pre-run: [knee-rock]"),
        ),
    }
    for what, edit in edits.items():
        edit()
        if what == "edit a drill's summary":  # the drill's own page first, as serve does
            assert preview.quick(pipeline.load(project))
            page = site / "drills" / "knee-rock" / "index.html"
            assert "Edited, rock the knee" in page.read_text(encoding="utf-8")
        assert preview.rebuild(pipeline.load(project)) == "incremental", what
        preview.wait_for_pdfs()
        _same_as_full_build(project, site, tmp_path)
    assert "Edited, rock the knee" in (site / "drills" / "knee-rock" / "index.html").read_text()
    assert not (site / "drills" / "ankle-rock").exists()


def test_a_change_to_mkdocs_yml_builds_everything(project: Path, tmp_path: Path) -> None:
    preview = _preview(project, tmp_path / "site")
    preview.rebuild(pipeline.load(project))
    config = project / "mkdocs.yml"
    _save(config, config.read_text(encoding="utf-8").replace("Mini Drillbook", "Mini book"))
    assert preview.rebuild(pipeline.load(project)) == "full"
    preview.wait_for_pdfs()
    assert "Mini book" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_served_edit_shows_within_seconds_and_pdfs_follow(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    _save(root / "content" / "routines" / "mini-week.yaml", ROUTINE)
    running = Server(root)
    try:
        _poll(lambda: "Serving on" in running.output(), timeout=90)
        page = running.base + "drills/knee-rock/"
        assert "Knee rock" in _get(page)
        drill = root / "drills" / "knee-rock.yaml"
        text = drill.read_text(encoding="utf-8")
        _save(drill, text.replace("Rock the knee", "Served edit, rock the knee"))
        waited = _poll(lambda: "Served edit" in _get(page), timeout=30)
        assert waited < 5, running.output()
        assert "Updated " in running.output()  # the incremental path, not a full build
        pdf = running.base + "routines/mini-week-a4.pdf"
        _poll(lambda: _fetch(pdf) != b"", timeout=120)
    finally:
        running.stop()


def _fetch(url: str) -> bytes:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            data = bytes(response.read())
    except urllib.error.HTTPError as exc:
        assert exc.code == 503 and b"being rendered" in exc.read()
        return b""
    assert data.startswith(b"%PDF")  # never an empty placeholder
    return data
