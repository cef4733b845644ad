"""Finding a drill fast: the library's filter facets and cards, and drill-page visuals.

The library page is one list of cards carrying their facets as data attributes, plus a filter
form that assets/drillbook/library.js wires up. Without JavaScript the form stays hidden and
the full list is the page. Links are final URLs (raw HTML is not rewritten by MkDocs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs.figures import memo
from generator.render import diagrams
from generator.render.environment import ASSETS

# Published assets (site path -> file in generator/assets/).
ASSET_FILES = {
    "assets/drillbook/library.js": "library.js",
    "assets/drillbook/finder.css": "finder.css",
}
# "Time per drill" filter: up to N minutes.
TIME_LIMITS = (1, 2, 5, 10)


@dataclass(frozen=True)
class Facet:
    """One filter group: the URL parameter, its legend, and (value, label) options."""

    param: str
    legend: str
    options: list[tuple[str, str]]
    kind: str = "any"  # any: a drill matches one ticked value; have: all its values are ticked


def facets(kb: KnowledgeBase) -> list[Facet]:
    """The filter groups, in the order a runner thinks of them."""

    def terms(name: str) -> list[tuple[str, str]]:
        return [(t.id, t.label) for t in kb.vocab.terms.get(name, {}).values()]

    return [
        Facet("region", "Body region", terms("regions")),
        Facet("equipment", "Equipment you have", terms("equipment"), kind="have"),
        Facet("use", "When", terms("uses")),
        Facet("category", "Type", terms("categories")),
        Facet("level", "Level", terms("levels")),
        Facet("plane", "Plane of motion", terms("planes")),
    ]


def time_bucket(seconds: int) -> str:
    """The smallest 'up to N minutes' limit the drill fits, or 'more'."""
    for limit in TIME_LIMITS:
        if seconds <= limit * 60:
            return str(limit)
    return "more"


def card_data(kb: KnowledgeBase, drill_id: str) -> dict[str, str]:
    """The data-* attributes of a library card (space-separated values)."""
    drill = kb.drills[drill_id]
    seconds = drill.dosage.seconds()
    return {
        "region": " ".join(drill.regions),
        "equipment": " ".join(drill.equipment),
        "use": " ".join(drill.use),
        "category": drill.category,
        "level": str(drill.level),
        "plane": " ".join(drill.planes),
        "seconds": str(seconds),
        "time": time_bucket(seconds),
    }


def drill_body_figure(kb: KnowledgeBase, drill_id: str, id_prefix: str = "") -> Markup:
    """A drill's body map; give `id_prefix` (e.g. the drill id) when a PDF holds several."""
    regions = kb.drills[drill_id].regions
    return memo(
        "drill_body_figure",
        f"{drill_id}/{id_prefix}",
        (regions, kb.vocab),
        lambda: diagrams.body_figure(regions, kb.vocab, id_prefix),
    )


def drill_progression_map(kb: KnowledgeBase, drill_id: str) -> Markup:
    """The progression map for the page drills/<id>.md; links name the other drills' Markdown
    files, as raw-HTML URLs in generated pages do (see adapters/page_links.py)."""
    return diagrams.progression_map(kb, drill_id, lambda other: f"{other}.md")


def region_figure(kb: KnowledgeBase, regions: list[str]) -> Markup:
    return diagrams.body_figure(regions, kb.vocab)


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """The library script and the finder stylesheet."""
    return {path: (ASSETS / name).read_text(encoding="utf-8") for path, name in ASSET_FILES.items()}
