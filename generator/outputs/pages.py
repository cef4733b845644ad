"""The knowledge base's own pages: library, drills, principles, regions, uses, equipment."""

from __future__ import annotations

from collections.abc import Iterable

from generator.render.environment import PageProducer, Renderer


def drill_page(r: Renderer, drill_id: str) -> str:
    """The Markdown page drills/<drill_id>.md."""
    kb = r.kb
    return r.render(
        "drill.md.j2",
        drill_id=drill_id,
        drill=kb.drills[drill_id],
        progressions=kb.progressions_of(drill_id),
        regressions=kb.regressions_of(drill_id),
        source_path=kb.files.get(f"drill:{drill_id}", f"drills/{drill_id}.yaml"),
    )


def render_pages(r: Renderer, producers: Iterable[PageProducer] = ()) -> dict[str, str]:
    """Every generated page, keyed by its docs-relative path, in a stable order: the knowledge
    base's own pages, then those of each feature's producer."""
    kb = r.kb
    pages: dict[str, str] = {}
    pages["drills/index.md"] = r.render("library.md.j2")
    for drill_id, _drill in kb.sorted_drills():
        pages[f"drills/{drill_id}.md"] = drill_page(r, drill_id)
    pages["principles/index.md"] = r.render("principles_index.md.j2")
    for pid, principle in kb.sorted_principles():
        drills = kb.drills_with("principles", pid)
        regions = sorted(
            {reg for d in drills for reg in kb.drills[d].regions}, key=kb.vocab.ids("regions").index
        )
        pages[f"principles/{pid}.md"] = r.render(
            "principle.md.j2",
            pid=pid,
            principle=principle,
            body=kb.principle_bodies[pid],
            drills=drills,
            regions=regions,
        )
    for kind, vocab_name, field_name, title in (
        ("regions", "regions", "regions", "Body regions"),
        ("uses", "uses", "use", "When to use"),
        ("equipment", "equipment", "equipment", "Equipment"),
    ):
        terms = kb.vocab.terms[vocab_name]
        pages[f"{kind}/index.md"] = r.render(
            "term_index.md.j2", kind=kind, title=title, terms=terms, field_name=field_name
        )
        for term in terms.values():
            pages[f"{kind}/{term.id}.md"] = r.render(
                "term.md.j2",
                kind=kind,
                term=term,
                title=title,
                drills=kb.drills_with(field_name, term.id),
            )
    for producer in producers:
        pages.update(producer(kb, r))
    return dict(sorted(pages.items()))
