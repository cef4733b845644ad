"""What Markdown each text field may use: the one table the validator and the renderer share.

Every text value in a drill, routine, program or vocabulary file is plain text ("none"): it is
escaped for the context it lands in and may not span lines. Principle bodies are the one
Markdown block ("block"); nothing is "inline" today, but the level exists so a field can be
given links later in this table and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

MarkdownLevel = Literal["none", "inline", "block"]

# (kind, dotted field) -> level. Fields not listed are "none" and one line.
FIELD_MARKDOWN: dict[tuple[str, str], MarkdownLevel] = {
    ("principle", "body"): "block",
}
# Plain-text fields that may wrap over several lines (a YAML block scalar); no blank lines.
MULTI_LINE: frozenset[tuple[str, str]] = frozenset(
    {("drill", "why"), ("routine", "description"), ("program", "description")}
)

# Characters that are never part of readable text: C0/C1 controls (tab and newline are
# reported separately), bidi overrides and isolates, zero-width marks, line separators.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
# Python-Markdown's attr_list syntax: `{: .x }`, `{#id}`, `{ onclick=... }`.
ATTR_LIST = re.compile(r"\{\:?[ ]*[^\}\n ][^\n]*?[ ]*\}")
# pymdownx.snippets includes another file: `--8<-- "path"`.
SNIPPET = re.compile(r"-{1,}8<-{1,}")


def markdown_level(kind: str, field: str) -> MarkdownLevel:
    """Which Markdown the field may use: none, inline or block."""
    return FIELD_MARKDOWN.get((kind, field), "none")


def one_line(kind: str, field: str) -> bool:
    """True when the field must stay on one line."""
    return markdown_level(kind, field) == "none" and (kind, field) not in MULTI_LINE


def invisible_at(text: str) -> int | None:
    """Index of the first control, bidi or zero-width character, or None."""
    m = INVISIBLE.search(text)
    if m is not None:
        return m.start()
    if text.isascii():
        return None
    for i, ch in enumerate(text):  # anything else Unicode calls a format or control character
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n\t\r":
            return i
    return None
