"""Drillbook generator: drill data in, site pages, PDFs and calendars out.

The core (load -> validate -> model -> render) imports nothing from MkDocs; the adapters
(`mkdocs_plugin`, `pdf`, `cli`) are thin layers over it.
"""
