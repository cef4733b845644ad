"""One validator for the CLI and the site build: every problem, each with file, line and fix.

Per-file checks run the pydantic model and translate its errors to YAML positions; then
vocabulary, safety and cross-file checks (ids, references, progression cycles) run on top.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load.documents import Document, PathKey
from generator.load.problems import Problem, closest, did_you_mean
from generator.model.drill import ID_PATTERN, NAME_RULE, VOCAB_FIELDS, Drill, Principle
from generator.model.knowledge import KnowledgeBase, Vocabulary
from generator.model.text import ATTR_LIST, INVISIBLE, SNIPPET, invisible_at, one_line
from generator.validate.placeholders import placeholder_problems
from generator.validate.poses import check_poses

_TYPE_WORDS = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
}
_SINGULAR = {"regions": "region", "planes": "plane", "categories": "category", "uses": "use"}
_RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!?]|&#|&[a-zA-Z]+;")
# javascript: and vbscript: are never prose; "data:" and "file:" only when a URL follows
# ("log the data: cadence" and "single file: one behind the other" are prose).
_BAD_SCHEME = re.compile(
    r"\b(?:(?:java|vb)script\s*:|data\s*:\s*[a-z]+/[a-z0-9.+-]+|file\s*:\s*/)", re.I
)
_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
# In a Markdown body, a link or image destination (inline or reference definition) whose
# scheme is not https, e.g. `](JaVaScRiPt:...)`, `]: data:...`, `](//host/x)`.
_LINK_SCHEME = re.compile(
    r"(?:\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)(?!https://|(?!//)[./#a-z0-9_-]*(?:[/#)\s>]|$))", re.I
)
_REMOTE_IMAGE = re.compile(r"!\[[^\]]*\](?:\(\s*<?(?:[a-z][a-z0-9+.-]*:|//)|\[)", re.I)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _model_at(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    """The pydantic model class that owns the last key of `loc`."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        inner = _submodel(info.annotation)
        if inner is None:
            return None
        current = inner
    return current


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _dotted(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def model_problems(doc: Document, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """Validate `doc.data` against `model`; return (instance or None, problems with positions)."""
    if not isinstance(doc.data, dict):
        return None, [
            doc.problem(
                (),
                f"expected a mapping of fields, got {describe(doc.data)}",
                "start from `drillbook new` or copy an existing file",
            )
        ]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = exc.errors()
        problems = [_translate(doc, model, err) for err in errors]
        return None, problems + _unchecked_lengths(doc, model, errors)


def _unchecked_lengths(doc: Document, model: type[BaseModel], errors: list[Any]) -> list[Problem]:
    """pydantic skips a list's length check when an item fails; report it in the same run."""
    problems = []
    failed = {
        err["loc"][0] for err in errors if len(err["loc"]) > 1 and isinstance(err["loc"][1], int)
    }
    for name in sorted(str(f) for f in failed):
        info = model.model_fields.get(name)
        value = doc.data.get(name) if isinstance(doc.data, dict) else None
        if info is None or not isinstance(value, list):
            continue
        for bound in info.metadata:
            low, high = getattr(bound, "min_length", None), getattr(bound, "max_length", None)
            if low is not None and len(value) < low:
                ctx = {"min_length": low, "actual_length": len(value)}
                problems.append(_length(doc, (name,), "too_short", ctx))
            if high is not None and len(value) > high:
                ctx = {"max_length": high, "actual_length": len(value)}
                problems.append(_length(doc, (name,), "too_long", ctx))
    return problems


def _mapping_at(data: Any, loc: PathKey) -> dict[str, Any]:
    """The mapping found at `loc` in the parsed data, or an empty one."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return data if isinstance(data, dict) else {}


def _translate(doc: Document, model: type[BaseModel], err: Any) -> Problem:
    """One pydantic error as a Problem at the YAML position of the value (or key) it names."""
    loc: PathKey = tuple(err["loc"])
    kind = err["type"]
    name = _dotted(loc)
    if kind == "extra_forbidden":
        return _unknown_key(doc, model, loc)
    if kind == "missing":
        return _missing(doc, model, loc)
    value = err.get("input")
    if kind in _TYPE_WORDS:
        return doc.problem(
            loc,
            f"'{name}' must be {_TYPE_WORDS[kind]}, got {describe(value)}",
            "fix the value's type (quote text, drop quotes around numbers)",
        )
    if kind == "string_pattern_mismatch":
        return _pattern(doc, loc, value, str(err.get("ctx", {}).get("pattern", "")))
    if kind in ("too_short", "string_too_short", "too_long", "string_too_long"):
        return _length(doc, loc, kind, err.get("ctx", {}))
    if kind.startswith(("greater_than", "less_than")):
        msg = err["msg"].replace("Input should be", "must be")
        return doc.problem(loc, f"'{name}' {msg}, got {describe(value)}", "pick a value in range")
    msg = str(err["msg"]).removeprefix("Value error, ")
    return doc.problem(loc, f"'{name}': {msg}", "")


def _unknown_key(doc: Document, model: type[BaseModel], loc: PathKey) -> Problem:
    owner = _model_at(model, loc)
    field_name = str(loc[-1])
    allowed = list(owner.model_fields) if owner else []
    # Suggest a field this mapping does not already have: 'cuse' is 'cues', not 'use'.
    present = _mapping_at(doc.data, loc[:-1])
    unused = [f for f in allowed if f not in present] or allowed
    match = closest(field_name, unused)
    hint = f"rename it to '{match}'" if match else f"remove it; allowed keys: {', '.join(allowed)}"
    return doc.problem(
        loc, f"unknown key '{field_name}'{did_you_mean(field_name, unused)}", hint, key=True
    )


def _missing(doc: Document, model: type[BaseModel], loc: PathKey) -> Problem:
    owner = _model_at(model, loc)
    field_name = str(loc[-1]) if loc else ""
    info = owner.model_fields.get(field_name) if owner else None
    desc = f" ({info.description})" if info and info.description else ""
    parent = loc[:-1]
    return doc.problem(
        parent,
        f"missing required field '{_dotted(loc)}'",
        f"add `{field_name}:`{desc}",
        key=bool(parent),
    )


def _pattern(doc: Document, loc: PathKey, value: Any, pattern: str) -> Problem:
    name = _dotted(loc)
    if "[a-z0-9]" in pattern:
        return doc.problem(
            loc,
            f"'{name}' value '{value}' is not a valid id",
            "use lower-case words joined by hyphens, e.g. 'ankle-circles'",
        )
    if name.endswith(("url", "video")):
        return doc.problem(
            loc, f"'{name}' must be an https:// link, got '{value}'", "use a full https:// address"
        )
    return doc.problem(
        loc,
        f"'{name}' contains characters that are not allowed",
        NAME_RULE.removeprefix("start with a letter or digit; "),
    )


def _length(doc: Document, loc: PathKey, kind: str, ctx: dict[str, Any]) -> Problem:
    name = _dotted(loc)
    short = "short" in kind
    bound = ctx.get("min_length", ctx.get("max_length"))
    what = "at least" if short else "at most"
    if kind.startswith("string"):
        fix = "write a complete, short line" if short else "shorten it; keep one idea per line"
        return doc.problem(loc, f"'{name}' must have {what} {bound} characters", fix)
    return doc.problem(
        loc,
        f"'{name}' needs {what} {bound} item(s), has {ctx.get('actual_length')}",
        "add items" if short else "keep the most useful ones",
    )


def vocabulary_problems(doc: Document, vocab: Vocabulary) -> list[Problem]:
    """Values of vocabulary fields that are not terms of their vocabulary."""
    problems: list[Problem] = []
    data = doc.data if isinstance(doc.data, dict) else {}
    for field_name, vocab_name in VOCAB_FIELDS.items():
        value = data.get(field_name)
        items = value if isinstance(value, list) else [value]
        allowed = vocab.ids(vocab_name)
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not isinstance(item, str):
                continue
            loc = (field_name, i) if isinstance(value, list) else (field_name,)
            if item in seen:
                problems.append(
                    doc.problem(loc, f"'{field_name}' lists '{item}' twice", "remove the repeat")
                )
            seen.add(item)
            if item not in allowed:
                problems.append(
                    doc.problem(
                        loc,
                        f"'{item}' is not a known {_SINGULAR.get(vocab_name, vocab_name)} term"
                        f"{did_you_mean(item, allowed)}",
                        f"use one of: {', '.join(allowed)} (or add the term to "
                        "content/_data/vocabularies.yaml)",
                    )
                )
    equipment = data.get("equipment")
    if isinstance(equipment, list) and "none" in equipment and len(equipment) > 1:
        problems.append(
            doc.problem(
                ("equipment",),
                "'none' cannot be combined with other equipment",
                "list only what is needed, or just [none]",
            )
        )
    return problems


def _strings(data: Any, loc: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _strings(v, (*loc, i))


def text_values(doc: Document) -> list[tuple[PathKey, str]]:
    """Every text value of a document with its location (recorded by the parser when it can)."""
    return doc.strings if doc.strings is not None else list(_strings(doc.data))


# Where text is a path or a URL: the kind of each file, from its folder.
_KINDS = (("drills/", "drill"), ("content/routines/", "routine"), ("content/programs/", "program"))


def _kind_of(path: str) -> str:
    return next((kind for prefix, kind in _KINDS if path.startswith(prefix)), "data")


def _field(loc: PathKey) -> str:
    return ".".join(str(p) for p in loc if not isinstance(p, int))


def text_problem(kind: str, field_name: str, text: str) -> tuple[int, str, str] | None:
    """The first unsafe thing in one text value: (index, what, fix), or None.

    Plain-text fields (see generator/model/text.py) are escaped where they land, so only what
    could survive escaping or break the page's structure is refused here.
    """
    bad = invisible_at(text)
    if bad is not None:
        what = f"an invisible or control character (U+{ord(text[bad]):04X})"
        return bad, what, "retype the text; remove control, zero-width and direction characters"
    body = text.strip()
    lead = len(text) - len(text.lstrip())
    if one_line(kind, field_name) and "\n" in body:
        return lead + body.index("\n"), "a line break", "keep it on one line (no newlines)"
    if "\n\n" in body.replace("\r", ""):
        return lead + body.index("\n"), "a blank line", "write it as one paragraph"
    found = [(m.start(), what, fix) for p, what, fix in _UNSAFE_TEXT if (m := p.search(text))]
    return min(found, key=lambda f: f[0]) if found else None  # the earliest, for its column


_UNSAFE_TEXT = (
    (
        _RAW_HTML,
        "HTML markup",
        "write plain text; '<' followed by a letter and HTML entities are not allowed",
    ),
    (_BAD_SCHEME, "a script or data URL", "remove it; links must be https:// addresses"),
    (_HANDLER, "an event-handler attribute", "remove the 'on...=' text"),
    (ATTR_LIST, "a Markdown attribute list", "remove the '{...}' part; braces are not allowed"),
    (SNIPPET, "a snippet include", "remove the '--8<--' marker"),
)


def safety_problems(doc: Document, kind: str | None = None) -> list[Problem]:
    """Refuse markup, attribute lists, line breaks and control characters in any text value:
    these files are untrusted input."""
    kind = kind or _kind_of(doc.path)
    problems = []
    for loc, text in text_values(doc):
        if text.isascii() and text.isprintable() and not any(c in text for c in "<&:={-"):
            continue  # nothing unsafe can match; skip the regexes
        found = text_problem(kind, _field(loc), text)
        if found is None:
            continue
        index, what, fix = found
        line, col = doc.at_char(loc, index)
        problems.append(Problem(doc.path, line, col, f"'{_dotted(loc)}' contains {what}", fix))
    return problems


def markdown_body_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """Principle bodies are Markdown (see generator/model/text.py); raw HTML, attribute lists,
    snippet includes, script URLs, images from other hosts and control characters are refused."""
    problems = []
    for offset, text in enumerate(body.splitlines()):
        for pattern, what, fix in _BODY_RULES:
            m = pattern.search(text)
            if m:
                problems.append(
                    Problem(path, first_line + offset, m.start() + 1, f"body contains {what}", fix)
                )
                break
    return problems


_BODY_RULES = (
    (INVISIBLE, "an invisible or control character", "retype the line"),
    (_RAW_HTML, "HTML markup", "use Markdown, not HTML"),
    (_LINK_SCHEME, "a script or data URL", "links must be https:// addresses or site pages"),
    (_REMOTE_IMAGE, "an image from another site", "put the picture in the site; no remote images"),
    (ATTR_LIST, "a Markdown attribute list", "remove the '{...}' part; braces are not allowed"),
    (SNIPPET, "a snippet include", "remove the '--8<--' marker"),
)


def id_problems(doc: Document, file_id: str, kind: str) -> list[Problem]:
    if not re.match(ID_PATTERN, file_id):
        return [
            Problem(
                doc.path,
                1,
                1,
                f"{kind} file name '{file_id}' is not a valid id",
                "rename the file to lower-case words joined by hyphens, e.g. 'ankle-circles.yaml'",
            )
        ]
    return []


SAME_DRILL_RULE = "compared ignoring case, accents, spaces and punctuation"


def fold(text: str) -> str:
    """The collision key of a name or id: only its letters and digits, without case or accents.

    'Farmer's Walk', 'Farmers Walk' and 'farmers-walk' are one drill; so are '3-4 Sit Up' and
    '3/4 Sit-Up', 'HIP  Circle' and 'hip-circle', 'Plié' and 'plie'. `check` (names and file ids)
    and `drillbook new` use this one rule.
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in decomposed if ch.isalnum())


def same_drill(text: str, existing: Iterable[str]) -> str | None:
    """The first of `existing` (in sorted order) that is the same drill as `text` under fold."""
    key = fold(text)
    return next((other for other in sorted(existing) if fold(other) == key), None)


def file_id_problems(paths: dict[str, str]) -> list[Problem]:
    """Drill files whose names collide once case, accents and punctuation are folded.

    `paths` maps file id (the stem) to its repo-relative path. 'Hip-Circle.yaml',
    'ｈｉｐ-circle.yaml' and 'hipcircle.yaml' would be the same page as 'hip-circle.yaml' on a
    case-insensitive disk or to a reader, so the later one in sorted order is refused, naming
    the first.
    """
    problems = []
    first: dict[str, str] = {}
    for file_id in sorted(paths, key=lambda i: (not re.match(ID_PATTERN, i), i)):
        key = fold(file_id)
        if key in first:
            problems.append(
                Problem(
                    paths[file_id],
                    1,
                    1,
                    f"drill file name '{file_id}' collides with drill '{first[key]}' "
                    f"(ids are {SAME_DRILL_RULE})",
                    f"rename the file to an id of its own, or merge it into {paths[first[key]]}",
                )
            )
        else:
            first[key] = file_id
    return problems


def cross_problems(
    kb: KnowledgeBase, docs: dict[str, Document], known_ids: set[str]
) -> list[Problem]:
    """Checks across files: collisions, references, self-links and progression cycles.

    `known_ids` holds every drill file present, valid or not, so one broken file does not make
    every drill that links to it fail too.
    """
    problems: list[Problem] = []
    seen_names: dict[str, str] = {}
    for drill_id, drill in sorted(kb.drills.items()):
        doc = docs[drill_id]
        key = fold(drill.name)
        if key in seen_names:
            problems.append(
                doc.problem(
                    ("name",),
                    f"name '{drill.name}' collides with drill '{seen_names[key]}'",
                    "give the drill a distinct name",
                )
            )
        else:
            seen_names[key] = drill_id
        for i, pid in enumerate(drill.principles):
            if pid not in kb.principles and pid not in kb.broken_principles:
                problems.append(
                    doc.problem(
                        ("principles", i),
                        f"unknown principle '{pid}'{did_you_mean(pid, kb.principles)}",
                        "use an id from content/principles/",
                    )
                )
        for rel in ("progressions", "regressions", "substitutes", "related"):
            for i, other in enumerate(getattr(drill, rel)):
                if other == drill_id:
                    problems.append(
                        doc.problem((rel, i), f"drill lists itself in '{rel}'", "remove its own id")
                    )
                elif other not in known_ids:
                    problems.append(
                        doc.problem(
                            (rel, i),
                            f"unknown drill '{other}' in '{rel}'{did_you_mean(other, known_ids)}",
                            "use the file name (without .yaml) of a drill in drills/",
                        )
                    )
        both = set(drill.progressions) & set(drill.regressions)
        for other in sorted(both):
            problems.append(
                doc.problem(
                    ("regressions",),
                    f"'{other}' is both a progression and a regression",
                    "keep it on one side",
                )
            )
    problems.extend(chain_warnings(kb, docs))
    problems.extend(cycle_problems(kb, docs))
    return problems


def chain_warnings(kb: KnowledgeBase, docs: dict[str, Document]) -> list[Problem]:
    """Coaching sense: a harder drill should not be a lower level, and a swap is not a step."""
    problems: list[Problem] = []
    for drill_id, drill in sorted(kb.drills.items()):
        doc = docs[drill_id]
        for i, harder in enumerate(drill.progressions):
            other = kb.drills.get(harder)
            if other is not None and other.level < drill.level:
                problems.append(
                    doc.problem(
                        ("progressions", i),
                        f"progression '{harder}' is level {other.level}, easier than this "
                        f"level-{drill.level} drill",
                        "list it as a regression instead, or fix one of the levels",
                        level="warning",
                    )
                )
        for i, easier in enumerate(drill.regressions):
            other = kb.drills.get(easier)
            if other is not None and other.level > drill.level:
                problems.append(
                    doc.problem(
                        ("regressions", i),
                        f"regression '{easier}' is level {other.level}, harder than this "
                        f"level-{drill.level} drill",
                        "list it as a progression instead, or fix one of the levels",
                        level="warning",
                    )
                )
        steps = set(kb.progressions_of(drill_id)) | set(kb.regressions_of(drill_id))
        for rel in ("substitutes", "related"):
            for i, other_id in enumerate(getattr(drill, rel)):
                if other_id in steps:
                    problems.append(
                        doc.problem(
                            (rel, i),
                            f"'{other_id}' is already a progression or regression of this drill",
                            f"remove it from '{rel}'",
                            level="warning",
                        )
                    )
    return problems


def cycle_problems(kb: KnowledgeBase, docs: dict[str, Document]) -> list[Problem]:
    """A progression chain that returns to where it started can never end."""
    graph = {d: [h for h in kb.progressions_of(d) if h != d] for d in kb.drills}
    state: dict[str, int] = {}
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    start = min(cycle[:-1])
                    doc = docs[start]
                    problems.append(
                        doc.problem(
                            ("progressions",),
                            "progression cycle: " + " -> ".join(cycle),
                            "a chain must run from easier to harder; remove one link",
                        )
                    )
            elif state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return problems


def check_principle(doc: Document, file_id: str) -> tuple[Principle | None, list[Problem]]:
    principle, problems = model_problems(doc, Principle)
    problems += safety_problems(doc)
    if principle is not None and principle.id != file_id:
        problems.append(
            doc.problem(
                ("id",),
                f"id '{principle.id}' does not match the file name '{file_id}'",
                f"set `id: {file_id}` or rename the file",
            )
        )
    return principle, problems


def check_drill(
    doc: Document, file_id: str, vocab: Vocabulary
) -> tuple[Drill | None, list[Problem]]:
    drill, problems = model_problems(doc, Drill)
    problems += vocabulary_problems(doc, vocab)
    problems += safety_problems(doc)
    problems += id_problems(doc, file_id, "drill")
    if drill is not None and drill.poses is not None:
        found = check_poses(drill.poses, drill.steps, drill.equipment, drill.category)
        for path, message, fix in found:
            problems.append(doc.problem(path, message, fix))
    elif drill is not None:
        problems.append(
            doc.problem(
                (),
                "drill has no `poses:`, so its page and cards show no figure",
                "add a poses block (CONTRIBUTING.md, 'Posing a drill'; `drillbook new` writes "
                "one to start from) and preview it with `drillbook figure <id>`",
                level="warning",
            )
        )
    problems = placeholder_problems(doc, problems)
    errors = [p for p in problems if p.level == "error"]
    return (drill if not errors else None), problems
