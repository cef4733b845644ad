"""Multi-week programs: content/programs/<id>.yaml -> a validated sequence of weekly routines.

Each week names a routine (an id from content/routines/, or a routine written inline with the
same fields), says what changes from last week and what to measure at the end of it. The
article's rule of controlled progressions is checked: a drill added to the program should come
after one of its regressions, and a week marked lighter should be lighter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

from generator.model.drill import Id, Level, Line, Name, Strict
from generator.model.knowledge import KnowledgeBase
from generator.model.routine import Plan, PlanDay

# What a week can change from the last one (the article: range, tempo, load, new drills).
CHANGE_KINDS: dict[str, str] = {
    "range": "Range",
    "tempo": "Tempo",
    "load": "Load",
    "volume": "Volume",
    "new-drill": "New drill",
    "lighter": "Lighter",
}
# What a milestone check measures, and the tracking-log column the number goes in.
MEASURES: dict[str, tuple[str, str]] = {
    "cadence": ("Cadence at easy pace", "cadence"),
    "step-length": ("Step length at easy pace", "step_length"),
    "video": ("Movement quality on video", "notes"),
    "pain": ("Pain 0-10", "pain"),
    # The measurable mobility and strength tests (drills whose category is assessment).
    "knee-to-wall": ("Knee-to-wall distance, cm (each side)", "notes"),
    "calf-raise-reps": ("Single-leg calf raises to fatigue, reps (each side)", "notes"),
    "hip-rotation": ("Hip rotation in 90/90, degrees (each side)", "notes"),
    "step-down": ("Clean step-downs out of 5 (each side)", "notes"),
}
ON_A_RUN = frozenset({"cadence", "step-length", "video"})


class Change(Strict):
    """One thing that changes from last week."""

    kind: Id = Field(description="range, tempo, load, volume, new-drill or lighter.")
    text: Line = Field(description="The change in a coach's words.")
    drills: list[Id] = Field(
        default_factory=list, description="Drills it concerns (required for new-drill)."
    )


class Check(Strict):
    """One number or observation, and what counts as progress."""

    measure: Id = Field(
        description="cadence, step-length, video, pain, knee-to-wall, calf-raise-reps, "
        "hip-rotation or step-down."
    )
    progress: Line = Field(description="What counts as progress.")


class Milestone(Strict):
    """The end-of-week check."""

    day: Id = Field(description="Day of the week to measure on: a day with an easy run.")
    how: Line = Field(description="How to measure, in one line.")
    checks: list[Check] = Field(min_length=1, max_length=5, description="What to measure.")


class Week(Strict):
    week: int = Field(ge=1, le=52, description="Week number, 1 to the number of weeks.")
    focus: Line = Field(description="The week's focus, in one line.")
    routine: Any = Field(
        description="A routine id from content/routines/, or a routine written inline."
    )
    lighter: bool = Field(False, description="True for a lighter (recovery) week.")
    changes: list[Change] = Field(
        default_factory=list, max_length=6, description="What changes from last week."
    )
    milestone: Milestone


class Program(Strict):
    """One program file: content/programs/<id>.yaml. The id is the file name."""

    title: Name = Field(description="Display title.")
    summary: Line = Field(description="One sentence: who it is for and what it builds.")
    level: Level = Field(description="1 beginner, 2 intermediate, 3 advanced.")
    notes: list[Line] = Field(default_factory=list, max_length=5, description="How to use it.")
    weeks: list[Week] = Field(min_length=1, max_length=16, description="The weeks, in order.")


# -- The plan every output renders -------------------------------------------------------------


@dataclass(frozen=True)
class WeekPlan:
    number: int
    focus: str
    lighter: bool
    changes: tuple[Change, ...]
    milestone: Milestone
    plan: Plan
    routine_id: str | None  # None when the routine is written inline
    new_drills: tuple[str, ...]  # drills that first appear this week

    def sessions(self) -> list[PlanDay]:
        """The days with drills to do, Monday first."""
        return [d for d in self.plan.days if d.blocks]

    def milestone_day(self) -> PlanDay:
        return next(d for d in self.plan.days if d.key == self.milestone.day)


@dataclass(frozen=True)
class ProgramPlan:
    id: str
    title: str
    summary: str
    level: int
    notes: tuple[str, ...]
    weeks: tuple[WeekPlan, ...]

    def drill_ids(self) -> list[str]:
        """Every drill once, in order of first appearance."""
        seen: dict[str, None] = {}
        for week in self.weeks:
            for d in week.plan.drill_ids():
                seen.setdefault(d, None)
        return list(seen)

    def sessions(self) -> int:
        return sum(len(w.sessions()) for w in self.weeks)


def programs(kb: KnowledgeBase) -> list[ProgramPlan]:
    """The programs loaded by `load_programs`, by title."""
    found: dict[str, ProgramPlan] = kb.extra.get("programs", {})
    return sorted(found.values(), key=lambda p: (p.title.casefold(), p.id))
