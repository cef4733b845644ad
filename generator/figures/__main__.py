"""Preview drill figures without building the site.

    python -m generator.figures drills/glute-bridge.yaml poses_wip/glute-bridge.yaml -o x.svg
    python -m generator.figures drills/ poses_wip/ -o sheet.html   # contact sheet of all drills

A pose file holds the value of a drill's ``poses:`` key; a drill file that has ``poses:`` itself
needs no pose file. Problems are printed as ``file: path: message (fix)``; exit code 1 if any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from generator.model.pose import load_poses
from generator.render.figures import figure_css, render_animated, render_frames, render_thumbnail
from generator.validate.poses import check_poses


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _drill_entries(drill_path: Path, pose_path: Path | None) -> dict[str, Any]:
    drill = _read(drill_path) or {}
    raw = _read(pose_path) if pose_path else drill.get("poses")
    if raw is None:
        raise SystemExit(f"{drill_path}: no poses (give a pose file or add `poses:`)")
    poses = load_poses(raw)
    steps = [str(s) for s in drill.get("steps", [])]
    title = str(drill.get("name", drill_path.stem))
    problems = check_poses(
        poses, steps=steps, equipment=drill.get("equipment"), category=drill.get("category")
    )
    return {
        "id": drill_path.stem,
        "title": title,
        "steps": steps,
        "poses": poses,
        "problems": problems,
        "where": str(pose_path or drill_path),
    }


def _pairs(args: list[Path]) -> list[tuple[Path, Path | None]]:
    if len(args) >= 1 and args[0].is_dir():
        drills_dir = args[0]
        poses_dir = args[1] if len(args) > 1 else None
        out: list[tuple[Path, Path | None]] = []
        for drill in sorted(drills_dir.glob("*.yaml")):
            pose = poses_dir / drill.name if poses_dir else None
            if pose is not None and not pose.exists():
                print(f"{drill}: no pose file {pose}", file=sys.stderr)
                continue
            out.append((drill, pose))
        return out
    return [(args[0], args[1] if len(args) > 1 else None)]


def main(argv: list[str] | None = None) -> int:
    """Render one drill to SVG/HTML, or a folder of drills to an HTML contact sheet."""
    parser = argparse.ArgumentParser(prog="python -m generator.figures", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="drill file [pose file], or folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help=".svg or .html")
    parser.add_argument("--kind", choices=("frames", "animated", "thumbnail"), default="frames")
    parser.add_argument("--dark", action="store_true", help="contact sheet in the dark theme")
    args = parser.parse_args(argv)
    entries = [_drill_entries(d, p) for d, p in _pairs(args.paths)]
    bad = 0
    for e in entries:
        for prob in e["problems"]:
            bad += 1
            path = ".".join(str(p) for p in prob.path)
            print(f"{e['where']}: {path}: {prob.message} ({prob.fix})", file=sys.stderr)
    if args.output.suffix == ".svg":
        e = entries[0]
        render = {
            "frames": render_frames,
            "animated": render_animated,
            "thumbnail": lambda poses, steps, title: render_thumbnail(poses, title=title),
        }[args.kind]
        svg = render(e["poses"], steps=e["steps"], title=e["title"])
        args.output.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8")
    else:
        for e in entries:
            kw = {"steps": e["steps"], "title": e["title"], "uid": e["id"], "inline_style": False}
            e["frames"] = render_frames(e["poses"], **kw)
            e["animated"] = render_animated(e["poses"], **kw)
            e["thumb"] = render_thumbnail(
                e["poses"], title=e["title"], uid=e["id"], inline_style=False
            )
        env = Environment(
            loader=FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        html = env.get_template("sheet.html.j2").render(
            entries=entries, css=Markup(figure_css()), dark=args.dark
        )
        args.output.write_text(html, encoding="utf-8")
    print(f"wrote {args.output} ({len(entries)} drills, {bad} problems)", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
