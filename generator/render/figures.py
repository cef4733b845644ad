"""SVG rendering of posed figures through autoescaped Jinja templates.

Three outputs, all plain SVG (no script, no raster, no external reference):

* :func:`render_frames`: the key positions side by side, numbered with their step.
* :func:`render_animated`: one figure easing between the key positions (CSS keyframes on
  nested joint groups; still under ``prefers-reduced-motion``; add class ``is-paused`` to pause).
* :func:`render_thumbnail`: one small key position for library cards.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from generator.model.kinematics import HEAD_RADIUS, SEGMENTS, Figure, figures, near_side
from generator.model.pose import SUPPORT_HEIGHTS, Poses

SCALE = 100.0  # pixels per body height
PAD = 10.0
BADGE = 16.0

_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent.parent / "templates" / "figures"),
    autoescape=select_autoescape(default=True, default_for_string=True, enabled_extensions=("j2",)),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)

#: Stroke width class per segment kind (CSS sets the widths once).
_WIDTH_CLASS = {
    "trunk": "w0",
    "neck": "w7",
    "hipbar": "w1",
    "shoulderbar": "w5",
    "thigh": "w1",
    "shank": "w2",
    "toe": "w3",
    "heel": "w3",
    "upper_arm": "w4",
    "forearm": "w5",
    "hand": "w6",
}
_LEG = {"hipbar", "thigh", "shank", "toe", "heel"}
_ARM = {"shoulderbar", "upper_arm", "forearm", "hand"}


def n(v: float) -> str:
    """A coordinate rounded to one decimal, without a trailing ``.0``."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _uid(text: str) -> str:
    return "dbf-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x")


@dataclass(frozen=True)
class _Path:
    cls: str
    d: str
    layer: int = 0  # paint order: far arm, far leg, near leg, trunk and head, near arm


@dataclass(frozen=True)
class _Shape:
    tag: str
    cls: str
    attrs: tuple[tuple[str, str], ...]


class _Box:
    """Scene bounds in body heights (y up)."""

    def __init__(self) -> None:
        self.x0 = self.y0 = math.inf
        self.x1 = self.y1 = -math.inf

    def add(self, x: float, y: float, r: float = 0.0) -> None:
        self.x0, self.x1 = min(self.x0, x - r), max(self.x1, x + r)
        self.y0, self.y1 = min(self.y0, y - r), max(self.y1, y + r)


def _side_class(seg_side: str, working: str, near: bool) -> str:
    work = (working == "both" and seg_side != "mid") or seg_side == working
    if not near:
        return "f a" if work else "f"
    return "a" if work else "b"


def _layer(kind: str, side: str, near: bool, view: str) -> int:
    """Paint order: far arm, far leg, near leg, trunk/head, near arm (side view)."""
    if side == "mid":
        return 3
    if view == "front":
        return 2 if kind in _LEG else 4
    if not near:
        return 0 if kind in _ARM else 1
    return 2 if kind in _LEG else 4


def _drawn_view(fig: Figure) -> str:
    """How the figure is drawn: a body rolled onto its side shows both sides, as from the front."""
    return "front" if fig.frame.lying_on_side else fig.frame.view


def _figure_paths(fig: Figure, working: str, to_px) -> list[_Path]:
    groups: dict[tuple[int, str, str], list[str]] = {}
    view = _drawn_view(fig)
    for seg in fig.segments:
        if seg.kind in ("hipbar", "shoulderbar") and view == "side":
            continue
        cls = f"{_side_class(seg.side, working, seg.near)} {_WIDTH_CLASS[seg.kind]}"
        layer = _layer(seg.kind, seg.side, seg.near, view)
        ax, ay = to_px(*seg.a)
        bx, by = to_px(*seg.b)
        key = (layer, cls, "")
        groups.setdefault(key, []).append(f"M{n(ax)} {n(ay)}L{n(bx)} {n(by)}")
    return [_Path(k[1], "".join(v), k[0]) for k, v in sorted(groups.items())]


def _prop_shapes(
    poses: Poses, figs: list[Figure], box: _Box | None, to_px, view: str = "side"
) -> list[_Shape]:
    """Props in scene coordinates (placed from the frames that use them), seen in ``view``."""
    out: list[_Shape] = []
    first = figs[0]
    for prop in poses.props:
        kind = prop.kind
        users = [f for f in figs if f.frame.support == kind]
        if kind in ("step", "bench", "chair", "balance-pad", "foam-roller"):
            ref = users[0] if users else first
            cx = ref.support_x + (prop.x or 0.0) * (-1 if ref.mirror else 1)
            top = SUPPORT_HEIGHTS[kind]
            if kind == "foam-roller":
                r = top / 2
                x, y = to_px(cx, r)
                out.append(_Shape("circle", "p", (("cx", n(x)), ("cy", n(y)), ("r", n(r * SCALE)))))
                continue
            width = {"step": 0.3, "bench": 0.4, "chair": 0.24, "balance-pad": 0.2}[kind]
            x0, y0 = to_px(cx - width / 2, top)
            attrs = [("x", n(x0)), ("y", n(y0)), ("width", n(width * SCALE))]
            attrs += [("height", n(top * SCALE)), ("rx", "2")]
            out.append(_Shape("rect", "p", tuple(attrs)))
            if kind == "chair" and view == "side":  # from the front the back is behind the body
                back = cx - width / 2 if not ref.mirror else cx + width / 2
                bx, by = to_px(back, top + 0.25)
                _, fy = to_px(back, 0)
                d = f"M{n(bx)} {n(by)}V{n(fy)}"
                out.append(_Shape("path", "pl", (("d", d),)))
        elif kind == "wall":
            if prop.x is None:
                if box is not None:
                    x0, y0 = to_px(box.x0 + 0.05, 1.05)
                    w = (box.x1 - box.x0 - 0.1) * SCALE
                    attrs = (
                        ("x", n(x0)),
                        ("y", n(y0)),
                        ("width", n(w)),
                        ("height", n(1.05 * SCALE)),
                    )
                    out.append(_Shape("rect", "pw", attrs))
                continue
            wx = prop.x * (-1 if first.mirror and first.frame.view == "side" else 1)
            x0, y0 = to_px(wx, 1.15)
            _, fy = to_px(wx, 0)
            out.append(_Shape("path", "pl", (("d", f"M{n(x0)} {n(y0)}V{n(fy)}"),)))
        elif kind == "mat" and box is not None:
            x0, y0 = to_px(box.x0, 0.012)
            w = (box.x1 - box.x0) * SCALE
            attrs = (("x", n(x0)), ("y", n(y0)), ("width", n(w)), ("height", n(0.012 * SCALE)))
            out.append(_Shape("rect", "pm", attrs))
    return out


def _hand_shapes(poses: Poses, fig: Figure, to_px) -> list[_Shape]:
    """Props that move with the body: weights in hands, bands between points."""
    out: list[_Shape] = []
    for prop in poses.props:
        if prop.kind in ("dumbbell", "kettlebell") and prop.hand:
            hands = ("left", "right") if prop.hand == "both" else (prop.hand,)
            for h in hands:
                x, y = to_px(*fig.points[f"{h}_hand"])
                if prop.kind == "dumbbell":
                    d = f"M{n(x - 5)} {n(y)}H{n(x + 5)}"
                    out.append(_Shape("path", "pd", (("d", d),)))
                else:
                    attrs = (("cx", n(x)), ("cy", n(y + 5)), ("r", "5"))
                    out.append(_Shape("circle", "p", attrs))
        elif prop.kind == "band" and prop.between:
            ax, ay = to_px(*fig.points[prop.between[0]])
            bx, by = to_px(*fig.points[prop.between[1]])
            d = f"M{n(ax)} {n(ay)}L{n(bx)} {n(by)}"
            out.append(_Shape("path", "pb", (("d", d),)))
    return out


#: Points that can carry a motion arrow, with the joint they swing around.
_ARROW_POINTS = {
    "left_hand": "left_shoulder",
    "right_hand": "right_shoulder",
    "left_toe": "left_hip",
    "right_toe": "right_hip",
    "left_knee": "left_hip",
    "right_knee": "right_hip",
    "head": "pelvis",
    "pelvis": None,
}


_ARM_JOINTS = ("shoulder", "shoulder_abduction", "shoulder_rotation", "elbow")
_LEG_JOINTS = ("hip", "hip_abduction", "hip_rotation", "knee", "ankle")
#: A limb carries an arrow only if one of its own joints turned at least this much (degrees):
#: a hand that only rides along with the trunk (a squat, a step-down) gets none.
ARROW_MIN_JOINT = 10.0


def _limb_moved(prev: Figure, cur: Figure, point: str) -> bool:
    """Did the limb ending in ``point`` move by itself (not only carried by the body)?"""
    side, _, part = point.partition("_")
    if part not in ("hand", "toe", "knee"):
        return True
    joints = _ARM_JOINTS if part == "hand" else _LEG_JOINTS
    on_floor = max(prev.points[point][1], cur.points[point][1])
    if on_floor < 0.05 and math.dist(prev.points[point], cur.points[point]) < 0.2:
        return False  # a hand or foot that stays planted only pivots
    a, b = prev.frame.angles, cur.frame.angles
    return max(abs(a[f"{side}.{j}"] - b[f"{side}.{j}"]) for j in joints) >= ARROW_MIN_JOINT


Point = tuple[float, float]


def _arrows(prev: Figure, cur: Figure, to_px) -> list[tuple[str, str]]:
    """Up to two arcs from where the most-moved points were to where they are now, as (shaft,
    head) paths in pixels."""
    out: list[tuple[str, str]] = []
    for a, ctrl, b in _arrow_curves(prev, cur):
        pa, pc, pb = to_px(*a), to_px(*ctrl), to_px(*b)
        # arrow head along the end tangent
        tx, ty = pb[0] - pc[0], pb[1] - pc[1]
        tl = math.hypot(tx, ty) or 1.0
        tx, ty = tx / tl, ty / tl
        hx, hy = pb[0] - tx * 6, pb[1] - ty * 6
        left = (hx - ty * 3.5, hy + tx * 3.5)
        right = (hx + ty * 3.5, hy - tx * 3.5)
        out.append(
            (
                f"M{n(pa[0])} {n(pa[1])}Q{n(pc[0])} {n(pc[1])} {n(hx)} {n(hy)}",
                f"M{n(left[0])} {n(left[1])}L{n(pb[0])} {n(pb[1])}L{n(right[0])} {n(right[1])}Z",
            )
        )
    return out


def _arrow_curves(prev: Figure, cur: Figure) -> list[tuple[Point, Point, Point]]:
    """The arrows' quadratic curves (start, control, end) in body heights."""
    travel = abs(prev.frame.x - cur.frame.x) > 0.01
    shift = (
        cur.points["pelvis"][0] - prev.points["pelvis"][0],
        cur.points["pelvis"][1] - prev.points["pelvis"][1],
    )
    moves = []
    for pt, pivot in _ARROW_POINTS.items():
        if (travel and pt in ("pelvis", "head")) or not _limb_moved(prev, cur, pt):
            continue
        a, b = prev.points[pt], cur.points[pt]
        if travel:  # the figure travels: show the limb's swing, not the walk
            a = (a[0] + shift[0], a[1] + shift[1])
        dist = math.dist(a, b)
        moves.append((dist, pt, pivot, a))
    moves.sort(reverse=True)
    out: list[tuple[Point, Point, Point]] = []
    used: set[str] = set()
    if not moves:
        return []
    best = moves[0][0]
    for dist, pt, pivot, a in moves:
        limb = pt.split("_")[0] + ("leg" if ("toe" in pt or "knee" in pt) else "arm")
        if cur.frame.view == "side" and not cur.frame.lying_on_side:
            limb = limb.removeprefix("left").removeprefix("right")  # near and far overlap
        if dist < 0.07 or dist < 0.55 * best or limb in used or len(out) == 2:
            continue
        used.add(limb)
        b = cur.points[pt]
        if pivot is not None:
            c = cur.points[pivot]
            ra, rb = math.dist(a, c), math.dist(b, c)
            ang_a = math.atan2(a[1] - c[1], a[0] - c[0])
            ang_b = math.atan2(b[1] - c[1], b[0] - c[0])
            diff = (ang_b - ang_a + math.pi) % (2 * math.pi) - math.pi
            mid_ang = ang_a + diff / 2
            r = (ra + rb) / 2 + 0.05
            mid = (c[0] + r * math.cos(mid_ang), c[1] + r * math.sin(mid_ang))
        else:
            mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + 0.05)
        ctrl = (2 * mid[0] - (a[0] + b[0]) / 2, 2 * mid[1] - (a[1] + b[1]) / 2)
        out.append((a, ctrl, b))
    return out


def _add_arrows(box: _Box, figs: list[Figure]) -> None:
    """Grow ``box`` so the motion arrows of the key positions fit inside it (not cut off)."""
    for prev, cur in itertools.pairwise(figs):
        if prev.frame.view != cur.frame.view:
            continue
        for a, c, b in _arrow_curves(prev, cur):
            for t in (0.25, 0.5, 0.75):
                u = 1 - t
                x = u * u * a[0] + 2 * u * t * c[0] + t * t * b[0]
                y = u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]
                box.add(x, y, 0.02)
            box.add(*b, 0.04)  # the head


def _bounds(poses: Poses, figs: list[Figure]) -> _Box:
    box = _Box()
    for fig in figs:
        for seg in fig.segments:
            box.add(*seg.a, seg.width / 2)
            box.add(*seg.b, seg.width / 2)
        box.add(*fig.head, HEAD_RADIUS)
        box.add(fig.points["head"][0], 0)
    for prop in poses.props:
        if prop.kind == "wall" and prop.x is not None:
            wx = prop.x * (-1 if figs[0].mirror and figs[0].frame.view == "side" else 1)
            box.add(wx, 1.15, 0.02)
        if prop.kind in ("step", "bench", "chair", "balance-pad", "foam-roller"):
            users = [f for f in figs if f.frame.support == prop.kind] or figs[:1]
            cx = users[0].support_x + (prop.x or 0.0) * (-1 if users[0].mirror else 1)
            half = {"step": 0.15, "bench": 0.2, "chair": 0.12}.get(prop.kind, 0.1)
            box.add(cx - half, 0)
            box.add(cx + half, 0.3 if prop.kind == "chair" else 0)
    box.add(box.x0, 0)
    if box.x1 - box.x0 < MIN_WIDTH:
        grow = (MIN_WIDTH - (box.x1 - box.x0)) / 2
        box.x0, box.x1 = box.x0 - grow, box.x1 + grow
    return box


def _describe(poses: Poses, steps: list[str] | None) -> str:
    parts = []
    for fr in poses.frames:
        text = steps[fr.step - 1] if steps and 1 <= fr.step <= len(steps) else ""
        label = f" ({fr.label})" if fr.label else ""
        parts.append(f"Step {fr.step}{label}: {text}".strip())
    return " ".join(parts)


def _with_fallbacks(css: str) -> str:
    """Put the light colour before each ``var()`` for renderers without custom properties."""
    first = css.split("}", 1)[0]
    light = dict(re.findall(r"(--[a-z]+):(#[0-9a-f]+)", first))
    return re.sub(r"([a-z-]+):var\((--[a-z]+)\)", lambda m: f"{m[1]}:{light[m[2]]};{m[0]}", css)


def _style() -> Markup:
    return Markup(_with_fallbacks(_ENV.get_template("figure.css.j2").render()))


def _panel(
    poses: Poses, figs: list[Figure], i: int, box: _Box, arrows: bool, x: float = 0.0
) -> dict:
    fig = figs[i]
    dx = x

    def to_px(x: float, y: float) -> tuple[float, float]:
        return ((x - box.x0) * SCALE + PAD + dx, (box.y1 - y) * SCALE + PAD + BADGE)

    hx, hy = to_px(*fig.head)
    return {
        "props": _prop_shapes(poses, figs, box, to_px, fig.frame.view),
        "carried": _hand_shapes(poses, fig, to_px),
        "paths": _figure_paths(fig, poses.working_side, to_px),
        "head": (n(hx), n(hy), n(HEAD_RADIUS * SCALE)),
        "arrows": _arrows(figs[i - 1], fig, to_px)
        if arrows and i > 0 and figs[i - 1].frame.view == fig.frame.view
        else [],
        "shadow": _shadow(fig, to_px),
        "step": fig.frame.step,
        "label": fig.frame.label or "",
        "floor": n(to_px(0, 0)[1]),
        "floor_w": n(_size(box)[0]),
        "x": n(x),
    }


def _shadow(fig: Figure, to_px) -> tuple[str, str] | None:
    """An airborne frame casts a shadow on the floor under its feet: (centre x, half width) px."""
    if not fig.frame.air:
        return None
    xs = [fig.points[f"{s}_{p}"][0] for s in ("left", "right") for p in ("toe", "heel")]
    x0, x1 = to_px(min(xs), 0)[0], to_px(max(xs), 0)[0]
    return n((x0 + x1) / 2), n((x1 - x0) / 2 + 6)


MIN_WIDTH = 0.8  # body heights: room for the label under a standing figure
#: Label text (8px sans-serif): a generous average character width, and the line step (px).
LABEL_CHAR = 4.4
LABEL_LINE = 9.0


def _wrap(label: str) -> list[str]:
    """A label on one line, or on two split at the space nearest the middle."""
    spaces = [i for i, c in enumerate(label) if c == " "]
    if not spaces:
        return [label]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [label[:cut], label[cut + 1 :]]


def _fit_labels(box: _Box, labels: list[str]) -> list[list[str]]:
    """Each label as lines that fit its panel: wrapped in two if too wide, and the panels
    widened (``box`` grows) if even a wrapped line does not fit. Nothing is cut off."""
    room = _size(box)[0] - 6
    lines = [_wrap(label) if len(label) * LABEL_CHAR > room else [label] for label in labels]
    need = max(len(line) for ls in lines for line in ls) * LABEL_CHAR
    if need > room:
        grow = (need - room) / SCALE / 2
        box.x0, box.x1 = box.x0 - grow, box.x1 + grow
    return lines


def _size(box: _Box) -> tuple[float, float]:
    return (box.x1 - box.x0) * SCALE + 2 * PAD, (box.y1 - box.y0) * SCALE + 2 * PAD + BADGE + 8


#: Step numbers as strokes, for print: each digit in a 4 x 7 box (y down), one stroke from its
#: M. WeasyPrint lays out SVG text one glyph at a time, about a fifth of a card figure's cost.
_DIGITS = {
    "0": "M2 0C0.6 0 0.3 1.8 0.3 3.5S0.6 7 2 7S3.7 5.2 3.7 3.5S3.4 0 2 0Z",
    "1": "M0.9 1.3L2.4 0V7",
    "2": "M0.4 1.4C0.7 0.5 1.3 0 2.1 0C3.1 0 3.7 0.7 3.7 1.7C3.7 3.2 1.6 4.6 0.3 7H3.8",
    "3": "M0.4 0.3H3.6L1.8 2.9C3 2.9 3.8 3.7 3.8 4.9C3.8 6.2 2.9 7 1.9 7C1.2 7 0.6 6.7 0.2 6.2",
    "4": "M2.8 7V0L0.2 4.9H3.9",
    "5": "M3.5 0.3H1L0.7 3.3C1.1 3 1.6 2.8 2.1 2.8C3.2 2.8 3.9 3.7 3.9 4.9C3.9 6.2 3 7 1.9 7"
    "C1.2 7 0.6 6.7 0.2 6.2",
    "6": "M3.3 0.4C2.9 0.1 2.5 0 2.1 0C0.9 0 0.3 1.6 0.3 3.7C0.3 5.9 1 7 2.1 7C3.1 7 3.8 6.1"
    " 3.8 4.9C3.8 3.7 3.1 2.9 2.1 2.9C1.2 2.9 0.5 3.5 0.3 4.3",
    "7": "M0.2 0.3H3.8L1.4 7",
    "8": "M2 3.3C1 3.3 0.5 2.6 0.5 1.7S1 0 2 0S3.5 0.8 3.5 1.7S3 3.3 2 3.3C0.9 3.3 0.3 4.1 0.3 5.1"
    "S0.9 7 2 7S3.7 6.1 3.7 5.1S3.1 3.3 2 3.3Z",
    "9": "M0.7 6.6C1.1 6.9 1.5 7 1.9 7C3.1 7 3.7 5.4 3.7 3.3C3.7 1.1 3 0 1.9 0C0.9 0 0.2 0.9"
    " 0.2 2.1C0.2 3.3 0.9 4.1 1.9 4.1C2.8 4.1 3.5 3.5 3.7 2.7",
}
_DIGIT_W, _DIGIT_H, _DIGIT_GAP = 4.0, 7.0, 1.2


def _moved(d: str, dx: float, dy: float) -> str:
    """An absolute path (M, L, H, V, C, S, Z only) moved by (dx, dy)."""
    out: list[str] = []
    command, axis = "", 0
    for token in re.findall(r"[MLHVCSZ]|-?[0-9.]+", d):
        if token.isalpha():
            command, axis = token, 0
            out.append(token)
            continue
        is_y = command == "V" or (command != "H" and axis % 2 == 1)
        axis += 1
        value = n(float(token) + (dy if is_y else dx))
        out.append(value if out[-1].isalpha() else " " + value)
    return "".join(out)


def _digits(steps: list[tuple[str, int]], cy: float = 11.0) -> str:
    """The step numbers as one stroked path, each centred on its badge at (x, cy)."""
    parts = []
    for x, step in steps:
        text = str(step)
        width = len(text) * _DIGIT_W + (len(text) - 1) * _DIGIT_GAP
        left = float(x) - width / 2
        for i, digit in enumerate(text):
            dx = left + i * (_DIGIT_W + _DIGIT_GAP)
            parts.append(_moved(_DIGITS[digit], dx, cy - _DIGIT_H / 2))
    return "".join(parts)


def render_frames(
    poses: Poses,
    steps: list[str] | None = None,
    title: str = "Drill",
    uid: str | None = None,
    inline_style: bool = True,
    with_labels: bool = True,
    stroked_digits: bool = False,
) -> Markup:
    """The key positions side by side, each numbered with its step (as text, or as strokes
    with ``stroked_digits``), with motion arrows, and each position's label under it unless
    ``with_labels`` is false."""
    figs = figures(poses)
    box = _bounds(poses, figs)
    _add_arrows(box, figs)
    lines = _fit_labels(box, [f.frame.label or "" for f in figs])
    pw, ph = _size(box)
    ph += LABEL_LINE * (max(len(ls) for ls in lines) - 1)
    panels = [_panel(poses, figs, i, box, True, i * pw) for i in range(len(figs))]
    labels = []
    for i, label in enumerate(lines if with_labels else []):
        top = ph - 3 - LABEL_LINE * (len(label) - 1)
        labels += [(n(pw * (i + 0.5)), n(top + LABEL_LINE * j), t) for j, t in enumerate(label)]
    scene = _flat_scene(panels, pw)
    return Markup(
        _ENV.get_template("frames.svg.j2").render(
            uid=_uid(uid or title),
            title=title,
            desc=_describe(poses, steps),
            scene=scene,
            digits=_digits(scene["steps"]) if stroked_digits else "",
            labels=labels,
            width=n(pw * len(panels)),
            height=n(ph),
            style=_style() if inline_style else None,
        )
    )


def _circles(centres: list[tuple[float, float]], r: float) -> str:
    """Circles as one path (two arcs each): one element however many there are."""
    return "".join(
        f"M{n(x - r)} {n(y)}a{n(r)} {n(r)} 0 1 0 {n(2 * r)} 0a{n(r)} {n(r)} 0 1 0 {n(-2 * r)} 0"
        for x, y in centres
    )


def _flat_scene(panels: list[dict], pw: float) -> dict:
    """The panels drawn as one scene, their coordinates already side by side: strokes of the
    same class and layer, the heads, the arrows and the step badges each become one path.
    About half the elements of one group per panel, which is what browsers, MkDocs' HTML
    parsing, the allowlist and WeasyPrint pay for, per element."""
    strokes: dict[tuple[int, str], list[str]] = {}
    for panel in panels:
        for path in panel["paths"]:
            strokes.setdefault((path.layer, path.cls), []).append(path.d)
    heads = [(float(p["head"][0]), float(p["head"][1])) for p in panels]
    return {
        "props": [s for p in panels for s in p["props"]],
        "floor": panels[0]["floor"],
        "shadows": [p["shadow"] for p in panels if p["shadow"]],
        "paths": [_Path(cls, "".join(ds), layer) for (layer, cls), ds in sorted(strokes.items())],
        "heads": _circles(heads, float(panels[0]["head"][2])),
        "carried": [s for p in panels for s in p["carried"]],
        "shafts": "".join(shaft for p in panels for shaft, _ in p["arrows"]),
        "tips": "".join(tip for p in panels for _, tip in p["arrows"]),
        "badges": _circles([(11 + i * pw, 11) for i in range(len(panels))], 8),
        "steps": [(n(11 + i * pw), p["step"]) for i, p in enumerate(panels)],
    }


def thumbnail_index(poses: Poses) -> int:
    """The frame a card shows: ``thumbnail`` if set, else the one most unlike the first."""
    if poses.thumbnail is not None:
        return min(poses.thumbnail, len(poses.frames)) - 1
    figs = figures(poses)
    if len(figs) == 1:
        return 0
    first = figs[0].frame.angles
    scores = [sum(abs(f.frame.angles[k] - first[k]) for k in first) for f in figs[1:]]
    return 1 + scores.index(max(scores))


def render_thumbnail(
    poses: Poses, title: str = "Drill", uid: str | None = None, inline_style: bool = True
) -> Markup:
    """One key position, small, for library cards."""
    figs = figures(poses)
    i = thumbnail_index(poses)
    box = _bounds(poses, [figs[i]])
    pw, ph = _size(box)
    panel = _panel(poses, figs, i, box, False)
    return Markup(
        _ENV.get_template("thumb.svg.j2").render(
            uid=_uid(uid or title) + "-th",
            title=title,
            panel=panel,
            width=n(pw),
            height=n(ph),
            style=_style() if inline_style else None,
        )
    )


# --- animation --------------------------------------------------------------------------------

_PARENT = {b: a for _k, a, b, _s in SEGMENTS}


def _screen_angle(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Angle (degrees, SVG y-down) and length (px) of the segment a->b."""
    dx, dy = (b[0] - a[0]) * SCALE, -(b[1] - a[1]) * SCALE
    return math.degrees(math.atan2(dy, dx)), math.hypot(dx, dy)


def _unwrap(values: list[float]) -> list[float]:
    out = [values[0]]
    for v in values[1:]:
        prev = out[-1]
        out.append(prev + (v - prev + 180) % 360 - 180)
    return out


def render_animated(
    poses: Poses,
    steps: list[str] | None = None,
    title: str = "Drill",
    uid: str | None = None,
    seconds_per_move: float = 1.4,
    inline_style: bool = True,
) -> Markup:
    """One figure easing between the key positions and back, as SMIL ``<animateTransform>``
    inside the SVG (no script, no stylesheet): each segment rotates about its parent joint.

    A page pauses it with ``svg.pauseAnimations()``; under ``prefers-reduced-motion: reduce`` the
    drill page hides it and shows only the still key positions.
    """
    figs = figures(poses, view=poses.view)
    box = _bounds(poses, figs)
    pw, ph = _size(box)

    def to_px(x: float, y: float) -> tuple[float, float]:
        return ((x - box.x0) * SCALE + PAD, (box.y1 - y) * SCALE + PAD + BADGE)

    timing = _timing(_holds(figs), seconds_per_move * max(len(figs) - 1, 1))
    root_vals = [to_px(*f.points["pelvis"]) for f in figs]
    root_anim = None
    if len({(n(x), n(y)) for x, y in root_vals}) > 1:
        root_anim = _smil("translate", [f"{n(x)} {n(y)}" for x, y in root_vals], timing)
    return Markup(
        _ENV.get_template("animated.svg.j2").render(
            uid=_uid(uid or title) + "-an",
            title=title,
            desc=_describe(poses, steps),
            width=n(pw),
            height=n(ph),
            floor=n(to_px(0, 0)[1]),
            props=_prop_shapes(poses, figs, box, to_px, figs[0].frame.view),
            roots=_segment_tree(poses, figs, timing),
            root_anim=root_anim,
            static_root=f"translate({n(root_vals[0][0])} {n(root_vals[0][1])})",
            head_r=n(HEAD_RADIUS * SCALE),
            style=_style() if inline_style else None,
        )
    )


def _holds(figs: list[Figure]) -> list[tuple[str, str]]:
    """Per key position, the stretch of the cycle (percent) it is held; a flight is passed
    through, not held."""
    count = len(figs)
    span = 100.0 / max(count - 1, 1)
    holds = []
    for i in range(count):
        start = max(0.0, i * span - span * 0.15) if i else 0.0
        end = min(100.0, i * span + span * 0.15) if i < count - 1 else 100.0
        if figs[i].frame.air and 0 < i < count - 1:
            start = end = i * span
        holds.append((n(start), n(end)))
    return holds


def _segment_tree(
    poses: Poses, figs: list[Figure], timing: tuple[list[float], str]
) -> list[dict[str, Any]]:
    """The body as nested segments from the pelvis, each with its rest angle and length in the
    first key position and its motion over the others (None where it keeps still)."""
    count = len(figs)
    view = _drawn_view(figs[0])
    seg_abs = {
        b: [_screen_angle(f.points[a], f.points[b]) for f in figs] for _k, a, b, _s in SEGMENTS
    }
    nodes: dict[str, dict[str, Any]] = {}
    for kind, a, b, side in SEGMENTS:
        parent_abs = [0.0] * count if a == "pelvis" else [v[0] for v in seg_abs[a]]
        parent_len = [0.0] * count if a == "pelvis" else [v[1] for v in seg_abs[a]]
        rel = _unwrap([seg_abs[b][i][0] - parent_abs[i] for i in range(count)])
        length = [seg_abs[b][i][1] for i in range(count)]
        is_near = side in (near_side(view, figs[0].mirror), "mid") or view == "front"
        node: dict[str, Any] = {
            "kind": kind,
            "point": b,
            "side": side,
            "cls": f"{_side_class(side, poses.working_side, is_near)} {_WIDTH_CLASS[kind]}",
            "hide": kind in ("hipbar", "shoulderbar") and view == "side",
            "offset": n(parent_len[0]),
            "rot": n(rel[0]),
            "len": n(length[0]),
            "anim": None,  # SMIL <animateTransform> attributes, or None when still
            "lanim": None,
            "tanim": None,
            "carry": kind == "hand" and _carries(poses, side),
            "children": [],
            "layer": _layer(kind, side, is_near, view),
        }
        if max(rel) - min(rel) > 0.5:
            node["anim"] = _smil("rotate", [n(r) for r in rel], timing)
        if max(length) - min(length) > 0.5:
            node["lanim"] = _smil("scale", [f"{n(v)} 1" for v in length], timing)
            node["tanim"] = _smil("translate", [f"{n(v)} 0" for v in length], timing)
        nodes[b] = node
        if a != "pelvis":
            nodes[a]["children"].append(node)
    for node in nodes.values():
        kids = sorted(node["children"], key=lambda c: c["layer"])
        node["before"] = [c for c in kids if c["layer"] < node["layer"]]
        node["after"] = [c for c in kids if c["layer"] >= node["layer"]]
    roots = [nodes[b] for _k, a, b, _s in SEGMENTS if a == "pelvis"]
    return sorted(roots, key=lambda node: node["layer"])


_EASE = ".4 0 .6 1"  # ease-in-out, for every interval (short: it repeats per interval)


def _timing(holds: list[tuple[str, str]], seconds: float) -> tuple[list[float], str]:
    """Key times of one forward-and-back cycle (each key position held, eased between), as
    fractions of the cycle, and the cycle's duration: SMIL has no 'alternate' direction."""
    forward: list[float] = []
    for start, end in holds:
        for t in (float(start), float(end)):
            forward.append(t / 200)
    times = forward + [1 - t for t in reversed(forward)][1:]
    return times, f"{n(2 * seconds)}s"


def _smil(kind: str, values: list[str], timing: tuple[list[float], str]) -> dict[str, str]:
    """Attributes of an <animateTransform> that holds each frame's value and eases between."""
    times, dur = timing
    per_key = [v for v in values for _ in (0, 1)]
    cycle = per_key + list(reversed(per_key))[1:]
    shown = [f"{t:.4f}".rstrip("0").rstrip(".") or "0" for t in times]
    keep = [0] + [i for i in range(1, len(times)) if float(shown[i]) > float(shown[i - 1])]
    return {
        "type": kind,
        "values": ";".join(cycle[i] for i in keep),
        "keyTimes": ";".join(shown[i] for i in keep),
        "keySplines": ";".join([_EASE] * (len(keep) - 1)),
        "dur": dur,
    }


def _carries(poses: Poses, side: str) -> bool:
    return any(
        p.kind in ("dumbbell", "kettlebell") and p.hand in (side, "both") for p in poses.props
    )


def figure_css() -> Markup:
    """The shared stylesheet (for pages that render figures with ``inline_style=False``)."""
    return _style()


def split_style(svg: str) -> tuple[Markup, str]:
    """An SVG without its ``<style>`` element, and that element's CSS (for a site stylesheet)."""
    match = re.search(r"<style>(.*?)</style>\n?", svg, re.S)
    if match is None:
        return Markup(svg), ""
    return Markup(svg[: match.start()] + svg[match.end() :]), match.group(1)


def _print_rules() -> list[tuple[frozenset[str], list[tuple[str, str]]]]:
    """The light-theme rules of the figure stylesheet as (classes, declarations)."""
    css = _ENV.get_template("figure.css.j2").render().split("@media", 1)[0]
    palette = dict(re.findall(r"(--[a-z]+):(#[0-9a-f]+)", css.split("}", 1)[0]))
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = []
        for decl in filter(None, body.split(";")):
            prop, _, value = decl.partition(":")
            value = re.sub(r"var\((--[a-z]+)\)", lambda m: palette[m[1]], value.strip())
            if prop.strip() == "font":
                *weight, size, family = value.split()
                decls += [("font-size", size), ("font-family", family)]
                decls += [("font-weight", w) for w in weight]
            elif not prop.strip().startswith("--"):
                decls.append((prop.strip(), value))
        for sel in selectors.split(","):
            classes = frozenset(c for c in sel.replace(".dbf ", "", 1).strip().split(".") if c)
            if sel.strip() != ".dbf" and classes:
                rules.append((classes, decls))
    return rules


def _presentational(svg: str) -> str:
    """Each classed element gets its stylesheet colours and widths as attributes."""
    rules = _print_rules()

    def attrs(match: re.Match[str]) -> str:
        classes = set(match[1].split())
        found: dict[str, str] = {}
        for sel, decls in rules:
            if sel <= classes:
                found.update(decls)
        extra = "".join(f' {k}="{v}"' for k, v in found.items())
        return f'class="{match[1]}"{extra}'

    return re.sub(r'class="([^"]*)"', attrs, svg)


def render_print_frames(
    poses: Poses, steps: list[str] | None = None, title: str = "Drill", uid: str | None = None
) -> Markup:
    """The key positions with colours as presentation attributes (for WeasyPrint PDFs).

    Without the labels (on a 20 mm card figure they would print about 1.5 pt high), and with
    the step numbers as strokes: WeasyPrint lays out SVG text one character at a time."""
    svg = render_frames(
        poses, steps, title, uid, inline_style=False, with_labels=False, stroked_digits=True
    )
    return Markup(_presentational(str(svg)))
