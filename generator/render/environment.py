"""Render the knowledge base into Markdown pages with Jinja2 templates (no MkDocs here).

Pages are Markdown so the theme, search and link checks treat them like hand-written pages.
Untrusted drill text is escaped for the context it lands in (`escape.py`): HTML-escaped into
HTML blocks, which Markdown passes through untouched, or Markdown-escaped in headings and tables,
so a drill file can never inject markup, attributes or Markdown links. Cross links are Markdown
links (`../drills/<id>.md`) that MkDocs resolves and checks in strict mode.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup

from generator.model.knowledge import KnowledgeBase
from generator.model.site import SiteInfo
from generator.render import escape

TEMPLATES = Path(__file__).parent.parent / "templates"
ASSETS = Path(__file__).parent.parent / "assets"  # CSS and scripts published with the site

# A feature's pages (routines, programs, calculator): each returns {src_uri: markdown}.
PageProducer = Callable[[KnowledgeBase, "Renderer"], dict[str, str]]


def minutes(seconds: int) -> str:
    """Human time: '45 s', 'about 2 min'."""
    if seconds < 60:
        return f"{seconds} s"
    return f"about {round(seconds / 60)} min"


md_safe = escape.markdown_text  # text for a Markdown context (headings, cells, link text)


def front_matter(**fields: object) -> Markup:
    """A YAML front-matter block; values are HTML-escaped because the theme prints them raw."""
    lines = ["---", *(f"{key}: {escape.yaml_value(value)}" for key, value in fields.items())]
    lines.append("---")
    return Markup("\n".join(lines) + "\n")


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every `Renderer` in the process (keyed by source checksum).

    Each Renderer has its own Environment, because its globals (kb, site) differ; without this
    every routine and program sheet would compile its templates again.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


@dataclass
class Renderer:
    """One Jinja2 environment over generator/templates/, shared by every page and the PDFs."""

    kb: KnowledgeBase
    site: SiteInfo = field(default_factory=SiteInfo)
    helpers: Mapping[str, object] = field(default_factory=dict)  # features' template globals
    env: Environment = field(init=False)
    _rows: dict[str, Markup] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_BYTECODE,
        )
        # One filter per output context (generator/render/escape.py); autoescape covers the rest.
        self.env.filters.update(
            md=escape.markdown_text,
            html_line=escape.html_text,
            attr=escape.attribute,
            url=escape.url,
            markdown_block=escape.markdown_block,
        )
        self.env.filters["minutes"] = minutes
        self.env.globals.update(
            kb=self.kb,
            vocab=self.kb.vocab,
            site=self.site,
            front_matter=front_matter,
            label=self.kb.vocab.label,
            table_row=self.table_row,
        )
        self.env.globals.update(self.helpers)

    def table_row(self, drill_id: str) -> Markup:
        """A drill's row in the drill tables. A drill appears in about eight tables (its
        regions, uses, equipment, principles), so the row is rendered once and reused."""
        row = self._rows.get(drill_id)
        if row is None:
            macro = self.env.get_template("_macros.j2").module.drill_row  # type: ignore[attr-defined]
            row = self._rows[drill_id] = Markup(macro(drill_id))
        return row

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def drill_url(self, drill_id: str) -> str:
        """Absolute site URL of a drill page (for QR codes and calendar text)."""
        return self.site.url(f"drills/{drill_id}/")
