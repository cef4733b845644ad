"""Drill figures on the site: template helpers (page frames, animation, card thumbnail, print
frames), and as site files the figure stylesheet, the script that loads and pauses the moving
figures, and one `drills/<id>/movement.svg` per posed drill.

SVGs on pages carry no <style> (the stylesheet is assets/drillbook/figures.css, listed in
mkdocs.yml extra_css); print SVGs carry their colours as attributes (WeasyPrint ignores classes).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from generator.model.drill import Drill
from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs.html_allowlist import check_svg
from generator.render.environment import ASSETS
from generator.render.figures import (
    figure_css,
    render_animated,
    render_frames,
    render_print_frames,
    render_thumbnail,
)

CSS_PATH = "assets/drillbook/figures.css"
JS_PATH = "assets/drillbook/figures.js"
# (kind, uid) -> (the inputs it was drawn from, the figure). A figure is a pure function of its
# inputs, so a process that builds again (`drillbook serve`) redraws only drills that changed.
_MEMO: dict[tuple[str, str], tuple[object, Markup]] = {}
# (kind, uid) -> the figure being drawn for this build by a worker (`figure_workers`).
_PENDING: dict[tuple[str, str], Callable[[], str | None]] = {}


def memo(kind: str, uid: str, inputs: object, draw: Callable[[], Markup]) -> Markup:
    """`draw()`, or the figure drawn last time for `uid` from equal `inputs`, or the one a
    worker is drawing for this build (waited for)."""
    hit = _MEMO.get((kind, uid))
    if hit is not None and hit[0] == inputs:
        return hit[1]
    pending = _PENDING.pop((kind, uid), None)
    drawn = pending() if pending is not None else None
    figure = Markup(drawn) if drawn is not None else draw()
    _MEMO[(kind, uid)] = (inputs, figure)
    return figure


def is_drawn(kind: str, kb: KnowledgeBase, drill_id: str) -> bool:
    """Is `kind` of the drill already drawn from its current name, poses and steps?"""
    hit = _MEMO.get((kind, drill_id))
    return hit is not None and hit[0] == _inputs(kb.drills[drill_id])


def expect(kind: str, drill_id: str, result: Callable[[], str | None]) -> None:
    """`result()` gives the figure a worker draws for this build (None: draw it here)."""
    _PENDING[(kind, drill_id)] = result


def pending() -> list[tuple[str, str]]:
    """The (kind, drill id) figures a worker draws for this build and nobody has asked for yet."""
    return list(_PENDING)


def forget_drawn() -> None:
    """Drop every remembered figure (a figure worker keeps none once it has sent them)."""
    _MEMO.clear()
    _CHECKED.clear()


def forget_pending() -> None:
    """Figures not yet asked for are drawn here if they ever are (the workers have stopped)."""
    _PENDING.clear()


def _drawn(kind: str, kb: KnowledgeBase, drill_id: str, draw: Callable[[Drill], Markup]) -> Markup:
    """`draw(drill)` for a drill with poses (kept while its name, poses and steps stay the same),
    or "" for a drill without poses."""
    drill = kb.drills[drill_id]
    if drill.poses is None:
        return Markup("")
    return memo(kind, drill_id, _inputs(drill), lambda: draw(drill))


def _inputs(drill: Drill) -> object:
    """What a drill's figures are drawn from: its name, poses and steps."""
    return (drill.name, drill.poses, drill.steps)


def drill_frames(kb: KnowledgeBase, drill_id: str) -> Markup:
    """The key positions side by side, or "" for a drill without poses."""
    return _drawn(
        "drill_frames",
        kb,
        drill_id,
        lambda d: render_frames(d.poses, d.steps, d.name, uid=drill_id, inline_style=False),
    )


def drill_animation(kb: KnowledgeBase, drill_id: str) -> Markup:
    """The figure easing between the key positions, or ""."""
    return _drawn(
        "drill_animation",
        kb,
        drill_id,
        lambda d: render_animated(d.poses, d.steps, d.name, uid=drill_id, inline_style=False),
    )


def drill_moves(kb: KnowledgeBase, drill_id: str) -> bool:
    """Does the drill's moving figure move? Not when its key positions differ only where the
    figure cannot show it (the toes of a one-segment foot): then it gets no moving figure."""
    return "<animateTransform" in drill_animation(kb, drill_id)


def drill_thumbnail(kb: KnowledgeBase, drill_id: str) -> Markup:
    """One small key position for a library card, or ""."""
    return _drawn(
        "drill_thumbnail",
        kb,
        drill_id,
        lambda d: render_thumbnail(d.poses, title=d.name, uid=drill_id, inline_style=False),
    )


def drill_print_frames(kb: KnowledgeBase, drill_id: str) -> Markup:
    """The key positions with colours as attributes, for the PDF sheets, or "".

    An ``<img>`` of the SVG as a data: URL rather than inline SVG: WeasyPrint then reads the
    figure with its XML parser instead of running each element through its HTML5 parser's
    foreign-content rules, which made a sheet's sixteen figures cost about 3.5 times as much to
    lay out (measured on the five-runs sheet: 0.47 s inline, 0.13 s as images)."""

    def draw(d: Drill) -> Markup:
        svg = str(render_print_frames(d.poses, d.steps, d.name, uid=f"p-{drill_id}"))
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        alt = f"{d.name}: key positions"
        return Markup(
            '<img class="db-card-figure" alt="{}" src="data:image/svg+xml;base64,{}">'
        ).format(alt, data)

    return _drawn("drill_print_frames", kb, drill_id, draw)


def movement_path(drill_id: str) -> str:
    """Where a drill's moving figure is published, next to its page."""
    return f"drills/{drill_id}/movement.svg"


def site_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """The figure stylesheet (palette and layout, the same for any number of drills), the script
    that loads and pauses the moving figures, and each posed drill's moving figure as a file.

    The moving figure (nested groups with SMIL motion, about 10 KB) is a file of its own rather
    than part of the drill page: the page stays light, MkDocs and the search plugin do not parse
    it on every build, and the follow-along session fetches the same file instead of each routine
    page carrying every figure. Its markup is the page figures' (classes, no style)."""
    extra = (ASSETS / "figures.css").read_text(encoding="utf-8")
    files: dict[str, str | bytes] = {
        CSS_PATH: "\n".join([str(figure_css()), extra]),
        JS_PATH: (ASSETS / "figures.js").read_text(encoding="utf-8"),
    }
    for drill_id in sorted(kb.drills):
        if drill_moves(kb, drill_id):
            files[movement_path(drill_id)] = checked_figure("drill_animation", kb, drill_id) + "\n"
    return files


# -- figures on pages: a slot in the Markdown, the SVG in the finished HTML ------------------
#
# A page's Markdown carries an HTML comment where a figure goes, and the engine adapter puts the
# figure there after Markdown has run (`fill_figures`). Markdown, MkDocs and the page allowlist
# would otherwise parse every element of every figure on every build: measured at 1,000 drills,
# that parsing cost more than drawing the figures. So does the drill page's whole figure block
# (its wrappers, captions and script tag: about 0.4 s of Markdown and allowlist work at 1,000
# drills). Each SVG is checked against the same allowlist once, when it is drawn (`check_svg`:
# the same rules, read by the XML parser); the block around it is fixed markup whose only
# variable part is the drill's id (lowercase letters, digits and hyphens: `SLOT`).
# `drillbook export` fills the slots before it writes the Markdown.

SLOT = re.compile(r"<!--drillbook-figure:(figures|thumbnail):([a-z0-9][a-z0-9-]*)-->")
_SLOTS = {"figures": "drill_frames", "thumbnail": "drill_thumbnail"}  # slot kind -> figure kind
_DRAW = {
    "drill_frames": drill_frames,
    "drill_thumbnail": drill_thumbnail,
    "drill_animation": drill_animation,
}
#: Every figure a build draws, by kind: the three above and the print frames of routine sheets.
DRAWERS = {**_DRAW, "drill_print_frames": drill_print_frames}
_NAMES = {
    "drill_frames": "key positions",
    "drill_thumbnail": "thumbnail",
    "drill_animation": "moving",
}
CHECKED_KINDS = frozenset(_NAMES)  # the figures pages show: each must pass the page allowlist
# Figures that passed the allowlist, by (figure kind, drill id): checked once, when drawn.
_CHECKED: dict[tuple[str, str], str] = {}
# The drill page's figure block. URLs are written relative to the drill's Markdown file
# (drills/<id>.md), like every raw-HTML URL of a generated page (see adapters/page_links.py).
_BLOCK_OPEN = '<div class="db-figures">\n<figure class="db-figure db-figure-frames">'
_BLOCK_CLOSE = (
    "<figcaption>Key positions, numbered by step.</figcaption></figure>\n"
    "{moving}</div>\n"
    '<script src="../assets/drillbook/figures.js" defer></script>'
)
# The moving figure is its own file (drills/<id>/movement.svg), put in place by figures.js when
# motion is welcome: without script or under reduced motion the key positions say it all.
_MOVING = (
    '<figure class="db-figure db-figure-anim" data-src="{id}/movement.svg" hidden>'
    "<figcaption>The movement.</figcaption></figure>\n"
)


class FigureError(ValueError):
    """A figure slot names no drill, or a drawn figure leaves the page allowlist."""


def figure_slot(kind: str, kb: KnowledgeBase, drill_id: str) -> Markup:
    """Where a drill's figures go on a page, or "" without poses: "figures" is the drill page's
    block (key positions, the moving figure's place and its script), "thumbnail" a card's."""
    if kind not in _SLOTS:
        raise ValueError(f"unknown figure kind {kind!r}")
    if kb.drills[drill_id].poses is None:
        return Markup("")
    return Markup(f"<!--drillbook-figure:{kind}:{drill_id}-->")


def checked_figure(kind: str, kb: KnowledgeBase, drill_id: str) -> str:
    """A drill's figure of `kind` (a key of `_DRAW`), which must pass the page allowlist: every
    figure a page shows, the moving one included (figures.js puts it into the drill page)."""
    if drill_id not in kb.drills:
        raise FigureError(f"a figure slot names no drill: {drill_id!r}")
    svg = str(_DRAW[kind](kb, drill_id))
    if _CHECKED.get((kind, drill_id)) != svg:
        findings = check_svg(svg)
        if findings:
            source = kb.files.get(f"drill:{drill_id}", f"drills/{drill_id}.yaml")
            raise FigureError(
                f"{source}: the drill's {_NAMES[kind]} figure renders SVG outside the allowlist: "
                + "; ".join(f.format() for f in findings[:5])
            )
        _CHECKED[(kind, drill_id)] = svg
    return svg


def mark_checked(kind: str, drill_id: str, svg: str) -> None:
    """A figure drawn elsewhere (a worker) that passed `check_svg` there."""
    _CHECKED[(kind, drill_id)] = svg


def _filled(slot: str, kb: KnowledgeBase, drill_id: str, relink: Callable[[str], str]) -> str:
    svg = checked_figure(_SLOTS[slot], kb, drill_id)
    if slot == "thumbnail":
        return svg
    moving = _MOVING.format(id=drill_id) if drill_moves(kb, drill_id) else ""
    return _BLOCK_OPEN + svg + relink(_BLOCK_CLOSE.format(moving=moving))


def fill_figures(html: str, kb: KnowledgeBase, relink: Callable[[str], str] = str) -> str:
    """`html` (a page's content, or its Markdown) with every figure slot replaced by its figure.
    `relink` rewrites the block's URLs (written relative to the drill's Markdown file) for an
    engine that reads raw-HTML URLs relative to the page (`adapters.page_links`)."""
    if "<!--drillbook-figure:" not in html:
        return html
    return SLOT.sub(lambda m: _filled(m.group(1), kb, m.group(2), relink), html)


#: Template globals: pages (pipeline) and the standalone routine and program sheets.
HELPERS: dict[str, object] = {
    "figure_slot": figure_slot,
    "drill_moves": drill_moves,
    "drill_print_frames": drill_print_frames,
}
