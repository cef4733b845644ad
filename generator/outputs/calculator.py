"""The step-length and cadence calculator page and its script (generator/assets/calculator.js).

The page is generated so its labels come from TRACKING_COLUMNS and its first results from the
Python formulas; the script recomputes the same strings in the browser as the runner types.
"""

from __future__ import annotations

from pathlib import Path

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.model.tracking import (
    TRACKING_COLUMNS,
    cadence_from_count,
    cadence_summary,
    step_summary,
)
from generator.render.environment import ASSETS, Renderer

SCRIPT = ASSETS / "calculator.js"
PAGE = "tools/calculator.md"
SCRIPT_URI = "assets/calculator.js"

# The values the form opens with: the worked example of the tracking guide.
DEFAULT_PACE, DEFAULT_PACE_SECONDS, DEFAULT_CADENCE = "5:00", 300.0, 170
DEFAULT_STRIKES, DEFAULT_SECONDS = 172, 60  # both feet for a minute: the count is the cadence


def calculator_pages(kb: KnowledgeBase, renderer: Renderer) -> dict[str, str]:
    step = step_summary(DEFAULT_PACE_SECONDS, DEFAULT_CADENCE, "metric")
    page = renderer.render(
        "calculator.md.j2",
        columns_by_key={c.key: c for c in TRACKING_COLUMNS},
        pace=DEFAULT_PACE,
        cadence=DEFAULT_CADENCE,
        strikes=DEFAULT_STRIKES,
        seconds=DEFAULT_SECONDS,
        step=step,
        counted=cadence_summary(
            cadence_from_count(DEFAULT_STRIKES, DEFAULT_SECONDS, one_foot=False)
        ),
        counted_cadence=round(cadence_from_count(DEFAULT_STRIKES, DEFAULT_SECONDS, one_foot=False)),
    )
    return {PAGE: page}


def calculator_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    return {SCRIPT_URI: SCRIPT.read_bytes()}
