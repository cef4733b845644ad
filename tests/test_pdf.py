"""Routine PDFs parsed with pypdf, and the routine page printed by a real Chromium."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsercheck import chromium, served
from pypdf import PdfReader
from sitecheck import content

from generator.model.knowledge import KnowledgeBase
from generator.model.routine import MAX_CARDS_TWO_PAGES, Plan, Routine, plan
from generator.model.site import SiteInfo
from generator.model.tracking import TRACKING_COLUMNS
from generator.outputs.pdf import html_to_pdf
from generator.outputs.routine_pages import sheet_html

REPO = Path(__file__).resolve().parent.parent
SITE = SiteInfo(site_url="https://drillbook.github.io/drillbook/")
SIZES = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
ROUTINES = ("three-runs-starter", "five-runs", "race-week")


def words(reader: PdfReader) -> str:
    """All text, whitespace collapsed (names may wrap across lines in a card)."""
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on every page."""
    out = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target["/FontDescriptor"].get_object()
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font["/BaseFont"]), embedded))
    return out


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_routine_pdf_pages_size_text_fonts(kb: KnowledgeBase, routine_id: str, paper: str) -> None:
    p = kb.extra["routine_plans"][routine_id]
    data = routine_pdf(p, kb, SITE, paper)
    assert len(data) < 200_000  # subset fonts keep it small (well under 1 MB)
    reader = PdfReader(_bytes_io(data))
    assert len(reader.pages) == 2  # one sheet, double-sided
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == tuple(round(x, 1) for x in SIZES[paper])
    text = words(reader)
    assert p.title in text
    assert "The week at a glance" in text
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert day in text
    for drill_id in p.drill_ids():
        assert kb.drills[drill_id].name in text, drill_id
        assert kb.drills[drill_id].cues[0] in text
    assert "Tracking log" in text
    for column in TRACKING_COLUMNS:
        assert column.label in text
    used = fonts(reader)
    assert used and all(embedded for _, embedded in used), used
    assert all(re.match(r"^/[A-Z]{6}\+", name) for name, _ in used), used  # subset
    assert all("DejaVu" in name for name, _ in used), used


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def test_pdf_is_deterministic(kb: KnowledgeBase) -> None:
    p = kb.extra["routine_plans"]["five-runs"]
    first = routine_pdf(p, kb, SITE, "a4")
    assert routine_pdf(p, kb, SITE, "a4") == first
    assert b"/CreationDate" not in first and b"/ModDate" not in first


def test_each_card_has_a_qr_code_to_its_drill_page(kb: KnowledgeBase) -> None:
    p = kb.extra["routine_plans"]["race-week"]
    html = sheet_html(p, kb, SITE)
    for drill_id in p.drill_ids():
        assert f"QR code: https://drillbook.github.io/drillbook/drills/{drill_id}/" in html
    posed = [d for d in p.drill_ids() if kb.drills[d].poses is not None]
    assert html.count('<div class="db-qr">') == len(p.drill_ids())
    assert html.count('<div class="db-card-fig">') == len(posed)
    assert html.count("<svg") == len(p.drill_ids())  # the QR codes; figures are data: images
    assert "<script" not in html


def test_each_card_shows_the_key_positions_in_print_colours(kb: KnowledgeBase) -> None:
    """WeasyPrint ignores the site's figure classes: the card figures carry their colours."""
    p = kb.extra["routine_plans"]["five-runs"]
    html = sheet_html(p, kb, SITE)
    figures = re.findall(
        r'<div class="db-card-fig"><img class="db-card-figure" alt="[^"<]+: key positions" '
        r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"></div>',
        html,
    )
    assert len(figures) == len([d for d in p.drill_ids() if kb.drills[d].poses is not None])
    for data in figures:
        svg = base64.b64decode(data).decode("utf-8")
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and "<title" in svg
        assert "stroke=" in svg and "<style" not in svg and "class=" in svg
        # the step numbers are white strokes on the badges, not text WeasyPrint lays out
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}text") is None
        badges = root.find(f"{ns}path[@class='bd']")
        digits = root.find(f"{ns}path[@class='bs']")
        assert badges is not None and digits is not None
        assert digits.get("stroke") == "#fff" and digits.get("fill") == "none"
        # one stroke (M) per digit of each step number, one circle (M) per badge
        steps = re.findall(r"Step (\d+)", root.findtext(f"{ns}desc") or "")
        assert digits.get("d", "").count("M") == sum(len(s) for s in steps)
        assert badges.get("d", "").count("M") == len(steps)


def test_drill_text_is_escaped_in_the_sheet(kb: KnowledgeBase) -> None:
    """Untrusted text reaches the sheet only escaped (the validator refuses markup anyway)."""
    p = kb.extra["routine_plans"]["race-week"]
    drill_id = p.drill_ids()[0]
    evil = kb.drills[drill_id].model_copy(update={"setup": "<img src=x onerror=alert(1)>"})
    kb2 = KnowledgeBase({**kb.drills, drill_id: evil}, kb.principles, kb.principle_bodies, kb.vocab)
    html = sheet_html(plan(p.id, kb.extra["routines"][p.id], kb2), kb2, SITE)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for tag in re.findall(r"<img\b[^>]*>", html):  # only the figures, as data: images
        assert tag.startswith('<img class="db-card-figure" alt="'), tag
        assert 'src="data:image/svg+xml;base64,' in tag and "onerror" not in tag


def _wordiest(kb: KnowledgeBase, n: int) -> list[str]:
    def size(d: str) -> int:
        drill = kb.drills[d]
        return len(drill.name + drill.setup + "".join(drill.cues[:3]) + "".join(drill.stop_if))

    return sorted(kb.drills, key=lambda d: (-size(d), d))[:n]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_two_pages_hold_the_validators_card_limit(kb: KnowledgeBase, paper: str) -> None:
    """The five-runs week with its drills swapped for the wordiest ones still fits 2 pages:
    the limit the validator warns at (MAX_CARDS_TWO_PAGES) is honest."""
    five = kb.extra["routines"]["five-runs"]
    source = kb.extra["routine_plans"]["five-runs"].drill_ids()
    assert len(source) == MAX_CARDS_TWO_PAGES
    swap = dict(zip(source, _wordiest(kb, MAX_CARDS_TWO_PAGES), strict=True))
    data = five.model_dump(exclude_none=True)
    for day in data["days"].values():
        for entries in day.get("blocks", {}).values():
            for entry in entries:
                entry["drill"] = swap[entry["drill"]]
    p = plan("worst", Routine.model_validate(data), kb)
    assert len(p.drill_ids()) == MAX_CARDS_TWO_PAGES
    reader = PdfReader(_bytes_io(routine_pdf(p, kb, SITE, paper)))
    assert len(reader.pages) == 2


def test_benchmark_hook_times_one_pdf(kb: KnowledgeBase) -> None:
    from benchmarks.bench import time_routine_pdf

    assert time_routine_pdf(kb) > 0


def test_html_to_pdf_renders_plain_html() -> None:
    reader = PdfReader(_bytes_io(html_to_pdf("<p>Hello runner</p>")))
    assert "Hello runner" in words(reader)


# -- The built site: routine pages, their PDFs, and the browser's print ----------------------


@pytest.fixture(scope="module")
def site(repo_site: Path) -> Path:
    return repo_site


def test_site_has_routine_pages_linking_drills_and_pdfs(site: Path, kb: KnowledgeBase) -> None:
    index = content(site, "routines")
    hrefs = [a["href"] for a in index.select("a[href]")]
    for routine_id in ROUTINES:
        assert f"../{routine_id}/" in hrefs or f"{routine_id}/" in hrefs
        assert (site / "routines" / f"{routine_id}-a4.pdf").is_file()
        assert (site / "routines" / f"{routine_id}-letter.pdf").is_file()
    page = content(site, "routines/five-runs")
    links = {a["href"] for a in page.select("a[href]")}
    assert "../five-runs-a4.pdf" in links and "../five-runs-letter.pdf" in links
    p = kb.extra["routine_plans"]["five-runs"]
    titles = [h.select_one("a:not(.headerlink)").get_text() for h in page.select(".db-card-title")]
    assert titles == [kb.drills[d].name for d in p.drill_ids()]
    for d in p.drill_ids():
        assert f"../../drills/{d}/" in links
        assert (site / "drills" / d / "index.html").is_file()
    assert page.select_one("table.db-week") is not None
    headers = [th.get_text(" ", strip=True) for th in page.select("table.db-log th")]
    assert headers[0].startswith("Date") and len(headers) == len(TRACKING_COLUMNS)


def test_site_pdf_is_the_same_bytes_as_in_process(site: Path, kb: KnowledgeBase) -> None:
    p = kb.extra["routine_plans"]["race-week"]
    built = (site / "routines" / "race-week-letter.pdf").read_bytes()
    assert built == routine_pdf(p, kb, SITE, "letter")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


def test_browser_print_shows_only_the_routine(base_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base_url}routines/five-runs/")
        assert page.locator(".md-header").is_visible()  # on screen the site chrome is there
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".db-search-open"):
            for i in range(page.locator(chrome).count()):
                assert not page.locator(chrome).nth(i).is_visible(), chrome
        assert page.locator("table.db-week").is_visible()
        cards = page.locator(".db-card")
        assert cards.count() == 16
        assert cards.first.is_visible()
        avoid = cards.first.evaluate("e => getComputedStyle(e).breakInside")
        assert avoid == "avoid"
        columns = page.locator(".db-cards").first.evaluate(
            "e => getComputedStyle(e).gridTemplateColumns.split(' ').length"
        )
        assert columns == 2
        pdf = page.pdf(format="A4")
    text = words(PdfReader(_bytes_io(pdf)))
    assert "Five runs a week" in text and "Tracking log" in text
    assert "Search" not in text.split("Five runs a week", 1)[0]


def routine_pdf(p: Plan, kb: KnowledgeBase, site: SiteInfo, paper: str) -> bytes:
    """The routine sheet as the site publishes it."""
    return html_to_pdf(sheet_html(p, kb, site, paper))
