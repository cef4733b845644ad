"""Your routine in the browser: the page `tools/routine-builder/`, its data and its script.

The page carries the rules of `drillbook routine` (`model.routine_rules.RULES`, the table the
Python builder reads) and a compact drill table as JSON; generator/assets/builder.js runs the
builder's algorithm over them, renders the week with the routine sheet's classes (routine.css,
so the browser prints it like the routine pages), writes an .ics and starts the follow-along
session (the same JSON shape as `followalong.session_data`). Without JavaScript the page
explains the command instead. tests/test_builder.py checks the script against the Python.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.model.routine import DAYS, HARD_RUNS, SPEED_TEXT, Plan, PlanDay, block_order
from generator.model.routine_builder import DEFAULT_EQUIPMENT, summary_words
from generator.model.routine_rules import RULES
from generator.model.site import SiteInfo
from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs import followalong
from generator.render.environment import ASSETS, Renderer

PAGE = "tools/routine-builder.md"
ASSET_FILES = {
    "assets/drillbook/builder.js": "builder.js",
    "assets/drillbook/builder.css": "builder.css",
}
LABELS = ("run_types", "regions", "equipment", "levels", "blocks")
# The form opens with the week of the README's example.
DEFAULT_WEEK = {"tuesday": "easy", "wednesday": "intervals", "saturday": "long"}
DEFAULT_MINUTES = 15
# The command's options named in its messages, and the form fields that set them.
FLAGS = {
    "--minutes": "Minutes per session",
    "--level": "Level",
    "--equipment": "Equipment you have",
}


def _drill_row(kb: KnowledgeBase, drill_id: str) -> dict[str, Any]:
    """What the script needs of one drill: the builder's fields, the card, the session dose."""
    drill = kb.drills[drill_id]
    dose = followalong._dose(drill.dosage, "easy")
    fast = followalong._dose(drill.dosage, "progressive")["how"]
    return {
        "name": drill.name,
        "level": drill.level,
        "equipment": list(drill.equipment),
        "use": list(drill.use),
        "category": drill.category,
        "regions": list(drill.regions),
        "seconds": drill.dosage.seconds(),
        "setup": drill.setup,
        "cues": list(drill.cues[:3]),
        "stop": " ".join(drill.stop_if),
        "dose": dose,
        "fast": fast if fast != dose["how"] else None,
    }


def builder_data(kb: KnowledgeBase) -> dict[str, Any]:
    """The rules, the words and labels, and every drill a block can take (by id)."""
    rules = [RULES[k] for k in ("warmup", "circuit", "strength", "recovery")]
    uses = {u for rule in rules for u in rule["uses"]}
    drills = {d: _drill_row(kb, d) for d in sorted(kb.drills) if uses & set(kb.drills[d].use)}
    empty = followalong.session_data(_empty_plan(kb), kb)  # timing and log columns
    return {
        "rules": RULES,
        "words": summary_words(kb),
        "labels": {n: {t: kb.vocab.label(n, t) for t in kb.vocab.ids(n)} for n in LABELS},
        "blocks": block_order(kb),
        "hard_runs": sorted(HARD_RUNS),
        "speed_text": SPEED_TEXT,
        "session": {
            "timing": empty["timing"],
            "columns": empty["columns"],
        },
        "log": [{"label": c.label, "hint": c.hint} for c in TRACKING_COLUMNS],
        "flags": FLAGS,
        "drills": drills,
    }


def _empty_plan(kb: KnowledgeBase) -> Plan:
    """A week of rest days: renders the follow-along dialog the script fills in."""
    days = tuple(PlanDay(d, "rest", None, ()) for d in DAYS)
    return Plan("my-week", RULES["title"], "", 1, (), days, tuple(block_order(kb)))


def _launcher(kb: KnowledgeBase, r: Renderer) -> tuple[str, dict[str, str]]:
    """The follow-along markup of routine pages (_followalong.html.j2), rendered once for a
    placeholder day: the dialog with an empty list, and the list's day and block templates
    (`{name}`-style fields) that builder.js fills for each built day."""
    block = SimpleNamespace(kind="{kind}", minutes="{minutes}")
    day = SimpleNamespace(
        key="{key}", name="{name}", run="{run}", minutes="{dayminutes}", blocks=[block]
    )

    def label(name: str, term: str) -> str:
        return f"{{label_{name}}}" if term.startswith("{") else kb.vocab.label(name, term)

    html = r.render(
        "_followalong.html.j2",
        plan=SimpleNamespace(id="my-week", days=[day]),
        columns=TRACKING_COLUMNS,
        label=label,
        followalong_json=lambda *_: Markup("{}"),
    )
    item = re.search(r"<li>.*?</li>\n?", html, re.S)
    button = item and re.search(r"<button[^>]*data-block=.*?</button>\n?", item.group(0), re.S)
    if not item or not button:
        raise ValueError("_followalong.html.j2: no <li> with a data-block button to reuse")
    templates = {
        "day": item.group(0).replace(button.group(0), "{blocks}"),
        "block": button.group(0),
    }
    return html.replace(item.group(0), ""), templates


def builder_pages(kb: KnowledgeBase, r: Renderer) -> dict[str, str]:
    """Page producer: tools/routine-builder.md."""
    followalong_html, launcher = _launcher(kb, r)
    page = r.render(
        "builder.md.j2",
        data=followalong.script_json({**builder_data(kb), "launcher": launcher}),
        followalong_html=Markup(followalong_html),
        days=DAYS,
        week={d: DEFAULT_WEEK.get(d, "rest") for d in DAYS},
        minutes=DEFAULT_MINUTES,
        equipment=DEFAULT_EQUIPMENT,
        rules=RULES,
    )
    return {PAGE: page}


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: the builder script and its stylesheet."""
    return {path: (ASSETS / name).read_text(encoding="utf-8") for path, name in ASSET_FILES.items()}
