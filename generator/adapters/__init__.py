"""Adapters: the ways in from outside, each a thin layer over `generator.pipeline`.

`mkdocs_plugin`, `mkdocs_site` and `mkdocs_preview` (the incremental `drillbook serve`) are the
MkDocs engine (the only modules that import mkdocs), with `page_links` turning file-relative
URLs into MkDocs page URLs; `export` writes the whole site source for an engine that runs no
MkDocs plugins (Zensical); `cli` is the `drillbook` command, with `routine_command`,
`program_command`, `figure_command` and `scaffold` (`drillbook new`).
"""
