"""Weekly routines: content/routines/<id>.yaml -> a validated, timed plan of seven days.

A routine file names drills and, optionally, a dosage override; every minute shown anywhere is
computed from the drills' dosage (`Dosage.seconds()`), never typed in. The scheduling rules
from the source article are checked here and reported as warnings with file, line and column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pydantic import Field, model_validator

from generator.model.drill import (
    MEASURES,
    DistanceM,
    Dosage,
    Drill,
    DurationSeconds,
    HoldSeconds,
    Id,
    Level,
    Line,
    Name,
    Reps,
    Sets,
    Short,
    Strict,
)
from generator.model.knowledge import KnowledgeBase

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TRANSITION_SECONDS = 15  # moving from one drill to the next
OVERRIDES = ("sets", *MEASURES, "per_side", "tempo")

# The article's scheduling rules, in run-type ids of content/_data/vocabularies.yaml.
NO_RUN = frozenset({"rest", "strength"})  # days without a run
HARD_RUNS = frozenset({"intervals", "progressive", "race"})  # intensity: drills quicker
HEAVY_RUNS = HARD_RUNS | {"long"}  # keep strength off the day before these
MAX_WARMUP_BEFORE_HARD = 12 * 60  # the warm-up block is about ten minutes
# Which drill `use` fits which block; a drill outside its block's uses gets a warning.
BLOCK_USES: dict[str, frozenset[str]] = {
    "pre-run": frozenset({"pre-run", "progressive-day"}),
    "post-run": frozenset({"post-run", "easy-day", "recovery"}),
    "strength": frozenset({"strength-day"}),
    "evening-recovery": frozenset({"recovery"}),
    "cool-down": frozenset({"cool-down", "recovery"}),
}
# Two A4 or Letter pages hold the week, this many drill cards and the log (measured by
# tests/test_pdf.py, which renders a routine of exactly this many cards).
MAX_CARDS_TWO_PAGES = 16
# How the pre-run drills are done on each kind of day (PlanDay.speed).
SPEED_TEXT = {"easy": "slow, full range", "progressive": "quicker, within comfort"}


class Entry(Strict):
    """One drill in a block, with an optional change to its usual dosage."""

    drill: Id = Field(description="Drill id: a file name in drills/ without .yaml.")
    sets: Sets | None = Field(None, description="Sets instead of the usual.")
    reps: Reps | None = Field(None, description="Repetitions per set.")
    hold_seconds: HoldSeconds | None = Field(None, description="Seconds held per set.")
    duration_seconds: DurationSeconds | None = Field(None, description="Seconds per set.")
    distance_m: DistanceM | None = Field(None, description="Metres per set.")
    per_side: bool | None = Field(None, description="True when done on each side.")
    tempo: Short | None = Field(None, description="Speed of each repetition: 'slow'.")

    @model_validator(mode="after")
    def _one_measure(self) -> Entry:
        given = [k for k in MEASURES if getattr(self, k) is not None]
        if len(given) > 1:
            raise ValueError(f"override at most one of {', '.join(MEASURES)} (found: {given})")
        return self

    def dosage(self, base: Dosage) -> Dosage:
        """The drill's dosage with this entry's overrides applied."""
        changes = {k: getattr(self, k) for k in OVERRIDES if getattr(self, k) is not None}
        data = base.model_dump()
        if any(k in MEASURES for k in changes):
            data.update(dict.fromkeys(MEASURES))
        data.update(changes)
        return Dosage.model_validate(data)


class Day(Strict):
    run: Id = Field(description="Run type: a run_types id from content/_data/vocabularies.yaml.")
    note: Line | None = Field(None, description="One line shown for this day, e.g. the run.")
    blocks: dict[Id, list[Entry]] = Field(
        default_factory=dict, description="Block kind (a blocks id) -> drills in order."
    )


class Week(Strict):
    monday: Day
    tuesday: Day
    wednesday: Day
    thursday: Day
    friday: Day
    saturday: Day
    sunday: Day


class Routine(Strict):
    """One routine file: content/routines/<id>.yaml. The id is the file name."""

    title: Name = Field(description="Display title.")
    summary: Line = Field(description="One sentence: who it is for.")
    level: Level = Field(description="1 beginner, 2 intermediate, 3 advanced.")
    notes: list[Line] = Field(default_factory=list, max_length=4, description="Tips for the week.")
    days: Week


# -- The timed plan every output renders -------------------------------------------------------


@dataclass(frozen=True)
class Item:
    drill_id: str
    drill: Drill
    dosage: Dosage


@dataclass(frozen=True)
class Block:
    kind: str
    items: tuple[Item, ...]

    @property
    def seconds(self) -> int:
        return sum(i.dosage.seconds() + TRANSITION_SECONDS for i in self.items)

    @property
    def minutes(self) -> int:
        return math.ceil(self.seconds / 60)


@dataclass(frozen=True)
class PlanDay:
    key: str
    run: str
    note: str | None
    blocks: tuple[Block, ...]

    @property
    def name(self) -> str:
        return self.key.capitalize()

    @property
    def short(self) -> str:
        return self.key[:3].capitalize()

    @property
    def speed(self) -> str:
        """'progressive' on hard days (drills quicker, within comfort), else 'easy'."""
        return "progressive" if self.run in HARD_RUNS else "easy"

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)

    def block(self, kind: str) -> Block | None:
        return next((b for b in self.blocks if b.kind == kind), None)


@dataclass(frozen=True)
class Plan:
    """A routine resolved against the knowledge base: drills, dosages and minutes."""

    id: str
    title: str
    summary: str
    level: int
    notes: tuple[str, ...]
    days: tuple[PlanDay, ...]
    kinds: tuple[str, ...]  # block kinds in the vocabulary's order
    # The routine as written (file or inline in a program), for the open-data export.
    source: Routine | None = field(default=None, compare=False, repr=False)

    @property
    def runs_per_week(self) -> int:
        return sum(1 for d in self.days if d.run not in NO_RUN)

    @property
    def minutes(self) -> int:
        return sum(d.minutes for d in self.days)

    def drill_ids(self) -> list[str]:
        """Every drill once: warm-up drills first, then by block kind and first appearance."""
        seen: dict[str, None] = {}
        for kind in self.kinds:
            for day in self.days:
                block = day.block(kind)
                for item in block.items if block else ():
                    seen.setdefault(item.drill_id, None)
        return list(seen)

    def dosages(self, drill_id: str) -> list[str]:
        """The distinct dosages a drill is given in this week, as coach text."""
        out: dict[str, None] = {}
        for day in self.days:
            for block in day.blocks:
                for item in block.items:
                    if item.drill_id == drill_id:
                        out.setdefault(item.dosage.text(), None)
        return list(out)

    def speeds(self, drill_id: str) -> list[str]:
        """'easy' and/or 'progressive': the kinds of days the drill is done on."""
        found = {
            day.speed
            for day in self.days
            for block in day.blocks
            for item in block.items
            if item.drill_id == drill_id
        }
        return [s for s in ("easy", "progressive") if s in found]


def block_order(kb: KnowledgeBase) -> list[str]:
    return kb.vocab.ids("blocks")


def plan(routine_id: str, routine: Routine, kb: KnowledgeBase) -> Plan:
    """Resolve a valid routine (all drills known) into a timed plan."""
    order = block_order(kb)
    days = []
    for key in DAYS:
        day: Day = getattr(routine.days, key)
        blocks = []
        for kind in sorted(day.blocks, key=lambda k: order.index(k) if k in order else 99):
            items = tuple(
                Item(e.drill, kb.drills[e.drill], e.dosage(kb.drills[e.drill].dosage))
                for e in day.blocks[kind]
            )
            if items:
                blocks.append(Block(kind, items))
        days.append(PlanDay(key, day.run, day.note, tuple(blocks)))
    return Plan(
        routine_id,
        routine.title,
        routine.summary,
        routine.level,
        tuple(routine.notes),
        tuple(days),
        tuple(order),
        routine,
    )
