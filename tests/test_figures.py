"""Tests for drill figures (model.pose, validate.poses, render.figures) and their wiring."""

from __future__ import annotations

import itertools
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.model.kinematics import figures
from generator.model.pose import load_poses
from generator.render.figures import render_animated, render_frames, render_thumbnail
from generator.validate.poses import FLOOR_TOL, check_poses

ROOT = Path(__file__).resolve().parent.parent
POSES = ROOT / "poses_wip"
DRILLS = ROOT / "drills"
GOLDEN = Path(__file__).parent / "fixtures" / "figures"
POSE_FILES = sorted(POSES.glob("*.yaml"))
GOLDEN_IDS = ("glute-bridge", "hip-hinge", "wall-slide")
GOLDEN_STEPS = ["First step.", "Second step.", "Third step.", "Fourth step."]
SVG = "{http://www.w3.org/2000/svg}"


def _poses(path: Path):
    return load_poses(yaml.safe_load(path.read_text(encoding="utf-8")))


def _drill(path: Path) -> dict:
    drill = DRILLS / path.name
    return yaml.safe_load(drill.read_text(encoding="utf-8")) if drill.exists() else {}


def test_pose_files_exist_for_original_drills() -> None:
    assert len(POSE_FILES) >= 34


@pytest.mark.parametrize("path", POSE_FILES, ids=lambda p: p.stem)
def test_pose_file_validates(path: Path) -> None:
    drill = _drill(path)
    problems = check_poses(_poses(path), steps=drill.get("steps"), equipment=drill.get("equipment"))
    assert problems == []


@pytest.mark.parametrize("path", POSE_FILES, ids=lambda p: p.stem)
def test_svgs_parse_and_stay_small(path: Path) -> None:
    poses = _poses(path)
    for svg in (
        render_frames(poses, steps=GOLDEN_STEPS, title=path.stem),
        render_animated(poses, steps=GOLDEN_STEPS, title=path.stem),
        render_thumbnail(poses, title=path.stem),
    ):
        root = ET.fromstring(str(svg))
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None
        tags = {el.tag.removeprefix(SVG) for el in root.iter()}
        assert not tags & {"script", "image", "foreignObject", "a"}
        assert "href" not in str(svg) and "url(" not in str(svg)
        assert len(svg.encode()) < 20_000  # the animated figure carries its own SMIL motion


@pytest.mark.parametrize("path", POSE_FILES, ids=lambda p: p.stem)
def test_nothing_below_the_floor_and_frames_differ(path: Path) -> None:
    poses = _poses(path)
    figs = figures(poses)
    for fig in figs:
        assert fig.bottom >= -FLOOR_TOL
        for seg in fig.segments:
            assert min(seg.a[1], seg.b[1]) - seg.width / 2 >= -FLOOR_TOL
    for a, b in itertools.pairwise(figs):
        change = max(abs(a.frame.angles[k] - b.frame.angles[k]) for k in a.frame.angles)
        moved = abs(a.frame.x - b.frame.x) >= 0.08 or a.frame.view != b.frame.view
        assert change >= 10 or moved


def test_out_of_range_angle_reports_path_and_fix() -> None:
    poses = load_poses({"frames": [{"step": 1}, {"step": 2, "left": {"knee": -20, "hip": 30}}]})
    problems = check_poses(poses, steps=["a", "b"])
    paths = [p.path for p in problems]
    assert ("poses", "frames", 1, "left", "knee") in paths
    assert all(p.fix for p in problems)


def test_checks_catch_static_frames_bad_steps_and_missing_props() -> None:
    poses = load_poses(
        {
            "props": ["wall"],
            "frames": [
                {"step": 1, "support": "bench", "anchor": "seat"},
                {"step": 7, "left": {"hip": 5}},
            ],
        }
    )
    messages = " | ".join(p.message for p in check_poses(poses, steps=["a"], equipment=["mat"]))
    assert "looks like position" in messages
    assert "step 7 does not exist" in messages
    assert "bench that is not in `props`" in messages
    assert "not in the drill's equipment" in messages


def test_kneeling_must_rest_on_a_knee() -> None:
    poses = load_poses(
        {"frames": [{"step": 1}, {"step": 1, "base": "kneeling", "left": {"hip": 40}}]}
    )
    assert any("no knee rests" in p.message for p in check_poses(poses))


def test_strict_model_rejects_unknown_keys_and_strings() -> None:
    with pytest.raises(ValueError):
        load_poses({"frames": [{"step": 1, "elbw": 3}]})
    with pytest.raises(ValueError):
        load_poses({"frames": [{"step": "1"}]})


def test_hostile_step_text_is_escaped() -> None:
    poses = _poses(POSES / "glute-bridge.yaml")
    evil = '<script>alert(1)</script> & "quotes" ]]>'
    for svg in (
        render_frames(poses, steps=[evil] * 4, title=evil),
        render_animated(poses, steps=[evil] * 4, title=evil),
        render_thumbnail(poses, title=evil),
    ):
        assert "<script>" not in svg
        root = ET.fromstring(str(svg))
        assert root.find(f"{SVG}title").text == evil


@pytest.mark.parametrize("drill_id", GOLDEN_IDS)
def test_golden_frames(drill_id: str) -> None:
    svg = str(render_frames(_poses(POSES / f"{drill_id}.yaml"), GOLDEN_STEPS, title=drill_id))
    golden = GOLDEN / f"{drill_id}.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(svg, encoding="utf-8")
    assert svg == golden.read_text(encoding="utf-8")
