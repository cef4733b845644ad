"""Tests for drill figures (model.pose, validate.poses, render.figures) and their wiring."""

from __future__ import annotations

import itertools
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.model.kinematics import figures
from generator.model.pose import load_poses
from generator.render.figures import (
    _limb_moved,
    render_animated,
    render_frames,
    render_thumbnail,
)
from generator.validate.poses import FLOOR_TOL, check_poses

ROOT = Path(__file__).resolve().parent.parent
DRILLS = ROOT / "drills"
GOLDEN = Path(__file__).parent / "fixtures" / "figures"
DRILL_FILES = sorted(DRILLS.glob("*.yaml"))
POSE_FILES = [p for p in DRILL_FILES if "\nposes:" in p.read_text(encoding="utf-8")]
GOLDEN_IDS = ("glute-bridge", "hip-hinge", "wall-slide")
GOLDEN_STEPS = ["First step.", "Second step.", "Third step.", "Fourth step."]
SVG = "{http://www.w3.org/2000/svg}"


def _poses(path: Path):
    """The `poses:` block of a drill file."""
    return load_poses(yaml.safe_load(path.read_text(encoding="utf-8"))["poses"])


def _drill(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_drill_has_poses() -> None:
    assert len(DRILL_FILES) >= 60
    assert POSE_FILES == DRILL_FILES


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
    poses = _poses(DRILLS / "glute-bridge.yaml")
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
    svg = str(render_frames(_poses(DRILLS / f"{drill_id}.yaml"), GOLDEN_STEPS, title=drill_id))
    golden = GOLDEN / f"{drill_id}.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(svg, encoding="utf-8")
    assert svg == golden.read_text(encoding="utf-8")


# --- lying on the side, flight frames, arrows that follow the limb ------------------------------

_SIDE_PLANK = {
    "view": "front",
    "working_side": "left",
    "frames": [
        {
            "step": 1,
            "base": "side-lying",
            "roll": 58,
            "contacts": ["left_elbow", "left_hip", "left_ankle"],
            "left": {"shoulder_abduction": 100, "elbow": 90, "hip_abduction": -30},
            "right": {"shoulder_abduction": 115, "hip_abduction": 30},
        },
        {
            "step": 2,
            "roll": 74,
            "contacts": ["left_elbow", "left_ankle"],
            "left": {"shoulder_abduction": 80, "hip_abduction": 0},
            "right": {"hip_abduction": 0},
        },
    ],
}


def test_side_lying_plank_validates_and_lies_along_the_floor() -> None:
    poses = load_poses(_SIDE_PLANK)
    assert check_poses(poses, steps=["a", "b"], category="strength") == []
    for fig in figures(poses):
        head_x = fig.points["head"][0]
        assert head_x - fig.points["left_ankle"][0] > 0.7  # lying along the floor
        assert fig.points["head"][1] < 0.45
        assert all(seg.near for seg in fig.segments)  # both sides face the viewer
    assert figures(poses)[1].points["pelvis"][1] > figures(poses)[0].points["pelvis"][1] + 0.1


def test_rolled_body_below_the_floor_is_refused() -> None:
    data = {
        "view": "front",
        "props": ["bench"],
        "frames": [
            {"step": 1, "base": "side-lying", "roll": 90, "anchor": "right_ankle"},
            {"step": 2, "support": "bench", "roll": 120},
        ],
    }
    problems = check_poses(load_poses(data), steps=["a", "b"], equipment=["bench"])
    assert any("below the floor" in p.message for p in problems)
    assert ("poses", "frames", 1) in [p.path for p in problems]


def test_roll_needs_side_lying_and_side_lying_needs_roll() -> None:
    tipped = load_poses({"frames": [{"step": 1}, {"step": 1, "roll": 70}]})
    assert any(p.path == ("poses", "frames", 1, "roll") for p in check_poses(tipped))
    upright = load_poses({"frames": [{"step": 1}, {"step": 1, "base": "side-lying", "trunk": 20}]})
    assert any("side-lying but the body is upright" in p.message for p in check_poses(upright))
    with pytest.raises(ValueError):
        load_poses({"frames": [{"step": 1, "roll": 70, "air": 0.5}]})


_HOPS = {
    "view": "side",
    "frames": [
        {
            "step": 1,
            "anchor": "right_toe",
            "contacts": ["left_toe", "right_toe"],
            "left": {"ankle": -30},
            "right": {"ankle": -30},
        },
        {"step": 2, "air": 0.06, "left": {"ankle": -45}, "right": {"ankle": -45}},
    ],
}


def test_airborne_frame_needs_no_contact_and_leaves_the_floor() -> None:
    poses = load_poses(_HOPS)
    assert check_poses(poses, steps=["a", "b"], category="spring") == []
    ground, flight = figures(poses)
    assert flight.frame.contacts == ()
    assert flight.bottom == pytest.approx(0.06)
    assert ground.bottom == pytest.approx(0.0)


def test_airborne_frame_refused_where_not_allowed() -> None:
    poses = load_poses(_HOPS)
    problems = check_poses(poses, steps=["a", "b"], category="strength")
    assert [p.path for p in problems] == [("poses", "frames", 1, "air")]
    assert "air_reason" in problems[0].fix
    assert (
        check_poses(load_poses({**_HOPS, "air_reason": "the hop's flight"}), category="strength")
        == []
    )
    touching = {
        **_HOPS,
        "frames": [_HOPS["frames"][0], {**_HOPS["frames"][1], "contacts": ["left_toe"]}],
    }
    problems = check_poses(load_poses(touching), category="spring")
    assert any("cannot touch" in p.message for p in problems)


def test_arrows_follow_the_moving_limb_not_the_body() -> None:
    squat = {
        "frames": [
            {"step": 1, "left": {"shoulder": 30}, "right": {"shoulder": 30}},
            {
                "step": 2,
                "trunk": 30,
                "left": {"hip": 90, "knee": 100, "ankle": 30},
                "right": {"hip": 90, "knee": 100, "ankle": 30},
            },
        ]
    }
    svg = str(render_frames(load_poses(squat)))
    arms_still = svg.count('class="ar"')
    squat["frames"][1]["left"]["shoulder"] = 120
    svg = str(render_frames(load_poses(squat)))
    assert svg.count('class="ar"') >= arms_still
    fig0, fig1 = figures(load_poses(squat))

    assert _limb_moved(fig0, fig1, "left_hand")
    assert not _limb_moved(fig0, fig1, "right_hand")


def test_airborne_frame_casts_a_shadow_and_is_not_held_in_the_animation() -> None:
    hops = {**_HOPS, "frames": [*_HOPS["frames"], {"step": 2, "left": {"ankle": -10}}]}
    svg = str(render_frames(load_poses(hops)))
    assert svg.count('class="sh"') == 1
    anim = str(render_animated(load_poses(hops)))
    assert anim.count('class="sh"') == 0
    held = str(
        render_animated(
            load_poses({**hops, "frames": [{**f, "air": None} for f in hops["frames"]]})
        )
    )
    key_times = [len(m.split(";")) for m in re.findall(r'keyTimes="([^"]*)"', anim)]
    held_times = [len(m.split(";")) for m in re.findall(r'keyTimes="([^"]*)"', held)]
    assert max(key_times) < max(held_times)  # the flight is passed through, not held


def test_long_labels_wrap_or_widen_instead_of_running_off() -> None:
    long = "Sweep the leg down and back under the hip"[:40]
    poses = load_poses(
        {"frames": [{"step": 1, "label": long}, {"step": 1, "label": "x", "left": {"hip": 40}}]}
    )
    root = ET.fromstring(str(render_frames(poses)))
    panel_w = float(root.get("width")) / 2
    texts = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "lb"]
    assert " ".join(texts[:2]) == long  # two lines, nothing cut
    assert all(len(t) * 4.4 <= panel_w - 6 for t in texts)
