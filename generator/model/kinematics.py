"""Pure forward kinematics: resolved joint angles -> 2D points and segments, resting on the floor.

Segment lengths are fractions of body height H, from D. A. Winter, *Biomechanics and Motor
Control of Human Movement*, 4th ed., Wiley, 2009, Fig. 4.1 / Table 4.1 (segment lengths as a
fraction of height): thigh 0.245H, shank (leg) 0.246H, ankle height 0.039H, foot length 0.152H,
hip height 0.530H, shoulder height 0.818H (so trunk hip-to-shoulder 0.288H), chin height 0.870H,
head 0.130H, shoulder width 0.259H, hip width 0.191H, upper arm 0.186H, forearm 0.146H,
hand 0.108H. (Checked against public code that reproduces the table: thigh 0.245, shank 0.246,
foot 0.152, torso 0.288, shoulders 0.259, hips 0.191, head 0.130, hip height 0.530.)
Drawing widths are illustration choices, not anthropometry.

Coordinates: X forward, Y up, Z toward the figure's left; unit = body height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache

from generator.model.pose import (
    BODY_JOINTS,
    LIMB_JOINTS,
    MAX_UPRIGHT_ROLL,
    SUPPORT_HEIGHTS,
    Poses,
)

SEGMENT_LENGTHS: dict[str, float] = {
    "thigh": 0.245,
    "shank": 0.246,
    "ankle_height": 0.039,
    "foot": 0.152,
    "trunk": 0.288,
    "neck_to_chin": 0.052,
    "head": 0.130,
    "shoulder_width": 0.259,
    "hip_width": 0.191,
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
}
#: Stroke widths (body heights) per segment kind; the trunk is wider seen from the front.
WIDTHS: dict[str, float] = {
    "trunk": 0.1,
    "trunk_front": 0.16,
    "neck": 0.04,
    "hipbar": 0.06,
    "shoulderbar": 0.045,
    "thigh": 0.062,
    "shank": 0.046,
    "toe": 0.03,
    "heel": 0.03,
    "upper_arm": 0.042,
    "forearm": 0.036,
    "hand": 0.032,
}
HEAD_RADIUS = 0.066

NEUTRAL: dict[str, float] = {
    "trunk": 0.0,
    "trunk_side": 0.0,
    "trunk_twist": 0.0,
    "side_bend": 0.0,
    "roll": 0.0,
    "neck": 0.0,
    **{f"{s}.{j}": 0.0 for s in ("left", "right") for j in LIMB_JOINTS},
    "left.elbow": 5.0,
    "right.elbow": 5.0,
    "left.shoulder_abduction": 6.0,
    "right.shoulder_abduction": 6.0,
}

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]


@dataclass(frozen=True)
class ResolvedFrame:
    """A frame with every angle filled in (inherited from the previous frame)."""

    index: int
    step: int
    label: str | None
    base: str
    view: str
    anchor: str
    support: str
    x: float
    contacts: tuple[str, ...]
    angles: dict[str, float]
    air: float = 0.0

    @property
    def lying_on_side(self) -> bool:
        """Rolled onto a side: both sides face the viewer equally (no near/far shading)."""
        return abs(self.angles.get("roll", 0.0)) > MAX_UPRIGHT_ROLL


def resolve_frames(poses: Poses) -> list[ResolvedFrame]:
    """Fill each frame's missing values from the previous frame (first: neutral standing)."""
    angles = dict(NEUTRAL)
    state: dict[str, object] = {
        "base": "standing",
        "view": poses.view,
        "anchor": "pelvis",
        "support": "floor",
        "x": 0.0,
        "contacts": (),
    }
    out: list[ResolvedFrame] = []
    for i, frame in enumerate(poses.frames):
        for name in BODY_JOINTS:
            value = getattr(frame, name)
            if value is not None:
                angles[name] = float(value)
        for side in ("left", "right"):
            limb = getattr(frame, side)
            for joint in LIMB_JOINTS:
                value = getattr(limb, joint)
                if value is not None:
                    angles[f"{side}.{joint}"] = float(value)
        for key in state:
            value = getattr(frame, key)
            if value is not None:
                state[key] = value
        air = float(frame.air or 0.0)
        contacts = state["contacts"] if frame.contacts is not None or not air else ()
        out.append(
            ResolvedFrame(
                index=i,
                step=frame.step,
                label=frame.label,
                base=str(state["base"]),
                view=str(state["view"]),
                anchor=str(state["anchor"]),
                support=str(state["support"]),
                x=float(state["x"]),  # type: ignore[arg-type]
                contacts=tuple(contacts),  # type: ignore[arg-type]
                angles=dict(angles),
                air=air,
            )
        )
    return out


# --- small 3D rotation helpers (degrees) -------------------------------------------------------


def _rz(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def _rx(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def _ry(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def _mul(a: Mat, b: Mat) -> Mat:
    # Written out: a 3x3 product runs for every joint of every frame of every drill.
    (a0, a1, a2), (a3, a4, a5), (a6, a7, a8) = a
    (b0, b1, b2), (b3, b4, b5), (b6, b7, b8) = b
    return (
        (a0 * b0 + a1 * b3 + a2 * b6, a0 * b1 + a1 * b4 + a2 * b7, a0 * b2 + a1 * b5 + a2 * b8),
        (a3 * b0 + a4 * b3 + a5 * b6, a3 * b1 + a4 * b4 + a5 * b7, a3 * b2 + a4 * b5 + a5 * b8),
        (a6 * b0 + a7 * b3 + a8 * b6, a6 * b1 + a7 * b4 + a8 * b7, a6 * b2 + a7 * b5 + a8 * b8),
    )


def _apply(m: Mat, v: Vec) -> Vec:
    (m0, m1, m2), (m3, m4, m5), (m6, m7, m8) = m
    x, y, z = v
    return (m0 * x + m1 * y + m2 * z, m3 * x + m4 * y + m5 * z, m6 * x + m7 * y + m8 * z)


def _add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def skeleton(angles: dict[str, float]) -> dict[str, Vec]:
    """3D joint positions (pelvis at the origin) for a full set of angles."""
    L = SEGMENT_LENGTHS
    a = angles
    pelvis_r = _mul(_rx(a.get("roll", 0.0)), _mul(_rz(-a["trunk"]), _rx(a["trunk_side"])))
    spine_r = _mul(pelvis_r, _rx(a["side_bend"])) if a["side_bend"] else pelvis_r
    chest_r = _mul(spine_r, _ry(-a["trunk_twist"]))
    head_r = _mul(chest_r, _rz(-a["neck"]))
    p: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    p["neck"] = _apply(spine_r, (0.0, L["trunk"], 0.0))
    p["head"] = _add(p["neck"], _apply(head_r, (0.012, L["neck_to_chin"] + L["head"] / 2, 0.0)))
    p["seat"] = _apply(pelvis_r, (-0.035, -0.06, 0.0))
    p["upper_back"] = _apply(pelvis_r, (-0.05, 0.2, 0.0))
    for side, sz in (("left", 1.0), ("right", -1.0)):
        hip_r = _mul(
            _mul(_mul(pelvis_r, _rz(a[f"{side}.hip"])), _rx(-sz * a[f"{side}.hip_abduction"])),
            _ry(-sz * a[f"{side}.hip_rotation"]),
        )
        shank_r = _mul(hip_r, _rz(-a[f"{side}.knee"]))
        foot_r = _mul(shank_r, _rz(a[f"{side}.ankle"]))
        hip = _apply(pelvis_r, (0.0, 0.0, sz * L["hip_width"] / 2))
        knee = _add(hip, _apply(hip_r, (0.0, -L["thigh"], 0.0)))
        ankle = _add(knee, _apply(shank_r, (0.0, -L["shank"], 0.0)))
        p[f"{side}_hip"] = hip
        p[f"{side}_knee"] = knee
        p[f"{side}_ankle"] = ankle
        p[f"{side}_calf"] = _add(knee, _apply(shank_r, (-0.02, -L["shank"] * 0.45, 0.0)))
        p[f"{side}_heel"] = _add(ankle, _apply(foot_r, (-0.035, -L["ankle_height"] + 0.01, 0.0)))
        p[f"{side}_toe"] = _add(
            ankle, _apply(foot_r, (L["foot"] - 0.035, -L["ankle_height"] + 0.01, 0.0))
        )
        arm_r = _mul(
            _mul(chest_r, _rz(a[f"{side}.shoulder"])), _rx(-sz * a[f"{side}.shoulder_abduction"])
        )
        if a[f"{side}.shoulder_rotation"]:  # about the upper arm's own axis
            arm_r = _mul(arm_r, _ry(-sz * a[f"{side}.shoulder_rotation"]))
        fore_r = _mul(arm_r, _rz(a[f"{side}.elbow"]))
        shoulder = _add(p["neck"], _apply(chest_r, (0.0, -0.02, sz * L["shoulder_width"] / 2)))
        elbow = _add(shoulder, _apply(arm_r, (0.0, -L["upper_arm"], 0.0)))
        wrist = _add(elbow, _apply(fore_r, (0.0, -L["forearm"], 0.0)))
        p[f"{side}_shoulder"] = shoulder
        p[f"{side}_elbow"] = elbow
        p[f"{side}_wrist"] = wrist
        p[f"{side}_hand"] = _add(wrist, _apply(fore_r, (0.0, -L["hand"] * 0.6, 0.0)))
    return p


#: Segments as (kind, parent point, child point, side); order = a tree walk from the pelvis.
SEGMENTS: tuple[tuple[str, str, str, str], ...] = (
    ("trunk", "pelvis", "neck", "mid"),
    ("neck", "neck", "head", "mid"),
    *(
        seg
        for side in ("left", "right")
        for seg in (
            ("hipbar", "pelvis", f"{side}_hip", side),
            ("thigh", f"{side}_hip", f"{side}_knee", side),
            ("shank", f"{side}_knee", f"{side}_ankle", side),
            ("toe", f"{side}_ankle", f"{side}_toe", side),
            ("heel", f"{side}_ankle", f"{side}_heel", side),
            ("shoulderbar", "neck", f"{side}_shoulder", side),
            ("upper_arm", f"{side}_shoulder", f"{side}_elbow", side),
            ("forearm", f"{side}_elbow", f"{side}_wrist", side),
            ("hand", f"{side}_wrist", f"{side}_hand", side),
        )
    ),
)
#: How far a point's drawn outline reaches below it (half the widest stroke ending there).
_POINT_RADIUS: dict[str, float] = {}
for _kind, _a, _b, _side in SEGMENTS:
    _w = WIDTHS[_kind] / 2
    for _pt in (_a, _b):
        _POINT_RADIUS[_pt] = max(_POINT_RADIUS.get(_pt, 0.0), _w)
_POINT_RADIUS["head"] = HEAD_RADIUS
_POINT_RADIUS["seat"] = 0.0
_POINT_RADIUS["upper_back"] = 0.0
_POINT_RADIUS["left_calf"] = _POINT_RADIUS["right_calf"] = WIDTHS["shank"] / 2


def point_radius(name: str, view: str = "side") -> float:
    """Half the drawn thickness around a point (what rests on a surface)."""
    if name in ("pelvis", "neck") and view == "front":
        return WIDTHS["trunk_front"] / 2
    return _POINT_RADIUS.get(name, 0.0)


@dataclass(frozen=True)
class Segment:
    """One drawn limb segment in 2D (y up, body heights)."""

    kind: str
    side: str
    a: tuple[float, float]
    b: tuple[float, float]
    width: float
    depth: float
    near: bool


@dataclass(frozen=True)
class Figure:
    """A posed, placed 2D figure: points, segments (back to front), head and supports."""

    frame: ResolvedFrame
    points: dict[str, tuple[float, float]]
    segments: tuple[Segment, ...]
    head: tuple[float, float]
    head_radius: float
    bottom: float
    surface: float
    support_x: float
    mirror: bool
    extras: dict[str, float] = field(default_factory=dict)


def _project(v: Vec, view: str, mirror: bool) -> tuple[tuple[float, float], float]:
    """3D -> (screen x, y), depth (bigger = nearer the viewer)."""
    if view == "front":
        return (v[2], v[1]), v[0]
    sx = -v[0] if mirror else v[0]
    return (sx, v[1]), (v[2] if mirror else -v[2])


def near_side(view: str, mirror: bool) -> str:
    """Which side faces the viewer in a side view ("mid" for the front view)."""
    if view == "front":
        return "mid"
    return "left" if mirror else "right"


def pose_figure(frame: ResolvedFrame, mirror: bool = False) -> Figure:
    """Forward kinematics for one frame, placed to rest on the floor or on its support."""
    pts3 = skeleton(frame.angles)
    view = frame.view
    proj: dict[str, tuple[float, float]] = {}
    depth: dict[str, float] = {}
    for name, v in pts3.items():
        proj[name], depth[name] = _project(v, view, mirror)
    segs = []
    for kind, a, b, side in SEGMENTS:
        width = WIDTHS["trunk_front" if (kind == "trunk" and view == "front") else kind]
        segs.append((kind, side, proj[a], proj[b], width, (depth[a] + depth[b]) / 2))
    bottom = min(min(s[2][1], s[3][1]) - s[4] / 2 for s in segs)
    bottom = min(bottom, proj["head"][1] - HEAD_RADIUS)
    anchor = frame.anchor
    ax, ay = proj[anchor]
    surface = SUPPORT_HEIGHTS.get(frame.support, 0.0)
    if frame.support in ("floor", "mat"):
        dy = surface - bottom + frame.air
    else:
        dy = surface - (ay - point_radius(anchor, view))
    direction = -1.0 if (mirror and view == "side") else 1.0
    dx = direction * frame.x - ax
    points = {n: (p[0] + dx, p[1] + dy) for n, p in proj.items()}
    near = near_side(view, mirror)
    placed = [
        Segment(
            kind=k,
            side=s,
            a=(a[0] + dx, a[1] + dy),
            b=(b[0] + dx, b[1] + dy),
            width=w,
            depth=d,
            near=(s in (near, "mid")) if view == "side" and not frame.lying_on_side else True,
        )
        for k, s, a, b, w, d in segs
    ]
    placed.sort(key=lambda s: s.depth)
    return Figure(
        frame=frame,
        points=points,
        segments=tuple(placed),
        head=points["head"],
        head_radius=HEAD_RADIUS,
        bottom=bottom + dy,
        surface=surface,
        support_x=ax + dx,
        mirror=mirror,
    )


def figures(poses: Poses, view: str | None = None) -> list[Figure]:
    """All frames, posed and placed (mirrored so the working side faces the viewer).

    ``view`` forces one view for every frame (the animation cannot turn the figure). The result
    is kept for equal poses: the check, the page frames, the animation, the thumbnail and the
    printed card all draw the same figures.
    """
    return list(_figures(poses, view))


@lru_cache(maxsize=4096)
def _figures(poses: Poses, view: str | None) -> tuple[Figure, ...]:
    mirror = poses.working_side == "left"
    frames = resolve_frames(poses)
    if view is not None:
        frames = [replace(f, view=view) for f in frames]
    return tuple(pose_figure(f, mirror=mirror) for f in frames)
