"""Pick a personal week of drills from the knowledge base, by the source article's rules.

Pure and deterministic: the same request and knowledge base give the same routine. The rules:

1. Only drills at or below the requested level whose equipment is all available ("none" is
   always available) are candidates.
2. Every run day starts with the same dynamic warm-up block (drills used pre-run), at most
   ten minutes and within the minutes per session; on hard days the same drills are done a
   little quicker (the sheet says so). Mobility first, activation and balance next, one
   transition into running last.
3. The longer mobility circuit goes after easy runs only (mobility with easy days), never after
   hard, long or race runs.
4. Strength (up to two sessions) goes on rest or easy days that are not the day before a hard
   or long run (strength away from hard days), rest days first.
5. An evening recovery block follows hard and long days.
6. A focus region is weighted: drills that work it are picked first in every block.
7. A block is only worth doing with at least three drills (a circuit or strength session at
   least two or three); if even the warm-up cannot fit, the request is impossible.

The numbers, lists and messages are data (`routine_rules.RULES`), which the browser's builder
(generator/assets/builder.js) reads too; this module is the algorithm over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.load.problems import did_you_mean
from generator.model.drill import Drill
from generator.model.knowledge import KnowledgeBase
from generator.model.routine import DAYS, Routine
from generator.model.routine_rules import RULES, fill

DEFAULT_EQUIPMENT = frozenset(RULES["default_equipment"])
DAY_KINDS: dict[str, str] = RULES["day_kinds"]
NO_RUN = frozenset(RULES["no_run"])
HEAVY_RUNS = frozenset(RULES["heavy_runs"])
TRANSITION_SECONDS: int = RULES["transition_seconds"]
WARMUP = RULES["warmup"]
WARMUP_MAX_SECONDS: int = WARMUP["max_seconds"]
MIN_WARMUP_DRILLS, WARMUP_MAX_DRILLS = WARMUP["drills"]
CIRCUIT, STRENGTH, RECOVERY = RULES["circuit"], RULES["strength"], RULES["recovery"]
CATEGORY_ORDER = tuple(RULES["category_order"])
MESSAGES: dict[str, str] = RULES["messages"]


class RoutineRequestError(ValueError):
    """A request that cannot be met; the message says why and what to change."""


@dataclass(frozen=True)
class Request:
    days: dict[str, str]  # day key -> run type id
    minutes: int
    level: int = 1
    equipment: frozenset[str] = DEFAULT_EQUIPMENT
    focus: str | None = None  # a region id
    title: str = RULES["title"]
    notes: tuple[str, ...] = field(default=())


def parse_days(text: str, run_types: Iterable[str]) -> dict[str, str]:
    """'mon=easy,tue=rest,...' -> {'monday': 'easy', ...}; days not named are rest days."""
    kinds = [*DAY_KINDS, *run_types]
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        day, sep, kind = part.partition("=")
        day, kind = day.strip().lower(), kind.strip().lower()
        matches = [d for d in DAYS if len(day) >= 3 and d.startswith(day)]
        if not sep or not matches:
            raise RoutineRequestError(
                f"--days: cannot read '{part}'; write day=kind, e.g. mon=easy "
                f"(days: {', '.join(d[:3] for d in DAYS)})"
            )
        if matches[0] in out:
            raise RoutineRequestError(f"--days: {matches[0]} is given twice")
        if kind not in kinds:
            raise RoutineRequestError(
                f"--days: unknown kind '{kind}' for {matches[0]}{did_you_mean(kind, kinds)}; "
                f"use one of: {', '.join(kinds)}"
            )
        out[matches[0]] = DAY_KINDS.get(kind, kind)
    return {d: out.get(d, "rest") for d in DAYS}


def resolve_focus(text: str, kb: KnowledgeBase) -> str:
    """A region id from its id or label, any case ('ankles', 'Hip joint')."""
    wanted = text.strip().casefold()
    regions = kb.vocab.terms["regions"]
    for term in regions.values():
        if wanted in (term.id, term.label.casefold()):
            return term.id
    raise RoutineRequestError(
        f"--focus: unknown region '{text}'{did_you_mean(wanted, regions)}; "
        f"use one of: {', '.join(regions)}"
    )


def _fits(drill: Drill, req: Request) -> bool:
    return drill.level <= req.level and set(drill.equipment) <= req.equipment | {
        RULES["always_have"]
    }


def _cost(drill: Drill) -> int:
    return drill.dosage.seconds() + TRANSITION_SECONDS


def _rank(kb: KnowledgeBase, req: Request, ids: Iterable[str]) -> list[str]:
    """Focus drills first, then by category order, shorter first, then id (deterministic)."""

    def key(d: str) -> tuple[int, int, int, str]:
        drill = kb.drills[d]
        focus = 0 if req.focus and req.focus in drill.regions else 1
        cat = CATEGORY_ORDER.index(drill.category) if drill.category in CATEGORY_ORDER else 9
        return (focus, cat, drill.dosage.seconds(), d)

    return sorted(ids, key=key)


def _candidates(kb: KnowledgeBase, req: Request, rule: dict[str, Any]) -> list[str]:
    """The drills that fit the request, one of the rule's uses and (if given) its categories."""
    uses, categories = set(rule["uses"]), rule.get("categories")
    return _rank(
        kb,
        req,
        (
            d
            for d, drill in kb.drills.items()
            if _fits(drill, req)
            and uses & set(drill.use)
            and (categories is None or drill.category in categories)
        ),
    )


def _fill(kb: KnowledgeBase, ranked: list[str], budget: int, most: int) -> list[str]:
    """Greedy in rank order: take each drill that still fits the time left."""
    chosen: list[str] = []
    left = budget
    for d in ranked:
        if len(chosen) == most:
            break
        if _cost(kb.drills[d]) <= left:
            chosen.append(d)
            left -= _cost(kb.drills[d])
    return chosen


def _in_order(kb: KnowledgeBase, ids: list[str]) -> list[str]:
    """Block order: mobility first, transition into running last (stable otherwise)."""

    def key(d: str) -> int:
        cat = kb.drills[d].category
        return CATEGORY_ORDER.index(cat) if cat in CATEGORY_ORDER else 9

    return sorted(ids, key=key)


def _minutes_for(kb: KnowledgeBase, ids: list[str], count: int) -> int:
    shortest = sorted(_cost(kb.drills[d]) for d in ids)[:count]
    return -(-sum(shortest) // 60)


def warmup_block(kb: KnowledgeBase, req: Request) -> list[str]:
    ranked = _candidates(kb, req, WARMUP)
    if len(ranked) < MIN_WARMUP_DRILLS:
        raise RoutineRequestError(
            fill(
                MESSAGES["few_warmup"],
                found=len(ranked),
                level=req.level,
                equipment=", ".join(sorted(req.equipment)),
                need=MIN_WARMUP_DRILLS,
            )
        )
    budget = min(req.minutes * 60, WARMUP_MAX_SECONDS)
    # The block ends with one transition into running when it fits (walk-to-run).
    bridge = [d for d in ranked if kb.drills[d].category == WARMUP["bridge"]][:1]
    rest = [d for d in ranked if kb.drills[d].category != WARMUP["bridge"]]
    chosen = []
    if bridge:
        first = _fill(kb, rest, budget - _cost(kb.drills[bridge[0]]), WARMUP_MAX_DRILLS - 1)
        if len(first) >= MIN_WARMUP_DRILLS - 1:
            chosen = [*first, bridge[0]]
    if len(chosen) < MIN_WARMUP_DRILLS:
        chosen = _fill(kb, ranked, budget, WARMUP_MAX_DRILLS)
    if len(chosen) < MIN_WARMUP_DRILLS:
        need = _minutes_for(kb, ranked, MIN_WARMUP_DRILLS)
        raise RoutineRequestError(
            fill(
                MESSAGES["short_warmup"],
                minutes=req.minutes,
                need=MIN_WARMUP_DRILLS,
                need_minutes=need,
            )
        )
    return _in_order(kb, chosen)


def _strength_days(days: dict[str, str]) -> list[str]:
    """Rest (then easy) days that are not hard and not the day before a hard or long run."""
    keys = list(DAYS)
    ok = [
        d
        for i, d in enumerate(keys)
        if days[d] in STRENGTH["days"] and days[keys[(i + 1) % 7]] not in HEAVY_RUNS
    ]
    chosen: list[str] = [d for d in ok if days[d] == STRENGTH["always"]]
    for d in sorted(ok, key=lambda d: (days[d] == STRENGTH["last"], keys.index(d))):
        if len(chosen) >= STRENGTH["sessions"]:
            break
        i = keys.index(d)
        apart = all(abs(i - keys.index(c)) > 1 for c in chosen)
        if d not in chosen and apart:
            chosen.append(d)
    return sorted(chosen, key=keys.index)


def build_routine(kb: KnowledgeBase, req: Request) -> Routine:
    """A valid Routine for the request, or RoutineRequestError saying what to change."""
    low, high = RULES["minutes"]
    if not low <= req.minutes <= high:
        raise RoutineRequestError(fill(MESSAGES["minutes_range"], low=low, high=high))
    runs = [d for d in DAYS if req.days[d] not in NO_RUN]
    warmup = warmup_block(kb, req) if runs else []
    session = req.minutes * 60
    blocks: dict[str, dict[str, list[str]]] = {d: {} for d in DAYS}
    for d in runs:
        blocks[d][WARMUP["block"]] = warmup
    warm_cost = sum(_cost(kb.drills[x]) for x in warmup)

    circuit_pool = [x for x in _candidates(kb, req, CIRCUIT) if x not in warmup]
    circuit = _fill(kb, circuit_pool, session - warm_cost, CIRCUIT["drills"][1])
    if len(circuit) >= CIRCUIT["drills"][0]:
        for d in runs:
            if req.days[d] in CIRCUIT["after"]:
                blocks[d][CIRCUIT["block"]] = _in_order(kb, circuit)

    strength_pool = _candidates(kb, req, STRENGTH)
    strength_pool = [x for x in strength_pool if x not in warmup] or strength_pool
    for d in _strength_days(req.days):
        used = sum(_cost(kb.drills[x]) for b in blocks[d].values() for x in b)
        budget = session if req.days[d] in NO_RUN else session - used
        chosen = _fill(kb, strength_pool, budget, STRENGTH["drills"][1])
        if len(chosen) >= STRENGTH["drills"][0]:
            blocks[d][STRENGTH["block"]] = chosen

    recovery = _fill(kb, _candidates(kb, req, RECOVERY), session, RECOVERY["drills"][1])
    for d in DAYS:
        if req.days[d] in HEAVY_RUNS and len(recovery) >= RECOVERY["drills"][0]:
            blocks[d][RECOVERY["block"]] = recovery

    return Routine.model_validate(_routine_data(kb, req, blocks))


def _routine_data(
    kb: KnowledgeBase, req: Request, blocks: dict[str, dict[str, list[str]]]
) -> dict[str, Any]:
    runs = sum(1 for d in DAYS if req.days[d] not in NO_RUN)
    words = summary_words(kb)
    focus = fill(RULES["summary_focus"], region=words["regions"][req.focus]) if req.focus else ""
    equipment = ", ".join(words["equipment"][e] for e in sorted(req.equipment))
    summary = fill(
        RULES["summary"],
        runs=runs,
        minutes=req.minutes,
        level=req.level,
        focus=focus,
        equipment=equipment,
    )
    notes = list(req.notes) or list(RULES["notes"])
    days = {}
    for d in DAYS:
        day: dict[str, Any] = {"run": req.days[d]}
        if blocks[d]:
            day["blocks"] = {k: [{"drill": x} for x in v] for k, v in blocks[d].items()}
        days[d] = day
    return {
        "title": req.title,
        "summary": summary[: RULES["summary_max"]],
        "level": req.level,
        "notes": notes,
        "days": days,
    }


def summary_words(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    """The words a summary uses for regions and equipment (lower-case labels), by id."""
    return {
        name: {t: kb.vocab.label(name, t).lower() for t in kb.vocab.ids(name)}
        for name in ("regions", "equipment")
    }
