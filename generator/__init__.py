"""Drillbook generator: drill data in, site pages, PDFs and calendars out.

The folders are the flow, each importing only the ones before it:
load -> model -> validate -> render -> outputs -> pipeline -> adapters.
`pipeline` wires the features explicitly; `adapters` (MkDocs, CLI, export) call it. The
import contracts in pyproject.toml ([tool.importlinter]) keep it that way.
"""
