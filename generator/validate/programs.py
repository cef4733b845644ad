"""Program files: load content/programs/*.yaml and check weeks, references and progressions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from generator.load.documents import Document, PathKey, load_yaml_file
from generator.load.layout import Layout
from generator.load.problems import Problem, did_you_mean
from generator.model.knowledge import KnowledgeBase
from generator.model.program import (
    CHANGE_KINDS,
    MEASURES,
    ON_A_RUN,
    Program,
    ProgramPlan,
    Week,
    WeekPlan,
)
from generator.model.routine import DAYS, NO_RUN, Plan
from generator.validate.drills import id_problems, model_problems, safety_problems
from generator.validate.routines import check_routine


def sub_document(doc: Document, loc: PathKey) -> Document:
    """The part of `doc` under `loc` as a document of its own, keeping file positions."""
    data: Any = doc.data
    for part in loc:
        data = data[part]
    n = len(loc)

    def inner(table: dict[PathKey, tuple[int, int]]) -> dict[PathKey, tuple[int, int]]:
        return {k[n:]: v for k, v in table.items() if k[:n] == loc}

    return Document(doc.path, data, inner(doc.value_pos), inner(doc.key_pos), doc.line_offset)


def _week_number_problems(doc: Document, program: Program) -> list[Problem]:
    problems = []
    counts = Counter(w.week for w in program.weeks)
    seen: set[int] = set()
    for i, week in enumerate(program.weeks):
        if week.week in seen:
            problems.append(
                doc.problem(
                    ("weeks", i, "week"),
                    f"week {week.week} appears {counts[week.week]} times",
                    "number the weeks 1, 2, 3, ... once each",
                )
            )
        seen.add(week.week)
    missing = [n for n in range(1, max(counts) + 1) if n not in counts]
    listed = ", ".join(str(w.week) for w in program.weeks)
    for n in missing:
        problems.append(
            doc.problem(
                ("weeks",),
                f"week {n} is missing (weeks listed: {listed})",
                f"add week {n} or renumber the weeks from 1",
                key=True,
            )
        )
    if not problems:
        order = [w.week for w in program.weeks]
        if order != sorted(order):
            problems.append(
                doc.problem(
                    ("weeks",),
                    f"weeks are out of order ({', '.join(map(str, order))})",
                    "list the weeks in order: 1, 2, 3, ...",
                    key=True,
                )
            )
    return problems


def _routine_of(
    doc: Document,
    program_id: str,
    i: int,
    week: Week,
    kb: KnowledgeBase,
    routine_files: set[str],
) -> tuple[Plan | None, list[Problem]]:
    loc: PathKey = ("weeks", i, "routine")
    if not isinstance(week.routine, str | dict):
        return None, [
            doc.problem(
                loc,
                f"'weeks[{i + 1}].routine' must be a routine id or a routine written inline",
                "write a routine id such as 'three-runs-starter', or the routine's fields",
            )
        ]
    if isinstance(week.routine, dict):
        _, plan, found = check_routine(sub_document(doc, loc), f"{program_id}-week-{week.week}", kb)
        return plan, found
    known: dict[str, Plan] = kb.extra.get("routine_plans", {})
    if week.routine in known:
        return known[week.routine], []
    if week.routine in routine_files:
        return None, []  # the routine file has errors of its own, reported with it
    return None, [
        doc.problem(
            loc,
            f"unknown routine '{week.routine}'{did_you_mean(week.routine, routine_files)}",
            "use the file name (without .yaml) of a routine in content/routines/, "
            "or write the routine inline",
        )
    ]


def _reference_problems(doc: Document, program: Program, kb: KnowledgeBase) -> list[Problem]:
    """Change kinds, drills, measures and days that are not known."""
    problems = []
    for i, week in enumerate(program.weeks):
        for j, change in enumerate(week.changes):
            at: PathKey = ("weeks", i, "changes", j)
            if change.kind not in CHANGE_KINDS:
                problems.append(
                    doc.problem(
                        (*at, "kind"),
                        f"unknown change kind '{change.kind}'"
                        f"{did_you_mean(change.kind, CHANGE_KINDS)}",
                        f"use one of: {', '.join(CHANGE_KINDS)}",
                    )
                )
            if change.kind == "new-drill" and not change.drills:
                problems.append(
                    doc.problem(
                        at,
                        "a new-drill change must name its drills",
                        "add `drills: [drill-id, ...]`",
                    )
                )
            for k, d in enumerate(change.drills):
                if kb.unknown_drill(d):
                    problems.append(
                        doc.problem(
                            (*at, "drills", k),
                            f"unknown drill '{d}'{did_you_mean(d, kb.drills)}",
                            "use the file name (without .yaml) of a drill in drills/",
                        )
                    )
        m: PathKey = ("weeks", i, "milestone")
        if week.milestone.day not in DAYS:
            problems.append(
                doc.problem(
                    (*m, "day"),
                    f"unknown day '{week.milestone.day}'{did_you_mean(week.milestone.day, DAYS)}",
                    f"use one of: {', '.join(DAYS)}",
                )
            )
        for k, check in enumerate(week.milestone.checks):
            if check.measure not in MEASURES:
                problems.append(
                    doc.problem(
                        (*m, "checks", k, "measure"),
                        f"unknown measure '{check.measure}'{did_you_mean(check.measure, MEASURES)}",
                        f"use one of: {', '.join(MEASURES)}",
                    )
                )
    return problems


def _warn(doc: Document, loc: PathKey, message: str, hint: str) -> Problem:
    return doc.problem(loc, message, hint, level="warning")


def progression_problems(doc: Document, p: ProgramPlan, kb: KnowledgeBase) -> list[Problem]:
    """Warnings for weeks that go against controlled progression.

    Week 1 is the program's starting point; from week 2 on, a drill that first appears should
    come after one of its regressions.
    """
    out: list[Problem] = []
    earlier: set[str] = set()
    previous: WeekPlan | None = None
    for i, week in enumerate(p.weeks):
        at: PathKey = ("weeks", i)
        listed = {
            d: (*at, "changes", j, "drills", k)
            for j, c in enumerate(week.changes)
            if c.kind == "new-drill"
            for k, d in enumerate(c.drills)
        }
        out += _listed_new_problems(doc, week, listed, earlier)
        if previous is not None:
            out += _step_problems(doc, at, (week, previous), listed, earlier, kb)
        out += _milestone_problems(doc, week, at)
        earlier |= set(week.plan.drill_ids())
        previous = week
    return out + _strength_problems(doc, p)


# A strength dose may stay the same this many weeks in a row before it should progress.
MAX_SAME_STRENGTH_WEEKS = 2


def strength_doses(week: WeekPlan) -> dict[str, str]:
    """Each strength-block drill of a week and its dose as coach text ('3 x 8 each side, ...')."""
    doses: dict[str, set[str]] = {}
    for day in week.plan.days:
        block = day.block("strength")
        for item in block.items if block else ():
            doses.setdefault(item.drill_id, set()).add(item.dosage.text())
    return {d: " / ".join(sorted(texts)) for d, texts in doses.items()}


def _loaded(week: WeekPlan, drill_id: str) -> bool:
    """True when the week lists a load change for the drill (or for all its strength work)."""
    return any(c.kind == "load" and (not c.drills or drill_id in c.drills) for c in week.changes)


def _strength_problems(doc: Document, p: ProgramPlan) -> list[Problem]:
    """Progressive overload: warn when a drill's strength dose stays the same for three or more
    weeks in a row with no load change written. A lighter week starts the count again."""
    out: list[Problem] = []
    runs: dict[str, tuple[str, int]] = {}  # drill -> (dose, weeks in a row)
    for i, week in enumerate(p.weeks):
        doses = {} if week.lighter else strength_doses(week)
        runs = {
            d: (dose, runs[d][1] + 1 if d in runs and runs[d][0] == dose else 1)
            for d, dose in doses.items()
            if not _loaded(week, d)
        }
        for d, (dose, count) in runs.items():
            if count == MAX_SAME_STRENGTH_WEEKS + 1:
                out.append(
                    _warn(
                        doc,
                        ("weeks", i, "routine"),
                        f"week {week.number}: the strength dose of '{d}' ({dose}) is the same "
                        f"for {count} weeks in a row",
                        "raise sets, reps or load this week, or write a `load` change naming "
                        "the drill",
                    )
                )
    return out


def _listed_new_problems(
    doc: Document, week: WeekPlan, listed: dict[str, PathKey], earlier: set[str]
) -> list[Problem]:
    """A drill a week calls new must be new that week and in its routine."""
    out: list[Problem] = []
    week_drills = set(week.plan.drill_ids())
    for d, loc in listed.items():
        if d in earlier:
            out.append(
                _warn(
                    doc,
                    loc,
                    f"week {week.number} lists '{d}' as new, but an earlier week has it",
                    "describe it as a range, tempo or load change instead",
                )
            )
        elif d not in week_drills:
            out.append(
                _warn(
                    doc,
                    loc,
                    f"week {week.number} lists '{d}' as new, but its routine does not use it",
                    "add the drill to the week's routine or remove it from the change",
                )
            )
    return out


def _step_problems(
    doc: Document,
    at: PathKey,
    weeks: tuple[WeekPlan, WeekPlan],
    listed: dict[str, PathKey],
    earlier: set[str],
    kb: KnowledgeBase,
) -> list[Problem]:
    """From one week to the next: regressions come first, a lighter week is lighter."""
    out: list[Problem] = []
    week, previous = weeks
    for d in week.new_drills:
        easier = kb.regressions_of(d)
        if easier and not earlier & set(easier):
            out.append(
                _warn(
                    doc,
                    listed.get(d, (*at, "routine")),
                    f"week {week.number} adds '{d}' before any of its regressions "
                    f"({', '.join(easier)})",
                    f"introduce '{easier[0]}' in an earlier week first",
                )
            )
    if week.lighter and week.plan.minutes >= previous.plan.minutes:
        out.append(
            _warn(
                doc,
                (*at, "lighter"),
                f"week {week.number} is marked lighter but has about "
                f"{week.plan.minutes} min of drills, week {previous.number} "
                f"{previous.plan.minutes} min",
                "use a routine with fewer or shorter blocks for the lighter week",
            )
        )
    return out


def _milestone_problems(doc: Document, week: WeekPlan, at: PathKey) -> list[Problem]:
    """Checks measured on a run need a day with a run."""
    day = week.milestone_day()
    if ON_A_RUN & {c.measure for c in week.milestone.checks} and day.run in NO_RUN:
        return [
            _warn(
                doc,
                (*at, "milestone", "day"),
                f"week {week.number} measures on {day.name}, which has no run",
                "measure cadence, step length and video on an easy run day",
            )
        ]
    return []


def check_program(
    doc: Document, program_id: str, kb: KnowledgeBase, routine_files: set[str]
) -> tuple[ProgramPlan | None, list[Problem]]:
    """Every problem in one program file, and its plan when it has no errors."""
    program, problems = model_problems(doc, Program)
    problems += safety_problems(doc)
    problems += id_problems(doc, program_id, "program")
    if program is None:
        return None, problems
    problems += _week_number_problems(doc, program)
    problems += _reference_problems(doc, program, kb)
    weeks: list[WeekPlan] = []
    seen: set[str] = set()
    for i, week in enumerate(program.weeks):
        plan, found = _routine_of(doc, program_id, i, week, kb, routine_files)
        problems += found
        if plan is None:
            continue
        drills = plan.drill_ids()
        weeks.append(
            WeekPlan(
                week.week,
                week.focus,
                week.lighter,
                tuple(week.changes),
                week.milestone,
                plan,
                week.routine if isinstance(week.routine, str) else None,
                tuple(d for d in drills if d not in seen),
            )
        )
        seen.update(drills)
    if any(p.level == "error" for p in problems) or len(weeks) != len(program.weeks):
        return None, problems
    p = ProgramPlan(
        program_id,
        program.title,
        program.summary,
        program.level,
        tuple(program.notes),
        tuple(weeks),
    )
    return p, problems + progression_problems(doc, p, kb)


def load_programs(layout: Layout, kb: KnowledgeBase) -> list[Problem]:
    """Extra loader (after routines): content/programs/*.yaml into kb.extra['programs']."""
    folder = layout.content_dir / "programs"
    routines_dir = layout.content_dir / "routines"
    routine_files = (
        {p.stem for p in routines_dir.glob("*.yaml")} if routines_dir.is_dir() else set()
    )
    found: dict[str, ProgramPlan] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        doc, more = load_yaml_file(path, layout.root)
        problems += more
        if doc is None:
            continue
        p, more = check_program(doc, path.stem, kb, routine_files)
        problems += more
        if p is not None:
            found[path.stem] = p
    kb.extra["programs"] = found
    return problems
