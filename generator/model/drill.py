"""The typed, frozen model of the knowledge base. Pure data: no I/O, no MkDocs.

The pydantic models are the single source of truth for drill files: the validator runs them,
and `schema.py` turns them into the JSON Schema that editors use for autocompletion.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.model.pose import Poses

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Names take Latin letters with their accents (Plié, Sørensen, Straße: U+00C0-U+024F without
# × and ÷); ids stay ASCII slugs. The same ranges mean the same in Python, Rust and ECMA regex.
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
NAME_PATTERN = f"^[{_LETTER}0-9][{_LETTER}0-9 '’(),./&+:-]*$"
NAME_RULE = (
    "start with a letter or digit; use letters (accented ones such as é, ø, ß too), digits, "
    "spaces and ' ( ) , . / & + : -"
)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN, min_length=3, max_length=70)]
Line = Annotated[str, StringConstraints(min_length=3, max_length=200, strip_whitespace=True)]
Para = Annotated[str, StringConstraints(min_length=10, max_length=1200, strip_whitespace=True)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=60, strip_whitespace=True)]
# Dosage bounds, shared by a drill's dosage and a routine's override of it.
Sets = Annotated[int, Field(ge=1, le=10)]
Reps = Annotated[int, Field(ge=1, le=60)]
HoldSeconds = Annotated[int, Field(ge=1, le=300)]
DurationSeconds = Annotated[int, Field(ge=5, le=900)]
DistanceM = Annotated[int, Field(ge=1, le=400)]
Level = Annotated[int, Field(ge=1, le=3)]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=400)]

# Which drill fields take their values from which vocabulary (content/_data/vocabularies.yaml).
VOCAB_FIELDS: dict[str, str] = {
    "regions": "regions",
    "planes": "planes",
    "category": "categories",
    "use": "uses",
    "equipment": "equipment",
}


class Strict(BaseModel):
    """Base: unknown keys are refused, values are not coerced, instances are immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Dosage(Strict):
    """How much and how fast: sets, one measure of work, sides, tempo, rest, day-type speed."""

    sets: Sets = Field(description="Number of sets (rounds).")
    reps: Reps | None = Field(None, description="Repetitions per set.")
    hold_seconds: HoldSeconds | None = Field(None, description="Seconds held per set.")
    duration_seconds: DurationSeconds | None = Field(
        None, description="Seconds of continuous movement per set."
    )
    distance_m: DistanceM | None = Field(None, description="Metres covered per set.")
    per_side: bool = Field(False, description="True when the work is done on each side.")
    tempo: Short = Field(description="Speed of each repetition, as a coach says it: 'slow'.")
    rest_seconds: int = Field(0, ge=0, le=300, description="Rest between sets, in seconds.")
    seconds_per_rep: float = Field(
        3.0, ge=0.5, le=15, description="Seconds one repetition takes; used for timing."
    )
    easy_day: Line = Field(description="How to perform it on easy days (slow, full range).")
    progressive_day: Line | None = Field(
        None,
        description="How to perform it before faster running (tempo, intervals, race), when "
        "the drill is used on such days; leave it out otherwise.",
    )

    @model_validator(mode="after")
    def _one_measure(self) -> Dosage:
        given = [k for k in MEASURES if getattr(self, k) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(
                f"give exactly one of reps, hold_seconds, duration_seconds, distance_m "
                f"(found: {found})"
            )
        return self

    @property
    def sides(self) -> int:
        return 2 if self.per_side else 1

    def work_text(self) -> str:
        """The measure of one set, e.g. '8', '30 s hold', '45 s', '20 m'."""
        if self.reps is not None:
            return str(self.reps)
        if self.hold_seconds is not None:
            return f"{self.hold_seconds} s hold"
        if self.duration_seconds is not None:
            return f"{self.duration_seconds} s"
        return f"{self.distance_m} m"

    def text(self) -> str:
        """Dosage as a coach writes it: '2 x 8 each side, slow'."""
        side = " each side" if self.per_side else ""
        return f"{self.sets} x {self.work_text()}{side}, {self.tempo}"

    def seconds(self) -> int:
        """Estimated time for the whole dosage, rest included."""
        if self.reps is not None:
            work = self.reps * self.seconds_per_rep
        elif self.hold_seconds is not None:
            work = float(self.hold_seconds)
        elif self.duration_seconds is not None:
            work = float(self.duration_seconds)
        else:
            work = float(self.distance_m or 0)  # about 1 m/s walking or carrying
        total = self.sets * work * self.sides + (self.sets - 1) * self.rest_seconds
        return math.ceil(total)


MEASURES = ("reps", "hold_seconds", "duration_seconds", "distance_m")


class Media(Strict):
    """An image in the drill's folder or a video link, always credited and described."""

    image: str | None = Field(
        None,
        max_length=200,
        description="Picture in drills/media/, written as media/<file>: PNG, JPEG or WebP, "
        "at most 512 KB (no SVG).",
    )
    video: HttpsUrl | None = Field(None, description="https:// link to a video.")
    alt: Line = Field(description="Text alternative describing what the picture shows.")
    author: Short = Field(description="Who made it.")
    source: Line = Field(description="Where it comes from (URL or description).")
    licence: Short = Field(description="Its licence, e.g. CC-BY-4.0.")

    @model_validator(mode="after")
    def _one_kind(self) -> Media:
        if (self.image is None) == (self.video is None):
            raise ValueError("give exactly one of image or video")
        return self


class Source(Strict):
    """A reference the drill draws on."""

    title: Line = Field(description="Title of the source.")
    author: Short | None = Field(
        None, description="Author(s), e.g. 'Andrew Allen' or 'Smith et al.'."
    )
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = Field(
        None, description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD."
    )
    url: HttpsUrl | None = Field(None, description="https:// link, if online.")
    doi: (
        Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/[^\s<>\"']+$", max_length=200)]
        | None
    ) = Field(None, description="DOI, e.g. 10.1136/bjsports-2015-095215 (no https://doi.org/).")


class Drill(Strict):
    """One drill file: drills/<id>.yaml. The id is the file name."""

    name: Name = Field(description="Display name, e.g. 'Ankle dorsiflexion rock'.")
    summary: Line = Field(description="One sentence: what the drill does.")
    aliases: list[Short] = Field(
        default_factory=list, description="Other names runners use, for search."
    )
    principles: list[Id] = Field(min_length=1, description="Principle ids this drill serves.")
    regions: list[str] = Field(min_length=1, description="Body regions worked.")
    planes: list[str] = Field(min_length=1, description="Planes of motion.")
    category: str = Field(description="Kind of drill.")
    use: list[str] = Field(min_length=1, description="When the drill belongs in the week.")
    level: Level = Field(description="1 beginner, 2 intermediate, 3 advanced.")
    equipment: list[str] = Field(min_length=1, description="What you need; [none] for nothing.")
    dosage: Dosage
    setup: Line = Field(description="Starting position, in one line.")
    steps: list[Line] = Field(min_length=3, max_length=10, description="How to do it, in order.")
    cues: list[Line] = Field(min_length=1, max_length=6, description="Short coaching cues.")
    breathing: Line = Field(description="How to breathe through it.")
    mistakes: list[Line] = Field(min_length=2, max_length=6, description="Common mistakes.")
    stop_if: list[Line] = Field(
        min_length=1, max_length=6, description="Pain or form signals that mean stop or scale back."
    )
    progressions: list[Id] = Field(default_factory=list, description="Harder next drills.")
    regressions: list[Id] = Field(default_factory=list, description="Easier drills to go back to.")
    substitutes: list[Id] = Field(default_factory=list, description="Drills that can replace it.")
    related: list[Id] = Field(default_factory=list, description="Drills that pair well with it.")
    why: Para = Field(description="How it serves stride length and pain.")
    media: list[Media] = Field(default_factory=list, description="Pictures or videos.")
    sources: list[Source] = Field(default_factory=list, description="References.")
    contributors: list[Short] = Field(default_factory=list, description="Who wrote this drill.")
    poses: Poses | None = Field(
        None,
        description="Key positions of a standard figure, drawn on the page, card and sheet.",
    )


class Principle(Strict):
    """Front matter of content/principles/<id>.md; the Markdown body is the prose."""

    id: Id = Field(description="Same as the file name.")
    title: Name = Field(description="Display title.")
    summary: Line = Field(description="One line: what the principle says.")
    cues: list[Line] = Field(min_length=1, description="Key cues.")
    order: int = Field(ge=1, le=99, description="Position in the guide.")
