"""`drillbook routine`: a personal weekly routine as a PDF or a printable HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.load.problems import did_you_mean, format_all
from generator.load.settings import site_url
from generator.model.routine import plan
from generator.model.routine_builder import (
    DEFAULT_EQUIPMENT,
    Request,
    RoutineRequestError,
    build_routine,
    parse_days,
    resolve_focus,
)
from generator.model.site import SiteInfo
from generator.outputs.files import write_atomic
from generator.outputs.routine_pages import PAPERS, sheet_html
from generator.pipeline import load as load_project


def add_parser(sub: Any) -> None:
    """Register the subcommand on the `drillbook` parser."""
    r = sub.add_parser(
        "routine",
        help="make a personal weekly routine (PDF or printable HTML)",
        description="Pick drills for your week by the article's rules: a warm-up before every "
        "run, mobility with easy days, strength away from hard days, your focus first.",
    )
    r.add_argument(
        "--days",
        required=True,
        help="comma-separated day=kind, e.g. mon=rest,tue=easy,wed=hard,sat=long; kinds: rest, "
        "easy, hard (= intervals), long, progressive, intervals, race, strength; "
        "days left out are rest days",
    )
    r.add_argument("--minutes", type=int, default=15, help="minutes per session (default 15)")
    r.add_argument("--level", type=int, choices=(1, 2, 3), default=1, help="1-3 (default 1)")
    r.add_argument(
        "--equipment",
        default=",".join(sorted(DEFAULT_EQUIPMENT)),
        help="comma-separated equipment you have (default: none,mat,wall)",
    )
    r.add_argument("--focus", help="a body region to weight, e.g. ankles or thoracic-spine")
    r.add_argument("--format", choices=("pdf", "html"), default="pdf")
    r.add_argument("--paper", choices=tuple(PAPERS), default="a4")
    r.add_argument("--output", help="file to write (default: routine.pdf or routine.html)")
    r.set_defaults(func=cmd_routine)


def cmd_routine(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    result = load_project(root)
    if not result.ok or result.kb is None:
        print(format_all(result.problems), file=sys.stderr)
        return 1
    kb = result.kb
    try:
        equipment = frozenset(e.strip() for e in args.equipment.split(",") if e.strip())
        known = kb.vocab.ids("equipment")
        for e in sorted(equipment - set(known)):
            raise RoutineRequestError(
                f"--equipment: unknown item '{e}'{did_you_mean(e, known)}; "
                f"use any of: {', '.join(known)}"
            )
        req = Request(
            days=parse_days(args.days, kb.vocab.ids("run_types")),
            minutes=args.minutes,
            level=args.level,
            equipment=equipment,
            focus=resolve_focus(args.focus, kb) if args.focus else None,
        )
        routine = build_routine(kb, req)
    except RoutineRequestError as exc:
        print(f"drillbook routine: {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    p = plan("my-week", routine, kb)
    site = SiteInfo(site_url=site_url(root))
    footer = "Made with drillbook routine · General education, not medical advice."
    html = sheet_html(p, kb, site, args.paper, footer=footer)
    if args.format == "html":
        data = html.encode("utf-8")
    else:
        from generator.outputs.pdf import html_to_pdf

        data = html_to_pdf(html)
    target = Path(args.output or f"routine.{args.format}")
    write_atomic(target, data)
    print(f"wrote {target} ({len(p.drill_ids())} drills, {p.runs_per_week} runs)")
    return 0
