"""Routine files: load content/routines/*.yaml, check them and the article's scheduling rules."""

from __future__ import annotations

from typing import Any

from generator.load.documents import Document, load_yaml_file
from generator.load.problems import Problem, did_you_mean
from generator.model.knowledge import KnowledgeBase
from generator.model.routine import (
    BLOCK_USES,
    DAYS,
    HARD_RUNS,
    HEAVY_RUNS,
    MAX_CARDS_TWO_PAGES,
    MAX_WARMUP_BEFORE_HARD,
    NO_RUN,
    Day,
    Plan,
    PlanDay,
    Routine,
    plan,
)
from generator.validate.drills import id_problems, model_problems, safety_problems


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


def _day_problems(doc: Document, day: PlanDay, nxt: PlanDay, kb: KnowledgeBase) -> list[Problem]:
    """A day's blocks against its run and the next day's: warm-up, circuits, strength."""
    out: list[Problem] = []
    label = kb.vocab.label
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
    return out


def _item_problems(doc: Document, day: PlanDay, level: int) -> list[Problem]:
    """Each drill of a day against its block's uses and the routine's level."""
    out: list[Problem] = []
    at = ("days", day.key)
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
            if item.drill.level > level:
                out.append(
                    _warn(
                        doc,
                        loc,
                        f"'{item.drill_id}' is level {item.drill.level}, "
                        f"above the routine's level {level}",
                        "pick an easier drill or raise the routine's level",
                    )
                )
    return out


def rule_problems(doc: Document, p: Plan, kb: KnowledgeBase) -> list[Problem]:
    """Warnings for a week that goes against the article's scheduling advice."""
    out: list[Problem] = []
    for i, day in enumerate(p.days):
        nxt = p.days[(i + 1) % 7]  # the week repeats: Sunday comes before Monday
        out += _day_problems(doc, day, nxt, kb) + _item_problems(doc, day, p.level)
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
