"""Load: read project files into plain data that remembers where every value came from.

YAML is read from libyaml's events so each value keeps its file, line and column; Markdown
files are split into front matter and body. `Layout` says where things live in a checkout,
`settings` reads the few mkdocs.yml values commands need without MkDocs, and `problems` is the
one shape every error and warning takes (path:line:col, message, fix). Nothing here knows what
a drill is.
"""
