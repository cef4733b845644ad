"""Content gates: the knowledge base is complete and coherent, and reachable from Home."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from sitecheck import soup

from generator.model.drill import VOCAB_FIELDS
from generator.model.knowledge import KnowledgeBase
from generator.pipeline import load as load_project

REPO = Path(__file__).resolve().parent.parent

ARTICLE_DRILLS = [
    "leg-swing-front-to-back",
    "leg-swing-side-to-side",
    "ankle-circles",
    "controlled-deep-squat",
    "thoracic-rotation",
    "hip-hinge",
    "high-knee-march",
    "ankle-dorsiflexion-rock",
    "band-resisted-hip-extension",
    "dynamic-lunge-at-cadence",
    "eccentric-calf-raise",
    "single-leg-stand-unstable",
    "hip-openers",
    "90-90-transition",
    "controlled-halo",
    "seated-thoracic-rotation",
    "wall-slide",
    "walk-to-run-transition",
    "dynamic-hamstring-sweep",
    "side-lunge",
    "rotational-reach",
    "crossover-lunge",
    "diagonal-hip-hinge",
    "bulgarian-split-squat",
    "dead-bug",
    "farmer-carry",
    "foam-rolling",
    "cadence-check",
]
PRINCIPLES = [
    "alignment-aware-activation",
    "integrated-ankle-mobility",
    "hip-and-thoracic-mobility",
    "dynamic-warm-up-block",
    "flowing-circuit",
    "tempo-specific-mobility",
    "strength-framework",
    "mobility-vs-intensity",
    "recovery",
    "milestones-and-tracking",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    result = load_project(REPO)
    assert result.ok, "\n".join(p.format() for p in result.problems)
    assert result.kb is not None
    return result.kb


@pytest.fixture(scope="module")
def site(repo_site: Path) -> Path:
    return repo_site


def test_every_article_drill_and_principle_exists(kb: KnowledgeBase) -> None:
    assert len(kb.drills) >= 60
    assert sorted(set(ARTICLE_DRILLS) - set(kb.drills)) == []
    assert sorted(set(PRINCIPLES) - set(kb.principles)) == []


def test_every_principle_has_three_drills(kb: KnowledgeBase) -> None:
    thin = {p: len(kb.drills_with("principles", p)) for p in kb.principles}
    assert {p: n for p, n in thin.items() if n < 3} == {}


def test_every_vocabulary_term_used_or_marked_unused(kb: KnowledgeBase) -> None:
    unused = []
    for field_name, vocab_name in VOCAB_FIELDS.items():
        for term in kb.vocab.terms[vocab_name].values():
            if not kb.drills_with(field_name, term.id) and not term.unused:
                unused.append(f"{vocab_name}:{term.id}")
    assert unused == []


@pytest.mark.parametrize("drill_id", ARTICLE_DRILLS)
def test_drill_is_complete(kb: KnowledgeBase, drill_id: str) -> None:
    d = kb.drills[drill_id]
    assert len(d.steps) >= 3 and len(d.cues) >= 1
    assert len(d.mistakes) >= 2 and len(d.stop_if) >= 1
    assert d.dosage.easy_day != d.dosage.progressive_day
    # Tests and recovery tools have no harder or easier version; every training drill has one.
    assert d.category in ("assessment", "recovery") or (
        kb.progressions_of(drill_id) or kb.regressions_of(drill_id)
    )


def test_chains_are_acyclic_and_end(kb: KnowledgeBase) -> None:
    for start in kb.drills:
        seen, frontier = {start}, [start]
        while frontier:
            nxt = [h for d in frontier for h in kb.progressions_of(d)]
            assert start not in nxt, f"cycle through {start}"
            frontier = [h for h in nxt if h not in seen]
            seen.update(frontier)
            assert len(seen) <= len(kb.drills)


def test_coaching_order_of_named_chains(kb: KnowledgeBase) -> None:
    assert "dynamic-lunge-at-cadence" in kb.progressions_of("ankle-dorsiflexion-rock")
    assert "dead-bug" in kb.progressions_of("heel-tap")
    assert "suitcase-carry" in kb.progressions_of("farmer-carry")
    assert "farmer-carry" not in kb.progressions_of("dead-bug")


def links_from(html: Path, site: Path) -> set[Path]:
    doc = soup(html)
    out = set()
    for a in doc.select("article a[href], nav a[href]"):
        href = a["href"].split("#")[0]
        if not href or "://" in href:
            continue
        target = (html.parent / href).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.exists() and site in target.parents:
            out.add(target)
    return out


def clicks_from_home(site: Path) -> dict[Path, int]:
    home = site / "index.html"
    depth = {home: 0}
    queue = deque([home])
    while queue:
        page = queue.popleft()
        if depth[page] >= 3:
            continue
        for target in links_from(page, site):
            if target not in depth:
                depth[target] = depth[page] + 1
                queue.append(target)
    return depth


def test_everything_important_within_three_clicks_of_home(site: Path, kb: KnowledgeBase) -> None:
    depth = clicks_from_home(site)
    wanted = [
        site / "principles/dynamic-warm-up-block/index.html",
        site / "guide/pain-rules/index.html",
    ]
    wanted += [site / f"drills/{d}/index.html" for d in kb.drills]
    far = [str(p.relative_to(site)) for p in wanted if p not in depth]
    assert far == []


def test_every_drill_linked_from_library_and_a_principle(site: Path, kb: KnowledgeBase) -> None:
    library = {p.parent.name for p in links_from(site / "drills/index.html", site)}
    on_principles: set[str] = set()
    for pid in kb.principles:
        on_principles |= {
            p.parent.name for p in links_from(site / f"principles/{pid}/index.html", site)
        }
    assert sorted(set(kb.drills) - library) == []
    assert sorted(set(kb.drills) - on_principles) == []


def test_guide_pages(site: Path) -> None:
    for page in (
        "index.html",
        "guide/getting-started/index.html",
        "guide/scheduling/index.html",
        "guide/pain-rules/index.html",
        "guide/tracking-progress/index.html",
        "about/index.html",
    ):
        assert (site / page).exists(), page
    tracking = soup(site / "guide/tracking-progress/index.html").select_one("article").get_text()
    assert "1.18" in tracking and "3.86 ft" in tracking and "per mile" in tracking
    about = soup(site / "about/index.html").select_one("article").get_text().lower()
    assert "medical advice" in about
