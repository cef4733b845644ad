"""Follow-along mode on routine pages: the session data, embedded as JSON, and its script.

The routine page carries its plan as `<script type="application/json">` (built here from the
`Plan`, never read back from HTML), a launcher with one Start button per day and per block,
and an empty session dialog. assets/drillbook/followalong.js reveals the launcher and runs the
session; without JavaScript the launcher stays hidden and the printable list is the page.
"""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from generator.model.drill import Dosage
from generator.model.knowledge import KnowledgeBase
from generator.model.routine import SPEED_TEXT, TRANSITION_SECONDS, Plan
from generator.model.site import SiteInfo
from generator.model.tracking import TRACKING_COLUMNS
from generator.render.environment import ASSETS

ASSET_FILES = {
    "assets/drillbook/followalong.js": "followalong.js",
    "assets/drillbook/followalong.css": "followalong.css",
}
GET_READY_SECONDS = 5  # before the first drill
SWITCH_SECONDS = 5  # between the two sides of a per-side set


def _dose(dosage: Dosage, speed: str) -> dict[str, object]:
    how = dosage.progressive_day if speed == "progressive" and dosage.progressive_day else None
    return {
        "sets": dosage.sets,
        "reps": dosage.reps,
        "hold": dosage.hold_seconds,
        "duration": dosage.duration_seconds,
        "distance": dosage.distance_m,
        "perSide": dosage.per_side,
        "rest": dosage.rest_seconds,
        "tempo": dosage.tempo,
        "text": dosage.text(),
        "how": how or dosage.easy_day,
    }


def session_data(plan: Plan, kb: KnowledgeBase) -> dict[str, object]:
    """Everything a session needs, from the Plan: drills, doses, cues and the log's columns."""
    label = kb.vocab.label
    drills = {
        d: {"name": kb.drills[d].name, "cues": list(kb.drills[d].cues[:3])}
        for d in plan.drill_ids()
    }
    days = [
        {
            "key": day.key,
            "name": day.name,
            "run": label("run_types", day.run),
            "speed": SPEED_TEXT[day.speed],
            "blocks": [
                {
                    "kind": block.kind,
                    "label": label("blocks", block.kind),
                    "items": [
                        {"drill": item.drill_id, **_dose(item.dosage, day.speed)}
                        for item in block.items
                    ],
                }
                for block in day.blocks
            ],
        }
        for day in plan.days
        if day.blocks
    ]
    return {
        "routine": plan.id,
        "title": plan.title,
        "timing": {
            "ready": GET_READY_SECONDS,
            "transition": TRANSITION_SECONDS,
            "switch": SWITCH_SECONDS,
        },
        "columns": [{"key": c.key, "label": c.label, "hint": c.hint} for c in TRACKING_COLUMNS],
        "drills": drills,
        "days": days,
    }


def script_json(data: object) -> Markup:
    """JSON safe inside <script type="application/json">: no '</script>' or '<!--' can occur."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def followalong_json(kb: KnowledgeBase, plan: Plan) -> Markup:
    """Template helper: the routine's session data, ready to embed."""
    return script_json(session_data(plan, kb))


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: the follow-along script and stylesheet."""
    return {path: (ASSETS / name).read_text(encoding="utf-8") for path, name in ASSET_FILES.items()}
