"""The WeasyPrint adapter: print-ready HTML -> PDF bytes, deterministic.

WeasyPrint writes no creation date unless the HTML asks for one and no random file identifier
by default, and it embeds subset fonts; so the same HTML gives the same bytes.
"""

from __future__ import annotations

import time
from pathlib import Path

from .model import KnowledgeBase
from .render import SiteInfo
from .routine_pages import PAPERS, pdf_name, plans, sheet_html
from .routines import Plan


def html_to_pdf(html: str) -> bytes:
    """Render a standalone HTML document (inline CSS, no external files) to PDF."""
    from weasyprint import HTML  # imported late: 0.6 s, only when a PDF is made

    return HTML(string=html, base_url=None).write_pdf(pdf_identifier=False)


def routine_pdf(plan: Plan, kb: KnowledgeBase, site: SiteInfo, paper: str = "a4") -> bytes:
    return html_to_pdf(sheet_html(plan, kb, site, paper))


def routine_pdf_files(kb: KnowledgeBase, root: Path, site: SiteInfo) -> dict[str, str | bytes]:
    """Static producer: every routine in A4 and US Letter, published with the site."""
    return {
        pdf_name(plan.id, paper): routine_pdf(plan, kb, site, paper)
        for plan in plans(kb)
        for paper in PAPERS
    }


def time_routine_pdf(kb: KnowledgeBase, site: SiteInfo | None = None, paper: str = "a4") -> float:
    """Seconds to render the first routine's PDF in this process (for the benchmark)."""
    found = plans(kb)
    if not found:
        raise ValueError("no routines loaded")
    start = time.perf_counter()
    routine_pdf(found[0], kb, site or SiteInfo(), paper)
    return time.perf_counter() - start
