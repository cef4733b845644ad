"""Diagrams generated at build time: the body map (SVG) and the progression map (HTML).

Both are plain markup with no script, rendered from autoescaped templates in
generator/templates/diagrams/, so they look the same on the web, in print and in the PDFs.
The body map draws a front and a back figure; every body region is one SVG group with a
stable id (`region-<id>`) holding its shapes in both views, so a region is highlighted
everywhere by one class. Colours are presentation attributes, which the site's CSS may
override (dark mode) and which hold on their own in a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase, Vocabulary
from generator.render.environment import TEMPLATES

WIDTH, HEIGHT = 320, 300
FRONT, BACK = 80, 240  # x of each figure's centre line

BASE_FILL = "#d5dbe1"
REGION_FILL = "#c3cbd3"
ON_FILL = "#c9401c"

Shape = tuple[str, dict[str, float]]
Element = dict[str, object]  # {"tag": "rect", "attrs": [(name, value), ...]}, for the templates


def _el(tag: str, **attrs: object) -> Element:
    return {"tag": tag, "attrs": list(attrs.items())}


@cache
def _environment() -> Environment:
    """Templates of generator/templates/diagrams/, autoescaped like every page."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(template: str, **context: object) -> Markup:
    return Markup(_environment().get_template(f"diagrams/{template}").render(**context))


def _pair(kind: str, dx: float, **attrs: float) -> list[Shape]:
    """A shape mirrored left and right of a figure centre (`cx` is filled in per view)."""
    return [(kind, {"dx": -dx, **attrs}), (kind, {"dx": dx, **attrs})]


def _mid(kind: str, **attrs: float) -> list[Shape]:
    return [(kind, {"dx": 0.0, **attrs})]


# Region -> shapes per view. Ellipses: dx (from the centre line), cy, rx, ry; rects: dx is the
# centre of the rect, plus y, w, h. Regions the vocabulary lacks are simply never drawn.
REGION_SHAPES: dict[str, dict[str, list[Shape]]] = {
    "shoulders": {
        "front": _pair("ellipse", 30, cy=60, rx=11, ry=9),
        "back": _pair("ellipse", 30, cy=60, rx=11, ry=9) + _pair("ellipse", 15, cy=72, rx=8, ry=11),
    },
    "thoracic-spine": {"back": _mid("rect", y=54, w=12, h=52)},
    "core": {"front": _mid("rect", y=80, w=34, h=42)},
    "lower-back": {"back": _mid("rect", y=108, w=30, h=18)},
    "pelvis": {"front": _mid("rect", y=124, w=46, h=12)},
    "hips": {
        "front": _pair("ellipse", 22, cy=138, rx=6, ry=6),
        "back": _pair("ellipse", 23, cy=136, rx=6, ry=6),
    },
    "glutes": {"back": _pair("ellipse", 11, cy=146, rx=11, ry=12)},
    "hip-flexors": {"front": _pair("ellipse", 10, cy=146, rx=7, ry=8)},
    "adductors": {"front": _pair("ellipse", 5, cy=176, rx=3.5, ry=18)},
    "quads": {"front": _pair("ellipse", 14, cy=184, rx=8.5, ry=24)},
    "hamstrings": {"back": _pair("ellipse", 13, cy=184, rx=9, ry=24)},
    "knees": {
        "front": _pair("ellipse", 13, cy=218, rx=7, ry=7),
        "back": _pair("ellipse", 13, cy=218, rx=6, ry=5),
    },
    "shins": {"front": _pair("ellipse", 13, cy=243, rx=5, ry=17)},
    "calves": {
        "back": _pair("ellipse", 13, cy=240, rx=7.5, ry=16) + _pair("rect", 13, y=256, w=4, h=10)
    },
    "ankles": {
        "front": _pair("ellipse", 13, cy=266, rx=5.5, ry=4.5),
        "back": _pair("ellipse", 13, cy=269, rx=5.5, ry=4),
    },
    "feet": {
        "front": _pair("ellipse", 15, cy=280, rx=9, ry=5),
        "back": _pair("ellipse", 13, cy=280, rx=6, ry=5),
    },
}


def _silhouette(cx: float) -> list[Element]:
    """The neutral body outline behind the regions."""
    return [
        _el("circle", cx=cx, cy=22, r=14),
        _el("rect", x=cx - 6, y=34, width=12, height=12),
        _el("path", d=f"M{cx - 34},52 Q{cx},42 {cx + 34},52 L{cx + 25},134 L{cx - 25},134 Z"),
        _el(
            "rect", x=cx - 48, y=52, width=12, height=100, rx=6, transform=f"rotate(8 {cx - 42} 52)"
        ),
        _el(
            "rect",
            x=cx + 36,
            y=52,
            width=12,
            height=100,
            rx=6,
            transform=f"rotate(-8 {cx + 42} 52)",
        ),
        _el("rect", x=cx - 25, y=128, width=23, height=96, rx=9),
        _el("rect", x=cx + 2, y=128, width=23, height=96, rx=9),
        _el("rect", x=cx - 21, y=214, width=16, height=60, rx=7),
        _el("rect", x=cx + 5, y=214, width=16, height=60, rx=7),
    ]


def _shape(shape: Shape, cx: float) -> Element:
    kind, a = shape
    x = cx + a["dx"]
    if kind == "ellipse":
        return _el("ellipse", cx=f"{x:g}", cy=f"{a['cy']:g}", rx=f"{a['rx']:g}", ry=f"{a['ry']:g}")
    return _el(
        "rect",
        x=f"{x - a['w'] / 2:g}",
        y=f"{a['y']:g}",
        width=f"{a['w']:g}",
        height=f"{a['h']:g}",
        rx=f"{min(a['w'], a['h']) / 3:g}",
    )


def region_labels(regions: Iterable[str], vocab: Vocabulary) -> list[str]:
    """Labels of `regions` in vocabulary order (unknown ids are skipped)."""
    wanted = set(regions)
    return [vocab.label("regions", r) for r in vocab.ids("regions") if r in wanted]


def body_svg(regions: Iterable[str], vocab: Vocabulary, id_prefix: str = "") -> Markup:
    """Front and back body map with `regions` highlighted, as one self-contained SVG; drawn once
    per set of regions (a thousand drills share a few dozen sets)."""
    terms = tuple((r, vocab.label("regions", r)) for r in vocab.ids("regions"))
    return _body_svg(frozenset(regions), terms, id_prefix)


@cache
def _body_svg(on: frozenset[str], terms: tuple[tuple[str, str], ...], id_prefix: str) -> Markup:
    """The body map for `on` over the region terms (id, label) in vocabulary order.

    Each region is `<g id="{id_prefix}region-<id>">` with class `db-region` plus `db-region--on`
    and `data-on="true"` when highlighted. `<title>`/`<desc>` name the highlighted regions;
    `id_prefix` keeps ids unique when several maps share one document (a PDF).
    """
    label_of = dict(terms)
    labels = [label for r, label in terms if r in on]
    drawn = []
    # Highlighted regions last, so they sit on top where shapes touch.
    for region in sorted(label_of, key=lambda r: r in on):
        views = REGION_SHAPES.get(region)
        if views:
            shapes = [
                _shape(shape, cx)
                for view, cx in (("front", FRONT), ("back", BACK))
                for shape in views.get(view, [])
            ]
            label = label_of[region]
            drawn.append({"id": region, "on": region in on, "label": label, "shapes": shapes})
    return _render(
        "body_map.svg.j2",
        width=WIDTH,
        height=HEIGHT,
        front=FRONT,
        back=BACK,
        tid=f"{id_prefix}bodymap-title",
        did=f"{id_prefix}bodymap-desc",
        id_prefix=id_prefix,
        summary=", ".join(labels) if labels else "none",
        silhouette=_silhouette(FRONT) + _silhouette(BACK),
        regions=drawn,
        base_fill=BASE_FILL,
        region_fill=REGION_FILL,
        on_fill=ON_FILL,
    )


def body_figure(regions: Iterable[str], vocab: Vocabulary, id_prefix: str = "") -> Markup:
    """The body map in a <figure> whose caption is the text alternative, for pages and PDFs."""
    labels = region_labels(regions, vocab)
    caption = ", ".join(labels) if labels else "no region listed"
    return _render("body_figure.html.j2", svg=body_svg(regions, vocab, id_prefix), caption=caption)


def chain(
    kb: KnowledgeBase, drill_id: str, depth: int = 3
) -> tuple[list[list[str]], list[list[str]]]:
    """Easier and harder steps around a drill: ([one step easier, two steps, ...], [harder...]).

    Each step holds the drills first reached at that distance, so a drill appears once.
    """

    def walk(step: Callable[[str], list[str]]) -> list[list[str]]:
        seen = {drill_id}
        levels: list[list[str]] = []
        frontier = [drill_id]
        for _ in range(depth):
            nxt = sorted(
                {n for d in frontier for n in step(d) if n not in seen},
                key=lambda d: (kb.drills[d].level, kb.drills[d].name.casefold(), d),
            )
            if not nxt:
                break
            seen.update(nxt)
            levels.append(nxt)
            frontier = nxt
        return levels

    return walk(kb.regressions_of), walk(kb.progressions_of)


def progression_map(kb: KnowledgeBase, drill_id: str, href: Callable[[str], str]) -> Markup:
    """The chain of regressions and progressions as an ordered list of steps with links.

    `href(other_id)` gives the final URL of another drill page, relative to this one.
    Returns empty markup when the drill has neither.
    """
    easier, harder = chain(kb, drill_id)
    if not easier and not harder:
        return Markup("")
    steps: list[tuple[str, str, list[str]]] = []
    for n, ids in reversed(list(enumerate(easier, 1))):
        steps.append(("easier", "Easier" if n == 1 else f"Easier ({n} steps)", ids))
    steps.append(("current", "This drill", [drill_id]))
    for n, ids in enumerate(harder, 1):
        steps.append(("harder", "Harder" if n == 1 else f"Harder ({n} steps)", ids))
    drills = kb.drills
    return _render(
        "progression_map.html.j2",
        steps=[
            {
                "kind": kind,
                "title": title,
                "drills": [
                    {
                        "current": d == drill_id,
                        "name": drills[d].name,
                        "href": href(d),
                        "level": kb.vocab.label("levels", str(drills[d].level)),
                    }
                    for d in ids
                ],
            }
            for kind, title, ids in steps
        ],
    )
