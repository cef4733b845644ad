"""Adapters: the ways in from outside, each a thin layer over `generator.pipeline`.

`mkdocs_plugin` and `mkdocs_site` are the MkDocs engine (the only modules that import mkdocs);
`cli` is the `drillbook` command, with `routine_command`, `program_command` and `scaffold`
(`drillbook new`); `export` writes the site's Markdown and files for an engine that runs no
MkDocs plugins (Zensical).
"""
