"""Weekly routines: content/routines/<id>.yaml -> a validated, timed plan of seven days.

A routine file names drills and, optionally, a dosage override; every minute shown anywhere is
computed from the drills' dosage (`Dosage.seconds()`), never typed in. The scheduling rules
from the source article are checked here and reported as warnings with file, line and column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pydantic import Field, model_validator

from .load import Document, load_yaml_file
from .model import MEASURES, Dosage, Drill, Id, KnowledgeBase, Line, Name, Short, Strict
from .problems import Problem, did_you_mean
from .validate import id_problems, model_problems, safety_problems

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
}
# Two A4 or Letter pages hold the week, this many drill cards and the log (measured by
# tests/test_pdf.py, which renders a routine of exactly this many cards).
MAX_CARDS_TWO_PAGES = 16


class Entry(Strict):
    """One drill in a block, with an optional change to its usual dosage."""

    drill: Id = Field(description="Drill id: a file name in drills/ without .yaml.")
    sets: int | None = Field(None, ge=1, le=10, description="Sets instead of the usual.")
    reps: int | None = Field(None, ge=1, le=60, description="Repetitions per set.")
    hold_seconds: int | None = Field(None, ge=1, le=300, description="Seconds held per set.")
    duration_seconds: int | None = Field(None, ge=5, le=900, description="Seconds per set.")
    distance_m: int | None = Field(None, ge=1, le=400, description="Metres per set.")
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
    level: int = Field(ge=1, le=3, description="1 beginner, 2 intermediate, 3 advanced.")
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
    )


# -- Loading and checking ----------------------------------------------------------------------


def _normalised(doc: Document) -> Document:
    """A copy where a bare drill id in a block reads as {drill: id}, positions kept."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("days"), dict):
        return doc
    days = {}
    for key, day in data["days"].items():
        if isinstance(day, dict) and isinstance(day.get("blocks"), dict):
            blocks = {
                kind: [{"drill": e} if isinstance(e, str) else e for e in entries]
                if isinstance(entries, list)
                else entries
                for kind, entries in day["blocks"].items()
            }
            day = {**day, "blocks": blocks}
        days[key] = day
    return Document(doc.path, {**data, "days": days}, doc.value_pos, doc.key_pos, doc.line_offset)


def _refers_to_broken_drill(routine: Routine, kb: KnowledgeBase) -> bool:
    """A drill file with errors of its own: the routine cannot be timed until it is fixed."""
    days = (getattr(routine.days, key) for key in DAYS)
    return any(
        e.drill not in kb.drills for day in days for entries in day.blocks.values() for e in entries
    )


def reference_problems(doc: Document, routine: Routine, kb: KnowledgeBase) -> list[Problem]:
    """Run types, block kinds and drills that are not known."""
    problems = []
    run_types, kinds = kb.vocab.ids("run_types"), kb.vocab.ids("blocks")
    for key in DAYS:
        day: Day = getattr(routine.days, key)
        if day.run not in run_types:
            problems.append(
                doc.problem(
                    ("days", key, "run"),
                    f"unknown run type '{day.run}'{did_you_mean(day.run, run_types)}",
                    f"use one of: {', '.join(run_types)}",
                )
            )
        for kind, entries in day.blocks.items():
            if kind not in kinds:
                problems.append(
                    doc.problem(
                        ("days", key, "blocks", kind),
                        f"unknown block '{kind}'{did_you_mean(kind, kinds)}",
                        f"use one of: {', '.join(kinds)}",
                        key=True,
                    )
                )
            for i, entry in enumerate(entries):
                if kb.unknown_drill(entry.drill):
                    problems.append(
                        doc.problem(
                            ("days", key, "blocks", kind, i),
                            f"unknown drill '{entry.drill}'{did_you_mean(entry.drill, kb.drills)}",
                            "use the file name (without .yaml) of a drill in drills/",
                        )
                    )
    return problems


def _warn(doc: Document, loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
    return doc.problem(loc, message, hint, key=True, level="warning")


def rule_problems(doc: Document, p: Plan, kb: KnowledgeBase) -> list[Problem]:
    """Warnings for a week that goes against the article's scheduling advice."""
    out: list[Problem] = []
    label = kb.vocab.label
    for i, day in enumerate(p.days):
        nxt = p.days[(i + 1) % 7]  # the week repeats: Sunday comes before Monday
        at = ("days", day.key)
        warmup, post, strength = day.block("pre-run"), day.block("post-run"), day.block("strength")
        if day.run not in NO_RUN and warmup is None:
            out.append(
                _warn(
                    doc,
                    (*at, "run"),
                    f"{day.name} has a run but no pre-run block",
                    "add a pre-run block: a short dynamic warm-up comes before every run",
                )
            )
        if warmup and day.run in HARD_RUNS and warmup.seconds > MAX_WARMUP_BEFORE_HARD:
            out.append(
                _warn(
                    doc,
                    (*at, "blocks", "pre-run"),
                    f"pre-run block takes about {warmup.minutes} min before "
                    f"{label('run_types', day.run).lower()}",
                    "keep it near 10 minutes: long mobility work belongs on easy days, "
                    "not right before intensity",
                )
            )
        if post and day.run in HARD_RUNS:
            out.append(
                _warn(
                    doc,
                    (*at, "blocks", "post-run"),
                    f"post-run mobility circuit on a {label('run_types', day.run).lower()} day",
                    "move it to an easy day or after a lighter run, when fatigue is low",
                )
            )
        if strength and day.run in HEAVY_RUNS:
            out.append(
                _warn(
                    doc,
                    (*at, "blocks", "strength"),
                    f"strength session on a {label('run_types', day.run).lower()} day",
                    "keep strength away from hard days: move it to a rest or easy day",
                )
            )
        elif strength and nxt.run in HEAVY_RUNS:
            out.append(
                _warn(
                    doc,
                    (*at, "blocks", "strength"),
                    f"strength session the day before {nxt.name}'s "
                    f"{label('run_types', nxt.run).lower()}",
                    "keep strength away from hard days: leave a day between them",
                )
            )
        for block in day.blocks:
            fits = BLOCK_USES.get(block.kind, frozenset())
            for j, item in enumerate(block.items):
                loc = (*at, "blocks", block.kind, j)
                if fits and not fits & set(item.drill.use):
                    out.append(
                        _warn(
                            doc,
                            loc,
                            f"'{item.drill_id}' is not meant for the {block.kind} block",
                            f"pick a drill whose use includes {' or '.join(sorted(fits))}",
                        )
                    )
                if item.drill.level > p.level:
                    out.append(
                        _warn(
                            doc,
                            loc,
                            f"'{item.drill_id}' is level {item.drill.level}, "
                            f"above the routine's level {p.level}",
                            "pick an easier drill or raise the routine's level",
                        )
                    )
    cards = len(p.drill_ids())
    if cards > MAX_CARDS_TWO_PAGES:
        out.append(
            _warn(
                doc,
                ("days",),
                f"routine uses {cards} different drills; its PDF would run past 2 pages "
                f"(room for {MAX_CARDS_TWO_PAGES} drill cards)",
                "repeat drills across days instead of adding new ones",
            )
        )
    return out


def check_routine(
    doc: Document, routine_id: str, kb: KnowledgeBase
) -> tuple[Routine | None, Plan | None, list[Problem]]:
    """Every problem in one routine file; the routine and its plan when it has no errors."""
    norm = _normalised(doc)
    routine, problems = model_problems(norm, Routine)
    problems += safety_problems(doc)
    problems += id_problems(doc, routine_id, "routine")
    if routine is None:
        return None, None, problems
    problems += reference_problems(norm, routine, kb)
    if problems or _refers_to_broken_drill(routine, kb):
        return None, None, problems
    p = plan(routine_id, routine, kb)
    return routine, p, rule_problems(norm, p, kb)


def load_routines(layout: Any, kb: KnowledgeBase) -> list[Problem]:
    """Extra loader: read content/routines/*.yaml into kb.extra.

    kb.extra['routines'] holds the files as data (id -> Routine, exported as JSON);
    kb.extra['routine_plans'] the timed plans the pages and PDFs render (id -> Plan).
    """
    folder = layout.content_dir / "routines"
    routines: dict[str, Routine] = {}
    plans: dict[str, Plan] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc, found = load_yaml_file(path, layout.root)
        problems += found
        if doc is None:
            continue
        routine, p, found = check_routine(doc, path.stem, kb)
        problems += found
        if routine is not None and p is not None:
            routines[path.stem], plans[path.stem] = routine, p
    kb.extra["routines"] = routines
    kb.extra["routine_plans"] = plans
    return problems
