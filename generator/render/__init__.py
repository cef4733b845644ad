"""Render: one Jinja2 environment (autoescaped) over generator/templates/.

`environment.Renderer` turns the model into Markdown pages and print-ready HTML; `escape` has
one escaping function per output context (Markdown text, HTML, attribute, URL, front matter);
`diagrams` draws the body map and the progression map and `figures` the drill figures, all from
SVG templates. Untrusted text reaches a page only through the template engine's escaping.
"""
