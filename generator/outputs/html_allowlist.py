"""Defence in depth: the content HTML of every page is checked against an allowlist.

Validation refuses unsafe text before anything renders; this gate checks what Markdown actually
produced. Only the tags and attributes the project itself emits are allowed (prose, tables,
forms of the calculator, SVG figures and maps, cards with data-* attributes); links may point at
the site or at https:// pages, while images, scripts, styles and frames may only load from the
site itself. Anything else is reported, never stripped, so the build fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from xml.parsers import expat

_PROSE = (
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr i img kbd li mark ol p pre q s small span strong sub summary "
    "sup table tbody td tfoot th thead time tr u ul nav section article aside header footer"
)
_FORMS = (
    "form fieldset legend label input select option optgroup button output meter progress "
    "textarea dialog link noscript"
)
_SVG = (
    "svg g path circle ellipse line polyline polygon rect text tspan title desc defs use symbol "
    "marker lineargradient radialgradient stop clippath mask pattern animate animatetransform "
    "set"
)
TAGS = frozenset(f"{_PROSE} {_FORMS} {_SVG}".split())

# `markdown` is inert: md_in_html leaves it on a block nested in raw HTML.
# `popover` is the drill photos' lightbox (no script); it opens and closes only in the page.
_GLOBAL = "class id title lang dir role hidden tabindex markdown popover"
_BY_TAG = {
    "a": "href rel target download hreflang type",
    "img": "src alt width height loading decoding",
    "td": "colspan rowspan",
    "th": "colspan rowspan scope",
    "ol": "start reversed type",
    "li": "value",
    "details": "open",
    "time": "datetime",
    "col": "span",
    "colgroup": "span",
    "form": "novalidate autocomplete",
    "label": "for",
    "input": "type name value min max step placeholder required checked disabled readonly "
    "inputmode pattern autocomplete size maxlength minlength list",
    "select": "name required disabled multiple size",
    "option": "value selected disabled label",
    "optgroup": "label disabled",
    "button": "type name value disabled popovertarget popovertargetaction",
    "output": "for name",
    "meter": "value min max low high optimum",
    "progress": "value max",
    "fieldset": "disabled name",
    "textarea": "name rows cols placeholder readonly required disabled maxlength autocomplete",
    "dialog": "open",
    "link": "rel href type sizes",
}
# SVG presentation and geometry attributes (lower-cased by the parser).
_SVG_ATTRS = (
    "xmlns xmlns:xlink viewbox width height preserveaspectratio fill fill-opacity fill-rule "
    "stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset "
    "stroke-opacity opacity d cx cy r rx ry x y x1 y1 x2 y2 dx dy points transform "
    "text-anchor dominant-baseline font-size font-weight font-family letter-spacing "
    "marker-start marker-mid marker-end markerwidth markerheight refx refy orient markerunits "
    "offset stop-color stop-opacity gradientunits gradienttransform clip-path mask "
    "patternunits vector-effect paint-order focusable href xlink:href attributename "
    "attributetype values keytimes keysplines calcmode dur begin end repeatcount fill-mode from "
    "to by type additive accumulate pathlength visibility display shape-rendering"
)
_SVG_TAGS = frozenset(_SVG.split())
# data-src: a file the page's own script fetches (a drill's movement figure): the site's only.
_URL_ATTRS = frozenset(
    {"href", "src", "xlink:href", "action", "formaction", "poster", "data", "data-src"}
)
_LOCAL_ONLY = frozenset({"src", "poster", "data", "action", "formaction", "data-src"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Finding:
    """One thing outside the allowlist, at a line of the page's content HTML."""

    line: int
    what: str

    def format(self) -> str:
        return f"line {self.line} of the rendered content: {self.what}"


# The allowed attributes of each tag, computed once (the gate runs over every element built).
_GLOBAL_SET = frozenset(_GLOBAL.split())
_SVG_ATTR_SET = frozenset(_SVG_ATTRS.split())
_ALLOWED = {
    tag: _GLOBAL_SET
    | frozenset(_BY_TAG.get(tag, "").split())
    | (_SVG_ATTR_SET if tag in _SVG_TAGS else frozenset())
    for tag in TAGS
}


def _allowed_attr(tag: str, name: str) -> bool:
    return name in _ALLOWED.get(tag, _GLOBAL_SET) or name.startswith(("data-", "aria-"))


def url_problem(tag: str, name: str, value: str) -> str | None:
    """Why a URL value is outside the allowlist, or None."""
    value = value.strip()
    scheme = _SCHEME.match(value)
    if name in _LOCAL_ONLY or tag in ("use", "image", "link"):
        if scheme or value.startswith("//"):
            return f"<{tag} {name}> loads '{value[:60]}' from outside the site"
        return None
    if value.startswith("//") or (scheme and scheme.group(1).lower() != "https"):
        return f"<{tag} {name}> points at '{value[:60]}' (only https:// or the site's own pages)"
    return None


# A style sheet (SVG figures carry their own) may not load anything or run anything.
_CSS_FETCH = re.compile(
    r"@import|expression\s*\(|url\(\s*['\"]?\s*(?!#)[^)\s'\"]*:|url\(\s*['\"]?//", re.I
)


def _tag_findings(line: int, tag: str, attrs: list[tuple[str, str | None]]) -> list[Finding]:
    """What is outside the allowlist in one start tag (not <script>/<style>)."""
    if tag not in TAGS:
        return [Finding(line, f"<{tag}> is not an allowed tag")]
    out = []
    for name, value in attrs:
        if not _allowed_attr(tag, name):
            out.append(Finding(line, f"<{tag}> has attribute '{name}'"))
        elif name in _URL_ATTRS and value is not None:
            why = url_problem(tag, name, value)
            if why:
                out.append(Finding(line, why))
    return out


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.raw: str | None = None  # inside <style> or <script>

    def handle_data(self, data: str) -> None:
        if self.raw == "style" and _CSS_FETCH.search(data):
            self.findings.append(Finding(self.getpos()[0], "<style> loads or runs something"))
        elif self.raw == "script" and data.strip():
            self.findings.append(Finding(self.getpos()[0], "<script> with inline code"))

    def handle_endtag(self, tag: str) -> None:
        self.raw = None

    def _script(self, line: int, attrs: dict[str, str | None]) -> None:
        """Scripts load from the site itself; inline only as JSON data (never run)."""
        extra = set(attrs) - {"src", "type", "defer", "async", "id"}
        if extra:
            self.findings.append(Finding(line, f"<script> has attribute '{min(extra)}'"))
        if attrs.get("src"):
            why = url_problem("script", "src", attrs["src"] or "")
            if why:
                self.findings.append(Finding(line, why))
        elif attrs.get("type") != "application/json":
            self.raw = "script"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "script":
            self._script(line, dict(attrs))
            return
        if tag == "style" and not attrs:
            self.raw = "style"
            return
        self.findings += _tag_findings(line, tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.raw = None


def check_html(html: str) -> list[Finding]:
    """Everything in `html` (a page's content) outside the allowlist; empty when it passes."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.findings


# Generated pages and the files they are made from (the rest are hand-written under content/).
_SOURCES = (
    ("principles/", "content/principles/{}.md"),
    ("routines/", "content/routines/{}.yaml"),
    ("programs/", "content/programs/{}.yaml"),
    ("regions/", "content/_data/vocabularies.yaml"),
    ("uses/", "content/_data/vocabularies.yaml"),
    ("equipment/", "content/_data/vocabularies.yaml"),
)


def source_file(src_uri: str, files: dict[str, str], generated: bool) -> str:
    """The repository file a page comes from: a drill's YAML, a principle, or the page itself."""
    stem = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    if src_uri.startswith("drills/") and f"drill:{stem}" in files:
        return files[f"drill:{stem}"]
    if generated and stem != "index":
        for prefix, pattern in _SOURCES:
            if src_uri.startswith(prefix):
                return pattern.format(stem)
    return src_uri if generated else f"content/{src_uri}"


def check_svg(svg: str) -> list[Finding]:
    """Like `check_html`, for a standalone SVG the project draws (a drill figure): the same
    rules, read with the XML parser (expat, in C: about 3 times faster than html.parser on a
    figure). No <script>, no <style>, no DOCTYPE or processing instruction; it must be
    well-formed."""
    findings: list[Finding] = []
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        tag = tag.lower()
        if tag in ("script", "style"):
            findings.append(Finding(line, f"<{tag}> in a figure"))
        else:
            findings.extend(_tag_findings(line, tag, [(k.lower(), v) for k, v in attrs.items()]))

    def refuse(what: str) -> Callable[..., None]:
        return lambda *_: findings.append(Finding(parser.CurrentLineNumber, what))

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse("a DOCTYPE in a figure")
    parser.ProcessingInstructionHandler = refuse("a processing instruction in a figure")
    try:
        parser.Parse(svg, True)
    except expat.ExpatError as exc:
        findings.append(
            Finding(exc.lineno, f"not well-formed SVG: {expat.errors.messages[exc.code]}")
        )
    return findings
