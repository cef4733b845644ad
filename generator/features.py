"""Wire the features into the core's extension points, in one visible place.

The adapters (MkDocs plugin, CLI) import this module once; the core modules stay unaware of
the features built on them.
"""

from __future__ import annotations

from . import calculator, schema
from .build_hooks import STATIC_FILES
from .render import PAGE_PRODUCERS

STATIC_FILES.register(schema.site_files)
STATIC_FILES.register(calculator.calculator_files)
PAGE_PRODUCERS.append(calculator.calculator_pages)
