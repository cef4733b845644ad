"""Routine outputs from one set of templates: the web pages and the print-ready HTML sheet.

The web page (`routines/<id>.md`) and the standalone sheet (turned into a PDF by `pdf.py`, or
written as HTML by `drillbook routine --format html`) share `_routine_sheet.html.j2` and
`routine.css`; only the card titles differ (Markdown links on the web, QR codes on paper).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import segno
from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.model.routine import SPEED_TEXT, Plan
from generator.model.site import SiteInfo
from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs import figures
from generator.outputs.files import PdfJob
from generator.render.environment import TEMPLATES, Renderer

CSS_PATH = TEMPLATES / "routine.css"
CSS_SITE_PATH = "assets/routine.css"
PAPERS = {"a4": "A4", "letter": "letter"}


def routine_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def plans(kb: KnowledgeBase) -> list[Plan]:
    """The routines loaded by `routines.load_routines`, by title."""
    found: dict[str, Plan] = kb.extra.get("routine_plans", {})
    return sorted(found.values(), key=lambda p: (p.title.casefold(), p.id))


def pdf_name(routine_id: str, paper: str) -> str:
    return f"routines/{routine_id}-{paper}.pdf"


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> Markup:
    """A small QR code as inline SVG (scales with CSS; no image files)."""
    code = segno.make_qr(url, error="l")
    svg = code.svg_inline(border=1, omitsize=True, title=f"QR code: {url}")
    return Markup(svg)


def _context(r: Renderer, *, web: bool) -> dict[str, object]:
    def qr(drill_id: str) -> Markup:
        if web or not r.site.site_url:
            return Markup("")
        return qr_svg(r.drill_url(drill_id))

    return {"qr": qr, "speed_text": SPEED_TEXT, "columns": TRACKING_COLUMNS}


def routine_pages(kb: KnowledgeBase, r: Renderer) -> dict[str, str]:
    """Page producer: routines/index.md and one page per routine."""
    found = plans(kb)
    pages = {"routines/index.md": r.render("routines_index.md.j2", plans=found)}
    for plan in found:
        pages[f"routines/{plan.id}.md"] = r.render(
            "routine.md.j2", plan=plan, **_context(r, web=True)
        )
    return pages


def sheet_html(
    plan: Plan, kb: KnowledgeBase, site: SiteInfo, paper: str = "a4", footer: str = ""
) -> str:
    """The standalone, print-ready HTML document of one routine."""
    r = Renderer(kb, site, figures.HELPERS)
    if not footer:
        where = site.url(f"routines/{plan.id}/")
        footer = " · ".join(
            x for x in ("Drillbook", where, "General education, not medical advice.") if x
        )
    return r.render(
        "routine_print.html.j2",
        plan=plan,
        css=Markup(routine_css()),
        paper=PAPERS[paper],
        footer=footer,
        **_context(r, web=False),
    )


def css_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: the routine stylesheet for the site (listed in mkdocs.yml extra_css)."""
    return {CSS_SITE_PATH: routine_css()}


def routine_pdf_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, PdfJob]:
    """Static producer: every routine in A4 and US Letter, published with the site."""
    return {
        pdf_name(plan.id, paper): PdfJob(sheet_html(plan, kb, site, paper))
        for plan in plans(kb)
        for paper in PAPERS
    }
