"""Program outputs: the programs index, one page per program, and one PDF per program.

The PDF reuses the routine sheet's templates and stylesheet (`_routine_sheet.html.j2`,
`routine.css`) and WeasyPrint through `pdf.html_to_pdf`, adding a cover with the plan at a
glance, one section per week and the tracking log (TRACKING_COLUMNS).
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.model.program import CHANGE_KINDS, MEASURES, ProgramPlan, programs
from generator.model.routine import SPEED_TEXT
from generator.model.sessions import calendar_data
from generator.model.site import SiteInfo
from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs import figures
from generator.outputs.files import PdfJob
from generator.outputs.routine_pages import PAPERS, routine_css
from generator.render.environment import ASSETS, TEMPLATES, Renderer

PROGRAM_CSS = TEMPLATES / "program.css"
CALENDAR_SCRIPT = ASSETS / "calendar.js"
CALENDAR_SCRIPT_URI = "assets/calendar.js"


def pdf_name(program_id: str, paper: str) -> str:
    return f"programs/{program_id}-{paper}.pdf"


def _context() -> dict[str, object]:
    return {
        "columns": TRACKING_COLUMNS,
        "measures": MEASURES,
        "change_kinds": CHANGE_KINDS,
        "speed_text": SPEED_TEXT,
        "qr": lambda drill_id: Markup(""),
    }


def program_pages(kb: KnowledgeBase, r: Renderer) -> dict[str, str]:
    """Page producer: programs/index.md and one page per program."""
    found = programs(kb)
    pages = {"programs/index.md": r.render("programs_index.md.j2", programs=found)}
    for p in found:
        calendar = calendar_data(p, kb, r.site.site_url)
        pages[f"programs/{p.id}.md"] = r.render(
            "program.md.j2", program=p, calendar=calendar, **_context()
        )
    return pages


def program_html(program: ProgramPlan, kb: KnowledgeBase, site: SiteInfo, paper: str = "a4") -> str:
    """The standalone, print-ready HTML document of a whole program."""
    r = Renderer(kb, site, figures.HELPERS)
    where = site.url(f"programs/{program.id}/")
    footer = " · ".join(
        x for x in ("Drillbook", where, "General education, not medical advice.") if x
    )
    css = routine_css() + "\n" + PROGRAM_CSS.read_text(encoding="utf-8")
    return r.render(
        "program_print.html.j2",
        program=program,
        css=Markup(css),
        paper=PAPERS[paper],
        footer=footer,
        calculator_url=site.url("tools/calculator/"),
        **_context(),
    )


def calendar_script(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: the script behind each program page's calendar download."""
    return {CALENDAR_SCRIPT_URI: CALENDAR_SCRIPT.read_bytes()}


def program_pdf_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, PdfJob]:
    """Static producer: every program in A4 and US Letter, published with the site."""
    return {
        pdf_name(p.id, paper): PdfJob(program_html(p, kb, site, paper))
        for p in programs(kb)
        for paper in PAPERS
    }
