"""One escaping rule per output context for untrusted text (drill, routine, program, vocabulary).

Which Markdown a field may use is decided in `generator/model/text.py`; this module turns a
value into safe output for the place it lands:

- `markdown_text`: inside Markdown (headings, table cells, paragraphs, link text): HTML-escaped,
  Markdown's active characters backslash-escaped, whitespace folded to one line;
- `html_text`: inside an HTML block (`<p>`, `<li>`, `<dd>`): HTML-escaped, one line, so the
  block can never be ended early and its text is never parsed as Markdown;
- `attribute`: inside a quoted HTML attribute;
- `url`: an href or src: https:// or a site-relative path, nothing else;
- `yaml_value`: a front-matter value (the theme prints it into `<meta>` unescaped);
- `markdown_block`: a principle body, the one field that is Markdown (validated beforehand by
  `validate.drills.markdown_body_problems`, and checked again after rendering by the allowlist).
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Characters Python-Markdown gives a meaning to inside a line: emphasis, code, links, images,
# tables, headings, attribute lists ({...}) and escapes.
_MD_ACTIVE = re.compile(r"([\\`*_\[\]#!|{}])")
_SAFE_URL = re.compile(r"^(?:https://[^\s<>\"'`]+|(?!//)[A-Za-z0-9._~/#?=&%+-]*)$")


def one_line(text: str) -> str:
    """Fold every run of whitespace (newlines included) into one space."""
    return " ".join(text.split())


def markdown_text(text: str) -> Markup:
    """Plain text for a Markdown context."""
    return Markup(_MD_ACTIVE.sub(r"\\\1", html.escape(one_line(text), quote=False)))


def html_text(text: str) -> Markup:
    """Plain text for an HTML block."""
    return Markup(html.escape(one_line(text)))


def attribute(text: str) -> Markup:
    """Plain text for a double-quoted HTML attribute value."""
    return Markup(html.escape(one_line(text), quote=True))


def url(value: str) -> Markup:
    """An https:// address or a site-relative path; anything else is a programming error."""
    if not _SAFE_URL.match(value):
        raise ValueError(f"refusing to emit a URL that is not https:// or site-relative: {value!r}")
    return Markup(html.escape(value, quote=True))


def yaml_value(value: object) -> str:
    """A front-matter value: text HTML-escaped (the theme prints it raw), as a JSON scalar."""
    if isinstance(value, str):
        value = html.escape(one_line(value))
    return json.dumps(value, ensure_ascii=False)


def markdown_block(text: str) -> Markup:
    """A validated Markdown body, passed through as Markdown."""
    return Markup(text)
