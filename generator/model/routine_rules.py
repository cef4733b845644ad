"""The rules of `drillbook routine` as data: one table read by the Python builder
(`routine_builder.py`) and, exported as JSON, by the browser's routine builder
(`generator/assets/builder.js`, published by `outputs/builder.py`).

Only plain JSON values (str, int, lists, dicts) live here. Messages are templates with `{name}`
fields, filled the same way on both sides (`fill`); the algorithm over this table stays short
in both languages and the tests run both on the same corpus of requests.
"""

from __future__ import annotations

from typing import Any

from generator.model.routine import DAYS, HEAVY_RUNS, NO_RUN, TRANSITION_SECONDS

RULES: dict[str, Any] = {
    "days": list(DAYS),
    "day_kinds": {"hard": "intervals"},  # short names for the command line
    "no_run": sorted(NO_RUN),
    "heavy_runs": sorted(HEAVY_RUNS),
    "transition_seconds": TRANSITION_SECONDS,
    "default_equipment": ["mat", "none", "wall"],
    "always_have": "none",
    "minutes": [1, 120],
    # Block order: mobility first, transition into running last; unknown categories after.
    "category_order": ["mobility", "activation", "balance", "strength", "transition", "recovery"],
    "warmup": {
        "block": "pre-run",
        "uses": ["pre-run"],
        "max_seconds": 10 * 60,
        "drills": [3, 6],  # fewest worth doing, most
        "bridge": "transition",  # the block ends with one of these when it fits
    },
    "circuit": {
        "block": "post-run",
        "uses": ["post-run", "easy-day"],
        "categories": ["mobility", "balance"],
        "drills": [2, 4],
        "after": ["easy"],  # run types the circuit follows
    },
    "strength": {
        "block": "strength",
        "uses": ["strength-day"],
        "categories": ["strength", "activation"],
        "drills": [3, 4],
        "sessions": 2,
        "days": ["rest", "strength", "easy"],  # never the day before a heavy run
        "always": "strength",  # a day of this run type always gets a session
        "last": "easy",  # tried after the others
    },
    "recovery": {
        "block": "evening-recovery",
        "uses": ["recovery"],
        "categories": ["recovery"],
        "drills": [1, 2],
    },
    "messages": {
        "minutes_range": "--minutes must be between {low} and {high} (per session)",
        "few_warmup": (
            "only {found} warm-up drill(s) match level {level} and equipment {equipment}; "
            "a warm-up block needs {need}: raise --level or add --equipment"
        ),
        "short_warmup": (
            "--minutes {minutes} is too short for a warm-up block: the {need} shortest drills "
            "that match take about {need_minutes} min; give --minutes {need_minutes} or more"
        ),
    },
    "summary": (
        "A personal week: {runs} run(s), up to {minutes} min per session, "
        "level {level}{focus}; equipment: {equipment}."
    ),
    "summary_focus": ", focus {region}",
    "summary_max": 200,
    "title": "My week",
    "notes": [
        "Easy days: slow, full ranges. Hard days: the same warm-up a little quicker, "
        "within comfort.",
        "Stop any drill that brings sharp pain or a pinching joint.",
    ],
}


def fill(template: str, **fields: object) -> str:
    """A message or summary template with its `{name}` fields filled (as builder.js does)."""
    return template.format(**fields)
