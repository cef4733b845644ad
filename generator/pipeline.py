"""The pipeline, wired in one visible place: project files -> load and validate -> model ->
render -> outputs. The adapters (MkDocs plugin, CLI, Zensical export) call `load` and `build`.

A `Feature` bundles what one part of Drillbook adds beyond the drill, principle and term pages:
a loader for its own data files, a page producer, static-file producers (assets, JSON, PDFs) and
template helpers. Features are plain values passed in; nothing registers itself on import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.outputs import (
    api,
    builder,
    calculator,
    figures,
    followalong,
    images,
    library,
    offline,
    program_pages,
    routine_pages,
    schema,
    search,
)
from generator.outputs.files import FileContent, PdfJob, StaticProducer
from generator.outputs.pages import drill_page, render_pages
from generator.render.environment import PageProducer, Renderer
from generator.validate.images import load_images
from generator.validate.programs import load_programs
from generator.validate.project import ExtraLoader, LoadResult, load_project
from generator.validate.routines import load_routines
from generator.validate.synonyms import load_synonyms, search_words


@dataclass(frozen=True)
class Feature:
    """What one feature adds to the pipeline; every part is optional."""

    name: str
    loader: ExtraLoader | None = None
    pages: PageProducer | None = None
    files: tuple[StaticProducer, ...] = ()
    helpers: Mapping[str, object] = field(default_factory=dict)


FEATURES: tuple[Feature, ...] = (
    Feature("drill schema", files=(schema.site_files,)),
    Feature("calculator", pages=calculator.calculator_pages, files=(calculator.calculator_files,)),
    Feature(
        "routines",
        loader=load_routines,
        pages=routine_pages.routine_pages,
        files=(routine_pages.css_files, routine_pages.routine_pdf_files),
    ),
    Feature(
        "follow-along",
        files=(followalong.site_files,),
        helpers={"followalong_json": followalong.followalong_json},
    ),
    Feature("offline", files=(offline.site_files,)),
    Feature("routine builder", pages=builder.builder_pages, files=(builder.site_files,)),
    Feature(  # after routines: a program's weeks name routines
        "programs",
        loader=load_programs,
        pages=program_pages.program_pages,
        files=(program_pages.program_pdf_files, program_pages.calendar_script),
    ),
    Feature(
        "library",
        loader=load_synonyms,
        files=(library.site_files,),
        helpers={
            "library_facets": library.facets,
            "library_card_data": library.card_data,
            "time_limits": library.TIME_LIMITS,
            "drill_body_figure": library.drill_body_figure,
            "drill_progression_map": library.drill_progression_map,
            "region_figure": library.region_figure,
            "search_words": search_words,
        },
    ),
    Feature("figures", files=(figures.site_files,), helpers=figures.HELPERS),
    Feature("images", loader=load_images, files=(images.site_files,)),
    Feature("open data", files=(api.site_files,)),
    Feature("search", files=(search.site_files,)),
)


@dataclass(frozen=True)
class Outputs:
    """Everything a build publishes: Markdown pages, files, and PDFs still to render."""

    pages: dict[str, str]
    files: dict[str, str | bytes]
    pdf_jobs: dict[str, PdfJob]

    def paths(self) -> list[str]:
        return sorted([*self.pages, *self.files, *self.pdf_jobs])


def load(root: Path, features: Sequence[Feature] = FEATURES) -> LoadResult:
    """Read and validate the project, with each feature's own data files."""
    return load_project(root, [f.loader for f in features if f.loader is not None])


def renderer(kb: KnowledgeBase, site: SiteInfo, features: Sequence[Feature] = FEATURES) -> Renderer:
    """The one template environment for pages, with every feature's helpers."""
    helpers: dict[str, object] = {}
    for feature in features:
        helpers.update(feature.helpers)
    return Renderer(kb, site, helpers)


def build(
    kb: KnowledgeBase, root: Path, site: SiteInfo, features: Sequence[Feature] = FEATURES
) -> Outputs:
    """Every output of a validated knowledge base, in a stable order."""
    pages = render_pages(
        renderer(kb, site, features), [f.pages for f in features if f.pages is not None]
    )
    produced: dict[str, FileContent] = {}
    for feature in features:
        for producer in feature.files:
            produced.update(producer(kb, root, site))
    files: dict[str, str | bytes] = {}
    jobs: dict[str, PdfJob] = {}
    for path, content in sorted(produced.items()):
        if isinstance(content, PdfJob):
            jobs[path] = content
        else:
            files[path] = content
    return Outputs(pages, files, jobs)


def drill_pages(
    kb: KnowledgeBase, site: SiteInfo, ids: Sequence[str], features: Sequence[Feature] = FEATURES
) -> dict[str, str]:
    """Only the given drills' own pages, as `build` renders them (the preview's first step)."""
    r = renderer(kb, site, features)
    return {f"drills/{drill_id}.md": drill_page(r, drill_id) for drill_id in ids}
