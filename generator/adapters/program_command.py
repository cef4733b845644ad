"""`drillbook program`: a program's sessions as a calendar file (.ics), and its PDF."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from generator.load.problems import did_you_mean, format_all
from generator.load.settings import site_url
from generator.model.program import programs
from generator.model.sessions import (
    DateError,
    parse_start,
    parse_time,
    program_sessions,
    sessions_from,
)
from generator.model.site import SiteInfo
from generator.outputs.calendar import program_calendar
from generator.outputs.files import write_atomic
from generator.outputs.routine_pages import PAPERS
from generator.pipeline import load as load_project


def add_parser(sub: Any) -> None:
    """Register the subcommand on the `drillbook` parser."""
    p = sub.add_parser(
        "program",
        help="put a multi-week program in your calendar (.ics), and print it (PDF)",
        description="Write every session of a program on its date, with the drills and dosage, "
        "as an iCalendar file any calendar app imports. Every session keeps its weekday: "
        "weeks run Monday to Sunday and week 1 is the week of --start. Starting on a Monday "
        "gives every session; starting later in the week leaves out week 1's sessions before "
        "--start (the command says which). Events are written in date order.",
    )
    p.add_argument("program", help="program id, e.g. stride-builder (see content/programs/)")
    p.add_argument(
        "--start",
        required=True,
        help="the day you start, as YYYY-MM-DD; week 1 is its Monday-to-Sunday week, and no "
        "session before it is written (start on a Monday to get them all)",
    )
    p.add_argument("--output", required=True, help="calendar file to write, e.g. plan.ics")
    p.add_argument(
        "--time", help="start sessions at this local time (HH:MM); default: all-day events"
    )
    p.add_argument("--pdf", help="also write the whole program as a PDF to this file")
    p.add_argument("--paper", choices=tuple(PAPERS), default="a4", help="PDF paper size")
    p.set_defaults(func=cmd_program)


def _fail(message: str) -> int:
    print(f"drillbook program: {message}", file=sys.stderr)
    print("nothing was written", file=sys.stderr)
    return 1


def _say_skipped(skipped: int, start: date) -> None:
    """One line when week 1's sessions before a midweek start were left out."""
    if skipped:
        day = start.strftime("%A")
        print(
            f"left out {skipped} session{'s' if skipped != 1 else ''} of week 1 before "
            f"{day} {start.isoformat()}; start on a Monday to get them all"
        )


def cmd_program(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    try:
        start = parse_start(args.start)
        at = parse_time(args.time) if args.time else None
    except DateError as exc:
        return _fail(str(exc))
    result = load_project(root)
    if not result.ok or result.kb is None:
        print(format_all(result.problems), file=sys.stderr)
        return _fail("fix the problems above first")
    kb = result.kb
    found = {p.id: p for p in programs(kb)}
    program = found.get(args.program)
    if program is None:
        return _fail(
            f"unknown program '{args.program}'{did_you_mean(args.program, found)}; "
            f"known programs: {', '.join(sorted(found)) or 'none'}"
        )
    url = site_url(root)
    written = sessions_from(program_sessions(program, kb, url), start)
    if not written:
        return _fail(f"no session of '{program.id}' falls on or after {start.isoformat()}")
    ics = program_calendar(program, kb, start, at=at, site_url=url)
    pdf = None
    if args.pdf:
        from generator.outputs.pdf import html_to_pdf
        from generator.outputs.program_pages import program_html

        pdf = html_to_pdf(program_html(program, kb, SiteInfo(site_url=url), args.paper))
    write_atomic(Path(args.output), ics)
    print(f"wrote {args.output} ({len(written)} sessions from {start.isoformat()})")
    _say_skipped(program.sessions() - len(written), start)
    if pdf is not None:
        write_atomic(Path(args.pdf), pdf)
        print(f"wrote {args.pdf}")
    return 0
