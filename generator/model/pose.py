"""Pose data model: the ``poses:`` block of a drill file, as frozen, strict pydantic models.

Angles are anatomical, in degrees, relative to the parent segment (0 = anatomical position):

* ``trunk``: the trunk's tilt from vertical, forward +, backward - (-90 = lying on the back,
  90 = lying face down). ``trunk_side``: side lean, toward the figure's left +.
  ``trunk_twist``: chest rotation over the pelvis, toward the figure's left +.
  ``side_bend``: the trunk bent sideways over the pelvis (the legs stay), toward the figure's
  left + (``trunk_side`` leans the whole body).
* ``roll``: the whole body rolled about the forward axis (after ``trunk``), toward the figure's
  left + (90 = lying on the left side, head toward the figure's left; -90 = on the right side;
  past 90 the feet are higher than the head, as with the feet up on a bench).
  Beyond +-40 only with ``base: side-lying``. A side-lying body is drawn in the ``front`` view
  (lying along the floor, chest toward the viewer) or, rolled in the ``side`` view, seen from
  the head end.
* ``neck``: flexion + (chin toward chest), extension -.
* per side (``left``, ``right``): ``shoulder`` flexion +/extension -, ``shoulder_abduction``,
  ``shoulder_rotation`` (about the upper arm: external + turns a bent forearm outward, internal -
  turns it across the body), ``elbow`` flexion (>= 0), ``hip`` flexion +/extension -,
  ``hip_abduction`` (+ out, - across the midline), ``hip_rotation`` (external +, internal -),
  ``knee`` flexion (>= 0), ``ankle`` dorsiflexion +/plantarflexion -.

``air`` lifts a frame off the floor by that many body heights (a flight phase); it is not
inherited, needs ``contacts`` empty, and a drill of category ``spring`` or an ``air_reason``.

A frame leaves out whatever does not change: missing values are taken from the previous frame
(the first frame starts from a neutral standing figure). See :func:`kinematics.resolve_frames`.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

View = Literal["side", "front"]
Side = Literal["left", "right"]
WorkingSide = Literal["left", "right", "both", "none"]

#: Props a figure can use, with the drill ``equipment`` values that provide each one.
PROPS: dict[str, tuple[str, ...]] = {
    "wall": ("wall",),
    "step": ("step", "bench", "stairs", "box"),
    "chair": ("chair", "bench"),
    "bench": ("bench", "chair", "box"),
    "mat": ("mat",),
    "band": ("resistance-band", "band", "loop-band"),
    "dumbbell": ("dumbbells", "dumbbell", "light-weight", "kettlebell"),
    "kettlebell": ("kettlebell", "light-weight", "dumbbells"),
    "foam-roller": ("foam-roller",),
    "balance-pad": ("balance-pad", "cushion"),
}
PropKind = Literal[
    "wall",
    "step",
    "chair",
    "bench",
    "mat",
    "band",
    "dumbbell",
    "kettlebell",
    "foam-roller",
    "balance-pad",
]
#: Props the body can rest on (``on:``), with their top height as a fraction of body height.
SUPPORT_HEIGHTS: dict[str, float] = {
    "floor": 0.0,
    "mat": 0.0,
    "step": 0.1,
    "bench": 0.26,
    "chair": 0.26,
    "foam-roller": 0.08,
    "balance-pad": 0.04,
}
Surface = Literal["floor", "mat", "step", "bench", "chair", "foam-roller", "balance-pad"]

Base = Literal[
    "standing",
    "single-leg",
    "split-stance",
    "lunge",
    "squat",
    "hinge",
    "walking",
    "running",
    "kneeling",
    "half-kneeling",
    "seated",
    "supine",
    "prone",
    "side-lying",
    "quadruped",
]

#: Body points a frame can anchor on (``anchor:``) or list as floor contacts (``contacts:``).
Point = Literal[
    "pelvis",
    "seat",
    "neck",
    "head",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_toe",
    "right_toe",
    "left_calf",
    "right_calf",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_hand",
    "right_hand",
    "upper_back",
]
POINTS: tuple[str, ...] = get_args(Point)

#: Joint ranges in degrees (min, max), anatomical zero, healthy adult. Sources read:
#: (1) "Normal Values for Range of Motion of Joints", Merck Manual Professional, Table 1
#: (copy at https://pdfcoffee.com/download/nilai-normal-untuk-jarak-dari-gerakan-sendi-pdf-free.html):
#: hip flexion 0-125, hyperextension 0-15; knee flexion 0-130; ankle plantarflexion 0-50,
#: dorsiflexion 0-20; shoulder extension 0-50; elbow flexion 0-160.
#: (2) "Normal ROM" sheet (https://www.scribd.com/doc/247726428/Normal-ROM): hip flexion 0-125,
#: extension 0-30, abduction 0-45, adduction 0-25, external rotation 0-60, internal 0-40;
#: knee flexion 0-140; ankle dorsiflexion 0-20,
#: plantarflexion 0-45; shoulder flexion and abduction 0-180; elbow flexion 0-145.
#: (3) CDC Joint Range of Motion Study (https://archive.cdc.gov/www_cdc_gov/ncbddd/jointrom/index.html;
#: Soucie et al., Haemophilia 2011, doi:10.1111/j.1365-2516.2010.02399.x): passive hip, knee,
#: ankle, shoulder and elbow ranges of 674 healthy people aged 2-69 vary with age and sex (e.g.
#: ages 2-8: hip flexion about 131-141, knee flexion about 148-153), so this table is a generous
#: envelope for a drawn figure, not a clinical norm.
#: Approximate (not from a source read): neck +-45, trunk side lean, bend and twist, ankle
#: dorsiflexion widened to 40 for weight-bearing lunges (above the 20 measured lying down), and
#: shoulder rotation internal 70 / external 90 (the usual textbook figures).
JOINT_RANGES: dict[str, tuple[float, float]] = {
    "trunk": (-180.0, 180.0),
    "trunk_side": (-40.0, 40.0),
    "trunk_twist": (-60.0, 60.0),
    "side_bend": (-35.0, 35.0),
    "roll": (-120.0, 120.0),
    "neck": (-45.0, 45.0),
    "shoulder": (-50.0, 180.0),
    "shoulder_abduction": (-30.0, 180.0),
    "shoulder_rotation": (-70.0, 90.0),
    "elbow": (0.0, 150.0),
    "hip": (-30.0, 125.0),
    "hip_abduction": (-30.0, 45.0),
    "hip_rotation": (-40.0, 60.0),
    "knee": (0.0, 140.0),
    "ankle": (-50.0, 40.0),
}
LIMB_JOINTS: tuple[str, ...] = (
    "shoulder",
    "shoulder_abduction",
    "shoulder_rotation",
    "elbow",
    "hip",
    "hip_abduction",
    "hip_rotation",
    "knee",
    "ankle",
)
BODY_JOINTS: tuple[str, ...] = ("trunk", "trunk_side", "trunk_twist", "side_bend", "roll", "neck")
#: Largest roll (degrees) without ``base: side-lying``; and the air a frame may have.
MAX_UPRIGHT_ROLL = 40.0
MAX_AIR = 0.3

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class Limb(BaseModel):
    """Joint angles of one side; ``None`` keeps the previous frame's value."""

    model_config = _STRICT

    shoulder: float | None = None
    shoulder_abduction: float | None = None
    shoulder_rotation: float | None = None
    elbow: float | None = None
    hip: float | None = None
    hip_abduction: float | None = None
    hip_rotation: float | None = None
    knee: float | None = None
    ankle: float | None = None


class Frame(BaseModel):
    """One key position, tied to a step of the drill (``step: 1`` is the first step)."""

    model_config = _STRICT

    step: int = Field(ge=1, description="The step this position illustrates (1 = first step).")
    label: str | None = Field(default=None, max_length=40)
    base: Base | None = Field(default=None, description="How the body is supported.")
    view: View | None = Field(default=None, description="Overrides the drill's view.")
    anchor: Point | None = Field(
        default=None, description="Point that stays put between frames (default pelvis)."
    )
    support: Surface | None = Field(
        default=None, description="Surface under the anchor; floor puts the lowest point on it."
    )
    x: float | None = Field(default=None, description="Anchor's forward position, body heights.")
    contacts: tuple[Point, ...] | None = Field(
        default=None, description="Points that must touch the floor or a prop."
    )
    trunk: float | None = None
    trunk_side: float | None = None
    trunk_twist: float | None = None
    side_bend: float | None = None
    roll: float | None = Field(
        default=None, description="Whole-body roll toward the figure's left (90 = on left side)."
    )
    air: float | None = Field(
        default=None,
        ge=0.0,
        le=MAX_AIR,
        description="Flight: body heights above the floor (this frame only; no contacts).",
    )
    neck: float | None = None
    left: Limb = Limb()
    right: Limb = Limb()


class Prop(BaseModel):
    """A prop in the scene; a bare string in YAML means ``{kind: ...}``."""

    model_config = _STRICT

    kind: PropKind
    x: float | None = Field(
        default=None,
        description="Wall: position (body heights, + in front); support: shift of the box.",
    )
    hand: Literal["left", "right", "both"] | None = Field(
        default=None, description="Dumbbell/kettlebell: which hand holds it."
    )
    between: tuple[Point, Point] | None = Field(
        default=None, description="Band: the two body points it joins."
    )


class Poses(BaseModel):
    """The ``poses:`` block of a drill."""

    model_config = _STRICT

    view: View = "side"
    working_side: WorkingSide = "none"
    props: tuple[Prop, ...] = ()
    thumbnail: int | None = Field(default=None, ge=1, description="Frame for the card thumbnail.")
    air_reason: str | None = Field(
        default=None,
        max_length=120,
        description="Why a drill outside the spring category shows a flight phase (`air:`).",
    )
    frames: tuple[Frame, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, value: Any) -> Any:
        """YAML gives lists; strict mode wants tuples (so a drill file's block validates)."""
        return _tuples(value) if isinstance(value, dict) else value

    @field_validator("props", mode="before")
    @classmethod
    def _bare_props(cls, value: Any) -> Any:
        """Accept ``[wall, mat]`` as shorthand for ``[{kind: wall}, {kind: mat}]``."""
        if isinstance(value, (list, tuple)):
            return tuple({"kind": v} if isinstance(v, str) else v for v in value)
        return value

    @field_validator("frames", mode="before")
    @classmethod
    def _list_to_tuple(cls, value: Any) -> Any:
        """YAML gives lists; strict mode wants tuples."""
        return tuple(value) if isinstance(value, list) else value


def _tuples(value: Any) -> Any:
    """Turn YAML lists into tuples recursively (strict pydantic tuples)."""
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def load_poses(data: Any) -> Poses:
    """Validate a ``poses:`` mapping (as parsed from YAML) into :class:`Poses`."""
    if isinstance(data, dict):
        data = dict(data)
        props = data.get("props")
        if isinstance(props, list):
            data["props"] = [{"kind": p} if isinstance(p, str) else p for p in props]
    return Poses.model_validate(_tuples(data))
