"""Wire the features into the core's extension points, in one visible place.

The adapters (MkDocs plugin, CLI) import this module once; the core modules stay unaware of
the features built on them.
"""

from __future__ import annotations

from . import (
    api,
    calculator,
    finder,
    images,
    pdf,
    program_pages,
    programs,
    routine_pages,
    schema,
)
from .build_hooks import STATIC_FILES
from .project import EXTRA_LOADERS
from .render import PAGE_PRODUCERS, TEMPLATE_GLOBALS
from .routines import load_routines
from .synonyms import load_synonyms, search_words

STATIC_FILES.register(schema.site_files)
STATIC_FILES.register(calculator.calculator_files)
PAGE_PRODUCERS.append(calculator.calculator_pages)

# Issue 4: weekly routines (data, pages, stylesheet, A4 and Letter PDFs).
EXTRA_LOADERS.append(load_routines)
PAGE_PRODUCERS.append(routine_pages.routine_pages)
STATIC_FILES.register(routine_pages.css_files)
STATIC_FILES.register(pdf.routine_pdf_files)

# Issue 5: multi-week programs (data after routines, pages, PDFs).
EXTRA_LOADERS.append(programs.load_programs)
PAGE_PRODUCERS.append(program_pages.program_pages)
STATIC_FILES.register(program_pages.program_pdf_files)
STATIC_FILES.register(program_pages.calendar_script)  # the page's .ics download

# Issue 7: finding drills (library filters, diagrams, search words, images, open data).
EXTRA_LOADERS.extend([load_synonyms, images.load_images])
STATIC_FILES.register(finder.site_files)
STATIC_FILES.register(images.site_files)
STATIC_FILES.register(api.site_files)
TEMPLATE_GLOBALS.update(
    library_facets=finder.facets,
    library_card_data=finder.card_data,
    time_limits=finder.TIME_LIMITS,
    drill_body_figure=finder.drill_body_figure,
    drill_progression_map=finder.drill_progression_map,
    region_figure=finder.region_figure,
    search_words=search_words,
)
