"""Wire the features into the core's extension points, in one visible place.

The adapters (MkDocs plugin, CLI) import this module once; the core modules stay unaware of
the features built on them.
"""

from __future__ import annotations

from . import schema
from .build_hooks import STATIC_FILES

STATIC_FILES.register(schema.site_files)
