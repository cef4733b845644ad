"""The `drillbook` command: a thin layer over the core and the MkDocs adapter."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.adapters import figure_command, program_command, routine_command
from generator.load.layout import Layout
from generator.load.problems import Problem, fails, format_all
from generator.model.knowledge import Vocabulary
from generator.outputs.schema import SCHEMA_PATH, schema_text
from generator.pipeline import load as load_project
from generator.validate.project import load_vocabulary


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _gh_data(text: str) -> str:
    """Escape a workflow-command message the way GitHub's actions/toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    """Escape a workflow-command property value (also ':' and ',', which end a property)."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problems(problems: Sequence[Problem], fmt: str) -> str:
    """Problems as human text, GitHub workflow annotations, or JSON."""
    if fmt == "json":
        return json.dumps([p.__dict__ for p in sorted(problems)], indent=2)
    if fmt == "github":
        lines = []
        for p in sorted(problems):
            text = _gh_data(f"{p.message}. Fix: {p.hint}" if p.hint else p.message)
            props = f"file={_gh_prop(p.path)},line={p.line},col={p.col}"
            lines.append(f"::{p.level} {props}::{text}")
        return "\n".join(lines)
    return format_all(problems)


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    result = load_project(root)
    problems = result.problems
    wanted: set[str] = set()
    if args.files and result.kb is not None:
        for name in args.files:
            path = Path(name).resolve()
            if not path.is_relative_to(root):
                print(f"error: {name} is not inside the project {root}", file=sys.stderr)
                return 1
            wanted.add(path.relative_to(root).as_posix())
        problems = [p for p in problems if p.path in wanted]
    if problems or args.format != "text":
        print(format_problems(problems, args.format))
    failed = result.kb is None or fails(problems, strict=args.strict)
    if not failed and args.format == "text" and args.files:
        print(f"ok: {', '.join(sorted(wanted))}")
    elif not failed and args.format == "text":
        print(f"ok: {len(result.kb.drills)} drills, {len(result.kb.principles)} principles")
    return 1 if failed else 0


def _vocabulary(root: Path) -> Vocabulary | None:
    """The project's vocabularies, or None after printing why they cannot be read."""
    vocab, problems = load_vocabulary(Layout(root))
    if vocab is None:
        print(format_problems(problems, "text"), file=sys.stderr)
    return vocab


def cmd_new(args: argparse.Namespace) -> int:
    """Scaffold drills/<id>.yaml for a new drill (see scaffold.py)."""
    from generator.adapters.scaffold import ScaffoldError, new_drill

    root = _root(args)
    vocab = _vocabulary(root)
    if vocab is None:
        return 1
    try:
        path = new_drill(root, args.name, vocab)
    except ScaffoldError as exc:
        print(f"error: {exc.message}\n    fix: {exc.hint}", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    print(f"wrote {rel}: replace every TODO, then run `drillbook check {rel}`")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from generator.adapters.mkdocs_site import build_site

    root = _root(args)
    return build_site(root, Path(args.site_dir or root / "site"), strict=not args.no_strict)


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.adapters.mkdocs_site import serve_site

    # Problems in the data do not stop the preview: it shows them until the file is fixed.
    return serve_site(_root(args), args.addr)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the generated pages into a folder, for engines that run no MkDocs plugins."""
    from generator.adapters.export import ExportError, export
    from generator.outputs.figures import FigureError

    root = _root(args)
    result = load_project(root)
    if not result.ok or result.kb is None:
        print(format_problems(result.problems, "text"), file=sys.stderr)
        return 1
    kb = result.kb
    print(f"checked: {len(kb.drills)} drills, {len(kb.principles)} principles", flush=True)
    out = Path(args.dir)
    try:
        count = export(kb, root, out, say=lambda line: print(line, flush=True))
    except (ExportError, FigureError) as exc:
        print(f"drillbook export: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {count} files to {out}; build it with: zensical build -f {out / 'mkdocs.yml'}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Regenerate schema/drill.schema.json from the model and the vocabularies."""
    root = _root(args)
    vocab = _vocabulary(root)
    if vocab is None:
        return 1
    target = root / SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(vocab), encoding="utf-8")
    print(f"wrote {target.relative_to(root)}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="drillbook", description="Drillbook: drills as data.")
    p.add_argument("--root", default=".", help="project folder (default: current folder)")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="validate every drill, principle and routine")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    c.add_argument("--format", choices=("text", "github", "json"), default="text")
    c.add_argument(
        "files", nargs="*", help="report only these files (the whole project is still checked)"
    )
    c.set_defaults(func=cmd_check)

    n = sub.add_parser("new", help='write drills/<id>.yaml for a new drill: new "Drill name"')
    n.add_argument("name", help="the drill's display name; its id is made from it")
    n.set_defaults(func=cmd_new)

    b = sub.add_parser("build", help="build the site into site/ (strict)")
    b.add_argument("--site-dir", help="output folder (default: site/)")
    b.add_argument("--no-strict", action="store_true", help="let warnings pass")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="serve the site with live reload")
    s.add_argument("--addr", default="127.0.0.1:8000")
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("export", help="write the generated pages as Markdown into DIR")
    e.add_argument("dir")
    e.set_defaults(func=cmd_export)

    sc = sub.add_parser("schema", help="regenerate schema/drill.schema.json")
    sc.set_defaults(func=cmd_schema)

    routine_command.add_parser(sub)
    figure_command.add_parser(sub)
    program_command.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
