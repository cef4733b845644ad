"""`drillbook figure`: a drill's figure as an SVG file, to preview a pose without a site build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.load.problems import did_you_mean, format_all
from generator.model.knowledge import KnowledgeBase
from generator.outputs.files import write_atomic
from generator.pipeline import load
from generator.render.environment import Renderer
from generator.render.figures import (
    figure_css,
    render_animated,
    render_frames,
    render_thumbnail,
)

KINDS = {"frames": render_frames, "animated": render_animated, "thumbnail": render_thumbnail}


def add_parser(sub: Any) -> None:
    """Register the subcommand on the `drillbook` parser."""
    f = sub.add_parser(
        "figure",
        help="write a drill's figure (its poses) as an SVG file",
        description="Draw a drill's key positions from its `poses:` block, as the site and the "
        "printed sheets show them, without building the site.",
    )
    f.add_argument("drill", nargs="?", help="drill id, e.g. glute-bridge (a file name in drills/)")
    f.add_argument("--output", help="SVG file to write (default: print to the terminal)")
    f.add_argument(
        "--sheet", metavar="FILE.html", help="instead: every drill's figures on one HTML page"
    )
    f.add_argument("--dark", action="store_true", help="the sheet in the dark theme")
    f.add_argument(
        "--kind", choices=tuple(KINDS), default="frames", help="what to draw (default: frames)"
    )
    f.set_defaults(func=cmd_figure)


def _fail(message: str) -> int:
    print(f"drillbook figure: {message}", file=sys.stderr)
    return 1


def cmd_figure(args: argparse.Namespace) -> int:
    if bool(args.drill) == bool(args.sheet):
        return _fail("give a drill id, or --sheet FILE.html for every drill")
    root = Path(args.root).resolve()
    result = load(root)
    kb = result.kb
    if kb is None:
        print(format_all(result.problems), file=sys.stderr)
        return 1
    if args.sheet:
        return _sheet(kb, Path(args.sheet), dark=args.dark)
    drill_id = args.drill
    rel = kb.files.get(f"drill:{drill_id}", f"drills/{drill_id}.yaml")
    if drill_id in kb.broken_drills:
        print(format_all([p for p in result.problems if p.path == rel]), file=sys.stderr)
        return _fail(f"{rel} has the problems above; fix them to draw its figure")
    drill = kb.drills.get(drill_id)
    if drill is None:
        hint = did_you_mean(drill_id, list(kb.drills))
        return _fail(f"no drill '{drill_id}'{hint}; ids are the file names in drills/")
    if drill.poses is None:
        return _fail(
            f"{rel} has no poses yet; add a `poses:` block "
            "(CONTRIBUTING.md, 'Posing a drill', shows how)"
        )
    if args.kind == "thumbnail":
        svg = render_thumbnail(drill.poses, title=drill.name, uid=drill_id)
    else:
        svg = KINDS[args.kind](drill.poses, drill.steps, drill.name, uid=drill_id)
    text = str(svg) + "\n"
    if not args.output:
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    write_atomic(target, text.encode("utf-8"))
    print(f"wrote {target} ({args.kind} of {drill_id}, {len(drill.poses.frames)} key positions)")
    return 0


def _sheet(kb: KnowledgeBase, target: Path, *, dark: bool) -> int:
    """Every posed drill's key positions, animation and thumbnail on one page."""
    entries = []
    for drill_id, drill in kb.sorted_drills():
        if drill.poses is None:
            continue
        kw = {"steps": drill.steps, "title": drill.name, "uid": drill_id, "inline_style": False}
        entries.append(
            {
                "id": drill_id,
                "title": drill.name,
                "steps": drill.steps,
                "frames": render_frames(drill.poses, **kw),
                "animated": render_animated(drill.poses, **kw),
                "thumb": render_thumbnail(
                    drill.poses, title=drill.name, uid=drill_id, inline_style=False
                ),
            }
        )
    html = Renderer(kb).render(
        "figures/sheet.html.j2", entries=entries, css=figure_css(), dark=dark
    )
    write_atomic(target, html.encode("utf-8"))
    print(f"wrote {target} ({len(entries)} drills)")
    return 0
