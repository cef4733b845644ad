"""Validation of pose data: ranges, resting on the floor, props, real movement, step numbers.

Every problem is ``(path, message, fix)`` where ``path`` is a tuple into the drill file, e.g.
``("poses", "frames", 1, "left", "knee")``, so a caller can map it to ``file:line:col``.
"""

from __future__ import annotations

from typing import NamedTuple

from generator.model.kinematics import Figure, figures, point_radius, resolve_frames
from generator.model.pose import (
    BODY_JOINTS,
    JOINT_RANGES,
    LIMB_JOINTS,
    MAX_UPRIGHT_ROLL,
    PROPS,
    SUPPORT_HEIGHTS,
    Poses,
)

#: Tolerance (body heights) for "touches a surface" and "not below the floor".
CONTACT_TOL = 0.02
FLOOR_TOL = 0.005
#: Frames must differ by at least this much in some joint (degrees) or move the anchor.
MIN_CHANGE_DEG = 10.0
MIN_TRAVEL = 0.08


class Problem(NamedTuple):
    """One finding: where (path into the drill file), what is wrong, how to fix it."""

    path: tuple[str | int, ...]
    message: str
    fix: str


def _ranges(poses: Poses) -> list[Problem]:
    out: list[Problem] = []
    for i, frame in enumerate(poses.frames):
        items: list[tuple[tuple[str | int, ...], str, float | None]] = [
            (("poses", "frames", i, name), name, getattr(frame, name)) for name in BODY_JOINTS
        ]
        for side in ("left", "right"):
            limb = getattr(frame, side)
            items += [(("poses", "frames", i, side, j), j, getattr(limb, j)) for j in LIMB_JOINTS]
        for path, joint, value in items:
            if value is None:
                continue
            lo, hi = JOINT_RANGES[joint]
            if not lo <= value <= hi:
                out.append(
                    Problem(
                        path,
                        f"{joint} {value:g} degrees is outside the human range {lo:g} to {hi:g}",
                        f"use a value between {lo:g} and {hi:g} (anatomical zero; see the pose "
                        "guide for signs)",
                    )
                )
    return out


def _floor(poses: Poses, figs: list[Figure], prop_tops: dict[str, float]) -> list[Problem]:
    out: list[Problem] = []
    for i, fig in enumerate(figs):
        fr = fig.frame
        if fig.bottom < -FLOOR_TOL:
            lowest = min(fig.segments, key=lambda s: min(s.a[1], s.b[1]) - s.width / 2)
            out.append(
                Problem(
                    ("poses", "frames", i),
                    f"the figure goes {-fig.bottom:.2f} body heights below the floor "
                    f"(lowest: {lowest.side} {lowest.kind})",
                    "change the angles so that part is lifted, or rest the figure on the floor "
                    "(remove `support:`)",
                )
            )
        for name in fr.contacts:
            y = fig.points[name][1] - point_radius(name, fr.view)
            tops = [0.0, *prop_tops.values()]
            gap = min(abs(y - t) for t in tops)
            if gap > CONTACT_TOL:
                out.append(
                    Problem(
                        ("poses", "frames", i, "contacts"),
                        f"{name} should touch the floor or a prop but is {gap:.2f} body heights "
                        "away",
                        "adjust hip, knee and ankle angles until the point rests on the surface",
                    )
                )
        if fr.base in ("kneeling", "half-kneeling"):
            knees = [
                fig.points[f"{s}_knee"][1] - point_radius(f"{s}_knee") for s in ("left", "right")
            ]
            if min(knees) - fig.bottom > CONTACT_TOL:
                out.append(
                    Problem(
                        ("poses", "frames", i, "base"),
                        f"base {fr.base} but no knee rests on the floor",
                        "bend the kneeling leg's knee (about 90) with the hip near 0 so the knee "
                        "is the lowest point",
                    )
                )
        if fr.base == "supine" and not -120 <= fr.angles["trunk"] <= -55:
            out.append(
                Problem(
                    ("poses", "frames", i, "trunk"),
                    "base supine needs the trunk lying back (about -90), "
                    f"not {fr.angles['trunk']:g}",
                    "set trunk: -90",
                )
            )
        if fr.base == "prone" and not 55 <= fr.angles["trunk"] <= 120:
            out.append(
                Problem(
                    ("poses", "frames", i, "trunk"),
                    f"base prone needs the trunk face down (about 90), not {fr.angles['trunk']:g}",
                    "set trunk: 90",
                )
            )
    return out


def _lying(poses: Poses) -> list[Problem]:
    """A body rolled onto its side must say so (``base: side-lying``), and the reverse."""
    out: list[Problem] = []
    for i, fr in enumerate(resolve_frames(poses)):
        roll = fr.angles["roll"]
        if fr.lying_on_side and fr.base != "side-lying":
            out.append(
                Problem(
                    ("poses", "frames", i, "roll"),
                    f"roll {roll:g} lays the body on its side but the base is {fr.base}",
                    f"set base: side-lying, or keep roll within +-{MAX_UPRIGHT_ROLL:g}",
                )
            )
        if fr.base == "side-lying" and not fr.lying_on_side:
            out.append(
                Problem(
                    ("poses", "frames", i, "base"),
                    f"base side-lying but the body is upright (roll {roll:g})",
                    "set roll: 90 (on the left side) or -90 (on the right side); about 75 for a "
                    "side plank on the forearm",
                )
            )
    return out


def _air(poses: Poses, category: str | None) -> list[Problem]:
    """Flight frames: no contacts, on the floor, only where the drill really leaves it."""
    out: list[Problem] = []
    for i, (frame, fr) in enumerate(zip(poses.frames, resolve_frames(poses), strict=True)):
        if not fr.air:
            continue
        if frame.contacts:
            out.append(
                Problem(
                    ("poses", "frames", i, "contacts"),
                    f"an airborne frame (air {fr.air:g}) cannot touch anything "
                    f"({', '.join(frame.contacts)})",
                    "remove `contacts:` from this frame, or remove `air:`",
                )
            )
        if fr.support not in ("floor", "mat"):
            out.append(
                Problem(
                    ("poses", "frames", i, "air"),
                    f"`air:` lifts the figure off the floor but it rests on a {fr.support}",
                    "use air only for a flight phase from the floor",
                )
            )
        if category is not None and category != "spring" and not poses.air_reason:
            out.append(
                Problem(
                    ("poses", "frames", i, "air"),
                    f"a {category} drill shows the figure in the air (air {fr.air:g})",
                    "remove `air:` (feet stay on the floor), or say why in poses.air_reason",
                )
            )
    return out


def _props(poses: Poses, equipment: list[str] | None) -> list[Problem]:
    out: list[Problem] = []
    kinds = {p.kind for p in poses.props}
    for i, fr in enumerate(resolve_frames(poses)):
        if fr.support != "floor" and fr.support not in kinds:
            out.append(
                Problem(
                    ("poses", "frames", i, "support"),
                    f"the figure rests on a {fr.support} that is not in `props`",
                    f"add {fr.support} to poses.props",
                )
            )
    for j, prop in enumerate(poses.props):
        if prop.kind in ("dumbbell", "kettlebell") and prop.hand is None:
            out.append(
                Problem(
                    ("poses", "props", j),
                    f"{prop.kind} needs `hand: left|right|both`",
                    "say which hand holds it",
                )
            )
        if prop.kind == "band" and prop.between is None:
            out.append(
                Problem(
                    ("poses", "props", j),
                    "band needs `between: [point, point]`",
                    "e.g. between: [left_ankle, right_ankle]",
                )
            )
        if equipment is not None:
            have = {e.strip().lower() for e in equipment}
            if not have.intersection(PROPS[prop.kind]):
                out.append(
                    Problem(
                        ("poses", "props", j),
                        f"prop {prop.kind} is drawn but not in the drill's equipment "
                        f"({', '.join(equipment)})",
                        f"add {PROPS[prop.kind][0]} to equipment, or remove the prop",
                    )
                )
    return out


def _movement(poses: Poses, n_steps: int | None) -> list[Problem]:
    out: list[Problem] = []
    n = len(poses.frames)
    if not 2 <= n <= 4:
        out.append(
            Problem(
                ("poses", "frames"),
                f"{n} key positions; a drill needs 2 to 4",
                "show the start, the end of the movement and at most two positions between",
            )
        )
    frames = resolve_frames(poses)
    for i in range(1, len(frames)):
        a, b = frames[i - 1], frames[i]
        change = max(abs(a.angles[k] - b.angles[k]) for k in a.angles)
        travel = abs(a.x - b.x)
        if change < MIN_CHANGE_DEG and travel < MIN_TRAVEL and a.view == b.view:
            out.append(
                Problem(
                    ("poses", "frames", i),
                    f"key position {i + 1} looks like position {i} (largest joint change "
                    f"{change:.0f} degrees)",
                    f"change some joint by at least {MIN_CHANGE_DEG:g} degrees, or drop the frame",
                )
            )
    if n_steps is not None:
        for i, fr in enumerate(poses.frames):
            if not 1 <= fr.step <= n_steps:
                out.append(
                    Problem(
                        ("poses", "frames", i, "step"),
                        f"step {fr.step} does not exist (the drill has {n_steps} steps)",
                        f"use a step number from 1 to {n_steps}",
                    )
                )
    if poses.thumbnail is not None and poses.thumbnail > n:
        out.append(
            Problem(
                ("poses", "thumbnail"),
                f"thumbnail {poses.thumbnail} but only {n} key positions",
                f"use a number from 1 to {n}",
            )
        )
    return out


def check_poses(
    poses: Poses,
    steps: list[str] | None = None,
    equipment: list[str] | None = None,
    category: str | None = None,
) -> list[Problem]:
    """All problems with a drill's poses (empty list = valid).

    ``category`` (the drill's) decides whether flight frames (``air:``) are allowed without an
    ``air_reason``: only ``spring`` drills leave the floor; ``None`` skips that check.
    """
    kinds = {p.kind for p in poses.props}
    prop_tops = {k: SUPPORT_HEIGHTS[k] for k in kinds if k in SUPPORT_HEIGHTS}
    problems = _ranges(poses)
    problems += _movement(poses, None if steps is None else len(steps))
    problems += _props(poses, equipment)
    problems += _lying(poses)
    problems += _air(poses, category)
    problems += _floor(poses, figures(poses), prop_tops)
    return problems
