"""Render: one Jinja2 environment (autoescaped) over generator/templates/.

`environment.Renderer` turns the model into Markdown pages and print-ready HTML; `diagrams`
draws the body map and the progression map from SVG templates. Untrusted text reaches a page
only through the template engine's escaping.
"""
